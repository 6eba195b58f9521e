package dev.provenance.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hex digests of files and strings. */
public final class Digests {

    private Digests() {}

    /** Returns the digest of a file's bytes in lower-case hex, with a JCA algorithm name such as {@code SHA-256}. */
    public static String of(Path file, String algorithm) throws IOException {
        MessageDigest digest = newDigest(algorithm);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Returns the SHA-256 of a file in lower-case hex. */
    public static String sha256(Path file) throws IOException {
        return of(file, "SHA-256");
    }

    /** Returns the SHA-256 of a string's UTF-8 bytes in lower-case hex. */
    public static String sha256(String text) {
        return HexFormat.of().formatHex(newDigest("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this Java runtime", e);
        }
    }
}
