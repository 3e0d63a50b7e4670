package dev.baton.handoff;

import dev.baton.incident.IncidentEvent;
import dev.baton.incident.IncidentInfo;
import dev.baton.incident.Timeline;
import dev.baton.incident.TimelineEvent;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * Writes a handoff bundle: one zip holding the incident's notes, timeline, captures and recordings,
 * the runbooks it used, the handoff note, {@code state.json}, a readable {@code handoff.html} and the
 * manifest that lists every file with its SHA-256. Everything passes through the {@link Redactor} on
 * its way in and is streamed: a capture of any size never sits whole in memory. The bundle is written
 * beside its destination and renamed into place, so a failed export leaves no half file.
 */
public final class BundleWriter {
    /** The incident's own files that travel; everything else in its folder stays. */
    private static final List<String> INCIDENT_FILES = List.of("incident.json", "notes.md", "timeline.jsonl");
    private static final List<String> INCIDENT_FOLDERS = List.of("captures", "recordings");
    public static final String NOTE_FILE = "handoff.md";
    static final String STATE_FILE = "state.json";
    static final String SUMMARY_FILE = "handoff.html";
    static final String RUNBOOKS = "runbooks/";

    /** Signs the manifest's bytes; returns the armored signature. */
    @FunctionalInterface
    public interface ManifestSigner {
        String sign(byte[] manifest) throws IOException;
    }

    /**
     * What the responder adds to the incident when handing off.
     *
     * @param runbookFiles the file of each runbook id the timeline names, where the library still has it
     * @param keep ids of findings ({@link Redactor.Finding#id()}) the responder chose to leave in
     * @param signer signs the manifest, or null for an unsigned bundle
     */
    public record Request(String note, String createdBy, Instant createdAt, String appVersion, HandoffState state,
            Function<String, Optional<Path>> runbookFiles, Set<String> keep, ManifestSigner signer) {}

    /** @param sha256 of the whole bundle file, for the timeline of the incident handed off */
    public record Result(Path file, String sha256, BundleManifest manifest, List<Redactor.Found> found) {}

    private BundleWriter() {}

    /** Runbook ids the timeline names, in the order first used. */
    public static List<String> runbooksUsed(List<TimelineEvent> events) {
        Set<String> ids = new java.util.LinkedHashSet<>();
        for (TimelineEvent event : events) {
            String runbook = event.typed().runbook();
            if (runbook != null && !runbook.isEmpty()) {
                ids.add(runbook);
            }
        }
        return List.copyOf(ids);
    }

    /**
     * What an export with {@code request} would find, without writing anything: recordings are listed
     * as such (they travel only when kept) with what was found in them.
     */
    public static List<Redactor.Found> scan(Path incidentFolder, Request request) throws IOException {
        Redactor redactor = new Redactor(Set.of());
        write(incidentFolder, request, redactor, OutputStream.nullOutputStream(), true);
        return redactor.found();
    }

    /**
     * The incident's id as it leaves in a bundle: when its title holds a secret, the slug the id was
     * made of is rebuilt from the redacted title.
     */
    public static String bundleId(IncidentInfo info) {
        Redactor scratch = new Redactor(Set.of());
        String title = scratch.redactField(dev.baton.incident.IncidentStore.INFO_FILE, "title", info.title());
        String id = info.id();
        if (!title.equals(info.title())) {
            String time = id.matches("\\d{8}-\\d{6}.*") ? id.substring(0, 15) : "incident";
            String slug = title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
            id = time + (slug.isEmpty() ? "" : "-" + slug.substring(0, Math.min(40, slug.length())));
        }
        return scratch.bundlePath(id);
    }

    /** {@link #bundleId} of the incident in {@code folder}: a name for its bundle file that carries no secret. */
    public static String bundleId(Path incidentFolder) throws IOException {
        return bundleId(dev.baton.incident.IncidentStore.readInfo(incidentFolder));
    }

    /**
     * Exports the open incident and records the handoff in its timeline. Call it where the incident's
     * writes happen, so that no event lands in the middle of the export.
     */
    public static Result exportFrom(dev.baton.incident.OpenIncident incident, Request request, Path destination)
            throws IOException {
        return exportFrom(incident, request, destination, null);
    }

