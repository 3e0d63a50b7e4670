package dev.baton.runbook;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The front matter most runbooks write, read without a YAML parser: top-level {@code key: value} lines and
 * {@code key:} followed by {@code - item} lines, each value a word or words that YAML can only read as that text
 * ({@code title: Disk full}, {@code severity: P2}, {@code mttr: 30m}, {@code owner: Team 3}). Anything else (quotes,
 * comments, flow lists, nested maps, numbers YAML would rewrite, words YAML reads as booleans or null, a key twice)
 * is left to the YAML parser, which reads the rest of the file's front matter as it always has: this reader either
 * gives what the YAML parser gives, or nothing. The YAML parser was a sixteenth of a large library's first open.
 */
final class PlainFrontMatter {
    /** Plain words YAML resolves to something other than their text: left to the YAML parser. */
    private static final Set<String> RESOLVED_WORDS = Set.of("null", "true", "false", "yes", "no", "on", "off", "y", "n");

    private PlainFrontMatter() {
    }

    /** The values as {@link FrontMatter} keeps them (keys lower-cased, first of a key wins), or null for the YAML parser. */
    static Map<String, List<String>> read(String body) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        Set<String> keys = new HashSet<>();
        String[] lines = body.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            if (line.isBlank()) {
                if (!isSpaces(line)) {
                    return null; // a tab or another blank character: YAML's rules on those are its own
                }
                i++;
                continue;
            }
            int colon = keyEnd(line);
            if (colon < 0 || !keys.add(line.substring(0, colon))) {
                return null;
            }
            String key = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String rest = line.substring(colon + 1);
            if (!rest.isEmpty() && rest.charAt(0) != ' ') {
                return null;
            }
            String value = rest.strip();
            List<String> texts = new ArrayList<>();
            i++;
            if (!value.isEmpty()) {
                if (!isPlainText(value)) {
                    return null;
                }
                texts.add(value);
            } else {
                // A block list under the key, every item at the same indentation; or nothing (a null value).
                int indent = -1;
                while (i < lines.length && !lines[i].isBlank() && (lines[i].startsWith(" ") || lines[i].startsWith("-"))) {
                    String item = lines[i];
                    int dash = 0;
                    while (dash < item.length() && item.charAt(dash) == ' ') {
                        dash++;
                    }
                    if (indent >= 0 && dash != indent || !item.startsWith("- ", dash)) {
                        return null;
                    }
                    indent = dash;
                    String text = item.substring(dash + 2).strip();
                    if (!isPlainText(text)) {
                        return null;
                    }
                    texts.add(text);
                    i++;
                }
            }
            values.putIfAbsent(key, List.copyOf(texts));
        }
        return values.isEmpty() ? null : values;
    }

    /** The end of a top-level key ({@code title}, {@code labels.severity}) followed by a colon, or -1. */
    private static int keyEnd(String line) {
        if (line.isEmpty() || !isAsciiLetter(line.charAt(0))) {
            return -1;
        }
        int end = 1;
        while (end < line.length()) {
            char c = line.charAt(end);
            if (c == ':') {
                String key = line.substring(0, end);
                return RESOLVED_WORDS.contains(key.toLowerCase(Locale.ROOT)) ? -1 : end;
            }
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '_' && c != '-' && c != '.') {
                return -1;
            }
            end++;
        }
        return -1;
    }

    /**
     * Text that YAML reads as exactly itself: starting with a letter (not one of the words it resolves), or a
     * whole number without sign or leading zero (printed back the same), or a number followed by a unit
     * ({@code 30m}, {@code 2h}) whose letter cannot make it a number ({@code 1e3}, {@code 0x1f}, {@code 0o7}, {@code 0b1}),
     * then only letters, digits, spaces and {@code _ - . / ( ) +}.
     */
    static boolean isPlainText(String value) {
        if (value.isEmpty() || value.length() > 200) {
            return false;
        }
        char first = value.charAt(0);
        if (first >= '0' && first <= '9') {
            int digits = 0;
            while (digits < value.length() && value.charAt(digits) >= '0' && value.charAt(digits) <= '9') {
                digits++;
            }
            if (digits == value.length()) {
                return digits <= 9 && (first != '0' || digits == 1);
            }
            char unit = value.charAt(digits);
            if (!isAsciiLetter(unit) || "eEoOxXbB".indexOf(unit) >= 0) {
                return false;
            }
        } else if (!Character.isLetter(first) || RESOLVED_WORDS.contains(value.toLowerCase(Locale.ROOT))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!Character.isLetterOrDigit(c) && " _-./()+".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isSpaces(String line) {
        return line.chars().allMatch(c -> c == ' ');
    }
}
