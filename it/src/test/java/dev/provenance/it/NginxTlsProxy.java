package dev.provenance.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx on a free port of 127.0.0.1, serving HTTPS with a throwaway self-signed certificate that openssl makes
 * for the IP address 127.0.0.1, and passing {@code /pks/} requests to an HKP server: an HKPS keyserver.
 */
final class NginxTlsProxy implements AutoCloseable {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");

    private final Path directory;
    private final int port;
    private final Process process;

    private NginxTlsProxy(Path directory, int port, Process process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
    }

    /** Makes a certificate under {@code parent} and starts nginx in front of the HKP server on {@code upstreamPort}. */
    static NginxTlsProxy start(Path parent, int upstreamPort) throws IOException, InterruptedException {
        if (!Files.isExecutable(NGINX)) {
            throw new IllegalStateException(
                    NGINX + " is missing; install the Debian package nginx-light (.ci/run does)");
        }
        Path directory = Files.createTempDirectory(parent, "nginx");
        run(
                directory,
                List.of(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-days",
                        "2",
                        "-subj",
                        "/CN=127.0.0.1",
                        "-addext",
                        "subjectAltName=IP:127.0.0.1",
                        "-keyout",
                        directory.resolve("key.pem").toString(),
                        "-out",
                        directory.resolve("certificate.pem").toString()));

        int port = SksKeyServer.freePort();
        Path config = Files.writeString(directory.resolve("nginx.conf"), """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 64; }
                http {
                  access_log %1$s/access.log;
                  client_body_temp_path %1$s/client_body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  server {
                    listen 127.0.0.1:%2$d ssl;
                    ssl_certificate %1$s/certificate.pem;
                    ssl_certificate_key %1$s/key.pem;
                    location /pks/ {
                      proxy_pass http://127.0.0.1:%3$d;
                    }
                  }
                }
                """.formatted(directory, port, upstreamPort));
        Process process = new ProcessBuilder(
                        NGINX.toString(),
                        "-p",
                        directory.toString(),
                        "-e",
                        directory.resolve("error.log").toString(),
                        "-c",
                        config.toString(),
                        "-g",
                        "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("nginx.log").toFile())
                .start();
        NginxTlsProxy proxy = new NginxTlsProxy(directory, port, process);
        proxy.awaitListening();
        return proxy;
    }

    /** Returns the server's address as a policy names it: {@code hkps://127.0.0.1:<port>}. */
    URI uri() {
        return URI.create("hkps://127.0.0.1:" + port);
    }

    /** Returns the PEM file of the self-signed certificate. */
    Path certificate() {
        return directory.resolve("certificate.pem");
    }

    /** Returns the request lines that nginx logged, one per request. */
    List<String> accessLog() throws IOException {
        Path log = directory.resolve("access.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /**
     * Writes a copy of this JDK's {@code cacerts} with the certificate added, as a user adds a private CA, and returns
     * it. The store's password is {@code changeit}, the JDK's default.
     */
    Path trustStore() throws IOException, InterruptedException {
        Path store = directory.resolve("truststore.p12");
        Files.copy(Path.of(System.getProperty("java.home"), "lib", "security", "cacerts"), store);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        run(
                directory,
                List.of(
                        keytool.toString(),
                        "-importcert",
                        "-noprompt",
                        "-alias",
                        "test-keyserver",
                        "-file",
                        certificate().toString(),
                        "-keystore",
                        store.toString(),
                        "-storepass",
                        "changeit"));
        return store;
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IllegalStateException("nginx did not start on 127.0.0.1:" + port + ":\n"
                + Files.readString(directory.resolve("nginx.log")) + readIfExists(directory.resolve("error.log")));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String readIfExists(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static void run(Path directory, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("command failed: " + String.join(" ", command) + "\n" + output);
        }
    }
}
