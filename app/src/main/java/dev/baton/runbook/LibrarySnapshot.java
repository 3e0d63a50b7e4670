package dev.baton.runbook;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.baton.runbook.IndexManifest.Stamp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The whole library as a window last opened it, kept beside the search index: each file's stamp with its
 * runbooks, or the problem that kept it out, one JSON line per file. A window opens a library it has opened
 * before from here, reading only files whose stamp changed. The records are written by their components only
 * (no derived getters), so what is read back equals what the parser made; another build of Baton, whose
 * parser may read the same file differently, finds the snapshot empty. Each line starts with the SHA-256 of
 * its JSON, and the JSON holds the hash of the file's bytes: a line edited by hand (other steps than the file's)
 * or damaged is dropped and its file read again. (A hash is not a signature: whoever can write the cache can
 * also write the runbooks and the rest of the user's files.)
 */
final class LibrarySnapshot {
    private static final int FORMAT = 2;
    /** Less than this is decoded on one core. */
    private static final int PART_BYTES = 1 << 20;
    /**
     * The mapper, made on first use: readying it for a runbook's records takes a quarter of a second of one core, which
     * a first open (no snapshot to read yet) would otherwise spend before its list, not after it with the snapshot's writing.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .configure(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS, false);
        static final ObjectWriter ENTRY_WRITER = MAPPER.writerFor(Entry.class);
        static final ObjectReader ENTRY_READER = MAPPER.readerFor(Entry.class);

        private Json() {
        }
    }

    /** One file: its runbooks in the file's order, or why it gave none ({@code problem} not null). */
    record Entry(String file, Stamp stamp, List<Runbook> runbooks, LibraryProblem problem) {}

    private record Header(int format, String build) {}

    private LibrarySnapshot() {
    }

    /** The entries by file; empty when the snapshot is missing, damaged or written by another build. */
    static Map<String, Entry> read(Path file, String build) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            int headerEnd = lineEnd(bytes, 0);
            if (headerEnd >= bytes.length
                    || !Json.MAPPER.readValue(bytes, 0, headerEnd, Header.class).equals(new Header(FORMAT, build))) {
                return Map.of();
            }
            // Decoded in one part per core, each a run of whole lines: on a large library this is most of an open.
            int parts = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), bytes.length / PART_BYTES));
            List<int[]> ranges = new ArrayList<>();
            int start = headerEnd + 1;
            for (int p = 1; p <= parts; p++) {
                int end = p == parts ? bytes.length : lineEnd(bytes, Math.max(start, headerEnd + 1
                        + (int) ((long) (bytes.length - headerEnd - 1) * p / parts))) + 1;
                ranges.add(new int[] {start, Math.min(end, bytes.length)});
                start = Math.min(end, bytes.length);
            }
            return ranges.parallelStream().flatMap(range -> entries(bytes, range[0], range[1]).stream())
                    .collect(Collectors.toMap(Entry::file, Function.identity(), (a, b) -> b));
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    /** The first line break at or after {@code from}, or the end. */
    private static int lineEnd(byte[] bytes, int from) {
        int i = from;
        while (i < bytes.length && bytes[i] != '\n') {
            i++;
        }
        return i;
    }

    /** The entries of whole lines from {@code start} to {@code end}, each kept only when it matches its hash. */
    private static List<Entry> entries(byte[] bytes, int start, int end) {
        List<Entry> entries = new ArrayList<>();
        int lineStart = start;
        while (lineStart < end) {
            int lineEnd = Math.min(lineEnd(bytes, lineStart), end);
            entry(bytes, lineStart, lineEnd).ifPresent(entries::add);
            lineStart = lineEnd + 1;
        }
        return entries;
    }

    private static java.util.Optional<Entry> entry(byte[] bytes, int start, int end) {
        int tab = start;
        while (tab < end && bytes[tab] != '\t') {
            tab++;
        }
        if (tab >= end) {
            return java.util.Optional.empty();
        }
        String sealed = new String(bytes, start, tab - start, java.nio.charset.StandardCharsets.US_ASCII);
        if (!sealed.equals(ContentHash.of(bytes, tab + 1, end - tab - 1))) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Json.ENTRY_READER.readValue(bytes, tab + 1, end - tab - 1));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** Replaces the snapshot in one step, so a Baton reading it beside this one sees the old or the new one whole. */
    static void write(Path file, String build, Collection<Entry> entries) throws IOException {
        List<String> lines = new ArrayList<>(entries.size());
        try {
            // Encoded on every core; Jackson escapes line breaks inside strings, so each entry is one line.
            lines.addAll(entries.parallelStream().map(LibrarySnapshot::line).toList());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        CacheFiles.replace(file, out -> {
            out.write(Json.MAPPER.writeValueAsString(new Header(FORMAT, build)));
            out.write('\n');
            for (String line : lines) {
                out.write(line);
                out.write('\n');
            }
        });
    }

    private static String line(Entry entry) {
        try {
            String json = Json.ENTRY_WRITER.writeValueAsString(entry);
            return ContentHash.of(json) + "\t" + json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
