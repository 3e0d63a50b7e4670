package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large library opened for the first time is given before its search index is written: its runbooks at once,
 * and a search that waits for the whole index rather than answering from part of it. The index written then
 * serves the next open as one written before the library was given.
 */
class LibraryIndexedAfterTest {
    private static final List<String> QUERIES = List.of("disk", "full", "node not ready", "KubeNodeNotReady",
            "restart", "runbook 7", "evictions", "payments", "kubectl get pods", "queue sta");

    @TempDir
    Path runbooks;
    @TempDir
    Path cacheFolder;

    /** Holds the indexing work until the test lets it run. */
    private final ConcurrentLinkedQueue<Runnable> held = new ConcurrentLinkedQueue<>();
    private final Executor holding = held::add;

    @BeforeEach
    void writeALibrary() throws IOException {
        for (int i = 0; i < 40; i++) {
            Files.writeString(runbooks.resolve("runbook-" + i + ".md"), """
                    ---
                    alerts: [KubeNodeNotReady%d, RedisHighEvictions]
                    ---
                    # Runbook %d: disk full on node %d

                    The payments queue stalls when the disk is full.

                    ## Look

                    ```bash
                    kubectl get pods -n <namespace> -l app=consumer-%d
                    df -h /var/lib/queue
                    ```

                    ## Mend

                    1. Restart the consumer:
                       ```bash
                       kubectl rollout restart deploy/consumer-%d
                       ```
                    """.formatted(i, i, i, i, i));
        }
        Files.writeString(runbooks.resolve("plain.md"), "# Evictions\n\nRedis evicts keys when memory is short.\n");
        Files.write(runbooks.resolve("photo.md"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
    }

    private static List<Tuple> hits(RunbookLibrary library, String query) {
        return library.search(query, 100).stream().map(hit -> Tuple.tuple(hit.id(), hit.snippet())).toList();
    }

    private void runHeld() {
        for (Runnable work = held.poll(); work != null; work = held.poll()) {
            work.run();
        }
    }

    @Test
    void theRunbooksComeFirstAndASearchWaitsForTheWholeIndex() throws Exception {
        SearchIndexCache cache = new SearchIndexCache(cacheFolder, "build", holding, 10);
        SearchIndexCache.Update[] update = new SearchIndexCache.Update[1];
        try (RunbookLibrary read = RunbookLibrary.load(runbooks);
                RunbookLibrary opened = cache.library(List.of(runbooks), update)) {
            assertThat(update[0].reread()).isEqualTo(42);
            assertThat(held).as("the index is left to be written").hasSize(1);
            assertThat(opened.searchReady()).isFalse();
            assertThat(opened.runbooks()).isEqualTo(read.runbooks());
            assertThat(opened.problems()).isEqualTo(read.problems());
            assertThat(opened.forAlert("RedisHighEvictions")).isEqualTo(read.forAlert("RedisHighEvictions"));

            CompletableFuture<List<Tuple>> searching = CompletableFuture.supplyAsync(() -> hits(opened, "disk"));
            runHeld();
            assertThat(searching.get(30, TimeUnit.SECONDS)).containsExactlyInAnyOrderElementsOf(hits(read, "disk"));
            assertThat(opened.searchReady()).isTrue();
            for (String query : QUERIES) {
                assertThat(hits(opened, query)).as(query).isNotEmpty().containsExactlyInAnyOrderElementsOf(hits(read, query));
            }
        }
    }

    @Test
    void theIndexWrittenAfterServesTheNextOpen() throws IOException {
        SearchIndexCache after = new SearchIndexCache(cacheFolder, "build", holding, 10);
        SearchIndexCache.Update[] update = new SearchIndexCache.Update[1];
        RunbookLibrary first = after.library(List.of(runbooks), update);
        Path snapshot = after.indexFolder(List.of(runbooks)).resolve("library.jsonl");
        assertThat(snapshot).as("the snapshot is written with the index, after the list").doesNotExist();
        runHeld();
        assertThat(snapshot).exists();
        first.close();
        try (RunbookLibrary read = RunbookLibrary.load(runbooks);
                RunbookLibrary next = new SearchIndexCache(cacheFolder, "build").library(List.of(runbooks), update)) {
            assertThat(update[0]).as("nothing read again").isEqualTo(new SearchIndexCache.Update(0, 0, 42));
            assertThat(next.searchReady()).isTrue();
            assertThat(next.runbooks()).isEqualTo(read.runbooks());
            for (String query : QUERIES) {
                assertThat(hits(next, query)).as(query).containsExactlyInAnyOrderElementsOf(hits(read, query));
            }
            List<Tuple> fromTheCommand = new ArrayList<>();
            new SearchIndexCache(cacheFolder, "build").search(List.of(runbooks), "evictions", 100, update)
                    .forEach(hit -> fromTheCommand.add(Tuple.tuple(hit.id(), hit.snippet())));
            assertThat(update[0].reread()).isZero();
            assertThat(fromTheCommand).containsExactlyInAnyOrderElementsOf(hits(read, "evictions"));
        }
    }

    @Test
    void aSmallLibraryIsIndexedBeforeItIsGiven() {
        SearchIndexCache cache = new SearchIndexCache(cacheFolder, "build", holding, 1_000);
        try (RunbookLibrary opened = cache.library(List.of(runbooks), new SearchIndexCache.Update[1])) {
            assertThat(held).isEmpty();
            assertThat(opened.searchReady()).isTrue();
            assertThat(opened.search("evictions", 5)).isNotEmpty();
        }
    }

    @Test
    void anIndexThatCannotBeWrittenIsMadeInMemory() throws IOException {
        SearchIndexCache cache = new SearchIndexCache(cacheFolder, "build", holding, 10);
        try (RunbookLibrary read = RunbookLibrary.load(runbooks);
                RunbookLibrary opened = cache.library(List.of(runbooks), new SearchIndexCache.Update[1])) {
            // Another Baton holds the index's write lock while this one would write it.
            try (var directory = org.apache.lucene.store.FSDirectory.open(cache.indexFolder(List.of(runbooks)));
                    var lock = directory.obtainLock(org.apache.lucene.index.IndexWriter.WRITE_LOCK_NAME)) {
                runHeld();
            }
            assertThat(opened.searchReady()).isTrue();
            for (String query : QUERIES) {
                assertThat(hits(opened, query)).as(query).containsExactlyInAnyOrderElementsOf(hits(read, query));
            }
        }
    }
}
