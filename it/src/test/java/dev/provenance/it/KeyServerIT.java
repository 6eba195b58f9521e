package dev.provenance.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenance.openpgp.Fingerprint;
import dev.provenance.openpgp.KeyFetchException;
import dev.provenance.openpgp.KeyServerClient;
import dev.provenance.openpgp.PublicKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * check-dependencies fetching a signing key that no keyring contains from a real keyserver: Debian's SKS on 127.0.0.1 for
 * HKP, and nginx with a self-signed certificate in front of it for HKPS. The library is signed by maven-gpg-plugin with
 * a key that gpg made and uploaded with {@code gpg --send-keys}.
 */
class KeyServerIT {

    private static final String GROUP = "dev.provenance.its.keyserver";
    private static final String LIBRARY = GROUP + ":signed:1.0";

    private static Path work;
    private static GpgKeys gpg;
    private static Path repository;
    private static String signingKey;
    private static SksKeyServer sks;
    private static NginxTlsProxy nginx;

    @BeforeAll
    static void deployAndUpload() throws Exception {
        work = Files.createDirectories(Path.of(System.getProperty("provenance.workDirectory")));
        repository = Files.createTempDirectory(work, "keyserver-repository");
        gpg = GpgKeys.create();
        CheckDependenciesIT.deleteTree(SampleBuild.localRepository().resolve(GROUP.replace('.', '/')));

        signingKey = gpg.generateKey("Keyserver Test <keyserver@example.org>", null, "sign", "never");
        SampleBuild.of("keyserver-producer")
                .arguments(
                        "deploy",
                        "-Dmaven.install.skip=true",
                        "-DaltDeploymentRepository=its::" + repository.toUri(),
                        "-Dgpg.home=" + gpg.home(),
                        "-Dsigning.key=" + signingKey)
                .succeeds();

        sks = SksKeyServer.start(work);
        sendKeys(sks, signingKey);
        nginx = NginxTlsProxy.start(work, sks.port());
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        if (sks != null) {
            sks.close();
        }
        if (gpg != null) {
            run(List.of("gpgconf", "--homedir", gpg.home().toString(), "--kill", "dirmngr"));
            gpg.close();
        }
    }

    @Test
    void hkpKeyIsFetchedThenCached() throws Exception {
        try (SksKeyServer server = SksKeyServer.start(work)) {
            sendKeys(server, signingKey);
            Path cache = Files.createTempDirectory(work, "keyserver-cache");

            // Online: the key comes from the keyserver and lands in the cache.
            SampleBuild online = consumer(server.uri().toString(), cache, 0).succeeds();
            assertThat(violations(online)).isZero();
            Path cachedKey = cache.resolve("keys/" + signingKey + ".asc");
            assertThat(cachedKey).exists();
            assertThat(fingerprints(cachedKey)).contains(signingKey);

            // Keyserver stopped, key cache kept: the key comes from the cache. The signature results are removed, so
            // the signatures are checked again with the cached key.
            server.stop();
            CheckDependenciesIT.deleteTree(cache.resolve("verification"));
            SampleBuild cached = consumer(server.uri().toString(), cache, 0).succeeds();
            assertThat(violations(cached)).isZero();
            assertThat(cached.log())
                    .contains("Checked 2 artifacts against the policy (0 signature results from the cache)");

            // Keyserver stopped, empty cache: the check fails with "key fetch failed", not "unsigned".
            SampleBuild uncached = consumer(
                            server.uri().toString(), Files.createTempDirectory(work, "keyserver-cache"), 0)
                    .fails();
            String request =
                    "http://127.0.0.1:" + server.port() + "/pks/lookup?op=get&options=mr&search=0x" + signingKey;
            assertThat(uncached.errorLines())
                    .contains("[ERROR] " + LIBRARY + "::jar: key fetch failed (key " + signingKey + ": fetching key "
                            + signingKey + " from " + request + " failed: ConnectException); path:"
                            + " dev.provenance.samples:keyserver-consumer:1.0.0 -> " + LIBRARY)
                    .noneMatch(line -> line.contains(": unsigned ("));
        }
    }

