package dev.baton.query;

import dev.baton.step.Placeholders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A query as it is sent: the responder's placeholder values filled in ({@code <namespace>},
 * {@code {{instance}}}), then Grafana's range variables ({@code $__range}, {@code ${__interval}},
 * {@code $__rate_interval}, and their {@code _s}/{@code _ms} forms) given values from the window, so a
 * query copied from a dashboard runs as it did there.
 */
public final class QueryText {
    /** What Grafana assumes when it does not know the scrape interval; it sets the floor of $__rate_interval. */
    static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(15);
    private static final Pattern VARIABLE = Pattern.compile(
            "\\$\\{(__(?:range|interval|rate_interval)(?:_s|_ms)?)}|\\$(__(?:range|interval|rate_interval)(?:_s|_ms)?)\\b");

    private QueryText() {}

    /** The placeholders the responder must give, in order; the range variables are not among them. */
    public static List<String> placeholders(String query) {
        return Placeholders.find(query);
    }

    /** Placeholders and range variables filled; a placeholder without a value stays as written. */
    public static String fill(String query, Map<String, String> values, QueryWindow window) {
        return fill(query, values, java.util.Set.of(), window);
    }

    /**
     * As {@link #fill(String, Map, QueryWindow)}, with the values named in {@code literal} (an alert's labels,
     * the incident's variables) put in as data where they stand ({@link QueryValues}).
     *
     * @throws UnsafeQueryValue when such a value cannot stand where the query asks for it
     */
    public static String fill(String query, Map<String, String> values, java.util.Set<String> literal,
            QueryWindow window) {
        String filled = QueryValues.fill(query, values, literal);
        Matcher m = VARIABLE.matcher(filled);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(value(name, window)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String value(String name, QueryWindow window) {
        Duration duration;
        String base = name.replaceFirst("_(s|ms)$", "");
        if (base.equals("__range")) {
            duration = window.range();
        } else if (base.equals("__interval")) {
            duration = window.step();
        } else {
            // Grafana's rule: at least four scrapes, and at least one interval plus a scrape.
            Duration fourScrapes = SCRAPE_INTERVAL.multipliedBy(4);
            Duration intervalPlusScrape = window.step().plus(SCRAPE_INTERVAL);
            duration = fourScrapes.compareTo(intervalPlusScrape) > 0 ? fourScrapes : intervalPlusScrape;
        }
        if (name.endsWith("_ms")) {
            return Long.toString(duration.toMillis());
        }
        if (name.endsWith("_s")) {
            return Long.toString(duration.toSeconds());
        }
        return QueryWindow.format(duration);
    }
}
