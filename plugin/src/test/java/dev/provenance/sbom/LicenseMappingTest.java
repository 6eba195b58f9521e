package dev.provenance.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.junit.jupiter.api.Test;

class LicenseMappingTest {

    @Test
    void spdxNameBecomesId() {
        LicenseChoice choice =
                LicenseMapping.toLicenseChoice(List.of(new DeclaredLicense("Apache License, Version 2.0", null)));

        assertThat(choice.getLicenses()).extracting(License::getId).containsExactly("Apache-2.0");
        assertThat(choice.getLicenses()).extracting(License::getName).containsOnlyNulls();
    }

    @Test
    void spdxUrlBecomesId() {
        LicenseChoice choice = LicenseMapping.toLicenseChoice(
                List.of(new DeclaredLicense("The license", "https://opensource.org/licenses/MIT")));

        assertThat(choice.getLicenses()).extracting(License::getId).containsExactly("MIT");
    }

    @Test
    void unknownLicenseKeepsNameAndUrl() {
        LicenseChoice choice = LicenseMapping.toLicenseChoice(
                List.of(new DeclaredLicense("Example Corp Internal License", "https://example.com/license")));

        assertThat(choice.getLicenses()).hasSize(1);
        License license = choice.getLicenses().get(0);
        assertThat(license.getId()).isNull();
        assertThat(license.getName()).isEqualTo("Example Corp Internal License");
        assertThat(license.getUrl()).isEqualTo("https://example.com/license");
    }

    @Test
    void blankLicensesAreIgnored() {
        assertThat(LicenseMapping.toLicenseChoice(List.of(new DeclaredLicense(" ", null))))
                .isNull();
        assertThat(LicenseMapping.toLicenseChoice(List.of())).isNull();
    }

    @Test
    void duplicateIdsAppearOnce() {
        LicenseChoice choice = LicenseMapping.toLicenseChoice(List.of(
                new DeclaredLicense("Apache-2.0", null),
                new DeclaredLicense("Apache License, Version 2.0", "https://www.apache.org/licenses/LICENSE-2.0")));

        assertThat(choice.getLicenses()).extracting(License::getId).containsExactly("Apache-2.0");
    }
}
