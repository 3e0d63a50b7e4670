package dev.baton.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
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
import java.time.Instant;
import java.util.Base64;

/**
 * Debian's Prometheus on a loopback port, scraping itself every second into a throwaway storage folder,
 * run as a child of the test. A missing binary fails the test: {@code .ci/run} installs the
 * {@code prometheus} package. With basic auth on, the web config carries a bcrypt hash of
 * {@link #PASSWORD} (cost 4, so that each request checks it quickly).
 */
public final class PrometheusServer implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/prometheus");
    public static final String USER = "responder";
    public static final String PASSWORD = "baton-test-password";
    private static final String PASSWORD_HASH = "$2b$04$XcZ3Hy.wYG/j5a/lF0tcReXS9r5WUZjXTjOwF1BT7Nq/dO9xh8IIS";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final Process process;
    private final int port;
    private final boolean basicAuth;
    private final HttpClient http = HttpClient.newHttpClient();

    private PrometheusServer(Path directory, Process process, int port, boolean basicAuth) {
        this.directory = directory;
        this.process = process;
        this.port = port;
        this.basicAuth = basicAuth;
    }

    public static PrometheusServer start(Path directory) throws Exception {
        return start(directory, false);
    }

    /**
     * Starts it and waits until it has scraped itself three times, so that a query for a moment a
     * second or two ago finds samples.
     */
    public static PrometheusServer start(Path directory, boolean basicAuth) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's prometheus package"
                    + " (apt-get install -y prometheus; .ci/run does)");
        }
        Files.createDirectories(directory);
        int port = freePort();
        String auth = basicAuth ? "    basic_auth: {username: " + USER + ", password: " + PASSWORD + "}\n" : "";
        Files.writeString(directory.resolve("prometheus.yml"), "global:\n  scrape_interval: 1s\n"
                + "  evaluation_interval: 1s\nscrape_configs:\n  - job_name: prometheus\n" + auth
                + "    static_configs:\n      - targets: ['127.0.0.1:" + port + "']\n");
        var command = new java.util.ArrayList<>(java.util.List.of(BINARY.toString(),
                "--config.file=" + directory.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn"));
        if (basicAuth) {
            Files.writeString(directory.resolve("web.yml"), "basic_auth_users:\n  " + USER + ": " + PASSWORD_HASH + "\n");
            command.add("--web.config.file=" + directory.resolve("web.yml"));
        }
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("prometheus.log").toFile())
                .start();
        PrometheusServer server = new PrometheusServer(directory, process, port, basicAuth);
        try {
            server.awaitScrapes();
        } catch (Exception e) {
            server.close();
            throw e;
        }
        return server;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** Prometheus' own answer to a query, asked directly (not through Baton), to check Baton's numbers against. */
    public JsonNode api(String path, String... parameters) throws IOException, InterruptedException {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i + 1 < parameters.length; i += 2) {
            query.append(query.length() == 0 ? "?" : "&").append(parameters[i]).append('=')
                    .append(URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path + query));
        if (basicAuth) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private void awaitScrapes() throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue() + ": " + log());
            }
            try {
                JsonNode answer = api("/api/v1/query", "query", "count_over_time(up[1m]) >= 3");
                if (answer.path("data").path("result").size() > 0) {
                    return;
                }
                last = answer.toString();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.onSpinWait();
            Thread.sleep(100); // polling a condition with a deadline, not waiting in hope
        }
        throw new IllegalStateException("prometheus did not scrape itself three times within " + START_TIMEOUT.toSeconds()
                + " s (last answer " + last + "): " + log());
    }

    public String log() throws IOException {
        Path log = directory.resolve("prometheus.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
