package dev.provenance.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenance.it.RegistryIT.LocalRegistry;
import dev.provenance.it.RegistryIT.Tool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Sigstore bundles that attest pushes to a real registry, verified by the Sigstore JavaScript libraries with the
 * public key and no transparency log. skopeo fetches the bundles, so the plugin's own reader is not involved.
 */
class SigstoreBundleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder BASE64 = Base64.getDecoder();
    private static final Base64.Encoder BASE64_ENCODER = Base64.getEncoder();

    private static LocalRegistry registry;
    private static SigstoreJs sigstoreJs;
    private static Path work;
    private static String imageDigest;

    /** The bundles signed with the sample's P-256 cosign key, and those signed with a P-384 key made for the test. */
    private static List<Path> p256Bundles;

    private static List<Path> p384Bundles;

    @BeforeAll
    static void pushAndFetchBundles() throws Exception {
        registry = LocalRegistry.start();
        sigstoreJs = SigstoreJs.install();
        SampleBuild pushed = SampleBuild.of("attest-image")
                .environment("PROVENANCE_KEY_PASSWORD", "cosign-password")
                .arguments(
                        "package",
                        "jib:build",
                        "provenance:attest",
                        "-Dregistry=" + registry.address(),
                        "-Dprovenance.attest.push=true")
                .succeeds();
        work = pushed.directory();
        imageDigest = Files.readString(work.resolve("target/jib-image.digest")).trim();

        // A second key on another curve: cosign pairs P-384 with SHA-384, and so does attest.
        Path p384 = work.resolve("keys/p384.pem");
        run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", p384.toString());
        run(
                "openssl",
                "pkey",
                "-in",
                p384.toString(),
                "-pubout",
                "-out",
                work.resolve("keys/p384.pub").toString());
        SampleBuild.in(work)
                .keepTarget()
                .arguments(
                        "provenance:attest",
                        "-Dprovenance.attest.push=true",
                        "-Dprovenance.attest.image=" + registry.address() + "/samples/app@" + imageDigest,
                        "-Dprovenance.attest.keyFile=keys/p384.pem",
                        "-Dprovenance.attest.outputDirectory=target/p384")
                .succeeds();

        String p256Hint = hint(work.resolve("keys/cosign.pub"));
        String p384Hint = hint(work.resolve("keys/p384.pub"));
        p256Bundles = new ArrayList<>();
        p384Bundles = new ArrayList<>();
        for (Path bundle : fetchBundles()) {
            String bundleHint = JSON.readTree(bundle.toFile())
                    .path("verificationMaterial")
                    .path("publicKey")
                    .path("hint")
                    .asText();
            if (bundleHint.equals(p256Hint)) {
                p256Bundles.add(bundle);
            } else if (bundleHint.equals(p384Hint)) {
                p384Bundles.add(bundle);
            } else {
                throw new IllegalStateException(
                        bundle + " has the key hint " + bundleHint + ", which names neither key");
            }
        }
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void everyBundleVerifies() throws Exception {
        assertThat(p256Bundles).hasSize(4);
        List<String> predicateTypes = new ArrayList<>();
        for (Path bundle : p256Bundles) {
            SigstoreJs.Result result = sigstoreJs.verify(bundle, work.resolve("keys/cosign.pub"));

            assertThat(result.exitCode()).as(result.output().toString()).isZero();
            assertThat(result.code()).isEqualTo("VERIFIED");
            assertThat(result.output().get("payloadType").asText()).isEqualTo("application/vnd.in-toto+json");
            assertThat(result.output().get("subjectDigests"))
                    .extracting(JsonNode::asText)
                    .containsExactly(imageDigest.substring("sha256:".length()));
            assertThat(result.output().get("hint").asText())
                    .isEqualTo(result.output().get("keyHint").asText());
            predicateTypes.add(result.output().get("predicateType").asText());
        }
        assertThat(predicateTypes)
                .containsExactlyInAnyOrder(
                        "https://slsa.dev/provenance/v1",
                        "https://cyclonedx.org/bom",
                        "https://slsa.dev/verification_summary/v1",
                        "https://slsa.dev/verification_summary/v1");
    }

    @Test
    void wrongKeyFails() throws Exception {
        SigstoreJs.Result result = sigstoreJs.verify(p256Bundles.get(0), work.resolve("keys/other.pub"));

        assertThat(result.exitCode()).as(result.output().toString()).isEqualTo(1);
        assertThat(result.code()).isEqualTo("SIGNATURE_ERROR");
    }

    @Test
    void changedPayloadFails() throws Exception {
        ObjectNode bundle = readBundle(p256Bundles.get(0));
        ObjectNode envelope = (ObjectNode) bundle.get("dsseEnvelope");
        String statement = new String(BASE64.decode(envelope.get("payload").asText()), StandardCharsets.UTF_8);
        String changed = statement.replace(imageDigest.substring("sha256:".length()), "0".repeat(64));
        assertThat(changed).isNotEqualTo(statement);
        envelope.put("payload", BASE64_ENCODER.encodeToString(changed.getBytes(StandardCharsets.UTF_8)));

        SigstoreJs.Result result = sigstoreJs.verify(write(bundle, "changed-payload"), work.resolve("keys/cosign.pub"));

        assertThat(result.exitCode()).as(result.output().toString()).isEqualTo(1);
        assertThat(result.code()).isEqualTo("SIGNATURE_ERROR");
    }

    @Test
    void changedSignatureFails() throws Exception {
        ObjectNode bundle = readBundle(p256Bundles.get(0));
        ObjectNode signature =
                (ObjectNode) bundle.get("dsseEnvelope").get("signatures").get(0);
        byte[] sig = BASE64.decode(signature.get("sig").asText());
        sig[sig.length - 1] ^= 0x01;
        signature.put("sig", BASE64_ENCODER.encodeToString(sig));

        SigstoreJs.Result result =
                sigstoreJs.verify(write(bundle, "changed-signature"), work.resolve("keys/cosign.pub"));

        assertThat(result.exitCode()).as(result.output().toString()).isEqualTo(1);
        assertThat(result.code()).isEqualTo("SIGNATURE_ERROR");
    }

    /** The verifier requires one transparency log entry by default, which a key-signed bundle without Rekor lacks. */
    @Test
    void tlogThresholdOneFails() throws Exception {
        SigstoreJs.Result result =
                sigstoreJs.verify(p256Bundles.get(0), work.resolve("keys/cosign.pub"), "--tlog-threshold", "1");

        assertThat(result.exitCode()).as(result.output().toString()).isEqualTo(1);
        assertThat(result.code()).isEqualTo("TIMESTAMP_ERROR");
        assertThat(result.output().get("message").asText()).isEqualTo("expected 1 tlog timestamps, got 0");
    }

    /** A field that sigstore_bundle.proto does not define is dropped by the codec, which the script reports. */
    @Test
    void unknownFieldFailsSchema() throws Exception {
        ObjectNode bundle = readBundle(p256Bundles.get(0));
        ((ObjectNode) bundle.get("verificationMaterial")).put("tlogEntry", "misspelled");

        SigstoreJs.Result result = sigstoreJs.verify(write(bundle, "unknown-field"), work.resolve("keys/cosign.pub"));

        assertThat(result.exitCode()).as(result.output().toString()).isEqualTo(1);
        assertThat(result.code()).isEqualTo("SCHEMA_ERROR");
    }

    @Test
    void secondSignatureFailsBundleRules() throws Exception {
        ObjectNode bundle = readBundle(p256Bundles.get(0));
        ArrayNode signatures = (ArrayNode) bundle.get("dsseEnvelope").get("signatures");
        signatures.add(signatures.get(0).deepCopy());

        SigstoreJs.Result result = sigstoreJs.verify(write(bundle, "two-signatures"), work.resolve("keys/cosign.pub"));

        assertThat(result.exitCode()).as(result.output().toString()).isEqualTo(1);
        assertThat(result.code()).isEqualTo("BUNDLE_ERROR");
        assertThat(result.output().get("fields"))
                .extracting(JsonNode::asText)
                .containsExactly("content.dsseEnvelope.signatures");
    }

    /**
     * sigstore-js (@sigstore/verify 2.1.1) verifies a DSSE signature with Node's default digest for the key. With
     * OpenSSL 3 that is SHA-256 for a P-384 key too, so a P-384 signature over SHA-384 fails there although openssl
     * verifies it.
     */
    @Test
    void p384BundleFailsOnlyInSigstoreJs() throws Exception {
        assertThat(p384Bundles).hasSize(4);
        Path bundle = p384Bundles.get(0);
        Path publicKey = work.resolve("keys/p384.pub");

        SigstoreJs.Result result = sigstoreJs.verify(bundle, publicKey);

        assertThat(result.exitCode()).as(result.output().toString()).isEqualTo(1);
        assertThat(result.code()).isEqualTo("SIGNATURE_ERROR");

        JsonNode envelope = readBundle(bundle).get("dsseEnvelope");
        byte[] payload = BASE64.decode(envelope.get("payload").asText());
        String payloadType = envelope.get("payloadType").asText();
        byte[] header = ("DSSEv1 " + payloadType.length() + " " + payloadType + " " + payload.length + " ")
                .getBytes(StandardCharsets.UTF_8);
        Path pae = work.resolve("target/p384-pae.bin");
        Files.write(pae, header);
        Files.write(pae, payload, StandardOpenOption.APPEND);
        Path sig = Files.write(
                work.resolve("target/p384-sig.der"),
                BASE64.decode(envelope.get("signatures").get(0).get("sig").asText()));
        Tool.Result sha384 = Tool.run(
                "openssl",
                "dgst",
                "-sha384",
                "-verify",
                publicKey.toString(),
                "-signature",
                sig.toString(),
                pae.toString());
        Tool.Result sha256 = Tool.run(
                "openssl",
                "dgst",
                "-sha256",
                "-verify",
                publicKey.toString(),
                "-signature",
                sig.toString(),
                pae.toString());

        assertThat(sha384.exitCode()).as(sha384.output()).isZero();
        assertThat(sha384.output()).contains("Verified OK");
        assertThat(sha256.exitCode()).as(sha256.output()).isNotZero();
    }

    /** Lists the referrers tag with skopeo and copies each bundle manifest with its layer into a dir: folder. */
    private static List<Path> fetchBundles() throws Exception {
        String repository = "docker://" + registry.address() + "/samples/app";
        String tag = imageDigest.replace(':', '-');
        Tool.Result index = Tool.run("skopeo", "inspect", "--raw", "--tls-verify=false", repository + ":" + tag);
        if (index.exitCode() != 0) {
            throw new IllegalStateException("skopeo could not read the referrers tag " + tag + ":\n" + index.output());
        }
        Files.createDirectories(work.resolve("target/bundles"));
        List<Path> bundles = new ArrayList<>();
        for (JsonNode entry : JSON.readTree(index.output()).get("manifests")) {
            String digest = entry.get("digest").asText();
            Path folder = work.resolve("target/bundles/" + digest.replace(':', '-'));
            Tool.Result copy = Tool.run(
                    "skopeo", "copy", "--quiet", "--src-tls-verify=false", repository + "@" + digest, "dir:" + folder);
            if (copy.exitCode() != 0) {
                throw new IllegalStateException("skopeo could not copy " + digest + ":\n" + copy.output());
            }
            JsonNode manifest = JSON.readTree(folder.resolve("manifest.json").toFile());
            JsonNode layer = manifest.get("layers").get(0);
            assertThat(layer.get("mediaType").asText()).isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
            String layerDigest = layer.get("digest").asText();
            bundles.add(folder.resolve(layerDigest.substring("sha256:".length())));
        }
        return bundles;
    }

    /** Returns the base64 SHA-256 of a public key's DER SubjectPublicKeyInfo, the hint cosign writes. */
    private static String hint(Path publicKey) throws Exception {
        String pem = Files.readString(publicKey);
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = BASE64.decode(body);
        return BASE64_ENCODER.encodeToString(
                MessageDigest.getInstance("SHA-256").digest(der));
    }

    private static ObjectNode readBundle(Path file) throws Exception {
        return (ObjectNode) JSON.readTree(file.toFile());
    }

    private static Path write(ObjectNode bundle, String name) throws Exception {
        return Files.write(work.resolve("target/" + name + ".bundle.json"), JSON.writeValueAsBytes(bundle));
    }

    private static void run(String... command) throws Exception {
        Tool.Result result = Tool.run(command);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + result.output());
        }
    }
}
