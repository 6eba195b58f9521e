package dev.provenance.dsse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A DSSE envelope: a payload, its type and one or more signatures over {@link Pae#encode(String, byte[])}.
 *
 * <p>JSON form (DSSE v1.0.2, envelope.md): {@code {"payload": <base64>, "payloadType": <string>, "signatures":
 * [{"keyid": <string, optional>, "sig": <base64>}]}}. This class writes standard base64 with padding and no
 * {@code keyid}, because sigstore verifiers skip a signature whose {@code keyid} differs from the fingerprint they
 * compute. It reads standard and URL-safe base64, as the specification requires.
 */
public record Envelope(String payloadType, byte[] payload, List<Signature> signatures) {

    /** The payload type of an in-toto Statement, the only one cosign and sigstore-go accept. */
    public static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One signature; {@code keyId} is an unauthenticated hint and may be empty. */
    public record Signature(String keyId, byte[] sig) {}

    public Envelope {
        payload = payload.clone();
        signatures = List.copyOf(signatures);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Returns the bytes that each signature covers. */
    public byte[] pae() {
        return Pae.encode(payloadType, payload);
    }

    /** Serializes the envelope to compact JSON. */
    public byte[] toJson() {
        return toJsonNode().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the envelope as a JSON object, for embedding in a Sigstore bundle. */
    public ObjectNode toJsonNode() {
        ObjectNode root = JSON.createObjectNode();
        root.put("payload", Base64.getEncoder().encodeToString(payload));
        root.put("payloadType", payloadType);
        ArrayNode sigs = root.putArray("signatures");
        for (Signature signature : signatures) {
            ObjectNode node = sigs.addObject();
            if (signature.keyId() != null && !signature.keyId().isEmpty()) {
                node.put("keyid", signature.keyId());
            }
            node.put("sig", Base64.getEncoder().encodeToString(signature.sig()));
        }
        return root;
    }

    /**
     * Parses an envelope from JSON bytes.
     *
     * @throws MalformedEnvelopeException when a required field is missing or a base64 field cannot be decoded
     */
    public static Envelope parse(byte[] json) throws MalformedEnvelopeException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedEnvelopeException("the DSSE envelope is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedEnvelopeException("the DSSE envelope could not be read: " + e.getMessage());
        }
        return fromJsonNode(root);
    }

    /** Reads an envelope from a parsed JSON object. */
    public static Envelope fromJsonNode(JsonNode root) throws MalformedEnvelopeException {
        if (root == null || !root.isObject()) {
            throw new MalformedEnvelopeException("the DSSE envelope is not a JSON object");
        }
        String payloadType = requiredText(root, "payloadType");
        byte[] payload = decodeBase64(requiredText(root, "payload"), "payload");
        JsonNode sigs = root.get("signatures");
        if (sigs == null || !sigs.isArray() || sigs.isEmpty()) {
            throw new MalformedEnvelopeException("the DSSE envelope has no signatures");
        }
        List<Signature> signatures = new ArrayList<>();
        for (JsonNode sig : sigs) {
            String keyId = sig.path("keyid").asText("");
            signatures.add(new Signature(keyId, decodeBase64(requiredText(sig, "sig"), "signatures[].sig")));
        }
        return new Envelope(payloadType, payload, signatures);
    }

    private static String requiredText(JsonNode node, String field) throws MalformedEnvelopeException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new MalformedEnvelopeException("the DSSE envelope has no string field '" + field + "'");
        }
        return value.asText();
    }

    /** Decodes standard or URL-safe base64, with or without padding. */
    private static byte[] decodeBase64(String text, String field) throws MalformedEnvelopeException {
        String standard = text.replace('-', '+').replace('_', '/');
        try {
            return Base64.getDecoder().decode(standard);
        } catch (IllegalArgumentException e) {
            throw new MalformedEnvelopeException(
                    "the DSSE envelope field '" + field + "' is not valid base64: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "Envelope[payloadType=" + payloadType + ", payload=" + payload.length + " bytes, signatures="
                + signatures.size() + "]";
    }
}
