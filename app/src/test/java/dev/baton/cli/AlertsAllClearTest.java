package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton alerts} says "Nothing is firing." only on a well-formed empty list: a real HTTP server on
 * loopback answers the other ways an Alertmanager (or what stands in front of it) may answer.
 */
class AlertsAllClearTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private HttpServer elsewhere;

    @BeforeEach
    void start() throws IOException {
        elsewhere = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        elsewhere.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("[]".getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        elsewhere.start();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Map<String, String[]> answers = Map.of(
                "/no-content", new String[] {"204", ""},
                "/empty", new String[] {"200", ""},
                "/html", new String[] {"200", "<html>Sign in</html>"},
                "/object", new String[] {"200", "{}"},
                "/redirect", new String[] {"302", ""},
                "/fine", new String[] {"200", "[]"});
        answers.forEach((prefix, answer) -> server.createContext(prefix, exchange -> {
            if (prefix.equals("/redirect")) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + elsewhere.getAddress().getPort()
                        + "/api/v2/alerts/groups");
            }
            byte[] body = answer[1].getBytes(StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer[0]);
            exchange.sendResponseHeaders(status, status == 204 || body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        }));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        elsewhere.stop(0);
    }

    private CliRun alerts(String prefix, String... more) {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
        String[] args = new String[3 + more.length];
        args[0] = "alerts";
        args[1] = "--alertmanager";
        args[2] = url;
        System.arraycopy(more, 0, args, 3, more.length);
        return CliRun.of(args);
    }

    @Test
    void onlyAWellFormedEmptyListIsNothingFiring() {
        CliRun fine = alerts("/fine", "--dir", dir.toString());
        assertThat(fine.exitCode()).as(fine.err()).isZero();
        assertThat(fine.out()).isEqualTo("Nothing is firing.\n");

        for (String prefix : new String[] {"/no-content", "/empty", "/html", "/object", "/redirect"}) {
            CliRun run = alerts(prefix, "--dir", dir.toString());
            assertThat(run.exitCode()).as(prefix + ": " + run.err()).isEqualTo(1);
            assertThat(run.out()).as(prefix).doesNotContain("Nothing is firing");
            assertThat(run.err()).as(prefix).startsWith("baton alerts: Alertmanager ");
            CliRun json = alerts(prefix, "--dir", dir.toString(), "--json");
            assertThat(json.exitCode()).as(prefix).isEqualTo(1);
        }
        assertThat(alerts("/redirect", "--dir", dir.toString()).err()).contains("redirects to another host");
        assertThat(alerts("/no-content", "--dir", dir.toString()).err()).contains("cannot tell what is firing");
    }
}
