package dev.baton.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Redirects against two real HTTP servers on two loopback ports: the source's own server redirects, and the
 * other one records every Authorization header it is sent, which must stay empty unless the user allowed it.
 */
class SourceRedirectTest {
    private static final String TOKEN = "tok-redirect-5e1";
    private static final String ANSWER = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}";

    private HttpServer own;
    private HttpServer other;
    private final List<String> otherSaw = new CopyOnWriteArrayList<>();
    private final List<String> ownSaw = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (own != null) {
            own.stop(0);
        }
        if (other != null) {
            other.stop(0);
        }
    }

    private URI start(int status, String locationPath) throws IOException {
        other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext("/", exchange -> {
            otherSaw.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            reply(exchange, 200, ANSWER);
        });
        other.start();
        URI otherUrl = URI.create("http://127.0.0.1:" + other.getAddress().getPort());
        own = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        own.createContext("/", exchange -> {
            ownSaw.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            if (exchange.getRequestURI().getPath().equals("/here")) {
                reply(exchange, 200, ANSWER);
                return;
            }
            String target = locationPath.startsWith("/") ? locationPath : otherUrl + "/api/v1/query";
            exchange.getResponseHeaders().add("Location", target);
            reply(exchange, status, "");
        });
        own.start();
        return URI.create("http://127.0.0.1:" + own.getAddress().getPort());
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static SourceClient client(DataSource source) throws SourceException {
        return new SourceClient(source, Map.of("T", TOKEN, "P", TOKEN)::get, Duration.ofSeconds(10));
    }

    private static DataSource bearer(SourceKind kind, URI url) {
        return new DataSource(kind, "main", url, true, new SourceAuth.Bearer("T", null), null, true, null);
    }

    @Test
    void aRedirectToAnotherPortIsRefusedAndTheOtherServerNeverSeesTheToken() throws Exception {
        for (int status : new int[] {301, 302, 303, 307, 308}) {
            URI url = start(status, "other");
            int otherPort = other.getAddress().getPort();
            SourceClient prometheus = client(bearer(SourceKind.PROMETHEUS, url));
            SourceClient alertmanager = client(new DataSource(SourceKind.ALERTMANAGER, "am", url, true,
                    new SourceAuth.Basic("baton", "P", null), null, true, null));

            assertThatThrownBy(() -> prometheus.postForm("/api/v1/query", Map.of("query", "up")))
                    .as("HTTP %d", status).isInstanceOf(SourceException.class)
                    .hasMessageContaining("HTTP " + status + " redirects to another host, http://127.0.0.1:" + otherPort)
                    .hasMessageContaining("allow_redirects_to: [127.0.0.1:" + otherPort + "]")
                    .hasMessageNotContaining(TOKEN);
            assertThatThrownBy(() -> alertmanager.getJson("/api/v2/alerts/groups", Map.of()))
                    .hasMessageContaining("redirects to another host");
            assertThat(otherSaw).as("HTTP %d", status).isEmpty();
            assertThat(ownSaw).hasSize(2).allSatisfy(line -> assertThat(line).doesNotEndWith(" null"));
            stop();
            ownSaw.clear();
        }
    }

    @Test
    void aRedirectWithinTheOriginIsFollowedWithTheCredentials() throws Exception {
        URI url = start(307, "/here");

        assertThat(client(bearer(SourceKind.LOKI, url)).getJson("/loki/api/v1/query_range", Map.of())
                .path("status").asText()).isEqualTo("success");
        assertThat(ownSaw).containsExactly("/loki/api/v1/query_range Bearer " + TOKEN, "/here Bearer " + TOKEN);
    }

    @Test
    void aHostTheUsersConfigAllowsIsFollowed() throws Exception {
        URI url = start(307, "other");
        String allowed = "127.0.0.1:" + other.getAddress().getPort();
        DataSource source = bearer(SourceKind.PROMETHEUS, url).withAllowRedirectsTo(List.of(allowed));

        assertThat(client(source).postForm("/api/v1/query", Map.of("query", "up")).path("status").asText())
                .isEqualTo("success");
        assertThat(otherSaw).containsExactly("POST Bearer " + TOKEN);
    }

    @Test
    void httpsNeverRedirectsToPlainHttpAndOtherSchemesAreRefused() {
        DataSource source = bearer(SourceKind.PROMETHEUS, URI.create("https://prom.example:9090"))
                .withAllowRedirectsTo(List.of("prom.example"));

        assertThat(RedirectRule.refusal(source, URI.create("http://prom.example:9090/x")))
                .hasValueSatisfying(why -> assertThat(why).contains("from https to").contains("unencrypted"));
        assertThat(RedirectRule.refusal(source, URI.create("file:///etc/passwd")))
                .hasValueSatisfying(why -> assertThat(why).contains("not an http or https address"));
        assertThat(RedirectRule.refusal(source, URI.create("https://prom.example:9443/x"))).isEmpty();
        assertThat(RedirectRule.refusal(source, URI.create("https://PROM.example:9090/y"))).isEmpty();
        assertThat(RedirectRule.refusal(source, URI.create("https://prom.example.evil:9090/y"))).isPresent();
    }

    @Test
    void allowRedirectsToIsReadFromConfig() {
        SourcesConfig config = SourcesConfig.parse("""
                prometheus:
                  - name: main
                    url: https://prom.example
                    allow_redirects_to: [prom-2.example, "10.0.0.1:9090", "bad host/x"]
                """, "config.yaml", null);

        assertThat(config.sources().get(0).allowRedirectsTo()).containsExactly("prom-2.example", "10.0.0.1:9090");
        assertThat(config.problems()).singleElement().asString().contains("bad host/x");
    }
}
