package dev.baton.runbook;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runbook sites translate a page into a copy beside it ({@code content/zh/…}, {@code docs/de/…},
 * {@code page.ja.md}); the responder should meet the copy in their own language first, and the untranslated
 * (English) page before copies in languages they did not ask for.
 */
public final class TranslatedCopies {
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());
    /** Codes that are also common folder names in a repository: never taken as a language. */
    private static final Set<String> NOT_LANGUAGES = Set.of("am", "ci", "id", "my", "os", "to", "no", "or", "is", "as",
            "be", "ha", "la", "na", "ng", "tn", "tw", "ch");
    /** {@code de}, {@code zh-cn}, {@code pt_BR}, {@code zh-hans}. */
    private static final Pattern CODE = Pattern.compile("([a-z]{2})(?:[-_][A-Za-z]{2,4})?");
    /** {@code page.ja.md}, {@code page.zh-cn.html.md}. */
    private static final Pattern IN_NAME = Pattern.compile(".+?\\.([a-z]{2}(?:[-_][A-Za-z]{2,4})?)\\.(?:html\\.)?[A-Za-z]+");

    private TranslatedCopies() {
    }

    /**
     * The responder's language from the locale the environment names ({@code LC_ALL}, {@code LC_MESSAGES},
     * {@code LANG}, the first set wins, as POSIX orders them): {@code de_DE.UTF-8} is {@code de}; English when
     * none is set or it is {@code C} / {@code POSIX}.
     */
    public static String responderLanguage(Map<String, String> environment) {
        for (String name : List.of("LC_ALL", "LC_MESSAGES", "LANG")) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                Matcher m = Pattern.compile("([a-z]{2,3})(?:[_.@-].*)?").matcher(value.strip());
                return m.matches() ? m.group(1) : "en";
            }
        }
        return "en";
    }

    /** The language a path says its copy is in, or empty for a page that is not marked as a translation. */
    static Optional<String> language(String path) {
        String[] parts = path.replace('\\', '/').split("/");
        Matcher name = IN_NAME.matcher(parts[parts.length - 1]);
        if (name.matches()) {
            Optional<String> code = code(name.group(1));
            if (code.isPresent()) {
                return code;
            }
        }
        for (int i = 0; i < parts.length - 1; i++) {
            Optional<String> code = code(parts[i]);
            if (code.isPresent()) {
                return code;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> code(String text) {
        Matcher m = CODE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String code = m.group(1);
        return LANGUAGES.contains(code) && !NOT_LANGUAGES.contains(code) ? Optional.of(code) : Optional.empty();
    }

    /** 0 for the responder's language, 1 for an unmarked (or English) page, 2 for another language. */
    static int rank(String path, String responder) {
        String language = language(path).orElse("en");
        if (language.equals(responder)) {
            return 0;
        }
        return language.equals("en") ? 1 : 2;
    }

    /** The matches in the order found, those in the responder's language first and other languages last. */
    static List<AlertMatch> responderFirst(List<AlertMatch> matches, String responder) {
        if (matches.size() < 2) {
            return matches;
        }
        return matches.stream().sorted(Comparator.comparingInt(
                (AlertMatch m) -> rank(m.runbook().map(Runbook::path).orElse(m.target()), responder))).toList();
    }
}
