package dev.provenance.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenance.dsse.Envelope;
import dev.provenance.dsse.MalformedEnvelopeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A Sigstore bundle v0.3 that carries a DSSE envelope signed with a key, without transparency log entries.
 *
 * <p>Layout (sigstore/protobuf-specs {@code sigstore_bundle.proto}, protobuf JSON): {@code mediaType},
 * {@code verificationMaterial.publicKey.hint} (base64 SHA-256 of the SubjectPublicKeyInfo, as cosign writes it; verifiers
 * ignore it) and {@code dsseEnvelope}.
 */
public final class SigstoreBundle {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SigstoreBundle() {}

    /** Serializes a bundle around {@code envelope}. */
    public static byte[] toJson(Envelope envelope, String publicKeyHint) {
        ObjectNode root = JSON.createObjectNode();
        root.put("mediaType", MediaTypes.SIGSTORE_BUNDLE);
        root.putObject("verificationMaterial").putObject("publicKey").put("hint", publicKeyHint);
        root.set("dsseEnvelope", envelope.toJsonNode());
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Returns the DSSE envelope of a bundle.
     *
     * @throws MalformedEnvelopeException when the bytes are not a v0.3 bundle with a DSSE envelope
     */
    public static Envelope envelope(byte[] bundle) throws MalformedEnvelopeException {
        JsonNode root;
        try {
            root = JSON.readTree(bundle);
        } catch (IOException e) {
            throw new MalformedEnvelopeException("the Sigstore bundle is not valid JSON: " + e.getMessage());
        }
        if (root == null
                || !MediaTypes.SIGSTORE_BUNDLE.equals(root.path("mediaType").asText())) {
            throw new MalformedEnvelopeException(
                    "the Sigstore bundle's mediaType is not " + MediaTypes.SIGSTORE_BUNDLE);
        }
        if (!root.path("dsseEnvelope").isObject()) {
            throw new MalformedEnvelopeException("the Sigstore bundle has no dsseEnvelope");
        }
        return Envelope.fromJsonNode(root.get("dsseEnvelope"));
    }
}
