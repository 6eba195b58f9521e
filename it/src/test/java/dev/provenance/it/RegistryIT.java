package dev.provenance.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenance.dsse.Envelope;
import dev.provenance.dsse.EnvelopeSigner;
import dev.provenance.oci.AttestationFinder;
import dev.provenance.oci.AttestationFormat;
import dev.provenance.oci.AttestationPublisher;
import dev.provenance.oci.Descriptor;
import dev.provenance.oci.Digest;
import dev.provenance.oci.FoundAttestation;
import dev.provenance.oci.ImageReference;
import dev.provenance.oci.Manifest;
import dev.provenance.oci.RegistryStore;
import dev.provenance.oci.SignedAttestation;
import dev.provenance.signing.PrivateKeyReader;
import dev.provenance.signing.PublicKeys;
import dev.provenance.signing.SigningKey;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * attest and verify-image against a real registry: Debian's docker-registry (distribution 2.8, no referrers API) on
 * 127.0.0.1, an image pushed by Jib, and skopeo and openssl as independent checks.
 */
class RegistryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "PROVENANCE_KEY_PASSWORD";

    private static LocalRegistry registry;
    private static SampleBuild pushed;
    private static Digest image;

    @BeforeAll
    static void pushAndAttest() throws Exception {
        registry = LocalRegistry.start();
        pushed = SampleBuild.of("attest-image")
                .environment(PASSWORD, "cosign-password")
                .arguments(
                        "package",
                        "jib:build",
                        "provenance:attest",
                        "provenance:verify-image",
                        "-Dregistry=" + registry.address(),
                        "-Dprovenance.attest.push=true")
                .succeeds();
        image = Digest.parse(Files.readString(pushed.directory().resolve("target/jib-image.digest"))
                .trim());
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void pushedAttestationsVerify() {
        String pinned = registry.address() + "/samples/app:1.0@" + image;

        assertThat(pushed.log())
                .contains("Attached 4 attestations to " + pinned + " in " + registry.address() + "/samples/app");
        assertThat(pushed.log()).contains("verify-image passed: 8 attestations of " + pinned);
        assertThat(pushed.log()).doesNotContain("cosign-password");
    }

    /** skopeo lists the cosign tag and the referrers tag, and fetches both manifests. */
    @Test
    void skopeoFetchesAttestationManifests() throws Exception {
        String repository = "docker://" + registry.address() + "/samples/app";

        Tool.Result tags = Tool.run("skopeo", "list-tags", "--tls-verify=false", repository);
        Tool.Result att = Tool.run(
                "skopeo", "inspect", "--raw", "--tls-verify=false", repository + ":" + image.tagForm() + ".att");
        Tool.Result referrers =
                Tool.run("skopeo", "inspect", "--raw", "--tls-verify=false", repository + ":" + image.tagForm());

        assertThat(tags.exitCode()).as(tags.output()).isZero();
        assertThat(JSON.readTree(tags.output()).get("Tags"))
                .extracting(JsonNode::asText)
                .contains("1.0", image.tagForm() + ".att", image.tagForm());
        assertThat(att.exitCode()).as(att.output()).isZero();
        assertThat(JSON.readTree(att.output()).get("layers"))
                .hasSize(4)
                .allSatisfy(layer ->
                        assertThat(layer.get("mediaType").asText()).isEqualTo("application/vnd.dsse.envelope.v1+json"));
        JsonNode entries = JSON.readTree(referrers.output()).get("manifests");
        assertThat(entries).hasSize(4);
        String referrer = entries.get(0).get("digest").asText();
        Tool.Result bundle = Tool.run("skopeo", "inspect", "--raw", "--tls-verify=false", repository + "@" + referrer);
        assertThat(JSON.readTree(bundle.output()).get("artifactType").asText())
                .isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
        assertThat(JSON.readTree(bundle.output()).get("subject").get("digest").asText())
                .isEqualTo(image.toString());
    }

    /** openssl checks the signature of an envelope fetched from the registry over its PAE bytes. */
    @Test
    void opensslVerifiesPushedEnvelope() throws Exception {
        RegistryStore store = store("samples/app");
        Manifest att = store.manifest(image.tagForm() + ".att").orElseThrow();
        Digest layer =
                Digest.parse(att.json().get("layers").get(0).get("digest").asText());
        Envelope envelope = Envelope.parse(store.blob(layer));
        Path work = pushed.directory();
        Path pae = Files.write(work.resolve("pae.bin"), envelope.pae());
        Path sig = Files.write(
                work.resolve("sig.der"), envelope.signatures().get(0).sig());

        Tool.Result openssl = Tool.run(
                "openssl",
                "dgst",
                "-sha256",
                "-verify",
                work.resolve("keys/cosign.pub").toString(),
                "-signature",
                sig.toString(),
                pae.toString());

        assertThat(openssl.exitCode()).as(openssl.output()).isZero();
        assertThat(openssl.output()).contains("Verified OK");
    }

    @Test
    void tagIsResolvedToDigest() {
        SampleBuild build = verify(registry.address() + "/samples/app:1.0").succeeds();

        assertThat(build.log()).contains("Verifying " + registry.address() + "/samples/app:1.0@" + image);
    }

    @Test
    void wrongKeyFails() {
        SampleBuild build = verify(
                        registry.address() + "/samples/app@" + image, "-Dprovenance.verify.publicKeys=keys/other.pub")
                .fails();

        assertThat(build.log())
                .contains("verify-image failed for " + registry.address() + "/samples/app@" + image
                        + ": 17 problem(s) among 8 attached attestation(s)");
        assertThat(build.log()).contains("the signature does not verify with any trusted key");
    }

    @Test
    void changedPayloadFails() throws Exception {
        RegistryStore copy = copyTo("tampered/payload");
        Manifest att = copy.manifest(image.tagForm() + ".att").orElseThrow();
        ObjectNode manifest = (ObjectNode) att.json();
        ObjectNode layer = (ObjectNode) manifest.get("layers").get(0);
        Envelope original =
                Envelope.parse(copy.blob(Digest.parse(layer.get("digest").asText())));
        byte[] payload = new String(original.payload(), StandardCharsets.UTF_8)
                .replace("\"goals\":\"", "\"goals\":\"deploy ")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tampered = new Envelope(original.payloadType(), payload, original.signatures()).toJson();
        copy.putBlob(tampered);
        layer.put("digest", Digest.of(tampered).toString());
        layer.put("size", tampered.length);
        copy.putManifest(image.tagForm() + ".att", JSON.writeValueAsBytes(manifest), att.mediaType(), Optional.empty());

        SampleBuild build =
                verify(registry.address() + "/tampered/payload@" + image).fails();

        assertThat(build.log())
                .contains("cosign .att tag " + image.tagForm() + ".att layer 0 (" + Digest.of(tampered)
                        + "): the signature does not verify with any trusted key");
    }

    @Test
    void otherImageDigestFails() throws Exception {
        RegistryStore copy = copyTo("tampered/subject");
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(StandardCharsets.UTF_8);
        copy.putBlob(config);
        byte[] other = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
                        + Descriptor.of("application/vnd.oci.image.config.v1+json", config)
                                .toJson() + ",\"layers\":[]}")
                .getBytes(StandardCharsets.UTF_8);
        copy.putManifest("other", other, "application/vnd.oci.image.manifest.v1+json", Optional.empty());
        Digest otherDigest = Digest.of(other);

        // Attach the first image's attestations to the other image, as a pipeline promoting an unchecked image would.
        Manifest att = copy.manifest(image.tagForm() + ".att").orElseThrow();
        copy.putManifest(otherDigest.tagForm() + ".att", att.bytes(), att.mediaType(), Optional.empty());
        Manifest referrers = copy.manifest(image.tagForm()).orElseThrow();
        copy.putManifest(otherDigest.tagForm(), referrers.bytes(), referrers.mediaType(), Optional.empty());

        SampleBuild build =
                verify(registry.address() + "/tampered/subject@" + otherDigest).fails();

        assertThat(build.log())
                .contains("the statement's subject digests [" + image + "] do not include the image digest "
                        + otherDigest + "; it attests another image");
        assertThat(build.log()).contains("its subject is " + image + ", not the image " + otherDigest);
    }

    @Test
    void missingGateFails() throws Exception {
        RegistryStore copy = copyTo("tampered/gate");
        Manifest att = copy.manifest(image.tagForm() + ".att").orElseThrow();
        ObjectNode manifest = (ObjectNode) att.json();
        ((ArrayNode) manifest.get("layers")).remove(3);
        copy.putManifest(image.tagForm() + ".att", JSON.writeValueAsBytes(manifest), att.mediaType(), Optional.empty());
        Manifest referrers = copy.manifest(image.tagForm()).orElseThrow();
        ObjectNode index = (ObjectNode) referrers.json();
        ((ArrayNode) index.get("manifests")).remove(3);
        copy.putManifest(image.tagForm(), JSON.writeValueAsBytes(index), referrers.mediaType(), Optional.empty());

        SampleBuild build =
                verify(registry.address() + "/tampered/gate@" + image).fails();

        assertThat(build.log()).contains("cosign .att tag: no verified verification summary for the commits gate");
        assertThat(build.log())
                .contains("Sigstore bundle referrer: no verified verification summary for the commits gate");
    }

    /** A multi-platform tag resolves to its index, so the index digest is the subject that admission checks. */
    @Test
    void indexDigestIsAttested() throws Exception {
        RegistryStore source = store("samples/app");
        RegistryStore multi = store("samples/multi");
        copyManifest(source, multi, image.toString(), image.toString());
        Descriptor child = multi.describe(image.toString());
        byte[] index =
                ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{"
                                + "\"mediaType\":\"" + child.mediaType() + "\",\"digest\":\"" + child.digest()
                                + "\",\"size\":"
                                + child.size() + ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}")
                        .getBytes(StandardCharsets.UTF_8);
        multi.putManifest("1.0", index, "application/vnd.oci.image.index.v1+json", Optional.empty());
        Digest indexDigest = Digest.of(index);
        String tagged = registry.address() + "/samples/multi:1.0";

        SampleBuild build = SampleBuild.of("attest-image")
                .environment(PASSWORD, "cosign-password")
                .arguments(
                        "provenance:attest",
                        "provenance:verify-image",
                        "-Dprovenance.attest.push=true",
                        "-Dprovenance.attest.image=" + tagged,
                        "-Dprovenance.verify.image=" + tagged)
                .succeeds();

        assertThat(build.log()).contains("Attesting " + tagged + "@" + indexDigest);
        assertThat(build.log()).contains("verify-image passed: 8 attestations of " + tagged + "@" + indexDigest);
        JsonNode entry = multi.manifest(indexDigest.tagForm())
                .orElseThrow()
                .json()
                .get("manifests")
                .get(0);
        JsonNode referrer =
                multi.manifest(entry.get("digest").asText()).orElseThrow().json();
        assertThat(referrer.get("subject").get("mediaType").asText())
                .isEqualTo("application/vnd.oci.image.index.v1+json");
        assertThat(referrer.get("subject").get("size").asLong()).isEqualTo(index.length);
    }

    /** Two writers attach to one image at once, and the check after each write finds and repairs any overwrite. */
    @Test
    void concurrentPublishersLoseNothing() throws Exception {
        RegistryStore copy = copyTo("concurrent/app");
        Descriptor subject = copy.describe(image.toString());
        SigningKey key =
                PrivateKeyReader.read(pushed.directory().resolve("keys/cosign.key"), "cosign-password".toCharArray());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int writer = 0; writer < 2; writer++) {
            SignedAttestation attestation = attestation(key, "writer-" + writer);
            Callable<List<String>> publish = () -> new AttestationPublisher(
                            store("concurrent/app"), Clock.systemUTC(), Duration.ofMillis(250), 8, line -> {})
                    .publish(subject, List.of(attestation));
            results.add(pool.submit(publish));
        }
        for (Future<List<String>> result : results) {
            result.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();

        List<FoundAttestation> found = new AttestationFinder(copy).find(image);
        assertThat(found)
                .filteredOn(f -> f.format() == AttestationFormat.COSIGN_TAG)
                .hasSize(6);
        assertThat(found)
                .filteredOn(f -> f.format() == AttestationFormat.SIGSTORE_BUNDLE)
                .hasSize(6);
    }

    private static SignedAttestation attestation(SigningKey key, String text) throws Exception {
        String statement = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"x\",\"digest\":"
                + "{\"sha256\":\"" + image.hex()
                + "\"}}],\"predicateType\":\"https://example.com/t\",\"predicate\":{\"t\":\""
                + text + "\"}}";
        Envelope envelope = new EnvelopeSigner(key.privateKey())
                .sign(Envelope.IN_TOTO_PAYLOAD_TYPE, statement.getBytes(StandardCharsets.UTF_8));
        return new SignedAttestation("https://example.com/t", envelope, PublicKeys.hint(key.publicKey()));
    }

    private static SampleBuild verify(String imageReference, String... extra) {
        List<String> arguments = new ArrayList<>(List.of(
                "provenance:verify-image",
                "-Dprovenance.verify.image=" + imageReference,
                "-Dprovenance.verify.digestFile=absent",
                "-Dprovenance.verify.imageJson=absent"));
        arguments.addAll(List.of(extra));
        return SampleBuild.of("attest-image").arguments(arguments.toArray(String[]::new));
    }

    private static RegistryStore store(String repository) {
        ImageReference reference = ImageReference.parse(registry.address() + "/" + repository);
        return new RegistryStore(
                reference,
                new RegistryStore.Options(
                        true, Optional.empty(), Duration.ofSeconds(30), 3, Duration.ofMillis(200), line -> {}));
    }

    /** Copies the image, its .att manifest and its referrers with their blobs into another repository. */
    private static RegistryStore copyTo(String repository) throws IOException {
        RegistryStore source = store("samples/app");
        RegistryStore target = store(repository);
        copyManifest(source, target, image.toString(), "1.0");
        copyManifest(source, target, image.tagForm() + ".att", image.tagForm() + ".att");
        Manifest index = source.manifest(image.tagForm()).orElseThrow();
        for (JsonNode entry : index.json().get("manifests")) {
            copyManifest(
                    source,
                    target,
                    entry.get("digest").asText(),
                    entry.get("digest").asText());
        }
        target.putManifest(image.tagForm(), index.bytes(), index.mediaType(), Optional.empty());
        return target;
    }

    private static void copyManifest(RegistryStore source, RegistryStore target, String from, String to)
            throws IOException {
        Manifest manifest = source.manifest(from).orElseThrow();
        JsonNode json = manifest.json();
        List<JsonNode> blobs = new ArrayList<>();
        blobs.add(json.get("config"));
        json.get("layers").forEach(blobs::add);
        for (JsonNode blob : blobs) {
            target.putBlob(source.blob(Digest.parse(blob.get("digest").asText())));
        }
        target.putManifest(to, manifest.bytes(), manifest.mediaType(), Optional.empty());
    }

    /** Debian's docker-registry serving a temporary directory on a free loopback port. */
    static final class LocalRegistry implements AutoCloseable {

        private final Process process;
        private final String address;
        private final Path directory;

        private LocalRegistry(Process process, String address, Path directory) {
            this.process = process;
            this.address = address;
            this.directory = directory;
        }

        static LocalRegistry start() throws Exception {
            return start("");
        }

        /** Starts a registry whose config ends with {@code extraConfig}, YAML at the top level. */
        static LocalRegistry start(String extraConfig) throws Exception {
            Path binary = Path.of("/usr/bin/docker-registry");
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException("/usr/bin/docker-registry is missing; install the Debian package"
                        + " docker-registry (.ci/run does)");
            }
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path directory = Files.createTempDirectory("registry");
            Path config = Files.writeString(
                    directory.resolve("config.yml"), """
                    version: 0.1
                    log:
                      level: warn
                    storage:
                      filesystem:
                        rootdirectory: %s
                    http:
                      addr: 127.0.0.1:%d
                    """.formatted(directory.resolve("storage"), port) + extraConfig);
            Process process = new ProcessBuilder(binary.toString(), "serve", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("registry.log").toFile())
                    .start();
            LocalRegistry registry = new LocalRegistry(process, "127.0.0.1:" + port, directory);
            registry.awaitReady(directory.resolve("registry.log"));
            return registry;
        }

        String address() {
            return address;
        }

        /** Returns the folder of the registry's configuration, storage and log. */
        Path directory() {
            return directory;
        }

        private void awaitReady(Path log) throws Exception {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest ping = HttpRequest.newBuilder(URI.create("http://" + address + "/v2/"))
                    .build();
            for (int i = 0; i < 100; i++) {
                try {
                    int status = client.send(ping, HttpResponse.BodyHandlers.discarding())
                            .statusCode();

                    // 401 means a registry that requires authentication is up.
                    if (status == 200 || status == 401) {
                        return;
                    }
                } catch (IOException e) {
                    // Not listening yet.
                }
                Thread.sleep(100);
            }
            close();
            throw new IllegalStateException(
                    "docker-registry did not start on " + address + ":\n" + Files.readString(log));
        }

        @Override
        public void close() {
            process.destroy();
        }
    }

    /** Runs an external tool and returns its exit code and combined output. */
    static final class Tool {

        record Result(int exitCode, String output) {}

        static Result run(String... command) throws IOException, InterruptedException {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.waitFor(), output);
        }
    }
}
