package dev.provenance.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoordinatePatternTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            org.example:lib:1.0                  | org.example:lib:1.0::jar          | true
            org.example:lib:1.0                  | org.example:lib:1.0::pom          | true
            org.example:lib:1.0                  | org.example:lib:1.0.1::jar        | false
            org.example                          | org.example:other:9::jar          | true
            org.example:*                        | org.example:lib:1.0:sources:jar   | true
            org.*:lib                            | org.example:lib:1.0::jar          | true
            org.*:lib                            | com.example:lib:1.0::jar          | false
            *:*-core:*                           | org.example:jackson-core:2::jar   | true
            org.example:lib:2.*                  | org.example:lib:2.17.1::jar       | true
            org.example:lib:2.*                  | org.example:lib:3.0::jar          | false
            org.example:lib:[2.12,3)             | org.example:lib:2.21.1::jar       | true
            org.example:lib:[2.12,3)             | org.example:lib:2.9::jar          | false
            org.example:lib:[2.12,3)             | org.example:lib:3.0::jar          | false
            org.example:lib:[2.12,3)             | org.example:lib:3.0-rc1::jar      | true
            org.example:lib:(,1.5]               | org.example:lib:1.5::jar          | true
            org.example:lib:[1.0]                | org.example:lib:1.0::jar          | true
            org.example:lib:[1.0],[3.0,)         | org.example:lib:3.1::jar          | true
            org.example:lib:[1.0],[3.0,)         | org.example:lib:2.0::jar          | false
            org.example:lib:1.0::jar             | org.example:lib:1.0::jar          | true
            org.example:lib:1.0::jar             | org.example:lib:1.0:tests:jar     | false
            org.example:lib:1.0:tests            | org.example:lib:1.0:tests:jar     | true
            org.example:lib:1.0:*:pom            | org.example:lib:1.0::pom          | true
            org.example:lib:1.0:*:pom            | org.example:lib:1.0::jar          | false
            org.example:lib:1.0-SNAPSHOT         | org.example:lib:1.0-SNAPSHOT::jar | true
            """)
    void patternMatches(String pattern, String coordinates, boolean expected) {
        assertThat(CoordinatePattern.parse(pattern).matches(ArtifactCoordinates.parse(coordinates)))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            org.example:lib:1.0:tests:jar:extra | the most is 5
            :lib                                | the groupId is empty
            org.example::1.0                    | the artifactId is empty
            org.example:lib:                    | the version is empty
            org.example:lib:1.0:tests:          | the type is empty
            org.example:l?b                     | the artifactId 'l?b' may contain only
            org.example:lib:[1.0                | invalid version range '[1.0'
            org.example:lib:[2.0,1.0]           | invalid version range '[2.0,1.0]'
            org.example:lib:${version}          | the version '${version}' may contain only
            """)
    void invalidPatternFails(String pattern, String message) {
        assertThatThrownBy(() -> CoordinatePattern.parse(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
