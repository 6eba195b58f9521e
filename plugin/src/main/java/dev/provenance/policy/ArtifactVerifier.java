package dev.provenance.policy;

import dev.provenance.openpgp.Fingerprint;
import dev.provenance.openpgp.OpenPgpFormatException;
import dev.provenance.openpgp.SignatureCheck;
import dev.provenance.openpgp.SignatureCheck.Status;
import dev.provenance.openpgp.SignatureVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Checks resolved artifacts against a policy: allowed and not denied, signed by an accepted key that was valid at
 * signing time, and matching their pinned checksums. Independent artifacts are checked in parallel, and signature
 * results are cached so that an unchanged build repeats no signature cryptography.
 */
public final class ArtifactVerifier {

    /** The violations that adding the suggested {@code allow} line fixes. */
    private static final Set<Violation.Reason> ACCEPTABLE = EnumSet.of(
            Violation.Reason.NOT_ALLOWED,
            Violation.Reason.KEY_NOT_ACCEPTED,
            Violation.Reason.CHECKSUM_MISSING,
            Violation.Reason.UNSIGNED);

    /**
     * Part of every cache key. It changes when the stored results change meaning, so that results stored by an older
     * version, such as those from before signature expiration times were checked, are not read.
     */
    private static final String CACHE_FORMAT = "2";

    private final Policy policy;
    private final SignatureVerifier signatures;
    private final VerificationCache cache;
    private final String keyringDigest;
    private final LocalDate today;

    /**
     * @param policy the policy to apply
     * @param signatures the verifier with the policy's keys
     * @param cache where signature results are stored between builds
     * @param keyringDigest a digest of the keyring files' bytes, which results depend on as much as on the policy
     * @param today the date that decides whether exemptions still apply
     */
    public ArtifactVerifier(
            Policy policy,
            SignatureVerifier signatures,
            VerificationCache cache,
            String keyringDigest,
            LocalDate today) {
        this.policy = policy;
        this.signatures = signatures;
        this.cache = cache;
        this.keyringDigest = keyringDigest;
        this.today = today;
    }

