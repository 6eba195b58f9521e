package dev.provenance.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-toto Statement v1 (https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md).
 *
 * <p>Written with exactly the fields {@code _type}, {@code subject}, {@code predicateType} and {@code predicate}:
 * cosign and sigstore-go parse the statement with protobuf JSON and reject unknown top-level or subject keys, so
 * extensions belong inside the predicate.
 *
 * @param subjects the subject descriptors: name and sha256 digest
 * @param predicateType the predicate type URI
 * @param predicate a JSON object
 */
public record Statement(List<Subject> subjects, String predicateType, JsonNode predicate) {

    public static final String TYPE = "https://in-toto.io/Statement/v1";

    private static final ObjectMapper JSON = new ObjectMapper();

    public Statement {
        subjects = List.copyOf(subjects);
        if (!predicate.isObject()) {
            throw new IllegalArgumentException("an in-toto predicate must be a JSON object");
        }
    }

    /** Serializes the statement to the compact UTF-8 JSON that is signed. */
    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("_type", TYPE);
        var subjectArray = root.putArray("subject");
        for (Subject subject : subjects) {
            ObjectNode node = subjectArray.addObject();
            node.put("name", subject.name());
            node.putObject("digest").put("sha256", subject.sha256());
        }
        root.put("predicateType", predicateType);
        root.set("predicate", predicate);
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses verified statement bytes. Subjects without a sha256 digest are kept out of {@link #subjects()}.
     *
     * @throws IllegalArgumentException when the bytes are not a statement
     */
    public static Statement parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("the payload is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("predicateType").isTextual()) {
            throw new IllegalArgumentException("the payload is not an in-toto statement: no predicateType");
        }
        List<Subject> subjects = new ArrayList<>();
        for (JsonNode subject : root.path("subject")) {
            String sha256 = subject.path("digest").path("sha256").asText("");
            if (sha256.matches("[0-9a-f]{64}")) {
                subjects.add(new Subject(subject.path("name").asText(""), sha256));
            }
        }
        JsonNode predicate = root.path("predicate").isObject() ? root.get("predicate") : JSON.createObjectNode();
        return new Statement(subjects, root.get("predicateType").asText(), predicate);
    }
}
