package dev.provenance.openpgp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.openpgp.SignatureCheck.Status;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.api.OpenPGPApi;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignatureVerifierTest {

    private static final String JACKSON_2022 = "28118C070CB22A0175A2E8D43D12CA2AC19F3181";
    private static final String JACKSON_2020 = "8A10792983023D5D14C93B488D7F1BEC1E2ECAE7";

    @TempDir
    static Path temp;

    private static GpgHome gpg;
    private static Path data;

    @BeforeAll
    static void createHome() throws IOException {
        gpg = GpgHome.create(temp);
        data = Files.writeString(temp.resolve("data.bin"), "artifact bytes\n");
    }

    @AfterAll
    static void stopAgent() throws IOException {
        gpg.stopAgent();
    }

    @Test
    void jacksonReleaseVerifiesWithPublishedKeys() throws Exception {
        List<SignatureCheck> checks = jacksonVerifier()
                .verify(resource("jackson-annotations-2.21.jar"), resource("jackson-annotations-2.21.jar.asc"));

        assertThat(checks).hasSize(1);
        assertThat(checks.get(0).status()).isEqualTo(Status.GOOD);
        assertThat(checks.get(0).primaryKey()).isEqualTo(new Fingerprint(JACKSON_2022));
        assertThat(checks.get(0).hashAlgorithm()).isEqualTo("SHA256");
    }

    @Test
    void signatureBeforeKeyExpiryIsGood() throws Exception {
        // Jackson's 2020 key expired on 2022-08-01; 2.12.0 was signed with it in November 2020.
        List<SignatureCheck> checks = jacksonVerifier()
                .verify(resource("jackson-annotations-2.12.0.jar"), resource("jackson-annotations-2.12.0.jar.asc"));

        assertThat(checks).extracting(SignatureCheck::status).containsExactly(Status.GOOD);
        assertThat(checks.get(0).primaryKey()).isEqualTo(new Fingerprint(JACKSON_2020));
    }

    @Test
    void changedArtifactIsBad() throws Exception {
        Path copy = Files.copy(resource("jackson-annotations-2.21.jar"), temp.resolve("changed.jar"));
        Files.write(copy, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);

        List<SignatureCheck> checks = jacksonVerifier().verify(copy, resource("jackson-annotations-2.21.jar.asc"));

        assertThat(checks).extracting(SignatureCheck::status).containsExactly(Status.BAD);
    }

    @Test
    void keyMissingFromKeyringsIsNotFound() throws Exception {
        List<SignatureCheck> checks = new SignatureVerifier(PublicKeys.empty(), KeyLookup.NONE)
                .verify(resource("jackson-annotations-2.21.jar"), resource("jackson-annotations-2.21.jar.asc"));

        assertThat(checks).extracting(SignatureCheck::status).containsExactly(Status.KEY_NOT_FOUND);
        assertThat(checks.get(0).issuer()).isEqualTo(JACKSON_2022);
    }

    @Test
    void failedLookupIsFetchFailure() throws Exception {
        KeyLookup failing = (keyId, fingerprint) -> {
            throw new KeyFetchException("keyserver timed out");
        };

        List<SignatureCheck> checks = new SignatureVerifier(PublicKeys.empty(), failing)
                .verify(resource("jackson-annotations-2.21.jar"), resource("jackson-annotations-2.21.jar.asc"));

        assertThat(checks).extracting(SignatureCheck::status).containsExactly(Status.KEY_FETCH_FAILED);
        assertThat(checks.get(0).detail()).isEqualTo("keyserver timed out");
    }

    @Test
    void subkeySignatureNamesPrimaryKey() throws Exception {
        String primary = gpg.generateKey("Subkey <subkey@example.org>", null, "cert", "never");
        String subkey = gpg.addSigningSubkey(primary, null);
        Path signature = gpg.sign(copyOfData("subkey"), subkey + "!", null);

        SignatureCheck check = single(primary, temp.resolve("subkey.bin"), signature);

        assertThat(check.detail()).isEmpty();
        assertThat(check.status()).isEqualTo(Status.GOOD);
        assertThat(check.issuer()).isEqualTo(subkey);
        assertThat(check.primaryKey()).isEqualTo(new Fingerprint(primary));
    }

    @Test
    void signatureAfterExpiryIsExpired() throws Exception {
        String key = gpg.generateKey("Expired <expired@example.org>", "20260101T000000", "sign", "never");
        Path file = copyOfData("expired");
        Path signature = gpg.sign(file, key, "20260110T000000");

        // The self-signature made on 2 January sets the expiry to 4 January, before the signature of 10 January.
        gpg.setExpire(key, "20260102T000000", "2d");

        SignatureCheck check = single(key, file, signature);

        assertThat(check.status()).isEqualTo(Status.KEY_EXPIRED);
        assertThat(check.detail()).contains("expired on 2026-01-04");
    }

    @Test
    void signatureBeforeExpiryIsGood() throws Exception {
        String key = gpg.generateKey("Expiring <expiring@example.org>", "20260101T000000", "sign", "2d");
        Path file = copyOfData("expiring");
        Path signature = gpg.sign(file, key, "20260102T000000");

        assertThat(single(key, file, signature).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void revokedKeyIsRevoked() throws Exception {
        String key = gpg.generateKey("Revoked <revoked@example.org>", null, "sign", "never");
        Path file = copyOfData("revoked");
        Path signature = gpg.sign(file, key, null);
        gpg.revoke(key);

        SignatureCheck check = single(key, file, signature);

        assertThat(check.status()).isEqualTo(Status.KEY_REVOKED);
    }

    @Test
    void signatureBeforeSoftRevocationIsGood() throws Exception {
        String key = gpg.generateKey("Superseded <superseded@example.org>", "20260101T000000", "sign", "never");
        Path file = copyOfData("superseded");
        Path signature = gpg.sign(file, key, "20260102T000000");
        gpg.revokeAsSuperseded(key, "20260105T000000");

        assertThat(single(key, file, signature).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void signatureAfterSoftRevocationIsRevoked() throws Exception {
        String key = gpg.generateKey("Retired <retired@example.org>", "20260101T000000", "sign", "never");
        Path file = copyOfData("retired");
        Path signature = gpg.sign(file, key, "20260110T000000");
        gpg.revokeAsSuperseded(key, "20260105T000000");

        SignatureCheck check = single(key, file, signature);

        assertThat(check.status()).isEqualTo(Status.KEY_REVOKED);
        assertThat(check.detail()).isEqualTo("the primary key was revoked on 2026-01-05T00:00:00Z (reason code 1)");
    }

    @Test
    void sha1SignatureIsWeak() throws Exception {
        String key = gpg.generateKey("Weak <weak@example.org>", null, "sign", "never");
        Path file = copyOfData("weak");
        Path signature = gpg.sign(file, key, null, "--digest-algo", "SHA1");

        SignatureCheck check = single(key, file, signature);

        assertThat(check.status()).isEqualTo(Status.WEAK_HASH);
        assertThat(check.hashAlgorithm()).isEqualTo("SHA1");
    }

    @Test
    void sha1SignatureByRevokedKeyIsRevoked() throws Exception {
        String key = gpg.generateKey("Weak revoked <weak-revoked@example.org>", null, "sign", "never");
        Path file = copyOfData("weak-revoked");
        Path signature = gpg.sign(file, key, null, "--digest-algo", "SHA1");
        gpg.revoke(key);

        assertThat(single(key, file, signature).status()).isEqualTo(Status.KEY_REVOKED);
    }

    @Test
    void v6KeySignatureIsGood() throws Exception {
        // gpg 2.2 cannot make version 6 keys, so BouncyCastle makes the key and the signature.
        OpenPGPApi api = new BcOpenPGPApi();
        OpenPGPKey key =
                api.generateKey(6).ed25519x25519Key("V6 <v6@example.org>").build();
        Path file = copyOfData("v6");
        PGPSignature signature;
        try (InputStream data = Files.newInputStream(file)) {
            signature = api.createDetachedSignature()
                    .addSigningKey(key)
                    .sign(data)
                    .get(0)
                    .getSignature();
        }
        Path asc = Files.write(temp.resolve("v6.bin.sig"), signature.getEncoded());
        PublicKeys keys = PublicKeys.of(List.of(key.getPGPPublicKeyRing()));

        List<SignatureCheck> checks = new SignatureVerifier(keys, KeyLookup.NONE).verify(file, asc);

        assertThat(checks).extracting(SignatureCheck::status).containsExactly(Status.GOOD);
        assertThat(checks.get(0).primaryKey().hex()).hasSize(64);
        assertThat(checks.get(0).primaryKey())
                .isEqualTo(
                        Fingerprint.of(key.getPGPPublicKeyRing().getPublicKey().getFingerprint()));
    }

    @Test
    void badSignatureBesideGoodOneIsReported() throws Exception {
        String key = gpg.generateKey("Pair <pair@example.org>", null, "sign", "never");
        Path file = copyOfData("pair");
        String good = Files.readString(gpg.sign(file, key, null));
        Path other = Files.writeString(temp.resolve("other.bin"), "other bytes\n");
        String bad = Files.readString(gpg.sign(other, key, null));
        Path both = Files.writeString(temp.resolve("pair.bin.asc"), good + bad);

        List<SignatureCheck> checks = new SignatureVerifier(keysOf(key), KeyLookup.NONE).verify(file, both);

        assertThat(checks).extracting(SignatureCheck::status).containsExactly(Status.GOOD, Status.BAD);
    }

    @Test
    void keyIdOnlySignatureFindsKeyInKeyring() throws Exception {
        String key = gpg.generateKey("Key id <key-id@example.org>", null, "sign", "never");
        Path file = copyOfData("key-id");
        Path signature = gpg.signWithKeyIdOnly(file, key, new Date());

        PGPSignature read = DetachedSignatures.read(signature).get(0);
        assertThat(read.getHashedSubPackets().getIssuerFingerprint()).isNull();
        assertThat(read.getUnhashedSubPackets().getIssuerFingerprint()).isNull();
        SignatureCheck check = single(key, file, signature);

        assertThat(check.status()).isEqualTo(Status.GOOD);
        assertThat(check.issuer()).isEqualTo(key);
        assertThat(check.primaryKey()).isEqualTo(new Fingerprint(key));
    }

    @Test
    void unknownKeyIdIsNamed() throws Exception {
        String key = gpg.generateKey("Key id missing <key-id-missing@example.org>", null, "sign", "never");
        Path file = copyOfData("key-id-missing");
        Path signature = gpg.signWithKeyIdOnly(file, key, new Date());

        List<SignatureCheck> checks = new SignatureVerifier(PublicKeys.empty(), KeyLookup.NONE).verify(file, signature);

        assertThat(checks).extracting(SignatureCheck::status).containsExactly(Status.KEY_NOT_FOUND);
        assertThat(checks.get(0).issuer()).isEqualTo(key.substring(24));
        assertThat(checks.get(0).primaryKey()).isNull();
    }

    @Test
    void signaturePastItsExpirationIsExpired() throws Exception {
        String key = gpg.generateKey("Sig expiry <sig-expiry@example.org>", "20260101T000000", "sign", "never");
        Path file = copyOfData("sig-expired");
        Path signature = gpg.sign(file, key, "20260102T000000", "--default-sig-expire", "1d");

        SignatureCheck check = single(key, file, signature);

        assertThat(check.status()).isEqualTo(Status.SIGNATURE_EXPIRED);
        assertThat(check.expires()).isEqualTo(Instant.parse("2026-01-03T00:00:00Z"));
        assertThat(check.detail())
                .isEqualTo("the signature expired on 2026-01-03T00:00:00Z; it was made on 2026-01-02T00:00:00Z to be"
                        + " valid for 1 day, so the publisher must sign the file again");
    }

    @Test
    void signatureBeforeItsExpirationIsGood() throws Exception {
        String key = gpg.generateKey("Sig valid <sig-valid@example.org>", "20260101T000000", "sign", "never");
        Path file = copyOfData("sig-valid");
        Path signature = gpg.sign(file, key, "20260102T000000", "--default-sig-expire", "1d");
        Instant expires = Instant.parse("2026-01-03T00:00:00Z");

        SignatureCheck before = singleAt(key, file, signature, expires.minusSeconds(1));
        SignatureCheck at = singleAt(key, file, signature, expires);

        assertThat(before.status()).isEqualTo(Status.GOOD);
        assertThat(before.expires()).isEqualTo(expires);
        assertThat(at.status()).isEqualTo(Status.SIGNATURE_EXPIRED);
    }

    @Test
    void expiredSha1SignatureIsExpiredNotWeak() throws Exception {
        String key = gpg.generateKey("Sig weak <sig-weak@example.org>", "20260101T000000", "sign", "never");
        Path file = copyOfData("sig-weak");
        Path signature = gpg.sign(file, key, "20260102T000000", "--default-sig-expire", "1d", "--digest-algo", "SHA1");

        assertThat(single(key, file, signature).status()).isEqualTo(Status.SIGNATURE_EXPIRED);
    }

    @Test
    void signatureFromFutureFails() throws Exception {
        String key = gpg.generateKey("Future <future@example.org>", "20260101T000000", "sign", "never");
        Path file = copyOfData("future");
        Path signature = gpg.sign(file, key, "20300101T000000");
        Instant created = Instant.parse("2030-01-01T00:00:00Z");

        SignatureCheck now = single(key, file, signature);
        SignatureCheck beyondSkew = singleAt(key, file, signature, created.minus(Duration.ofMinutes(11)));
        SignatureCheck withinSkew = singleAt(key, file, signature, created.minus(Duration.ofMinutes(9)));

        assertThat(now.status()).isEqualTo(Status.SIGNATURE_IN_FUTURE);
        assertThat(now.detail())
                .startsWith("the signature was made on 2030-01-01T00:00:00Z, later than this machine's clock (")
                .endsWith(") plus the allowed clock skew of 10 minutes; check the clocks of this machine and of the"
                        + " signer");
        assertThat(beyondSkew.status()).isEqualTo(Status.SIGNATURE_IN_FUTURE);
        assertThat(withinSkew.status()).isEqualTo(Status.GOOD);
    }

    @Test
    void periodsAreDescribedInWholeUnits() {
        assertThat(SignatureVerifier.describe(Duration.ofDays(2))).isEqualTo("2 days");
        assertThat(SignatureVerifier.describe(Duration.ofHours(1))).isEqualTo("1 hour");
        assertThat(SignatureVerifier.describe(Duration.ofMinutes(90))).isEqualTo("90 minutes");
        assertThat(SignatureVerifier.describe(Duration.ofSeconds(61))).isEqualTo("61 seconds");
    }

    private SignatureCheck singleAt(String key, Path file, Path signature, Instant now) throws Exception {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        List<SignatureCheck> checks = new SignatureVerifier(keysOf(key), KeyLookup.NONE, clock).verify(file, signature);
        assertThat(checks).hasSize(1);
        return checks.get(0);
    }

    private SignatureCheck single(String key, Path file, Path signature) throws Exception {
        List<SignatureCheck> checks = new SignatureVerifier(keysOf(key), KeyLookup.NONE).verify(file, signature);
        assertThat(checks).hasSize(1);
        return checks.get(0);
    }

    private static PublicKeys keysOf(String key) throws Exception {
        return PublicKeys.read(List.of(gpg.export(key, temp.resolve(key + ".asc"))));
    }

    private static Path copyOfData(String name) throws IOException {
        return Files.copy(data, temp.resolve(name + ".bin"));
    }

    private static SignatureVerifier jacksonVerifier() throws Exception {
        return new SignatureVerifier(PublicKeys.read(List.of(resource("jackson-KEYS.asc"))), KeyLookup.NONE);
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(
                SignatureVerifierTest.class.getResource("/openpgp/" + name).toURI());
    }
}
