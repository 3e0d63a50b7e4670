package dev.baton.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.baton.sources.DataSource;
import dev.baton.sources.SourceClient;
import dev.baton.sources.SourceKind;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Loki has no Debian package, so these tests do not run a Loki: a loopback HTTP server answers
 * {@code /loki/api/v1/query_range} with bodies written in Loki's documented response format (streams of
 * nanosecond-time and line pairs; a plain-text 400 for a bad query). Baton's client is the same code
 * that asks a real Loki.
 */
class LokiQueriesAgainstLokiFormatServerTest {
    private HttpServer server;
    private final AtomicReference<Map<String, String>> asked = new AtomicReference<>();
    private final AtomicReference<String> body = new AtomicReference<>("");
    private final AtomicReference<Integer> status = new AtomicReference<>(200);

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/loki/api/v1/query_range", exchange -> {
            Map<String, String> parameters = new LinkedHashMap<>();
            for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                parameters.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            asked.set(parameters);
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private LokiQueries loki() throws Exception {
        DataSource source = DataSource.of(SourceKind.LOKI, "logs",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
        return new LokiQueries(new SourceClient(source, name -> null, Duration.ofSeconds(10)));
    }

    @Test
    void linesComeNewestFirstWithTheirLabelsAndTheWindowIsAskedInNanoseconds() throws Exception {
        body.set("""
                {"status":"success","data":{"resultType":"streams","result":[
                  {"stream":{"app":"checkout","pod":"checkout-7f9c"},"values":[
                    ["1772366405000000000","level=error msg=\\"payment gateway timed out\\""],
                    ["1772366401500000000","level=warn msg=\\"retrying payment\\""]]},
                  {"stream":{"app":"checkout","pod":"checkout-2b1d"},"values":[
                    ["1772366403000000000","level=error msg=\\"payment gateway timed out\\""]]}],
                 "stats":{"summary":{"totalLinesProcessed":3}}}}""");
        QueryWindow window = QueryWindow.between(Instant.parse("2026-03-01T11:00:00Z"), Instant.parse("2026-03-01T12:00:00Z"));
        QueryAnswer answer = loki().range("{app=\"checkout\"} |= \"payment\"", window);

        assertThat(asked.get()).containsEntry("query", "{app=\"checkout\"} |= \"payment\"")
                .containsEntry("start", "1772362800000000000").containsEntry("end", "1772366400000000000")
                .containsEntry("direction", "backward").containsEntry("limit", String.valueOf(LokiQueries.LIMIT));
        QueryAnswer.Logs logs = (QueryAnswer.Logs) answer;
        assertThat(logs.lines()).extracting(line -> line.labels().get("pod"))
                .containsExactly("checkout-7f9c", "checkout-2b1d", "checkout-7f9c");
        assertThat(logs.lines().get(2).at()).isEqualTo(Instant.parse("2026-03-01T12:00:01.5Z"));
        assertThat(logs.lines().get(2).line()).isEqualTo("level=warn msg=\"retrying payment\"");
    }

    @Test
    void aBadQueryCarriesLokisOwnErrorAndPosition() {
        status.set(400);
        body.set("parse error at line 1, col 19: syntax error: unexpected $end");
        String query = "{app=\"checkout\"} |=";
        assertThatThrownBy(() -> loki().range(query, QueryWindow.last(Duration.ofHours(1), Instant.now())))
                .satisfies(e -> {
                    assertThat(e.getMessage()).contains("Loki logs (http://127.0.0.1:").contains("HTTP 400")
                            .contains("parse error at line 1, col 19");
                    assertThat(QueryErrors.pointer(query, e.getMessage())).endsWith("\n" + " ".repeat(18) + "^");
                });
    }

    @Test
    void aServerErrorIsNamedWithItsStatusAndText() {
        status.set(503);
        body.set("too many outstanding requests");
        assertThatThrownBy(() -> loki().range("{app=\"a\"}", QueryWindow.last(Duration.ofHours(1), Instant.now())))
                .hasMessageContaining("Loki logs (http://127.0.0.1:").hasMessageContaining("HTTP 503")
                .hasMessageContaining("too many outstanding requests");
    }

    @Test
    void anAnswerNotInLokisShapeIsRefusedWithWhatWasWrong() {
        body.set("{\"status\":\"success\",\"data\":{\"resultType\":\"streams\",\"result\":[{\"stream\":{},\"values\":[[\"soon\",\"x\"]]}]}}");
        assertThatThrownBy(() -> loki().range("{app=\"a\"}", QueryWindow.last(Duration.ofHours(1), Instant.now())))
                .hasMessageContaining("Loki logs").hasMessageContaining("'soon' is not nanoseconds");
    }
}
