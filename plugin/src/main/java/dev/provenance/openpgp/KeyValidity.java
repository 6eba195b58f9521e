package dev.provenance.openpgp;

import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.bcpg.sig.RevocationReasonTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Decides whether a key could make a signature at a given time: not revoked, not expired, and for a subkey, bound to
 * its primary key as a signing key.
 *
 * <p>Only self-signatures that verify count. Expiry comes from the newest self-signature made at or before the time in
 * question, so a later change of the expiry date does not reach back. A revocation that states the key was superseded or retired
 * applies from its creation on. Any other revocation, one without a reason or with an unknown reason included, applies
 * at any time, because the key may have been compromised. Sequoia-PGP's RevocationType draws the same line.
 */
final class KeyValidity {

    private static final BcPGPContentVerifierBuilderProvider VERIFIERS = new BcPGPContentVerifierBuilderProvider();

    private KeyValidity() {}

    /** Returns null when the key was valid for signing at {@code time}, otherwise the check that failed. */
    static SignatureCheck.Status check(PGPPublicKeyRing ring, PGPPublicKey key, Date time, StringBuilder detail) {
        PGPPublicKey primary = ring.getPublicKey();

        // The primary key must be valid whether it signed or a subkey did.
        SignatureCheck.Status status = checkPrimary(primary, time, detail);
        if (status != null || key.getKeyID() == primary.getKeyID()) {
            return status;
        }
        return checkSubkey(primary, key, time, detail);
    }

    private static SignatureCheck.Status checkPrimary(PGPPublicKey primary, Date time, StringBuilder detail) {
        List<PGPSignature> revocations =
                verified(primary, PGPSignature.KEY_REVOCATION, primary, sig -> sig.verifyCertification(primary));
        if (revokedAt(revocations, time, detail, "primary key")) {
            return SignatureCheck.Status.KEY_REVOKED;
        }
        Optional<PGPSignature> selfSignature = newestAtOrBefore(selfSignatures(primary), time);
        if (selfSignature.isEmpty()) {
            detail.append("the primary key has no valid self-signature made before the signature");
            return SignatureCheck.Status.KEY_INVALID;
        }
        return checkExpiry(primary, selfSignature.get(), time, detail, "primary key");
    }

    private static SignatureCheck.Status checkSubkey(
            PGPPublicKey primary, PGPPublicKey subkey, Date time, StringBuilder detail) {
        List<PGPSignature> revocations = verified(
                subkey, PGPSignature.SUBKEY_REVOCATION, primary, sig -> sig.verifyCertification(primary, subkey));
        if (revokedAt(revocations, time, detail, "subkey")) {
            return SignatureCheck.Status.KEY_REVOKED;
        }

        // A binding signature made by the primary key ties the subkey to it, and for a signing subkey an embedded
        // back-signature made by the subkey proves the subkey's owner agreed to the binding.
        List<PGPSignature> bindings =
                verified(subkey, PGPSignature.SUBKEY_BINDING, primary, sig -> sig.verifyCertification(primary, subkey));
        Optional<PGPSignature> binding = newestAtOrBefore(bindings, time);
        if (binding.isEmpty()) {
            detail.append("the subkey has no valid binding signature from its primary key made before the signature");
            return SignatureCheck.Status.KEY_INVALID;
        }
        PGPSignatureSubpacketVector hashed = binding.get().getHashedSubPackets();
        if (hashed == null || (hashed.getKeyFlags() & KeyFlags.SIGN_DATA) == 0) {
            detail.append("the subkey is not marked as a signing key");
            return SignatureCheck.Status.KEY_INVALID;
        }
        if (!hasBackSignature(primary, subkey, binding.get())) {
            detail.append("the signing subkey's binding has no valid back-signature");
            return SignatureCheck.Status.KEY_INVALID;
        }
        return checkExpiry(subkey, binding.get(), time, detail, "subkey");
    }

    private static SignatureCheck.Status checkExpiry(
            PGPPublicKey key, PGPSignature selfSignature, Date time, StringBuilder detail, String role) {
        PGPSignatureSubpacketVector hashed = selfSignature.getHashedSubPackets();
        long seconds = hashed == null ? 0 : hashed.getKeyExpirationTime();
        if (seconds <= 0) {
            return null;
        }
        Date expiry = new Date(key.getCreationTime().getTime() + seconds * 1000);
        if (!time.before(expiry)) {
            detail.append("the ")
                    .append(role)
                    .append(" expired on ")
                    .append(expiry.toInstant())
                    .append(", before the signature was made on ")
                    .append(time.toInstant());
            return SignatureCheck.Status.KEY_EXPIRED;
        }
        return null;
    }

