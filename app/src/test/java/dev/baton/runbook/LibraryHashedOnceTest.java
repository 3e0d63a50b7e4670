package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file new to the cache is hashed from the bytes read to parse it, not read a second time: its stamp in the
 * manifest and the snapshot is the one hashing the file on its own gives (the way it was taken before), for
 * runbooks, a binary file, a windows-1252 one, whether the index is written before the library is given or after.
 */
class LibraryHashedOnceTest {
    @TempDir
    Path runbooks;
    @TempDir
    Path cacheFolder;

    private final ConcurrentLinkedQueue<Runnable> held = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void writeALibrary() throws IOException {
        for (int i = 0; i < 12; i++) {
            Files.writeString(runbooks.resolve("runbook-" + i + ".md"), """
                    # Runbook %d

                    ```bash
                    kubectl rollout restart deploy/consumer-%d
                    ```
                    """.formatted(i, i));
        }
        Files.createDirectories(runbooks.resolve("team"));
        Files.writeString(runbooks.resolve("team/café.md"), "# Café ☕\n\nÜber alles.\n", StandardCharsets.UTF_8);
        Files.write(runbooks.resolve("latin.md"), "# Caf\u00e9 au lait\n".getBytes(StandardCharsets.ISO_8859_1));
        Files.write(runbooks.resolve("photo.md"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
    }

    /** Each file's stamp as hashing it on its own gives it, by display path. */
    private Map<String, IndexManifest.Stamp> hashedOnTheirOwn() throws IOException {
        Map<String, IndexManifest.Stamp> stamps = new TreeMap<>();
        List<Path> files = RunbookLibrary.runbookFiles(runbooks, new ArrayList<>());
        assertThat(files).hasSize(15);
        for (Path file : files) {
            stamps.put(RunbookLibrary.displayPath(file),
                    IndexManifest.Stamp.of(file, Files.readAttributes(file, BasicFileAttributes.class)));
        }
        return stamps;
    }

    private void assertStampedAsOnTheirOwn(SearchIndexCache cache) throws IOException {
        Path index = cache.indexFolder(List.of(runbooks));
        Map<String, IndexManifest.Stamp> expected = hashedOnTheirOwn();
        assertThat(IndexManifest.read(index.resolve("files.tsv"), "build").stamps()).isEqualTo(expected);
        Map<String, IndexManifest.Stamp> snapshot = new TreeMap<>();
        LibrarySnapshot.read(index.resolve("library.jsonl"), "build").forEach((file, entry) -> snapshot.put(file, entry.stamp()));
        assertThat(snapshot).isEqualTo(expected);
    }

    @Test
    void indexedAfterTheListEachFileIsStampedFromTheBytesParsed() throws IOException {
        SearchIndexCache cache = new SearchIndexCache(cacheFolder, "build", held::add, 5);
        try (RunbookLibrary opened = cache.library(List.of(runbooks), new SearchIndexCache.Update[1])) {
            for (Runnable work = held.poll(); work != null; work = held.poll()) {
                work.run();
            }
            assertThat(opened.runbooks()).hasSize(14);
        }
        assertStampedAsOnTheirOwn(cache);
    }

    @Test
    void stampedAfterTheListAFileChangedMeanwhileIsStampedAsTheVersionParsedAndReadAgainNextTime() throws IOException {
        Path file = runbooks.resolve("runbook-0.md");
        String parsedHash = ContentHash.of(Files.readAllBytes(file));
        SearchIndexCache cache = new SearchIndexCache(cacheFolder, "build", held::add, 5);
        try (RunbookLibrary opened = cache.library(List.of(runbooks), new SearchIndexCache.Update[1])) {
            Files.writeString(file, "# Runbook 0, rewritten after the list\n");
            for (Runnable work = held.poll(); work != null; work = held.poll()) {
                work.run();
            }
            assertThat(opened.runbooks()).anySatisfy(r -> assertThat(r.title()).isEqualTo("Runbook 0"));
        }
        Path index = cache.indexFolder(List.of(runbooks));
        String stamped = IndexManifest.read(index.resolve("files.tsv"), "build").stamps().entrySet().stream()
                .filter(e -> e.getKey().endsWith("/runbook-0.md")).findFirst().orElseThrow().getValue().sha256();
        assertThat(stamped).isEqualTo(parsedHash);
        try (RunbookLibrary again = cache.library(List.of(runbooks), new SearchIndexCache.Update[1])) {
            assertThat(again.runbooks()).anySatisfy(r -> assertThat(r.title()).isEqualTo("Runbook 0, rewritten after the list"));
            for (Runnable work = held.poll(); work != null; work = held.poll()) {
                work.run();
            }
        }
    }

    @Test
    void indexedBeforeTheListEachFileIsStampedFromTheBytesParsed() throws IOException {
        SearchIndexCache cache = new SearchIndexCache(cacheFolder, "build", held::add, 1_000);
        try (RunbookLibrary opened = cache.library(List.of(runbooks), new SearchIndexCache.Update[1])) {
            assertThat(held).isEmpty();
            assertThat(opened.runbooks()).hasSize(14);
        }
        assertStampedAsOnTheirOwn(cache);
    }

    @Test
    void aReadGivesTheHashOfTheBytesItParsed() throws IOException {
        RunbookFileReader reader = new RunbookFileReader();
        RunbookParser parser = new RunbookParser();
        for (String name : List.of("runbook-3.md", "latin.md", "photo.md", "team/café.md")) {
            Path file = runbooks.resolve(name);
            RunbookLibrary.FileRead read = RunbookLibrary.read(reader, parser, name, file, true);
            assertThat(read.sha256()).as(name).isEqualTo(ContentHash.of(Files.readAllBytes(file)));
            assertThat(read.runbooks()).isEqualTo(RunbookLibrary.read(reader, parser, name, file).runbooks());
        }
        assertThat(RunbookLibrary.read(reader, parser, "team", runbooks.resolve("team"), true).sha256())
                .isEqualTo(IndexManifest.Stamp.UNREADABLE);
        assertThat(RunbookLibrary.read(reader, parser, "gone.md", runbooks.resolve("gone.md"), true).sha256())
                .isEqualTo(IndexManifest.Stamp.UNREADABLE);
        assertThat(RunbookLibrary.read(reader, parser, "runbook-1.md", runbooks.resolve("runbook-1.md")).sha256()).isNull();
    }
}
