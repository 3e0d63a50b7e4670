package dev.baton.incident;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secrets in text, one line at a time, after the rule families of gitleaks: private key blocks,
 * cloud and chat tokens, bearer tokens and JWTs, passwords in URLs, {@code password=} style assignments,
 * and high-entropy strings beside a secret-sounding word. References such as {@code $PASSWORD},
 * {@code ${TOKEN}}, {@code <db-password>} or {@code {{ token }}} name a secret without holding one and
 * are left alone. Nothing is looked up online.
 *
 * <p>One scanner reads one file from its start: a private key block spans lines, so the scanner
 * remembers that it is inside one.
 */
public final class SecretScanner {
    /** Where a secret sits in a line: {@code [start, end)}. */
    public record Span(String kind, int start, int end) {}

    /**
     * @param group the value's group; for a rule with quoted and bare alternatives, the first of them,
     *              whichever matched being the value
     */
    private record Rule(String kind, Pattern pattern, int group, boolean alternatives) {
        Rule(String kind, Pattern pattern, int group) {
            this(kind, pattern, group, false);
        }
    }

    private static final Pattern KEY_BEGIN = Pattern.compile("-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----");
    private static final Pattern KEY_END = Pattern.compile("-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----");
    public static final String SECRET_WORD =
            "(?:password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)";
    /** Keys that name where a secret is kept ({@code secretName: tls-cert}), not the secret itself. */
    private static final Pattern NAMING_KEY = Pattern.compile("(?i).*(name|ref|file|path|id|type|kind|mode|length|ttl)[\"']?$");
    private static final Pattern NEAR_WORD = Pattern.compile("(?i)" + SECRET_WORD);
    private static final Pattern CANDIDATE = Pattern.compile("[A-Za-z0-9+/_-]{20,}={0,2}");
    private static final double HIGH_ENTROPY_BITS = 3.5;

    private static final List<Rule> RULES = List.of(
            new Rule("aws-access-key", Pattern.compile("\\b((?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA)[A-Z0-9]{16})\\b"), 1),
            new Rule("github-token", Pattern.compile("\\b(gh[pousr]_[A-Za-z0-9]{36,255})\\b"), 1),
            new Rule("github-token", Pattern.compile("\\b(github_pat_[A-Za-z0-9_]{22,255})\\b"), 1),
            new Rule("slack-token", Pattern.compile("\\b(xox[abposr]-[A-Za-z0-9-]{10,})"), 1),
            new Rule("slack-webhook", Pattern.compile(
                    "(https://hooks\\.slack\\.com/(?:services|workflows)/[A-Za-z0-9+/_-]{20,})"), 1),
            new Rule("jwt", Pattern.compile(
                    "\\b(ey[A-Za-z0-9_-]{10,}\\.ey[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}={0,2})"), 1),
            new Rule("bearer-token", Pattern.compile("(?i)\\bbearer\\s+([A-Za-z0-9._~+/-]{16,}=*)"), 1),
            new Rule("url-password", Pattern.compile(
                    "\\b[A-Za-z][A-Za-z0-9+.-]*://[^\\s:/@]+:([^\\s/@]+)@"), 1),
            new Rule("basic-auth", Pattern.compile("(?i)\\bauthorization:\\s*basic\\s+([A-Za-z0-9+/]{8,}=*)"), 1),
            new Rule("password-assignment", Pattern.compile(
                    "(?i)(?<![A-Za-z0-9$<_.-])([A-Za-z0-9_.-]*" + SECRET_WORD + "[A-Za-z0-9_.-]*[\"']?)\\s*(?:=|:|=>)\\s*"
                            + "(?:\"([^\"\\n]+)\"|'([^'\\n]+)'|([^\\s\"'&,;)}\\]]+))"), 2, true),
            new Rule("password-option", Pattern.compile(
                    "(?i)--(?:password|passwd|token|secret|api-key)(?:=|\\s+)(?:\"([^\"]+)\"|'([^']+)'|([^\\s\"']+))"), 1, true),
            // mysql -pSECRET (the value is joined to -p; a bare -p asks for it), as mysqldump, mysqladmin, mariadb.
            new Rule("password-option", Pattern.compile(
                    "\\b(?:mysql|mysqldump|mysqladmin|mariadb)\\b[^\\n|;&]*?\\s-p(?:\"([^\"]+)\"|'([^']+)'|([^\\s\"'-][^\\s\"']*))"),
                    1, true),
            new Rule("password-option", Pattern.compile(
                    "\\bsshpass\\b[^\\n|;&]*?\\s-p\\s*(?:\"([^\"]+)\"|'([^']+)'|([^\\s\"']+))"), 1, true),
            // curl -u user:SECRET (a user alone makes curl ask).
            new Rule("password-option", Pattern.compile(
                    "\\bcurl\\b[^\\n|;&]*?\\s(?:-u\\s*|--user[=\\s]\\s*)[\"']?[^\\s:\"']*:(?:([^\\s\"']+))"), 1, true),
            // The password in the environment of a MySQL client (MYSQL_PWD=SECRET mysql …).
            new Rule("password-assignment", Pattern.compile(
                    "\\b(MYSQL_PWD)\\s*=\\s*(?:\"([^\"]+)\"|'([^']+)'|([^\\s\"';&|]+))"), 2, true),
            new Rule("password-option", Pattern.compile(
                    "\\bredis-cli\\b[^\\n|;&]*?\\s(?:-a|--pass)\\s+(?:\"([^\"]+)\"|'([^']+)'|([^\\s\"']+))"), 1, true),
            new Rule("password-option", Pattern.compile(
                    "\\bdocker\\s+login\\b[^\\n|;&]*?\\s-p\\s*(?:\"([^\"]+)\"|'([^']+)'|([^\\s\"'-][^\\s\"']*))"), 1, true),
            // openssl's pass:SECRET (after -passin, -passout, -pass).
            new Rule("password-option", Pattern.compile(
                    "\\bopenssl\\b[^\\n|;&]*?\\spass:(?:\"([^\"]+)\"|'([^']+)'|([^\\s\"']+))"), 1, true),
            new Rule("password-option", Pattern.compile(
                    "(?i)\\b(?:requirepass|masterauth)\\s+(?:\"([^\"]+)\"|'([^']+)'|([^\\s\"']+))"), 1, true));

