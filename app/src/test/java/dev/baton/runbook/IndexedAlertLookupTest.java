package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An alert looked up through the index's alert keys, reading only the runbooks that can answer it, gives what the
 * whole library read from disk gives: same runbooks, headings, severities, order; odd, hostile and foreign names.
 */
class IndexedAlertLookupTest {
    @TempDir
    Path runbooks;
    @TempDir
    Path cacheFolder;

    /** Every field of each match, in words that do not depend on where the runbooks were read from. */
    private static List<String> described(List<AlertMatch> matches) {
        return matches.stream().map(m -> m.alert() + " | " + m.runbook().map(Runbook::id).orElse("-") + " | "
                + m.severity() + " | " + m.target() + " | " + m.source() + " | " + m.runbook().map(Runbook::title).orElse("-")
                + " | " + m.section().map(Section::title).orElse("-") + " | " + m.location()).toList();
    }

    private static final List<String> NAMES = List.of("BatonQueueStalled", "  batonqueuestalled ", "`BatonQueueStalled`",
            "BATONQUEUESTALLED", "BatonQueueLagging", "batonqueuelagging", "KubePodCrashLooping", "kube-pod-crash-looping",
            "kube_pod_crash_looping", "HighErrorRate", "higherrorrate", "Watchdog", "ÜberlastAlarm", "überlastalarm",
            "İstanbulLatency", "istanbullatency", "$(touch /tmp/x); `id` 'q' \"d\"", "Quote'\"$(x)`y`", "Tab\tName",
            "BatonDiskFull", "SameNameTwice", "NoSuchAlert", "", "   ", "a".repeat(40_000), "NodeSplit", "RB-07");

    private void writeLibrary() throws Exception {
        Files.writeString(runbooks.resolve("stalled.md"),
                "---\ntitle: Queue stalled\nseverity: critical\nalerts: [BatonQueueStalled, \"ÜberlastAlarm\", "
                        + "\"Quote'\\\"$(x)`y`\"]\n---\n# Queue stalled\n\nLook.\n");
        Files.writeString(runbooks.resolve("index.md"), "# Index\n\n| Alert | Runbook | Severity |\n|---|---|---|\n"
                + "| BatonQueueLagging | [Lagging](lagging.md#consumers-behind) | warning |\n"
                + "| BatonQueueStalled | [Stalled](stalled.md) | page |\n"
                + "| BatonDiskFull | [Disk](disk/full.md) | info |\n");
        Files.writeString(runbooks.resolve("lagging.md"), "# Lagging\n\n## Consumers behind\n\nScale them.\n");
        Files.writeString(runbooks.resolve("KubePodCrashLooping.md"), "# KubePodCrashLooping\n\nRead the logs.\n");
        Files.writeString(runbooks.resolve("many.md"), "# Service alerts\n\n## HighErrorRate\n\nErrors.\n\n"
                + "## Watchdog\n\nAlways firing.\n\n## İstanbulLatency - slow in one region\n\nLook.\n\n"
                + "## $(touch /tmp/x); `id` 'q' \"d\"\n\nHostile heading.\n");
        Files.createDirectories(runbooks.resolve("de"));
        Files.writeString(runbooks.resolve("de/many.md"), "# Dienstalarme\n\n## HighErrorRate\n\nFehler.\n");
        Files.createDirectories(runbooks.resolve("disk"));
        Files.writeString(runbooks.resolve("disk/full.md"), "# Disk full\n\nFree space.\n");
        Files.writeString(runbooks.resolve("twice-a.md"), "---\nalerts: [SameNameTwice]\n---\n# A\n");
        Files.writeString(runbooks.resolve("twice-b.md"), "---\nalerts: [samenametwice]\nseverity: low\n---\n# B\n");
        Files.writeString(runbooks.resolve("tab.md"), "---\nalerts: [\"Tab\\tName\"]\n---\n# Tab\n");
        Files.writeString(runbooks.resolve("long.md"), "---\nalerts: [" + "a".repeat(40_000) + "]\n---\n# Long\n");
        for (int i = 0; i < 30; i++) {
            Files.writeString(runbooks.resolve("filler-" + i + ".md"), "---\nalerts: [Filler" + i + "]\n---\n# Filler " + i + "\n");
        }
    }

