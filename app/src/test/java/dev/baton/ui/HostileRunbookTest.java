package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.render.RunbookHtmlRendererTest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The XSS corpus in the real WebView: nothing runs, nothing navigates, and no request reaches a
 * listener on this machine that every hostile URL in the corpus points at.
 */
class HostileRunbookTest extends ConsoleTest {
    @Override
    protected Path runbooks() {
        return folder;
    }

    @Override
    protected void started() {
        app.console().runbook().engine().setOnAlert(event -> alerts.add(event.getData()));
    }

    private static ServerSocket listener;
    private static final AtomicInteger connections = new AtomicInteger();
    private static final List<String> requests = new CopyOnWriteArrayList<>();
    private static Path folder;
    private final List<String> alerts = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void listen() throws Exception {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket socket = listener.accept()) {
                    connections.incrementAndGet();
                    socket.setSoTimeout(1000);
                    byte[] head = new byte[200];
                    int n = socket.getInputStream().read(head);
                    requests.add(n > 0 ? new String(head, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1).lines().findFirst().orElse("") : "(nothing sent)");
                } catch (Exception e) {
                    return;
                }
            }
        }, "hostile-listener");
        accept.setDaemon(true);
        accept.start();
        folder = Files.createTempDirectory("baton-hostile");
        String corpus = RunbookHtmlRendererTest.HOSTILE.replace("127.0.0.1:9", "127.0.0.1:" + listener.getLocalPort());
        Files.writeString(folder.resolve("hostile.md"), corpus);
    }

    @AfterAll
    static void close() throws Exception {
        listener.close();
        deleteQuietly(folder);
    }



    @Test
    void hostileRunbookRendersInert() throws Exception {
        int before = connections.get();
        requests.clear();
        fx.waitForLibrary();
        fx.show(folder.resolve("hostile.md").toString(), "Hostile alert('title')");
        Thread.sleep(1500);
        assertThat(connections.get() - before).as("requests while loading: " + requests).isZero();
        assertThat(ConsoleFixture.onFx(() -> app.console().runbook().engine().isJavaScriptEnabled())).isFalse();

        Document document = ConsoleFixture.onFx(() -> app.console().runbook().engine().getDocument());
        for (String tag : List.of("script", "img", "iframe", "embed", "object", "form", "link", "base", "svg", "input")) {
            assertThat(ConsoleFixture.onFx(() -> document.getElementsByTagName(tag).getLength())).as(tag).isZero();
        }
        assertThat(ConsoleFixture.onFx(() -> document.getElementsByTagName("meta").getLength()))
                .as("charset and CSP only, no refresh").isEqualTo(2);

        // Click every link that stays inside Baton (web links would ask first, so they are checked by href).
        for (String href : fx.hrefs()) {
            assertThat(href).matches("(baton:|#).*");
            if (!href.startsWith("baton:external/")) {
                fx.click(href);
            }
        }
        Thread.sleep(2000);
        assertThat(connections.get() - before).as("requests that reached the local listener: " + requests).isZero();
        assertThat(alerts).isEmpty();
        assertThat(ConsoleFixture.onFx(() -> app.console().runbook().engine().getLocation())).isEmpty();
    }

    @Test
    void theListenerWouldHaveSeenARequest() throws Exception {
        // Proves the test above can fail: the same listener does count a connection.
        int before = connections.get();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
            socket.getOutputStream().write('x');
        }
        ConsoleFixture.waitFor(5, () -> connections.get() > before);
    }
}
