package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index on disk answers repeat searches and follows the folder: added, changed and removed files. */
class SearchIndexCacheTest {
    @TempDir
    Path runbooks;
    @TempDir
    Path cacheFolder;

    private List<String> ids(SearchIndexCache cache, String query, SearchIndexCache.Update[] update) {
        return cache.search(List.of(runbooks), query, 10, update).stream()
                .map(hit -> hit.id().substring(hit.id().lastIndexOf('/') + 1)).toList();
    }

    @Test
    void onlyChangedFilesAreReadAgain() throws Exception {
        Files.writeString(runbooks.resolve("stalled.md"), "# BatonQueueStalled\n\nNothing leaves the queue.\n");
        Files.writeString(runbooks.resolve("disk.md"), "# Queue disk full\n\nFree space on the queue volume.\n");
        SearchIndexCache cache = new SearchIndexCache(cacheFolder);
        SearchIndexCache.Update[] update = new SearchIndexCache.Update[1];

        assertThat(ids(cache, "queue", update)).containsExactlyInAnyOrder("stalled.md", "disk.md");
        assertThat(update[0]).isEqualTo(new SearchIndexCache.Update(2, 0, 0));

        assertThat(ids(cache, "queue stalled", update)).containsExactly("stalled.md");
        assertThat(update[0]).as("nothing changed: nothing read").isEqualTo(new SearchIndexCache.Update(0, 0, 2));

        Path disk = runbooks.resolve("disk.md");
        Files.writeString(disk, "# Queue disk full\n\nFree space, then restart the consumers.\n");
        Files.setLastModifiedTime(disk, FileTime.fromMillis(Files.getLastModifiedTime(disk).toMillis() + 5_000));
        Files.writeString(runbooks.resolve("lagging.md"), "# BatonQueueLagging\n\nConsumers are behind.\n");
        Files.delete(runbooks.resolve("stalled.md"));
        assertThat(ids(cache, "consumers", update)).containsExactlyInAnyOrder("disk.md", "lagging.md");
        assertThat(update[0]).isEqualTo(new SearchIndexCache.Update(2, 1, 0));
        assertThat(ids(cache, "stalled", update)).isEmpty();
    }

    /** What an alert lookup says, in words that do not depend on where the runbooks were read from. */
    private static List<String> answers(RunbookLibrary library, String alert) {
        return library.forAlert(alert).stream().map(m -> m.alert() + " " + m.runbook().map(Runbook::id).orElse("-") + " "
                + m.severity() + " " + m.target() + " " + m.source() + " " + m.runbook().map(Runbook::title).orElse("-")).toList();
    }

    @Test
    void alertLookupAnswersFromTheIndexAndFollowsTheFolder() throws Exception {
        Files.writeString(runbooks.resolve("stalled.md"),
                "---\ntitle: Queue stalled\nseverity: critical\nalerts: [BatonQueueStalled]\n---\n# Queue stalled\n\nLook.\n");
        Files.writeString(runbooks.resolve("index.md"), "# Index\n\n| Alert | Runbook | Severity |\n|---|---|---|\n"
                + "| BatonQueueLagging | [Lagging](lagging.md#consumers-behind) | warning |\n");
        Files.writeString(runbooks.resolve("KubePodCrashLooping.md"), "# KubePodCrashLooping\n\nRead the logs.\n");
        SearchIndexCache cache = new SearchIndexCache(cacheFolder);
        SearchIndexCache.Update[] update = new SearchIndexCache.Update[1];
        List<String> names = List.of("BatonQueueStalled", "batonqueuestalled", "BatonQueueLagging", "KubePodCrashLooping",
                "BatonQueueStuck", "kube-pod-crash-looping");

        try (RunbookLibrary first = cache.lookupLibrary(List.of(runbooks), update)) {
            assertThat(update[0]).isEqualTo(new SearchIndexCache.Update(3, 0, 0));
            assertThat(answers(first, "BatonQueueStalled")).containsExactly(
                    "BatonQueueStalled " + runbooks.resolve("stalled.md") + " critical " + runbooks.resolve("stalled.md")
                            + " " + runbooks.resolve("stalled.md") + " Queue stalled");
        }
        try (RunbookLibrary repeat = cache.lookupLibrary(List.of(runbooks), update);
                RunbookLibrary read = RunbookLibrary.load(runbooks)) {
            assertThat(update[0]).as("nothing changed: nothing read").isEqualTo(new SearchIndexCache.Update(0, 0, 3));
            for (String name : names) {
                assertThat(answers(repeat, name)).as(name).isEqualTo(answers(read, name));
                assertThat(repeat.alertSuggestions(name, 3)).as(name).isEqualTo(read.alertSuggestions(name, 3));
            }
            assertThat(answers(repeat, "BatonQueueLagging")).singleElement().asString().contains(" - warning lagging.md#consumers-behind");
        }

        Path stalled = runbooks.resolve("stalled.md");
        Files.writeString(stalled, "---\ntitle: Queue stuck\nalerts:\n  - BatonQueueStuck\n---\n# Queue stuck\n");
        Files.setLastModifiedTime(stalled, FileTime.fromMillis(Files.getLastModifiedTime(stalled).toMillis() + 5_000));
        Files.delete(runbooks.resolve("KubePodCrashLooping.md"));
        Files.writeString(runbooks.resolve("lagging.md"), "# Lagging\n\n## Consumers behind\n\nScale them.\n");
        try (RunbookLibrary changed = cache.lookupLibrary(List.of(runbooks), update);
                RunbookLibrary read = RunbookLibrary.load(runbooks)) {
            assertThat(update[0]).isEqualTo(new SearchIndexCache.Update(2, 1, 1));
            assertThat(changed.forAlert("BatonQueueStalled")).isEmpty();
            assertThat(changed.forAlert("KubePodCrashLooping")).isEmpty();
            assertThat(answers(changed, "BatonQueueStuck")).singleElement().asString().contains("stalled.md").contains("Queue stuck");
            assertThat(answers(changed, "BatonQueueLagging")).singleElement().asString()
                    .startsWith("BatonQueueLagging " + runbooks.resolve("lagging.md") + " warning");
            for (String name : names) {
                assertThat(answers(changed, name)).as(name).isEqualTo(answers(read, name));
                assertThat(changed.alertSuggestions(name, 3)).as(name).isEqualTo(read.alertSuggestions(name, 3));
            }
        }
    }

