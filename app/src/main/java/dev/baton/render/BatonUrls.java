package dev.baton.render;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code baton:} URLs of a rendered page: {@code baton:run/3}, {@code baton:run-in/3}, {@code baton:run-on-node/3},
 * {@code baton:copy/3}, {@code baton:query/3}, {@code baton:tick/2}, {@code baton:open/<runbook id>}, {@code baton:external/<url>},
 * {@code baton:output/17} and {@code baton:rerun/17} (an earlier run, by its timeline line).
 * What a click does is decided in Java from the parsed runbook, never from the page.
 */
public final class BatonUrls {
    public static final String SCHEME = "baton:";

    public enum Action { RUN, RUN_IN, RUN_ON_NODE, COPY, QUERY, TICK, OPEN, EXTERNAL, OUTPUT, RERUN }

    public record Parsed(Action action, String argument) {
        public int number() {
            return Integer.parseInt(argument);
        }
    }

    private BatonUrls() {
    }

    public static String of(Action action, String argument) {
        return SCHEME + action.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "/"
                + URLEncoder.encode(argument, StandardCharsets.UTF_8);
    }

    public static Optional<Parsed> parse(String url) {
        if (url == null || !url.startsWith(SCHEME)) {
            return Optional.empty();
        }
        String rest = url.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String name = rest.substring(0, slash).toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        String argument;
        try {
            argument = URLDecoder.decode(rest.substring(slash + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        for (Action action : Action.values()) {
            if (action.name().equals(name)) {
                if ((action == Action.RUN || action == Action.RUN_IN || action == Action.RUN_ON_NODE
                        || action == Action.COPY || action == Action.QUERY || action == Action.TICK
                        || action == Action.OUTPUT || action == Action.RERUN)
                        && !argument.matches("\\d{1,6}")) {
                    return Optional.empty();
                }
                return Optional.of(new Parsed(action, argument));
            }
        }
        return Optional.empty();
    }
}
