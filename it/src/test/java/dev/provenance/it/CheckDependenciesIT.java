package dev.provenance.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs check-dependencies on a consumer of libraries that maven-gpg-plugin signed with real gpg keys and deployed to a
 * file repository. The keys and the libraries are made once for the class.
 */
class CheckDependenciesIT {

    private static final String GROUP = "dev.provenance.its.policy";
    private static final String PROJECT = "dev.provenance.samples:check-dependencies-consumer:1.0.0";

    private static GpgKeys gpg;
    private static Path repository;
    private static Path keyring;
    private static String signedKey;
    private static String subkeyPrimary;
    private static String expiringKey;
    private static String lateKey;
    private static String revokedKey;
    private static String datedKey;

    @BeforeAll
    static void deployLibraries() throws IOException {
        Path work = Files.createDirectories(Path.of(System.getProperty("provenance.workDirectory")));
        Path home = Files.createTempDirectory(work, "check-dependencies-gnupg");
        repository = home.resolveSibling(home.getFileName() + "-repository");
        gpg = GpgKeys.create();
        deleteTree(SampleBuild.localRepository().resolve(GROUP.replace('.', '/')));

        // Keys: one per case, some made at faked times so that signatures fall before or after an expiry.
        signedKey = gpg.generateKey("Signed <signed@example.org>", null, "sign", "never");
        subkeyPrimary = gpg.generateKey("Subkey <subkey@example.org>", null, "cert", "never");
        String subkey = gpg.addSigningSubkey(subkeyPrimary);
        expiringKey = gpg.generateKey("Expiring <expiring@example.org>", "20260101T000000", "sign", "2d");
        lateKey = gpg.generateKey("Late <late@example.org>", "20260101T000000", "sign", "never");
        revokedKey = gpg.generateKey("Revoked <revoked@example.org>", null, "sign", "never");
        datedKey = gpg.generateKey("Dated <dated@example.org>", "20260101T000000", "sign", "never");
        Path wrappers = home.resolve("wrappers");
        gpg.wrapper(wrappers.resolve("plain.sh"));
        gpg.wrapper(
                wrappers.resolve("before-expiry.sh"),
                "--faked-system-time",
                "20260102T000000!",
                "--ignore-time-conflict");
        gpg.wrapper(
                wrappers.resolve("after-expiry.sh"),
                "--faked-system-time",
                "20260110T000000!",
                "--ignore-time-conflict");
        gpg.wrapper(wrappers.resolve("sha1.sh"), "--digest-algo", "SHA1");

        // A signature valid for one day from 2 January 2026, and one made on 1 January 2030.
        gpg.wrapper(
                wrappers.resolve("sig-expired.sh"),
                "--faked-system-time",
                "20260102T000000!",
                "--ignore-time-conflict",
                "--default-sig-expire",
                "1d");
        gpg.wrapper(wrappers.resolve("future.sh"), "--faked-system-time", "20300101T000000!", "--ignore-time-conflict");

        SampleBuild.of("check-dependencies-producer")
                .arguments(
                        "deploy",
                        "-Dmaven.install.skip=true",
                        "-DaltDeploymentRepository=its::" + repository.toUri(),
                        "-Dgpg.home=" + gpg.home(),
                        "-Dgpg.wrappers=" + wrappers,
                        "-Dkey.signed=" + signedKey,
                        "-Dkey.subkey=" + subkey,
                        "-Dkey.expiring=" + expiringKey,
                        "-Dkey.late=" + lateKey,
                        "-Dkey.revoked=" + revokedKey,
                        "-Dkey.dated=" + datedKey)
                .succeeds();

        // After signing: the late key gets an expiry before its signatures, the revoked key is revoked, and the
        // tampered library gets the signature of another file.
        gpg.setExpire(lateKey, "20260102T000000", "2d");
        gpg.revoke(revokedKey);
        swapSignature("tampered", "signed");
        keyring = gpg.export(
                home.resolve("test-keys.asc"), signedKey, subkeyPrimary, expiringKey, lateKey, revokedKey, datedKey);
    }

