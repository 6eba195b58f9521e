package dev.provenance.openpgp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.sig.IssuerFingerprint;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Checks the detached signatures of a file against public keys: each signature must verify over the file's bytes, use
 * a strong hash algorithm, come from a key that was valid when the signature was made, and be valid now: not past its
 * own expiration time, and not made in the future.
 */
public final class SignatureVerifier {

    /** Hash algorithms rejected unless a policy allows them: MD5, SHA-1 and RIPEMD-160 have known collision attacks. */
    public static final Set<Integer> WEAK_HASHES =
            Set.of(HashAlgorithmTags.MD5, HashAlgorithmTags.SHA1, HashAlgorithmTags.RIPEMD160);

    /**
     * How far a signature's creation time may lie ahead of this machine's clock before the signature counts as made in
     * the future. It absorbs small clock differences between the signing machine and the build machine.
     */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

    private static final BcPGPContentVerifierBuilderProvider VERIFIERS = new BcPGPContentVerifierBuilderProvider();

    private final PublicKeys keys;
    private final KeyLookup fallback;
    private final Clock clock;

    /**
     * @param keys the keyrings to find signing keys in
     * @param fallback where to look for keys the keyrings lack, such as a keyserver
     */
    public SignatureVerifier(PublicKeys keys, KeyLookup fallback) {
        this(keys, fallback, Clock.systemUTC());
    }

    /**
     * @param keys the keyrings to find signing keys in
     * @param fallback where to look for keys the keyrings lack, such as a keyserver
     * @param clock the clock that decides whether a signature has expired or was made in the future
     */
    public SignatureVerifier(PublicKeys keys, KeyLookup fallback, Clock clock) {
        this.keys = keys;
        this.fallback = fallback;
        this.clock = clock;
    }

    /**
     * Checks every signature in a detached signature file against the data file.
     *
     * @throws OpenPgpFormatException when the signature file is malformed, truncated or too large
     * @throws IOException when the data file cannot be read
     */
    public List<SignatureCheck> verify(Path data, Path signatureFile) throws OpenPgpFormatException, IOException {
        return verify(data, DetachedSignatures.read(signatureFile));
    }

