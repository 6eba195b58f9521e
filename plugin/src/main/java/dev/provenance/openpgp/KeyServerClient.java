package dev.provenance.openpgp;

import dev.provenance.io.AtomicFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKeyRing;

/**
 * Fetches public keys from HKP or HKPS keyservers ({@code GET /pks/lookup?op=get&options=mr&search=0x...}). Found keys are cached on disk, servers are tried in order, and each request
 * has a timeout and bounded retries. "Not found" is a result, while a timeout or server error is a failure, so the
 * caller can tell a missing key from an unreachable server.
 */
public final class KeyServerClient implements KeyLookup {

    private static final int MAX_KEY_BYTES = 1024 * 1024;

    private final List<URI> servers;
    private final Path cache;
    private final Duration timeout;
    private final int retries;
    private final Duration backoff;
    private final Consumer<String> log;
    private final HttpClient http;

    /**
     * @param servers the keyservers, as {@code hkp://}, {@code hkps://}, {@code http://} or {@code https://} URLs
     * @param cache the folder for fetched keys, or null to fetch every time
     * @param timeout the connect timeout and the response timeout of each attempt
     * @param retries how many times to repeat an attempt that timed out or got a 5xx status
     * @param backoff the wait before the first retry; it doubles for each further retry
     * @param log receives one line per retry and per failure
     */
    public KeyServerClient(
            List<URI> servers, Path cache, Duration timeout, int retries, Duration backoff, Consumer<String> log) {
        this.servers = List.copyOf(servers);
        this.cache = cache;
        this.timeout = timeout;
        this.retries = retries;
        this.backoff = backoff;
        this.log = log;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public Optional<PGPPublicKeyRing> find(long keyId, Fingerprint fingerprint) throws KeyFetchException {
        String search = fingerprint != null
                ? fingerprint.hex()
                : HexFormat.of().withUpperCase().toHexDigits(keyId);
        Optional<PGPPublicKeyRing> cached = fromCache(search, keyId);
        if (cached.isPresent()) {
            return cached;
        }

        // Try each server in turn. A "not found" response settles the lookup, and a failure moves on to the next
        // server.
        KeyFetchException lastFailure = null;
        for (URI server : servers) {
            try {
                Optional<byte[]> key = fetch(server, search);
                if (key.isEmpty()) {
                    return Optional.empty();
                }
                Optional<PGPPublicKeyRing> ring = ringWithKey(key.get(), keyId, server);
                if (ring.isPresent()) {
                    store(search, key.get());
                }
                return ring;
            } catch (KeyFetchException e) {
                log.accept(e.getMessage());
                lastFailure = e;
            }
        }
        throw lastFailure != null ? lastFailure : new KeyFetchException("no keyserver is configured");
    }

    private Optional<byte[]> fetch(URI server, String search) throws KeyFetchException {
        URI uri = lookupUri(server, search);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        String failure = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                log.accept("Retrying " + uri + " (attempt " + (attempt + 1) + " of " + (retries + 1) + ") after: "
                        + failure);
                sleep(backoff.multipliedBy(1L << (attempt - 1)));
            }
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status == 200) {
                    return Optional.of(response.body());
                }
                if (status == 404) {
                    return Optional.empty();
                }
                failure = "HTTP status " + status;
                if (status < 500) {
                    break;
                }
            } catch (IOException e) {
                failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KeyFetchException("interrupted while fetching key " + search + " from " + uri, e);
            }
        }
        throw new KeyFetchException("fetching key " + search + " from " + uri + " failed: " + failure);
    }

    private static Optional<PGPPublicKeyRing> ringWithKey(byte[] body, long keyId, URI server)
            throws KeyFetchException {
        if (body.length > MAX_KEY_BYTES) {
            throw new KeyFetchException(server + " returned " + body.length + " bytes for one key, more than the"
                    + " limit of " + MAX_KEY_BYTES);
        }
        List<PGPPublicKeyRing> rings;
        try {
            rings = PublicKeys.parse(body);
        } catch (IOException | PGPException | RuntimeException e) {
            throw new KeyFetchException(
                    server + " returned data that is not an OpenPGP key: " + DetachedSignatures.describe(e), e);
        }

        // A response with no key, or with other keys only, does not fulfil the request.
        Optional<PGPPublicKeyRing> ring =
                rings.stream().filter(r -> r.getPublicKey(keyId) != null).findFirst();
        if (ring.isEmpty()) {
            throw new KeyFetchException(server + " returned " + rings.size() + " keys for the request of key "
                    + HexFormat.of().withUpperCase().toHexDigits(keyId) + ", none of which is the requested one");
        }
        return ring;
    }

    /** Returns the lookup URL for a server; {@code hkp} means HTTP on port 11371 and {@code hkps} means HTTPS. */
    static URI lookupUri(URI server, String search) {
        String scheme = server.getScheme().toLowerCase(Locale.ROOT);
        String httpScheme = scheme.equals("hkp") || scheme.equals("http") ? "http" : "https";
        int port = server.getPort() != -1 ? server.getPort() : scheme.equals("hkp") ? 11371 : -1;
        String authority = server.getHost() + (port == -1 ? "" : ":" + port);
        return URI.create(httpScheme + "://" + authority + "/pks/lookup?op=get&options=mr&search=0x" + search);
    }

    private Optional<PGPPublicKeyRing> fromCache(String search, long keyId) {
        if (cache == null || !Files.isRegularFile(cache.resolve(search + ".asc"))) {
            return Optional.empty();
        }
        try {
            return PublicKeys.parse(Files.readAllBytes(cache.resolve(search + ".asc"))).stream()
                    .filter(ring -> ring.getPublicKey(keyId) != null)
                    .findFirst();
        } catch (IOException | PGPException | RuntimeException e) {
            // A damaged entry is a miss, and the fetch that follows replaces it.
            return Optional.empty();
        }
    }

    private void store(String search, byte[] key) {
        if (cache == null) {
            return;
        }
        try {
            AtomicFiles.write(cache.resolve(search + ".asc"), key);
        } catch (IOException e) {
            log.accept("Could not cache key " + search + " in " + cache + ": " + e.getMessage());
        }
    }

    private static void sleep(Duration duration) throws KeyFetchException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeyFetchException("interrupted while waiting to retry a keyserver", e);
        }
    }
}
