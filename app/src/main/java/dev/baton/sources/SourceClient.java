package dev.baton.sources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Asks one data source over HTTP(S) with the JDK's own client: JSON in and out, the source's credentials
 * read at request time, its own CA when it has one. TLS certificates and host names are always checked.
 * Every failure is a {@link SourceException} that names the endpoint and the cause.
 */
public final class SourceClient {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_ERROR_TEXT = 300;
    /** An answer larger than this is refused, not read: a query that matched everything must not fill the heap. */
    public static final long MAX_ANSWER_BYTES = 100L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource source;
    private final Function<String, String> environment;
    private final Duration requestTimeout;
    private final HttpClient http;
    private long maxAnswerBytes = MAX_ANSWER_BYTES;

    public SourceClient(DataSource source) throws SourceException {
        this(source, System::getenv, REQUEST_TIMEOUT);
    }

    /**
     * @param environment where {@code *_env} secrets are looked up (the process environment, or a test's map)
     */
    public SourceClient(DataSource source, Function<String, String> environment, Duration requestTimeout)
            throws SourceException {
        if (!source.verifyTls()) {
            throw new SourceException(source.describe() + ": Baton does not turn TLS verification off; give the CA "
                    + "that signed the server's certificate as ca_file");
        }
        this.source = source;
        this.environment = environment;
        this.requestTimeout = requestTimeout;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (source.caFile() != null) {
            builder.sslContext(trusting(source.caFile()));
        }
        this.http = builder.build();
    }

    public DataSource source() {
        return source;
    }

    /** A smaller bound on answers than {@link #MAX_ANSWER_BYTES} (tests). */
    SourceClient withMaxAnswerBytes(long bytes) {
        this.maxAnswerBytes = bytes;
        return this;
    }

    /** GET {@code path} (relative to the source's url) with query parameters; the answer as JSON. */
    public JsonNode getJson(String path, Map<String, String> query) throws SourceException {
        URI uri = uri(path, query);
        return send(HttpRequest.newBuilder(uri).GET(), uri);
    }

    /** POST a JSON body (any value Jackson can write) to {@code path}; the answer as JSON (null when empty). */
    public JsonNode postJson(String path, Object body) throws SourceException {
        URI uri = uri(path, Map.of());
        String text;
        try {
            text = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new SourceException(endpoint(uri) + ": the request body cannot be written as JSON");
        }
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)), uri);
    }

    /** POST form fields (as Prometheus and Loki accept a long query) to {@code path}; the answer as JSON. */
    public JsonNode postForm(String path, Map<String, String> form) throws SourceException {
        URI uri = uri(path, Map.of());
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form), StandardCharsets.UTF_8)), uri);
    }

    /** The full address of {@code path} under the source's url (which may itself have a path prefix). */
    public URI uri(String path, Map<String, String> query) {
        String base = source.url().toString();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String rel = path.startsWith("/") ? path : "/" + path;
        String q = query.isEmpty() ? "" : "?" + encode(query);
        return URI.create(base + rel + q);
    }

    private JsonNode send(HttpRequest.Builder request, URI uri) throws SourceException {
        request.timeout(requestTimeout).header("Accept", "application/json");
        Optional<String> authorization = source.auth().authorization(environment);
        authorization.ifPresent(value -> request.header("Authorization", value));
        HttpResponse<java.io.InputStream> response;
        String body;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            body = bounded(response, uri);
        } catch (HttpConnectTimeoutException e) {
            throw new SourceException(endpoint(uri) + ": no connection within " + seconds(CONNECT_TIMEOUT));
        } catch (HttpTimeoutException e) {
            throw new SourceException(endpoint(uri) + ": no answer within " + seconds(requestTimeout));
        } catch (ConnectException e) {
            throw new SourceException(endpoint(uri) + ": unreachable (" + cause(e) + ")");
        } catch (SSLHandshakeException e) {
            throw new SourceException(endpoint(uri) + ": the server's certificate is not trusted ("
                    + cause(e) + ")" + (source.caFile() == null ? "; give the CA that signed it as ca_file" : ""));
        } catch (SSLException e) {
            throw new SourceException(endpoint(uri) + ": TLS failed (" + cause(e) + ")");
        } catch (IOException e) {
            throw new SourceException(endpoint(uri) + ": unreachable (" + cause(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException(endpoint(uri) + ": cancelled");
        }
        int status = response.statusCode();
        if (status == 401) {
            throw new SourceException(endpoint(uri) + ": HTTP 401, the server did not accept "
                    + (authorization.isPresent() ? "Baton's credentials" : "a request without credentials (add auth:)")
                    + serverText(body), status);
        }
        if (status == 403) {
            throw new SourceException(endpoint(uri) + ": HTTP 403, these credentials may not do this" + serverText(body),
                    status);
        }
        if (status >= 400) {
            throw new SourceException(endpoint(uri) + ": HTTP " + status + serverText(body), status);
        }
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new SourceException(endpoint(uri) + ": the answer is not JSON (" + excerpt(body) + ")", status);
        }
    }

    /** The answer's text, read no further than the bound: a larger one is refused with what to do about it. */
    private String bounded(HttpResponse<java.io.InputStream> response, URI uri) throws IOException, SourceException {
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        try (java.io.InputStream in = response.body()) {
            if (declared > maxAnswerBytes) {
                throw tooLarge(uri, declared);
            }
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxAnswerBytes + 1));
            if (bytes.length > maxAnswerBytes) {
                throw tooLarge(uri, -1);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private SourceException tooLarge(URI uri, long declared) {
        return new SourceException(endpoint(uri) + ": the answer is larger than " + (maxAnswerBytes >> 20) + " MB"
                + (declared > 0 ? " (" + (declared >> 20) + " MB)" : "") + " and was not read; narrow the query"
                + " (fewer series, a shorter window)");
    }

    /** The server's own error text: Prometheus' and Loki's {@code error}, Alertmanager's {@code message}, or the body. */
    static String serverText(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode json = JSON.readTree(body);
            for (String field : new String[] {"error", "message"}) {
                if (json != null && json.hasNonNull(field)) {
                    return ": " + excerpt(json.get(field).asText());
                }
            }
        } catch (JsonProcessingException e) {
            // Not JSON: the plain text is the message.
        }
        return ": " + excerpt(body);
    }

    private static String excerpt(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() > MAX_ERROR_TEXT ? line.substring(0, MAX_ERROR_TEXT) + "…" : line;
    }

    /** How messages name an endpoint: the source and the path, without the query (it may be long). */
    private String endpoint(URI uri) {
        return source.kind().displayName() + " " + source.name() + " (" + uri.getScheme() + "://" + uri.getRawAuthority()
                + uri.getRawPath() + ")";
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String cause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    private static String encode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** An SSL context that trusts the certificates in a PEM file (and only those). */
    private SSLContext trusting(Path caFile) throws SourceException {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new SourceException(source.describe() + ": ca_file " + caFile + " holds no certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new SourceException(source.describe() + ": ca_file " + caFile + " cannot be read (" + cause(e) + ")");
        } catch (GeneralSecurityException e) {
            throw new SourceException(source.describe() + ": ca_file " + caFile + " is not a PEM certificate ("
                    + cause(e) + ")");
        }
    }
}
