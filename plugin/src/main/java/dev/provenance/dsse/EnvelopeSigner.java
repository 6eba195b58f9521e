package dev.provenance.dsse;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.List;

/**
 * Signs payloads into single-signature DSSE envelopes with an ECDSA key.
 *
 * <p>The signature is ECDSA over the SHA-2 digest of the PAE bytes, ASN.1 DER encoded, as cosign and sigstore-go
 * produce and verify it (SHA-256 for P-256, SHA-384 for P-384). Raw {@code r||s} signatures would fail in those
 * verifiers.
 */
public final class EnvelopeSigner {

    private final PrivateKey privateKey;
    private final String algorithm;

    public EnvelopeSigner(PrivateKey privateKey) {
        this.privateKey = privateKey;
        this.algorithm = SignatureAlgorithms.forKey(privateKey);
    }

    /** Signs {@code payload} of type {@code payloadType} and returns the envelope, without a {@code keyid}. */
    public Envelope sign(String payloadType, byte[] payload) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(algorithm);
        signature.initSign(privateKey);
        signature.update(Pae.encode(payloadType, payload));
        return new Envelope(payloadType, payload, List.of(new Envelope.Signature("", signature.sign())));
    }
}
