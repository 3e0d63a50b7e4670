package dev.baton.sources;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a source's redirect may take Baton, with its credentials: within the source's own origin (the same
 * scheme, host and port as its url), or to a host the user's own config.yaml names under
 * {@code allow_redirects_to} for that source. Never from https to http. A runbook folder's baton.yaml
 * cannot allow a host: that would let a file from a repository send the user's credentials elsewhere.
 */
final class RedirectRule {
    private RedirectRule() {}

    /** Why Baton does not follow a redirect to {@code target}, or empty when it does. */
    static Optional<String> refusal(DataSource source, URI target) {
        URI origin = source.url();
        String scheme = lower(target.getScheme());
        if (!scheme.equals("http") && !scheme.equals("https") || target.getHost() == null) {
            return Optional.of("redirects to " + DataSource.masked(target) + ", which is not an http or https address; "
                    + "Baton does not follow it");
        }
        if (lower(origin.getScheme()).equals("https") && scheme.equals("http")) {
            return Optional.of("redirects from https to " + DataSource.masked(target) + " (plain http); Baton does not "
                    + "follow it, the credentials and the answer would travel unencrypted");
        }
        if (sameOrigin(origin, target) || allowed(source, target)) {
            return Optional.empty();
        }
        return Optional.of("redirects to another host, " + scheme + "://" + hostPort(target) + "; Baton does not follow "
                + "it, so this source's credentials never reach that host. If that host is one of yours, name it "
                + "under allow_redirects_to: of " + source.kind().configKey() + " " + source.name()
                + " in your config.yaml (allow_redirects_to: [" + hostPort(target) + "])");
    }

    static boolean sameOrigin(URI a, URI b) {
        return lower(a.getScheme()).equals(lower(b.getScheme())) && lower(a.getHost()).equals(lower(b.getHost()))
                && port(a) == port(b);
    }

    /** An entry is a host (any port of it, the source's scheme or https) or host:port. */
    private static boolean allowed(DataSource source, URI target) {
        for (String entry : source.allowRedirectsTo()) {
            String wanted = lower(entry.strip());
            if (wanted.equals(lower(target.getHost())) || wanted.equals(lower(hostPort(target)))) {
                return true;
            }
        }
        return false;
    }

    static String hostPort(URI uri) {
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]" : uri.getHost();
        return host + ":" + port(uri);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : lower(uri.getScheme()).equals("https") ? 443 : 80;
    }

    private static String lower(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }
}