    /**
     * Text every rule needs somewhere in a line, lower-cased. Most lines of output hold none of it, and
     * plain substring searches cost a fraction of running the rules.
     */
    private static final String[] TRIGGERS = {"-----begin", "akia", "asia", "abia", "acca", "aida", "aroa", "ghp_",
        "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "xox", "hooks.slack", "eyj", "bearer", "authorization", "://",
        "requirepass", "masterauth", "password", "passwd", "passphrase", "secret", "token", "apikey", "api_key",
        "api-key", "mysql", "mariadb", "redis-cli", "docker", "openssl", "sshpass", "curl", "accesskey", "access_key", "access-key", "privatekey", "private_key", "private-key", "credential"};

    /** ASCII letters lower-cased, every other byte as it is: {@code toLowerCase} as it treats ISO-8859-1 text. */
    private static final int[] LOWER = new int[256];
    /**
     * The triggers by their first two characters ({@code first << 7 | second}, both ASCII), so that a
     * search looks up each pair of a line once instead of searching the line once per trigger.
     */
    private static final char[][][] BY_PAIR = new char[1 << 14][][];
    private static final int SHORTEST_TRIGGER;

    static {
        for (int b = 0; b < 256; b++) {
            LOWER[b] = b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
        }
        int shortest = Integer.MAX_VALUE;
        for (String trigger : TRIGGERS) {
            int pair = trigger.charAt(0) << 7 | trigger.charAt(1);
            char[][] known = BY_PAIR[pair] == null ? new char[0][] : BY_PAIR[pair];
            char[][] grown = java.util.Arrays.copyOf(known, known.length + 1);
            grown[known.length] = trigger.toCharArray();
            BY_PAIR[pair] = grown;
            shortest = Math.min(shortest, trigger.length());
        }
        SHORTEST_TRIGGER = shortest;
    }

    private boolean insideKey;

    /** Whether the last line scanned began or continued a private key block that it did not end. */
    public boolean insideKey() {
        return insideKey;
    }

    /** The secrets in one line (without its line end), in order, none overlapping. */
    public List<Span> scan(String line) {
        if (!insideKey && !mayHoldSecret(line)) {
            return List.of();
        }
        List<Span> spans = new ArrayList<>();
        int from = 0;
        if (insideKey) {
            Matcher end = KEY_END.matcher(line);
            if (end.find()) {
                insideKey = false;
                spans.add(new Span("private-key", 0, end.end()));
                from = end.end();
            } else {
                return List.of(new Span("private-key", 0, line.length()));
            }
        }
        Matcher begin = KEY_BEGIN.matcher(line);
        if (begin.find(from)) {
            Matcher end = KEY_END.matcher(line);
            if (end.find(begin.end())) {
                spans.add(new Span("private-key", begin.start(), end.end()));
            } else {
                spans.add(new Span("private-key", begin.start(), line.length()));
                insideKey = true;
            }
        }
        for (Rule rule : RULES) {
            Matcher matcher = rule.pattern().matcher(line);
            while (matcher.find()) {
                int group = rule.alternatives() ? firstMatchedGroup(matcher, rule.group()) : rule.group();
                if (group < 0 || isReference(matcher.group(group))
                        || rule.kind().equals("password-assignment") && NAMING_KEY.matcher(matcher.group(1)).matches()) {
                    continue;
                }
                spans.add(new Span(rule.kind(), matcher.start(group), matcher.end(group)));
            }
        }
        if (NEAR_WORD.matcher(line).find()) {
            Matcher candidate = CANDIDATE.matcher(line);
            while (candidate.find()) {
                String token = candidate.group();
                int start = candidate.start();
                int end = candidate.end();
                boolean covered = spans.stream().anyMatch(s -> s.start() < end && start < s.end());
                if (!covered && looksRandom(token) && !isReference(token)) {
                    spans.add(new Span("high-entropy", start, end));
                }
            }
        }
        return withoutOverlaps(spans);
    }

