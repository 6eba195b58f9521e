package dev.provenance.commits;

import dev.provenance.openpgp.DetachedSignatures;
import dev.provenance.openpgp.KeyLookup;
import dev.provenance.openpgp.OpenPgpFormatException;
import dev.provenance.openpgp.PublicKeys;
import dev.provenance.openpgp.SignatureCheck;
import dev.provenance.openpgp.SignatureVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/** OpenPGP public keys whose signatures make a review count when signed reviews are required. */
public final class TrustedKeys {

    private final Path file;
    private final SignatureVerifier verifier;

    private TrustedKeys(Path file, PGPPublicKeyRingCollection rings) {
        this.file = file;
        List<PGPPublicKeyRing> keys = new ArrayList<>();
        rings.getKeyRings().forEachRemaining(keys::add);
        this.verifier = new SignatureVerifier(PublicKeys.of(keys), KeyLookup.NONE);
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
     * The outcome of checking a signature against the trusted keys.
     *
     * @param fingerprint the fingerprint, in upper-case hex, of the trusted key that made a valid signature, or null
     * @param problem why no trusted key made a valid signature, or null when one did or when there is nothing more to
     *     say than that
     */
    public record Check(String fingerprint, String problem) {

        static final Check UNSIGNED = new Check(null, null);

        /** Returns whether a trusted key made a valid signature. */
        public boolean valid() {
            return fingerprint != null;
        }
    }

    /**
     * Checks an armored detached {@code signature} over {@code data} as {@code check-dependencies} checks an
     * artifact's. The signature must verify, and the key must not have been revoked or expired when it signed. The
     * signature must not have expired, nor be dated in the future, and its hash must not be weak.
     */
    public Check check(byte[] data, String signature) {
        List<PGPSignature> signatures;
        try {
            signatures = DetachedSignatures.read(signature.getBytes(StandardCharsets.US_ASCII));
        } catch (OpenPgpFormatException e) {
            return new Check(null, "the signature cannot be read: " + e.getMessage());
        }
        String problem = null;
        for (SignatureCheck result : verifier.verify(data, signatures)) {
            if (result.status() == SignatureCheck.Status.GOOD) {
                return new Check(result.issuer(), null);
            }
            if (problem == null) {
                problem = result.status() == SignatureCheck.Status.KEY_NOT_FOUND
                        ? "it was made by the key " + result.issuer() + ", which that file does not contain"
                        : result.detail();
            }
        }
        return new Check(null, problem);
    }
}
