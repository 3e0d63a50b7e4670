package dev.baton.handoff;

import dev.baton.ssh.PatternList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * An OpenSSH allowed_signers file ({@code ssh-keygen -Y verify -f}): one key per line, after the
 * principals it may sign as and its options ({@code namespaces="…"}, {@code valid-after="…"},
 * {@code valid-before="…"}, {@code cert-authority}). A signature is allowed when a line lists its very
 * key, its principals match the principal asked about (OpenSSH pattern lists, negation winning), its
 * namespaces (if any) match the signature's, and the time is within its validity. As ssh-keygen does,
 * a line that cannot be read is skipped; {@link #unreadable()} names it, so a refusal can say why.
 */
public final class AllowedSigners {
    private static final List<String> KEY_TYPE_PREFIXES = List.of("ssh-", "ecdsa-", "sk-");

    private record Entry(String principals, boolean certAuthority, String namespaces, Instant validAfter,
            Instant validBefore, byte[] keyBlob) {}

    private final Path file;
    private final List<Entry> entries;
    private final List<String> unreadable;

    private AllowedSigners(Path file, List<Entry> entries, List<String> unreadable) {
        this.file = file;
        this.entries = entries;
        this.unreadable = unreadable;
    }

    /** Lines skipped, each as {@code file:line: why}. */
    public List<String> unreadable() {
        return unreadable;
    }

    public Path file() {
        return file;
    }

    public static AllowedSigners read(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        int number = 0;
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            String line = text.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                entries.add(parse(line));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                unreadable.add(file + ":" + number + ": " + e.getMessage());
            }
        }
        return new AllowedSigners(file, entries, List.copyOf(unreadable));
    }

    /**
     * Whether this file lets the key of {@code publicKeyLine} ({@code type base64}) sign as
     * {@code principal} in {@code namespace} at {@code at}.
     */
    public boolean allows(String principal, String namespace, String publicKeyLine, Instant at) {
        byte[] blob = keyBlob(publicKeyLine);
        return entries.stream().anyMatch(e -> !e.certAuthority() && Arrays.equals(e.keyBlob(), blob)
                && PatternList.matches(e.principals(), principal, false)
                && (e.namespaces() == null || PatternList.matches(e.namespaces(), namespace, false))
                && (e.validAfter() == null || !at.isBefore(e.validAfter()))
                && (e.validBefore() == null || !at.isAfter(e.validBefore())));
    }

    /** The principals a key is listed for, whatever they are, to say whom a refused signature belongs to. */
    public List<String> principalsOf(String publicKeyLine) {
        byte[] blob = keyBlob(publicKeyLine);
        return entries.stream().filter(e -> !e.certAuthority() && Arrays.equals(e.keyBlob(), blob))
                .map(Entry::principals).toList();
    }

    private static Entry parse(String line) {
        int space = firstSpace(line, 0);
        if (space < 0) {
            throw new IllegalArgumentException("no key");
        }
        String principals = line.substring(0, space);
        String rest = line.substring(space).stripLeading();
        String options = "";
        if (!looksLikeKeyType(rest)) {
            int end = firstSpace(rest, 0);
            if (end < 0) {
                throw new IllegalArgumentException("no key after the options");
            }
            options = rest.substring(0, end);
            rest = rest.substring(end).stripLeading();
        }
        String[] key = rest.split("\\s+");
        if (key.length < 2 || !looksLikeKeyType(key[0])) {
            throw new IllegalArgumentException("no key");
        }
        byte[] blob = Base64.getDecoder().decode(key[1]);
        boolean certAuthority = false;
        String namespaces = null;
        Instant validAfter = null;
        Instant validBefore = null;
        for (String option : splitOptions(options)) {
            String lower = option.toLowerCase(Locale.ROOT);
            if (lower.equals("cert-authority")) {
                certAuthority = true;
            } else if (lower.startsWith("namespaces=")) {
                namespaces = quoted(option.substring("namespaces=".length()));
            } else if (lower.startsWith("valid-after=")) {
                validAfter = time(quoted(option.substring("valid-after=".length())));
            } else if (lower.startsWith("valid-before=")) {
                validBefore = time(quoted(option.substring("valid-before=".length())));
            } else {
                throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new Entry(principals, certAuthority, namespaces, validAfter, validBefore, blob);
    }

    private static boolean looksLikeKeyType(String text) {
        return KEY_TYPE_PREFIXES.stream().anyMatch(text::startsWith) && !text.contains("=");
    }

    /** The first blank outside double quotes, from {@code from}; -1 when none. */
    private static int firstSpace(String text, int from) {
        boolean quoted = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == ' ' || c == '\t')) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> splitOptions(String options) {
        List<String> parts = new ArrayList<>();
        if (options.isEmpty()) {
            return parts;
        }
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < options.length(); i++) {
            char c = options.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                parts.add(options.substring(start, i));
                start = i + 1;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("an unclosed quote in the options");
        }
        parts.add(options.substring(start));
        return parts;
    }

    private static String quoted(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            throw new IllegalArgumentException("option values are written in double quotes: " + value);
        }
        return value.substring(1, value.length() - 1);
    }

    /** {@code YYYYMMDD[HHMM[SS]]}, in UTC with a trailing {@code Z}, else in local time (as ssh-keygen reads it). */
    private static Instant time(String text) {
        boolean utc = text.endsWith("Z") || text.endsWith("z");
        String digits = utc ? text.substring(0, text.length() - 1) : text;
        String pattern = switch (digits.length()) {
            case 8 -> "yyyyMMdd";
            case 12 -> "yyyyMMddHHmm";
            case 14 -> "yyyyMMddHHmmss";
            default -> throw new IllegalArgumentException("a time is YYYYMMDD[HHMM[SS]][Z]: " + text);
        };
        LocalDateTime local = digits.length() == 8
                ? java.time.LocalDate.parse(digits, DateTimeFormatter.ofPattern(pattern)).atStartOfDay()
                : LocalDateTime.parse(digits, DateTimeFormatter.ofPattern(pattern));
        return local.atZone(utc ? ZoneOffset.UTC : ZoneId.systemDefault()).toInstant();
    }

    private static byte[] keyBlob(String publicKeyLine) {
        String[] words = publicKeyLine.strip().split("\\s+");
        return Base64.getDecoder().decode(words.length > 1 ? words[1] : words[0]);
    }
}
