import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Times hashing files with SHA-256 and SHA-512 in a single read of each file, in a fresh JVM on one thread, as an SBOM
 * needs them.
 * Usage: {@code java docs/bench/HashFiles.java LIST}, where LIST has one file path a line.
 */
public class HashFiles {

    public static void main(String[] arguments) throws Exception {
        long start = System.nanoTime();
        long bytes = 0;
        byte[] buffer = new byte[1 << 16];
        for (String line : Files.readAllLines(Path.of(arguments[0]))) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
            try (InputStream in = Files.newInputStream(Path.of(line))) {
                int read;
                while ((read = in.read(buffer)) > 0) {
                    sha256.update(buffer, 0, read);
                    sha512.update(buffer, 0, read);
                    bytes += read;
                }
            }
            sha256.digest();
            sha512.digest();
        }
        System.out.printf("%d bytes in %d ms%n", bytes, (System.nanoTime() - start) / 1_000_000);
    }
}
