package dev.provenance.maven;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SbomInputsTest {

    @Test
    void plainPropertyKeepsValue() {
        assertThat(SbomInputs.propertyText("env.profile", "ci")).isEqualTo("env.profile=ci");
    }

    @Test
    void secretPropertiesLoseValue() {
        for (String name : new String[] {
            "gpg.passphrase",
            "registry.password",
            "env.GITHUB_TOKEN",
            "aws.secretAccessKey",
            "nexus.auth",
            "signing.pin",
            "sonar.login",
            "db.pw",
            "env.PRIVATE_KEY"
        }) {
            assertThat(SbomInputs.propertyText(name, "hunter2"))
                    .as(name)
                    .isEqualTo(name + " (value left out)")
                    .doesNotContain("hunter2");
        }
    }
}
