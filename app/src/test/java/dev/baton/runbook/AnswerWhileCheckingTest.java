package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RunnableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repeat search or alert lookup answers from the index while the folder is checked beside it; an answer read from
 * an index the check finds behind the folder, or from a commit older than the newest, is never given. The check here
 * runs only once the early answer is read (what a slow walk does on a busy machine), so each test meets the case.
 */
class AnswerWhileCheckingTest {
    @TempDir
    Path runbooks;
    @TempDir
    Path cacheFolder;

    /** What runs in the check before it looks at the folder: another Baton at work, in one test. */
    private Callable<Void> meanwhile = () -> null;

    private final AnswerWhileChecking.CheckStarter afterTheAnswer = new AnswerWhileChecking.CheckStarter() {
        @Override
        public <C> RunnableFuture<C> start(Callable<C> check) {
            return new FutureTask<>(() -> {
                meanwhile.call();
                return check.call();
            });
        }
    };

    private SearchIndexCache checkedAfterTheAnswer() {
        return new SearchIndexCache(cacheFolder, IndexManifest.currentBuild(), Runnable::run, 300, afterTheAnswer);
    }

    private List<String> ids(SearchIndexCache cache, String query, SearchIndexCache.Update[] update) {
        return cache.search(List.of(runbooks), query, 10, update).stream()
                .map(hit -> hit.id().substring(hit.id().lastIndexOf('/') + 1)).toList();
    }

