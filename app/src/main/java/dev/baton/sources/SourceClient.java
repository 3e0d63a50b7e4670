package dev.baton.sources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.CharConversionException;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Asks one data source over HTTP(S) with the JDK's own client: JSON in and out, the source's credentials
 * read at request time, its own CA when it has one. TLS certificates and host names are always checked.
 * A request has one deadline for all of it (connecting, redirects, headers and the whole body), and a
 * redirect is followed only within the source's origin or to a host the user allowed ({@link RedirectRule}).
 * Every failure is a {@link SourceException} that names the endpoint and the cause.
 */
public final class SourceClient {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_ERROR_TEXT = 300;
    private static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
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
                // Redirects are followed by hand: the JDK's own following sends the credentials to any host.
                .followRedirects(HttpClient.Redirect.NEVER);
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

    /** GET {@code path} (relative to the source's url) with query parameters; the answer as JSON (null when empty). */
    public JsonNode getJson(String path, Map<String, String> query) throws SourceException {
        URI uri = uri(path, query);
        return json(send("GET", uri, null, null), uri);
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
        return json(send("POST", uri, "application/json", text), uri);
    }

    /** POST form fields (as Prometheus and Loki accept a long query) to {@code path}; the answer as JSON. */
    public JsonNode postForm(String path, Map<String, String> form) throws SourceException {
        URI uri = uri(path, Map.of());
        return json(send("POST", uri, "application/x-www-form-urlencoded", encode(form)), uri);
    }

    /**
     * POST form fields and hand the whole answer (already received, within the deadline and the bound) to
     * {@code reader} as a stream, so that a large one is read piece by piece rather than as one tree.
     */
    public <T> T postForm(String path, Map<String, String> form, AnswerReader<T> reader) throws SourceException {
        return read(uri(path, Map.of()), send("POST", uri(path, Map.of()), "application/x-www-form-urlencoded",
                encode(form)), reader);
    }

    /** GET {@code path} and hand the answer to {@code reader} as a stream (see {@link #postForm(String, Map, AnswerReader)}). */
    public <T> T getJson(String path, Map<String, String> query, AnswerReader<T> reader) throws SourceException {
        URI uri = uri(path, query);
        return read(uri, send("GET", uri, null, null), reader);
    }

    /** Reads an answer's body as it streams from memory; its failures become the source's. */
    @FunctionalInterface
    public interface AnswerReader<T> {
        /** @throws SourceException with a message for the user (without the endpoint: the client adds it) */
        T read(InputStream body) throws IOException, SourceException;
    }

    private <T> T read(URI uri, BoundedBody.Bytes body, AnswerReader<T> reader) throws SourceException {
        try (InputStream in = body.stream()) {
            return reader.read(in);
        } catch (CharConversionException e) {
            throw new SourceException(endpoint(uri) + ": the answer is not UTF-8 text (" + e.getMessage() + ")");
        } catch (JsonProcessingException e) {
            throw new SourceException(endpoint(uri) + ": the answer is not JSON (" + excerpt(text(body)) + ")");
        } catch (IOException e) {
            throw new SourceException(endpoint(uri) + ": the answer cannot be read (" + cause(e) + ")");
        } catch (SourceException e) {
            throw new SourceException(endpoint(uri) + ": " + e.getMessage(), e.status());
        }
    }

    /** The full address of {@code path} under the source's url (which may itself have a path prefix). */
    public URI uri(String path, Map<String, String> query) {
        String base = source.url().toString();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String rel = path.startsWith("/") ? path : "/" + path;
        String q = query.isEmpty() ? "" : "?" + encode(query);
        return URI.create(base + rel + q);
    }

    private JsonNode json(BoundedBody.Bytes body, URI uri) throws SourceException {
        if (body.isBlank()) {
            return null;
        }
        return read(uri, body, in -> JSON.readTree(in));
    }

    /**
     * Sends the request and follows redirects within the source's origin (and to hosts the user's
     * config.yaml allows for it), all within one deadline; an answer with an error status is an exception.
     */
    private BoundedBody.Bytes send(String method, URI uri, String contentType, String body) throws SourceException {
        long deadline = System.nanoTime() + requestTimeout.toNanos();
        Optional<String> authorization = source.auth().authorization(environment);
        String currentMethod = method;
        String currentBody = body;
        URI at = uri;
        for (int hops = 0; ; hops++) {
            HttpResponse<BoundedBody.Bytes> response = exchange(currentMethod, at, contentType, currentBody,
                    authorization, deadline, uri);
            int status = response.statusCode();
            if (!REDIRECTS.contains(status)) {
                return checked(response, uri, authorization.isPresent());
            }
            String location = response.headers().firstValue("Location").orElse("");
            if (location.isBlank()) {
                throw new SourceException(endpoint(uri) + ": HTTP " + status + " (a redirect) without a Location to go to",
                        status);
            }
            URI next;
            try {
                next = at.resolve(location.strip());
            } catch (IllegalArgumentException e) {
                throw new SourceException(endpoint(uri) + ": HTTP " + status + " redirects to an address that is not "
                        + "one (" + excerpt(location) + ")", status);
            }
            if (hops >= MAX_REDIRECTS) {
                throw new SourceException(endpoint(uri) + ": more than " + MAX_REDIRECTS + " redirects; Baton stopped "
                        + "at " + DataSource.masked(next), status);
            }
            Optional<String> refusal = RedirectRule.refusal(source, next);
            if (refusal.isPresent()) {
                throw new SourceException(endpoint(uri) + ": HTTP " + status + " " + refusal.get(), status);
            }
            if (status == 303 || (status == 301 || status == 302) && !currentMethod.equals("GET")) {
                currentMethod = "GET";
                currentBody = null;
            }
            at = next;
        }
    }