    @AfterAll
    static void stopAgent() {
        gpg.close();
    }

    @Test
    void signedLibraryPasses() throws IOException {
        String sha256 = sha256(artifact("signed", "jar"));
        SampleBuild build = consumer(
                        "signed",
                        "allow " + GROUP + ":signed:1.0::jar key=" + signedKey + " sha256=" + sha256,
                        "allow " + GROUP + ":signed:1.0::pom key=" + signedKey + " sha256="
                                + sha256(artifact("signed", "pom")))
                .succeeds();

        assertThat(build.log()).contains("Checked 3 artifacts against the policy");
        JsonNode report = report(build);
        assertThat(report.get("violations").asInt()).isZero();
        assertThat(report.get("artifacts").asInt()).isEqualTo(3);
        assertThat(report.get("results").get(0).get("sha256").asText()).isEqualTo(sha256);
    }

    @Test
    void subkeySignaturePassesWithPrimaryKey() {
        consumer("subkey-signed", allow("subkey-signed", subkeyPrimary)).succeeds();
    }

    @Test
    void signatureBeforeExpiryPasses() {
        consumer("signed-before-expiry", allow("signed-before-expiry", expiringKey))
                .succeeds();
    }

    @Test
    void signatureAfterExpiryFails() {
        SampleBuild build = consumer("signed-after-expiry", allow("signed-after-expiry", lateKey))
                .fails();

        assertThat(build.errorLines())
                .contains("[ERROR] " + GROUP + ":signed-after-expiry:1.0::jar: key expired (key " + lateKey
                        + ": the primary key expired on 2026-01-04T00:00:00Z, before the signature was made on"
                        + " 2026-01-10T00:00:00Z); path: " + PROJECT + " -> " + GROUP + ":signed-after-expiry:1.0");
        assertThat(build.log()).contains("2 dependency policy violations in " + PROJECT);
    }

    @Test
    void expiredSignatureFails() throws IOException {
        SampleBuild build = consumer("signature-expired", allow("signature-expired", datedKey))
                .fails();

        assertThat(build.errorLines())
                .contains("[ERROR] " + GROUP + ":signature-expired:1.0::jar: signature expired (key " + datedKey
                        + ": the signature expired on 2026-01-03T00:00:00Z; it was made on 2026-01-02T00:00:00Z to be"
                        + " valid for 1 day, so the publisher must sign the file again); path: " + PROJECT + " -> "
                        + GROUP + ":signature-expired:1.0");
        JsonNode signature =
                report(build).get("results").get(0).get("signatures").get(0);
        assertThat(signature.get("status").asText()).isEqualTo("SIGNATURE_EXPIRED");
        assertThat(signature.get("expires").asText()).isEqualTo("2026-01-03T00:00:00Z");
    }

    @Test
    void futureSignatureFails() throws IOException {
        SampleBuild build = consumer("signed-in-future", allow("signed-in-future", datedKey))
                .fails();

        assertThat(build.errorLines())
                .anyMatch(line -> line.startsWith("[ERROR] " + GROUP + ":signed-in-future:1.0::jar: signature made in"
                                + " the future (key " + datedKey + ": the signature was made on"
                                + " 2030-01-01T00:00:00Z, later than this machine's clock (")
                        && line.endsWith(") plus the allowed clock skew of 10 minutes; check the clocks of this machine"
                                + " and of the signer); path: " + PROJECT + " -> " + GROUP + ":signed-in-future:1.0"));
        assertThat(report(build).get("violations").asInt()).isEqualTo(2);
    }

    @Test
    void revokedKeyFails() {
        SampleBuild build =
                consumer("revoked-signed", allow("revoked-signed", revokedKey)).fails();

        assertThat(build.errorLines())
                .anyMatch(line -> line.startsWith("[ERROR] " + GROUP + ":revoked-signed:1.0::jar: key revoked (key "
                        + revokedKey + ": the primary key was revoked on "));
    }

