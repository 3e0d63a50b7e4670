package dev.baton.terminal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes what a terminal shows as an asciicast v2 file (replayable with {@code asciinema play}): a
 * header line, then {@code [seconds, "o", text]} lines of output. Only output is recorded, never
 * keystrokes, so a password typed at a prompt that does not echo stays out of it.
 *
 * <p>Secrets are masked before anything reaches the file ({@link ShownLineMask}): output is held until a
 * line feed, so a token that arrives in two chunks is scanned whole, and a held line is written as one event
 * (a line typed at a prompt plays back at once, not key by key). A line that grows past {@link #HELD_AT_MOST}
 * without a line feed is written as it stands: a secret straddling that cut can reach the file.
 */
public final class AsciicastRecorder implements AutoCloseable {
    /** Output held waiting for a line feed, in characters, before it is masked and written anyway. */
    static final int HELD_AT_MOST = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter out;
    private final long startNanos = System.nanoTime();
    private final ShownLineMask mask;
    private final StringBuilder held = new StringBuilder();
    private boolean closed;

    /** @param secrets finds the secrets masked in what is recorded: one finder for this file alone */
    public AsciicastRecorder(Path file, int columns, int rows, String title, SecretFinder secrets) throws IOException {
        this.mask = new ShownLineMask(secrets);
        Files.createDirectories(file.toAbsolutePath().getParent());
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        ObjectNode header = JSON.createObjectNode();
        header.put("version", 2);
        header.put("width", columns);
        header.put("height", rows);
        header.put("timestamp", Instant.now().getEpochSecond());
        header.put("title", title);
        header.putObject("env").put("TERM", "xterm-256color");
        out.write(JSON.writeValueAsString(header));
        out.write('\n');
        out.flush();
    }

    /** Output as the terminal received it: written, masked, once its line is complete. */
    public synchronized void output(String text) throws IOException {
        if (closed || text.isEmpty()) {
            return;
        }
        held.append(text);
        int end = held.lastIndexOf("\n") + 1;
        if (end == 0 && held.length() >= HELD_AT_MOST) {
            end = held.length();
        }
        if (end > 0) {
            String complete = held.substring(0, end);
            held.delete(0, end);
            write(mask.mask(complete));
        }
    }

    /** How many secrets were masked in what was written so far. */
    public synchronized int masked() {
        return mask.masked();
    }

    private void write(String text) throws IOException {
        ArrayNode event = JSON.createArrayNode();
        event.add(Math.round((System.nanoTime() - startNanos) / 1_000_000.0) / 1000.0);
        event.add("o");
        event.add(text);
        out.write(JSON.writeValueAsString(event));
        out.write('\n');
    }

    /** Pushes buffered events to the file; called after each burst of output. */
    public synchronized void flush() throws IOException {
        if (!closed) {
            out.flush();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            try {
                if (!held.isEmpty()) {
                    write(mask.mask(held.toString()));
                    held.setLength(0);
                }
            } finally {
                closed = true;
                out.close();
            }
        }
    }
}
