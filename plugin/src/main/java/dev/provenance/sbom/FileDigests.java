package dev.provenance.sbom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 and SHA-512 of files, computed in one read. Results are kept for the life of the JVM, keyed by path, size
 * and modification time, so the modules of one reactor hash a shared dependency once. A file that another thread is
 * hashing is waited for rather than hashed twice.
 */
public final class FileDigests {

    /** The two digests of one file, as lowercase hex. */
    public record Digests(String sha256, String sha512) {}

    private record FileKey(Path path, long size, long modified) {}

    private static final Map<FileKey, CompletableFuture<Digests>> CACHE = new ConcurrentHashMap<>();

    private FileDigests() {}

    /** Returns the digests of a regular file. */
    public static Digests of(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        FileKey key = new FileKey(
                file.toAbsolutePath().normalize(),
                attributes.size(),
                attributes.lastModifiedTime().toMillis());
        CompletableFuture<Digests> pending = new CompletableFuture<>();
        CompletableFuture<Digests> existing = CACHE.putIfAbsent(key, pending);
        if (existing != null) {
            try {
                return existing.join();
            } catch (CompletionException e) {
                // The other thread's read failed; reading again reports the error on this thread.
                return compute(file);
            }
        }
        try {
            Digests digests = compute(file);
            pending.complete(digests);
            return digests;
        } catch (IOException | RuntimeException e) {
            CACHE.remove(key, pending);
            pending.completeExceptionally(e);
            throw e;
        }
    }

    /**
     * Starts hashing {@code files} on a background thread, last file first, so that a caller that then hashes them
     * first to last shares the work with it. Errors are left for the caller's own {@link #of} call to report.
     */
    static void startHashing(List<Path> files) {
        BackgroundTasks.supply(() -> {
            for (int i = files.size() - 1; i >= 0; i--) {
                try {
                    of(files.get(i));
                } catch (IOException | RuntimeException e) {
                    // The caller hashes the same file and reports the error.
                }
            }
            return null;
        });
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
