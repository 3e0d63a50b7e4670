package dev.baton.runbook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the index on disk was made from, kept beside it: the build of Baton that read the files, then each
 * file's size, modification time and a hash of its bytes. A file whose stamp changed is read again (an edit
 * that keeps the size and time, as {@code touch -r} or a copy that keeps times does, changes the hash); every
 * file is read again after another build, since what it stored came from another parser.
 */
final class IndexManifest {
    private static final String BUILD_LINE = "#build\t";

    /** What identifies a file's version: its size and time from the folder's walk, and the SHA-256 of its bytes. */
    record Stamp(long size, long modifiedNanos, String sha256) {
        /** A file that cannot be read (or is no runbook) hashes to this; once it can be, its hash differs and it is read. */
        static final String UNREADABLE = "unreadable";

        static Stamp of(Path file, BasicFileAttributes attrs) {
            return new Stamp(attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS), sha256(file, attrs));
        }

        /** Only a regular file of at most the size a runbook may have is read: the rest is a problem either way. */
        private static String sha256(Path file, BasicFileAttributes attrs) {
            if (!attrs.isRegularFile() || attrs.size() > RunbookFileReader.MAX_BYTES) {
                return UNREADABLE;
            }
            try {
                return ContentHash.of(Files.readAllBytes(file));
            } catch (IOException | RuntimeException e) {
                return UNREADABLE;
            }
        }
    }

    private IndexManifest() {
    }

    /** The stamps the index was made from; empty when missing, damaged or written by another build. */
    static Map<String, Stamp> read(Path file, String build) {
        Map<String, Stamp> stamps = new LinkedHashMap<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(BUILD_LINE + build)) {
                return Map.of();
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] parts = line.split("\t", 4);
                stamps.put(parts[3], new Stamp(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2]));
            }
            return stamps;
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    /** One line per file: size, modification time in nanoseconds, hash, path (tab-separated; a path has no newline here). */
    static void write(Path file, String build, Map<String, Stamp> stamps) throws IOException {
        CacheFiles.replace(file, out -> {
            out.write(BUILD_LINE + build + "\n");
            for (Map.Entry<String, Stamp> entry : stamps.entrySet()) {
                String path = entry.getKey();
                if (path.indexOf('\n') < 0 && path.indexOf('\t') < 0) {
                    Stamp stamp = entry.getValue();
                    out.write(stamp.size() + "\t" + stamp.modifiedNanos() + "\t" + stamp.sha256() + "\t" + path + "\n");
                }
            }
        });
    }

    /**
     * This build of Baton's reading code: the size and time of its jar, or, run from compiled classes, the
     * newest class of the packages that read runbooks (so a change while developing is never served stale).
     */
    static String currentBuild() {
        return CurrentBuild.STAMP;
    }

    private static final class CurrentBuild {
        static final String STAMP = stamp();

        private static String stamp() {
            try {
                Path code = Path.of(IndexManifest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (Files.isRegularFile(code)) {
                    BasicFileAttributes attrs = Files.readAttributes(code, BasicFileAttributes.class);
                    return "jar " + attrs.size() + " " + attrs.lastModifiedTime().toMillis();
                }
                long newest = 0;
                long count = 0;
                for (String readingPackage : List.of("dev/baton/runbook", "dev/baton/step")) {
                    try (var classes = Files.list(code.resolve(readingPackage))) {
                        for (Path c : classes.toList()) {
                            newest = Math.max(newest, Files.getLastModifiedTime(c).toMillis());
                            count++;
                        }
                    }
                }
                return "classes " + count + " " + newest;
            } catch (IOException | RuntimeException | java.net.URISyntaxException e) {
                return "unknown"; // the format number alone then decides
            }
        }
    }
}