    /** As {@link #exportFrom(dev.baton.incident.OpenIncident, Request, Path)}, recording who it was handed to. */
    public static Result exportFrom(dev.baton.incident.OpenIncident incident, Request request, Path destination,
            String handedTo) throws IOException {
        Result result = export(incident.folder(), request, destination);
        incident.handoff(new IncidentEvent.HandoffExported(result.file().getFileName().toString(), result.sha256(),
                request.createdBy(), result.manifest().redactions().size(), result.manifest().kept().size(),
                request.signer() != null, handedTo == null || handedTo.isBlank() ? null : handedTo.strip()));
        return result;
    }

    public static Result export(Path incidentFolder, Request request, Path destination) throws IOException {
        Path target = destination.toAbsolutePath();
        Path partial = target.resolveSibling(target.getFileName() + ".baton-tmp");
        Redactor redactor = new Redactor(request.keep());
        BundleManifest manifest;
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            OutputStream file = java.nio.channels.Channels.newOutputStream(channel);
            manifest = write(incidentFolder, request, redactor, file, false);
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return new Result(target, sha256(target), manifest, redactor.found());
    }

    /**
     * The incident's {@code incident.json} as it leaves: its own fields redacted always, every other field
     * (the alerts an incident was opened from, fields a newer Baton wrote) kept, to be scanned like any text.
     */
    private static byte[] bundledInfo(Path infoFile, IncidentInfo redacted) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode read = json.readTree(infoFile.toFile());
        if (!(read instanceof com.fasterxml.jackson.databind.node.ObjectNode node)) {
            return dev.baton.incident.IncidentStore.toJson(redacted);
        }
        node.put("title", redacted.title());
        node.put("severity", redacted.severity());
        node.put("alert", redacted.alert());
        node.put("responder", redacted.responder());
        return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
    }

    /** @param preview list what left-out recordings hold too, for the responder to decide on them */
    private static BundleManifest write(Path folder, Request request, Redactor redactor, OutputStream out,
            boolean preview) throws IOException {
        IncidentInfo original = dev.baton.incident.IncidentStore.readInfo(folder);
        String infoFile = dev.baton.incident.IncidentStore.INFO_FILE;
        IncidentInfo info = new IncidentInfo(bundleId(original), redactor.redactField(infoFile, "title", original.title()),
                redactor.redactField(infoFile, "severity", original.severity()),
                redactor.redactField(infoFile, "alert", original.alert()), original.startedAt(),
                redactor.redactField(infoFile, "responder", original.responder()));
        // Captures are mostly logs: the fastest level already shrinks them several times, at a third of the time.
        // A preview writes nowhere: nothing to shrink.
        try (BackgroundZip zip = new BackgroundZip(out,
                preview ? java.util.zip.Deflater.NO_COMPRESSION : java.util.zip.Deflater.BEST_SPEED)) {
            return write(folder, request, redactor, zip, info, preview);
        }
    }

    private static BundleManifest write(Path folder, Request request, Redactor redactor, BackgroundZip zip,
            IncidentInfo info, boolean preview) throws IOException {
        String infoFile = dev.baton.incident.IncidentStore.INFO_FILE;
        List<BundleManifest.FileEntry> entries = new ArrayList<>();
        FileTime time = FileTime.from(request.createdAt());
        List<TimelineEvent> events = new ArrayList<>();
        String notes = "";
        String headHash = Timeline.GENESIS;
        String sourceHead = Timeline.GENESIS;
        for (String sourceName : incidentFiles(folder)) {
            Path file = folder.resolve(sourceName);
            String name = redactor.bundlePath(sourceName);
            if (name.endsWith(".cast")) {
                var whole = new Redactor.Finding(RecordingRedactor.KIND, name, 0, "", 0);
                if (!redactor.record(whole, RecordingRedactor.LEFT_OUT)) {
                    if (preview) {
                        try (InputStream in = Files.newInputStream(file)) {
                            RecordingRedactor.copy(redactor, name, in, OutputStream.nullOutputStream());
                        }
                    }
                    continue;
                }
            }
            Entry entry = new Entry(zip, name, time);
            try (InputStream in = name.equals(infoFile)
                    ? new java.io.ByteArrayInputStream(bundledInfo(file, info))
                    : Files.newInputStream(file)) {
                if (name.equals("timeline.jsonl")) {
                    sourceHead = Timeline.verify(file).headHash();
                    headHash = redactor.copyJsonLines(name, in, new EventCollector(entry, events), true);
                } else if (name.endsWith(".cast")) {
                    RecordingRedactor.copy(redactor, name, in, entry);
                } else if (name.equals("notes.md")) {
                    ByteArrayOutputStream copy = new ByteArrayOutputStream();
                    redactor.copyText(name, in, copy);
                    notes = copy.toString(StandardCharsets.UTF_8);
                    copy.writeTo(entry);
                } else {
                    redactor.copyText(name, in, entry);
                }
            }
            entries.add(entry.finish());
        }
        List<BundleManifest.RunbookSnapshot> snapshots = new ArrayList<>();
        Map<Path, List<String>> idsByFile = new LinkedHashMap<>();
        for (String id : runbooksUsed(events)) {
            request.runbookFiles().apply(id).ifPresent(f -> idsByFile.computeIfAbsent(f, k -> new ArrayList<>()).add(id));
        }
        Set<String> snapshotNames = new TreeSet<>();
        for (var runbook : idsByFile.entrySet()) {
            String name = redactor.bundlePath(
                    RUNBOOKS + snapshotName(runbook.getValue().get(0), runbook.getKey(), snapshotNames));
            Entry entry = new Entry(zip, name, time);
            MessageDigest source = digest();
            try (InputStream in = new DigestInputStream(Files.newInputStream(runbook.getKey()), source)) {
                redactor.copyText(name, in, entry);
            }
            entries.add(entry.finish());
            List<String> ids = runbook.getValue().stream().map(id -> redactor.redactField(name, "runbook id", id)).toList();
            snapshots.add(new BundleManifest.RunbookSnapshot(ids, redactor.redactField(name, "title", title(runbook.getKey())),
                    name, HexFormat.of().formatHex(source.digest())));
        }
        String note = redactor.redactText(NOTE_FILE, request.note());
        entries.add(small(zip, NOTE_FILE, time, note.getBytes(StandardCharsets.UTF_8)));
        ByteArrayOutputStream state = new ByteArrayOutputStream();
        redactor.copyText(STATE_FILE, new java.io.ByteArrayInputStream(
                BundleManifest.json().writeValueAsBytes(request.state())), state);
        entries.add(small(zip, STATE_FILE, time, state.toByteArray()));
        HandoffState redactedState = BundleManifest.json().readValue(state.toByteArray(), HandoffState.class);
        String by = redactor.redactField(BundleManifest.FILE, "createdBy", request.createdBy());
        String html = HandoffSummary.html(info, by, request.createdAt(), note, notes, events,
                redactedState, snapshots, entries.stream().map(BundleManifest.FileEntry::path)
                        .collect(java.util.stream.Collectors.toSet()));
        entries.add(small(zip, SUMMARY_FILE, time, html.getBytes(StandardCharsets.UTF_8)));

        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT, BundleManifest.VERSION,
                "baton " + request.appVersion(), by,
                request.createdAt().toString(),
                BundleManifest.Incident.of(info), new BundleManifest.TimelineHead(events.size(), headHash, sourceHead),
                snapshots, entries, redactor.redacted().stream().map(BundleManifest.Redaction::of).toList(),
                redactor.kept().stream().map(BundleManifest.Redaction::of).toList());
        byte[] manifestBytes = manifest.toJson();
        small(zip, BundleManifest.FILE, time, manifestBytes);
        if (request.signer() != null) {
            small(zip, BundleManifest.SIGNATURE_FILE, time,
                    request.signer().sign(manifestBytes).getBytes(StandardCharsets.US_ASCII));
        }
        zip.finish();
        return manifest;
    }

    /** The incident's files that travel, in a stable order; links and anything odd are left behind. */
    static List<String> incidentFiles(Path folder) throws IOException {
        List<String> names = new ArrayList<>();
        for (String name : INCIDENT_FILES) {
            if (Files.isRegularFile(folder.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                names.add(name);
            }
        }
        for (String sub : INCIDENT_FOLDERS) {
            Path dir = folder.resolve(sub);
            if (Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                            .map(f -> sub + "/" + f.getFileName())
                            .filter(BundlePaths::isSafe)
                            .filter(n -> !n.endsWith(".baton-tmp"))
                            .sorted()
                            .forEach(names::add);
                }
            }
        }
        return names;
    }

    private static String snapshotName(String id, Path file, Set<String> taken) {
        String base = id.replaceAll("#.*$", "").replaceAll("[^A-Za-z0-9._/-]+", "-").replaceAll("(^|/)\\.+", "$1_");
        if (base.isBlank() || !BundlePaths.isSafe(base)) {
            base = file.getFileName().toString().replaceAll("[^A-Za-z0-9._-]+", "-");
        }
        String name = base;
        for (int n = 2; !taken.add(name); n++) {
            name = base + "-" + n;
        }
        return name;
    }

    private static String title(Path runbook) {
        try (var lines = Files.lines(runbook, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.startsWith("# ")).findFirst().map(l -> l.substring(2).strip())
                    .orElse(runbook.getFileName().toString());
        } catch (IOException | java.io.UncheckedIOException e) {
            return runbook.getFileName().toString();
        }
    }

    private static BundleManifest.FileEntry small(BackgroundZip zip, String name, FileTime time, byte[] bytes)
            throws IOException {
        Entry entry = new Entry(zip, name, time);
        entry.write(bytes);
        return entry.finish();
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * One zip entry being written: counts and hashes exactly the bytes that go in. Text arrives a line
     * at a time; it goes on to the deflater and the digest in blocks, since each call into the deflater
     * has a cost of its own that, per line, was larger than compressing the line.
     */
    private static final class Entry extends OutputStream {
        private static final int BLOCK = 64 * 1024;
        private final BackgroundZip zip;
        private final String name;
        private final MessageDigest digest = digest();
        private byte[] block = new byte[BLOCK];
        private int filled;
        private long size;

        Entry(BackgroundZip zip, String name, FileTime time) throws IOException {
            this.zip = zip;
            this.name = name;
            ZipEntry entry = new ZipEntry(name);
            entry.setLastModifiedTime(time);
            zip.putNextEntry(entry);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
            if (length > BLOCK - filled) {
                drain();
            }
            if (length >= BLOCK) {
                digest.update(bytes, offset, length);
                zip.write(java.util.Arrays.copyOfRange(bytes, offset, offset + length), length);
            } else {
                System.arraycopy(bytes, offset, block, filled, length);
                filled += length;
            }
            size += length;
        }

        /** Hands the block filled so far to the zip, which keeps it; the next lines go to a new one. */
        private void drain() throws IOException {
            if (filled > 0) {
                digest.update(block, 0, filled);
                zip.write(block, filled);
                block = new byte[BLOCK];
                filled = 0;
            }
        }

        BundleManifest.FileEntry finish() throws IOException {
            drain();
            zip.closeEntry();
            return new BundleManifest.FileEntry(name, size, HexFormat.of().formatHex(digest.digest()));
        }
    }

    /** Passes timeline lines on and keeps each as an event for the summary. */
    private static final class EventCollector extends FilterOutputStream {
        private final List<TimelineEvent> events;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        EventCollector(OutputStream out, List<TimelineEvent> events) {
            super(out);
            this.events = events;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    try {
                        events.add(Timeline.parse(line.toString(StandardCharsets.UTF_8)));
                    } catch (IOException | RuntimeException e) {
                        // A line that is not an event still travels; the summary leaves it out.
                    }
                    line.reset();
                } else {
                    line.write(bytes[i]);
                }
            }
        }
    }
}
