package dev.provenance.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code sbom-schema-version-fail} configures {@code <schemaVersion>1.3</schemaVersion>}, which the goal rejects. */
class SbomSchemaVersionFailIT {

    @Test
    void unsupportedVersionFailsBuild() {
        SampleBuild build =
                SampleBuild.of("sbom-schema-version-fail").arguments("package").fails();
        List<String> errors = build.errorLines().stream()
                .filter(line -> line.contains("provenance-maven-plugin"))
                .toList();

        assertThat(errors).as("errors of the sbom goal").hasSize(1);
        String error = errors.get(0);
        assertThat(error).as("names the parameter").contains("<schemaVersion>");
        assertThat(error).as("names the user property").contains("provenance.sbom.schemaVersion");
        assertThat(error).as("names the value").contains("1.3");
        assertThat(error).as("names the supported versions").contains("1.4", "1.5", "1.6");
        assertThat(build.directory().resolve("target/bom.json")).doesNotExist();
    }
}
