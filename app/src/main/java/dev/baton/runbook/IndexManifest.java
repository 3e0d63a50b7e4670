package dev.baton.runbook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the index on disk was made from, kept beside it: the build of Baton that read the files, when the files
 * were last stamped, then each file's size, modification time, a hash of its bytes, and its status (change
 * time and identity). A file whose stamp changed is read again (an edit that keeps the size and time, as
 * {@code touch -r} or a copy that keeps times does, changes the hash); every file is read again after another
 * build, since what it stored came from another parser.
 *
 * <p>Hashing every file on every search was a fifth of a repeat {@code baton search}, so a file's hash is
 * taken again only when its status changed. The kernel sets a file's change time on every write or rename and no
 * tool can set it back, so an unchanged change time and identity mean unchanged bytes, as git trusts its index.
 * Except within a tick of the file system's clock: a file written again in the tick it was hashed in keeps its
 * change time, so a file changed less than {@link #RACY_NANOS} before its stamping is hashed again next time.
 */
final class IndexManifest {
    private static final String BUILD_LINE = "#build\t";
    private static final String STAMPED_LINE = "#stamped\t";
    /** Wider than any file system's time step (a second or two at worst; ext4 and tmpfs: a few milliseconds). */
    static final long RACY_NANOS = TimeUnit.SECONDS.toNanos(3);

    /** What identifies a file's version: its size and time from the folder's walk, and the SHA-256 of its bytes. */
    record Stamp(long size, long modifiedNanos, String sha256) {
        /** A file that cannot be read (or is no runbook) hashes to this; once it can be, its hash differs and it is read. */
        static final String UNREADABLE = "unreadable";
        /**
         * A file new to the manifest until its reading hashes it: never written once read; if it were, a change of
         * the file's status would have it hashed and read again, as any file whose hash differs.
         */
        static final String UNHASHED = "unhashed";

        static Stamp of(Path file, BasicFileAttributes attrs) {
            return new Stamp(attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS), sha256(file, attrs));
        }

        // equals and hashCode written out: a record's own are linked at their first call through method handles
        // (ObjectMethods), a few milliseconds of every repeat search, which compares a thousand stamps once.
        @Override
        public boolean equals(Object other) {
            return other instanceof Stamp that && size == that.size && modifiedNanos == that.modifiedNanos
                    && sha256.equals(that.sha256);
        }

        @Override
        public int hashCode() {
            return (Long.hashCode(size) * 31 + Long.hashCode(modifiedNanos)) * 31 + sha256.hashCode();
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

    /**
     * A file's stamp with its status when it was hashed: the change time in nanoseconds ({@link #UNKNOWN} where the
     * file system does not say) and the file's identity (device and inode; empty where unknown).
     */
    record Entry(Stamp stamp, long changedNanos, String identity) {
        static final long UNKNOWN = Long.MIN_VALUE;
    }

    /** The manifest's entries by display path, and when their files were stamped (nanoseconds since the epoch). */
    record Contents(Map<String, Entry> entries, long stampedNanos) {
        static final Contents NONE = new Contents(Map.of(), 0);

        Map<String, Stamp> stamps() {
            Map<String, Stamp> stamps = new LinkedHashMap<>();
            entries.forEach((path, entry) -> stamps.put(path, entry.stamp()));
            return stamps;
        }

        /**
         * The file's entry: the one kept here when its size, time and status are as they were and it had not
         * changed within {@link #RACY_NANOS} of being stamped, else a new one with its bytes hashed.
         */
        Entry stamp(String path, Path file, BasicFileAttributes attrs) {
            Entry kept = unchanged(path, file, attrs);
            return kept != null ? kept : new Entry(Stamp.of(file, attrs), changedNanos(file), identity(attrs));
        }

        /** The entry kept here when {@link #stamp} would keep it (no hashing needed), else null. */
        Entry unchanged(String path, Path file, BasicFileAttributes attrs) {
            Entry kept = entries.get(path);
            if (kept == null) {
                return null;
            }
            long changed = changedNanos(file);
            String identity = identity(attrs);
            if (changed != Entry.UNKNOWN && !identity.isEmpty()
                    && kept.changedNanos() == changed && kept.identity().equals(identity)
                    && kept.stamp().size() == attrs.size()
                    && kept.stamp().modifiedNanos() == attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS)
                    && changed < stampedNanos - RACY_NANOS) {
                return kept;
            }
            return null;
        }

        /**
         * The entry of a file hashed from the bytes read to parse it ({@code sha256}), with its size and time from
         * the walk: the file is stamped as it was parsed, and read once.
         */
        static Entry read(Path file, BasicFileAttributes attrs, String sha256) {
            return new Entry(new Stamp(attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS), sha256),
                    changedNanos(file), identity(attrs));
        }

        private static String identity(BasicFileAttributes attrs) {
            return attrs.fileKey() == null ? "" : attrs.fileKey().toString();
        }
    }

    private IndexManifest() {
    }

    /** The file's change time (the link's target's for a link), or {@link Entry#UNKNOWN}. */
    private static long changedNanos(Path file) {
        try {
            return ((FileTime) Files.getAttribute(file, "unix:ctime")).to(TimeUnit.NANOSECONDS);
        } catch (IOException | RuntimeException e) {
            return Entry.UNKNOWN; // no "unix" view here, or the file went away: hashed, as before
        }
    }

    /** The stamps the index was made from; none when missing, damaged or written by another build. */
    static Contents read(Path file, String build) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() < 2 || !lines.get(0).equals(BUILD_LINE + build) || !lines.get(1).startsWith(STAMPED_LINE)) {
                return Contents.NONE;
            }
            long stamped = Long.parseLong(lines.get(1).substring(STAMPED_LINE.length()));
            for (String line : lines.subList(2, lines.size())) {
                String[] parts = line.split("\t", 6);
                entries.put(parts[5], new Entry(new Stamp(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2]),
                        Long.parseLong(parts[3]), parts[4]));
            }
            return new Contents(entries, stamped);
        } catch (IOException | RuntimeException e) {
            return Contents.NONE;
        }
    }

    /**
     * One line per file: size, modification time in nanoseconds, hash, change time, identity, path
     * (tab-separated; a path has no newline here). {@code stampedNanos}: when the walk that stamped them began.
     */
    static void write(Path file, String build, long stampedNanos, Map<String, Entry> entries) throws IOException {
        CacheFiles.replace(file, out -> {
            out.write(BUILD_LINE + build + "\n" + STAMPED_LINE + stampedNanos + "\n");
            for (Map.Entry<String, Entry> entry : entries.entrySet()) {
                String path = entry.getKey();
                Entry e = entry.getValue();
                if (path.indexOf('\n') < 0 && path.indexOf('\t') < 0 && e.identity().indexOf('\t') < 0
                        && e.identity().indexOf('\n') < 0) {
                    Stamp stamp = e.stamp();
                    out.write(stamp.size() + "\t" + stamp.modifiedNanos() + "\t" + stamp.sha256() + "\t"
                            + e.changedNanos() + "\t" + e.identity() + "\t" + path + "\n");
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