    /** Rewrites a file, its time moved on as an editor's save moves it. */
    private static void edit(Path file, String text) throws Exception {
        FileTime before = Files.getLastModifiedTime(file);
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 5_000));
    }

    @Test
    void aFileEditedBetweenTwoSearchesIsFoundNotTheIndexsOldAnswer() throws Exception {
        Files.writeString(runbooks.resolve("stalled.md"), "# BatonQueueStalled\n\nNothing leaves the queue.\n");
        Path disk = runbooks.resolve("disk.md");
        Files.writeString(disk, "# Queue disk full\n\nFree space on the queue volume.\n");
        SearchIndexCache cache = checkedAfterTheAnswer();
        SearchIndexCache.Update[] update = new SearchIndexCache.Update[1];
        assertThat(ids(cache, "queue", update)).containsExactlyInAnyOrder("stalled.md", "disk.md");
        assertThat(ids(cache, "volume", update)).containsExactly("disk.md");
        assertThat(update[0]).as("nothing changed: answered early").isEqualTo(new SearchIndexCache.Update(0, 0, 2));

        edit(disk, "# Queue disk full\n\nRestart the consumers.\n");
        assertThat(ids(cache, "consumers", update)).containsExactly("disk.md");
        assertThat(update[0]).isEqualTo(new SearchIndexCache.Update(1, 0, 1));
        assertThat(ids(cache, "volume", update)).isEmpty();
        Files.delete(disk);
        assertThat(ids(cache, "consumers", update)).isEmpty();
        assertThat(update[0]).isEqualTo(new SearchIndexCache.Update(0, 1, 1));
    }

    @Test
    void aRepeatSearchOfAnUnchangedFolderReadsTheIndexOnce() throws Exception {
        Files.writeString(runbooks.resolve("stalled.md"), "# BatonQueueStalled\n\nNothing leaves the queue.\n");
        Files.writeString(runbooks.resolve("disk.md"), "# Queue disk full\n\nFree space on the queue volume.\n");
        SearchIndexCache cache = checkedAfterTheAnswer();
        SearchIndexCache.Update[] update = new SearchIndexCache.Update[1];
        assertThat(ids(cache, "queue", update)).hasSize(2);
        // Once the early answer is read, the index's stored text is replaced by nothing (as a new file: the answer's
        // reader keeps the old one). Read again, the index would be found damaged and dropped.
        Path index = cache.indexFolder(List.of(runbooks));
        meanwhile = () -> {
            meanwhile = () -> null;
            try (var files = Files.list(index)) {
                for (Path stored : files.filter(f -> f.getFileName().toString().endsWith(".fdt")).toList()) {
                    Path empty = Files.writeString(index.resolve("empty.tmp"), "");
                    Files.move(empty, stored, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return null;
        };
        assertThat(ids(cache, "volume", update)).containsExactly("disk.md");
        assertThat(update[0]).isEqualTo(new SearchIndexCache.Update(0, 0, 2));
        assertThat(index.resolve("files.tsv")).as("the index was read once, never found damaged").exists();
    }

    @Test
    void aRepeatAlertLookupOfAnUnchangedFolderReadsTheIndexOnce() throws Exception {
        Files.writeString(runbooks.resolve("stalled.md"), "---\nalerts: [BatonQueueStalled]\n---\n# Queue stalled\n");
        SearchIndexCache cache = checkedAfterTheAnswer();
        assertThat(cache.forAlert(List.of(runbooks), "BatonQueueStalled")).isPresent();
        Path index = cache.indexFolder(List.of(runbooks));
        meanwhile = () -> {
            meanwhile = () -> null;
            // As above: read again, the index would be found damaged and the lookup would give no answer.
            try (var files = Files.list(index)) {
                for (Path stored : files.filter(f -> f.getFileName().toString().endsWith(".fdt")).toList()) {
                    Path empty = Files.writeString(index.resolve("empty.tmp"), "");
                    Files.move(empty, stored, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return null;
        };
        assertThat(cache.forAlert(List.of(runbooks), "BatonQueueStalled")).hasValueSatisfying(
                matches -> assertThat(matches).singleElement().extracting(m -> m.runbook().orElseThrow().title()).isEqualTo("Queue stalled"));
    }

    @Test
    void anAnswerReadBeforeAnotherBatonsCommitIsNotGiven() throws Exception {
        Path disk = runbooks.resolve("disk.md");
        Files.writeString(disk, "# Queue disk full\n\nFree space on the queue volume.\n");
        Files.writeString(runbooks.resolve("stalled.md"), "# BatonQueueStalled\n\nNothing leaves the queue.\n");
        SearchIndexCache other = new SearchIndexCache(cacheFolder);
        assertThat(other.search(List.of(runbooks), "queue", 10)).hasSize(2);
        SearchIndexCache cache = checkedAfterTheAnswer();
        // After this search's answer was read, and before its check: the file is edited and another Baton brings the
        // index and its manifest up to date. The check then finds the folder as the manifest has it, but the answer
        // came from the commit before.
        meanwhile = () -> {
            meanwhile = () -> null;
            edit(disk, "# Queue disk full\n\nRestart the consumers.\n");
            assertThat(other.search(List.of(runbooks), "consumers", 10)).hasSize(1);
            return null;
        };
        SearchIndexCache.Update[] update = new SearchIndexCache.Update[1];
        assertThat(ids(cache, "consumers", update)).containsExactly("disk.md");
        assertThat(update[0]).isEqualTo(new SearchIndexCache.Update(0, 0, 2));
    }

    @Test
    void alertLookupFollowsAFileEditedBetweenTwoLookups() throws Exception {
        Path stalled = runbooks.resolve("stalled.md");
        Files.writeString(stalled, "---\nalerts: [BatonQueueStalled]\n---\n# Queue stalled\n\nLook.\n");
        Files.writeString(runbooks.resolve("disk.md"), "---\nalerts: [BatonDiskFull]\n---\n# Disk full\n");
        SearchIndexCache cache = checkedAfterTheAnswer();
        assertThat(cache.forAlert(List.of(runbooks), "BatonQueueStalled")).hasValueSatisfying(
                matches -> assertThat(matches).singleElement().extracting(m -> m.runbook().orElseThrow().title()).isEqualTo("Queue stalled"));
        assertThat(cache.forAlert(List.of(runbooks), "BatonQueueStalled")).as("answered early").isPresent();

        edit(stalled, "---\nalerts: [BatonQueueStuck]\n---\n# Queue stuck\n");
        assertThat(cache.forAlert(List.of(runbooks), "BatonQueueStalled")).isEmpty();
        assertThat(cache.forAlert(List.of(runbooks), "BatonQueueStuck")).hasValueSatisfying(
                matches -> assertThat(matches).singleElement().extracting(m -> m.runbook().orElseThrow().title()).isEqualTo("Queue stuck"));
        Files.delete(stalled);
        assertThat(cache.forAlert(List.of(runbooks), "BatonQueueStuck")).isEmpty();
        assertThat(cache.forAlert(List.of(runbooks), "BatonDiskFull")).isPresent();
    }
}