    /**
     * The manifest as if its files had been stamped {@code hoursFromNow} hours after their last change (0: just
     * now), with the hash of {@code file} replaced by {@code hash} (what it held when hashed, as far as the index knows).
     */
    private void rewriteManifest(SearchIndexCache cache, int hoursFromNow, String file, String hash) throws Exception {
        Path manifest = cache.indexFolder(List.of(runbooks)).resolve("files.tsv");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(manifest));
        assertThat(lines.get(1)).startsWith("#stamped\t");
        lines.set(1, "#stamped\t" + (System.currentTimeMillis() + hoursFromNow * 3_600_000L) * 1_000_000);
        lines.replaceAll(line -> line.endsWith("/" + file) ? line.replaceFirst("\t[0-9a-f]{64}\t", "\t" + hash + "\t") : line);
        Files.write(manifest, lines);
    }

    private static final String OTHER_HASH = "0".repeat(64);

    @Test
    void aFileWhoseStatusHoldsIsNotHashedAgain() throws Exception {
        Files.writeString(runbooks.resolve("stalled.md"), "# BatonQueueStalled\n\nNothing leaves the queue.\n");
        SearchIndexCache cache = new SearchIndexCache(cacheFolder);
        SearchIndexCache.Update[] update = new SearchIndexCache.Update[1];
        assertThat(ids(cache, "queue", update)).containsExactly("stalled.md");

        // Stamped an hour after its last change, and the status the same: its old hash is trusted
        // (had it been hashed again, the hash would differ from the one written down, and it would be read).
        rewriteManifest(cache, 1, "stalled.md", OTHER_HASH);
        assertThat(ids(cache, "queue", update)).containsExactly("stalled.md");
        assertThat(update[0]).isEqualTo(new SearchIndexCache.Update(0, 0, 1));
    }

    @Test
    void aFileChangedWithinTheClocksTickOfItsStampingIsHashedAgain() throws Exception {
        Files.writeString(runbooks.resolve("stalled.md"), "# BatonQueueStalled\n\nNothing leaves the queue.\n");
        SearchIndexCache cache = new SearchIndexCache(cacheFolder);
        SearchIndexCache.Update[] update = new SearchIndexCache.Update[1];
        assertThat(ids(cache, "queue", update)).containsExactly("stalled.md");

        // Stamped now, and the file written just before: a second write in the same tick would keep its status.
        rewriteManifest(cache, 0, "stalled.md", OTHER_HASH);
        assertThat(ids(cache, "queue", update)).containsExactly("stalled.md");
        assertThat(update[0]).isEqualTo(new SearchIndexCache.Update(1, 0, 0));
    }

    /** touch -r, cp -p, rsync -t keep the size and time; the kernel still sets the change time of the write. */
    @Test
    void anEditThatKeepsSizeAndTimeOfATrustedFileIsRead() throws Exception {
        Path stalled = runbooks.resolve("stalled.md");
        Files.writeString(stalled, "# BatonQueueStalled\n\nNothing leaves the queue.\n");
        SearchIndexCache cache = new SearchIndexCache(cacheFolder);
        SearchIndexCache.Update[] update = new SearchIndexCache.Update[1];
        assertThat(ids(cache, "queue", update)).containsExactly("stalled.md");
        Path manifest = cache.indexFolder(List.of(runbooks)).resolve("files.tsv");
        String hash = Files.readAllLines(manifest).get(2).split("\t")[2];
        rewriteManifest(cache, 1, "stalled.md", hash);

        FileTime time = Files.getLastModifiedTime(stalled);
        Files.writeString(stalled, "# BatonQueueStalled\n\nNothing leaves the drain.\n");
        Files.setLastModifiedTime(stalled, time);
        assertThat(ids(cache, "drain", update)).containsExactly("stalled.md");
        assertThat(update[0]).isEqualTo(new SearchIndexCache.Update(1, 0, 0));
    }

    @Test
    void aDamagedIndexIsRebuiltNotFatal() throws Exception {
        Files.writeString(runbooks.resolve("stalled.md"), "# BatonQueueStalled\n");
        SearchIndexCache cache = new SearchIndexCache(cacheFolder);
        SearchIndexCache.Update[] update = new SearchIndexCache.Update[1];
        assertThat(ids(cache, "stalled", update)).containsExactly("stalled.md");
        Path dir = cache.indexFolder(List.of(runbooks));
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("segments")).toList()) {
                Files.write(file, new byte[] {1, 2, 3});
            }
        }
        assertThat(ids(cache, "stalled", update)).as("answered by reading the folder").containsExactly("stalled.md");
        assertThat(ids(cache, "stalled", update)).as("and the index rebuilt").containsExactly("stalled.md");
        assertThat(update[0].reread()).isEqualTo(1);
    }
}
