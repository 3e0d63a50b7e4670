package dev.baton.handoff;

import dev.baton.incident.SecretScanner;
import dev.baton.incident.TextLines;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.baton.incident.Timeline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies the files of a bundle with the secrets {@link SecretScanner} finds replaced by
 * {@code [REDACTED:kind]}, except those the responder chose to keep. Files stream through line by line;
 * nothing is held whole. The same pass with nowhere to write lists what an export would redact.
 *
 * <p>Text is read byte for byte as ISO-8859-1, so a file that is not UTF-8 comes out unchanged where
 * nothing was found. JSON lines (the timeline, recordings) are redacted inside their strings, keeping
 * every line valid JSON; a timeline whose line changed gets its hash chain rebuilt from there on.
 */
public final class Redactor {
    /**
     * Lines longer than this are scanned in pieces, each cut after the last space or tab of its final
     * {@link #CUT_WINDOW} bytes, so that a token is never split; a line without one there is cut where it is.
     */
    static final int MAX_LINE = TextLines.MAX_LINE;
    static final int CUT_WINDOW = TextLines.CUT_WINDOW;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code password-hunter2} in a slug was {@code password=hunter2}. */
    private static final java.util.regex.Pattern SLUG_ASSIGNMENT =
            java.util.regex.Pattern.compile("(?i)(" + SecretScanner.SECRET_WORD + ") ");

    /**
     * A secret found: where, never what.
     *
     * @param field for JSON lines, the string's path in the line ({@code data.text}); empty for text
     * @param column the offset in the line, or in the JSON string
     */
    public record Finding(String kind, String file, long line, String field, int column) {
        /** What the responder names to keep a finding; stable as long as the text before it is. */
        public String id() {
            return file + ":" + line + (field.isEmpty() ? "" : ":" + field) + ":" + column + ":" + kind;
        }

        /** Line 0 is not in the file's content: its name, a manifest field, or the whole file. */
        public String place() {
            if (line == 0) {
                return file + (field.isEmpty() ? "" : ", " + field);
            }
            return file + " line " + line + (field.isEmpty() ? ", column " + (column + 1) : ", " + field);
        }
    }

    /**
     * A finding with the line it was met in, that secret masked but for its first characters, so the
     * responder can tell what it is. Held in memory only.
     */
    public record Found(Finding finding, String context, boolean kept) {}

    private final Set<String> keep;
    private final List<Found> found = new ArrayList<>();

    /** @param keep ids of findings the responder chose to leave in the bundle */
    public Redactor(Set<String> keep) {
        this.keep = Set.copyOf(keep);
    }

    /** Every finding in the order met, redacted or kept. */
    public List<Found> found() {
        return List.copyOf(found);
    }

    public List<Finding> redacted() {
        return found.stream().filter(f -> !f.kept()).map(Found::finding).toList();
    }

    public List<Finding> kept() {
        return found.stream().filter(Found::kept).map(Found::finding).toList();
    }

    public void copyText(String file, InputStream in, OutputStream out) throws IOException {
        SecretScanner scanner = new SecretScanner();
        TextLines lines = new TextLines(in);
        byte[] line;
        long number = 0;
        while ((line = lines.next()) != null) {
            number++;
            if (!scanner.insideKey() && !SecretScanner.mayHoldSecret(line, 0, line.length)) {
                // Most lines of output: the scan would find nothing, so the bytes go on as they came.
                out.write(line);
                continue;
            }
            String text = new String(line, StandardCharsets.ISO_8859_1);
            String ending = text.endsWith("\r\n") ? "\r\n" : text.endsWith("\n") ? "\n" : "";
            String body = text.substring(0, text.length() - ending.length());
            String result = redactLine(scanner, file, number, "", 0, body);
            out.write(result == body ? line : (result + ending).getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /** A small text held in memory (the handoff note), as {@link #copyText} would copy it. */
    public String redactText(String file, String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copyText(file, new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * A short string that leaves in the bundle outside any file's content (a title, a name in the
     * manifest): every secret in it is redacted, whatever the responder keeps.
     *
     * @param file where the string shows (the file it names, or the manifest)
     * @param field what it is there ({@code title}, {@code name})
     */
    public String redactField(String file, String field, String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        StringBuilder result = new StringBuilder(value.length());
        int at = 0;
        List<SecretScanner.Span> spans = new SecretScanner().scan(value.replace('\n', ' ').replace('\r', ' '));
        for (SecretScanner.Span span : spans) {
            found.add(new Found(new Finding(span.kind(), file, 0, field, span.start()),
                    context(value, spans, span) + "   (always redacted)", false));
            result.append(value, at, span.start()).append("[REDACTED:").append(span.kind()).append(']');
            at = span.end();
        }
        return result.append(value, at, value.length()).toString();
    }

    /**
     * The name a file travels under: secrets in it are replaced by {@code REDACTED-kind}. Names are
     * often slugs ({@code password-hunter2}, lower-cased keys), so they are also read with dashes as
     * spaces (the one after a secret word as {@code =}) and in upper case.
     */
    public String bundlePath(String name) {
        List<SecretScanner.Span> spans = new ArrayList<>();
        // A slug's words joined by dashes look random as a whole: only dashless tokens count as high-entropy.
        java.util.function.Predicate<SecretScanner.Span> specific = span -> !span.kind().equals("high-entropy");
        new SecretScanner().scan(name).stream().filter(specific).forEach(spans::add);
        spans.addAll(new SecretScanner().scan(SLUG_ASSIGNMENT.matcher(name.replace('-', ' ')).replaceAll("$1=")));
        new SecretScanner().scan(name.toUpperCase(java.util.Locale.ROOT)).stream().filter(specific).forEach(spans::add);
        spans.sort(java.util.Comparator.comparingInt(SecretScanner.Span::start));
        StringBuilder result = new StringBuilder(name.length());
        int at = 0;
        List<Finding> findings = new ArrayList<>();
        for (SecretScanner.Span span : spans) {
            if (span.start() < at) {
                continue;
            }
            int end = span.end();
            // A path's folder and extension stay: only the file name's own text goes.
            int slash = name.indexOf('/', span.start());
            if (slash >= 0 && slash < end) {
                end = slash;
            }
            findings.add(new Finding(span.kind(), "", 0, "its name", span.start()));
            result.append(name, at, span.start()).append("REDACTED-").append(span.kind());
            at = end;
        }
        String safe = result.append(name, at, name.length()).toString();
        for (Finding f : findings) {
            found.add(new Found(new Finding(f.kind(), safe, 0, f.field(), f.column()),
                    "(in the file's name: always redacted)", false));
        }
        return safe;
    }

    /** Records a finding; returns whether the responder keeps it. */
    boolean record(Finding finding, String context) {
        boolean kept = keep.contains(finding.id());
        found.add(new Found(finding, context, kept));
        return kept;
    }

    boolean keeps(String id) {
        return keep.contains(id);
    }

    /**
     * Copies JSON lines, redacting inside strings. For a timeline only the events' {@code data} is
     * scanned, and once a line changed every {@code prev} after it is recomputed so the chain holds.
     *
     * @return the hash of the last line written
     */
    public String copyJsonLines(String file, InputStream in, OutputStream out, boolean timeline) throws IOException {
        SecretScanner scanner = new SecretScanner();
        TextLines lines = new TextLines(in);
        byte[] line;
        long number = 0;
        boolean rechain = false;
        String lastHash = Timeline.GENESIS;
        while ((line = lines.next()) != null) {
            number++;
            String text = new String(line, StandardCharsets.UTF_8);
            String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            JsonNode node;
            try {
                node = JSON.readTree(body);
            } catch (IOException e) {
                node = null;
            }
            boolean changed = false;
            if (node == null || !node.isContainerNode()) {
                String result = redactLine(scanner, file, number, "", 0, body);
                changed = result != body;
                body = result;
            } else {
                JsonNode scanned = timeline && node.isObject() ? node.get("data") : node;
                if (scanned != null) {
                    changed = redactJson(scanner, file, number, timeline ? "data" : "", scanned);
                }
                if (timeline && node.isObject() && (changed || rechain)) {
                    ((ObjectNode) node).put("prev", lastHash);
                    changed = true;
                }
                if (changed) {
                    body = JSON.writeValueAsString(node);
                }
            }
            rechain |= changed && timeline;
            lastHash = Timeline.sha256(body);
            out.write(changed ? (body + (text.endsWith("\n") ? "\n" : "")).getBytes(StandardCharsets.UTF_8) : line);
        }
        return lastHash;
    }

    /** One JSON line that is not a timeline event, redacted inside its strings; {@code body} itself when unchanged. */
    String redactJsonLine(SecretScanner scanner, String file, long number, String body) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isContainerNode()) {
            return redactLine(scanner, file, number, "", 0, body);
        }
        return redactJson(scanner, file, number, "", node) ? JSON.writeValueAsString(node) : body;
    }

    private boolean redactJson(SecretScanner scanner, String file, long line, String path, JsonNode node) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (field.getValue().isTextual()) {
                    String value = field.getValue().asText();
                    String result = redactString(scanner, file, line, childPath, value);
                    if (!result.equals(value)) {
                        field.setValue(TextNode.valueOf(result));
                        changed = true;
                    }
                } else {
                    changed |= redactJson(scanner, file, line, childPath, field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String childPath = path + "[" + i + "]";
                if (array.get(i).isTextual()) {
                    String value = array.get(i).asText();
                    String result = redactString(scanner, file, line, childPath, value);
                    if (!result.equals(value)) {
                        array.set(i, TextNode.valueOf(result));
                        changed = true;
                    }
                } else {
                    changed |= redactJson(scanner, file, line, childPath, array.get(i));
                }
            }
        }
        return changed;
    }

    private String redactString(SecretScanner scanner, String file, long line, String field, String value) {
        StringBuilder result = new StringBuilder(value.length());
        int offset = 0;
        for (String part : value.split("\n", -1)) {
            if (offset > 0) {
                result.append('\n');
            }
            result.append(redactLine(scanner, file, line, field, offset, part));
            offset += part.length() + 1;
        }
        return result.toString();
    }

    /** Returns {@code body} itself when nothing in it is redacted. */
    private String redactLine(SecretScanner scanner, String file, long line, String field, int offset, String body) {
        List<SecretScanner.Span> spans = scanner.scan(body);
        if (spans.isEmpty()) {
            return body;
        }
        StringBuilder result = new StringBuilder(body.length());
        int at = 0;
        boolean any = false;
        for (SecretScanner.Span span : spans) {
            Finding finding = new Finding(span.kind(), file, line, field, offset + span.start());
            boolean keptByResponder = keep.contains(finding.id());
            found.add(new Found(finding, context(body, spans, span), keptByResponder));
            if (keptByResponder) {
                continue;
            }
            result.append(body, at, span.start()).append("[REDACTED:").append(span.kind()).append(']');
            at = span.end();
            any = true;
        }
        return any ? result.append(body, at, body.length()).toString() : body;
    }

    /**
     * The line around a finding for the responder's eyes, with that secret cut to its first characters
     * and every other secret of the line masked whole.
     */
    static String context(String body, List<SecretScanner.Span> spans, SecretScanner.Span span) {
        int from = Math.max(0, span.start() - 30);
        int to = Math.min(body.length(), span.end() + 30);
        StringBuilder shown = new StringBuilder(from > 0 ? "…" : "");
        int at = from;
        for (SecretScanner.Span other : spans) {
            if (other.end() <= from || other.start() >= to) {
                continue;
            }
            shown.append(body, at, Math.max(at, other.start()));
            if (other == span) {
                shown.append(body, span.start(), Math.min(span.end(), span.start() + 4));
            }
            shown.append("••••");
            at = Math.min(to, Math.max(at, other.end()));
        }
        return shown.append(body, at, to).append(to < body.length() ? "…" : "").toString();
    }
}
