package dev.provenance.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's SKS keyserver ({@code sks db}) serving HKP on a free port of 127.0.0.1, with an empty key database in a
 * temporary folder.
 *
 * <p>Debian's build of SKS (bookworm, 1.1.6+git20210302) puts {@code -basedir} in front of its compiled-in absolute
 * paths, so the folder gets the layout {@code etc/sks/sksconf}, {@code var/lib/sks/DB} and so on.
 */
final class SksKeyServer implements AutoCloseable {

    private static final Path SKS = Path.of("/usr/sbin/sks");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path directory;
    private final int port;
    private Process process;

    private SksKeyServer(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** Builds an empty key database under {@code parent} and starts the HKP server on a free loopback port. */
    static SksKeyServer start(Path parent) throws IOException, InterruptedException {
        if (!Files.isExecutable(SKS)) {
            throw new IllegalStateException(SKS + " is missing; install the Debian package sks (.ci/run does)");
        }
        Path directory = Files.createTempDirectory(parent, "sks");
        for (String folder : List.of("etc/sks", "var/lib/sks", "var/log/sks", "var/run/sks", "var/spool/sks")) {
            Files.createDirectories(directory.resolve(folder));
        }
        int port = freePort();
        Files.writeString(directory.resolve("etc/sks/sksconf"), """
                hkp_address: 127.0.0.1
                hkp_port: %d
                recon_address: 127.0.0.1
                recon_port: %d
                """.formatted(port, freePort()));
        Files.writeString(directory.resolve("etc/sks/membership"), "");

        // "sks build" with no dump files creates the empty database that "sks db" opens.
        Process build = new ProcessBuilder(
                        SKS.toString(),
                        "build",
                        "-basedir",
                        directory.toString(),
                        "-stdoutlog",
                        "-n",
                        "1",
                        "-cache",
                        "10")
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("build.log").toFile())
                .start();
        if (!build.waitFor(60, TimeUnit.SECONDS) || build.exitValue() != 0) {
            build.destroyForcibly();
            throw new IllegalStateException(
                    "sks build failed in " + directory + ":\n" + Files.readString(directory.resolve("build.log")));
        }

        SksKeyServer server = new SksKeyServer(directory, port);
        server.startDatabase();
        return server;
    }

    /** Starts {@code sks db} on the same database and port, after {@link #stop()}. */
    void startDatabase() throws IOException, InterruptedException {
        process = new ProcessBuilder(SKS.toString(), "db", "-basedir", directory.toString(), "-stdoutlog")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                break;
            }
            try {
                lookup("0x0000000000000000");
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        stop();
        throw new IllegalStateException("sks db did not start on 127.0.0.1:" + port + ":\n" + Files.readString(log()));
    }

    int port() {
        return port;
    }

    /** Returns the server's address as a policy names it: {@code hkp://127.0.0.1:<port>}. */
    URI uri() {
        return URI.create("hkp://127.0.0.1:" + port);
    }

    /** Returns the log of {@code sks db}. */
    Path log() {
        return directory.resolve("db.log");
    }

    /** Sends a machine-readable key lookup ({@code op=get&options=mr}) and returns the response. */
    HttpResponse<String> lookup(String search) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + "/pks/lookup?op=get&options=mr&search=" + search);
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Uploads armored keys with an HKP {@code POST /pks/add}, the request {@code gpg --send-keys} makes. SKS stores
     * the packets without checking their signatures.
     */
    void add(String armoredKeys) throws IOException, InterruptedException {
        String form = "keytext=" + URLEncoder.encode(armoredKeys, StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/pks/add"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "sks rejected the upload with HTTP status " + response.statusCode() + ":\n" + response.body());
        }
    }

    /** Waits until a lookup of the fingerprint returns the key, as SKS applies an upload after it responds. */
    void awaitKey(String fingerprint) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (lookup("0x" + fingerprint).statusCode() == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(
                "sks on port " + port + " did not return key " + fingerprint + ":\n" + Files.readString(log()));
    }

    /** Stops {@code sks db}; the database stays, so {@link #startDatabase()} can serve it again. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** Returns a port that was free a moment ago; another process may take it before the server binds it. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
