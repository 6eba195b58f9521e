package dev.provenance.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenance.dsse.Envelope;
import dev.provenance.dsse.EnvelopeSigner;
import dev.provenance.signing.PrivateKeyReader;
import dev.provenance.signing.PublicKeys;
import dev.provenance.signing.SigningKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing and finding attestations in a layout and in a registry with and without the referrers API. */
class AttestationStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private static SigningKey key;

    private final List<String> log = new ArrayList<>();
    private FakeRegistry registry;

    @BeforeAll
    static void loadKey() throws Exception {
        key = PrivateKeyReader.read(Path.of("src/test/resources/signing/pkcs8.pem"), null);
    }

    @AfterEach
    void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void layoutHoldsBothFormats(@TempDir Path temp) throws Exception {
        LayoutStore layout = LayoutStore.create(temp);
        Descriptor image = pushImage(layout);

        publisher(layout, Duration.ZERO).publish(image, List.of(attestation("p1"), attestation("p2")));
        List<FoundAttestation> found = new AttestationFinder(layout).find(image.digest());

        assertThat(found)
                .extracting(FoundAttestation::format)
                .containsExactly(
                        AttestationFormat.COSIGN_TAG, AttestationFormat.COSIGN_TAG,
                        AttestationFormat.SIGSTORE_BUNDLE, AttestationFormat.SIGSTORE_BUNDLE);
        assertThat(found).extracting(FoundAttestation::annotatedPredicateType).containsOnly("https://example.com/p");
        assertThat(found).allSatisfy(f -> assertThat(f.problem()).isEmpty());
        assertThat(layout.manifest(image.digest().tagForm() + ".att")).isPresent();
    }

    @Test
    void secondPublishKeepsExistingLayers(@TempDir Path temp) throws Exception {
        LayoutStore layout = LayoutStore.create(temp);
        Descriptor image = pushImage(layout);

        publisher(layout, Duration.ZERO).publish(image, List.of(attestation("first")));
        publisher(layout, Duration.ZERO).publish(image, List.of(attestation("second")));

        JsonNode att =
                layout.manifest(image.digest().tagForm() + ".att").orElseThrow().json();
        assertThat(att.get("layers")).hasSize(2);
        assertThat(new AttestationFinder(layout).find(image.digest())).hasSize(4);
    }

    @Test
    void cosignManifestLayout(@TempDir Path temp) throws Exception {
        LayoutStore layout = LayoutStore.create(temp);
        Descriptor image = pushImage(layout);

        publisher(layout, Duration.ZERO).publish(image, List.of(attestation("p")));

        JsonNode att =
                layout.manifest(image.digest().tagForm() + ".att").orElseThrow().json();
        JsonNode layer = att.get("layers").get(0);
        assertThat(att.get("mediaType").asText()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(att.get("config").get("mediaType").asText()).isEqualTo(MediaTypes.OCI_CONFIG);
        assertThat(layer.get("mediaType").asText()).isEqualTo("application/vnd.dsse.envelope.v1+json");
        assertThat(layer.get("annotations")
                        .get("dev.cosignproject.cosign/signature")
                        .asText())
                .isEmpty();
        assertThat(layer.get("annotations").get("predicateType").asText()).isEqualTo("https://example.com/p");
        JsonNode config = JSON.readTree(
                layout.blob(Digest.parse(att.get("config").get("digest").asText())));
        assertThat(config.get("rootfs").get("diff_ids").get(0).asText())
                .isEqualTo(layer.get("digest").asText());
    }

    @Test
    void registryWithoutReferrersApiGetsReferrersTag() throws Exception {
        registry = new FakeRegistry();
        RegistryStore store = store(registry, 2);
        Descriptor image = pushImage(store);

        publisher(store, Duration.ofMillis(1)).publish(image, List.of(attestation("p")));

        byte[] tag = registry.manifests.get(image.digest().tagForm());
        assertThat(tag).as("referrers tag").isNotNull();
        JsonNode entry = JSON.readTree(tag).get("manifests").get(0);
        assertThat(entry.get("artifactType").asText()).isEqualTo(MediaTypes.SIGSTORE_BUNDLE);
        assertThat(entry.get("annotations")
                        .get("dev.sigstore.bundle.predicateType")
                        .asText())
                .isEqualTo("https://example.com/p");
        JsonNode referrer =
                JSON.readTree(registry.manifests.get(entry.get("digest").asText()));
        assertThat(referrer.get("subject").get("digest").asText())
                .isEqualTo(image.digest().toString());
        assertThat(new AttestationFinder(store).find(image.digest()))
                .extracting(FoundAttestation::format)
                .containsExactly(AttestationFormat.COSIGN_TAG, AttestationFormat.SIGSTORE_BUNDLE);
    }

    @Test
    void registryWithReferrersApiGetsNoTag() throws Exception {
        registry = new FakeRegistry();
        registry.referrersApi = true;
        RegistryStore store = store(registry, 2);
        Descriptor image = pushImage(store);

        publisher(store, Duration.ofMillis(1)).publish(image, List.of(attestation("p")));

        assertThat(registry.manifests).doesNotContainKey(image.digest().tagForm());
        assertThat(new AttestationFinder(store).find(image.digest()))
                .extracting(FoundAttestation::format)
                .containsExactly(AttestationFormat.COSIGN_TAG, AttestationFormat.SIGSTORE_BUNDLE);
    }

    @Test
    void serverErrorsAreRetried() throws Exception {
        registry = new FakeRegistry();
        RegistryStore store = store(registry, 4);
        Descriptor image = pushImage(store);
        registry.failuresLeft.set(3);

        publisher(store, Duration.ofMillis(1)).publish(image, List.of(attestation("p")));

        assertThat(new AttestationFinder(store).find(image.digest())).hasSize(2);
        assertThat(log)
                .filteredOn(line -> line.contains("returned HTTP 503; retrying"))
                .hasSize(3);
    }

    @Test
    void persistentServerErrorFails() throws Exception {
        registry = new FakeRegistry();
        RegistryStore store = store(registry, 2);
        registry.forcedStatus = 500;

        assertThatThrownBy(() -> store.manifest("latest"))
                .isInstanceOf(RegistryException.class)
                .hasMessageStartingWith("GET manifest latest on " + registry.address() + "/team/app returned HTTP 500");
    }

    @Test
    void timeoutIsRetried() throws Exception {
        registry = new FakeRegistry();
        RegistryStore store = store(registry, 3);
        registry.delayMillis = 1500;
        registry.slowLeft.set(1);

        assertThat(store.manifest("latest")).isEmpty();
        assertThat(log).anyMatch(line -> line.contains("timed out; retrying"));
    }

    @Test
    void persistentTimeoutFails() throws Exception {
        registry = new FakeRegistry();
        RegistryStore store = store(registry, 2);
        registry.delayMillis = 1500;
        registry.slowLeft.set(5);

        assertThatThrownBy(() -> store.manifest("latest"))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("timed out after 2 attempts of 1 s");
    }

    @Test
    void unauthorizedNamesCredentials() throws Exception {
        registry = new FakeRegistry();
        RegistryStore store = store(registry, 1);
        registry.forcedStatus = 401;

        assertThatThrownBy(() -> store.manifest("latest"))
                .isInstanceOf(RegistryException.class)
                .hasMessage("authentication failed: GET manifest latest on " + registry.address() + "/team/app returned"
                        + " 401 Unauthorized; set the credentials for " + registry.address() + " in a settings.xml"
                        + " <server> with id " + registry.address() + " or in the Docker config file");
    }

    @Test
    void bearerTokenFromRealm() throws Exception {
        registry = new FakeRegistry();
        registry.requiredToken = "t0k3n";
        RegistryStore store = new RegistryStore(
                ImageReference.parse(registry.address() + "/team/app:1.0"),
                new RegistryStore.Options(
                        true,
                        Optional.of(new RegistryCredentials("builder", "secret")),
                        Duration.ofSeconds(5),
                        1,
                        Duration.ofMillis(10),
                        log::add));

        Descriptor image = pushImage(store);

        assertThat(store.describe("1.0").digest()).isEqualTo(image.digest());
    }

    @Test
    void bearerTokenRejectedForWrongPassword() throws Exception {
        registry = new FakeRegistry();
        registry.requiredToken = "t0k3n";
        RegistryStore store = new RegistryStore(
                ImageReference.parse(registry.address() + "/team/app:1.0"),
                new RegistryStore.Options(
                        true,
                        Optional.of(new RegistryCredentials("builder", "wrong")),
                        Duration.ofSeconds(5),
                        1,
                        Duration.ofMillis(10),
                        log::add));

        assertThatThrownBy(() -> store.manifest("1.0"))
                .isInstanceOf(RegistryException.class)
                .hasMessage("authentication failed: the token service http://" + registry.address() + "/token"
                        + " returned HTTP 401 for repository:team/app:pull; check the credentials for "
                        + registry.address());
    }

    @Test
    void forbiddenNamesPermission() throws Exception {
        registry = new FakeRegistry();
        RegistryStore store = store(registry, 1);
        registry.forcedStatus = 403;

        assertThatThrownBy(() -> store.putBlob(new byte[] {1}))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("returned 403 Forbidden; the credentials for " + registry.address()
                        + " lack push or pull permission on team/app");
    }

    @Test
    void missingImageNamesPush() throws Exception {
        registry = new FakeRegistry();
        RegistryStore store = store(registry, 1);

        assertThatThrownBy(() -> store.describe("1.0"))
                .isInstanceOf(RegistryException.class)
                .hasMessage("the image " + registry.address() + "/team/app:1.0 was not found in the registry; push it"
                        + " first, for example with jib:build");
    }

    /** A registry labels a manifest list with a generic type on HEAD, and the subject still gets the list's type. */
    @Test
    void genericContentTypeReadsManifestType() throws Exception {
        registry = new FakeRegistry();
        RegistryStore store = store(registry, 1);
        byte[] list = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST_LIST
                        + "\",\"manifests\":[]}")
                .getBytes(StandardCharsets.UTF_8);
        store.putManifest("1.0", list, "application/json", Optional.empty());

        Descriptor subject = store.describe("1.0");

        assertThat(subject.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
        assertThat(subject.digest()).isEqualTo(Digest.of(list));
        assertThat(subject.size()).isEqualTo(list.length);
    }

    @Test
    void contentTypeParametersAreDropped() throws Exception {
        registry = new FakeRegistry();
        RegistryStore store = store(registry, 1);
        byte[] index = ("{\"schemaVersion\":2,\"manifests\":[]}").getBytes(StandardCharsets.UTF_8);
        store.putManifest("1.0", index, MediaTypes.OCI_INDEX + "; charset=utf-8", Optional.empty());

        assertThat(store.describe("1.0").mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
        assertThat(store.manifest("1.0").orElseThrow().mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
    }

    private RegistryStore store(FakeRegistry fake, int attempts) {
        ImageReference image = ImageReference.parse(fake.address() + "/team/app:1.0");
        return new RegistryStore(
                image,
                new RegistryStore.Options(
                        true, Optional.empty(), Duration.ofSeconds(1), attempts, Duration.ofMillis(10), log::add));
    }

    private AttestationPublisher publisher(OciStore store, Duration settle) {
        return new AttestationPublisher(store, CLOCK, settle, 3, log::add);
    }

    /** Stores a minimal image manifest and returns its descriptor. */
    private static Descriptor pushImage(OciStore store) throws Exception {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        store.putBlob(config);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":"
                + Descriptor.of(MediaTypes.OCI_CONFIG, config).toJson() + ",\"layers\":[]}";
        byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
        store.putManifest("1.0", bytes, MediaTypes.OCI_MANIFEST, Optional.empty());
        return Descriptor.of(MediaTypes.OCI_MANIFEST, bytes);
    }

    private static SignedAttestation attestation(String text) throws Exception {
        String statement = "{\"predicateType\":\"https://example.com/p\",\"predicate\":{\"text\":\"" + text + "\"}}";
        Envelope envelope = new EnvelopeSigner(key.privateKey())
                .sign(Envelope.IN_TOTO_PAYLOAD_TYPE, statement.getBytes(StandardCharsets.UTF_8));
        return new SignedAttestation("https://example.com/p", envelope, PublicKeys.hint(key.publicKey()));
    }
}
