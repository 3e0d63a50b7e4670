package dev.baton.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real loopback server answers an instant query with a million series (about 70 MB, under the 100 MB
 * bound); a child JVM with a 256 MB heap reads it and must end with a clear refusal, not an OutOfMemoryError.
 * A small answer still reads whole.
 */
class PrometheusHugeAnswerTest {
    private static final int SERIES = 1_000_000;

    @Test
    void aMillionSeriesAreRefusedInWordsWithinASmallHeap() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/query", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = new java.io.BufferedOutputStream(exchange.getResponseBody(), 1 << 16)) {
                out.write("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < SERIES; i++) {
                    out.write(((i == 0 ? "" : ",") + "{\"metric\":{\"__name__\":\"up\",\"i\":\"" + i
                            + "\"},\"value\":[1700000000,\"" + i + "\"]}").getBytes(StandardCharsets.US_ASCII));
                }
                out.write("]}}".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException clientGaveUp) {
                // The child stopped reading: what the test looks at is what it printed.
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", System.getProperty("java.class.path"), HugeAnswerProbe.class.getName(), url))
                    .redirectErrorStream(true).start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();

            assertThat(output).doesNotContain("OutOfMemoryError")
                    .contains("refused: Prometheus big (" + url + "/api/v1/query): the answer holds more than "
                            + PrometheusStream.MAX_SERIES + " series")
                    .contains("narrow the query");
            assertThat(child.exitValue()).as(output).isZero();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void whatFitsIsReadAsBefore() throws Exception {
        String answer = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"job\":\"a\"},"
                + "\"values\":[[1700000000,\"1\"],[1700000015.5,\"NaN\"]]}]}}";
        QueryAnswer.Metrics metrics = new PrometheusStream().read(new java.io.ByteArrayInputStream(
                answer.getBytes(StandardCharsets.UTF_8)));
        assertThat(metrics.range()).isTrue();
        assertThat(metrics.series()).singleElement().satisfies(s -> assertThat(s.samples()).hasSize(2));

        String scalar = "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1700000000,\"2\"]}}";
        assertThat(new PrometheusStream().read(new java.io.ByteArrayInputStream(scalar.getBytes(StandardCharsets.UTF_8)))
                .series().get(0).last()).isEqualTo(2.0);
        byte[] tooManyPoints = ("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"values\":["
                + "[1,\"1\"],".repeat(100) + "[2,\"1\"]]}]}}").getBytes(StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PrometheusStream(2, 100)
                .read(new java.io.ByteArrayInputStream(tooManyPoints))).isInstanceOf(AnswerException.class)
                .hasMessageContaining("more than 2 series or 100 samples");
    }
}
