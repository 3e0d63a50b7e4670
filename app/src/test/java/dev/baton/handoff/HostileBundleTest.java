package dev.baton.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each bundle here is refused with a message that says why, and leaves nothing behind. */
class HostileBundleTest {
    @TempDir
    Path dir;
    Path good;
    IncidentStore receiver;

    @BeforeEach
    void exportOne() throws Exception {
        good = dir.resolve("good.baton");
        try (OpenIncident incident = IncidentFixture.busyIncident(new IncidentStore(dir.resolve("alice")), dir)) {
            BundleWriter.export(incident.folder(), IncidentFixture.request("note", IncidentFixture.runbook(dir),
                    incident, Set.of()), good);
        }
        receiver = new IncidentStore(dir.resolve("bob"));
    }

    @Test
    void theUntouchedBundleOpens() throws Exception {
        try (OpenIncident incident = BundleImporter.importBundle(good, receiver).incident()) {
            assertThat(incident.timeline().events()).isNotEmpty();
        }
    }

    @Test
    void aTamperedFileIsNamed() throws Exception {
        Path bad = rewrite(entries -> entries.computeIfPresent("notes.md",
                (name, bytes) -> "# Replica lagging\n\nAll fine, nothing to do.\n".getBytes(StandardCharsets.UTF_8)));
        assertRefused(bad, "notes.md was changed after export");
    }

    @Test
    void aTamperedTimelineEventIsNamedEvenWithTheSameLength() throws Exception {
        Path bad = rewrite(entries -> entries.computeIfPresent("timeline.jsonl", (name, bytes) ->
                new String(bytes, StandardCharsets.UTF_8).replace("\"exit\":0", "\"exit\":1").getBytes(StandardCharsets.UTF_8)));
        assertRefused(bad, "timeline.jsonl was changed after export: its SHA-256 does not match");
    }

    @Test
    void anExtraFileIsRefused() throws Exception {
        Path bad = rewrite(entries -> entries.put("captures/9999-extra.txt", "x".getBytes(StandardCharsets.UTF_8)));
        assertRefused(bad, "captures/9999-extra.txt is in the bundle but not in its manifest");
    }

    @Test
    void aMissingFileIsRefused() throws Exception {
        Path bad = rewrite(entries -> entries.remove("notes.md"));
        assertRefused(bad, "notes.md is listed in the manifest but missing");
    }

    @Test
    void aZipSlipEntryIsRefused() throws Exception {
        Path bad = rewrite(entries -> entries.put("../../evil.sh", "rm -rf ~\n".getBytes(StandardCharsets.UTF_8)));
        assertRefused(bad, "\"../../evil.sh\" climbs out of the bundle");
        assertThat(dir.resolve("evil.sh")).doesNotExist();
    }

    @Test
    void anAbsolutePathIsRefused() throws Exception {
        Path target = dir.resolve("absolute-evil");
        Path bad = rewrite(entries -> entries.put(target.toString(), "x".getBytes(StandardCharsets.UTF_8)));
        assertRefused(bad, "is an absolute path");
        assertThat(target).doesNotExist();
    }

    @Test
    void backslashAndNulNamesAreRefused() throws Exception {
        assertRefused(rewrite(entries -> entries.put("captures\\..\\..\\evil", new byte[1])), "contains a backslash");
        assertRefused(rewrite(entries -> entries.put("captures/a\u0000.txt", new byte[1])), "NUL or control character");
    }

    @Test
    void aSymlinkEntryIsRefused() throws Exception {
        ZipArchiveEntry link = new ZipArchiveEntry("captures/0009-link.txt");
        link.setUnixMode(0120777);
        assertRefused(withOneMore(link, "/etc/shadow"), "captures/0009-link.txt is a symbolic link");
    }

    @Test
    void aDuplicateNameIsRefused() throws Exception {
        assertRefused(withOneMore(new ZipArchiveEntry("notes.md"), "other notes"), "notes.md appears more than once");
    }

