package dev.provenance.maven;

import dev.provenance.attestation.Gates;
import dev.provenance.attestation.ImageVerifier;
import dev.provenance.oci.AttestationFinder;
import dev.provenance.oci.AttestationFormat;
import dev.provenance.oci.Digest;
import dev.provenance.oci.FoundAttestation;
import dev.provenance.oci.ImageReference;
import dev.provenance.oci.LayoutStore;
import dev.provenance.oci.Manifest;
import dev.provenance.oci.MediaTypes;
import dev.provenance.oci.OciStore;
import dev.provenance.oci.RegistryStore;
import dev.provenance.signing.KeyException;
import dev.provenance.signing.PublicKeys;
import java.io.File;
import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * The deployment gate: finds the attestations attached to an image in both formats and verifies each signature with the
 * trusted public keys and each subject against the image digest. It then checks that the required attestations are
 * present and that each gate passed, and fails with every reason found.
 *
 * @since 0.1.0
 */
@Mojo(name = "verify-image", requiresProject = false, threadSafe = true)
public class VerifyImageMojo extends AbstractMojo {

    /**
     * Skips the goal.
     *
     * <p>Default {@code false}; user property {@code provenance.verify.skip}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.verify.skip", defaultValue = "false")
    boolean skip;

    /**
     * The image to verify, {@code [registry/]repository[:tag][@sha256:<hex>]}; a tag is resolved to its digest first.
     * When unset, the image and digest Jib wrote are used.
     *
     * <p>No default; user property {@code provenance.verify.image}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.verify.image")
    String image;

    /**
     * An OCI image layout directory to verify instead of the registry, such as the one {@code attest} writes without
     * {@code push}.
     *
     * <p>No default; user property {@code provenance.verify.layout}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.verify.layout")
    File layout;

    /**
     * The digest file Jib writes, used when {@code image} is unset or names Jib's image without a digest.
     *
     * <p>Default {@code ${project.build.directory}/jib-image.digest}; user property
     * {@code provenance.verify.digestFile}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.verify.digestFile", defaultValue = "${project.build.directory}/jib-image.digest")
    File digestFile;

    /**
     * The image metadata file Jib writes, used when {@code image} is unset.
     *
     * <p>Default {@code ${project.build.directory}/jib-image.json}; user property {@code provenance.verify.imageJson}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.verify.imageJson", defaultValue = "${project.build.directory}/jib-image.json")
    File imageJson;

    /**
     * The trusted public keys, PEM {@code PUBLIC KEY} files; a signature by any of them is accepted.
     *
     * <p>Required; user property {@code provenance.verify.publicKeys} (comma-separated).
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.verify.publicKeys")
    List<File> publicKeys;

    /**
     * The gates whose verification summary must be attached with {@code verificationResult} {@code PASSED}: {@code dependencies},
     * {@code commits}.
     *
     * <p>Default {@code dependencies,commits}; user property {@code provenance.verify.gates}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.verify.gates", defaultValue = "dependencies,commits")
    List<String> gates;

    /**
     * Predicate types that must be attached besides the gates.
     *
     * <p>Default {@code https://slsa.dev/provenance/v1,https://cyclonedx.org/bom}; user property
     * {@code provenance.verify.predicateTypes}.
     *
     * @since 0.1.0
     */
    @Parameter(
            property = "provenance.verify.predicateTypes",
            defaultValue = "https://slsa.dev/provenance/v1,https://cyclonedx.org/bom")
    List<String> predicateTypes;

