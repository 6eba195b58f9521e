package dev.provenance.commits;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/** OpenPGP public keys whose signatures make a review count when signed reviews are required. */
public final class TrustedKeys {

    private final Path file;
    private final PGPPublicKeyRingCollection rings;

    private TrustedKeys(Path file, PGPPublicKeyRingCollection rings) {
        this.file = file;
        this.rings = rings;
    }

    /**
     * Reads armored or binary OpenPGP public keys, as {@code gpg --export --armor} writes them.
     *
     * @throws IllegalArgumentException when the file is missing, unreadable or contains no public key
     */
    public static TrustedKeys load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("trustedKeys file " + file
                    + " not found: export the reviewers' keys with 'gpg --export --armor KEY-ID > " + file + "'");
        }
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
            PGPPublicKeyRingCollection rings = new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
            if (rings.size() == 0) {
                throw new IllegalArgumentException("trustedKeys file " + file
                        + " contains no OpenPGP public key: export one with gpg --export --armor KEY-ID");
            }
            return new TrustedKeys(file, rings);
        } catch (IOException | PGPException e) {
            throw new IllegalArgumentException(
                    "trustedKeys file " + file + " is not a valid OpenPGP public key file: " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /**
     * Returns the fingerprint, in upper-case hex, of the trusted key that made the valid {@code signature} over
     * {@code data}, or null when no trusted key made a valid signature.
     */
    public String verify(byte[] data, String signature) {
        try (InputStream in =
                PGPUtil.getDecoderStream(new ByteArrayInputStream(signature.getBytes(StandardCharsets.US_ASCII)))) {
            PGPSignatureList signatures = readSignatures(in);
            if (signatures == null) {
                return null;
            }
            for (PGPSignature candidate : signatures) {
                PGPPublicKey key = rings.getPublicKey(candidate.getKeyID());
                if (key == null) {
                    continue;
                }
                candidate.init(new BcPGPContentVerifierBuilderProvider(), key);
                candidate.update(data);
                if (candidate.verify()) {
                    return HexFormat.of().withUpperCase().formatHex(key.getFingerprint());
                }
            }
            return null;
        } catch (IOException | PGPException | RuntimeException e) {
            // A malformed signature is not a valid one; the caller reports the review as unsigned.
            return null;
        }
    }

    // NOTE: key expiry and revocation are not checked; remove a key from the file to stop trusting it.
    private static PGPSignatureList readSignatures(InputStream in) throws IOException, PGPException {
        BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
        Object next = factory.nextObject();
        if (next instanceof PGPCompressedData compressed) {
            factory = new BcPGPObjectFactory(compressed.getDataStream());
            next = factory.nextObject();
        }
        return next instanceof PGPSignatureList list ? list : null;
    }
}