    /** Checks signatures that {@link DetachedSignatures} has read against the data file. */
    public List<SignatureCheck> verify(Path data, List<PGPSignature> signatures) throws IOException {
        return verify(
                signature -> {
                    try (InputStream in = Files.newInputStream(data)) {
                        byte[] buffer = new byte[64 * 1024];
                        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                            signature.update(buffer, 0, n);
                        }
                    }
                },
                "the signature does not match the file; the file or its .asc was changed",
                signatures);
    }

    /**
     * Checks signatures that {@link DetachedSignatures} has read against signed bytes held in memory, such as a git
     * commit or note, in the same way as a file's.
     */
    public List<SignatureCheck> verify(byte[] data, List<PGPSignature> signatures) {
        try {
            return verify(
                    signature -> signature.update(data),
                    "the signature does not match the signed content; the content or the signature was changed",
                    signatures);
        } catch (IOException e) {
            throw new UncheckedIOException("reading bytes in memory failed", e);
        }
    }

    /** Feeds the signed content to a signature that is ready to verify. */
    @FunctionalInterface
    private interface Content {
        void feed(PGPSignature signature) throws IOException;
    }

    private List<SignatureCheck> verify(Content data, String mismatch, List<PGPSignature> signatures)
            throws IOException {
        List<SignatureCheck> checks = new ArrayList<>();
        for (PGPSignature signature : signatures) {
            checks.add(check(data, mismatch, signature));
        }
        return checks;
    }

    private SignatureCheck check(Content data, String mismatch, PGPSignature signature) throws IOException {
        Fingerprint issuerFingerprint = issuerFingerprint(signature);
        String issuer = issuerFingerprint != null
                ? issuerFingerprint.hex()
                : HexFormat.of().withUpperCase().formatHex(longBytes(signature.getKeyID()));
        String hash = hashName(signature.getHashAlgorithm());

        // Find the certificate: the keyrings first, then the fallback, which reports failures apart from absence.
        Optional<PGPPublicKeyRing> ring = keys.findByKeyId(signature.getKeyID());
        if (ring.isEmpty()) {
            try {
                ring = fallback.find(signature.getKeyID(), issuerFingerprint);
            } catch (KeyFetchException e) {
                return result(signature, SignatureCheck.Status.KEY_FETCH_FAILED, issuer, null, e.getMessage());
            }
        }
        if (ring.isEmpty() || ring.get().getPublicKey(signature.getKeyID()) == null) {
            return result(
                    signature, SignatureCheck.Status.KEY_NOT_FOUND, issuer, null, "no keyring holds the key " + issuer);
        }
        PGPPublicKey key = ring.get().getPublicKey(signature.getKeyID());
        Fingerprint signingKey = Fingerprint.of(key.getFingerprint());
        Fingerprint primary = Fingerprint.of(ring.get().getPublicKey().getFingerprint());
        if (issuerFingerprint != null && !issuerFingerprint.equals(signingKey)) {
            return result(
                    signature,
                    SignatureCheck.Status.KEY_NOT_FOUND,
                    issuer,
                    null,
                    "a keyring holds a key with the same key id but another fingerprint, " + signingKey);
        }

        // Cryptography: a signature over other bytes, or of a type other than a document signature, is bad.
        if (!verifiesOver(data, signature, key)) {
            return result(signature, SignatureCheck.Status.BAD, signingKey.hex(), primary, mismatch);
        }
        // A creation time in the future makes the key checks at that time meaningless, so it is checked first.
        Instant now = clock.instant();
        Instant created = signature.getCreationTime().toInstant();
        if (created.isAfter(now.plus(CLOCK_SKEW))) {
            return result(
                    signature,
                    SignatureCheck.Status.SIGNATURE_IN_FUTURE,
                    signingKey.hex(),
                    primary,
                    "the signature was made on " + created + ", later than this machine's clock (" + now
                            + ") plus the allowed clock skew of " + CLOCK_SKEW.toMinutes()
                            + " minutes; check the clocks of this machine and of the signer");
        }

        // The key must have been valid at the signature's creation time, and the signature itself must still be valid
        // now. Both come before the hash check, so that a policy that accepts a weak hash never accepts an expired or
        // revoked key, or an expired signature, with it.
        StringBuilder detail = new StringBuilder();
        SignatureCheck.Status status = KeyValidity.check(ring.get(), key, signature.getCreationTime(), detail);
        if (status != null) {
            return result(signature, status, signingKey.hex(), primary, detail.toString());
        }
        Instant expires = expirationOf(signature);
        if (expires != null && !now.isBefore(expires)) {
            return result(
                    signature,
                    SignatureCheck.Status.SIGNATURE_EXPIRED,
                    signingKey.hex(),
                    primary,
                    "the signature expired on " + expires + "; it was made on " + created + " to be valid for "
                            + describe(Duration.between(created, expires))
                            + ", so the publisher must sign the file again");
        }
        if (WEAK_HASHES.contains(signature.getHashAlgorithm())) {
            return result(
                    signature,
                    SignatureCheck.Status.WEAK_HASH,
                    signingKey.hex(),
                    primary,
                    "the signature uses the weak hash algorithm " + hash);
        }
        return result(signature, SignatureCheck.Status.GOOD, signingKey.hex(), primary, "");
    }

    private static boolean verifiesOver(Content data, PGPSignature signature, PGPPublicKey key) throws IOException {
        int type = signature.getSignatureType();
        if (type != PGPSignature.BINARY_DOCUMENT && type != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
            return false;
        }
        try {
            signature.init(VERIFIERS, key);
            data.feed(signature);
            return signature.verify();
        } catch (PGPException | RuntimeException e) {
            // An unsupported algorithm or a malformed signature value cannot be verified, so it counts as bad.
            return false;
        }
    }

    /**
     * Returns when the signature expires, from the signature expiration time subpacket of its hashed area, or null
     * when it has none or its value is 0, which both mean it never expires. An expiration time in the unhashed area is
     * ignored, because anyone can change that area without breaking the signature.
     */
    static Instant expirationOf(PGPSignature signature) {
        long seconds = signature.getHashedSubPackets() == null
                ? 0
                : signature.getHashedSubPackets().getSignatureExpirationTime();
        return seconds <= 0 ? null : signature.getCreationTime().toInstant().plusSeconds(seconds);
    }

    /** Returns a period as whole days, hours, minutes or seconds, such as {@code 2 days}. */
    static String describe(Duration period) {
        long seconds = period.getSeconds();
        if (seconds % 86400 == 0) {
            return plural(seconds / 86400, "day");
        }
        if (seconds % 3600 == 0) {
            return plural(seconds / 3600, "hour");
        }
        if (seconds % 60 == 0) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    private static Fingerprint issuerFingerprint(PGPSignature signature) {
        IssuerFingerprint subpacket = signature.getHashedSubPackets() == null
                ? null
                : signature.getHashedSubPackets().getIssuerFingerprint();
        if (subpacket == null) {
            return null;
        }
        try {
            return Fingerprint.parse(HexFormat.of().formatHex(subpacket.getFingerprint()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static SignatureCheck result(
            PGPSignature signature, SignatureCheck.Status status, String issuer, Fingerprint primary, String detail) {
        return new SignatureCheck(
                status,
                issuer,
                primary,
                hashName(signature.getHashAlgorithm()),
                signature.getCreationTime().toInstant(),
                expirationOf(signature),
                detail);
    }

    /** Returns the upper-case name of a hash algorithm, such as {@code SHA256}, as policies name it. */
    public static String hashName(int algorithm) {
        return switch (algorithm) {
            case HashAlgorithmTags.MD5 -> "MD5";
            case HashAlgorithmTags.SHA1 -> "SHA1";
            case HashAlgorithmTags.RIPEMD160 -> "RIPEMD160";
            case HashAlgorithmTags.SHA224 -> "SHA224";
            case HashAlgorithmTags.SHA256 -> "SHA256";
            case HashAlgorithmTags.SHA384 -> "SHA384";
            case HashAlgorithmTags.SHA512 -> "SHA512";
            case HashAlgorithmTags.SHA3_256 -> "SHA3-256";
            case HashAlgorithmTags.SHA3_512 -> "SHA3-512";
            default -> "hash algorithm " + algorithm;
        };
    }

    private static byte[] longBytes(long value) {
        byte[] bytes = new byte[8];
        for (int i = 7; i >= 0; i--) {
            bytes[i] = (byte) value;
            value >>>= 8;
        }
        return bytes;
    }
}
