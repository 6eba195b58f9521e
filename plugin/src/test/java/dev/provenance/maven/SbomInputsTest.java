package dev.provenance.maven;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SbomInputsTest {

    @Test
    void plainPropertyKeepsValue() {
        assertThat(SbomInputs.userPropertyLine("env.profile", "ci")).isEqualTo("user env.profile=ci");
    }

    @Test
    void secretPropertiesLoseValue() {
        for (String name : new String[] {
            "gpg.passphrase", "registry.password", "GITHUB_TOKEN", "aws.secretAccessKey", "nexus.auth", "signing.pin"
        }) {
            assertThat(SbomInputs.userPropertyLine(name, "hunter2"))
                    .as(name)
                    .isEqualTo("user " + name + " (value left out)")
                    .doesNotContain("hunter2");
        }
    }
}