    @Test
    void hkpsFetchesWhenJvmTrustsCertificate() throws Exception {
        Path cache = Files.createTempDirectory(work, "keyserver-cache");

        SampleBuild build = consumer(nginx.uri().toString(), cache, 0)
                .environment(
                        "MAVEN_OPTS",
                        "-Djavax.net.ssl.trustStore=" + nginx.trustStore()
                                + " -Djavax.net.ssl.trustStorePassword=changeit")
                .succeeds();

        assertThat(violations(build)).isZero();
        assertThat(fingerprints(cache.resolve("keys/" + signingKey + ".asc"))).contains(signingKey);
        assertThat(nginx.accessLog())
                .anyMatch(line -> line.contains("\"GET /pks/lookup?op=get&options=mr&search=0x" + signingKey)
                        && line.contains("\" 200 "));
    }

    @Test
    void hkpsRejectsUntrustedCertificate() throws Exception {
        Path cache = Files.createTempDirectory(work, "keyserver-cache");

        // Retries are allowed, but a rejected certificate is not retried.
        SampleBuild build = consumer(nginx.uri().toString(), cache, 2).fails();

        String request =
                "https://127.0.0.1:" + nginx.uri().getPort() + "/pks/lookup?op=get&options=mr&search=0x" + signingKey;
        assertThat(build.errorLines())
                .anyMatch(line -> line.startsWith("[ERROR] " + LIBRARY + "::jar: key fetch failed (key " + signingKey
                                + ": fetching key " + signingKey + " from " + request
                                + " failed: TLS handshake failed: SSLHandshakeException: PKIX path building failed")
                        && line.contains("; the JVM does not trust the server's certificate. If a private certificate"
                                + " authority issued it, import that CA into a copy of the JDK's cacerts with keytool"
                                + " and start Maven with MAVEN_OPTS=\"-Djavax.net.ssl.trustStore=<that file>"
                                + " -Djavax.net.ssl.trustStorePassword=<its password>\")"));
        assertThat(build.log()).doesNotContain("Retrying ");
        assertThat(cache.resolve("keys/" + signingKey + ".asc")).doesNotExist();
    }

    @Test
    void missingKeyIsNotFound() throws Exception {
        String absent;
        try (GpgKeys other = GpgKeys.create()) {
            absent = other.generateKey("Absent <absent@example.org>", null, "sign", "never");
        }
        assertThat(sks.lookup("0x" + absent).statusCode()).isEqualTo(404);
        List<String> log = Collections.synchronizedList(new ArrayList<>());

        Optional<PGPPublicKeyRing> ring = client(sks.uri(), log::add).find(keyId(absent), new Fingerprint(absent));

        assertThat(ring).isEmpty();
        assertThat(log).isEmpty();
    }

    @Test
    void sameKeyIdOtherFingerprintIsNotFound() throws Exception {
        // SKS matches the whole fingerprint, so a request that shares only the key id gets no key.
        Fingerprint requested = new Fingerprint("00000000000000000000000" + signingKey.substring(23));
        assertThat(requested.hex()).hasSize(40).isNotEqualTo(signingKey);
        assertThat(sks.lookup("0x" + requested.hex()).statusCode()).isEqualTo(404);
        Path cache = Files.createTempDirectory(work, "keyserver-cache");

        Optional<PGPPublicKeyRing> ring = new KeyServerClient(
                        List.of(sks.uri()), cache, Duration.ofSeconds(5), 0, Duration.ofMillis(100), line -> {})
                .find(keyId(signingKey), requested);

        assertThat(ring).isEmpty();
        assertThat(cache.resolve(requested.hex() + ".asc")).doesNotExist();
    }

    @Test
    void severalCertificatesChooseBoundOne() throws Exception {
        String owner = gpg.generateKey("Subkey Owner <owner@example.org>", null, "cert", "never");
        String subkey = gpg.addSigningSubkey(owner);
        sendKeys(sks, owner);

        // SKS checks no signatures, so anyone can upload another certificate that carries the subkey with the
        // owner's binding signature, which does not verify for that certificate's primary key.
        String forger = gpg.generateKey("Forger <forger@example.org>", null, "sign", "never");
        PGPPublicKey stolen = ring(owner).getPublicKey(keyId(subkey));
        sks.add(armor(PGPPublicKeyRing.insertPublicKey(ring(forger), stolen)));
        HttpResponse<String> response = awaitCertificates(subkey, 2);
        assertThat(response.headers().firstValue("X-HKP-Results-Count")).contains("2");

        Optional<PGPPublicKeyRing> found = client(sks.uri(), line -> {}).find(keyId(subkey), new Fingerprint(subkey));

        assertThat(found).isPresent();
        assertThat(Fingerprint.of(found.get().getPublicKey().getFingerprint()).hex())
                .isEqualTo(owner);
    }

