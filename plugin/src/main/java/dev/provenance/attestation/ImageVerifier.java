package dev.provenance.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenance.dsse.Envelope;
import dev.provenance.dsse.EnvelopeVerifier;
import dev.provenance.dsse.MalformedEnvelopeException;
import dev.provenance.oci.AttestationFormat;
import dev.provenance.oci.FoundAttestation;
import dev.provenance.signing.PublicKeys;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The deployment gate: verifies every attestation attached to an image and checks that the required ones are present
 * in each required format and that each gate passed.
 *
 * <p>Every attached attestation must verify, because an unverifiable one means the attachments were tampered with or
 * signed with an untrusted key. Requirements are then checked against the verified statements only, per format,
 * because each admission controller reads one format.
 */
public final class ImageVerifier {

    private final List<PublicKey> trustedKeys;
    private final Set<String> requiredPredicateTypes;
    private final List<Gates> requiredGates;
    private final Set<AttestationFormat> requiredFormats;

    /**
     * @param trustedKeys the public keys whose signatures are accepted
     * @param requiredPredicateTypes predicate types that must be attached, besides the gates
     * @param requiredGates the gates whose verification summaries must be attached with verificationResult PASSED
     * @param requiredFormats the formats in which every requirement must hold
     */
    public ImageVerifier(
            List<PublicKey> trustedKeys,
            Set<String> requiredPredicateTypes,
            List<Gates> requiredGates,
            Set<AttestationFormat> requiredFormats) {
        this.trustedKeys = List.copyOf(trustedKeys);
        this.requiredPredicateTypes = Set.copyOf(requiredPredicateTypes);
        this.requiredGates = List.copyOf(requiredGates);

        // Enum order keeps the failure messages in a stable order.
        this.requiredFormats =
                requiredFormats.isEmpty() ? EnumSet.noneOf(AttestationFormat.class) : EnumSet.copyOf(requiredFormats);
    }

    /** A statement whose signature and subject verified. */
    public record VerifiedStatement(
            AttestationFormat format, String location, Statement statement, String keyFingerprint) {}

    /** The outcome: the verified statements and every reason the image fails, in order. */
    public record Outcome(List<VerifiedStatement> verified, List<String> failures) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    /** Verifies {@code found}, the attachments of the image whose manifest digest is {@code sha256:imageSha256}. */
    public Outcome verify(String imageSha256, List<FoundAttestation> found) {
        List<VerifiedStatement> verified = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        EnvelopeVerifier verifier = new EnvelopeVerifier(trustedKeys);
        for (FoundAttestation attestation : found) {
            Check check = check(imageSha256, attestation, verifier);
            check.verified().ifPresent(verified::add);
            check.failure().ifPresent(failures::add);
        }

        // Fail closed: an image without a single verified attestation never passes, whatever is required.
        if (verified.isEmpty()) {
            failures.add("no verified attestation is attached to the image (" + found.size() + " found)");
        }
        for (AttestationFormat format : requiredFormats) {
            checkRequirements(format, verified, failures);
        }
        return new Outcome(verified, failures);
    }

    private record Check(Optional<VerifiedStatement> verified, Optional<String> failure) {
        static Check failed(FoundAttestation found, String reason) {
            return new Check(
                    Optional.empty(), Optional.of(found.format().label() + " " + found.location() + ": " + reason));
        }
    }

    private Check check(String imageSha256, FoundAttestation found, EnvelopeVerifier verifier) {
        if (found.problem().isPresent()) {
            return Check.failed(found, found.problem().get());
        }
        Envelope envelope;
        try {
            envelope = Envelope.parse(found.envelopeBytes());
        } catch (MalformedEnvelopeException e) {
            return Check.failed(found, e.getMessage());
        }
        if (!Envelope.IN_TOTO_PAYLOAD_TYPE.equals(envelope.payloadType())) {
            return Check.failed(
                    found,
                    "payloadType is '" + envelope.payloadType() + "', expected '" + Envelope.IN_TOTO_PAYLOAD_TYPE
                            + "'");
        }

        // Sigstore bundle verifiers require exactly one signature.
        if (found.format() == AttestationFormat.SIGSTORE_BUNDLE
                && envelope.signatures().size() != 1) {
            return Check.failed(
                    found,
                    "a bundle's envelope must have exactly one signature, it has "
                            + envelope.signatures().size());
        }
        Optional<PublicKey> key = verifier.verify(envelope);
        if (key.isEmpty()) {
            return Check.failed(
                    found,
                    "the signature does not verify with any trusted key ("
                            + String.join(
                                    ", ",
                                    trustedKeys.stream()
                                            .map(PublicKeys::fingerprint)
                                            .toList())
                            + "); the payload was changed or it was signed with another key");
        }

        // Only the verified payload is parsed from here on.
        Statement statement;
        try {
            statement = Statement.parse(envelope.payload());
        } catch (IllegalArgumentException e) {
            return Check.failed(found, e.getMessage());
        }
        List<String> subjects =
                statement.subjects().stream().map(Subject::sha256).toList();
        if (!subjects.contains(imageSha256)) {
            return Check.failed(
                    found,
                    "the statement's subject digests "
                            + subjects.stream().map(s -> "sha256:" + s).toList()
                            + " do not include the image digest sha256:" + imageSha256
                            + "; it attests another image");
        }
        if (!found.annotatedPredicateType().isEmpty()
                && !found.annotatedPredicateType().equals(statement.predicateType())) {
            return Check.failed(
                    found,
                    "the annotation names predicate type '" + found.annotatedPredicateType()
                            + "' but the signed statement has '" + statement.predicateType() + "'");
        }
        return new Check(
                Optional.of(new VerifiedStatement(
                        found.format(), found.location(), statement, PublicKeys.fingerprint(key.get()))),
                Optional.empty());
    }

    private void checkRequirements(AttestationFormat format, List<VerifiedStatement> verified, List<String> failures) {
        List<Statement> statements = verified.stream()
                .filter(v -> v.format() == format)
                .map(VerifiedStatement::statement)
                .toList();
        for (String type : requiredPredicateTypes.stream().sorted().toList()) {
            if (statements.stream().noneMatch(s -> s.predicateType().equals(type))) {
                failures.add(format.label() + ": no verified attestation of predicate type " + type);
            }
        }
        for (Gates gate : requiredGates) {
            checkGate(format, gate, statements, failures);
        }
    }

    /** Requires at least one summary of {@code gate}, and every one of them PASSED, as Kyverno evaluates them. */
    private static void checkGate(
            AttestationFormat format, Gates gate, List<Statement> statements, List<String> failures) {
        List<JsonNode> summaries = statements.stream()
                .filter(s -> s.predicateType().equals(PredicateTypes.VERIFICATION_SUMMARY))
                .map(Statement::predicate)
                .filter(p ->
                        gate.verifierId().equals(p.path("verifier").path("id").asText()))
                .toList();
        if (summaries.isEmpty()) {
            failures.add(format.label() + ": no verified verification summary for the " + gate.gateName()
                    + " gate (verifier.id " + gate.verifierId() + "); run " + gate.goal() + " before attest");
            return;
        }
        for (JsonNode summary : summaries) {
            String result = summary.path("verificationResult").asText("");
            if (!"PASSED".equals(result)) {
                failures.add(format.label() + ": the " + gate.gateName() + " gate's verificationResult is '" + result
                        + "', expected PASSED (counts " + summary.path("provenance_counts") + ")");
            }
        }
    }
}
