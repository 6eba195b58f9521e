package dev.provenance.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenance.openpgp.GpgHome;
import dev.provenance.openpgp.KeyLookup;
import dev.provenance.openpgp.PublicKeys;
import dev.provenance.openpgp.SignatureVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks artifacts whose signatures gpg made with an expiration time or at a future time. */
class SignatureTimeTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @TempDir
    static Path temp;

    private static GpgHome gpg;
    private static String key;

    @BeforeAll
    static void createKey() throws IOException {
        gpg = GpgHome.create(temp);
        key = gpg.generateKey("Dated <dated@example.org>", "20260101T000000", "sign", "never");
        gpg.export(key, temp.resolve("keys.asc"));
    }

    @AfterAll
    static void stopAgent() throws IOException {
        gpg.stopAgent();
    }

    @Test
    void expiredSignatureFailsWithDate() throws Exception {
        ResolvedArtifact artifact = signed("expired", "20260102T000000", "--default-sig-expire", "1d");

        ArtifactResult result = verifier(allow("expired", ""), null).verify(artifact);

        assertThat(result.violations())
                .containsExactly(new Violation(
                        Violation.Reason.SIGNATURE_EXPIRED,
                        "key " + key + ": the signature expired on 2026-01-03T00:00:00Z; it was made on"
                                + " 2026-01-02T00:00:00Z to be valid for 1 day, so the publisher must sign the file"
                                + " again"));
        assertThat(result.suggestion()).isNull();
        assertThat(PolicyRecorder.entryFor(result, TODAY)).isEmpty();
    }

    @Test
    void weakHashExemptionDoesNotLiftExpiry() throws Exception {
        ResolvedArtifact artifact =
                signed("expired-sha1", "20260102T000000", "--default-sig-expire", "1d", "--digest-algo", "SHA1");

        ArtifactResult result = verifier(allow("expired-sha1", "\nallow-hash SHA1 reason=\"old releases\""), null)
                .verify(artifact);

        assertThat(result.violations())
                .extracting(Violation::reason)
                .containsExactly(Violation.Reason.SIGNATURE_EXPIRED);
    }

    @Test
    void futureSignatureFails() throws Exception {
        ResolvedArtifact artifact = signed("future", "20300101T000000");

        ArtifactResult result = verifier(allow("future", ""), null).verify(artifact);

        assertThat(result.violations()).hasSize(1);
        assertThat(result.violations().get(0).reason()).isEqualTo(Violation.Reason.SIGNATURE_IN_FUTURE);
        assertThat(result.violations().get(0).detail())
                .isEqualTo("key " + key + ": the signature was made on 2030-01-01T00:00:00Z, later than this machine's"
                        + " clock (2026-12-04T12:00:00Z) plus the allowed clock skew of 10 minutes; check the clocks"
                        + " of this machine and of the signer");
    }

    @Test
    void expiringSignatureIsNotCached() throws Exception {
        ResolvedArtifact expiring = signed("expiring", "20261204T000000", "--default-sig-expire", "2d");
        ResolvedArtifact lasting = signed("lasting", "20261204T000000");
        Path cache = temp.resolve("cache");
        String policy = allow("expiring", "") + "\n" + allow("lasting", "");

        ArtifactResult first = verifier(policy, cache).verify(expiring);
        ArtifactResult second = verifier(policy, cache).verify(expiring);
        verifier(policy, cache).verify(lasting);
        ArtifactResult lastingAgain = verifier(policy, cache).verify(lasting);

        assertThat(first.violations()).isEmpty();
        assertThat(first.signatures().get(0).expires()).isEqualTo(Instant.parse("2026-12-06T00:00:00Z"));
        assertThat(second.violations()).isEmpty();
        assertThat(second.cached()).isFalse();
        assertThat(lastingAgain.cached()).isTrue();
    }

    @Test
    void reportListsExpirationTime() throws Exception {
        ResolvedArtifact artifact = signed("reported", "20260102T000000", "--default-sig-expire", "1d");
        String policy = allow("reported", "");
        ArtifactResult result = verifier(policy, null).verify(artifact);
        Path report = temp.resolve("report.json");

        CheckReport.write(report, "app", PolicyParser.parse(temp.resolve("policy.txt")), List.of(result));

        JsonNode node =
                new ObjectMapper().readTree(report.toFile()).get("results").get(0);
        assertThat(node.get("signatures").get(0).get("status").asText()).isEqualTo("SIGNATURE_EXPIRED");
        assertThat(node.get("signatures").get(0).get("expires").asText()).isEqualTo("2026-01-03T00:00:00Z");
        assertThat(node.get("violations").get(0).get("reason").asText()).isEqualTo("signature expired");
    }

    /** Returns a policy line that accepts the artifact with the test key, without a pin. */
    private static String allow(String name, String more) {
        return "allow org.example:" + name + ":1.0::jar key=" + key + " no-checksum reason=\"test\"" + more;
    }

    private static ResolvedArtifact signed(String name, String fakedTime, String... options) throws IOException {
        Path jar = Files.writeString(temp.resolve(name + "-1.0.jar"), name + "\n");
        Path signature = gpg.sign(jar, key, fakedTime, options);
        String coordinates = "org.example:" + name + ":1.0::jar";
        return new ResolvedArtifact(
                ArtifactCoordinates.parse(coordinates), jar, signature, null, List.of("app", coordinates), false);
    }

    private static ArtifactVerifier verifier(String policyText, Path cache) throws Exception {
        Path file = Files.writeString(temp.resolve("policy.txt"), "keyring keys.asc\n" + policyText + "\n");
        Policy policy = PolicyParser.parse(file);
        SignatureVerifier signatures = new SignatureVerifier(
                PublicKeys.read(policy.keyrings()), KeyLookup.NONE, Clock.fixed(NOW, ZoneOffset.UTC));
        return new ArtifactVerifier(policy, signatures, new VerificationCache(cache), "keys", TODAY);
    }
}
