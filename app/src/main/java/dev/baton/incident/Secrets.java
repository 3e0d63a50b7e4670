package dev.baton.incident;

import java.util.Comparator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keeps values that look like secrets out of the incident folder: a placeholder named like a password
 * or a token is recorded by name only, and its value is masked in any text recorded with it.
 */
public final class Secrets {
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(pass(word|wd|phrase)?|secret|token|api[_-]?key|private[_-]?key|credential|auth).*");

    private Secrets() {}

    public static boolean isSecretName(String name) {
        return SECRET_NAME.matcher(name).matches();
    }

    public static String masked(String name) {
        return "<" + name + ": not recorded>";
    }

    /** {@code text} with the value of every secret-named placeholder replaced by its mask, longest first. */
    public static String redact(String text, Map<String, String> values) {
        String result = text;
        var secrets = values.entrySet().stream()
                .filter(entry -> isSecretName(entry.getKey()) && !entry.getValue().isEmpty())
                .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getValue().length()).reversed())
                .toList();
        for (var secret : secrets) {
            result = result.replace(secret.getValue(), masked(secret.getKey()));
        }
        return result;
    }
}
