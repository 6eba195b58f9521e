package dev.provenance.maven;

import dev.provenance.oci.DockerConfig;
import dev.provenance.oci.ImageReference;
import dev.provenance.oci.RegistryCredentials;
import dev.provenance.oci.RegistryStore;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Opens a registry repository with credentials from settings.xml or the Docker config file, over HTTPS unless the
 * registry is on a loopback address or listed as insecure.
 */
final class RegistryAccess {

    private RegistryAccess() {}

    /** The settings of the caller that choose how the registry is reached. */
    record Config(
            List<String> insecureRegistries,
            String serverId,
            File dockerConfig,
            Settings settings,
            SettingsDecrypter decrypter,
            Duration timeout,
            int maxAttempts,
            Duration backoff) {}

    static RegistryStore open(ImageReference image, Config config, Log log) throws MojoExecutionException {
        boolean plainHttp = plainHttpAllowed(image.registry(), config.insecureRegistries());
        if (plainHttp) {
            log.warn("Using plain HTTP for the registry " + image.registry() + " (loopback or listed in"
                    + " insecureRegistries)");
        }
        Optional<RegistryCredentials> credentials = credentials(image, config);
        RegistryStore.Options options = new RegistryStore.Options(
                plainHttp, credentials, config.timeout(), config.maxAttempts(), config.backoff(), log::warn);
        return new RegistryStore(image, options);
    }

    /** Plain HTTP is allowed for loopback addresses and for registries the user listed. */
    static boolean plainHttpAllowed(String registry, List<String> insecureRegistries) {
        if (insecureRegistries != null
                && insecureRegistries.stream().map(String::trim).anyMatch(registry::equals)) {
            return true;
        }
        String host = registry.startsWith("[") ? registry.substring(1, registry.indexOf(']')) : registry.split(":")[0];
        if (host.equals("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Optional<RegistryCredentials> credentials(ImageReference image, Config config)
            throws MojoExecutionException {
        String id = config.serverId() == null || config.serverId().isBlank() ? image.registry() : config.serverId();
        Server server = config.settings() == null ? null : config.settings().getServer(id);
        if (server != null && server.getUsername() != null) {
            Server decrypted = config.decrypter()
                    .decrypt(new DefaultSettingsDecryptionRequest(server))
                    .getServer();
            return Optional.of(new RegistryCredentials(decrypted.getUsername(), decrypted.getPassword()));
        }
        Path dockerConfig =
                config.dockerConfig() != null ? config.dockerConfig().toPath() : defaultDockerConfig(System.getenv());
        try {
            return DockerConfig.credentials(dockerConfig, image.registry());
        } catch (IOException | RuntimeException e) {
            throw new MojoExecutionException("could not read registry credentials from " + dockerConfig + ": "
                    + e.getMessage() + "; fix the file or set the credentials in a settings.xml <server> with id "
                    + id);
        }
    }

    private static Path defaultDockerConfig(Map<String, String> environment) {
        String directory = environment.get("DOCKER_CONFIG");
        return directory != null
                ? Path.of(directory, "config.json")
                : Path.of(System.getProperty("user.home"), ".docker", "config.json");
    }
}
