package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text from servers and alert labels never reaches the terminal raw: a real HTTP server on loopback answers
 * as Alertmanager and Prometheus with ESC, BEL, CR, a C1 CSI (U+009B), a right-to-left override (U+202E)
 * and a line separator (U+2028) in labels, values and error text; no output of alerts, query or open-alert,
 * as text or JSON, holds one of them.
 */
class CliEscapingTest {
    /** Every character a hostile server sends here; none may appear in what Baton prints. */
    private static final String HOSTILE = "\u001b]0;pwned\u0007\r\u009b2J\u202eevil\u2028x";
    private static final String HOSTILE_JSON = "\\u001b]0;pwned\\u0007\\r\u009b2J\u202eevil\u2028x";

    @TempDir
    Path dir;

    private HttpServer server;
    private String url;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v2/alerts/groups", exchange -> reply(exchange, 200, "[{\"labels\":{\"pod\":\""
                + HOSTILE_JSON + "\"},\"receiver\":{\"name\":\"" + HOSTILE_JSON + "\"},\"alerts\":[" + alert() + "]}]"));
        server.createContext("/api/v1/query", exchange -> reply(exchange, 200, "{\"status\":\"success\",\"data\":"
                + "{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"__name__\":\"up\",\"pod\":\"" + HOSTILE_JSON
                + "\"},\"value\":[1700000000,\"1\"]}]}}"));
        server.createContext("/bad/api/v1/query", exchange -> reply(exchange, 400, "{\"status\":\"error\",\"error\":\""
                + HOSTILE_JSON + "\"}"));
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static String alert() {
        return "{\"labels\":{\"alertname\":\"Disk" + HOSTILE_JSON + "\",\"severity\":\"" + HOSTILE_JSON + "\",\"pod\":\""
                + HOSTILE_JSON + "\"},\"annotations\":{\"summary\":\"" + HOSTILE_JSON + "\"},\"status\":{\"state\":"
                + "\"active\"},\"startsAt\":\"2026-12-07T02:39:00Z\",\"fingerprint\":\"f1\"}";
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void assertPrintable(String what, String output) {
        assertThat(output).as(what).isNotBlank();
        for (char c : new char[] {0x1b, 0x07, '\r', 0x9b, 0x202e, 0x2028}) {
            assertThat(output.indexOf(c)).as(what + " holds U+%04X: %s", (int) c, output).isNegative();
        }
    }

    @Test
    void alertsAsTextAndJsonEscapeWhatTheServerSent() throws Exception {
        CliRun text = CliRun.of("alerts", "--alertmanager", url, "--dir", dir.toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertPrintable("alerts", text.out());
        assertThat(text.out()).contains("Disk\\e]0;pwned\\x07\\r\\u009b2J\\u202eevil\\u2028x");

        CliRun json = CliRun.of("alerts", "--alertmanager", url, "--dir", dir.toString(), "--json");
        assertPrintable("alerts --json", json.out());
        assertThat(new ObjectMapper().readTree(json.out()).get(0).path("labels").path("pod").asText()).isEqualTo(HOSTILE);
    }

    @Test
    void queryTablesJsonAndServerErrorsEscapeWhatTheServerSent() throws Exception {
        CliRun table = CliRun.of("query", "--prometheus", url, "--instant", "up");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertPrintable("query", table.out());

        CliRun json = CliRun.of("query", "--prometheus", url, "--instant", "--json", "up");
        assertPrintable("query --json", json.out());
        assertThat(new ObjectMapper().readTree(json.out()).get(0).path("labels").path("pod").asText()).isEqualTo(HOSTILE);

        CliRun error = CliRun.of("query", "--prometheus", url + "/bad", "--instant", "up");
        assertThat(error.exitCode()).isEqualTo(1);
        assertPrintable("query error", error.err());
    }

    @Test
    void openAlertEscapesTheLabelsItPrints() throws Exception {
        Path file = Files.writeString(dir.resolve("alert.json"), alert());

        CliRun run = CliRun.of("open-alert", file.toString(), "--dir", dir.toString(), "--data",
                dir.resolve("data").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertPrintable("open-alert", run.out());
    }
}