    @Test
    void sha1SignatureFails() {
        SampleBuild build =
                consumer("sha1-signed", allow("sha1-signed", signedKey)).fails();

        assertThat(build.errorLines())
                .contains("[ERROR] " + GROUP + ":sha1-signed:1.0::jar: weak hash (key " + signedKey
                        + ": the signature uses the weak hash algorithm SHA1); path: " + PROJECT + " -> " + GROUP
                        + ":sha1-signed:1.0");
    }

    @Test
    void sha1SignaturePassesWithReviewedException() {
        consumer("sha1-signed", allow("sha1-signed", signedKey), "allow-hash SHA1 reason=\"test of the exemption\"")
                .succeeds();
    }

    @Test
    void signatureOfOtherFileFails() {
        SampleBuild build = consumer("tampered", allow("tampered", signedKey)).fails();

        assertThat(build.errorLines())
                .contains("[ERROR] " + GROUP + ":tampered:1.0::jar: bad signature (key " + signedKey
                        + ": the signature does not match the file; the file or its .asc was changed); path: "
                        + PROJECT + " -> " + GROUP + ":tampered:1.0");
    }

    @Test
    void unsignedTransitiveDependencyFails() throws IOException {
        SampleBuild build = consumer("wrapper", allow("wrapper", signedKey), allow("unsigned", signedKey))
                .fails();

        String sha256 = sha256(artifact("unsigned", "jar"));
        assertThat(build.errorLines())
                .contains("[ERROR] " + GROUP + ":unsigned:1.0::jar: unsigned (the repository has no .asc signature);"
                        + " path: " + PROJECT + " -> " + GROUP + ":wrapper:1.0 -> " + GROUP + ":unsigned:1.0;"
                        + " to accept it, add: allow " + GROUP + ":unsigned:1.0::jar sha256=" + sha256
                        + " unsigned reason=\"<why an unsigned artifact is acceptable>\"");
    }

    @Test
    void notAllowedSuggestsPolicyLines() throws IOException {
        SampleBuild build = consumer("signed").fails();

        String line =
                "allow " + GROUP + ":signed:1.0::jar key=" + signedKey + " sha256=" + sha256(artifact("signed", "jar"));
        assertThat(build.errorLines())
                .contains("[ERROR] " + GROUP + ":signed:1.0::jar: not allowed (no allow entry matches); path: "
                        + PROJECT + " -> " + GROUP + ":signed:1.0; to accept it, add: " + line);
        assertThat(build.log()).contains("2 dependency policy violations in " + PROJECT);

        // Adding the suggested lines makes the same build pass.
        SampleBuild accepted =
                consumer("signed", suggestions(build).toArray(String[]::new)).succeeds();
        assertThat(report(accepted).get("violations").asInt()).isZero();
    }

    @Test
    void deniedLibraryFails() {
        SampleBuild build = consumer(
                        "signed",
                        allow("signed", signedKey),
                        "deny " + GROUP + ":signed:[0.9,2.0) reason=\"replaced by signed 2\"")
                .fails();

        assertThat(build.errorLines())
                .anyMatch(line -> line.startsWith("[ERROR] " + GROUP + ":signed:1.0::jar: denied (denied by line"
                        + " 4 (" + GROUP + ":signed:[0.9,2.0): replaced by signed 2)); path: "));
    }

    @Test
    void overriddenDenyPasses() {
        consumer(
                        "signed",
                        allow("signed", signedKey),
                        "deny " + GROUP + ":*",
                        "allow " + GROUP + ":signed:1.0 override-deny reason=\"reviewed\" expires=2999-12-31",
                        "allow " + GROUP + ":producer override-deny reason=\"reviewed\"")
                .succeeds();
    }

    @Test
    void expiredExemptionNoLongerApplies() {
        SampleBuild build = consumer(
                        "unsigned",
                        "allow " + GROUP + ":unsigned:1.0 no-checksum unsigned reason=\"until signed\""
                                + " expires=2020-01-01")
                .fails();

        assertThat(build.errorLines())
                .anyMatch(line -> line.startsWith("[ERROR] " + GROUP + ":unsigned:1.0::jar: unsigned (the repository"
                        + " has no .asc signature; the unsigned exemption on line 3 expired on 2020-01-01); path: "))
                .anyMatch(line -> line.startsWith("[ERROR] " + GROUP + ":unsigned:1.0::jar: checksum not pinned (no"
                        + " matching allow entry pins sha256= or sha512=, and no no-checksum exemption applies; the"
                        + " no-checksum exemption on line 3 expired on 2020-01-01); path: "));
    }

