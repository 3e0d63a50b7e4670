package dev.baton.incident;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Masks secrets in output as it is written to the incident folder, with the scanner a handoff bundle is redacted
 * with: the original never reaches disk, and {@code «masked: kind»} shows the responder what was there. Bytes are
 * read as ISO-8859-1, one char per byte, so output that is not UTF-8 is kept byte for byte around what is masked.
 */
public final class SecretMask {
    /** Masked text and how many secrets were masked in it. */
    public record Masked(String text, int count) {}

    private SecretMask() {
    }

    public static String mark(String kind) {
        return "«masked: " + kind + "»";
    }

    /** Text held in memory (a capture), masked line by line. */
    public static Masked text(String text) {
        SecretScanner scanner = new SecretScanner();
        StringBuilder out = new StringBuilder(text.length());
        int count = 0;
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline;
            count += mask(scanner, text.substring(start, end), out);
            if (newline >= 0) {
                out.append('\n');
            }
            start = end + 1;
        }
        return new Masked(out.toString(), count);
    }

    /** Copies output (a run's stdout) masking it; returns how many secrets were masked. */
    public static int copy(InputStream in, OutputStream out) throws IOException {
        SecretScanner scanner = new SecretScanner();
        TextLines lines = new TextLines(in);
        int count = 0;
        byte[] line;
        while ((line = lines.next()) != null) {
            String text = new String(line, StandardCharsets.ISO_8859_1);
            String ending = text.endsWith("\r\n") ? "\r\n" : text.endsWith("\n") ? "\n" : "";
            String body = text.substring(0, text.length() - ending.length());
            List<SecretScanner.Span> spans = scanner.scan(body);
            if (spans.isEmpty()) {
                out.write(line);
                continue;
            }
            // One char per byte: the spans are byte offsets; the original bytes are kept around each mark.
            int at = 0;
            for (SecretScanner.Span span : spans) {
                out.write(line, at, span.start() - at);
                out.write(mark(span.kind()).getBytes(StandardCharsets.UTF_8));
                at = span.end();
            }
            out.write(line, at, line.length - at);
            count += spans.size();
        }
        return count;
    }

    private static int mask(SecretScanner scanner, String line, StringBuilder out) {
        return mask(line, scanner.scan(line), out);
    }

    private static int mask(String line, List<SecretScanner.Span> spans, StringBuilder out) {
        int at = 0;
        for (SecretScanner.Span span : spans) {
            out.append(line, at, span.start()).append(mark(span.kind()));
            at = span.end();
        }
        out.append(line, at, line.length());
        return spans.size();
    }
}
