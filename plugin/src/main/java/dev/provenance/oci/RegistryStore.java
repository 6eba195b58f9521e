package dev.provenance.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One repository of a registry, through the OCI distribution API v1.1 (distribution-spec v1.1.1, spec.md).
 *
 * <p>Requests retry with exponential backoff on 5xx responses, 429 and timeouts. A 401 response is retried once with
 * the authentication its challenge names: HTTP Basic, or a bearer token from the realm (the Docker registry token
 * protocol), with the configured credentials. 401 and 403 after that, and unexpected 4xx, fail with a message naming the request.
 */
public final class RegistryStore implements OciStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    /**
     * How to reach the registry.
     *
     * @param plainHttp whether to use HTTP instead of HTTPS
     * @param credentials the credentials, when the registry needs them
     * @param timeout the timeout of each request
     * @param maxAttempts how often a request is sent before failing on 5xx or timeouts
     * @param backoff the wait before the second attempt; it doubles on each further attempt
     * @param log receives one line per retry, for warnings
     */
    public record Options(
            boolean plainHttp,
            Optional<RegistryCredentials> credentials,
            Duration timeout,
            int maxAttempts,
            Duration backoff,
            Consumer<String> log) {}

    private final ImageReference image;
    private final Options options;
    private final HttpClient http;
    private final String base;
    private volatile String authorization;

    public RegistryStore(ImageReference image, Options options) {
        this.image = image;
        this.options = options;
        // NOTE: redirects (registries that serve blobs from object storage) are followed with the same headers,
        // including Authorization; no test covers a redirect to another host.
        this.http = HttpClient.newBuilder()
                .connectTimeout(options.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.base = (options.plainHttp() ? "http://" : "https://") + image.apiHost() + "/v2/" + image.repository();
    }

    @Override
    public String describe() {
        return image.name();
    }

    /**
     * Returns the descriptor of the manifest {@code reference} names, from a HEAD request.
     *
     * @throws RegistryException when the manifest does not exist
     */
    public Descriptor describe(String reference) throws IOException {
        HttpResponse<byte[]> response = send(
                "HEAD", base + "/manifests/" + reference, Map.of("Accept", MediaTypes.MANIFEST_ACCEPT), null, "pull");
        if (response.statusCode() == 404) {
            throw new RegistryException(
                    "the image " + image.name() + ":" + reference + " was not found in the registry;"
                            + " push it first, for example with jib:build",
                    404);
        }
        expect(response, 200, "HEAD manifest " + reference);
        Optional<String> digest = response.headers().firstValue("Docker-Content-Digest");
        Optional<String> length = response.headers().firstValue("Content-Length");
        Optional<String> mediaType = imageMediaType(response.headers().firstValue("Content-Type"));
        if (digest.isEmpty() || length.isEmpty() || mediaType.isEmpty()) {

            // A HEAD response may lack these headers or carry a Content-Type that is no manifest type, and then the
            // manifest itself gives all three. The media type matters because referrers copy it into their subject,
            // and a manifest list labelled as an image manifest would mislead a verifier that reads the subject.
            Manifest manifest = manifest(reference).orElseThrow();
            return manifest.descriptor();
        }
        return new Descriptor(
                mediaType.get(), Digest.parse(digest.get()), Long.parseLong(length.get()), Optional.empty(), Map.of());
    }

    /** Returns the header's media type without parameters, when it is a manifest or index type. */
    private static Optional<String> imageMediaType(Optional<String> contentType) {
        return contentType.map(value -> value.split(";", 2)[0].trim()).filter(MediaTypes.IMAGE_TYPES::contains);
    }

    @Override
    public void putBlob(byte[] bytes) throws IOException {
        Digest digest = Digest.of(bytes);
        HttpResponse<byte[]> head = send("HEAD", base + "/blobs/" + digest, Map.of(), null, "pull,push");
        if (head.statusCode() == 200) {
            return;
        }

        // Monolithic upload: POST opens a session, PUT with the digest closes it (spec.md, "Pushing a blob
        // monolithically").
        HttpResponse<byte[]> start = send("POST", base + "/blobs/uploads/", Map.of(), new byte[0], "pull,push");
        expect(start, 202, "POST blob upload");
        String location = start.headers()
                .firstValue("Location")
                .orElseThrow(() -> new RegistryException(
                        "the registry " + image.registry() + " started an upload without a Location header", 202));
        URI upload = URI.create(base).resolve(location);
        String separator = upload.getQuery() == null ? "?" : "&";
        String target = upload + separator + "digest=" + URLEncoder.encode(digest.toString(), StandardCharsets.UTF_8);
        HttpResponse<byte[]> put =
                send("PUT", target, Map.of("Content-Type", "application/octet-stream"), bytes, "pull,push");
        expect(put, 201, "PUT blob " + digest);
    }

    @Override
    public byte[] blob(Digest digest) throws IOException {
        HttpResponse<byte[]> response = send("GET", base + "/blobs/" + digest, Map.of(), null, "pull");
        expect(response, 200, "GET blob " + digest);
        if (!Digest.of(response.body()).equals(digest)) {
            throw new RegistryException("the registry returned a blob that does not match its digest " + digest, 200);
        }
        return response.body();
    }

    @Override
    public Optional<Manifest> manifest(String reference) throws IOException {
        HttpResponse<byte[]> response = send(
                "GET", base + "/manifests/" + reference, Map.of("Accept", MediaTypes.MANIFEST_ACCEPT), null, "pull");
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expect(response, 200, "GET manifest " + reference);
        Digest digest = Digest.of(response.body());
        if (reference.startsWith("sha256:") && !digest.toString().equals(reference)) {
            throw new RegistryException(
                    "the registry returned a manifest whose digest " + digest + " differs from the" + " requested "
                            + reference,
                    200);
        }
        Optional<String> contentType = response.headers().firstValue("Content-Type");
        String mediaType = imageMediaType(contentType)
                .or(() -> Optional.of(
                                Manifest.json(response.body()).path("mediaType").asText(""))
                        .filter(type -> !type.isEmpty()))
                .orElse(contentType.orElse(""));
        return Optional.of(new Manifest(
                response.body(), mediaType, digest, response.headers().firstValue("ETag")));
    }

    @Override
    public boolean putManifest(String reference, byte[] bytes, String mediaType, Optional<String> ifMatch)
            throws IOException {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", mediaType);
        ifMatch.ifPresent(etag -> headers.put("If-Match", etag));
        HttpResponse<byte[]> response = send("PUT", base + "/manifests/" + reference, headers, bytes, "pull,push");
        if (response.statusCode() == 412) {
            throw new RegistryException("the tag " + reference + " changed while it was updated (412); retry", 412);
        }
        expect(response, 201, "PUT manifest " + reference);
        return response.headers().firstValue("OCI-Subject").isPresent();
    }

    @Override
    public Optional<byte[]> referrers(Digest subject) throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        String url = base + "/referrers/" + subject;
        while (url != null) {
            HttpResponse<byte[]> response = send("GET", url, Map.of("Accept", MediaTypes.OCI_INDEX), null, "pull");
            String type = response.headers().firstValue("Content-Type").orElse("");

            // 404, 400, 406, or a 200 that is not an index, mean the registry has no referrers API (ggcr and oras-go
            // read it the same way).
            if (response.statusCode() != 200 || !type.startsWith(MediaTypes.OCI_INDEX)) {
                return Optional.empty();
            }
            Manifest.json(response.body()).path("manifests").forEach(entries::add);
            url = nextLink(response, url);
        }
        var index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        index.putArray("manifests").addAll(entries);
        return Optional.of(AttestationManifests.bytes(index));
    }

    private static String nextLink(HttpResponse<byte[]> response, String current) {
        Optional<String> link = response.headers().firstValue("Link");
        if (link.isEmpty() || !link.get().contains("rel=\"next\"")) {
            return null;
        }
        String target =
                link.get().substring(link.get().indexOf('<') + 1, link.get().indexOf('>'));
        return URI.create(current).resolve(target).toString();
    }

    private void expect(HttpResponse<byte[]> response, int status, String request) throws RegistryException {
        int actual = response.statusCode();
        if (actual == status || (status == 201 && actual == 200) || (status == 202 && actual == 201)) {
            return;
        }
        String where = request + " on " + image.name();
        String body = new String(response.body(), StandardCharsets.UTF_8);
        String detail = body.length() > 300 ? body.substring(0, 300) + "…" : body;
        throw switch (actual) {
            case 401 ->
                new RegistryException(
                        "authentication failed: " + where + " returned 401 Unauthorized; set the"
                                + " credentials for " + image.registry() + " in a settings.xml <server> with id "
                                + image.registry() + " or in the Docker config file",
                        401);
            case 403 ->
                new RegistryException(
                        "access denied: " + where + " returned 403 Forbidden; the credentials" + " for "
                                + image.registry() + " lack push or pull permission on " + image.repository(),
                        403);
            case 404 ->
                new RegistryException(
                        "not found: " + where + " returned 404; check the repository name " + image.repository()
                                + " and that the image was pushed",
                        404);
            default -> new RegistryException(where + " returned HTTP " + actual + ": " + detail, actual);
        };
    }

    /** Sends a request, authenticating once on a 401 challenge and retrying on 5xx, 429 and timeouts. */
    private HttpResponse<byte[]> send(String method, String url, Map<String, String> headers, byte[] body, String scope)
            throws IOException {
        HttpResponse<byte[]> response = sendWithRetries(method, url, headers, body);
        if (response.statusCode() == 401) {
            Optional<String> answer = authorize(response, scope);
            if (answer.isPresent()) {
                authorization = answer.get();
                response = sendWithRetries(method, url, headers, body);
            }
        }
        return response;
    }

    private HttpResponse<byte[]> sendWithRetries(String method, String url, Map<String, String> headers, byte[] body)
            throws IOException {
        Duration wait = options.backoff();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<byte[]> response =
                        http.send(request(method, url, headers, body), HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if ((status < 500 && status != 429) || attempt >= options.maxAttempts()) {
                    return response;
                }
                options.log()
                        .accept(method + " " + url + " returned HTTP " + status + "; retrying in " + wait.toMillis()
                                + " ms (attempt " + attempt + " of " + options.maxAttempts() + ")");
            } catch (HttpTimeoutException e) {
                if (attempt >= options.maxAttempts()) {
                    throw new RegistryException(
                            method + " " + url + " timed out after " + options.maxAttempts()
                                    + " attempts of " + options.timeout().toSeconds() + " s; check that the registry "
                                    + image.registry() + " is reachable",
                            0);
                }
                options.log()
                        .accept(method + " " + url + " timed out; retrying in " + wait.toMillis() + " ms (attempt "
                                + attempt + " of " + options.maxAttempts() + ")");
            } catch (java.net.ConnectException e) {
                throw new RegistryException(
                        "could not connect to the registry " + image.registry() + " (" + url + "): " + e.getMessage()
                                + "; check the image reference and that the registry runs",
                        0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while calling " + url, e);
            }
            sleep(wait);
            wait = wait.multipliedBy(2);
        }
    }

    private HttpRequest request(String method, String url, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(options.timeout());
        headers.forEach(builder::header);
        String current = authorization;
        if (current != null) {
            builder.header("Authorization", current);
        }
        HttpRequest.BodyPublisher publisher =
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
        return builder.method(method, publisher).build();
    }

    /** Returns the Authorization header value for the challenge in a 401 response, when one can be made. */
    private Optional<String> authorize(HttpResponse<byte[]> response, String scope) throws IOException {
        String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
        Optional<RegistryCredentials> credentials = options.credentials();
        if (challenge.toLowerCase(Locale.ROOT).startsWith("basic")) {
            return credentials.map(c -> "Basic " + basic(c));
        }
        if (!challenge.toLowerCase(Locale.ROOT).startsWith("bearer")) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        Matcher matcher = CHALLENGE_PARAM.matcher(challenge);
        while (matcher.find()) {
            params.put(matcher.group(1), matcher.group(2));
        }
        String realm = params.get("realm");
        if (realm == null) {
            return Optional.empty();
        }
        return fetchToken(realm, params.getOrDefault("service", ""), "repository:" + image.repository() + ":" + scope);
    }

    /** Fetches a bearer token for {@code scope} from the token service {@code realm} (Docker registry token protocol). */
    private Optional<String> fetchToken(String realm, String service, String scope) throws IOException {
        String url = realm + "?service=" + URLEncoder.encode(service, StandardCharsets.UTF_8) + "&scope="
                + URLEncoder.encode(scope, StandardCharsets.UTF_8);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(options.timeout())
                .GET();
        options.credentials().ifPresent(c -> builder.header("Authorization", "Basic " + basic(c)));
        try {
            HttpResponse<byte[]> token = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (token.statusCode() != 200) {
                throw new RegistryException(
                        "authentication failed: the token service " + realm + " returned HTTP " + token.statusCode()
                                + " for " + scope + "; check the credentials for " + image.registry(),
                        token.statusCode());
            }

            // Token services return the token as "token" or, following OAuth 2, as "access_token".
            JsonNode json = JSON.readTree(token.body());
            String value = json.path("token").asText(json.path("access_token").asText(""));
            return value.isEmpty() ? Optional.empty() : Optional.of("Bearer " + value);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching a registry token", e);
        }
    }

    private static String basic(RegistryCredentials credentials) {
        String pair = credentials.username() + ":" + credentials.password();
        return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static void sleep(Duration wait) throws IOException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to retry", e);
        }
    }
}