    /** Compares the index's answer with the whole library's for every name; the names it answered alone. */
    private List<String> compare(SearchIndexCache cache) {
        List<String> answered = new ArrayList<>();
        try (RunbookLibrary read = RunbookLibrary.load(runbooks)) {
            for (String name : NAMES) {
                Optional<List<AlertMatch>> indexed = cache.forAlert(List.of(runbooks), name);
                List<AlertMatch> expected = read.forAlert(name);
                if (indexed.isPresent()) {
                    answered.add(name);
                    assertThat(described(indexed.get())).as(name.length() > 80 ? name.substring(0, 80) + "…" : name).isEqualTo(described(expected));
                } else if (name.length() < 8_000) {
                    // A name too long to be an index term is left to the whole library too.
                    assertThat(expected).as("only a name no runbook answers is left to the whole library: " + name).isEmpty();
                }
            }
        }
        return answered;
    }

    @Test
    void theIndexAnswersAsTheWholeLibraryDoes() throws Exception {
        writeLibrary();
        SearchIndexCache cache = new SearchIndexCache(cacheFolder);
        List<String> answered = compare(cache);
        assertThat(answered).contains("BatonQueueStalled", "  batonqueuestalled ", "BatonQueueLagging", "kube-pod-crash-looping",
                "HighErrorRate", "Watchdog", "überlastalarm", "Quote'\"$(x)`y`", "Tab\tName", "BatonDiskFull", "SameNameTwice");
        assertThat(answered).doesNotContain("NoSuchAlert", "", "   ");
    }

    @Test
    void editedAddedAndRemovedRunbooksAreSeen() throws Exception {
        writeLibrary();
        SearchIndexCache cache = new SearchIndexCache(cacheFolder);
        compare(cache);

        Path stalled = runbooks.resolve("stalled.md");
        Files.writeString(stalled, "---\ntitle: Queue stuck\nalerts:\n  - BatonQueueStuck\n---\n# Queue stuck\n");
        Files.setLastModifiedTime(stalled, FileTime.fromMillis(Files.getLastModifiedTime(stalled).toMillis() + 5_000));
        Files.delete(runbooks.resolve("KubePodCrashLooping.md"));
        Files.writeString(runbooks.resolve("split.md"), "---\nalerts: [NodeSplit]\n---\n# Split\n");
        Files.delete(runbooks.resolve("disk/full.md"));
        compare(cache);
        assertThat(cache.forAlert(List.of(runbooks), "BatonQueueStuck")).hasValueSatisfying(
                m -> assertThat(described(m)).singleElement().asString().contains("Queue stuck"));
        assertThat(cache.forAlert(List.of(runbooks), "NodeSplit")).hasValueSatisfying(m -> assertThat(m).hasSize(1));
        assertThat(cache.forAlert(List.of(runbooks), "KubePodCrashLooping")).isEmpty();
    }

    @Test
    void aRunbookAnIndexTableNamesByIdIsFoundAmongTheFilesNames() throws Exception {
        Files.writeString(runbooks.resolve("index.md"), "# Index\n\n| Alert | Runbook | Severity |\n|---|---|---|\n"
                + "| NodeSplit | RB-07 | page |\n| BatonDiskFull | [Disk](gone.md) | info |\n");
        Files.writeString(runbooks.resolve("rb-07-split.md"), "# Split brain\n\nFence a node.\n");
        Files.writeString(runbooks.resolve("rb-07.md"), "---\nalerts: [Other]\n---\n# Seven\n");
        Files.writeString(runbooks.resolve("gone.md-notes.md"), "# Notes\n");
        SearchIndexCache cache = new SearchIndexCache(cacheFolder);
        try (RunbookLibrary read = RunbookLibrary.load(runbooks)) {
            assertThat(described(read.forAlert("NodeSplit"))).singleElement().asString().contains("rb-07");
        }
        assertThat(cache.forAlert(List.of(runbooks), "NodeSplit")).isPresent();
        assertThat(compare(cache)).contains("NodeSplit", "BatonDiskFull");
    }
}
