package dev.provenance.openpgp;

import java.time.Instant;

/**
 * The outcome of checking one signature of a detached signature file.
 *
 * @param status what the check found
 * @param issuer the fingerprint of the signing key, or its 16-digit key id when the signature names no fingerprint and
 *     no keyring contains the key
 * @param primaryKey the fingerprint of the primary key of the signing key's certificate, or null when the key is not
 *     known
 * @param hashAlgorithm the name of the signature's hash algorithm, such as {@code SHA512}
 * @param created when the signature was made
 * @param expires when the signature stops being valid, from its signature expiration time subpacket, or null when it
 *     never expires
 * @param detail a sentence that explains a status other than {@code GOOD}, or an empty string
 */
public record SignatureCheck(
        Status status,
        String issuer,
        Fingerprint primaryKey,
        String hashAlgorithm,
        Instant created,
        Instant expires,
        String detail) {

    /** The result of a signature check. */
    public enum Status {
        /** The signature verifies and its key was valid when it was made. */
        GOOD,
        /** The signature does not verify over the file: the file or the signature was changed. */
        BAD,
        /** The signature verifies, but its hash algorithm is weak. */
        WEAK_HASH,
        /** The signing key had expired when the signature was made. */
        KEY_EXPIRED,
        /** The signature's own expiration time has passed. */
        SIGNATURE_EXPIRED,
        /** The signature's creation time lies further in the future than the clock-skew allowance. */
        SIGNATURE_IN_FUTURE,
        /** The signing key was revoked. */
        KEY_REVOKED,
        /** The signing key cannot make this signature: not bound to its primary key, or not a signing key. */
        KEY_INVALID,
        /** No keyring contains the signing key. */
        KEY_NOT_FOUND,
        /** The signing key was not in the keyrings and fetching it from a keyserver failed. */
        KEY_FETCH_FAILED
    }
}
