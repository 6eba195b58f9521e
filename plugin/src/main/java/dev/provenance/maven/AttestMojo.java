package dev.provenance.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenance.attestation.BuildRecord;
import dev.provenance.attestation.GateReportException;
import dev.provenance.attestation.GateReportReader;
import dev.provenance.attestation.GateResult;
import dev.provenance.attestation.Gates;
import dev.provenance.attestation.PredicateTypes;
import dev.provenance.attestation.ProvenancePredicate;
import dev.provenance.attestation.Statement;
import dev.provenance.attestation.Subject;
import dev.provenance.attestation.VerificationSummaryPredicate;
import dev.provenance.dsse.Envelope;
import dev.provenance.dsse.EnvelopeSigner;
import dev.provenance.io.AtomicFiles;
import dev.provenance.oci.AttestationPublisher;
import dev.provenance.oci.Descriptor;
import dev.provenance.oci.ImageReference;
import dev.provenance.oci.ImageTar;
import dev.provenance.oci.LayoutStore;
import dev.provenance.oci.Manifest;
import dev.provenance.oci.OciStore;
import dev.provenance.oci.RegistryStore;
import dev.provenance.oci.SignedAttestation;
import dev.provenance.signing.KeyException;
import dev.provenance.signing.PublicKeys;
import dev.provenance.signing.SigningKey;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.apache.maven.rtinfo.RuntimeInformation;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Signs in-toto attestations about the built container image and attaches them to it: SLSA provenance, the CycloneDX
 * SBOM and one SLSA verification summary per gate report, each in a DSSE envelope.
 *
 * <p>Without {@code push}, the envelopes are written under {@code target/provenance/attestations} and attached to the
 * image in an OCI image layout directory. With {@code push}, they are attached to the image in its registry in both
 * formats that admission controllers read: cosign's {@code sha256-<hex>.att} tag and Sigstore bundle referrers.
 *
 * @since 0.1.0
 */