    /**
     * Checks all artifacts with up to {@code threads} in parallel and returns the results in the input order.
     *
     * @throws IOException when an artifact file cannot be read
     */
    public List<ArtifactResult> verifyAll(List<ResolvedArtifact> artifacts, int threads) throws IOException {
        ExecutorService executor = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<ArtifactResult>> futures = new ArrayList<>();
            for (ResolvedArtifact artifact : artifacts) {
                futures.add(executor.submit(() -> verify(artifact)));
            }
            List<ArtifactResult> results = new ArrayList<>();
            for (Future<ArtifactResult> future : futures) {
                results.add(await(future));
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }

    /** Checks one artifact. */
    public ArtifactResult verify(ResolvedArtifact artifact) throws IOException {
        ArtifactCoordinates coordinates = artifact.coordinates();
        PolicyDecision decision = policy.decide(coordinates, today);
        String sha256 = Digests.sha256(artifact.file());
        List<Violation> violations = new ArrayList<>();

        // Coordinates: a deny wins over every allow unless an allow entry overrides it with a reason.
        if (decision.denied()) {
            violations.add(new Violation(Violation.Reason.DENIED, "denied by " + lines(decision.denyEntries())));
        }
        if (!decision.allowed()) {
            violations.add(new Violation(Violation.Reason.NOT_ALLOWED, "no allow entry matches"));
        }

        // Signature, then checksums.
        SignatureOutcome signature = checkSignature(artifact, sha256);
        signatureViolation(artifact, decision, signature).ifPresent(violations::add);
        violations.addAll(checksumViolations(artifact, decision, sha256));

        List<Violation> explained = withExpiredExemptions(violations, decision.expired());
        String suggestion = suggestion(coordinates, explained, signature, sha256);
        return new ArtifactResult(
                artifact,
                sha256,
                signature.checks,
                explained,
                suggestion,
                signature.cached,
                staleExemptionNotices(decision, signature));
    }

    /**
     * Returns a notice when an {@code unsigned} exemption lets an artifact pass whose signature now verifies with a key
     * the goal found, so that the policy can require that key instead of accepting any or no signature.
     */
    private List<String> staleExemptionNotices(PolicyDecision decision, SignatureOutcome signature) {
        if (decision.unsigned().isEmpty() || !decision.allowed() || signature.formatError != null) {
            return List.of();
        }
        Optional<SignatureCheck> good = signature.checks.stream()
                .filter(c -> c.status() == Status.GOOD && c.primaryKey() != null)
                .findFirst();
        if (good.isEmpty()) {
            return List.of();
        }
        String key = good.get().primaryKey().hex();
        return List.of(
                "the unsigned exemption on line " + decision.unsigned().get().line()
                        + " is no longer needed: the signature verifies with key " + key
                        + "; replace the exemption with key=" + key
                        + " so that a signature by that key is required");
    }

    private SignatureOutcome checkSignature(ResolvedArtifact artifact, String sha256) throws IOException {
        if (artifact.signatureFile() == null) {
            return new SignatureOutcome(List.of(), null, false);
        }
        String key = Digests.sha256(String.join(
                "|", CACHE_FORMAT, sha256, Digests.sha256(artifact.signatureFile()), policy.digest(), keyringDigest));
        Optional<VerificationCache.Entry> hit = cache.get(key);
        if (hit.isPresent()) {
            return new SignatureOutcome(hit.get().checks(), hit.get().formatError(), true);
        }

        VerificationCache.Entry entry;
        try {
            entry = new VerificationCache.Entry(signatures.verify(artifact.file(), artifact.signatureFile()), null);
        } catch (OpenPgpFormatException e) {
            entry = new VerificationCache.Entry(List.of(), e.getMessage());
        }

        // Only settled results are stored. Lookups that failed or found nothing may succeed next time, and a signature
        // with an expiration time or a creation time in the future changes its result as time passes.
        boolean settled = entry.checks().stream()
                .noneMatch(c -> c.status() == Status.KEY_FETCH_FAILED
                        || c.status() == Status.KEY_NOT_FOUND
                        || c.status() == Status.SIGNATURE_IN_FUTURE
                        || c.expires() != null);
        if (settled) {
            cache.put(key, entry);
        }
        return new SignatureOutcome(entry.checks(), entry.formatError(), false);
    }

    private Optional<Violation> signatureViolation(
            ResolvedArtifact artifact, PolicyDecision decision, SignatureOutcome signature) {
        boolean unsignedAllowed = decision.unsigned().isPresent();
        if (artifact.signatureError() != null) {
            return Optional.of(new Violation(Violation.Reason.SIGNATURE_NOT_RESOLVED, artifact.signatureError()));
        }
        if (artifact.signatureFile() == null) {
            return unsignedAllowed
                    ? Optional.empty()
                    : Optional.of(new Violation(Violation.Reason.UNSIGNED, "the repository has no .asc signature"));
        }
        if (signature.formatError != null) {
            return Optional.of(new Violation(Violation.Reason.BAD_SIGNATURE, signature.formatError));
        }

        // One cryptographically bad signature fails the artifact, whatever else the file holds.
        Optional<SignatureCheck> bad =
                signature.checks.stream().filter(c -> c.status() == Status.BAD).findFirst();
        if (bad.isPresent()) {
            return Optional.of(new Violation(
                    Violation.Reason.BAD_SIGNATURE,
                    "key " + bad.get().issuer() + ": " + bad.get().detail()));
        }
        if (unsignedAllowed || signature.checks.stream().anyMatch(c -> passes(c, decision))) {
            return Optional.empty();
        }

        // Without an allow entry no key is accepted, and the "not allowed" line already gives the entry to add.
        if (!decision.allowed()) {
            return Optional.empty();
        }
        return Optional.of(explainFailure(signature.checks, decision));
    }

    private boolean passes(SignatureCheck check, PolicyDecision decision) {
        boolean goodEnough = check.status() == Status.GOOD
                || (check.status() == Status.WEAK_HASH
                        && policy.weakHashExemption(check.hashAlgorithm(), today)
                                .isPresent());
        return goodEnough && accepted(check, decision);
    }

    private static boolean accepted(SignatureCheck check, PolicyDecision decision) {
        Set<Fingerprint> keys = decision.acceptedKeys();
        return (check.primaryKey() != null && keys.contains(check.primaryKey()))
                || keys.contains(new Fingerprint(check.issuer()));
    }

    /** Picks the violation that best explains why no signature passed, most specific first. */
    private static Violation explainFailure(List<SignatureCheck> checks, PolicyDecision decision) {
        for (SignatureCheck check : checks) {
            boolean checked = check.status() != Status.GOOD
                    && check.status() != Status.KEY_NOT_FOUND
                    && check.status() != Status.KEY_FETCH_FAILED;
            if (accepted(check, decision) && checked) {
                return new Violation(reasonOf(check.status()), "key " + check.issuer() + ": " + check.detail());
            }
        }
        for (SignatureCheck check : checks) {
            if (check.status() == Status.GOOD || check.status() == Status.WEAK_HASH) {
                return new Violation(
                        Violation.Reason.KEY_NOT_ACCEPTED,
                        "signed by key " + check.primaryKey() + ", but the policy accepts "
                                + describe(decision.acceptedKeys()));
            }
        }
        for (SignatureCheck check : checks) {
            if (check.status() == Status.KEY_NOT_FOUND) {
                return new Violation(
                        Violation.Reason.KEY_NOT_FOUND,
                        "signed by key " + check.issuer()
                                + ", which no keyring holds; add its public key to a keyring file (gpg --export --armor "
                                + check.issuer() + ") after checking that it belongs to the publisher");
            }
        }
        SignatureCheck first = checks.get(0);
        return new Violation(reasonOf(first.status()), "key " + first.issuer() + ": " + first.detail());
    }

    /** Adds to each violation the exemption that would have lifted it but has expired, so the fix is clear. */
    private static List<Violation> withExpiredExemptions(List<Violation> violations, List<Exemption> expired) {
        List<Violation> result = new ArrayList<>();
        for (Violation violation : violations) {
            StringBuilder detail = new StringBuilder(violation.detail());
            for (Exemption exemption : expired) {
                if (lifts(exemption.kind(), violation.reason())) {
                    detail.append("; the ")
                            .append(exemption.kind().keyword())
                            .append(" exemption on line ")
                            .append(exemption.line())
                            .append(" expired on ")
                            .append(exemption.expires());
                }
            }
            result.add(new Violation(violation.reason(), detail.toString()));
        }
        return result;
    }

    private static boolean lifts(Exemption.Kind kind, Violation.Reason reason) {
        return switch (kind) {
            case UNSIGNED -> reason == Violation.Reason.UNSIGNED;
            case NO_CHECKSUM -> reason == Violation.Reason.CHECKSUM_MISSING;
            case OVERRIDE_DENY -> reason == Violation.Reason.DENIED;
            case WEAK_HASH -> reason == Violation.Reason.WEAK_HASH;
        };
    }

    private static Violation.Reason reasonOf(Status status) {
        return switch (status) {
            case GOOD -> Violation.Reason.KEY_NOT_ACCEPTED;
            case BAD -> Violation.Reason.BAD_SIGNATURE;
            case SIGNATURE_EXPIRED -> Violation.Reason.SIGNATURE_EXPIRED;
            case SIGNATURE_IN_FUTURE -> Violation.Reason.SIGNATURE_IN_FUTURE;
            case WEAK_HASH -> Violation.Reason.WEAK_HASH;
            case KEY_EXPIRED -> Violation.Reason.KEY_EXPIRED;
            case KEY_REVOKED -> Violation.Reason.KEY_REVOKED;
            case KEY_INVALID -> Violation.Reason.KEY_INVALID;
            case KEY_NOT_FOUND -> Violation.Reason.KEY_NOT_FOUND;
            case KEY_FETCH_FAILED -> Violation.Reason.KEY_FETCH_FAILED;
        };
    }

    private List<Violation> checksumViolations(ResolvedArtifact artifact, PolicyDecision decision, String sha256)
            throws IOException {
        List<Violation> violations = new ArrayList<>();
        for (Checksum pin : decision.checksums()) {
            String actual = pin.algorithm() == Checksum.Algorithm.SHA256
                    ? sha256
                    : Digests.of(artifact.file(), pin.algorithm().jcaName());
            if (!actual.equals(pin.hex())) {
                violations.add(new Violation(
                        Violation.Reason.CHECKSUM_MISMATCH,
                        "the policy pins " + pin.algorithm().key() + "=" + pin.hex() + " but the file has " + actual));
            }
        }
        if (artifact.systemScope() && decision.checksums().isEmpty()) {

            // A system-scope file comes from the local disk with no repository or signature behind it.
            violations.add(new Violation(
                    Violation.Reason.CHECKSUM_MISSING,
                    "a system-scope artifact needs an allow"
                            + " entry with its sha256= or sha512=; no-checksum does not apply to it"));
        } else if (decision.checksums().isEmpty() && decision.checksumRequired() && decision.allowed()) {
            violations.add(new Violation(
                    Violation.Reason.CHECKSUM_MISSING,
                    "no matching allow entry pins sha256=" + " or sha512=, and no no-checksum exemption applies"));
        }
        return violations;
    }

    private static String suggestion(
            ArtifactCoordinates coordinates, List<Violation> violations, SignatureOutcome signature, String sha256) {
        if (violations.isEmpty() || !violations.stream().allMatch(v -> ACCEPTABLE.contains(v.reason()))) {
            return null;
        }
        StringBuilder line = new StringBuilder("allow ").append(coordinates);
        signature.checks.stream()
                .filter(c -> c.status() == Status.GOOD)
                .map(SignatureCheck::primaryKey)
                .findFirst()
                .ifPresent(key -> line.append(" key=").append(key));
        line.append(" sha256=").append(sha256);
        if (violations.stream().anyMatch(v -> v.reason() == Violation.Reason.UNSIGNED)) {
            line.append(" unsigned reason=\"<why an unsigned artifact is acceptable>\"");
        } else if (violations.stream().anyMatch(v -> v.reason() == Violation.Reason.NOT_ALLOWED)) {
            // An artifact signed only by keys that no keyring contains gets the exemption that record-policy writes.
            PolicyRecorder.missingKeyExemption(signature.checks).ifPresent(line::append);
        }
        return line.toString();
    }

    private static String lines(List<PolicyEntry> entries) {
        return entries.stream()
                .map(e -> "line " + e.line() + " (" + e.pattern() + (e.reason() == null ? "" : ": " + e.reason()) + ")")
                .collect(Collectors.joining(", "));
    }

    private static String describe(Set<Fingerprint> keys) {
        return keys.isEmpty()
                ? "no key for it"
                : keys.stream().map(Fingerprint::hex).collect(Collectors.joining(", "));
    }

    private static ArtifactResult await(Future<ArtifactResult> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while verifying artifacts", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IllegalStateException("verifying an artifact failed unexpectedly", e.getCause());
        }
    }

    private record SignatureOutcome(List<SignatureCheck> checks, String formatError, boolean cached) {}
}
