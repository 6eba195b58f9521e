package dev.provenance.sbom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.license.Expression;
import org.cyclonedx.util.LicenseResolver;

/**
 * Maps POM licenses onto CycloneDX licenses: an SPDX id where the name or the URL matches a license on the SPDX
 * list known to cyclonedx-core-java, the declared name and URL otherwise.
 */
final class LicenseMapping {

    private LicenseMapping() {}

    /** Returns the CycloneDX licenses for {@code declared}, or null when no license is declared. */
    static LicenseChoice toLicenseChoice(List<DeclaredLicense> declared) {
        Map<String, License> licenses = new LinkedHashMap<>();
        List<Expression> expressions = new ArrayList<>();
        for (DeclaredLicense license : declared) {
            if (license.isBlank()) {
                continue;
            }
            LicenseChoice resolved = resolve(license);
            if (resolved != null
                    && resolved.getLicenses() != null
                    && !resolved.getLicenses().isEmpty()) {
                for (License spdx : resolved.getLicenses()) {
                    licenses.putIfAbsent("id:" + spdx.getId(), idOnly(spdx));
                }
            } else if (resolved != null && resolved.getExpression() != null) {
                expressions.add(resolved.getExpression());
            } else {
                License named = new License();
                named.setName(license.name() == null || license.name().isBlank() ? license.url() : license.name());
                named.setUrl(license.url());
                licenses.putIfAbsent("name:" + named.getName(), named);
            }
        }

        LicenseChoice choice = new LicenseChoice();

        // CycloneDX allows either a list of licenses or a single expression, not both.
        if (licenses.isEmpty() && expressions.size() == 1) {
            choice.setExpression(expressions.get(0));
            return choice;
        }
        for (Expression expression : expressions) {
            License named = new License();
            named.setName(expression.getValue());
            licenses.putIfAbsent("name:" + named.getName(), named);
        }
        if (licenses.isEmpty()) {
            return null;
        }
        choice.setLicenses(new ArrayList<>(licenses.values()));
        return choice;
    }

    /**
     * Resolved licenses by declared name and URL. Most dependencies repeat a handful of licenses, and each lookup
     * that finds no SPDX license scans the whole list.
     */
    private static final Map<DeclaredLicense, Optional<LicenseChoice>> RESOLVED = new ConcurrentHashMap<>();

    private static LicenseChoice resolve(DeclaredLicense license) {
        return RESOLVED.computeIfAbsent(license, declared -> Optional.ofNullable(resolveUncached(declared)))
                .orElse(null);
    }

    private static LicenseChoice resolveUncached(DeclaredLicense license) {
        LicenseChoice byName = license.name() == null
                ? null
                : LicenseResolver.resolve(license.name().trim(), false);
        if (byName != null) {
            return byName;
        }
        return license.url() == null
                ? null
                : LicenseResolver.resolve(license.url().trim(), false);
    }

    private static License idOnly(License spdx) {
        License license = new License();
        license.setId(spdx.getId());
        return license;
    }
}
