package dev.provenance.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Registry credentials: the registry requires HTTP Basic authentication (htpasswd), attest takes the credentials from a
 * settings.xml server and verify-image from a Docker config file.
 */
class RegistryAuthIT {

    private static final String USER = "builder";
    private static final String REGISTRY_PASSWORD = "registry-secret-4711";

    private static RegistryIT.LocalRegistry registry;
    private static Path credentials;

    @BeforeAll
    static void startRegistry() throws Exception {
        credentials = Files.createTempDirectory("registry-auth");
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        String hash = OpenBSDBCrypt.generate("2a", REGISTRY_PASSWORD.toCharArray(), salt, 6);
        Path htpasswd = Files.writeString(credentials.resolve("htpasswd"), USER + ":" + hash + "\n");
        registry = RegistryIT.LocalRegistry.start("""
                auth:
                  htpasswd:
                    realm: test
                    path: %s
                """.formatted(htpasswd));
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void credentialsFromSettingsAndDockerConfig() throws Exception {
        SampleBuild build = SampleBuild.of("attest-image");
        Path settings = writeSettings(build.directory(), REGISTRY_PASSWORD);
        Path dockerConfig = writeDockerConfig(build.directory(), REGISTRY_PASSWORD);

        // Jib sends credentials to a registry without TLS only when this JVM system property is set.
        build.environment("PROVENANCE_KEY_PASSWORD", "cosign-password")
                .environment("MAVEN_OPTS", "-DsendCredentialsOverHttp=true")
                .arguments(
                        "-s",
                        settings.toString(),
                        "package",
                        "jib:build",
                        "provenance:attest",
                        "provenance:verify-image",
                        "-Dregistry=" + registry.address(),
                        "-Djib.to.auth.username=" + USER,
                        "-Djib.to.auth.password=" + REGISTRY_PASSWORD,
                        "-Dprovenance.attest.push=true",
                        "-Dprovenance.verify.dockerConfig=" + dockerConfig)
                .succeeds();

        assertThat(build.log()).contains("verify-image passed: 8 attestations of " + registry.address());
    }

    @Test
    void wrongPasswordNamesCredentials() throws Exception {
        SampleBuild build = SampleBuild.of("attest-image");
        Path dockerConfig = writeDockerConfig(build.directory(), "wrong-password");

        build.arguments(
                        "provenance:verify-image",
                        "-Dprovenance.verify.image=" + registry.address() + "/samples/app:1.0",
                        "-Dprovenance.verify.dockerConfig=" + dockerConfig)
                .fails();

        assertThat(build.errorLines())
                .anyMatch(line -> line.contains("authentication failed: HEAD manifest 1.0 on "
                        + registry.address() + "/samples/app returned 401 Unauthorized; set the credentials for "
                        + registry.address()));
        assertThat(build.log()).doesNotContain("wrong-password");
    }

    private static Path writeSettings(Path directory, String password) throws Exception {
        return Files.writeString(directory.resolve("settings.xml"), """
                <settings>
                  <servers>
                    <server>
                      <id>%s</id>
                      <username>%s</username>
                      <password>%s</password>
                    </server>
                  </servers>
                </settings>
                """.formatted(registry.address(), USER, password));
    }

    private static Path writeDockerConfig(Path directory, String password) throws Exception {
        String auth = Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
        return Files.writeString(
                directory.resolve("docker-config.json"),
                "{\"auths\":{\"" + registry.address() + "\":{\"auth\":\"" + auth + "\"}}}");
    }
}
