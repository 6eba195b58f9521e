package dev.provenance.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.openpgp.KeyLookup;
import dev.provenance.openpgp.PublicKeys;
import dev.provenance.openpgp.SignatureCheck;
import dev.provenance.openpgp.SignatureVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the real Jackson release from Maven Central against policies that differ in one line. */
class ArtifactVerifierTest {

    private static final String KEY = "28118C070CB22A0175A2E8D43D12CA2AC19F3181";
    private static final String OLD_KEY = "8A10792983023D5D14C93B488D7F1BEC1E2ECAE7";
    private static final String COORDINATES = "com.fasterxml.jackson.core:jackson-annotations:2.21::jar";
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

    @TempDir
    Path temp;

    @Test
    void pinnedSignedArtifactPasses() throws Exception {
        ArtifactResult result = verify("allow " + COORDINATES + " key=" + KEY + " sha256=" + sha256());

        assertThat(result.violations()).isEmpty();
        assertThat(result.signatures()).extracting(SignatureCheck::status).containsExactly(SignatureCheck.Status.GOOD);
        assertThat(result.suggestion()).isNull();
    }

    @Test
    void unknownArtifactIsNotAllowed() throws Exception {
        ArtifactResult result = verify("allow org.other:*");

        assertThat(result.violations()).extracting(Violation::reason).containsExactly(Violation.Reason.NOT_ALLOWED);
        assertThat(result.suggestion()).isEqualTo("allow " + COORDINATES + " key=" + KEY + " sha256=" + sha256());
    }

    @Test
    void otherKeyIsNotAccepted() throws Exception {
        ArtifactResult result = verify("allow " + COORDINATES + " key=" + OLD_KEY + " sha256=" + sha256());

        assertThat(result.violations())
                .containsExactly(new Violation(
                        Violation.Reason.KEY_NOT_ACCEPTED,
                        "signed by key " + KEY + ", but the policy accepts " + OLD_KEY));
    }

    @Test
    void missingPinIsReported() throws Exception {
        ArtifactResult result = verify("allow com.fasterxml.jackson.core:* key=" + KEY);

        assertThat(result.violations())
                .extracting(Violation::reason)
                .containsExactly(Violation.Reason.CHECKSUM_MISSING);
        assertThat(result.suggestion()).isEqualTo("allow " + COORDINATES + " key=" + KEY + " sha256=" + sha256());
    }

    @Test
    void wrongSha512IsMismatch() throws Exception {
        String wrong = "f".repeat(128);

        ArtifactResult result = verify("allow " + COORDINATES + " key=" + KEY + " sha512=" + wrong);

        assertThat(result.violations()).hasSize(1);
        assertThat(result.violations().get(0).reason()).isEqualTo(Violation.Reason.CHECKSUM_MISMATCH);
        assertThat(result.violations().get(0).detail())
                .startsWith("the policy pins sha512=" + wrong + " but the file has ")
                .hasSize(("the policy pins sha512=" + wrong + " but the file has ").length() + 128);
        assertThat(result.suggestion()).isNull();
    }

    @Test
    void denyWinsUntilOverridden() throws Exception {
        String allow = "allow " + COORDINATES + " key=" + KEY + " sha256=" + sha256();
        String deny = "deny com.fasterxml.jackson.core:*:[2.20,2.22) reason=\"test\"";

        ArtifactResult denied = verify(allow + "\n" + deny);
        ArtifactResult overridden = verify(allow + " override-deny reason=\"reviewed\"\n" + deny);

        assertThat(denied.violations()).extracting(Violation::reason).containsExactly(Violation.Reason.DENIED);
        assertThat(denied.violations().get(0).detail())
                .isEqualTo("denied by line 2 (com.fasterxml.jackson.core:*:[2.20,2.22): test)");
        assertThat(denied.suggestion()).isNull();
        assertThat(overridden.violations()).isEmpty();
    }

    @Test
    void unsignedNeedsExemption() throws Exception {
        String pin = " sha256=" + sha256();

        ArtifactResult unsigned = verifyUnsigned("allow " + COORDINATES + pin);
        ArtifactResult exempt = verifyUnsigned("allow " + COORDINATES + pin + " unsigned reason=\"in-house\"");
        ArtifactResult expired =
                verifyUnsigned("allow " + COORDINATES + pin + " unsigned reason=\"in-house\" expires=2026-12-03");

        assertThat(unsigned.violations()).extracting(Violation::reason).containsExactly(Violation.Reason.UNSIGNED);
        assertThat(exempt.violations()).isEmpty();
        assertThat(expired.violations())
                .containsExactly(new Violation(
                        Violation.Reason.UNSIGNED,
                        "the repository has no .asc signature; the unsigned exemption on line 1 expired on"
                                + " 2026-12-03"));
    }

