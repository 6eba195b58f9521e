package dev.provenance.openpgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the client against an HTTP server on 127.0.0.1 that serves Jackson's real published keys the way an HKP
 * server does, and that fails on purpose for the fault cases.
 */
class KeyServerClientTest {

    private static final Fingerprint JACKSON = new Fingerprint("28118C070CB22A0175A2E8D43D12CA2AC19F3181");
    private static final long JACKSON_KEY_ID = 0x3D12CA2AC19F3181L;

    @TempDir
    Path temp;

    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void fetchesKeyByFingerprint() throws Exception {
        byte[] keys = Files.readAllBytes(SignatureVerifierTest.resource("jackson-KEYS.asc"));
        URI uri = serve(exchange -> respond(exchange, 200, keys));

        Optional<PGPPublicKeyRing> ring = client(uri, temp.resolve("cache"), 0).find(JACKSON_KEY_ID, JACKSON);

        assertThat(ring).isPresent();
        assertThat(Fingerprint.of(ring.get().getPublicKey().getFingerprint())).isEqualTo(JACKSON);
        assertThat(requests).containsExactly("/pks/lookup?op=get&options=mr&search=0x" + JACKSON.hex());
    }

    @Test
    void cachedKeyNeedsNoRequest() throws Exception {
        byte[] keys = Files.readAllBytes(SignatureVerifierTest.resource("jackson-KEYS.asc"));
        URI uri = serve(exchange -> respond(exchange, 200, keys));
        client(uri, temp.resolve("cache"), 0).find(JACKSON_KEY_ID, JACKSON);

        Optional<PGPPublicKeyRing> again = client(uri, temp.resolve("cache"), 0).find(JACKSON_KEY_ID, JACKSON);

        assertThat(again).isPresent();
        assertThat(requests).hasSize(1);
    }

    @Test
    void concurrentLookupsFetchOnce() throws Exception {
        byte[] keys = Files.readAllBytes(SignatureVerifierTest.resource("jackson-KEYS.asc"));
        URI uri = serve(exchange -> {
            sleep(200);
            respond(exchange, 200, keys);
        });
        KeyServerClient client = client(uri, null, 0);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Optional<PGPPublicKeyRing>>> lookups = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                lookups.add(threads.submit(() -> client.find(JACKSON_KEY_ID, JACKSON)));
            }
            for (Future<Optional<PGPPublicKeyRing>> lookup : lookups) {
                assertThat(lookup.get()).isPresent();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(requests).hasSize(1);
    }

    @Test
    void failedLookupIsNotRepeated() throws Exception {
        URI uri = serve(exchange -> respond(exchange, 503, new byte[0]));
        KeyServerClient client = client(uri, null, 1);

        assertThatThrownBy(() -> client.find(JACKSON_KEY_ID, JACKSON))
                .isInstanceOf(KeyFetchException.class)
                .hasMessageEndingWith("failed: HTTP status 503");
        assertThatThrownBy(() -> client.find(JACKSON_KEY_ID, JACKSON))
                .isInstanceOf(KeyFetchException.class)
                .hasMessageEndingWith("failed: HTTP status 503");
        assertThat(requests).hasSize(2);
    }

    @Test
    void notFoundIsEmpty() throws Exception {
        URI uri = serve(exchange -> respond(exchange, 404, "No results found".getBytes()));

        assertThat(client(uri, null, 2).find(JACKSON_KEY_ID, JACKSON)).isEmpty();
        assertThat(requests).hasSize(1);
    }

    @Test
    void serverErrorIsRetriedThenFails() throws Exception {
        URI uri = serve(exchange -> respond(exchange, 503, new byte[0]));

        assertThatThrownBy(() -> client(uri, null, 2).find(JACKSON_KEY_ID, JACKSON))
                .isInstanceOf(KeyFetchException.class)
                .hasMessageContaining("fetching key " + JACKSON.hex() + " from http://127.0.0.1:")
                .hasMessageEndingWith("failed: HTTP status 503");
        assertThat(requests).hasSize(3);
        assertThat(log).filteredOn(line -> line.startsWith("Retrying ")).hasSize(2);
    }

    @Test
    void serverErrorThenSuccessFetches() throws Exception {
        byte[] keys = Files.readAllBytes(SignatureVerifierTest.resource("jackson-KEYS.asc"));
        AtomicInteger calls = new AtomicInteger();
        URI uri = serve(exchange -> respond(exchange, calls.incrementAndGet() == 1 ? 500 : 200, keys));

        assertThat(client(uri, null, 1).find(JACKSON_KEY_ID, JACKSON)).isPresent();
        assertThat(requests).hasSize(2);
    }