    /**
     * The formats in which every requirement must hold: {@code cosign} (the {@code .att} tag that Kyverno
     * {@code type: Cosign} and policy-controller read) and {@code bundle} (Sigstore bundle referrers, read by cosign 3
     * and Kyverno {@code type: SigstoreBundle}).
     *
     * <p>Default {@code cosign,bundle}; user property {@code provenance.verify.formats}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.verify.formats", defaultValue = "cosign,bundle")
    List<String> formats;

    /**
     * Registries reached over plain HTTP, as {@code host[:port]}; loopback addresses always are.
     *
     * <p>Default none; user property {@code provenance.verify.insecureRegistries} (comma-separated).
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.verify.insecureRegistries")
    List<String> insecureRegistries;

    /**
     * The settings.xml {@code <server>} id with the registry credentials; defaults to the registry host.
     *
     * <p>No default; user property {@code provenance.verify.registryServerId}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.verify.registryServerId")
    String registryServerId;

    /**
     * The Docker config file with registry credentials.
     *
     * <p>Default {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}; user property
     * {@code provenance.verify.dockerConfig}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.verify.dockerConfig")
    File dockerConfig;

    /**
     * The timeout of each registry request, in seconds.
     *
     * <p>Default {@code 30}; user property {@code provenance.verify.timeoutSeconds}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.verify.timeoutSeconds", defaultValue = RegistryAccess.DEFAULT_TIMEOUT_SECONDS)
    int timeoutSeconds;

    @Parameter(defaultValue = "${settings}", readonly = true)
    Settings settings;

    @Component
    SettingsDecrypter settingsDecrypter;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping verify-image: provenance.verify.skip is true");
            return;
        }
        List<PublicKey> keys = trustedKeys();
        ImageVerifier verifier = new ImageVerifier(keys, Set.copyOf(trimmed(predicateTypes)), gates(), formats());
        try {
            ImageReference reference = ImageSubjects.resolve(image, "provenance.verify.image", digestFile, imageJson);
            OciStore store = layout != null ? LayoutStore.open(layout.toPath()) : registry(reference);
            Digest digest = digest(reference, store);
            getLog().info("Verifying " + reference.withDigest(digest) + " in " + store.describe());

            List<FoundAttestation> found = new AttestationFinder(store).find(digest);
            ImageVerifier.Outcome outcome = verifier.verify(digest.hex(), found);
            for (ImageVerifier.VerifiedStatement statement : outcome.verified()) {
                if (!getLog().isDebugEnabled()) {
                    break;
                }
                getLog().debug("Verified " + statement.statement().predicateType() + " in the "
                        + statement.format().label() + " " + statement.location() + ", signed by "
                        + statement.keyFingerprint());
            }
            if (!outcome.passed()) {
                String message = failureMessage(reference.withDigest(digest), found.size(), outcome);
                if (found.isEmpty() && isPlatformManifest(store, digest)) {
                    message += System.lineSeparator() + digest + " is a single-platform image manifest. If it is one"
                            + " platform of a multi-platform image, verify the tag or the digest of the image index"
                            + " instead, because attest attaches the attestations to the index.";
                }
                throw new MojoFailureException(message);
            }
            getLog().info("verify-image passed: " + outcome.verified().size() + " attestations of "
                    + reference.withDigest(digest) + " verified");
        } catch (IOException | IllegalArgumentException e) {
            throw new MojoExecutionException("verify-image could not read the attestations: " + e.getMessage(), e);
        }
    }

    private static String failureMessage(ImageReference image, int found, ImageVerifier.Outcome outcome) {
        StringBuilder message = new StringBuilder("verify-image failed for ")
                .append(image)
                .append(": ")
                .append(outcome.failures().size())
                .append(" problem(s) among ")
                .append(found)
                .append(" attached attestation(s)");
        outcome.failures()
                .forEach(failure ->
                        message.append(System.lineSeparator()).append("  - ").append(failure));
        return message.toString();
    }

    private static boolean isPlatformManifest(OciStore store, Digest digest) throws IOException {
        return store.manifest(digest.toString())
                .map(Manifest::mediaType)
                .filter(MediaTypes.PLATFORM_MANIFEST_TYPES::contains)
                .isPresent();
    }

    private List<PublicKey> trustedKeys() throws MojoExecutionException {
        if (publicKeys == null || publicKeys.isEmpty()) {
            throw new MojoExecutionException("no trusted public keys: set <publicKeys> (property"
                    + " provenance.verify.publicKeys) to the PEM public keys of the signing keys");
        }
        List<PublicKey> keys = new ArrayList<>();
        for (File file : publicKeys) {
            try {
                PublicKey key = PublicKeys.read(file.toPath());
                getLog().info("Trusting public key " + PublicKeys.fingerprint(key) + " from " + file);
                keys.add(key);
            } catch (KeyException e) {
                throw new MojoExecutionException(e.getMessage(), e);
            }
        }
        return keys;
    }

    private List<Gates> gates() throws MojoExecutionException {
        List<Gates> result = new ArrayList<>();
        for (String name : trimmed(gates)) {
            result.add(Gates.named(name)
                    .orElseThrow(() -> new MojoExecutionException(
                            "invalid <gates> entry '" + name + "': expected dependencies or commits")));
        }
        return result;
    }

    private Set<AttestationFormat> formats() throws MojoExecutionException {
        Set<AttestationFormat> result = new LinkedHashSet<>();
        for (String name : trimmed(formats)) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "cosign" -> result.add(AttestationFormat.COSIGN_TAG);
                case "bundle" -> result.add(AttestationFormat.SIGSTORE_BUNDLE);
                default ->
                    throw new MojoExecutionException(
                            "invalid <formats> entry '" + name + "': expected cosign or bundle");
            }
        }
        return result;
    }

    private static List<String> trimmed(List<String> values) {
        return values == null
                ? List.of()
                : values.stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    private Digest digest(ImageReference reference, OciStore store) throws IOException, MojoExecutionException {
        if (reference.digest().isPresent()) {
            return reference.digest().get();
        }
        String tag = reference.tag().orElse("latest");
        if (store instanceof RegistryStore registry) {
            return registry.describe(tag).digest();
        }
        return store.manifest(tag)
                .map(Manifest::digest)
                .orElseThrow(() -> new MojoExecutionException(
                        "the tag " + tag + " is not in the layout " + layout + "; give the image with its digest"));
    }

    private OciStore registry(ImageReference reference) throws MojoExecutionException {
        RegistryAccess.Parameters parameters = new RegistryAccess.Parameters(
                "provenance.verify",
                insecureRegistries,
                registryServerId,
                dockerConfig,
                timeoutSeconds,
                Integer.parseInt(RegistryAccess.DEFAULT_MAX_ATTEMPTS));
        return RegistryAccess.open(reference, parameters, settings, settingsDecrypter, getLog());
    }
}
