package dev.provenance.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoordinatesTest {

    @ParameterizedTest
    @CsvSource({
        "org.example, lib, 1.0, '', jar, pkg:maven/org.example/lib@1.0?type=jar",
        "org.example, lib, 1.0, sources, jar, pkg:maven/org.example/lib@1.0?classifier=sources&type=jar",
        "org.example, lib, 1.0, tests, test-jar, pkg:maven/org.example/lib@1.0?classifier=tests&type=test-jar",
        "org.example, bom, 2.0, '', pom, pkg:maven/org.example/bom@2.0?type=pom",
        "org.example, lib, 1.0-SNAPSHOT, '', jar, pkg:maven/org.example/lib@1.0-SNAPSHOT?type=jar",
        "org.example, lib, '[1.0,2.0)', '', jar, pkg:maven/org.example/lib@%5B1.0%2C2.0%29?type=jar",
    })
    void purlHasSortedQualifiers(
            String groupId, String artifactId, String version, String classifier, String type, String expected) {
        Coordinates coordinates = new Coordinates(groupId, artifactId, version, classifier, type);

        assertThat(coordinates.purl()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"'', jar", "sources, jar"})
    void missingTypeMeansJar(String classifier, String expectedType) {
        Coordinates coordinates = new Coordinates("g", "a", "1", classifier, null);

        assertThat(coordinates.type()).isEqualTo(expectedType);
    }
}