    @Test
    void checksumMismatchFails() throws IOException {
        String wrong = "0".repeat(64);
        SampleBuild build = consumer(
                        "signed",
                        "allow " + GROUP + ":signed:1.0::jar key=" + signedKey + " sha256=" + wrong,
                        allow("signed", signedKey))
                .fails();

        assertThat(build.errorLines())
                .contains("[ERROR] " + GROUP + ":signed:1.0::jar: checksum mismatch (the policy pins sha256=" + wrong
                        + " but the file has " + sha256(artifact("signed", "jar")) + "); path: " + PROJECT + " -> "
                        + GROUP + ":signed:1.0");
    }

    @Test
    void otherKeyIsNotAccepted() throws IOException {
        SampleBuild build = consumer("signed", allow("signed", revokedKey)).fails();

        assertThat(build.errorLines())
                .contains("[ERROR] " + GROUP + ":signed:1.0::jar: key not accepted (signed by key " + signedKey
                        + ", but the policy accepts " + revokedKey + "); path: " + PROJECT + " -> " + GROUP
                        + ":signed:1.0; to accept it, add: allow " + GROUP + ":signed:1.0::jar key=" + signedKey
                        + " sha256=" + sha256(artifact("signed", "jar")));
    }

    @Test
    void warningsWhenFailOnViolationIsFalse() throws IOException {
        SampleBuild build = consumer("signed")
                .arguments("-Dprovenance.failOnViolation=false")
                .succeeds();

        assertThat(build.log())
                .contains("[WARNING] " + GROUP + ":signed:1.0::jar: not allowed (no allow entry matches)")
                .contains("the build goes on because failOnViolation is false");
        assertThat(report(build).get("violations").asInt()).isEqualTo(2);
    }

    @Test
    void secondRunUsesCache() {
        String[] policy = {allow("signed", signedKey)};
        consumer("signed", policy).succeeds();

        SampleBuild second = consumer("signed", policy).succeeds();

        assertThat(second.log())
                .contains("Checked 3 artifacts against the policy (3 signature results from the cache)");
    }

    @Test
    void pluginsAreChecked() {
        SampleBuild build = consumer("signed", allow("signed", signedKey))
                .arguments("-Dprovenance.checkPlugins=true")
                .fails();

        assertThat(build.errorLines())
                .anyMatch(line -> line.startsWith("[ERROR] dev.provenance:provenance-maven-plugin:"
                                + SampleBuild.pluginVersion() + "::jar: not allowed (no allow entry matches)")
                        && line.contains(
                                "; path: " + PROJECT + " -> plugin -> dev.provenance:provenance-maven-plugin:"));
    }

    @Test
    void extensionChecksPluginsBeforeFirstMojo() throws IOException {
        SampleBuild build = SampleBuild.of("check-dependencies-extension");
        Files.copy(keyring, build.directory().resolve("test-keys.asc"), StandardCopyOption.REPLACE_EXISTING);
        Files.write(
                build.directory().resolve("provenance-policy.txt"),
                List.of("keyring test-keys.asc", allow("signed", signedKey), allow("producer", signedKey)));

        build.arguments("validate", "-Dits.repository=" + repository.toUri(), "-Ddependency=signed")
                .fails();

        assertThat(build.errorLines())
                .anyMatch(line -> line.startsWith("[ERROR] dev.provenance:provenance-maven-plugin:"
                        + SampleBuild.pluginVersion() + "::jar: not allowed (no allow entry matches)"))
                .anyMatch(line -> line.contains("plugin policy violations found before the build started"));
        assertThat(build.log()).doesNotContain("--- provenance:");
    }

