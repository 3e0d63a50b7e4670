package dev.baton.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against real HTTP and HTTPS servers on loopback (the JDK's own). */
class SourceClientTest {
    private static final String TOKEN = "tok-7f3a9c";
    private static final String PASSWORD = "pw-b81e2d";

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    private void handlers(HttpServer s) {
        s.createContext("/api/v1/query", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            bodies.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawQuery() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null) {
                reply(exchange, 401, "Unauthorized\n");
            } else if (auth.equals("Bearer " + TOKEN) || auth.startsWith("Basic ")) {
                reply(exchange, 200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
            } else {
                reply(exchange, 403, "{\"message\":\"forbidden for this tenant\"}");
            }
        });
        s.createContext("/api/v1/bad", exchange -> reply(exchange, 400,
                "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error at char 5: unexpected }\"}"));
        s.createContext("/slow", exchange -> {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(exchange, 200, "{}");
        });
        s.createContext("/html", exchange -> reply(exchange, 200, "<html>login page</html>"));
        // A big answer: 3 MB announced (Content-Length) on /big, and the same streamed without a length on /chunked.
        s.createContext("/big", exchange -> reply(exchange, 200, "[" + "1,".repeat(1_500_000) + "1]"));
        s.createContext("/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (var out = exchange.getResponseBody()) {
                out.write('[');
                for (int i = 0; i < 1_500_000; i++) {
                    out.write("1,".getBytes(StandardCharsets.UTF_8));
                }
                out.write("1]".getBytes(StandardCharsets.UTF_8));
            } catch (IOException clientGaveUp) {
                // Baton stops reading at its bound: the rest is not wanted.
            }
        });
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private URI startHttp() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        handlers(server);
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static DataSource prometheus(URI url, SourceAuth auth, Path ca) {
        return new DataSource(SourceKind.PROMETHEUS, "main", url, true, auth, ca, true, null);
    }

    private static SourceClient client(DataSource source, Map<String, String> env) throws SourceException {
        return new SourceClient(source, env::get, Duration.ofSeconds(10));
    }

    @Test
    void anAnswerLargerThanTheBoundIsRefusedNotRead() throws Exception {
        URI url = startHttp();
        SourceClient client = client(prometheus(url, SourceAuth.none(), null), Map.of()).withMaxAnswerBytes(1 << 20);
        for (String path : new String[] {"/big", "/chunked"}) {
            assertThatThrownBy(() -> client.getJson(path, Map.of())).as(path).isInstanceOf(SourceException.class)
                    .hasMessageContaining("larger than 1 MB").hasMessageContaining("narrow the query");
        }
        assertThat(client(prometheus(url, SourceAuth.none(), null), Map.of()).getJson("/big", Map.of()).size())
                .as("within the default bound").isEqualTo(1_500_001);
    }

    @Test
    void getsJsonWithTheBearerTokenReadFromTheEnvironmentAtRequestTime() throws Exception {
        URI url = startHttp();
        SourceClient client = client(prometheus(url, new SourceAuth.Bearer("PROM_TOKEN", null), null),
                Map.of("PROM_TOKEN", TOKEN + "\n"));

        JsonNode answer = client.getJson("/api/v1/query", Map.of("query", "up{job=\"node\"} == 0"));

        assertThat(answer.path("status").asText()).isEqualTo("success");
        assertThat(authorizations).containsExactly("Bearer " + TOKEN);
        assertThat(bodies).singleElement().asString().startsWith("GET query=up%7Bjob%3D%22node%22%7D+%3D%3D+0");
    }

    @Test
    void postsFormsAndJsonWithBasicAuthFromAFile() throws Exception {
        URI url = startHttp();
        Path passwordFile = Files.writeString(dir.resolve("pw"), PASSWORD + "\n");
        SourceClient client = client(prometheus(url, new SourceAuth.Basic("baton", null, passwordFile), null), Map.of());

        client.postForm("api/v1/query", Map.of("query", "up"));
        client.postJson("/api/v1/query", Map.of("matchers", List.of("a")));

        String expected = "Basic " + java.util.Base64.getEncoder()
                .encodeToString(("baton:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertThat(authorizations).containsExactly(expected, expected);
        assertThat(bodies).containsExactly("POST null query=up", "POST null {\"matchers\":[\"a\"]}");
    }

    @Test
    void aUrlWithAPathPrefixKeepsIt() throws Exception {
        SourceClient client = client(prometheus(URI.create("https://example.com/prom/"), SourceAuth.none(), null),
                Map.of());

        assertThat(client.uri("/api/v1/query", Map.of("query", "a b")))
                .isEqualTo(URI.create("https://example.com/prom/api/v1/query?query=a+b"));
    }

    @Test
    void a401And403NameTheEndpointAndNeverTheSecret() throws Exception {
        URI url = startHttp();

        assertThatThrownBy(() -> client(prometheus(url, SourceAuth.none(), null), Map.of())
                .getJson("/api/v1/query", Map.of("query", "up")))
                .isInstanceOf(SourceException.class)
                .hasMessage("Prometheus main (" + url + "/api/v1/query): HTTP 401, the server did not accept a request "
                        + "without credentials (add auth:): Unauthorized")
                .satisfies(e -> assertThat(((SourceException) e).status()).isEqualTo(401));
        assertThatThrownBy(() -> client(prometheus(url, new SourceAuth.Bearer("T", null), null), Map.of("T", "wrong-9d1"))
                .getJson("/api/v1/query", Map.of()))
                .hasMessage("Prometheus main (" + url + "/api/v1/query): HTTP 403, these credentials may not do this: "
                        + "forbidden for this tenant")
                .hasMessageNotContaining("wrong-9d1");
    }

    @Test
    void aClientErrorCarriesTheServersOwnText() throws Exception {
        URI url = startHttp();

        assertThatThrownBy(() -> client(prometheus(url, SourceAuth.none(), null), Map.of()).getJson("/api/v1/bad", Map.of()))
                .hasMessage("Prometheus main (" + url + "/api/v1/bad): HTTP 400: parse error at char 5: unexpected }");
        assertThatThrownBy(() -> client(prometheus(url, SourceAuth.none(), null), Map.of()).getJson("/html", Map.of()))
                .hasMessage("Prometheus main (" + url + "/html): the answer is not JSON (<html>login page</html>)");
    }

    @Test
    void anUnreachableServerAndASlowOneAreSaidSo() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + closedPort);
        assertThatThrownBy(() -> client(prometheus(closed, SourceAuth.none(), null), Map.of()).getJson("/api/v1/query", Map.of()))
                .hasMessage("Prometheus main (" + closed + "/api/v1/query): unreachable (connection refused by 127.0.0.1:"
                        + closedPort + ")");

        URI url = startHttp();
        SourceClient impatient = new SourceClient(prometheus(url, SourceAuth.none(), null), Map.<String, String>of()::get,
                Duration.ofMillis(300));
        assertThatThrownBy(() -> impatient.getJson("/slow", Map.of()))
                .hasMessage("Prometheus main (" + url + "/slow): timed out after 0.3 s (no complete answer)");
    }

    @Test
    void aMissingSecretIsNamedByWhereItShouldComeFrom() throws Exception {
        URI url = startHttp();
        DataSource source = prometheus(url, new SourceAuth.Bearer("PROM_TOKEN", null), null);

        assertThatThrownBy(() -> client(source, Map.of()).getJson("/api/v1/query", Map.of()))
                .hasMessage("the bearer token is to come from the environment variable PROM_TOKEN, which is not set");
        assertThat(authorizations).isEmpty();
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> client(prometheus(url, new SourceAuth.Basic("u", null, missing), null), Map.of())
                .getJson("/api/v1/query", Map.of()))
                .hasMessage("the password file " + missing + " cannot be read (NoSuchFileException)");
    }

    @Test
    void theSecretIsInNoValueText() throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN);
        DataSource source = prometheus(URI.create("http://127.0.0.1:1"), new SourceAuth.Bearer(null, tokenFile), null);

        assertThat(source.toString()).doesNotContain(TOKEN).contains("token");
        assertThat(source.auth().toString()).doesNotContain(TOKEN);
    }

    @Test
    void httpsIsVerifiedAgainstTheSourcesOwnCaAndTheHostName() throws Exception {
        Path keystore = dir.resolve("server.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=baton-test",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit");
        Path pem = dir.resolve("ca.pem");
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", pem.toString());
        URI url = startHttps(keystore);

        SourceClient trusting = client(prometheus(url, new SourceAuth.Bearer("T", null), pem), Map.of("T", TOKEN));
        assertThat(trusting.getJson("/api/v1/query", Map.of()).path("status").asText()).isEqualTo("success");

        assertThatThrownBy(() -> client(prometheus(url, new SourceAuth.Bearer("T", null), null), Map.of("T", TOKEN))
                .getJson("/api/v1/query", Map.of()))
                .hasMessageStartingWith("Prometheus main (" + url + "/api/v1/query): the server's certificate is not trusted (")
                .hasMessageEndingWith("; give the CA that signed it as ca_file");

        // The certificate names 127.0.0.1, not localhost: the host name is checked even with the right CA.
        URI byName = URI.create("https://localhost:" + url.getPort());
        assertThatThrownBy(() -> client(prometheus(byName, SourceAuth.none(), pem), Map.of()).getJson("/api/v1/query", Map.of()))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("certificate");
        assertThat(authorizations).containsExactly("Bearer " + TOKEN);
    }

    @Test
    void aSourceThatAsksNotToVerifyTlsIsRefused() {
        DataSource unverified = new DataSource(SourceKind.LOKI, "logs", URI.create("https://127.0.0.1:1"), false,
                SourceAuth.none(), null, false, null);

        assertThatThrownBy(() -> new SourceClient(unverified))
                .hasMessageContaining("Baton does not turn TLS verification off");
    }

    @Test
    void aCaFileThatIsNotPemIsSaidSo() throws IOException {
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "hello");

        assertThatThrownBy(() -> new SourceClient(prometheus(URI.create("https://127.0.0.1:1"), SourceAuth.none(), notPem)))
                .hasMessageStartingWith("Prometheus main (https://127.0.0.1:1): ca_file " + notPem);
    }

    private URI startHttps(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(context));
        handlers(https);
        https.start();
        server = https;
        return URI.create("https://127.0.0.1:" + https.getAddress().getPort());
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }
}
