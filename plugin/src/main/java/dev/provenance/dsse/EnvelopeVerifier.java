package dev.provenance.dsse;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.List;
import java.util.Optional;

/**
 * Verifies DSSE envelopes against trusted ECDSA public keys.
 *
 * <p>An envelope is accepted when at least one of its signatures verifies over the PAE bytes with one of the keys
 * (DSSE v1.0.2, protocol.md, "Verification"). The caller must then use only {@link Envelope#payload()} of the envelope
 * that verified.
 */
public final class EnvelopeVerifier {

    private final List<PublicKey> trustedKeys;

    public EnvelopeVerifier(List<PublicKey> trustedKeys) {
        if (trustedKeys.isEmpty()) {
            throw new IllegalArgumentException("at least one trusted public key is required");
        }
        this.trustedKeys = List.copyOf(trustedKeys);
    }

    /** Returns the trusted key that verifies a signature of {@code envelope}, or empty when none does. */
    public Optional<PublicKey> verify(Envelope envelope) {
        byte[] pae = envelope.pae();
        for (Envelope.Signature signature : envelope.signatures()) {
            for (PublicKey key : trustedKeys) {
                if (verifies(key, pae, signature.sig())) {
                    return Optional.of(key);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean verifies(PublicKey key, byte[] pae, byte[] sig) {
        try {
            Signature signature = Signature.getInstance(SignatureAlgorithms.forKey(key));
            signature.initVerify(key);
            signature.update(pae);
            return signature.verify(sig);
        } catch (GeneralSecurityException | IllegalArgumentException e) {

            // A malformed DER signature or a key of another curve is a signature that does not verify.
            return false;
        }
    }
}
