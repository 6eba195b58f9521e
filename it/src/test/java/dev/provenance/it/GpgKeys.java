package dev.provenance.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A GnuPG home folder for integration tests: real keys made with the {@code gpg} command, without passphrases, and
 * wrapper scripts that let maven-gpg-plugin sign at a faked time or with a chosen hash algorithm.
 */
final class GpgKeys implements AutoCloseable {

    private final Path home;

    private GpgKeys(Path home) {
        this.home = home;
    }

    /**
     * Creates an empty home folder under the system's temporary folder. gpg-agent puts its socket in the home folder
     * unless the system provides /run/user, and Linux limits a socket path to 108 bytes, so a home deep inside a
     * build folder can fail.
     */
    static GpgKeys create() throws IOException {
        Path home = Files.createTempDirectory("provenance-gpg");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        return new GpgKeys(home);
    }

    Path home() {
        return home;
    }

    /**
     * Generates a key and returns its fingerprint.
     *
     * @param fakedTime the creation time as {@code 20260101T000000}, or null for now
     * @param usage {@code sign}, or {@code cert} for a primary key that only certifies
     * @param expire {@code never} or a duration such as {@code 2d}
     */
    String generateKey(String userId, String fakedTime, String usage, String expire) throws IOException {
        gpg(fakedTime, "--quick-gen-key", userId, "rsa2048", usage, expire);
        return fingerprints(userId).get(0);
    }

    /** Adds a signing subkey and returns its fingerprint. */
    String addSigningSubkey(String primary) throws IOException {
        gpg(null, "--quick-add-key", primary, "rsa2048", "sign", "never");
        List<String> all = fingerprints(primary);
        return all.get(all.size() - 1);
    }

    /** Sets a key's expiry with a self-signature made at the faked time. */
    void setExpire(String primary, String fakedTime, String expire) throws IOException {
        gpg(fakedTime, "--quick-set-expire", primary, expire);
    }

    /** Imports the revocation certificate gpg made with the key; it names no reason, so it revokes for all time. */
    void revoke(String primary) throws IOException {
        Path certificate = home.resolve("openpgp-revocs.d").resolve(primary + ".rev");
        Path importable = home.resolve(primary + "-revocation.asc");
        Files.writeString(importable, Files.readString(certificate).replace(":-----BEGIN", "-----BEGIN"));
        gpg(null, "--import", importable.toString());
    }

    /** Exports the armored public keys, with subkeys and revocations, into one file. */
    Path export(Path file, String... keys) throws IOException {
        Files.createDirectories(file.getParent());
        List<String> arguments = new ArrayList<>(List.of("--armor", "--output", file.toString(), "--yes", "--export"));
        arguments.addAll(List.of(keys));
        gpg(null, arguments.toArray(String[]::new));
        return file;
    }

    /**
     * Writes an executable script that runs gpg with extra options first, for maven-gpg-plugin's {@code executable}.
     */
    Path wrapper(Path file, String... options) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\nexec gpg " + String.join(" ", options) + " \"$@\"\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** Returns the fingerprints of the primary key and subkeys matching a user id or fingerprint, in order. */
    List<String> fingerprints(String key) throws IOException {
        List<String> fingerprints = new ArrayList<>();
        for (String line :
                gpg(null, "--with-colons", "--list-keys", key).lines().toList()) {
            if (line.startsWith("fpr:")) {
                fingerprints.add(line.split(":")[9]);
            }
        }
        return fingerprints;
    }

    /** Stops the gpg-agent that gpg started for this home, then deletes the home. */
    @Override
    public void close() {
        try {
            run(List.of("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent"));
            try (Stream<Path> paths = Files.walk(home)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String gpg(String fakedTime, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                "gpg", "--batch", "--homedir", home.toString(), "--pinentry-mode", "loopback", "--passphrase", ""));
        if (fakedTime != null) {
            command.addAll(List.of("--faked-system-time", fakedTime + "!", "--ignore-time-conflict"));
        }
        command.addAll(List.of(arguments));
        return run(command);
    }

    private static String run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).start();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("command failed: " + String.join(" ", command) + "\n" + errors);
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
    }
}
