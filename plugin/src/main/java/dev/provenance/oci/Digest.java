package dev.provenance.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest {@code sha256:<64 hex>}; the only algorithm this plugin writes and accepts. */
public record Digest(String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Digest {
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("invalid sha256 digest hex '" + hex + "'");
        }
    }

    /**
     * Parses {@code sha256:<64 lowercase hex>}.
     *
     * @throws IllegalArgumentException naming the value and the expected form
     */
    public static Digest parse(String value) {
        String text = value.trim();
        if (!text.startsWith("sha256:") || !HEX.matcher(text.substring(7)).matches()) {
            throw new IllegalArgumentException(
                    "invalid digest '" + value + "': expected sha256: followed by 64 lowercase hex characters");
        }
        return new Digest(text.substring(7));
    }

    /** Returns the SHA-256 digest of {@code bytes}. */
    public static Digest of(byte[] bytes) {
        try {
            return new Digest(HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** Returns the tag form {@code sha256-<hex>}, used by the referrers tag schema and cosign's tags. */
    public String tagForm() {
        return "sha256-" + hex;
    }

    @Override
    public String toString() {
        return "sha256:" + hex;
    }
}
