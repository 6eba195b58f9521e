package dev.provenance.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads registry credentials from a Docker config file ({@code ~/.docker/config.json}): {@code auths.<registry>.auth}
 * (base64 of {@code user:password}) or {@code auths.<registry>.username} and {@code password}.
 *
 * <p>NOTE: credential helpers ({@code credsStore}, {@code credHelpers}) are not run; such registries need a
 * settings.xml server instead.
 */
public final class DockerConfig {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DockerConfig() {}

    /** Returns the credentials for {@code registry} in {@code file}, or empty when the file has none. */
    public static Optional<RegistryCredentials> credentials(Path file, String registry) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode auths = JSON.readTree(file.toFile()).path("auths");
        for (String key : new String[] {
            registry,
            "https://" + registry,
            "http://" + registry,
            registry.equals("docker.io") ? "https://index.docker.io/v1/" : registry
        }) {
            JsonNode entry = auths.path(key);
            if (entry.path("auth").isTextual()) {
                String decoded =
                        new String(Base64.getDecoder().decode(entry.get("auth").asText()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    return Optional.of(
                            new RegistryCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
                }
            }
            if (entry.path("username").isTextual() && entry.path("password").isTextual()) {
                return Optional.of(new RegistryCredentials(
                        entry.get("username").asText(), entry.get("password").asText()));
            }
        }
        return Optional.empty();
    }
}