    @Test
    void invalidPolicyNamesLine() {
        SampleBuild build = consumer("signed", "allow " + GROUP + ":signed key=ABCDEF0123456789")
                .fails();

        assertThat(build.log())
                .contains("provenance-policy.txt:3: invalid fingerprint 'ABCDEF0123456789': this is a 16-digit key id,"
                        + " not a fingerprint");
    }

    @Test
    void skipLogsReason() {
        SampleBuild build = consumer("signed")
                .arguments("-Dprovenance.checkDependencies.skip=true")
                .succeeds();

        assertThat(build.log()).contains("Skipping check-dependencies: provenance.checkDependencies.skip is true");
    }

    @Test
    void keyserverSuppliesMissingKey() throws IOException {
        byte[] keys = Files.readAllBytes(keyring);
        try (KeyServer server = new KeyServer(200, keys)) {
            SampleBuild build = consumerWithPolicy(
                            "signed", List.of("keyserver " + server.uri(), allow("signed", signedKey)))
                    .arguments("-Dprovenance.cache.directory="
                            + Files.createTempDirectory(repository.getParent(), "cache"))
                    .succeeds();

            assertThat(server.requests()).contains("/pks/lookup?op=get&options=mr&search=0x" + signedKey);
            assertThat(report(build).get("violations").asInt()).isZero();
        }
    }