    /**
     * Whether {@code text[from, to)}, read as ISO-8859-1, holds any text a rule needs: when it does not,
     * {@link #scan} of that text finds nothing (outside a private key block), so a copy can pass the bytes
     * on without making a string of them. Gives what {@link #mayHoldSecret(String)} gives for the same text.
     */
    public static boolean mayHoldSecret(byte[] text, int from, int to) {
        for (int i = from, last = to - SHORTEST_TRIGGER; i <= last; i++) {
            int first = LOWER[text[i] & 0xff];
            int second = LOWER[text[i + 1] & 0xff];
            if ((first | second) < 0x80) {
                char[][] triggers = BY_PAIR[first << 7 | second];
                if (triggers != null && startsWithTrigger(text, i, to, triggers)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean startsWithTrigger(byte[] text, int at, int to, char[][] triggers) {
        for (char[] trigger : triggers) {
            if (at + trigger.length <= to) {
                int k = 2;
                while (k < trigger.length && LOWER[text[at + k] & 0xff] == trigger[k]) {
                    k++;
                }
                if (k == trigger.length) {
                    return true;
                }
            }
        }
        return false;
    }

    /** As {@link #mayHoldSecret(byte[], int, int)} for a line of any text. */
    static boolean mayHoldSecret(String line) {
        int length = line.length();
        for (int i = 0, last = length - SHORTEST_TRIGGER; i <= last; i++) {
            char c = line.charAt(i);
            char d = line.charAt(i + 1);
            if ((c | d) >= 0x100) {
                // Beyond ISO-8859-1 a character can lower-case to ASCII (the Kelvin sign to k): the general way.
                return mayHoldSecretAnyCase(line);
            }
            int first = LOWER[c];
            int second = LOWER[d];
            if ((first | second) < 0x80) {
                char[][] triggers = BY_PAIR[first << 7 | second];
                if (triggers != null && startsWithTrigger(line, i, triggers)) {
                    return true;
                }
            }
        }
        // The last characters were not looked at when the line is too short to hold a trigger there.
        for (int i = Math.max(0, length - SHORTEST_TRIGGER + 1); i < length; i++) {
            if (line.charAt(i) >= 0x100) {
                return mayHoldSecretAnyCase(line);
            }
        }
        return false;
    }

    private static boolean startsWithTrigger(String line, int at, char[][] triggers) {
        for (char[] trigger : triggers) {
            if (at + trigger.length <= line.length()) {
                int k = 2;
                while (k < trigger.length && line.charAt(at + k) < 0x100 && LOWER[line.charAt(at + k)] == trigger[k]) {
                    k++;
                }
                if (k == trigger.length) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The reference the quick searches above must agree with: each trigger in the lower-cased line. */
    static boolean mayHoldSecretAnyCase(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        for (String trigger : TRIGGERS) {
            if (lower.contains(trigger)) {
                return true;
            }
        }
        return false;
    }

    private static int firstMatchedGroup(Matcher matcher, int first) {
        for (int g = first; g <= matcher.groupCount(); g++) {
            if (matcher.group(g) != null) {
                return g;
            }
        }
        return -1;
    }

    /** A name for a secret (a shell variable, a placeholder, a template, a mask), not the secret. */
    static boolean isReference(String value) {
        String v = value.strip();
        if (v.isEmpty() || v.startsWith("$") || v.startsWith("<") || v.startsWith("{{") || v.startsWith("%")
                || v.startsWith("[REDACTED") || v.startsWith("«masked") || v.startsWith("`$") || v.startsWith("\"$")) {
            return true;
        }
        if (v.chars().allMatch(c -> c == '*' || c == 'x' || c == 'X' || c == '.' || c == '•')) {
            return true;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        return lower.equals("null") || lower.equals("none") || lower.equals("true") || lower.equals("false")
                || lower.equals("redacted") || lower.equals("required") || lower.equals("prompt")
                || lower.equals("bearer") || lower.equals("basic") || lower.equals("|") || lower.equals(">");
    }

    private static boolean looksRandom(String token) {
        boolean digit = token.chars().anyMatch(Character::isDigit);
        boolean letter = token.chars().anyMatch(Character::isLetter);
        return digit && letter && entropy(token) >= HIGH_ENTROPY_BITS;
    }

    /** Shannon entropy in bits per character. */
    static double entropy(String text) {
        int[] counts = new int[128];
        int n = 0;
        for (char c : text.toCharArray()) {
            if (c < 128) {
                counts[c]++;
                n++;
            }
        }
        double bits = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / n;
                bits -= p * (Math.log(p) / Math.log(2));
            }
        }
        return bits;
    }

    /** Where two findings overlap the earlier (then the longer) one wins: each secret is named once. */
    private static List<Span> withoutOverlaps(List<Span> spans) {
        if (spans.size() < 2) {
            return spans;
        }
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingInt(Span::start).thenComparing(Comparator.comparingInt(Span::end).reversed()));
        List<Span> kept = new ArrayList<>();
        int reach = -1;
        for (Span span : sorted) {
            if (span.start() >= reach) {
                kept.add(span);
                reach = span.end();
            }
        }
        return kept;
    }
}
