package dev.provenance.openpgp;

import dev.provenance.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;

/**
 * Fetches public keys from HKP or HKPS keyservers ({@code GET /pks/lookup?op=get&options=mr&search=0x...}). Found keys are cached on disk, servers are tried in order, and each request
 * has a timeout and bounded retries. "Not found" is a result, while a timeout or server error is a failure, so the
 * caller can tell a missing key from an unreachable server.
 *
 * <p>A response counts only if it contains the requested key, with the requested fingerprint when the caller knows it,
 * and only that certificate is cached. HKPS trusts the certificates that the JVM's default trust store trusts
 * ({@code javax.net.ssl.trustStore}).
 */
public final class KeyServerClient implements KeyLookup {

    private static final int MAX_KEY_BYTES = 1024 * 1024;

    private final List<URI> servers;
    private final Path cache;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, Lookup> lookups = new ConcurrentHashMap<>();
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

    /**
     * Finds a key, asking the servers once per client. A jar and its POM, signed by one key, are checked at the same
     * time, so concurrent lookups of a key wait for the first, and later ones reuse its result or failure.
     */
    @Override
    public Optional<PGPPublicKeyRing> find(long keyId, Fingerprint fingerprint) throws KeyFetchException {
        String search = fingerprint != null
                ? fingerprint.hex()
                : HexFormat.of().withUpperCase().toHexDigits(keyId);
        synchronized (locks.computeIfAbsent(search, k -> new Object())) {
            Lookup lookup = lookups.get(search);
            if (lookup == null) {
                try {
                    lookup = new Lookup(lookup(search, keyId, fingerprint), null);
                } catch (KeyFetchException e) {
                    lookup = new Lookup(Optional.empty(), e);
                }
                lookups.put(search, lookup);
            }
            if (lookup.failure() != null) {
                throw new KeyFetchException(lookup.failure().getMessage(), lookup.failure());
            }
            return lookup.ring();
        }
    }

    /** The result of one key's lookup: the key, none found, or the failure. */
    private record Lookup(Optional<PGPPublicKeyRing> ring, KeyFetchException failure) {}

    private Optional<PGPPublicKeyRing> lookup(String search, long keyId, Fingerprint fingerprint)
            throws KeyFetchException {
        Optional<PGPPublicKeyRing> cached = fromCache(search, keyId, fingerprint);
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
                PGPPublicKeyRing ring = ringWithKey(key.get(), keyId, fingerprint, search, server);
                store(search, ring);
                return Optional.of(ring);
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
            } catch (SSLException e) {
                failure = tlsFailure(e);
                if (certificateRejected(e)) {
                    // The same certificate is rejected again on a retry.
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

    /**
     * Returns the certificate in a server's response that contains the requested key. The key id must match, and so
     * must the fingerprint when the signature names one, so a response with other keys only is a failure.
     */
    private static PGPPublicKeyRing ringWithKey(
            byte[] body, long keyId, Fingerprint fingerprint, String search, URI server) throws KeyFetchException {
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

        List<PGPPublicKeyRing> candidates =
                rings.stream().filter(r -> containsKey(r, keyId, fingerprint)).toList();
        if (candidates.isEmpty()) {
            List<String> returned = rings.stream()
                    .map(r -> Fingerprint.of(r.getPublicKey().getFingerprint()).hex())
                    .toList();
            throw new KeyFetchException(server + " returned " + rings.size() + (rings.size() == 1 ? " key" : " keys")
                    + (returned.isEmpty() ? "" : " " + returned) + " for the request of key " + search
                    + ", none of which contains the requested key");
        }

        // A keyserver that checks no signatures can return other certificates that carry the same subkey, so prefer
        // the one whose primary key validly binds it. NOTE: validity is judged now, not at the signature's time, so
        // when no candidate is valid now the first one is used and the signature check reports why.
        return candidates.stream()
                .filter(r -> KeyValidity.check(r, r.getPublicKey(keyId), new Date(), new StringBuilder()) == null)
                .findFirst()
                .orElse(candidates.get(0));
    }

    /** Returns whether a certificate contains the key with that key id and, when known, that fingerprint. */
    private static boolean containsKey(PGPPublicKeyRing ring, long keyId, Fingerprint fingerprint) {
        PGPPublicKey key = ring.getPublicKey(keyId);
        return key != null
                && (fingerprint == null || Fingerprint.of(key.getFingerprint()).equals(fingerprint));
    }

    private static boolean certificateRejected(SSLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException
                    || cause instanceof CertPathBuilderException
                    || cause instanceof CertPathValidatorException) {
                return true;
            }
        }
        return false;
    }

    /** Describes a TLS failure, with how to trust a private certificate authority when the certificate is untrusted. */
    private static String tlsFailure(SSLException e) {
        String failure = "TLS handshake failed: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException) {
                return failure + "; the JVM does not trust the server's certificate. If a private certificate"
                        + " authority issued it, import that CA into a copy of the JDK's cacerts with keytool and"
                        + " start Maven with MAVEN_OPTS=\"-Djavax.net.ssl.trustStore=<that file>"
                        + " -Djavax.net.ssl.trustStorePassword=<its password>\"";
            }
        }
        return failure;
    }

    /** Returns the lookup URL for a server; {@code hkp} means HTTP on port 11371 and {@code hkps} means HTTPS. */
    static URI lookupUri(URI server, String search) {
        String scheme = server.getScheme().toLowerCase(Locale.ROOT);
        String httpScheme = scheme.equals("hkp") || scheme.equals("http") ? "http" : "https";
        int port = server.getPort() != -1 ? server.getPort() : scheme.equals("hkp") ? 11371 : -1;
        String authority = server.getHost() + (port == -1 ? "" : ":" + port);
        return URI.create(httpScheme + "://" + authority + "/pks/lookup?op=get&options=mr&search=0x" + search);
    }

    private Optional<PGPPublicKeyRing> fromCache(String search, long keyId, Fingerprint fingerprint) {
        if (cache == null || !Files.isRegularFile(cache.resolve(search + ".asc"))) {
            return Optional.empty();
        }
        try {
            return PublicKeys.parse(Files.readAllBytes(cache.resolve(search + ".asc"))).stream()
                    .filter(ring -> containsKey(ring, keyId, fingerprint))
                    .findFirst();
        } catch (IOException | PGPException | RuntimeException e) {
            // A damaged entry is a miss, and the fetch that follows replaces it.
            return Optional.empty();
        }
    }

    /** Caches the accepted certificate alone, armored, so other keys in the server's response are not kept. */
    private void store(String search, PGPPublicKeyRing ring) {
        if (cache == null) {
            return;
        }
        try {
            ByteArrayOutputStream armored = new ByteArrayOutputStream();
            try (ArmoredOutputStream out = new ArmoredOutputStream(armored)) {
                ring.encode(out);
            }
            AtomicFiles.write(cache.resolve(search + ".asc"), armored.toByteArray());
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
