package dev.provenance.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * The body of cosign's encrypted private key PEM block ({@code ENCRYPTED SIGSTORE PRIVATE KEY}, or
 * {@code ENCRYPTED COSIGN PRIVATE KEY} before cosign 2.0.1).
 *
 * <p>The body is JSON: {@code kdf} (scrypt with a 32-byte salt), {@code cipher} (NaCl secretbox, a 24-byte nonce) and
 * {@code ciphertext}. The secretbox key is {@code scrypt(password, salt, N, r, p, 32)}, and the plaintext is the PKCS#8
 * DER private key. This follows go-securesystemslib v0.11.0 {@code encrypted/encrypted.go}, which cosign uses.
 */
public final class CosignKeyFile {

    /** The PEM labels cosign writes and accepts. */
    public static final Set<String> PEM_LABELS =
            Set.of("ENCRYPTED SIGSTORE PRIVATE KEY", "ENCRYPTED COSIGN PRIVATE KEY");

    /** The only scrypt cost parameters the cosign reader accepts: {@code N} with {@code r=8, p=1}. */
    private static final Set<Integer> ACCEPTED_N = Set.of(32768, 65536, 131072);

    private static final int NONCE_BYTES = 24;
    private static final int TAG_BYTES = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CosignKeyFile() {}

    /**
     * Decrypts the JSON body of a cosign key and returns the PKCS#8 DER private key.
     *
     * @throws KeyException for a malformed body, unsupported parameters or a wrong password
     */
    public static byte[] decrypt(byte[] body, char[] password, String source) throws KeyException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new KeyException(source + " is not a cosign key: its PEM body is not JSON");
        }
        checkName(root.path("kdf"), "scrypt", source);
        checkName(root.path("cipher"), "nacl/secretbox", source);
        JsonNode params = root.path("kdf").path("params");
        int n = params.path("N").asInt();
        int r = params.path("r").asInt();
        int p = params.path("p").asInt();
        if (!ACCEPTED_N.contains(n) || r != 8 || p != 1) {
            throw new KeyException(source + " uses unsupported scrypt parameters N=" + n + ", r=" + r + ", p=" + p
                    + "; cosign accepts N=32768, 65536 or 131072 with r=8 and p=1");
        }
        byte[] salt = base64(root.path("kdf").path("salt"), "kdf.salt", source);
        byte[] nonce = base64(root.path("cipher").path("nonce"), "cipher.nonce", source);
        byte[] box = base64(root.path("ciphertext"), "ciphertext", source);
        if (nonce.length != NONCE_BYTES || box.length < TAG_BYTES) {
            throw new KeyException(source + " is a corrupt cosign key: the nonce or the ciphertext has a wrong length");
        }
        byte[] key = SCrypt.generate(utf8(password), salt, n, r, p, 32);
        try {
            return openBox(box, nonce, key, source);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Encrypts a PKCS#8 DER private key into a cosign key body with the parameters cosign writes (N=65536, r=8, p=1).
     */
    public static byte[] encrypt(byte[] pkcs8, char[] password, SecureRandom random) {
        byte[] salt = new byte[32];
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        byte[] key = SCrypt.generate(utf8(password), salt, 65536, 8, 1, 32);
        byte[] box = sealBox(pkcs8, nonce, key);
        Arrays.fill(key, (byte) 0);

        ObjectNode root = JSON.createObjectNode();
        ObjectNode kdf = root.putObject("kdf");
        kdf.put("name", "scrypt");
        kdf.putObject("params").put("N", 65536).put("r", 8).put("p", 1);
        kdf.put("salt", Base64.getEncoder().encodeToString(salt));
        root.putObject("cipher")
                .put("name", "nacl/secretbox")
                .put("nonce", Base64.getEncoder().encodeToString(nonce));
        root.put("ciphertext", Base64.getEncoder().encodeToString(box));
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** NaCl secretbox open: XSalsa20 stream, of which the first 32 bytes key Poly1305; tag(16) || ciphertext. */
    private static byte[] openBox(byte[] box, byte[] nonce, byte[] key, String source) throws KeyException {
        XSalsa20Engine stream = stream(key, nonce);
        byte[] macKey = keystream(stream, 32);
        byte[] ciphertext = Arrays.copyOfRange(box, TAG_BYTES, box.length);
        byte[] expectedTag = poly1305(macKey, ciphertext);

        // Compare in constant time before decrypting anything.
        if (!MessageDigest.isEqual(expectedTag, Arrays.copyOf(box, TAG_BYTES))) {
            throw new KeyException("could not decrypt " + source
                    + ": the password is wrong or the file is corrupt; set the key's password and try again");
        }
        byte[] plaintext = new byte[ciphertext.length];
        stream.processBytes(ciphertext, 0, ciphertext.length, plaintext, 0);
        return plaintext;
    }

    private static byte[] sealBox(byte[] plaintext, byte[] nonce, byte[] key) {
        XSalsa20Engine stream = stream(key, nonce);
        byte[] macKey = keystream(stream, 32);
        byte[] ciphertext = new byte[plaintext.length];
        stream.processBytes(plaintext, 0, plaintext.length, ciphertext, 0);
        byte[] box = new byte[TAG_BYTES + ciphertext.length];
        System.arraycopy(poly1305(macKey, ciphertext), 0, box, 0, TAG_BYTES);
        System.arraycopy(ciphertext, 0, box, TAG_BYTES, ciphertext.length);
        return box;
    }

    private static XSalsa20Engine stream(byte[] key, byte[] nonce) {
        XSalsa20Engine engine = new XSalsa20Engine();
        engine.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        return engine;
    }

    private static byte[] keystream(XSalsa20Engine stream, int length) {
        byte[] out = new byte[length];
        stream.processBytes(new byte[length], 0, length, out, 0);
        return out;
    }

    private static byte[] poly1305(byte[] macKey, byte[] message) {
        Poly1305 mac = new Poly1305();
        mac.init(new KeyParameter(macKey));
        mac.update(message, 0, message.length);
        byte[] tag = new byte[TAG_BYTES];
        mac.doFinal(tag, 0);
        return tag;
    }

    private static void checkName(JsonNode node, String expected, String source) throws KeyException {
        String name = node.path("name").asText("");
        if (!expected.equals(name)) {
            throw new KeyException(source + " uses '" + name + "' where a cosign key has '" + expected + "'");
        }
    }

    private static byte[] base64(JsonNode node, String field, String source) throws KeyException {
        if (!node.isTextual()) {
            throw new KeyException(source + " is a corrupt cosign key: the field " + field + " is missing");
        }
        try {
            return Base64.getDecoder().decode(node.asText());
        } catch (IllegalArgumentException e) {
            throw new KeyException(source + " is a corrupt cosign key: the field " + field + " is not base64");
        }
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }
}
