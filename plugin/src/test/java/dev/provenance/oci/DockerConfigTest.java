package dev.provenance.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigTest {

    @TempDir
    Path temp;

    @Test
    void readsAuthField() throws Exception {
        // "builder:s3cret:with:colons" in base64: the password may contain colons.
        Path file = Files.writeString(
                temp.resolve("config.json"),
                "{\"auths\":{\"registry.example\":{\"auth\":\"YnVpbGRlcjpzM2NyZXQ6d2l0aDpjb2xvbnM=\"}}}");

        RegistryCredentials credentials =
                DockerConfig.credentials(file, "registry.example").orElseThrow();

        assertThat(credentials.username()).isEqualTo("builder");
        assertThat(credentials.password()).isEqualTo("s3cret:with:colons");
    }

    @Test
    void readsUsernameAndPasswordUnderHttpsKey() throws Exception {
        Path file = Files.writeString(
                temp.resolve("config.json"),
                "{\"auths\":{\"https://registry.example\":{\"username\":\"u\",\"password\":\"p\"}}}");

        assertThat(DockerConfig.credentials(file, "registry.example")).contains(new RegistryCredentials("u", "p"));
    }

    @Test
    void otherRegistryHasNone() throws Exception {
        Path file = Files.writeString(
                temp.resolve("config.json"),
                "{\"auths\":{\"registry.example\":{\"username\":\"u\",\"password\":\"p\"}}}");

        assertThat(DockerConfig.credentials(file, "other.example")).isEmpty();
    }

    @Test
    void missingFileHasNone() throws Exception {
        assertThat(DockerConfig.credentials(temp.resolve("absent.json"), "registry.example"))
                .isEmpty();
    }

    @Test
    void toStringHidesPassword() {
        assertThat(new RegistryCredentials("u", "secret").toString()).doesNotContain("secret");
    }
}
