package dev.provenance.signing;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Optional;

/**
 * A private key with its public key and the window in which it may sign.
 *
 * <p>{@link #toString()} never shows the private key; it shows the public key's fingerprint.
 */
public record SigningKey(
        PrivateKey privateKey, PublicKey publicKey, Optional<Instant> notBefore, Optional<Instant> notAfter) {

    /** Returns the key with a validity window; either end may be empty. */
    public SigningKey withValidity(Optional<Instant> from, Optional<Instant> until) {
        return new SigningKey(privateKey, publicKey, from, until);
    }

    /**
     * Checks that the key may sign at {@code now}.
     *
     * @throws KeyException when {@code now} is before {@code notBefore} or after {@code notAfter}
     */
    public void checkValidAt(Instant now) throws KeyException {
        if (notAfter.isPresent() && now.isAfter(notAfter.get())) {
            throw new KeyException("the signing key " + PublicKeys.fingerprint(publicKey) + " expired at "
                    + notAfter.get() + "; sign with its successor key and publish the new public key");
        }
        if (notBefore.isPresent() && now.isBefore(notBefore.get())) {
            throw new KeyException("the signing key " + PublicKeys.fingerprint(publicKey) + " is not valid before "
                    + notBefore.get() + "; use the current key until then");
        }
    }

    @Override
    public String toString() {
        return "SigningKey[" + PublicKeys.fingerprint(publicKey) + "]";
    }
}
