package dev.provenance.signing;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Reads an ECDSA private key from a PEM file and derives its public key.
 *
 * <p>Accepted PEM blocks: {@code PRIVATE KEY} (PKCS#8), {@code ENCRYPTED PRIVATE KEY} (PKCS#8 with PBES2, as
 * {@code openssl pkcs8 -topk8 -v2 aes-256-cbc} writes it), {@code EC PRIVATE KEY} (SEC 1) and cosign's
 * {@code ENCRYPTED SIGSTORE PRIVATE KEY} or {@code ENCRYPTED COSIGN PRIVATE KEY}. Error messages name the file but
 * never include key bytes or the password.
 */
public final class PrivateKeyReader {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private PrivateKeyReader() {}

    /**
     * Reads the key in {@code file}; {@code password} is used only for encrypted blocks and may be null otherwise.
     */
    public static SigningKey read(Path file, char[] password) throws KeyException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new KeyException("the signing key file " + file + " does not exist; check the keyFile parameter");
        } catch (IOException e) {
            throw new KeyException("could not read the signing key file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, password, file.toString());
    }

    /** Parses the text of a PEM private key; {@code source} names it in errors. */
    public static SigningKey parse(String pem, char[] password, String source) throws KeyException {
        PemObject object = readPem(pem, source);
        byte[] pkcs8 = switch (object.getType()) {
            case "PRIVATE KEY" -> object.getContent();
            case "ENCRYPTED PRIVATE KEY" ->
                decryptPkcs8(object.getContent(), requirePassword(password, source), source);
            case "ENCRYPTED SIGSTORE PRIVATE KEY", "ENCRYPTED COSIGN PRIVATE KEY" ->
                CosignKeyFile.decrypt(object.getContent(), requirePassword(password, source), source);
            case "EC PRIVATE KEY" -> sec1ToPkcs8(pem, source);
            default ->
                throw new KeyException(source + " contains a PEM block '" + object.getType()
                        + "', which is not a supported private key; use PKCS#8 ('PRIVATE KEY' or 'ENCRYPTED PRIVATE KEY')"
                        + " or a cosign key ('ENCRYPTED SIGSTORE PRIVATE KEY')");
        };
        try {
            PrivateKey privateKey = toEcPrivateKey(pkcs8, source);
            return new SigningKey(
                    privateKey, derivePublicKey((ECPrivateKey) privateKey), Optional.empty(), Optional.empty());
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    private static PemObject readPem(String pem, String source) throws KeyException {
        PemObject object;
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            object = reader.readPemObject();
        } catch (IOException | RuntimeException e) {
            throw new KeyException(source + " is not a valid PEM file: its base64 body cannot be decoded", e);
        }
        if (object == null) {
            throw new KeyException(
                    source + " contains no PEM block; expected '-----BEGIN PRIVATE KEY-----' or a cosign key");
        }
        return object;
    }

    private static char[] requirePassword(char[] password, String source) throws KeyException {
        if (password == null) {
            throw new KeyException(source + " is encrypted but no password was given; set the password in the"
                    + " environment variable named by keyPasswordEnvironmentVariable or in a settings.xml server");
        }
        return password;
    }

    private static byte[] decryptPkcs8(byte[] der, char[] password, String source) throws KeyException {
        try {
            PKCS8EncryptedPrivateKeyInfo info = new PKCS8EncryptedPrivateKeyInfo(der);
            InputDecryptorProvider decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(BC)
                    .build(password);
            return info.decryptPrivateKeyInfo(decryptor).getEncoded();
        } catch (PKCSException e) {
            throw new KeyException("could not decrypt " + source
                    + ": the password is wrong or the file is corrupt; set the key's password and try again");
        } catch (IOException | OperatorCreationException | RuntimeException e) {
            throw new KeyException(source + " is not a valid encrypted PKCS#8 key: " + e.getMessage());
        }
    }

    private static byte[] sec1ToPkcs8(String pem, String source) throws KeyException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object parsed = parser.readObject();
            if (parsed instanceof PEMKeyPair pair) {
                PrivateKeyInfo info = pair.getPrivateKeyInfo();
                return info.getEncoded();
            }
            throw new KeyException(source + " is not a valid 'EC PRIVATE KEY' block");
        } catch (IOException | RuntimeException e) {
            throw new KeyException(source + " is not a valid 'EC PRIVATE KEY' block: " + e.getMessage());
        }
    }

    private static PrivateKey toEcPrivateKey(byte[] pkcs8, String source) throws KeyException {
        PrivateKey key;
        try {
            key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new KeyException(source + " is not an ECDSA private key; the attestations are signed with ECDSA"
                    + " (P-256 or P-384), for example a key from 'cosign generate-key-pair' or"
                    + " 'openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256'");
        }
        int bits = ((ECPrivateKey) key).getParams().getCurve().getField().getFieldSize();
        if (bits != 256 && bits != 384) {
            throw new KeyException(
                    source + " is an ECDSA key on a " + bits + "-bit curve; only P-256 and P-384 are supported");
        }
        return key;
    }

    /** Computes the public point Q = d·G on the key's curve. */
    private static PublicKey derivePublicKey(ECPrivateKey key) throws KeyException {
        ECCurve curve = EC5Util.convertCurve(key.getParams().getCurve());
        org.bouncycastle.math.ec.ECPoint g =
                EC5Util.convertPoint(curve, key.getParams().getGenerator());
        org.bouncycastle.math.ec.ECPoint q = g.multiply(key.getS()).normalize();
        BigInteger x = q.getAffineXCoord().toBigInteger();
        BigInteger y = q.getAffineYCoord().toBigInteger();
        try {
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), key.getParams()));
        } catch (GeneralSecurityException e) {
            throw new KeyException("could not derive the public key: " + e.getMessage(), e);
        }
    }
}
