package dev.provenance.dsse;

import java.security.Key;
import java.security.interfaces.ECKey;

/** Maps an ECDSA key to the JCA name of the DER-encoded signature that cosign pairs with its curve. */
final class SignatureAlgorithms {

    private SignatureAlgorithms() {}

    static String forKey(Key key) {
        if (!(key instanceof ECKey ec)) {
            throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm()
                    + ": only ECDSA keys (P-256, P-384) are supported");
        }
        int bits = ec.getParams().getCurve().getField().getFieldSize();
        return switch (bits) {
            case 256 -> "SHA256withECDSA";
            // NOTE: @sigstore/verify (2.1.1 to 4.1.3) checks a DSSE signature with Node's default digest, SHA-256,
            // so P-384 bundles fail in the Sigstore JavaScript libraries. cosign pairs P-384 with SHA-384, as here.
            case 384 -> "SHA384withECDSA";
            default ->
                throw new IllegalArgumentException(
                        "unsupported ECDSA curve of " + bits + " bits: only P-256 and P-384 are supported");
        };
    }
}
