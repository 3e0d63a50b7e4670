package dev.baton.sources;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A Prometheus, Loki or Alertmanager server Baton may ask.
 *
 * @param caFile     a PEM file with the CA (or CAs) that signed the server's certificate; null: the JDK's own
 * @param verifyTls  always true in a source Baton will ask: {@link SourceClient} refuses one that is not
 * @param grafanaUrl where the responder's Grafana is, for links to "open in Grafana"; may be null
 * @param allowRedirectsTo hosts (or host:port) outside the url's origin that a redirect may lead to, with the
 *                   credentials: only from the user's own config.yaml ({@link RedirectRule})
 */
public record DataSource(SourceKind kind, String name, URI url, boolean isDefault, SourceAuth auth, Path caFile,
        boolean verifyTls, String grafanaUrl, List<String> allowRedirectsTo) {

    public DataSource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        auth = auth == null ? SourceAuth.none() : auth;
        allowRedirectsTo = allowRedirectsTo == null ? List.of() : List.copyOf(allowRedirectsTo);
    }

    /** A source that may not be redirected outside its origin. */
    public DataSource(SourceKind kind, String name, URI url, boolean isDefault, SourceAuth auth, Path caFile,
            boolean verifyTls, String grafanaUrl) {
        this(kind, name, url, isDefault, auth, caFile, verifyTls, grafanaUrl, List.of());
    }

    /** A source with no credentials, no own CA and TLS verified. */
    public static DataSource of(SourceKind kind, String name, URI url) {
        return new DataSource(kind, name, url, false, SourceAuth.none(), null, true, null);
    }

    public DataSource withDefault(boolean isDefault) {
        return new DataSource(kind, name, url, isDefault, auth, caFile, verifyTls, grafanaUrl, allowRedirectsTo);
    }

    public DataSource withGrafanaUrl(String grafanaUrl) {
        return new DataSource(kind, name, url, isDefault, auth, caFile, verifyTls, grafanaUrl, allowRedirectsTo);
    }

    public DataSource withAllowRedirectsTo(List<String> hosts) {
        return new DataSource(kind, name, url, isDefault, auth, caFile, verifyTls, grafanaUrl, hosts);
    }

    /** "Alertmanager am (http://127.0.0.1:9093)": how messages name it; a password in the url is masked. */
    public String describe() {
        return kind.displayName() + " " + name + " (" + masked(url) + ")";
    }

    /** The address as messages show it: {@code user:pass@} written as {@code ***@}. */
    public static String masked(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri.toString();
        }
        return uri.getScheme() + "://" + maskedAuthority(uri) + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** The authority (host and port) with any user info written as {@code ***@}. */
    public static String maskedAuthority(URI uri) {
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        int at = authority.lastIndexOf('@');
        return at < 0 ? authority : "***@" + authority.substring(at + 1);
    }
}
