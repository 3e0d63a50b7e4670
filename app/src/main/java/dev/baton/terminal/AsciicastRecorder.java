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
 * header line, then one {@code [seconds, "o", text]} line per chunk of output. Only output is
 * recorded, never keystrokes, so a password typed at a prompt that does not echo stays out of it.
 */
public final class AsciicastRecorder implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter out;
    private final long startNanos = System.nanoTime();
    private boolean closed;

    public AsciicastRecorder(Path file, int columns, int rows, String title) throws IOException {
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

    public synchronized void output(String text) throws IOException {
        if (closed || text.isEmpty()) {
            return;
        }
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
            closed = true;
            out.close();
        }
    }
}