    @Test
    void unneededUnsignedExemptionIsNoticed() throws Exception {
        String exemptPolicy = "allow " + COORDINATES + " sha256=" + sha256() + " unsigned reason=\"not reviewed yet\"";
        ArtifactResult exempt = verify(exemptPolicy);
        ArtifactResult required = verify("allow " + COORDINATES + " key=" + KEY + " sha256=" + sha256());
        ArtifactResult withoutSignature = verifyUnsigned(exemptPolicy);

        assertThat(exempt.violations()).isEmpty();
        assertThat(exempt.notices())
                .containsExactly(
                        "the unsigned exemption on line 1 is no longer needed: the signature verifies with key "
                                + KEY + "; replace the exemption with key=" + KEY
                                + " so that a signature by that key is required");
        assertThat(CheckReport.noticeLines(List.of(exempt, required)))
                .containsExactly(COORDINATES + ": " + exempt.notices().get(0));
        assertThat(required.notices()).isEmpty();
        assertThat(withoutSignature.notices()).isEmpty();
    }

    @Test
    void malformedSignatureIsBad() throws Exception {
        Path asc = Files.writeString(temp.resolve("broken.asc"), "-----BEGIN PGP SIGNATURE-----\n\n!!\n");
        ResolvedArtifact artifact = new ResolvedArtifact(
                ArtifactCoordinates.parse(COORDINATES), jar(), asc, null, List.of("app", COORDINATES), false);

        ArtifactResult result = verifier("allow " + COORDINATES + " key=" + KEY + " no-checksum reason=\"x\"", null)
                .verify(artifact);

        assertThat(result.violations()).extracting(Violation::reason).containsExactly(Violation.Reason.BAD_SIGNATURE);
        assertThat(result.violations().get(0).detail()).startsWith("not a valid OpenPGP signature");
    }

    @Test
    void secondCheckComesFromCache() throws Exception {
        String policy = "allow " + COORDINATES + " key=" + KEY + " sha256=" + sha256();
        Path cache = temp.resolve("cache");
        verifier(policy, cache).verify(jacksonArtifact());

        ArtifactResult second = verifier(policy, cache).verify(jacksonArtifact());
        ArtifactResult otherPolicy = verifier(policy + "\n# changed", cache).verify(jacksonArtifact());

        assertThat(second.cached()).isTrue();
        assertThat(second.violations()).isEmpty();
        assertThat(second.signatures()).extracting(SignatureCheck::status).containsExactly(SignatureCheck.Status.GOOD);
        assertThat(otherPolicy.cached()).isFalse();
    }

    @Test
    void parallelResultsKeepInputOrder() throws Exception {
        ResolvedArtifact signed = jacksonArtifact();
        ResolvedArtifact unsigned = new ResolvedArtifact(
                ArtifactCoordinates.parse("org.example:other:1.0"), jar(), null, null, List.of("app"), false);

        List<ArtifactResult> results = verifier("allow " + COORDINATES + " key=" + KEY + " sha256=" + sha256(), null)
                .verifyAll(List.of(unsigned, signed, unsigned, signed), 4);

        assertThat(results)
                .extracting(r -> r.artifact().coordinates().artifactId())
                .containsExactly("other", "jackson-annotations", "other", "jackson-annotations");
    }

    private ArtifactResult verify(String policy) throws Exception {
        return verifier(policy, null).verify(jacksonArtifact());
    }

    private ArtifactResult verifyUnsigned(String policy) throws Exception {
        ResolvedArtifact artifact = new ResolvedArtifact(
                ArtifactCoordinates.parse(COORDINATES), jar(), null, null, List.of("app", COORDINATES), false);
        return verifier(policy, null).verify(artifact);
    }

    private ArtifactVerifier verifier(String policyText, Path cache) throws Exception {
        Path file = Files.writeString(temp.resolve("policy-" + policyText.hashCode() + ".txt"), policyText + "\n");
        Policy policy = PolicyParser.parse(file);
        PublicKeys keys = PublicKeys.read(List.of(resource("jackson-KEYS.asc")));
        return new ArtifactVerifier(
                policy, new SignatureVerifier(keys, KeyLookup.NONE), new VerificationCache(cache), "keys", TODAY);
    }

    private static ResolvedArtifact jacksonArtifact() throws Exception {
        return new ResolvedArtifact(
                ArtifactCoordinates.parse(COORDINATES),
                jar(),
                resource("jackson-annotations-2.21.jar.asc"),
                null,
                List.of("app", COORDINATES),
                false);
    }

    private static Path jar() throws Exception {
        return resource("jackson-annotations-2.21.jar");
    }

    private static String sha256() throws Exception {
        return Digests.sha256(jar());
    }

    private static Path resource(String name) throws Exception {
        return Path.of(
                ArtifactVerifierTest.class.getResource("/openpgp/" + name).toURI());
    }
}
