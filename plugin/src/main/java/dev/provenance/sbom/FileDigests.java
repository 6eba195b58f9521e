package dev.provenance.sbom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 and SHA-512 of files, computed in one read. Results are kept for the life of the JVM, keyed by path, size
 * and modification time, so the modules of one reactor hash a shared dependency once.
 */
public final class FileDigests {

    /** The two digests of one file, as lowercase hex. */
    public record Digests(String sha256, String sha512) {}

    private record FileKey(Path path, long size, long modified) {}

    private static final Map<FileKey, Digests> CACHE = new ConcurrentHashMap<>();

    private FileDigests() {}

    /** Returns the digests of a regular file. */
    public static Digests of(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        FileKey key = new FileKey(
                file.toAbsolutePath().normalize(),
                attributes.size(),
                attributes.lastModifiedTime().toMillis());
        Digests cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        Digests digests = compute(file);
        CACHE.put(key, digests);
        return digests;
    }

    private static Digests compute(Path file) throws IOException {
        MessageDigest sha256 = newDigest("SHA-256");
        MessageDigest sha512 = newDigest("SHA-512");
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                sha256.update(buffer, 0, read);
                sha512.update(buffer, 0, read);
            }
        }
        HexFormat hex = HexFormat.of();
        return new Digests(hex.formatHex(sha256.digest()), hex.formatHex(sha512.digest()));
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by every Java platform", e);
        }
    }
}