    @Test
    void slowServerTimesOut() throws Exception {
        URI uri = serve(exchange -> {
            // Longer than one timeout and shorter than two, so the retry reaches the server while the
            // client still waits for it.
            sleep(TIMEOUT.toMillis() * 3 / 2);
            respond(exchange, 200, new byte[0]);
        });

        assertThatThrownBy(() -> client(uri, null, 1).find(JACKSON_KEY_ID, JACKSON))
                .isInstanceOf(KeyFetchException.class)
                .hasMessageContaining("HttpTimeoutException");
        assertThat(requests).hasSize(2);
    }

    @Test
    void garbageResponseFails() throws Exception {
        URI uri = serve(exchange -> respond(exchange, 200, "<html>maintenance</html>".getBytes()));

        assertThatThrownBy(() -> client(uri, null, 0).find(JACKSON_KEY_ID, JACKSON))
                .isInstanceOf(KeyFetchException.class)
                .hasMessageContaining(" returned 0 keys for the request of key " + JACKSON.hex()
                        + ", none of which contains the requested key");
    }

    @Test
    void otherKeysInResponseAreNotCached() throws Exception {
        byte[] keys = Files.readAllBytes(SignatureVerifierTest.resource("jackson-KEYS.asc"));
        URI uri = serve(exchange -> respond(exchange, 200, keys));

        client(uri, temp.resolve("cache"), 0).find(JACKSON_KEY_ID, JACKSON);

        List<PGPPublicKeyRing> cached =
                PublicKeys.parse(Files.readAllBytes(temp.resolve("cache/" + JACKSON.hex() + ".asc")));
        assertThat(PublicKeys.parse(keys)).hasSize(4);
        assertThat(cached).hasSize(1);
        assertThat(Fingerprint.of(cached.get(0).getPublicKey().getFingerprint()))
                .isEqualTo(JACKSON);
    }

    @Test
    void sameKeyIdOtherFingerprintIsRejected() throws Exception {
        // A server that matches only the last 64 bits of the fingerprint returns Jackson's key for this request.
        Fingerprint requested = new Fingerprint("000000000000000000000000" + "3D12CA2AC19F3181");
        byte[] keys = Files.readAllBytes(SignatureVerifierTest.resource("jackson-KEYS.asc"));
        URI uri = serve(exchange -> respond(exchange, 200, keys));

        assertThatThrownBy(() -> client(uri, temp.resolve("cache"), 0).find(JACKSON_KEY_ID, requested))
                .isInstanceOf(KeyFetchException.class)
                .hasMessageContaining(" returned 4 keys [064F04959CD99ACCC4DFB54C9CD8549ACF9BD0CE,")
                .hasMessageEndingWith(
                        " for the request of key " + requested.hex() + ", none of which contains the requested key");
        assertThat(temp.resolve("cache/" + requested.hex() + ".asc")).doesNotExist();
    }

    @Test
    void cachedKeyWithOtherFingerprintIsMiss() throws Exception {
        Fingerprint requested = new Fingerprint("000000000000000000000000" + "3D12CA2AC19F3181");
        Files.createDirectories(temp.resolve("cache"));
        Files.copy(
                SignatureVerifierTest.resource("jackson-KEYS.asc"), temp.resolve("cache/" + requested.hex() + ".asc"));
        URI uri = serve(exchange -> respond(exchange, 404, new byte[0]));

        assertThat(client(uri, temp.resolve("cache"), 0).find(JACKSON_KEY_ID, requested))
                .isEmpty();
        assertThat(requests).hasSize(1);
    }

    @Test
    void hkpUsesPort11371() {
        assertThat(KeyServerClient.lookupUri(URI.create("hkp://keys.example.org"), "AB"))
                .isEqualTo(URI.create("http://keys.example.org:11371/pks/lookup?op=get&options=mr&search=0xAB"));
        assertThat(KeyServerClient.lookupUri(URI.create("hkps://keys.example.org"), "AB"))
                .isEqualTo(URI.create("https://keys.example.org/pks/lookup?op=get&options=mr&search=0xAB"));
    }

    /** Long enough for a loaded build machine to respond to a local request in time. */
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private KeyServerClient client(URI uri, Path cache, int retries) {
        return new KeyServerClient(List.of(uri), cache, TIMEOUT, retries, Duration.ofMillis(10), log::add);
    }

    private URI serve(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().toString());
            handler.handle(exchange);
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @FunctionalInterface
    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }
}