    private HttpResponse<BoundedBody.Bytes> exchange(String method, URI at, String contentType, String body,
            Optional<String> authorization, long deadline, URI uri) throws SourceException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw timedOut(uri);
        }
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(at).timeout(Duration.ofNanos(remaining)).header("Accept", "application/json");
        } catch (IllegalArgumentException e) {
            // The JDK's message quotes the address, user info and all: say it without.
            throw new SourceException(endpoint(uri) + ": " + DataSource.masked(at) + " cannot be asked (an http or "
                    + "https address with a host is needed)");
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType)
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        authorization.ifPresent(value -> request.header("Authorization", value));
        CompletableFuture<HttpResponse<BoundedBody.Bytes>> answer = http.sendAsync(request.build(),
                BoundedBody.handler(maxAnswerBytes));
        try {
            return answer.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw timedOut(uri);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new SourceException(endpoint(uri) + ": cancelled");
        } catch (ExecutionException e) {
            throw failure(e.getCause(), at, uri);
        }
    }

    private SourceException failure(Throwable e, URI at, URI uri) {
        if (e instanceof BoundedBody.TooLarge tooLarge) {
            return tooLarge(uri, tooLarge.declared);
        }
        if (e instanceof HttpConnectTimeoutException) {
            return new SourceException(endpoint(uri) + ": no connection to " + hostPort(at) + " within "
                    + seconds(CONNECT_TIMEOUT));
        }
        if (e instanceof HttpTimeoutException) {
            return timedOut(uri);
        }
        Throwable root = root(e);
        if (root instanceof java.nio.channels.UnresolvedAddressException || root instanceof java.net.UnknownHostException) {
            return new SourceException(endpoint(uri) + ": unreachable (the host name " + at.getHost() + " is not known)");
        }
        if (e instanceof ConnectException || root instanceof ConnectException) {
            String why = String.valueOf(root.getMessage()).toLowerCase(java.util.Locale.ROOT);
            return new SourceException(endpoint(uri) + ": unreachable ("
                    + (root.getMessage() == null || why.contains("refused") ? "connection refused by " + hostPort(at)
                    : "cannot connect to " + hostPort(at) + ": " + cause(e)) + ")");
        }
        if (e instanceof SSLHandshakeException) {
            return new SourceException(endpoint(uri) + ": the server's certificate is not trusted ("
                    + cause(e) + ")" + (source.caFile() == null ? "; give the CA that signed it as ca_file" : ""));
        }
        if (e instanceof SSLException) {
            return new SourceException(endpoint(uri) + ": TLS failed (" + cause(e) + ")");
        }
        return new SourceException(endpoint(uri) + ": unreachable (" + cause(e) + ")");
    }

    private SourceException timedOut(URI uri) {
        return new SourceException(endpoint(uri) + ": timed out after " + seconds(requestTimeout)
                + " (no complete answer)");
    }

    private BoundedBody.Bytes checked(HttpResponse<BoundedBody.Bytes> response, URI uri, boolean withCredentials)
            throws SourceException {
        int status = response.statusCode();
        String body = status >= 300 ? text(response.body()) : null;
        if (status == 401) {
            throw new SourceException(endpoint(uri) + ": HTTP 401, the server did not accept "
                    + (withCredentials ? "Baton's credentials" : "a request without credentials (add auth:)")
                    + serverText(body), status);
        }
        if (status == 403) {
            throw new SourceException(endpoint(uri) + ": HTTP 403, these credentials may not do this" + serverText(body),
                    status);
        }
        if (status >= 300) {
            throw new SourceException(endpoint(uri) + ": HTTP " + status + serverText(body), status);
        }
        return response.body();
    }

    /** The first part of a body as text, for messages. */
    private static String text(BoundedBody.Bytes body) {
        try {
            return new String(body.head(4 * MAX_ERROR_TEXT), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
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
        return source.kind().displayName() + " " + source.name() + " (" + uri.getScheme() + "://"
                + DataSource.maskedAuthority(uri) + uri.getRawPath() + ")";
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String hostPort(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    private static Throwable root(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** A failure in words: the root cause's message; its class name only when it has none. */
    private static String cause(Throwable e) {
        Throwable root = root(e);
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
