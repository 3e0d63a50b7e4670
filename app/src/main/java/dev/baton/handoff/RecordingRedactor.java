package dev.baton.handoff;

import dev.baton.incident.SecretScanner;
import dev.baton.incident.TextLines;
import dev.baton.terminal.ShownText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Redacts an asciicast v2 recording by what the terminal showed, not by its raw events: a shell echoes
 * a typed token one character per event, and colour escapes split a secret
 * ({@code password=\e[01;31mhunter2}). The output events are read as one stream with escape sequences
 * removed, backspaces applied and cursor jumps taken as line breaks; each shown line is scanned, and a
 * secret found is replaced in the events it came from ({@code [REDACTED:kind]} where it starts, its other
 * characters removed), so the recording still plays. Escapes and the other events stay as they were.
 *
 * <p>This is what the terminal showed only as far as a stream can tell: a program that draws with
 * cursor movement can still hide a secret from the scan, which is why a recording travels only when
 * the responder keeps it ({@link #KIND}).
 */
final class RecordingRedactor {
    /** The finding that names a whole recording: left out of the bundle unless the responder keeps it. */
    static final String KIND = "recording";
    static final String LEFT_OUT = "a terminal recording: it travels only if you keep it; the scan reads what it "
            + "showed, but a program that moves the cursor can hide a secret from it";
    /** A shown line is cut here (and so may a secret be), as {@link Redactor#MAX_LINE} cuts text lines. */
    private static final int MAX_SHOWN_LINE = 64 * 1024;
    private static final int MAX_PENDING_EVENTS = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line of the file, held until no shown line that may still be redacted reaches into it. */
    private static final class Event {
        final byte[] raw;
        final long number;
        final ArrayNode node;
        final String text;
        final Map<Integer, String> edits = new TreeMap<>();

        Event(byte[] raw, long number, ArrayNode node, String text) {
            this.raw = raw;
            this.number = number;
            this.node = node;
            this.text = text;
        }
    }

    private final Redactor redactor;
    private final String file;
    private final OutputStream out;
    private final SecretScanner shownScanner = new SecretScanner();
    private final SecretScanner lineScanner = new SecretScanner();
    private final ArrayDeque<Event> pending = new ArrayDeque<>();
    private final StringBuilder shown = new StringBuilder();
    private final List<Event> shownEvent = new ArrayList<>();
    private final List<Integer> shownOffset = new ArrayList<>();
    private final ShownText terminal = new ShownText();

    private RecordingRedactor(Redactor redactor, String file, OutputStream out) {
        this.redactor = redactor;
        this.file = file;
        this.out = out;
    }

    /** Copies a recording, redacting what it showed; findings go to {@code redactor} as for any file. */
    static void copy(Redactor redactor, String file, InputStream in, OutputStream out) throws IOException {
        RecordingRedactor copy = new RecordingRedactor(redactor, file, out);
        TextLines lines = new TextLines(in);
        byte[] line;
        long number = 0;
        while ((line = lines.next()) != null) {
            copy.line(++number, line);
        }
        copy.endShownLine();
        copy.flush(0);
    }

    private void line(long number, byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.UTF_8);
        String ending = text.endsWith("\n") ? "\n" : "";
        String body = text.substring(0, text.length() - ending.length());
        JsonNode node = null;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            // Not JSON: redacted as a plain line below.
        }
        if (node instanceof ArrayNode event && event.size() >= 3 && "o".equals(event.get(1).asText())
                && event.get(2).isTextual()) {
            Event output = new Event(raw, number, event, event.get(2).asText());
            pending.add(output);
            show(output);
        } else {
            String result = redactor.redactJsonLine(lineScanner, file, number, body);
            pending.add(new Event(result == body ? raw : (result + ending).getBytes(StandardCharsets.UTF_8),
                    number, null, null));
        }
        if (pending.size() > MAX_PENDING_EVENTS) {
            endShownLine();
            flush(0);
        }
    }

    /** Feeds an output event's characters through a small terminal: what would show, and where it came from. */
    private void show(Event event) throws IOException {
        terminal.read(event.text, new ShownText.Reader<IOException>() {
            @Override
            public void shown(char c, int index) {
                shown.append(c);
                shownEvent.add(event);
                shownOffset.add(index);
                if (shown.length() >= MAX_SHOWN_LINE) {
                    endShownLineAfterBlank();
                }
            }

            @Override
            public void backspace() {
                if (!shown.isEmpty()) {
                    int last = shown.length() - 1;
                    shown.setLength(last);
                    shownEvent.remove(last);
                    shownOffset.remove(last);
                }
            }

            @Override
            public void lineEnd(boolean newline) throws IOException {
                endShownLine();
                if (newline) {
                    flush(1);
                }
            }
        });
    }

    /**
     * Scans a shown line too long to hold up to the last blank of its final {@link Redactor#CUT_WINDOW}
     * characters, keeping the rest for the next piece, so that a token is never split.
     */
    private void endShownLineAfterBlank() {
        int cut = shown.length();
        for (int i = shown.length() - 1; i >= shown.length() - Redactor.CUT_WINDOW && i > 0; i--) {
            if (shown.charAt(i) == ' ') {
                cut = i + 1;
                break;
            }
        }
        endShownLine(cut);
    }

    private void endShownLine() {
        endShownLine(shown.length());
    }

    /** Scans the first {@code upTo} characters of the shown line and drops them from it. */
    private void endShownLine(int upTo) {
        if (upTo == 0) {
            return;
        }
        String line = shown.substring(0, upTo);
        List<SecretScanner.Span> spans = shownScanner.scan(line);
        for (SecretScanner.Span span : spans) {
            Event first = shownEvent.get(span.start());
            int offset = shownOffset.get(span.start());
            Redactor.Finding finding = new Redactor.Finding(span.kind(), file, first.number, "[2]", offset);
            if (redactor.record(finding, Redactor.context(line, spans, span))) {
                continue;
            }
            for (int k = span.start(); k < span.end(); k++) {
                shownEvent.get(k).edits.put(shownOffset.get(k), k == span.start() ? "[REDACTED:" + span.kind() + "]" : "");
            }
        }
        shown.delete(0, upTo);
        shownEvent.subList(0, upTo).clear();
        shownOffset.subList(0, upTo).clear();
    }

    /** Writes the events no shown line reaches into any more: all but the last {@code keep}. */
    private void flush(int keep) throws IOException {
        while (pending.size() > keep) {
            Event event = pending.poll();
            if (event.edits.isEmpty()) {
                out.write(event.raw);
                continue;
            }
            StringBuilder text = new StringBuilder(event.text.length());
            for (int i = 0; i < event.text.length(); i++) {
                String edit = event.edits.get(i);
                text.append(edit != null ? edit : String.valueOf(event.text.charAt(i)));
            }
            event.node.set(2, text.toString());
            boolean ended = event.raw.length > 0 && event.raw[event.raw.length - 1] == '\n';
            out.write((JSON.writeValueAsString(event.node) + (ended ? "\n" : "")).getBytes(StandardCharsets.UTF_8));
        }
    }
}
