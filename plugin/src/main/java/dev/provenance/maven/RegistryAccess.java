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
 * registry is on a loopback address or listed as insecure. The registry parameters of {@code attest} and
 * {@code verify-image} share their defaults, their checks and their meaning through this class. Each goal still
 * declares its own fields, because a parameter's user property is fixed in its annotation and the two goals use
 * different prefixes.
 */
final class RegistryAccess {

    /** The default of {@code timeoutSeconds}, as an annotation default value. */
    static final String DEFAULT_TIMEOUT_SECONDS = "30";

    /** The default of {@code maxAttempts}, as an annotation default value. verify-image has no such parameter and uses it. */
    static final String DEFAULT_MAX_ATTEMPTS = "4";

    /** The wait before the first retry, doubled for each further one. */
    private static final Duration BACKOFF = Duration.ofMillis(500);

    private RegistryAccess() {}

    /**
     * The registry parameters of one goal.
     *
     * @param propertyPrefix the prefix of the goal's user properties, such as {@code provenance.attest}, for messages
     * @param insecureRegistries registries reached over plain HTTP, {@code host[:port]}
     * @param serverId the settings.xml server id with the credentials, or null for the registry host
     * @param dockerConfig the Docker config file, or null for the default location
     * @param timeoutSeconds the timeout of each request, in seconds
     * @param maxAttempts how often a request is sent before 5xx responses or timeouts fail the goal
     */
    record Parameters(
            String propertyPrefix,
            List<String> insecureRegistries,
            String serverId,
            File dockerConfig,
            int timeoutSeconds,
            int maxAttempts) {}

    /**
     * Checks the parameters and opens the repository of {@code image}.
     *
     * @throws MojoExecutionException when a parameter is out of range or the credentials cannot be read
     */
    static RegistryStore open(
            ImageReference image, Parameters parameters, Settings settings, SettingsDecrypter decrypter, Log log)
            throws MojoExecutionException {
        check(parameters);
        boolean plainHttp = plainHttpAllowed(image.registry(), parameters.insecureRegistries());
        if (plainHttp) {
            log.warn("Using plain HTTP for the registry " + image.registry() + " (loopback or listed in"
                    + " insecureRegistries)");
        }
        Optional<RegistryCredentials> credentials = credentials(image, parameters, settings, decrypter);
        RegistryStore.Options options = new RegistryStore.Options(
                plainHttp,
                credentials,
                Duration.ofSeconds(parameters.timeoutSeconds()),
                parameters.maxAttempts(),
                BACKOFF,
                log::warn);
        return new RegistryStore(image, options);
    }

    private static void check(Parameters parameters) throws MojoExecutionException {
        if (parameters.timeoutSeconds() < 1) {
            throw new MojoExecutionException("invalid " + parameters.propertyPrefix() + ".timeoutSeconds "
                    + parameters.timeoutSeconds() + ": the request timeout must be at least 1 second; set it to "
                    + DEFAULT_TIMEOUT_SECONDS + " or more");
        }
        if (parameters.maxAttempts() < 1) {
            throw new MojoExecutionException("invalid " + parameters.propertyPrefix() + ".maxAttempts "
                    + parameters.maxAttempts() + ": a request must be sent at least once; set it to 1 for no retries"
                    + " or " + DEFAULT_MAX_ATTEMPTS + " for the default");
        }
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

    private static Optional<RegistryCredentials> credentials(
            ImageReference image, Parameters parameters, Settings settings, SettingsDecrypter decrypter)
            throws MojoExecutionException {
        String id = parameters.serverId() == null || parameters.serverId().isBlank()
                ? image.registry()
                : parameters.serverId();
        Server server = settings == null ? null : settings.getServer(id);
        if (server != null && server.getUsername() != null) {
            Server decrypted = decrypter
                    .decrypt(new DefaultSettingsDecryptionRequest(server))
                    .getServer();
            return Optional.of(new RegistryCredentials(decrypted.getUsername(), decrypted.getPassword()));
        }
        Path dockerConfig = parameters.dockerConfig() != null
                ? parameters.dockerConfig().toPath()
                : defaultDockerConfig(System.getenv());
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
