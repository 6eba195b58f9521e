package dev.provenance.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenance.io.AtomicFiles;
import dev.provenance.openpgp.Fingerprint;
import dev.provenance.openpgp.SignatureCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Signature check results stored on disk, one small JSON file per key. The key is a digest of everything the result
 * depends on (artifact, signature file, policy and keyrings), so a stored result never needs invalidating.
 */
public final class VerificationCache {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;

    /** @param directory the folder for the entries, or null for a cache that stores nothing */
    public VerificationCache(Path directory) {
        this.directory = directory;
    }

    /** Returns the stored outcome: the checks, or the format error of a malformed signature file. */
    public Optional<Entry> get(String key) {
        if (directory == null) {
            return Optional.empty();
        }
        Path file = directory.resolve(key + ".json");
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            return Optional.of(read(JSON.readTree(file.toFile())));
        } catch (IOException | RuntimeException e) {
            // A damaged entry is a miss: the caller verifies again and overwrites it.
            return Optional.empty();
        }
    }

    /** Stores an outcome, writing a temporary file first so readers in other threads never see half an entry. */
    public void put(String key, Entry entry) throws IOException {
        if (directory == null) {
            return;
        }
        AtomicFiles.write(directory.resolve(key + ".json"), JSON.writeValueAsBytes(write(entry)));
    }

    /** A stored outcome: the checks, or the reason the signature file could not be read. */
    public record Entry(List<SignatureCheck> checks, String formatError) {}

    private static ObjectNode write(Entry entry) {
        ObjectNode root = JSON.createObjectNode();
        if (entry.formatError() != null) {
            root.put("formatError", entry.formatError());
        }
        ArrayNode checks = root.putArray("checks");
        for (SignatureCheck check : entry.checks()) {
            ObjectNode node = checks.addObject();
            node.put("status", check.status().name());
            node.put("issuer", check.issuer());
            node.put(
                    "primaryKey",
                    check.primaryKey() == null ? null : check.primaryKey().hex());
            node.put("hashAlgorithm", check.hashAlgorithm());
            node.put("created", check.created().toString());
            if (check.expires() != null) {
                node.put("expires", check.expires().toString());
            }
            node.put("detail", check.detail());
        }
        return root;
    }

    private static Entry read(JsonNode root) {
        List<SignatureCheck> checks = new ArrayList<>();
        for (JsonNode node : root.path("checks")) {
            JsonNode primary = node.get("primaryKey");
            JsonNode expires = node.get("expires");
            checks.add(new SignatureCheck(
                    SignatureCheck.Status.valueOf(node.get("status").asText()),
                    node.get("issuer").asText(),
                    primary == null || primary.isNull() ? null : new Fingerprint(primary.asText()),
                    node.get("hashAlgorithm").asText(),
                    Instant.parse(node.get("created").asText()),
                    expires == null ? null : Instant.parse(expires.asText()),
                    node.get("detail").asText()));
        }
        JsonNode error = root.get("formatError");
        return new Entry(checks, error == null ? null : error.asText());
    }
}