    private static boolean revokedAt(List<PGPSignature> revocations, Date time, StringBuilder detail, String role) {
        for (PGPSignature revocation : revocations) {
            PGPSignatureSubpacketVector hashed = revocation.getHashedSubPackets();
            var reason = hashed == null ? null : hashed.getRevocationReason();
            int code = reason == null ? RevocationReasonTags.NO_REASON : reason.getRevocationReason();
            boolean hard = code != RevocationReasonTags.KEY_SUPERSEDED
                    && code != RevocationReasonTags.KEY_RETIRED
                    && code != RevocationReasonTags.USER_NO_LONGER_VALID;
            if (hard || !revocation.getCreationTime().after(time)) {
                detail.append("the ")
                        .append(role)
                        .append(" was revoked on ")
                        .append(revocation.getCreationTime().toInstant())
                        .append(
                                hard
                                        ? " for all signatures (reason code " + code + ")"
                                        : " (reason code " + code + ")");
                return true;
            }
        }
        return false;
    }

    private static List<PGPSignature> selfSignatures(PGPPublicKey primary) {
        List<PGPSignature> result = new ArrayList<>();
        for (Iterator<String> ids = primary.getUserIDs(); ids.hasNext(); ) {
            String id = ids.next();
            for (Iterator<PGPSignature> sigs = primary.getSignaturesForID(id); sigs != null && sigs.hasNext(); ) {
                PGPSignature sig = sigs.next();
                if (sig.getKeyID() == primary.getKeyID()
                        && sig.isCertification()
                        && verifies(sig, primary, s -> s.verifyCertification(id, primary))) {
                    result.add(sig);
                }
            }
        }
        result.addAll(verified(primary, PGPSignature.DIRECT_KEY, primary, sig -> sig.verifyCertification(primary)));
        return result;
    }

    /**
     * Returns whether the binding carries a primary key binding signature that the subkey made. The signature may sit in
     * the hashed or the unhashed area, because it authenticates itself (GnuPG puts it in the unhashed one).
     */
    private static boolean hasBackSignature(PGPPublicKey primary, PGPPublicKey subkey, PGPSignature binding) {
        List<PGPSignature> embedded = new ArrayList<>();
        for (PGPSignatureSubpacketVector area :
                List.of(binding.getHashedSubPackets(), binding.getUnhashedSubPackets())) {
            try {
                area.getEmbeddedSignatures().forEach(embedded::add);
            } catch (PGPException | RuntimeException e) {
                // A malformed embedded signature counts as absent.
            }
        }
        return embedded.stream()
                .anyMatch(back -> back.getSignatureType() == PGPSignature.PRIMARYKEY_BINDING
                        && verifies(back, subkey, sig -> sig.verifyCertification(primary, subkey)));
    }

    /** Returns the signatures of a type on a key that the signer made and that verify. */
    private static List<PGPSignature> verified(PGPPublicKey key, int type, PGPPublicKey signer, Check check) {
        List<PGPSignature> result = new ArrayList<>();
        for (Iterator<PGPSignature> sigs = key.getSignaturesOfType(type); sigs.hasNext(); ) {
            PGPSignature sig = sigs.next();
            if (sig.getKeyID() == signer.getKeyID() && verifies(sig, signer, check)) {
                result.add(sig);
            }
        }
        return result;
    }

    /**
     * Returns whether a signature verifies; one that cannot be checked counts as absent. Self-signatures belong to
     * certificates that all threads share, and a signature object holds the state of one verification at a time, so
     * each verification locks its signature.
     */
    private static boolean verifies(PGPSignature sig, PGPPublicKey signer, Check check) {
        synchronized (sig) {
            try {
                sig.init(VERIFIERS, signer);
                return check.passes(sig);
            } catch (PGPException | RuntimeException e) {
                return false;
            }
        }
    }

    private static Optional<PGPSignature> newestAtOrBefore(List<PGPSignature> signatures, Date time) {
        return signatures.stream()
                .filter(sig -> !sig.getCreationTime().after(time))
                .max((a, b) -> a.getCreationTime().compareTo(b.getCreationTime()));
    }

    /** A check of one self-signature, which may throw. */
    @FunctionalInterface
    private interface Check {
        boolean passes(PGPSignature sig) throws PGPException;
    }
}