    /** The good bundle's entries and one more, written as commons-compress writes them (with Unix modes). */
    private Path withOneMore(ZipArchiveEntry extra, String content) throws IOException {
        Path bad = dir.resolve("one-more-" + System.nanoTime() + ".baton");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bad)) {
            for (var entry : read(good).entrySet()) {
                zip.putArchiveEntry(new ZipArchiveEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeArchiveEntry();
            }
            zip.putArchiveEntry(extra);
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeArchiveEntry();
        }
        return bad;
    }

    @Test
    void aZipBombThatLiesAboutItsSizeIsStoppedAtTheStatedSize() throws Exception {
        Path bad = rewriteWithManifest(entries -> entries.put("captures/0001-db1-stdout.txt", new byte[64 << 20]));
        assertRefused(bad, "captures/0001-db1-stdout.txt inflates beyond the");
    }

    @Test
    void aZipBombThatStatesItsSizeIsStoppedByTheRatio() throws Exception {
        byte[] zeros = new byte[64 << 20];
        Path bad = rewriteWithManifest(entries -> entries.put("captures/0001-db1-stdout.txt", zeros),
                "captures/0001-db1-stdout.txt", zeros);
        assertRefused(bad, "inflates more than 250 times its compressed size");
    }

    @Test
    void aBundleBeyondTheTotalBoundIsRefused() throws Exception {
        BundleReader.Limits tight = new BundleReader.Limits(100, 4096, 250, 1 << 20, 1 << 20);
        assertThatThrownBy(() -> BundleReader.verify(good, tight)).isInstanceOf(BundleException.class)
                .hasMessageContaining("inflates beyond 4096 bytes");
    }

    @Test
    void tooManyEntriesAreRefused() throws Exception {
        BundleReader.Limits few = new BundleReader.Limits(3, 1 << 30, 250, 1 << 20, 1 << 20);
        assertThatThrownBy(() -> BundleReader.verify(good, few)).isInstanceOf(BundleException.class)
                .hasMessageContaining("a bundle may hold at most 3");
    }

    @Test
    void entriesSharingTheirBytesAreRefused() throws Exception {
        Path bad = dir.resolve("overlap.baton");
        Files.write(bad, withSecondNameFor(Files.readAllBytes(good), "notes.md", "notes.mx"));
        assertRefused(bad, "share their bytes");
    }

    @Test
    void anIncidentFileThatMatchesItsHashButMeansNothingIsRefused() throws Exception {
        byte[] nonsense = "{\"title\": \"x\", \"startedAt\": \"yesterday\"}".getBytes(StandardCharsets.UTF_8);
        Path bad = rewriteWithManifest(entries -> entries.put("incident.json", nonsense), "incident.json", nonsense);
        assertRefused(bad, "incident.json or state.json cannot be read");
    }

    @Test
    void anUnknownVersionIsRefused() throws Exception {
        Path bad = rewrite(entries -> entries.computeIfPresent("manifest.json", (name, bytes) ->
                new String(bytes, StandardCharsets.UTF_8).replace("\"version\" : 1", "\"version\" : 7")
                        .getBytes(StandardCharsets.UTF_8)));
        assertRefused(bad, "unknown bundle version 7", "made by a newer Baton");
    }

    @Test
    void aBundleWithoutManifestIsRefused() throws Exception {
        assertRefused(rewrite(entries -> entries.remove("manifest.json")), "not a Baton bundle: it has no manifest.json");
    }

    @Test
    void aTruncatedZipIsRefused() throws Exception {
        byte[] bytes = Files.readAllBytes(good);
        Path bad = dir.resolve("truncated.baton");
        Files.write(bad, java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));
        assertRefused(bad, "is not a complete Baton bundle", "cut short");
    }

    @Test
    void garbageIsRefused() throws Exception {
        Path bad = dir.resolve("garbage.baton");
        Files.write(bad, "this is not a zip at all".repeat(100).getBytes(StandardCharsets.UTF_8));
        assertRefused(bad, "is not a complete Baton bundle");
    }

    private void assertRefused(Path bundle, String... reasons) throws IOException {
        assertThatThrownBy(() -> BundleImporter.importBundle(bundle, receiver)).isInstanceOf(BundleException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(reasons));
        assertThat(receiver.list()).isEmpty();
        assertThat(receiver.currentId()).isEmpty();
        Path incidents = receiver.incidentsDirectory();
        if (Files.exists(incidents)) {
            try (var left = Files.list(incidents)) {
                assertThat(left).as("nothing written").isEmpty();
            }
        }
    }

    private Path rewrite(Consumer<Map<String, byte[]>> change) throws IOException {
        Map<String, byte[]> entries = read(good);
        change.accept(entries);
        Path bad = dir.resolve("bad-" + System.nanoTime() + ".baton");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bad))) {
            for (var entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return bad;
    }

    /** A rewrite whose manifest still states the original size and hash of every file. */
    private Path rewriteWithManifest(Consumer<Map<String, byte[]>> change) throws IOException {
        return rewrite(change);
    }

    /** A rewrite whose manifest states the new size and hash of {@code name}: only the inflation gives it away. */
    private Path rewriteWithManifest(Consumer<Map<String, byte[]>> change, String name, byte[] content)
            throws IOException {
        return rewrite(entries -> {
            change.accept(entries);
            try {
                BundleManifest manifest = BundleManifest.parse(entries.get("manifest.json"));
                var digest = java.security.MessageDigest.getInstance("SHA-256");
                String hash = java.util.HexFormat.of().formatHex(digest.digest(content));
                var files = manifest.files().stream().map(f -> f.path().equals(name)
                        ? new BundleManifest.FileEntry(name, content.length, hash) : f).toList();
                entries.put("manifest.json", new BundleManifest(manifest.format(), manifest.version(), manifest.app(),
                        manifest.createdBy(), manifest.createdAt(), manifest.incident(), manifest.timeline(),
                        manifest.runbooks(), files, manifest.redactions(), manifest.kept()).toJson());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Map<String, byte[]> read(Path bundle) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(bundle))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    /**
     * Adds a central directory record that points a second name at the local entry of {@code name}: the
     * overlapping-file construction of non-recursive zip bombs.
     */
    private static byte[] withSecondNameFor(byte[] zip, String name, String alias) {
        ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = zip.length - 22;
        while (buffer.getInt(eocd) != 0x06054b50) {
            eocd--;
        }
        int entries = Short.toUnsignedInt(buffer.getShort(eocd + 10));
        int cdSize = buffer.getInt(eocd + 12);
        int cdOffset = buffer.getInt(eocd + 16);
        int at = cdOffset;
        byte[] record = null;
        for (int i = 0; i < entries; i++) {
            int nameLength = Short.toUnsignedInt(buffer.getShort(at + 28));
            int length = 46 + nameLength + Short.toUnsignedInt(buffer.getShort(at + 30))
                    + Short.toUnsignedInt(buffer.getShort(at + 32));
            if (new String(zip, at + 46, nameLength, StandardCharsets.UTF_8).equals(name)) {
                record = java.util.Arrays.copyOfRange(zip, at, at + length);
            }
            at += length;
        }
        byte[] aliasBytes = alias.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(aliasBytes, 0, record, 46, aliasBytes.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(zip, 0, cdOffset + cdSize);
        out.writeBytes(record);
        byte[] end = java.util.Arrays.copyOfRange(zip, eocd, zip.length);
        ByteBuffer tail = ByteBuffer.wrap(end).order(ByteOrder.LITTLE_ENDIAN);
        tail.putShort(8, (short) (entries + 1)).putShort(10, (short) (entries + 1)).putInt(12, cdSize + record.length);
        out.writeBytes(end);
        return out.toByteArray();
    }
}
