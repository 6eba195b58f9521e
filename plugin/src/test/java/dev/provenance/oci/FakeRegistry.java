package dev.provenance.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-memory distribution API on 127.0.0.1 for the cases the real registry cannot produce: the referrers API
 * (the Debian registry 2.8 lacks it), 5xx responses, slow responses and authentication failures.
 */
final class FakeRegistry implements AutoCloseable {

    private static final Pattern PATH = Pattern.compile("/v2/(.+)/(blobs|manifests|referrers)/(.*)");
    private static final ObjectMapper JSON = new ObjectMapper();

    final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
    final Map<String, String> manifestTypes = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();

    /** Serves the referrers API and returns OCI-Subject on subject pushes. */
    volatile boolean referrersApi;

    /** The number of requests that still get 503. */
    final AtomicInteger failuresLeft = new AtomicInteger();

    /** The number of requests still delayed by {@link #delayMillis}. */
    final AtomicInteger slowLeft = new AtomicInteger();

    volatile long delayMillis;

    /**
     * When set, requests need {@code Authorization: Bearer <token>}; the token service at {@code /token} issues the
     * token for HTTP Basic credentials {@code builder:secret}.
     */
    volatile String requiredToken;

    /** When set, every request gets this status. */
    volatile int forcedStatus;

    private final HttpServer server;

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            if (slowLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                Thread.sleep(delayMillis);
            }
            if (forcedStatus != 0) {
                respond(
                        exchange,
                        forcedStatus,
                        "{\"errors\":[{\"code\":\"DENIED\"}]}".getBytes(StandardCharsets.UTF_8),
                        null);
                return;
            }
            if (requiredToken != null && !authorized(exchange)) {
                return;
            }
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                respond(exchange, 503, new byte[0], null);
                return;
            }
            route(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Serves the token service and the 401 challenges, and returns whether the request may go on. */
    private boolean authorized(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (exchange.getRequestURI().getPath().equals("/token")) {
            String basic = "Basic "
                    + java.util.Base64.getEncoder().encodeToString("builder:secret".getBytes(StandardCharsets.UTF_8));
            boolean valid = basic.equals(authorization)
                    && exchange.getRequestURI().getQuery().contains("scope=repository:team/app:pull");
            respond(
                    exchange,
                    valid ? 200 : 401,
                    valid ? ("{\"token\":\"" + requiredToken + "\"}").getBytes(StandardCharsets.UTF_8) : new byte[0],
                    "application/json");
            return false;
        }
        if (("Bearer " + requiredToken).equals(authorization)) {
            return true;
        }
        exchange.getResponseHeaders()
                .add("WWW-Authenticate", "Bearer realm=\"http://" + address() + "/token\",service=\"fake\"");
        respond(exchange, 401, new byte[0], null);
        return false;
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (method.equals("POST") && path.endsWith("/blobs/uploads/")) {
            exchange.getResponseHeaders().add("Location", path + "session-1?state=x");
            respond(exchange, 202, new byte[0], null);
            return;
        }
        if (method.equals("PUT") && path.contains("/blobs/uploads/")) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String query = exchange.getRequestURI().getQuery();
            String digest = query.substring(query.indexOf("digest=") + 7);
            blobs.put(digest, body);
            respond(exchange, 201, new byte[0], null);
            return;
        }
        Matcher matcher = PATH.matcher(path);
        if (!matcher.matches()) {
            respond(exchange, 404, new byte[0], null);
            return;
        }
        String kind = matcher.group(2);
        String reference = matcher.group(3);
        switch (kind) {
            case "blobs" -> blob(exchange, method, reference);
            case "manifests" -> manifest(exchange, method, reference);
            default -> referrers(exchange, reference);
        }
    }

    private void blob(HttpExchange exchange, String method, String digest) throws IOException {
        byte[] blob = blobs.get(digest);
        if (blob == null) {
            respond(exchange, 404, new byte[0], null);
        } else {
            respond(exchange, 200, method.equals("HEAD") ? null : blob, "application/octet-stream");
        }
    }

    private void manifest(HttpExchange exchange, String method, String reference) throws IOException {
        if (method.equals("PUT")) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String digest = Digest.of(body).toString();
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            manifests.put(reference, body);
            manifests.put(digest, body);
            manifestTypes.put(reference, type);
            manifestTypes.put(digest, type);
            JsonNode subject = JSON.readTree(body).path("subject");
            if (referrersApi && subject.isObject()) {
                exchange.getResponseHeaders()
                        .add("OCI-Subject", subject.path("digest").asText());
            }
            exchange.getResponseHeaders().add("Docker-Content-Digest", digest);
            respond(exchange, 201, new byte[0], null);
            return;
        }
        byte[] manifest = manifests.get(reference);
        if (manifest == null) {
            respond(exchange, 404, new byte[0], null);
            return;
        }
        exchange.getResponseHeaders()
                .add("Docker-Content-Digest", Digest.of(manifest).toString());
        exchange.getResponseHeaders().add("Content-Length", String.valueOf(manifest.length));
        respond(exchange, 200, method.equals("HEAD") ? null : manifest, manifestTypes.get(reference));
    }

    private void referrers(HttpExchange exchange, String subject) throws IOException {
        if (!referrersApi) {
            respond(
                    exchange,
                    404,
                    "{\"errors\":[{\"code\":\"NAME_UNKNOWN\"}]}".getBytes(StandardCharsets.UTF_8),
                    "application/json");
            return;
        }
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode entries = index.putArray("manifests");
        for (Map.Entry<String, byte[]> entry : manifests.entrySet()) {
            JsonNode manifest = JSON.readTree(entry.getValue());
            if (entry.getKey().startsWith("sha256:")
                    && subject.equals(manifest.path("subject").path("digest").asText())) {
                ObjectNode descriptor = entries.addObject();
                descriptor.put("mediaType", MediaTypes.OCI_MANIFEST);
                descriptor.put("digest", entry.getKey());
                descriptor.put("size", entry.getValue().length);
                descriptor.put("artifactType", manifest.path("artifactType").asText());
                descriptor.set("annotations", manifest.path("annotations"));
            }
        }
        respond(exchange, 200, JSON.writeValueAsBytes(index), MediaTypes.OCI_INDEX);
    }

    private static void respond(HttpExchange exchange, int status, byte[] body, String type) throws IOException {
        if (type != null) {
            exchange.getResponseHeaders().add("Content-Type", type);
        }
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }
}
