package dev.baton.alerts;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Alertmanager ({@code prometheus-alertmanager}) on a loopback port with its own config and
 * storage, run as a child of the test, no cluster. Missing the binary fails the test: .ci/run installs it.
 * Alerts are posted to it as Prometheus would ({@code POST /api/v2/alerts}).
 */
public final class AlertmanagerServer implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

    /** Groups by alert name and namespace; a critical alert inhibits warnings in the same namespace. */
    public static final String CONFIG = """
            route:
              receiver: nobody
              group_by: [alertname, namespace]
              group_wait: 0s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: nobody
            inhibit_rules:
              - source_matchers: [severity="critical"]
                target_matchers: [severity="warning"]
                equal: [namespace]
            """;

    private final Path directory;
    private final Process process;
    private final URI url;
    private final String basicAuth;
    private final HttpClient http = HttpClient.newHttpClient();

    private AlertmanagerServer(Path directory, Process process, URI url, String basicAuth) {
        this.directory = directory;
        this.process = process;
        this.url = url;
        this.basicAuth = basicAuth;
    }

    public static AlertmanagerServer start(Path directory) throws Exception {
        return start(directory, null, null);
    }

    /**
     * @param webConfig an exporter-toolkit web config (e.g. basic_auth_users) or null
     * @param basicAuth "user:password" the helper itself uses, or null
     */
    public static AlertmanagerServer start(Path directory, String webConfig, String basicAuth) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install prometheus-alertmanager (.ci/run does: "
                    + "apt-get install -y prometheus-alertmanager)");
        }
        Files.createDirectories(directory.resolve("data"));
        Path config = Files.writeString(directory.resolve("alertmanager.yml"), CONFIG);
        int port = freePort();
        var command = new java.util.ArrayList<>(java.util.List.of(BINARY.toString(),
                "--config.file=" + config,
                "--storage.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=",
                "--log.level=warn"));
        if (webConfig != null) {
            command.add("--web.config.file=" + Files.writeString(directory.resolve("web.yml"), webConfig));
        }
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("alertmanager.log").toFile())
                .start();
        AlertmanagerServer server = new AlertmanagerServer(directory, process, URI.create("http://127.0.0.1:" + port),
                basicAuth);
        server.awaitReady();
        return server;
    }

    public URI url() {
        return url;
    }

    public String log() throws IOException {
        return Files.readString(directory.resolve("alertmanager.log"), StandardCharsets.UTF_8);
    }

    /** Posts alerts as Prometheus does: a JSON list of {labels, annotations, startsAt, generatorURL}. */
    public void post(String alertsJson) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(url.resolve("/api/v2/alerts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(alertsJson)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Alertmanager refused the alerts: " + response.statusCode() + " "
                    + response.body());
        }
    }

    /** A GET on Alertmanager's own API, to check what Baton did against it. */
    public String get(String path) throws Exception {
        return send(HttpRequest.newBuilder(url.resolve(path)).GET()).body();
    }

    /** A DELETE on Alertmanager's own API (expiring a silence a test made). */
    public void delete(String path) throws Exception {
        send(HttpRequest.newBuilder(url.resolve(path)).DELETE());
    }

    /** Waits until {@code path}'s answer contains {@code text} (Alertmanager processes posted alerts asynchronously). */
    public String awaitContaining(String path, String text) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        String body = "";
        while (Instant.now().isBefore(deadline)) {
            body = get(path);
            if (body.contains(text)) {
                return body;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError(path + " did not come to contain " + text + " within 20 s; last answer: " + body);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        if (basicAuth != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString(basicAuth.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private void awaitReady() throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Alertmanager exited with " + process.exitValue() + ": " + log());
            }
            try {
                if (send(HttpRequest.newBuilder(url.resolve("/-/ready")).GET()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        close();
        throw new IllegalStateException("Alertmanager was not ready within 30 s: " + log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