    @Test
    void offlineBuildFetchesNoKey() throws IOException {
        try (KeyServer server = new KeyServer(200, Files.readAllBytes(keyring))) {
            // The first build, without a keyserver and so without the key, downloads the library and its .asc.
            SampleBuild online = consumerWithPolicy("signed", List.of(allow("signed", signedKey)))
                    .fails();
            Files.write(
                    online.directory().resolve("provenance-policy.txt"),
                    List.of("keyserver " + server.uri(), allow("signed", signedKey), allow("producer", signedKey)));

            SampleBuild offline = SampleBuild.in(online.directory())
                    .arguments(
                            "validate",
                            "-o",
                            "-Dits.repository=" + repository.toUri(),
                            "-Ddependency=signed",
                            "-Dprovenance.checkPlugins=false",
                            "-Dprovenance.cache.directory=" + emptyCache())
                    .fails();

            assertThat(offline.log())
                    .contains("Not fetching missing keys from [" + server.uri() + "]: Maven is offline");
            assertThat(offline.errorLines())
                    .anyMatch(line -> line.startsWith("[ERROR] " + GROUP + ":signed:1.0::jar: key not found (signed by"
                            + " key " + signedKey + ", which no keyring holds"));
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void offlineMissingSignatureIsNotUnsigned() throws IOException {
        SampleBuild online = consumer("signed", allow("signed", signedKey)).succeeds();

        // Without the .asc in the local repository, an offline build cannot fetch it.
        Path version =
                SampleBuild.localRepository().resolve(GROUP.replace('.', '/')).resolve("signed/1.0");
        Files.deleteIfExists(version.resolve("signed-1.0.jar.asc"));
        Files.deleteIfExists(version.resolve("signed-1.0.pom.asc"));
        SampleBuild offline = SampleBuild.in(online.directory())
                .arguments(
                        "validate",
                        "-o",
                        "-Dits.repository=" + repository.toUri(),
                        "-Ddependency=signed",
                        "-Dprovenance.checkPlugins=false")
                .fails();

        assertThat(offline.errorLines())
                .anyMatch(line -> line.startsWith(
                        "[ERROR] " + GROUP + ":signed:1.0::jar: signature download failed (Cannot access its"))
                .noneMatch(line -> line.contains(": unsigned ("));
    }

    @Test
    void keyserverFailureIsNotUnsigned() throws IOException {
        try (KeyServer server = new KeyServer(503, new byte[0])) {
            SampleBuild build = consumerWithPolicy(
                            "signed", List.of("keyserver " + server.uri(), allow("signed", signedKey)))
                    .arguments(
                            "-Dprovenance.keyserver.retries=1",
                            "-Dprovenance.cache.directory="
                                    + Files.createTempDirectory(repository.getParent(), "cache"))
                    .fails();

            assertThat(build.errorLines())
                    .contains("[ERROR] " + GROUP + ":signed:1.0::jar: key fetch failed (key " + signedKey
                            + ": fetching key " + signedKey + " from " + server.uri()
                            + "/pks/lookup?op=get&options=mr&search=0x" + signedKey + " failed: HTTP status 503);"
                            + " path: " + PROJECT + " -> " + GROUP + ":signed:1.0");
            assertThat(server.requests()).hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void systemScopeNeedsPinnedEntry() throws IOException {
        SampleBuild unpinned = systemSample("allow com.vendor:vendor:1.0 no-checksum unsigned reason=\"vendor file\"")
                .fails();
        String sha256 = sha256(unpinned.directory().resolve("lib/vendor.jar"));

        assertThat(unpinned.errorLines())
                .contains("[ERROR] com.vendor:vendor:1.0::jar: checksum not pinned (a system-scope artifact needs an"
                        + " allow entry with its sha256= or sha512=; no-checksum does not apply to it); path:"
                        + " dev.provenance.samples:check-dependencies-system:1.0.0 -> com.vendor:vendor:1.0; to accept it, add:"
                        + " allow com.vendor:vendor:1.0::jar sha256=" + sha256);
        systemSample("allow com.vendor:vendor:1.0 sha256=" + sha256 + " unsigned reason=\"vendor file\"")
                .succeeds();
    }

    @Test
    void reactorModulesAreSkipped() throws IOException {
        SampleBuild build = reactor().succeeds();

        assertThat(build.log())
                .contains("[INFO] Skipping dev.provenance.samples:a:1.0.0::pom: it is a module of this build")
                .contains("Checked 3 artifacts against the policy")
                .contains("Checked 5 artifacts against the policy");
        JsonNode moduleB = new ObjectMapper()
                .readTree(build.directory()
                        .resolve("b/target/provenance/check-dependencies.json")
                        .toFile());
        assertThat(moduleB.get("results").findValuesAsText("path"))
                .contains(
                        "dev.provenance.samples:b:1.0.0 -> dev.provenance.samples:a:1.0.0 -> " + GROUP + ":signed:1.0");
    }

    @Test
    void parallelBuildGivesSameReports() throws IOException {
        SampleBuild serial =
                reactor().arguments("-Dprovenance.cache.directory=").succeeds();
        List<String> serialReports = reports(serial.directory());

        SampleBuild.in(serial.directory())
                .arguments(
                        "validate",
                        "-T",
                        "4",
                        "-Dits.repository=" + repository.toUri(),
                        "-Dprovenance.checkPlugins=false",
                        "-Dprovenance.cache.directory=" + emptyCache())
                .succeeds();

        assertThat(reports(serial.directory())).isEqualTo(serialReports);
    }

    private static Path emptyCache() throws IOException {
        return Files.createTempDirectory(repository.getParent(), "cache");
    }

    private static SampleBuild systemSample(String entry) {
        SampleBuild build = SampleBuild.of("check-dependencies-system");
        try {
            deleteTree(build.directory().resolve("target"));
            Files.writeString(build.directory().resolve("provenance-policy.txt"), entry + "\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return build.arguments("validate", "-Dprovenance.checkPlugins=false");
    }

    private static SampleBuild reactor() {
        SampleBuild build = SampleBuild.of("check-dependencies-reactor");
        try {
            for (String module : List.of("a", "b", "c")) {
                deleteTree(build.directory().resolve(module).resolve("target"));
            }
            Files.copy(keyring, build.directory().resolve("test-keys.asc"), StandardCopyOption.REPLACE_EXISTING);
            Files.write(
                    build.directory().resolve("provenance-policy.txt"),
                    List.of(
                            "keyring test-keys.asc",
                            "allow " + GROUP + ":producer:1.0::pom key=" + signedKey + " no-checksum reason=\"test\"",
                            allow("signed", signedKey),
                            allow("subkey-signed", subkeyPrimary),
                            allow("signed-before-expiry", expiringKey)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return build.arguments("validate", "-Dits.repository=" + repository.toUri(), "-Dprovenance.checkPlugins=false");
    }

    private static List<String> reports(Path reactor) throws IOException {
        List<String> reports = new ArrayList<>();
        for (String module : List.of("a", "b", "c")) {
            reports.add(Files.readString(reactor.resolve(module).resolve("target/provenance/check-dependencies.json")));
        }
        return reports;
    }

    /** Returns an allow line for a library and its POM, with the key and without checksums. */
    private static String allow(String artifactId, String key) {
        return "allow " + GROUP + ":" + artifactId + ":1.0 key=" + key + " no-checksum reason=\"test library\"";
    }

    /**
     * Copies the consumer sample for one library, with the test keyring and a policy made of the given lines after a
     * keyring line and an entry for the producer's parent POM.
     */
    private static SampleBuild consumer(String dependency, String... policyLines) {
        List<String> lines = new ArrayList<>(List.of("keyring keys/test-keys.asc"));
        lines.addAll(List.of(policyLines));
        return consumerWithPolicy(dependency, lines);
    }

    /** Copies the consumer sample with the test keyring and a policy of the given lines after the parent's entry. */
    private static SampleBuild consumerWithPolicy(String dependency, List<String> policyLines) {
        SampleBuild build = SampleBuild.of("check-dependencies-consumer");
        try {
            // Work folders keep their number across runs, so an earlier run's output is removed first.
            deleteTree(build.directory().resolve("target"));
            Files.createDirectories(build.directory().resolve("keys"));
            Files.copy(keyring, build.directory().resolve("keys/test-keys.asc"), StandardCopyOption.REPLACE_EXISTING);
            List<String> lines = new ArrayList<>();
            lines.add("allow " + GROUP + ":producer:1.0::pom key=" + signedKey + " no-checksum reason=\"test parent\"");
            lines.addAll(policyLines);
            Files.write(build.directory().resolve("provenance-policy.txt"), lines);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return build.arguments(
                "validate",
                "-Dits.repository=" + repository.toUri(),
                "-Ddependency=" + dependency,
                "-Dprovenance.checkPlugins=false");
    }

    private static List<String> suggestions(SampleBuild build) {
        String marker = "; to accept it, add: ";
        return build.errorLines().stream()
                .filter(line -> line.contains(marker))
                .map(line -> line.substring(line.indexOf(marker) + marker.length()))
                .toList();
    }

    private static JsonNode report(SampleBuild build) {
        try {
            return new ObjectMapper()
                    .readTree(build.directory()
                            .resolve("target/provenance/check-dependencies.json")
                            .toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path artifact(String artifactId, String extension) {
        return repository
                .resolve(GROUP.replace('.', '/'))
                .resolve(artifactId)
                .resolve("1.0")
                .resolve(artifactId + "-1.0." + extension);
    }

    /** Replaces a library's jar signature with another library's, and fixes the repository checksums to match. */
    private static void swapSignature(String target, String source) throws IOException {
        Path signature = Path.of(artifact(target, "jar") + ".asc");
        Files.copy(Path.of(artifact(source, "jar") + ".asc"), signature, StandardCopyOption.REPLACE_EXISTING);
        for (String algorithm : List.of("MD5", "SHA-1", "SHA-256", "SHA-512")) {
            Path checksum = Path.of(signature + "." + algorithm.toLowerCase().replace("-", ""));
            if (Files.exists(checksum)) {
                Files.writeString(checksum, digest(signature, algorithm));
            }
        }
    }

    static String sha256(Path file) throws IOException {
        return digest(file, "SHA-256");
    }

    private static String digest(Path file, String algorithm) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** An HTTP server on 127.0.0.1 that responds to every key lookup with one status and body, like an HKP server. */
    private static final class KeyServer implements AutoCloseable {
        private final HttpServer server;
        private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

        KeyServer(int status, byte[] body) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                requests.add(exchange.getRequestURI().toString());
                exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }

        String uri() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        List<String> requests() {
            return List.copyOf(requests);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