@Mojo(
        name = "attest",
        defaultPhase = LifecyclePhase.VERIFY,
        requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
public class AttestMojo extends AbstractMojo {

    /**
     * The bundle size above which Kyverno's {@code type: SigstoreBundle} verifier skips a bundle. NOTE: taken as 10 MB
     * from a description of Kyverno 1.19; whether it means 10^7 or 2^20·10 bytes is unverified.
     */
    private static final int KYVERNO_MAX_BUNDLE_BYTES = 10 * 1000 * 1000;

    /**
     * Skips the goal.
     *
     * <p>Default {@code false}; user property {@code provenance.attest.skip}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.attest.skip", defaultValue = "false")
    boolean skip;

    /**
     * The image to attest, {@code [registry/]repository[:tag][@sha256:<hex>]}. A tag is resolved to the digest the
     * registry serves; in the layout, to the digest of that tag there. When unset, the image and digest that Jib wrote
     * to {@code jib-image.json} and {@code jib-image.digest} are used. For a multi-platform image the index digest is
     * attested, which is what a tag resolves to at admission.
     *
     * <p>No default; user property {@code provenance.attest.image}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.attest.image")
    String image;

    /**
     * The digest file Jib writes after {@code jib:build} or {@code jib:buildTar}.
     *
     * <p>Default {@code ${project.build.directory}/jib-image.digest}; user property
     * {@code provenance.attest.digestFile}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.attest.digestFile", defaultValue = "${project.build.directory}/jib-image.digest")
    File digestFile;

    /**
     * The image metadata file Jib writes; its {@code image} field names the image when {@code image} is unset.
     *
     * <p>Default {@code ${project.build.directory}/jib-image.json}; user property {@code provenance.attest.imageJson}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.attest.imageJson", defaultValue = "${project.build.directory}/jib-image.json")
    File imageJson;

    /**
     * The OCI image layout tar from {@code jib:buildTar} with {@code <format>OCI</format>}; without {@code push} it is
     * copied into {@code layoutDirectory} so that the layout contains the image next to its attestations.
     *
     * <p>Default {@code ${project.build.directory}/jib-image.tar}; user property {@code provenance.attest.imageTar}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.attest.imageTar", defaultValue = "${project.build.directory}/jib-image.tar")
    File imageTar;

    /**
     * Attaches the attestations to the image in its registry. When false, they go to {@code layoutDirectory}.
     *
     * <p>Default {@code false}; user property {@code provenance.attest.push}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.attest.push", defaultValue = "false")
    boolean push;

    /**
     * The OCI image layout directory that receives the attestations when {@code push} is false.
     *
     * <p>Default {@code ${project.build.directory}/provenance/oci}; user property {@code provenance.attest.layout}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.attest.layout", defaultValue = "${project.build.directory}/provenance/oci")
    File layoutDirectory;

    /**
     * The directory that receives one DSSE envelope file per attestation, {@code <name>.dsse.json}.
     *
     * <p>Default {@code ${project.build.directory}/provenance/attestations}; user property
     * {@code provenance.attest.outputDirectory}.
     *
     * @since 0.1.0
     */
    @Parameter(
            property = "provenance.attest.outputDirectory",
            defaultValue = "${project.build.directory}/provenance/attestations")
    File outputDirectory;

    /**
     * The private signing key: a PEM file holding a PKCS#8 key ({@code PRIVATE KEY} or {@code ENCRYPTED PRIVATE KEY}),
     * a SEC 1 {@code EC PRIVATE KEY}, or a cosign key ({@code ENCRYPTED SIGSTORE PRIVATE KEY}). ECDSA P-256 or P-384.
     *
     * <p>Required; user property {@code provenance.attest.keyFile}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.attest.keyFile")
    File keyFile;

    /**
     * The environment variable that contains the password of an encrypted key. The password is never a parameter, so that
     * it stays out of the command line and the POM.
     *
     * <p>Default {@code PROVENANCE_KEY_PASSWORD}; user property {@code provenance.attest.keyPasswordEnvironmentVariable}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.attest.keyPasswordEnvironmentVariable", defaultValue = "PROVENANCE_KEY_PASSWORD")
    String keyPasswordEnvironmentVariable;

    /**
     * The id of a settings.xml {@code <server>} whose {@code <password>} (which may be encrypted with Maven's master
     * password) is the key's password; used when the environment variable is not set.
     *
     * <p>No default; user property {@code provenance.attest.keyPasswordServerId}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.attest.keyPasswordServerId")
    String keyPasswordServerId;

    /**
     * The first day or instant the key may sign, ISO-8601 ({@code 2027-01-01} or {@code 2027-01-01T00:00:00Z}).
     *
     * <p>No default; user property {@code provenance.attest.keyNotBefore}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.attest.keyNotBefore")
    String keyNotBefore;

    /**
     * The last day or instant the key may sign, ISO-8601. Signing after it fails, so a retired key cannot sign.
     *
     * <p>No default; user property {@code provenance.attest.keyNotAfter}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.attest.keyNotAfter")
    String keyNotAfter;

    /**
     * The CycloneDX JSON SBOM that the {@code sbom} goal writes; attested when present.
     *
     * <p>Default {@code ${project.build.directory}/bom.json}; user property {@code provenance.attest.sbomFile}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.attest.sbomFile", defaultValue = "${project.build.directory}/bom.json")
    File sbomFile;

    /**
     * The JSON report of the {@code check-dependencies} goal; attested as the {@code dependencies} gate when present.
     *
     * <p>Default {@code ${project.build.directory}/provenance/check-dependencies.json}; user property
     * {@code provenance.attest.dependencyReport}.
     *
     * @since 0.1.0
     */
    @Parameter(
            property = "provenance.attest.dependencyReport",
            defaultValue = "${project.build.directory}/provenance/check-dependencies.json")
    File dependencyReport;

    /**
     * The JSON report of the {@code check-commits} goal; attested as the {@code commits} gate when present.
     *
     * <p>Default {@code ${project.build.directory}/provenance/commits.json}; user property
     * {@code provenance.attest.commitsReport}.
     *
     * @since 0.1.0
     */
    @Parameter(
            property = "provenance.attest.commitsReport",
            defaultValue = "${project.build.directory}/provenance/commits.json")
    File commitsReport;

    /**
     * The inputs that must exist, from {@code sbom}, {@code dependencies} and {@code commits}; a missing one fails the
     * build instead of being left out.
     *
     * <p>Default none; user property {@code provenance.attest.require} (comma-separated).
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.attest.require")
    List<String> require;

    /**
     * The SLSA {@code builder.id}: the identity of the system that ran the build, for example the CI workflow's URI.
     *
     * <p>Default {@code https://github.com/provenance-maven-plugin/provenance-maven-plugin/builders/maven/v1}; user
     * property {@code provenance.attest.builderId}.
     *
     * @since 0.1.0
     */
    @Parameter(
            property = "provenance.attest.builderId",
            defaultValue = "https://github.com/provenance-maven-plugin/provenance-maven-plugin/builders/maven/v1")
    String builderId;

    /**
     * Registries reached over plain HTTP, as {@code host[:port]}. Loopback addresses always are; every other registry
     * is reached over HTTPS.
     *
     * <p>Default none; user property {@code provenance.attest.insecureRegistries} (comma-separated).
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.attest.insecureRegistries")
    List<String> insecureRegistries;

    /**
     * The settings.xml {@code <server>} id with the registry credentials. When unset, the server whose id is the
     * registry host (with port) is used, then the Docker config file.
     *
     * <p>No default; user property {@code provenance.attest.registryServerId}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.attest.registryServerId")
    String registryServerId;

    /**
     * The Docker config file with registry credentials.
     *
     * <p>Default {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}; user property
     * {@code provenance.attest.dockerConfig}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.attest.dockerConfig")
    File dockerConfig;

    /**
     * The timeout of each registry request, in seconds.
     *
     * <p>Default {@code 30}; user property {@code provenance.attest.timeoutSeconds}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.attest.timeoutSeconds", defaultValue = RegistryAccess.DEFAULT_TIMEOUT_SECONDS)
    int timeoutSeconds;

    /**
     * How often a registry request is sent before the goal fails on 5xx responses or timeouts.
     *
     * <p>Default {@code 4}; user property {@code provenance.attest.maxAttempts}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "provenance.attest.maxAttempts", defaultValue = RegistryAccess.DEFAULT_MAX_ATTEMPTS)
    int maxAttempts;

    @Parameter(defaultValue = "${session}", readonly = true)
    MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Parameter(defaultValue = "${settings}", readonly = true)
    Settings settings;

    @Parameter(defaultValue = "${plugin.version}", readonly = true)
    String pluginVersion;

    @Component
    SettingsDecrypter settingsDecrypter;

    @Component
    RuntimeInformation runtimeInformation;

    /** The clock that timestamps and key validity use; tests replace it. */
    Clock clock = Clock.systemUTC();

    /** The environment the key password is read from; tests replace it. */
    Map<String, String> environment = System.getenv();

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping attest: provenance.attest.skip is true");
            return;
        }
        try {
            attest();
        } catch (KeyException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (GateReportException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (IOException | IllegalArgumentException e) {

            // IllegalArgumentException: a registry or layout returned a manifest or index that is not valid.
            throw new MojoExecutionException("attest failed: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new MojoExecutionException("signing failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("interrupted while attaching the attestations", e);
        }
    }

    private void attest()
            throws MojoExecutionException, KeyException, GateReportException, IOException, GeneralSecurityException,
                    InterruptedException {
        Map<String, String> requirements = requirements();
        SigningKey key = AttestKeys.load(
                keyFile,
                keyPasswordEnvironmentVariable,
                keyPasswordServerId,
                settings,
                settingsDecrypter,
                environment,
                keyNotBefore,
                keyNotAfter);
        key.checkValidAt(clock.instant());
        getLog().info("Signing with key " + PublicKeys.fingerprint(key.publicKey()) + " from " + keyFile);

        ImageReference reference = ImageSubjects.resolve(image, "provenance.attest.image", digestFile, imageJson);
        OciStore store = push ? registry(reference) : layout();
        Descriptor subject = subjectDescriptor(reference, store);
        ImageReference pinned = reference.withDigest(subject.digest());
        getLog().info("Attesting " + pinned);

        Map<String, Statement> statements =
                statements(new Subject(reference.name(), subject.digest().hex()), pinned, requirements);
        EnvelopeSigner signer = new EnvelopeSigner(key.privateKey());
        List<SignedAttestation> signed = new ArrayList<>();
        for (Map.Entry<String, Statement> entry : statements.entrySet()) {
            Envelope envelope =
                    signer.sign(Envelope.IN_TOTO_PAYLOAD_TYPE, entry.getValue().toJson());
            Path file =
                    writeAtomically(outputDirectory.toPath().resolve(entry.getKey() + ".dsse.json"), envelope.toJson());
            getLog().info("Wrote " + file + " (" + entry.getValue().predicateType() + ")");
            signed.add(new SignedAttestation(
                    entry.getValue().predicateType(), envelope, PublicKeys.hint(key.publicKey())));
        }

        Duration settle = push ? Duration.ofMillis(250) : Duration.ZERO;
        AttestationPublisher publisher =
                new AttestationPublisher(store, clock, settle, 6, line -> getLog().debug(line));
        List<String> written = publisher.publish(subject, signed);
        getLog().info("Attached " + signed.size() + " attestations to " + pinned + " in " + store.describe() + ": "
                + String.join(", ", written));
    }

    /** Reads the {@code require} list and rejects unknown names. */
    private Map<String, String> requirements() throws MojoExecutionException {
        Map<String, String> known = new LinkedHashMap<>();
        if (require == null) {
            return known;
        }
        for (String name : require) {
            String value = name.trim().toLowerCase(Locale.ROOT);
            if (value.isEmpty()) {
                continue;
            }
            if (!value.equals("sbom") && Gates.named(value).isEmpty()) {
                throw new MojoExecutionException(
                        "invalid <require> entry '" + name + "': expected sbom, dependencies or commits");
            }
            known.put(value, value);
        }
        return known;
    }

    /** Builds the statements in order: provenance, SBOM, then one summary per gate report present or required. */
    private Map<String, Statement> statements(Subject subject, ImageReference pinned, Map<String, String> requirements)
            throws IOException, GateReportException {
        Instant now = clock.instant();
        String mavenVersion = runtimeInformation == null ? "unknown" : runtimeInformation.getMavenVersion();
        BuildRecord build = AttestBuildRecord.collect(session, project, builderId, pluginVersion, mavenVersion, now);
        Map<String, Statement> statements = new LinkedHashMap<>();
        statements.put(
                "provenance",
                new Statement(List.of(subject), PredicateTypes.SLSA_PROVENANCE, ProvenancePredicate.of(build)));

        if (sbomFile.isFile() || requirements.containsKey("sbom")) {
            JsonNode bom = GateReportReader.readSbom(sbomFile.toPath());
            statements.put("sbom", new Statement(List.of(subject), PredicateTypes.CYCLONEDX, bom));
        } else {
            getLog().info("No SBOM attestation: " + sbomFile + " does not exist (the sbom goal writes it)");
        }
        for (Gates gate : Gates.values()) {
            File report = gate == Gates.DEPENDENCIES ? dependencyReport : commitsReport;
            if (!report.isFile() && !requirements.containsKey(gate.gateName())) {
                getLog().info("No " + gate.gateName() + " gate attestation: " + report + " does not exist (the "
                        + gate.goal() + " goal writes it)");
                continue;
            }
            GateResult result = GateReportReader.read(gate, report.toPath(), relative(report));
            ObjectNode predicate = VerificationSummaryPredicate.of(gate, result, pinned.toString(), pluginVersion, now);
            statements.put(
                    "gate-" + gate.gateName(),
                    new Statement(List.of(subject), PredicateTypes.VERIFICATION_SUMMARY, predicate));
            getLog().info("The " + gate.gateName() + " gate " + (result.passed() ? "passed" : "FAILED") + " per "
                    + report);
        }
        return statements;
    }

    private OciStore registry(ImageReference reference) throws MojoExecutionException {
        RegistryAccess.Parameters parameters = new RegistryAccess.Parameters(
                "provenance.attest", insecureRegistries, registryServerId, dockerConfig, timeoutSeconds, maxAttempts);
        return RegistryAccess.open(reference, parameters, settings, settingsDecrypter, getLog());
    }

    private OciStore layout() throws IOException {
        LayoutStore layout = LayoutStore.create(layoutDirectory.toPath());
        if (imageTar.isFile()) {
            ImageTar.importInto(imageTar.toPath(), layout);
            getLog().info("Copied the image from " + imageTar + " into " + layoutDirectory);
        }
        return layout;
    }

    /** Returns the descriptor of the image manifest or index: its media type, digest and size. */
    private Descriptor subjectDescriptor(ImageReference reference, OciStore store)
            throws IOException, MojoExecutionException {
        String lookup =
                reference.digest().map(Object::toString).orElse(reference.tag().orElse("latest"));
        if (store instanceof RegistryStore registry) {
            return registry.describe(lookup);
        }
        Optional<Manifest> manifest = store.manifest(lookup);
        if (manifest.isEmpty()) {
            throw new MojoExecutionException("the image " + reference + " is not in the layout " + layoutDirectory
                    + ": build it with jib:buildTar and <container><format>OCI</format></container> so that "
                    + imageTar + " exists, or set push to attach the attestations in the registry");
        }
        return manifest.get().descriptor();
    }

    private String relative(File file) {
        Path base = project.getBasedir().toPath();
        Path path = file.toPath();
        return path.startsWith(base) ? base.relativize(path).toString() : path.toString();
    }

    private static Path writeAtomically(Path file, byte[] bytes) throws IOException {
        AtomicFiles.write(file, bytes);
        return file;
    }
}
