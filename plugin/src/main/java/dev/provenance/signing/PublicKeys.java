package dev.provenance.signing;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/** Reads PEM public keys (SubjectPublicKeyInfo) and names them by fingerprint. */
public final class PublicKeys {

    private PublicKeys() {}

    /**
     * Returns {@code sha256:<hex>} of the DER SubjectPublicKeyInfo: the same value as
     * {@code openssl pkey -pubin -in key.pub -outform DER | sha256sum}.
     */
    public static String fingerprint(PublicKey key) {
        return "sha256:" + HexFormat.of().formatHex(sha256(key.getEncoded()));
    }

    /** Returns base64 of SHA-256 over the DER SubjectPublicKeyInfo, the key hint cosign writes into bundles. */
    public static String hint(PublicKey key) {
        return Base64.getEncoder().encodeToString(sha256(key.getEncoded()));
    }

    /** Reads one {@code PUBLIC KEY} PEM file. */
    public static PublicKey read(Path file) throws KeyException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new KeyException("could not read the public key " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses the text of one {@code PUBLIC KEY} PEM block; {@code source} names it in errors. */
    public static PublicKey parse(String pem, String source) throws KeyException {
        PemObject object;
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            object = reader.readPemObject();
        } catch (IOException | RuntimeException e) {
            throw new KeyException(source + " is not a valid PEM file: " + e.getMessage(), e);
        }
        if (object == null || !"PUBLIC KEY".equals(object.getType())) {
            throw new KeyException(source + " contains no PEM block 'PUBLIC KEY'"
                    + (object == null ? "" : " (found '" + object.getType() + "')")
                    + "; export the public key, for example with 'openssl pkey -pubout' or 'cosign public-key'");
        }
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(object.getContent()));
        } catch (GeneralSecurityException e) {
            throw new KeyException(source + " is not an ECDSA public key: " + e.getMessage(), e);
        }
    }

    /** Encodes a public key as a {@code PUBLIC KEY} PEM block. */
    public static String toPem(PublicKey key) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
