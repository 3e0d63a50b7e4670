package dev.baton.incident;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * How a terminal's recordings are named in an incident folder, {@code recordings/yyyyMMdd-HHmmss-NAME.cast}
 * (UTC start, the terminal's name made file-safe): the window names them so, and handoff.html finds a
 * terminal's recording by it.
 */
public final class RecordingFiles {
    public static final String FOLDER = "recordings/";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final int TIME_LENGTH = 15;

    private RecordingFiles() {}

    /** The folder-relative name of a recording of {@code terminal} started at {@code start}. */
    public static String name(Instant start, String terminal) {
        return FOLDER + TIME.format(start) + suffix(terminal);
    }

    /** Of {@code names}, the newest recording of {@code terminal} that started by {@code at}. */
    public static Optional<String> of(List<String> names, String terminal, Instant at) {
        String suffix = suffix(terminal);
        String by = TIME.format(at);
        return names.stream().filter(n -> n.startsWith(FOLDER) && n.endsWith(suffix)
                && n.length() == FOLDER.length() + TIME_LENGTH + suffix.length()
                && n.substring(FOLDER.length(), FOLDER.length() + TIME_LENGTH).compareTo(by) <= 0)
                .max(String::compareTo);
    }

    private static String suffix(String terminal) {
        return "-" + terminal.replaceAll("[^A-Za-z0-9._-]+", "-") + ".cast";
    }
}
