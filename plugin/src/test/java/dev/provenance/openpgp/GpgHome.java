package dev.provenance.openpgp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;

/** A throw-away GnuPG home folder that makes real keys and signatures with the {@code gpg} command. */
public final class GpgHome {

    private final Path home;

    private GpgHome(Path home) {
        this.home = home;
    }

    /** Creates an empty home in a new folder under {@code parent}. */
    public static GpgHome create(Path parent) throws IOException {
        Path home = Files.createTempDirectory(parent, "gnupg");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        return new GpgHome(home);
    }

    /**
     * Generates a key without a passphrase and returns its fingerprint.
     *
     * @param fakedTime the creation time as {@code 20260101T000000}, or null for now
     * @param usage {@code sign} or {@code cert} for a primary key that only certifies
     * @param expire {@code never} or a duration such as {@code 2d}
     */
    public String generateKey(String userId, String fakedTime, String usage, String expire) throws IOException {
        run(fakedTime, "--quick-gen-key", userId, "rsa2048", usage, expire);
        return fingerprints(userId).get(0);
    }

    /** Adds a signing subkey to a key and returns the subkey's fingerprint. */
    public String addSigningSubkey(String primary, String fakedTime) throws IOException {
        run(fakedTime, "--quick-add-key", primary, "rsa2048", "sign", "never");
        List<String> all = fingerprints(primary);
        return all.get(all.size() - 1);
    }

    /** Sets the expiry of a primary key, made at the faked time. */
    public void setExpire(String primary, String fakedTime, String expire) throws IOException {
        run(fakedTime, "--quick-set-expire", primary, expire);
    }

    /** Revokes a primary key with the revocation certificate gpg made with it; such a revocation names no reason. */
    public void revoke(String primary) throws IOException {
        Path certificate = home.resolve("openpgp-revocs.d").resolve(primary + ".rev");
        String text = Files.readString(certificate).replace(":-----BEGIN", "-----BEGIN");
        Path importable = home.resolve(primary + "-revocation.asc");
        Files.writeString(importable, text);
        run(null, "--import", importable.toString());
    }

    /**
     * Revokes a primary key as superseded, with a revocation made at the faked time. Such a revocation applies only to
     * signatures made after it.
     */
    public void revokeAsSuperseded(String primary, String fakedTime) throws IOException {
        Path certificate = home.resolve(primary + "-superseded.asc");

        // gpg prompts for the reason, so it is answered on standard input: menu item 2 is "Key is superseded".
        List<String> command = new ArrayList<>(List.of(
                "gpg",
                "--homedir",
                home.toString(),
                "--pinentry-mode",
                "loopback",
                "--passphrase",
                "",
                "--no-tty",
                "--command-fd",
                "0",
                "--faked-system-time",
                fakedTime + "!",
                "--armor",
                "--output",
                certificate.toString(),
                "--gen-revoke",
                primary));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var answers = process.getOutputStream()) {
            answers.write("y\n2\nsuperseded by a new key\n\ny\n".getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("gpg --gen-revoke failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running gpg", e);
        }
        run(null, "--import", certificate.toString());
    }

    /**
     * Writes an armored detached signature of {@code data} to {@code data.asc} and returns it.
     *
     * @param signer a fingerprint; end it with {@code !} to force that exact subkey
     */
    public Path sign(Path data, String signer, String fakedTime, String... options) throws IOException {
        Path signature = data.resolveSibling(data.getFileName() + ".asc");
        List<String> arguments = new ArrayList<>(List.of("--yes", "--armor", "--local-user", signer));
        arguments.addAll(List.of(options));
        arguments.addAll(List.of("--output", signature.toString(), "--detach-sign", data.toString()));
        run(fakedTime, arguments.toArray(String[]::new));
        return signature;
    }

    /**
     * Writes a binary detached signature of {@code data} to {@code data.sig} that names its key only by the 16-digit
     * issuer key id, as old releases on Maven Central do, and returns it. gpg 2.2.40 puts the issuer fingerprint into
     * the hashed area even with {@code --rfc4880} or {@code --rfc2440}, so BouncyCastle makes this signature with the
     * secret key exported from this home.
     */
    public Path signWithKeyIdOnly(Path data, String signer, Date created) throws IOException {
        Path secretFile = home.resolve(signer + "-secret.asc");
        run(null, "--armor", "--yes", "--output", secretFile.toString(), "--export-secret-keys", signer);
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(secretFile))) {
            PGPSecretKeyRing ring = new PGPSecretKeyRing(in, new BcKeyFingerprintCalculator());
            PGPSecretKey secret = ring.getSecretKey();
            PGPPrivateKey privateKey = secret.extractPrivateKey(null);
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(secret.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256),
                    secret.getPublicKey());
            generator.init(PGPSignature.BINARY_DOCUMENT, privateKey);
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(false, created);
            PGPSignatureSubpacketGenerator unhashed = new PGPSignatureSubpacketGenerator();
            unhashed.setIssuerKeyID(false, secret.getKeyID());
            generator.setHashedSubpackets(hashed.generate());
            generator.setUnhashedSubpackets(unhashed.generate());
            generator.update(Files.readAllBytes(data));
            Path signature = data.resolveSibling(data.getFileName() + ".sig");
            Files.write(signature, generator.generate().getEncoded());
            return signature;
        } catch (PGPException e) {
            throw new IOException("could not sign " + data + " with the secret key of " + signer, e);
        }
    }

    /** Exports the armored public key of a primary key, with its subkeys and revocations, to a file. */
    public Path export(String primary, Path file) throws IOException {
        run(null, "--armor", "--yes", "--output", file.toString(), "--export", primary);
        return file;
    }

    /** Returns the fingerprints of the primary key and subkeys that match a user id or fingerprint, in order. */
    public List<String> fingerprints(String key) throws IOException {
        List<String> fingerprints = new ArrayList<>();
        for (String line :
                run(null, "--with-colons", "--list-keys", key).lines().toList()) {
            if (line.startsWith("fpr:")) {
                fingerprints.add(line.split(":")[9]);
            }
        }
        return fingerprints;
    }

    /** Stops the gpg-agent that gpg started for this home. */
    public void stopAgent() throws IOException {
        Process process = new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent")
                .redirectErrorStream(true)
                .start();
        try {
            process.getInputStream().readAllBytes();
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String run(String fakedTime, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                "gpg", "--batch", "--homedir", home.toString(), "--pinentry-mode", "loopback", "--passphrase", ""));
        if (fakedTime != null) {
            command.addAll(List.of("--faked-system-time", fakedTime + "!", "--ignore-time-conflict"));
        }
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("gpg failed: " + String.join(" ", command) + "\n" + errors);
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running gpg", e);
        }
    }
}
