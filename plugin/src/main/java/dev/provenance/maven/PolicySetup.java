package dev.provenance.maven;

import dev.provenance.openpgp.KeyLookup;
import dev.provenance.openpgp.KeyServerClient;
import dev.provenance.openpgp.OpenPgpFormatException;
import dev.provenance.openpgp.PublicKeys;
import dev.provenance.openpgp.SignatureVerifier;
import dev.provenance.policy.ArtifactResult;
import dev.provenance.policy.ArtifactVerifier;
import dev.provenance.policy.Digests;
import dev.provenance.policy.Policy;
import dev.provenance.policy.PolicyException;
import dev.provenance.policy.PolicyParser;
import dev.provenance.policy.ResolvedArtifact;
import dev.provenance.policy.VerificationCache;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;

/** The policy, its keys, the keyserver client and the cache, loaded once per goal execution. */
final class PolicySetup {

    private final Policy policy;
    private final PublicKeys keys;
    private final String keyringDigest;
    private final KeyLookup keyLookup;
    private final VerificationCache cache;

    private PolicySetup(
            Policy policy, PublicKeys keys, String keyringDigest, KeyLookup keyLookup, VerificationCache cache) {
        this.policy = policy;
        this.keys = keys;
        this.keyringDigest = keyringDigest;
        this.keyLookup = keyLookup;
        this.cache = cache;
    }

    /** Reads the policy and its keyrings, and sets up the keyserver client unless Maven is offline. */
    static PolicySetup load(
            File policyFile, File cacheDirectory, boolean offline, int timeoutSeconds, int retries, Log log)
            throws MojoExecutionException {
        Path file = policyFile.toPath();
        if (!Files.isRegularFile(file)) {
            throw new MojoExecutionException("Policy file " + file + " not found: create it with"
                    + " `mvn provenance:record-policy`, or point <policyFile> (provenance.policy.file) at it");
        }
        Policy policy;
        try {
            policy = PolicyParser.parse(file);
        } catch (PolicyException e) {
            throw new MojoExecutionException("Invalid policy: " + e.getMessage(), e);
        }

        // Keys: the keyrings the policy names, and a digest of their bytes that cached results depend on.
        PublicKeys keys;
        String keyringDigest;
        try {
            keys = PublicKeys.read(policy.keyrings());
            keyringDigest = keyringDigest(policy.keyrings());
        } catch (OpenPgpFormatException e) {
            throw new MojoExecutionException("Invalid keyring in policy " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("Could not read the keyrings of " + file + ": " + e.getMessage(), e);
        }
        log.debug("Read " + keys.size() + " certificates from " + policy.keyrings());

        Path cache = cacheDirectory == null || cacheDirectory.getPath().isBlank() ? null : cacheDirectory.toPath();
        KeyLookup lookup = keyLookup(policy, cache, offline, timeoutSeconds, retries, log);
        return new PolicySetup(
                policy,
                keys,
                keyringDigest,
                lookup,
                new VerificationCache(cache == null ? null : cache.resolve("verification")));
    }

    private static KeyLookup keyLookup(
            Policy policy, Path cache, boolean offline, int timeoutSeconds, int retries, Log log)
            throws MojoExecutionException {
        if (policy.keyservers().isEmpty()) {
            return KeyLookup.NONE;
        }
        if (offline) {
            log.info("Not fetching missing keys from " + policy.keyservers() + ": Maven is offline");
            return KeyLookup.NONE;
        }
        if (timeoutSeconds <= 0 || retries < 0) {
            throw new MojoExecutionException("Invalid keyserver settings: <keyserverTimeout>"
                    + " (provenance.keyserver.timeout) must be at least 1 second and <keyserverRetries>"
                    + " (provenance.keyserver.retries) at least 0, but they are " + timeoutSeconds + " and " + retries);
        }
        return new KeyServerClient(
                policy.keyservers(),
                cache == null ? null : cache.resolve("keys"),
                Duration.ofSeconds(timeoutSeconds),
                retries,
                Duration.ofMillis(500),
                log::warn);
    }

    private static String keyringDigest(List<Path> keyrings) throws OpenPgpFormatException, IOException {
        List<String> parts = new ArrayList<>();
        for (Path keyring : keyrings) {
            for (Path file : PublicKeys.filesOf(keyring)) {
                parts.add(file.getFileName() + "=" + Digests.sha256(file));
            }
        }
        return Digests.sha256(String.join("\n", parts));
    }

    /**
     * Checks artifacts against an empty policy, for recording the first policy of a build: every artifact is then
     * reported as not allowed, with the issuer of each signature and its SHA-256.
     */
    static List<ArtifactResult> unchecked(List<ResolvedArtifact> artifacts) throws MojoExecutionException {
        Policy empty = new Policy(Path.of("provenance-policy.txt"), "none", List.of(), List.of(), Map.of(), List.of());
        PolicySetup setup =
                new PolicySetup(empty, PublicKeys.empty(), "none", KeyLookup.NONE, new VerificationCache(null));
        return setup.verify(artifacts, LocalDate.now(), 0);
    }

    Policy policy() {
        return policy;
    }

    PublicKeys keys() {
        return keys;
    }

    /** Checks the artifacts with the policy's keys, in parallel. */
    List<ArtifactResult> verify(List<ResolvedArtifact> artifacts, LocalDate today, int threads)
            throws MojoExecutionException {
        ArtifactVerifier verifier =
                new ArtifactVerifier(policy, new SignatureVerifier(keys, keyLookup), cache, keyringDigest, today);
        int count = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        try {
            return verifier.verifyAll(artifacts, count);
        } catch (IOException e) {
            throw new MojoExecutionException("Could not read an artifact to verify it: " + e.getMessage(), e);
        }
    }
}
