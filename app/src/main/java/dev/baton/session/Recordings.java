package dev.baton.session;

import dev.baton.incident.SecretScanner;
import dev.baton.terminal.AsciicastRecorder;
import dev.baton.terminal.SecretFinder;
import java.io.IOException;
import java.nio.file.Path;

/** Terminal recordings kept in an incident folder: masked as they are written, by the scanner captures use. */
public final class Recordings {
    private Recordings() {
    }

    /** Starts a recording into {@code file}; secrets it shows are masked before they reach the file. */
    public static AsciicastRecorder start(Path file, int columns, int rows, String title) throws IOException {
        SecretScanner scanner = new SecretScanner();
        return new AsciicastRecorder(file, columns, rows, title, line -> scanner.scan(line).stream()
                .map(span -> new SecretFinder.Found(span.kind(), span.start(), span.end())).toList());
    }
}
