package dev.baton.sources;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A Prometheus, Loki or Alertmanager server Baton may ask.
 *
 * @param caFile     a PEM file with the CA (or CAs) that signed the server's certificate; null: the JDK's own
 * @param verifyTls  always true in a source Baton will ask: {@link SourceClient} refuses one that is not
 * @param grafanaUrl where the responder's Grafana is, for links to "open in Grafana"; may be null
 */
public record DataSource(SourceKind kind, String name, URI url, boolean isDefault, SourceAuth auth, Path caFile,
        boolean verifyTls, String grafanaUrl) {

    public DataSource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        auth = auth == null ? SourceAuth.none() : auth;
    }

    /** A source with no credentials, no own CA and TLS verified. */
    public static DataSource of(SourceKind kind, String name, URI url) {
        return new DataSource(kind, name, url, false, SourceAuth.none(), null, true, null);
    }

    public DataSource withDefault(boolean isDefault) {
        return new DataSource(kind, name, url, isDefault, auth, caFile, verifyTls, grafanaUrl);
    }

    public DataSource withGrafanaUrl(String grafanaUrl) {
        return new DataSource(kind, name, url, isDefault, auth, caFile, verifyTls, grafanaUrl);
    }

    /** "Alertmanager am (http://127.0.0.1:9093)": how messages name it. */
    public String describe() {
        return kind.displayName() + " " + name + " (" + url + ")";
    }
}
