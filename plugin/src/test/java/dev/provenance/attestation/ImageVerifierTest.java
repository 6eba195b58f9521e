package dev.provenance.attestation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenance.dsse.Envelope;
import dev.provenance.dsse.EnvelopeSigner;
import dev.provenance.oci.AttestationFormat;
import dev.provenance.oci.FoundAttestation;
import dev.provenance.signing.PrivateKeyReader;
import dev.provenance.signing.PublicKeys;
import dev.provenance.signing.SigningKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ImageVerifierTest {

    private static final Path KEYS = Path.of("src/test/resources/signing");
    private static final String IMAGE = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String OTHER = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SigningKey key;
    private static PublicKey trusted;

    @BeforeAll
    static void loadKeys() throws Exception {
        key = PrivateKeyReader.read(KEYS.resolve("pkcs8.pem"), null);
        trusted = PublicKeys.read(KEYS.resolve("pkcs8.pub"));
    }

    @Test
    void completeSetPasses() throws Exception {
        ImageVerifier.Outcome outcome = verifier().verify(IMAGE, bothFormats(complete(IMAGE, true)));

        assertThat(outcome.failures()).isEmpty();
        assertThat(outcome.verified()).hasSize(8);
    }

    @Test
    void changedPayloadFails() throws Exception {
        List<FoundAttestation> found = bothFormats(complete(IMAGE, true));
        FoundAttestation original = found.get(0);
        Envelope envelope = Envelope.parse(original.envelopeBytes());
        byte[] changed = new String(envelope.payload(), StandardCharsets.UTF_8)
                .replace("https://ci.example", "https://evil.example")
                .getBytes(StandardCharsets.UTF_8);
        found.set(
                0,
                new FoundAttestation(
                        original.format(),
                        original.location(),
                        original.annotatedPredicateType(),
                        new Envelope(envelope.payloadType(), changed, envelope.signatures()).toJson(),
                        Optional.empty()));

        ImageVerifier.Outcome outcome = verifier().verify(IMAGE, found);

        assertThat(outcome.failures())
                .containsExactly(
                        "cosign .att tag att-0: the signature does not verify with any"
                                + " trusted key (" + PublicKeys.fingerprint(trusted)
                                + "); the payload was changed or it was signed"
                                + " with another key",
                        "cosign .att tag: no verified attestation of predicate type https://slsa.dev/provenance/v1");
    }

    @Test
    void wrongKeyFails() throws Exception {
        PublicKey other = PublicKeys.read(KEYS.resolve("other.pub"));
        ImageVerifier verifier = new ImageVerifier(
                List.of(other),
                Set.of(PredicateTypes.SLSA_PROVENANCE),
                List.of(Gates.values()),
                Set.of(AttestationFormat.values()));

        ImageVerifier.Outcome outcome = verifier.verify(IMAGE, bothFormats(complete(IMAGE, true)));

        assertThat(outcome.verified()).isEmpty();
        assertThat(outcome.failures()).hasSize(8 + 1 + 6);
        assertThat(outcome.failures().get(0))
                .contains("the signature does not verify with any trusted key (" + PublicKeys.fingerprint(other) + ")");
    }

    @Test
    void otherImageDigestFails() throws Exception {
        ImageVerifier.Outcome outcome = verifier().verify(IMAGE, bothFormats(complete(OTHER, true)));

        assertThat(outcome.verified()).isEmpty();
        assertThat(outcome.failures().get(0))
                .isEqualTo("cosign .att tag att-0: the statement's subject digests" + " [sha256:" + OTHER
                        + "] do not include the image digest sha256:" + IMAGE + "; it attests another image");
    }

    @Test
    void missingGateFails() throws Exception {
        List<Statement> statements = new ArrayList<>(complete(IMAGE, true));
        statements.remove(3);

        ImageVerifier.Outcome outcome = verifier().verify(IMAGE, bothFormats(statements));

        assertThat(outcome.failures())
                .containsExactlyInAnyOrder(
                        "cosign .att tag: no verified verification summary for the commits gate (verifier.id "
                                + Gates.COMMITS.verifierId() + "); run check-commits before attest",
                        "Sigstore bundle referrer: no verified verification summary for the commits gate (verifier.id "
                                + Gates.COMMITS.verifierId() + "); run check-commits before attest");
    }

    @Test
    void failedGateFails() throws Exception {
        ImageVerifier.Outcome outcome = verifier().verify(IMAGE, bothFormats(complete(IMAGE, false)));

        assertThat(outcome.failures()).hasSize(2);
        assertThat(outcome.failures().get(0))
                .startsWith(
                        "cosign .att tag: the commits gate's verificationResult is 'FAILED', expected PASSED (counts {\"unreviewed\":2})");
    }

    @Test
    void missingFormatFails() throws Exception {
        List<FoundAttestation> found = new ArrayList<>();
        for (Statement statement : complete(IMAGE, true)) {
            found.add(found(AttestationFormat.COSIGN_TAG, "att-" + found.size(), statement));
        }

        ImageVerifier.Outcome outcome = verifier().verify(IMAGE, found);

        assertThat(outcome.failures())
                .contains(
                        "Sigstore bundle referrer: no verified attestation of predicate type https://slsa.dev/provenance/v1");
    }

    @Test
    void wrongPayloadTypeFails() throws Exception {
        Statement statement = complete(IMAGE, true).get(0);
        Envelope envelope = new EnvelopeSigner(key.privateKey()).sign("application/json", statement.toJson());
        FoundAttestation found =
                new FoundAttestation(AttestationFormat.COSIGN_TAG, "x", "", envelope.toJson(), Optional.empty());

        ImageVerifier.Outcome outcome =
                new ImageVerifier(List.of(trusted), Set.of(), List.of(), Set.of()).verify(IMAGE, List.of(found));

        assertThat(outcome.failures())
                .containsExactly(
                        "cosign .att tag x: payloadType is 'application/json', expected 'application/vnd.in-toto+json'",
                        "no verified attestation is attached to the image (1 found)");
    }

    @Test
    void annotationThatContradictsStatementFails() throws Exception {
        Statement statement = complete(IMAGE, true).get(0);
        Envelope envelope =
                new EnvelopeSigner(key.privateKey()).sign(Envelope.IN_TOTO_PAYLOAD_TYPE, statement.toJson());
        FoundAttestation found = new FoundAttestation(
                AttestationFormat.COSIGN_TAG, "x", PredicateTypes.CYCLONEDX, envelope.toJson(), Optional.empty());

        ImageVerifier.Outcome outcome =
                new ImageVerifier(List.of(trusted), Set.of(), List.of(), Set.of()).verify(IMAGE, List.of(found));

        assertThat(outcome.failures())
                .containsExactly(
                        "cosign .att tag x: the annotation names predicate type"
                                + " 'https://cyclonedx.org/bom' but the signed statement has 'https://slsa.dev/provenance/v1'",
                        "no verified attestation is attached to the image (1 found)");
    }

    @Test
    void nothingAttachedFailsWithoutRequirements() {
        ImageVerifier verifier = new ImageVerifier(List.of(trusted), Set.of(), List.of(), Set.of());

        ImageVerifier.Outcome outcome = verifier.verify(IMAGE, List.of());

        assertThat(outcome.failures()).containsExactly("no verified attestation is attached to the image (0 found)");
    }

    private static ImageVerifier verifier() {
        return new ImageVerifier(
                List.of(trusted),
                Set.of(PredicateTypes.SLSA_PROVENANCE, PredicateTypes.CYCLONEDX),
                List.of(Gates.values()),
                Set.of(AttestationFormat.values()));
    }

    /** Provenance, SBOM and both gates about {@code sha256}; the commits gate passes when {@code commitsPass}. */
    private static List<Statement> complete(String sha256, boolean commitsPass) throws Exception {
        Subject subject = new Subject("registry.example/app", sha256);
        var provenance = JSON.readTree("{\"runDetails\":{\"builder\":{\"id\":\"https://ci.example\"}}}");
        var bom = JSON.readTree("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\"}");
        GateResult dependencies = new GateResult("dependencies", true, Optional.empty(), Map.of(), sha256, "d.json");
        GateResult commits =
                new GateResult("commits", commitsPass, Optional.empty(), Map.of("unreviewed", 2L), sha256, "c.json");
        return List.of(
                new Statement(List.of(subject), PredicateTypes.SLSA_PROVENANCE, provenance),
                new Statement(List.of(subject), PredicateTypes.CYCLONEDX, bom),
                new Statement(
                        List.of(subject),
                        PredicateTypes.VERIFICATION_SUMMARY,
                        VerificationSummaryPredicate.of(Gates.DEPENDENCIES, dependencies, "r", "0.1.0", Instant.EPOCH)),
                new Statement(
                        List.of(subject),
                        PredicateTypes.VERIFICATION_SUMMARY,
                        VerificationSummaryPredicate.of(Gates.COMMITS, commits, "r", "0.1.0", Instant.EPOCH)));
    }

    private static List<FoundAttestation> bothFormats(List<Statement> statements) throws Exception {
        List<FoundAttestation> found = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            found.add(found(AttestationFormat.COSIGN_TAG, "att-" + i, statements.get(i)));
        }
        for (int i = 0; i < statements.size(); i++) {
            found.add(found(AttestationFormat.SIGSTORE_BUNDLE, "bundle-" + i, statements.get(i)));
        }
        return found;
    }

    private static FoundAttestation found(AttestationFormat format, String location, Statement statement)
            throws Exception {
        Envelope envelope =
                new EnvelopeSigner(key.privateKey()).sign(Envelope.IN_TOTO_PAYLOAD_TYPE, statement.toJson());
        return new FoundAttestation(format, location, statement.predicateType(), envelope.toJson(), Optional.empty());
    }
}
