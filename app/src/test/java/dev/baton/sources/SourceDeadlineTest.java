package dev.baton.sources;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One deadline for a whole request: a raw server on loopback that sends its headers at once and then the
 * body a byte at a time (a slow loris answer) must not hold a query or an alert listing past it.
 */
class SourceDeadlineTest {
    private ServerSocket listener;
    private Thread serving;
    private final CountDownLatch done = new CountDownLatch(1);

    @AfterEach
    void stop() throws Exception {
        done.countDown();
        listener.close();
        serving.join(10_000);
    }

    private URI startDripping() throws IOException {
        listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        serving = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket socket = listener.accept()) {
                    readHeaders(socket.getInputStream());
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n[")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    while (!done.await(100, TimeUnit.MILLISECONDS)) {
                        out.write('1');
                        out.write(',');
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // The client went away (as it should at its deadline), or the test ended.
                }
            }
        }, "dripping-server");
        serving.setDaemon(true);
        serving.start();
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    private static void readHeaders(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int b = in.read(); b >= 0; b = in.read()) {
            matched = b == end[matched] ? matched + 1 : b == end[0] ? 1 : 0;
            if (matched == end.length) {
                return;
            }
        }
    }

    @Test
    void aBodyThatTricklesEndsAtTheRequestsDeadline() throws Exception {
        URI url = startDripping();
        SourceClient client = new SourceClient(DataSource.of(SourceKind.ALERTMANAGER, "am", url),
                Map.<String, String>of()::get, Duration.ofSeconds(1));

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            assertThatThrownBy(() -> client.getJson("/api/v2/alerts/groups", Map.of()))
                    .isInstanceOf(SourceException.class)
                    .hasMessage("Alertmanager am (" + url + "/api/v2/alerts/groups): timed out after 1 s (no complete answer)");
            assertThatThrownBy(() -> client.postForm("/api/v1/query", Map.of("query", "up")))
                    .hasMessageContaining("timed out after 1 s");
        });
    }
}
