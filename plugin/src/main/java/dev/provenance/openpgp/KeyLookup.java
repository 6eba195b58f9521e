package dev.provenance.openpgp;

import java.util.Optional;
import org.bouncycastle.openpgp.PGPPublicKeyRing;

/** Finds the certificate of a signing key that the keyrings do not hold, such as on a keyserver. */
@FunctionalInterface
public interface KeyLookup {

    /** A lookup that finds nothing. */
    KeyLookup NONE = (keyId, fingerprint) -> Optional.empty();

    /**
     * Returns the certificate that contains the key.
     *
     * @param keyId the signing key's 64-bit key id
     * @param fingerprint the signing key's fingerprint, or null when the signature does not name it
     * @throws KeyFetchException when the lookup failed, as opposed to finding no key
     */
    Optional<PGPPublicKeyRing> find(long keyId, Fingerprint fingerprint) throws KeyFetchException;
}
