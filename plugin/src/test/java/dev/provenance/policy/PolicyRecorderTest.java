package dev.provenance.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.openpgp.GpgHome;
import dev.provenance.openpgp.KeyLookup;
import dev.provenance.openpgp.PublicKeys;
import dev.provenance.openpgp.SignatureVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyRecorderTest {

    private static final String MARKER = PolicyRecorder.MARKER;
    private static final String COORDINATES = "org.example:old:1.0::jar";
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

    @TempDir
    static Path temp;

    private static GpgHome gpg;
    private static String key;
    private static Path jar;
    private static Path keyIdSignature;
    private static Path fingerprintSignature;

    /** Makes one gpg key and signs a file twice with it: once naming only the key id, once naming the fingerprint. */
    @BeforeAll
    static void signFile() throws IOException {
        gpg = GpgHome.create(temp);
        key = gpg.generateKey("Old release <old@example.org>", null, "sign", "never");
        jar = Files.writeString(temp.resolve("old-1.0.jar"), "old release\n");
        keyIdSignature = gpg.signWithKeyIdOnly(jar, key, new Date());
        fingerprintSignature = gpg.sign(jar, key, null);
        gpg.export(key, temp.resolve("keys.asc"));
    }

    @AfterAll
    static void stopAgent() throws IOException {
        gpg.stopAgent();
    }

    @Test
    void keyIdSignatureWithKeyRecordsFingerprint() throws Exception {
        String entry = record("keyring keys.asc", keyIdSignature).orElseThrow();

        assertThat(entry).isEqualTo("allow " + COORDINATES + " key=" + key + " sha256=" + Digests.sha256(jar));
        assertThat(verify("keyring keys.asc\n" + entry, keyIdSignature).violations())
                .isEmpty();
    }

    @Test
    void keyIdSignatureWithoutKeyRecordsExemption() throws Exception {
        String entry = record("", keyIdSignature).orElseThrow();

        assertThat(entry)
                .isEqualTo("allow " + COORDINATES + " sha256=" + Digests.sha256(jar) + " unsigned reason=\"signed by"
                        + " key id " + key.substring(24) + ", which no keyring contains; add the publisher's key to a"
                        + " keyring, then delete this line and run record-policy again\"");
        assertThat(PolicyRecorder.exemptsMissingKey(entry)).isTrue();
        assertThat(verify(entry, keyIdSignature).violations()).isEmpty();
    }

    @Test
    void suggestionMatchesRecordedExemption() throws Exception {
        ArtifactResult result = verify("", keyIdSignature);

        assertThat(result.suggestion())
                .isEqualTo(PolicyRecorder.entryFor(result, TODAY).orElseThrow());
    }

    @Test
    void fingerprintSignatureWithoutKeyRecordsExemption() throws Exception {
        String entry = record("", fingerprintSignature).orElseThrow();

        assertThat(entry)
                .isEqualTo("allow " + COORDINATES + " sha256=" + Digests.sha256(jar) + " unsigned reason=\"signed by"
                        + " key " + key + ", which no keyring contains; add the publisher's key to a keyring, then"
                        + " delete this line and run record-policy again\"");
        assertThat(verify(entry, fingerprintSignature).violations()).isEmpty();
    }

    @Test
    void exemptionStillRejectsChangedFile() throws Exception {
        String entry = record("", keyIdSignature).orElseThrow();
        Path changed = Files.writeString(temp.resolve("changed-1.0.jar"), "changed release\n");

        ArtifactResult result = verify(entry, changed, keyIdSignature);

        // Without the key the signature cannot be checked, so the SHA-256 pin is what rejects the changed file.
        assertThat(result.violations())
                .extracting(Violation::reason)
                .containsExactly(Violation.Reason.CHECKSUM_MISMATCH);
    }

    @Test
    void allowedArtifactGetsNoExemption() throws Exception {
        String allowed = "allow org.example:old:* no-checksum reason=\"signed releases only\"";

        ArtifactResult keyId = verify(allowed, keyIdSignature);
        ArtifactResult fingerprint = verify(allowed, fingerprintSignature);

        assertThat(keyId.violations()).extracting(Violation::reason).containsExactly(Violation.Reason.KEY_NOT_FOUND);
        assertThat(PolicyRecorder.entryFor(keyId, TODAY)).isEmpty();
        assertThat(PolicyRecorder.entryFor(fingerprint, TODAY))
                .contains("allow " + COORDINATES + " key=" + key + " sha256=" + Digests.sha256(jar));
    }

    @Test
    void unsignedArtifactRecordsDatedExemption() throws Exception {
        ArtifactResult result = verify("", null);

        assertThat(PolicyRecorder.entryFor(result, TODAY))
                .contains("allow " + COORDINATES + " sha256=" + Digests.sha256(jar)
                        + " unsigned reason=\"no signature when recorded on 2026-12-04\"");
    }

    @Test
    void newFileGetsHeaderAndSortedEntries() {
        String text = PolicyRecorder.update(null, List.of("allow b:b:1", "allow a:a:1"));

        assertThat(text).startsWith("# Dependency policy of this build");
        assertThat(text).endsWith("\n" + MARKER + "\nallow a:a:1\nallow b:b:1\n");
    }

    @Test
    void handWrittenLinesStayAsTheyAre() {
        String existing = "# team policy\nkeyring keys/   # KEYS files\n\ndeny x:y reason=\"no\"\n";

        String text = PolicyRecorder.update(existing, List.of("allow a:a:1"));

        assertThat(text).isEqualTo(existing + "\n" + MARKER + "\nallow a:a:1\n");
    }

    @Test
    void recordedSectionMergesInAnyOrder() {
        String first = PolicyRecorder.update("keyring k\n", List.of("allow c:c:1", "allow a:a:1"));
        String second = PolicyRecorder.update(first, List.of("allow b:b:1", "allow a:a:1"));
        String otherOrder = PolicyRecorder.update(
                PolicyRecorder.update("keyring k\n", List.of("allow b:b:1")), List.of("allow a:a:1", "allow c:c:1"));

        assertThat(second).isEqualTo("keyring k\n\n" + MARKER + "\nallow a:a:1\nallow b:b:1\nallow c:c:1\n");
        assertThat(otherOrder).isEqualTo(second);
    }

    @Test
    void nothingNewLeavesTextUnchanged() {
        String existing = PolicyRecorder.update("keyring k\n", List.of("allow a:a:1"));

        assertThat(PolicyRecorder.update(existing, List.of("allow a:a:1"))).isEqualTo(existing);
        assertThat(PolicyRecorder.update("keyring k\n", List.of())).isEqualTo("keyring k\n");
    }

    @Test
    void entryMovedAboveMarkerIsNotRepeated() {
        String existing = "allow a:a:1\n\n" + MARKER + "\nallow b:b:1\n";

        assertThat(PolicyRecorder.update(existing, List.of("allow a:a:1"))).isEqualTo(existing);
    }

    @Test
    void commentsInSectionAreKept() {
        String existing = "keyring k\n\n" + MARKER + "\n# reviewed 2026-12-01\nallow b:b:1\n";

        assertThat(PolicyRecorder.update(existing, List.of("allow a:a:1")))
                .isEqualTo("keyring k\n\n" + MARKER + "\n# reviewed 2026-12-01\nallow a:a:1\nallow b:b:1\n");
    }

    private static Optional<String> record(String policy, Path signature) throws Exception {
        return PolicyRecorder.entryFor(verify(policy, signature), TODAY);
    }

    private static ArtifactResult verify(String policy, Path signature) throws Exception {
        return verify(policy, jar, signature);
    }

    private static ArtifactResult verify(String policyText, Path file, Path signature) throws Exception {
        Path policyFile = Files.writeString(temp.resolve("policy.txt"), policyText + "\n");
        Policy policy = PolicyParser.parse(policyFile);
        ArtifactVerifier verifier = new ArtifactVerifier(
                policy,
                new SignatureVerifier(PublicKeys.read(policy.keyrings()), KeyLookup.NONE),
                new VerificationCache(null),
                "keys",
                TODAY);
        return verifier.verify(new ResolvedArtifact(
                ArtifactCoordinates.parse(COORDINATES), file, signature, null, List.of("app", COORDINATES), false));
    }
}