    @Test
    void version6FingerprintGetsServerError() throws Exception {
        // SKS 1.1.6 predates version 6 keys and responds to a 64-digit fingerprint with an internal server error.
        Fingerprint v6 = new Fingerprint("AB".repeat(32));
        assertThat(sks.lookup("0x" + v6.hex()).statusCode()).isEqualTo(500);

        assertThatThrownBy(() -> client(sks.uri(), line -> {}).find(0xABABABABABABABABL, v6))
                .isInstanceOf(KeyFetchException.class)
                .hasMessageEndingWith(
                        "/pks/lookup?op=get&options=mr&search=0x" + v6.hex() + " failed: HTTP status 500");
    }

    private static KeyServerClient client(URI server, java.util.function.Consumer<String> log) {
        return new KeyServerClient(List.of(server), null, Duration.ofSeconds(5), 0, Duration.ofMillis(100), log);
    }

    /** Copies the consumer sample with a policy that names the keyserver, accepts the signing key and has no keyring. */
    private static SampleBuild consumer(String keyserver, Path cache, int retries) throws IOException {
        SampleBuild build = SampleBuild.of("keyserver-consumer");
        CheckDependenciesIT.deleteTree(build.directory().resolve("target"));
        Files.write(
                build.directory().resolve("provenance-policy.txt"),
                List.of(
                        "keyserver " + keyserver,
                        "allow " + LIBRARY + " key=" + signingKey + " no-checksum reason=\"test library\""));
        return build.arguments(
                "validate",
                "-Dits.repository=" + repository.toUri(),
                "-Dprovenance.checkPlugins=false",
                "-Dprovenance.keyserver.retries=" + retries,
                "-Dprovenance.keyserver.timeout=5",
                "-Dprovenance.cache.directory=" + cache);
    }

    /** Uploads a key from the test's GnuPG home with gpg itself, through dirmngr. */
    private static void sendKeys(SksKeyServer server, String fingerprint) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/dirmngr"))) {
            throw new IllegalStateException("/usr/bin/dirmngr, which gpg --send-keys runs, is missing; install the"
                    + " Debian package dirmngr (.ci/run does)");
        }
        run(List.of(
                "gpg",
                "--batch",
                "--homedir",
                gpg.home().toString(),
                "--keyserver",
                server.uri().toString(),
                "--send-keys",
                fingerprint));
        server.awaitKey(fingerprint);
    }

    private static HttpResponse<String> awaitCertificates(String fingerprint, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        HttpResponse<String> response = sks.lookup("0x" + fingerprint);
        while (System.nanoTime() < deadline
                && !response.headers().firstValue("X-HKP-Results-Count").equals(Optional.of(String.valueOf(count)))) {
            Thread.sleep(100);
            response = sks.lookup("0x" + fingerprint);
        }
        return response;
    }

    private static PGPPublicKeyRing ring(String fingerprint) throws Exception {
        Path file = gpg.export(work.resolve("export-" + fingerprint + ".asc"), fingerprint);
        return PublicKeys.parse(Files.readAllBytes(file)).get(0);
    }

    private static String armor(PGPPublicKeyRing ring) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream out = new ArmoredOutputStream(bytes)) {
            ring.encode(out);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    private static List<String> fingerprints(Path keys) throws Exception {
        return PublicKeys.parse(Files.readAllBytes(keys)).stream()
                .map(ring ->
                        Fingerprint.of(ring.getPublicKey().getFingerprint()).hex())
                .toList();
    }

    private static long keyId(String fingerprint) {
        return Long.parseUnsignedLong(fingerprint.substring(fingerprint.length() - 16), 16);
    }

    private static int violations(SampleBuild build) throws IOException {
        JsonNode report = new ObjectMapper()
                .readTree(build.directory()
                        .resolve("target/provenance/check-dependencies.json")
                        .toFile());
        return report.get("violations").asInt();
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("command failed: " + String.join(" ", command) + "\n" + output);
        }
    }
}
