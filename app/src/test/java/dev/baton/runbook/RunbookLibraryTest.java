package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookLibraryTest {
    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    void runbookIdIndexResolvesRunbookIdsThroughItsEntries() throws Exception {
        Files.copy(FormatFixtures.file(FormatFixtures.RUNBOOK_IDS), dir.resolve("README.md"));
        write("rb-03-search-index.md", "# Search index trouble\n\n```bash\ncurl -s localhost:9200/_cat/indices\n```\n");
        write("rb-01-console-down.md", "# Console down\n");
        try (RunbookLibrary library = RunbookLibrary.load(dir)) {
            List<AlertMatch> matches = library.forAlert("SearchIndexLagging");
            assertThat(matches).singleElement().satisfies(m -> {
                assertThat(m.runbook()).map(Runbook::title).contains("Search index trouble");
                assertThat(m.target()).isEqualTo("RB-03");
                assertThat(m.severity()).isEqualTo("Warning");
            });
            assertThat(library.forAlert("searchindexlagging")).as("case-insensitive").hasSize(1);
            Runbook search = library.runbooks().stream().filter(r -> r.title().equals("Search index trouble")).findFirst().orElseThrow();
            assertThat(library.severity(search)).as("from the index entry").contains("Medium-High");
            assertThat(library.forAlert("JobStoreSlowQueries")).as("RB-02's file is not in the folder").singleElement()
                    .satisfies(m -> assertThat(m.runbook()).isEmpty());
            assertThat(library.forAlert("NoSuchAlert")).isEmpty();
        }
    }

    @Test
    void alertTableResolvesLinksAndReportsMissingFiles() throws Exception {
        Files.copy(FormatFixtures.file(FormatFixtures.ALERT_TABLE), dir.resolve("README.md"));
        write("worker-down.md", "---\ntitle: A worker is down\n---\n# Worker down\n");
        try (RunbookLibrary library = RunbookLibrary.load(dir)) {
            assertThat(library.forAlert("WorkerDown")).singleElement().satisfies(m -> {
                assertThat(m.runbook()).map(Runbook::title).contains("A worker is down");
                assertThat(m.severity()).isEqualTo("Critical");
            });
            assertThat(library.lint()).extracting(LibraryProblem::message)
                    .anyMatch(msg -> msg.contains("broken link [lease-stuck.md](lease-stuck.md)"))
                    .anyMatch(msg -> msg.contains("alert LeaseStuck maps to lease-stuck.md"))
                    .noneMatch(msg -> msg.contains("(worker-down.md)"));
        }
    }

    @Test
    void declaredAlertsComeFirstAndAreNotRepeated() throws Exception {
        write("index.md", "| Alert | Runbook |\n|---|---|\n| DiskFull | [Disk](disk.md) |\n");
        write("disk.md", "---\nalerts:\n  - DiskFull\n---\n# Disk full\n");
        try (RunbookLibrary library = RunbookLibrary.load(dir)) {
            assertThat(library.forAlert("DiskFull")).singleElement()
                    .satisfies(m -> assertThat(m.source()).endsWith("disk.md"));
        }
    }

    @Test
    void linksResolveToRunbooksAnchorsFilesOrBroken() throws Exception {
        write("a.md", """
                # A
                ## Steps here
                [b](b.md) [b section](sub/../b.md#details) [self](#steps-here) [missing anchor](#nope)
                [web](https://kubernetes.io/docs/) [gone](gone.md) [file](notes.log) [section](multi.md#second)
                [encoded](with%20space.md)
                """);
        write("b.md", "# B\n## Details\n");
        write("notes.log", "x");
        write("with space.md", "# Spaced\n");
        write("multi.md", "# Multi\n## Runbook: First\n## Runbook: Second\n");
        try (RunbookLibrary library = RunbookLibrary.load(dir)) {
            Runbook a = library.runbooks().stream().filter(r -> r.title().equals("A")).findFirst().orElseThrow();
            List<LinkTarget> targets = a.links().stream().map(l -> library.resolve(a, l)).toList();
            assertThat(targets).extracting(LinkTarget::kind).containsExactly(
                    LinkTarget.Kind.RUNBOOK, LinkTarget.Kind.RUNBOOK, LinkTarget.Kind.ANCHOR, LinkTarget.Kind.BROKEN,
                    LinkTarget.Kind.EXTERNAL, LinkTarget.Kind.BROKEN, LinkTarget.Kind.FILE, LinkTarget.Kind.RUNBOOK,
                    LinkTarget.Kind.RUNBOOK);
            assertThat(targets.get(0).runbookId()).endsWith("/b.md");
            assertThat(targets.get(7).runbookId()).endsWith("/multi.md#second");
            assertThat(targets.get(3).reason()).contains("#nope");
            assertThat(targets.get(5).reason()).contains("no such file: gone.md");
        }
    }

    @Test
    void unreadableFilesAreProblemsAndTheRestLoads() throws Exception {
        write("good.md", "# Good\n");
        Files.write(dir.resolve("bad.md"), new byte[] {'#', 0, 'x'});
        write("ignored.json", "{}");
        write(".git/HEAD.md", "# not a runbook\n");
        try (RunbookLibrary library = RunbookLibrary.load(dir)) {
            assertThat(library.runbooks()).extracting(Runbook::title).containsExactly("Good");
            assertThat(library.problems()).singleElement().satisfies(p -> {
                assertThat(p.path()).endsWith("bad.md");
                assertThat(p.message()).contains("binary");
            });
            assertThat(library.lint()).extracting(LibraryProblem::format).contains(
                    library.problems().get(0).path() + ":1: " + library.problems().get(0).message());
        }
    }

    @Test
    void missingFolderIsAProblemNotACrash() {
        try (RunbookLibrary library = RunbookLibrary.load(dir.resolve("absent"))) {
            assertThat(library.runbooks()).isEmpty();
            assertThat(library.problems()).singleElement().extracting(LibraryProblem::message).isEqualTo("file not found");
        }
    }

    @Test
    void findAddressesSectionRunbooks() throws Exception {
        Files.copy(FormatFixtures.file(FormatFixtures.RUNBOOK_SECTIONS), dir.resolve("incidents.md"));
        try (RunbookLibrary library = RunbookLibrary.load(dir)) {
            String id = dir.resolve("incidents.md") + "#cache-node-failure";
            assertThat(library.find(id)).map(Runbook::title).contains("Cache Node Failure");
        }
    }

    /** Hostile nesting written by the test: each file is refused with its line, the good one still loads. */
    @Test
    void oneDeeplyNestedFileIsRefusedAndEveryOtherFileLoads() throws Exception {
        write("a-good.md", "# Disk full\n\n```bash\ndf -h\n```\n");
        write("quotes.md", "# Quoted\n\n" + ">".repeat(5_000) + " the deepest quote\n");
        write("dashes.md", "# Dashes\n\n" + "- ".repeat(100_000) + "bottom\n");
        StringBuilder levels = new StringBuilder("# Levels\n\n");
        for (int i = 0; i < 3_000; i++) {
            levels.append("  ".repeat(i)).append("- level ").append(i).append('\n');
        }
        write("levels.md", levels.toString());
        StringBuilder fine = new StringBuilder("# Fine\n\n");
        for (int i = 0; i < 40; i++) {
            fine.append("  ".repeat(i)).append("- level ").append(i).append('\n');
        }
        write("z-forty-levels.md", fine + ">".repeat(40) + " forty quotes\n");
        try (RunbookLibrary library = RunbookLibrary.load(dir)) {
            assertThat(library.runbooks()).extracting(Runbook::title).containsExactlyInAnyOrder("Disk full", "Fine");
            assertThat(library.problems()).extracting(p -> p.path().replaceAll(".*/", "") + ":" + p.line())
                    .containsExactlyInAnyOrder("quotes.md:3", "dashes.md:3", "levels.md:103");
            assertThat(library.problems()).allSatisfy(p -> assertThat(p.message()).contains("more than 100 levels deep").contains("not loaded"));
            assertThat(library.lint()).extracting(LibraryProblem::path).anyMatch(p -> p.endsWith("quotes.md"));
            assertThat(library.search("bottom", 5)).isEmpty();
            assertThat(library.search("disk", 5)).isNotEmpty();
        }
    }

    /**
     * Inline syntax opened over and over and never closed, a few hundred kilobytes each: the Markdown parser once
     * took minutes over some (every unclosed {@code <} scanned to the end of the paragraph) and overflowed its stack
     * on others, which lost the file's steps. Each file now loads whole, its step with it. The bound is a hang
     * guard, a hundred times what a read takes, not a measure of speed (the library benchmark measures that).
     */
    @Test
    void inlineSyntaxThatNeverClosesLoadsWithItsSteps() throws Exception {
        Map<String, String> shapes = Map.of(
                "angles.md", "<a ".repeat(200_000),
                "autolinks.md", "<http://a".repeat(100_000),
                "comments.md", "x <!--".repeat(100_000),
                "emphasis.md", "a**b" + "c* ".repeat(100_000),
                "stars.md", "*".repeat(50_000) + "x" + "*".repeat(50_000),
                "images.md", "![".repeat(30_000) + "x" + "](u)".repeat(30_000));
        for (Map.Entry<String, String> shape : shapes.entrySet()) {
            write(shape.getKey(), "# " + shape.getKey() + "\n\n" + shape.getValue() + "\n\n```bash\necho still-here\n```\n");
        }
        try (RunbookLibrary library = loadWithinAMinute()) {
            assertThat(library.problems()).isEmpty();
            assertThat(library.runbooks()).extracting(Runbook::title).containsExactlyInAnyOrderElementsOf(shapes.keySet());
            assertThat(library.runbooks()).allSatisfy(r -> assertThat(r.steps()).singleElement()
                    .satisfies(step -> assertThat(step.command()).isEqualTo("echo still-here")));
        }
    }

    /**
     * Every line of a paragraph that does not start with a letter made the Markdown parser copy the lines before
     * it, so a log pasted without a fence (timestamps, brackets) took time quadratic in its lines: 200,000 lines
     * held a loading thread for minutes. The bound is a hang guard, not a measure of speed.
     */
    @Test
    void aLogPastedWithoutAFenceLoadsWithTheLinesOfWhatFollows() throws Exception {
        String log = "2026-12-02T03:14:07Z ERROR [db] connection refused\n".repeat(200_000);
        write("pasted.txt", "# Pasted\n\n" + log + "\n```bash\necho still-here\n```\n\n- [ ] checked after\n");
        try (RunbookLibrary library = loadWithinAMinute()) {
            assertThat(library.problems()).isEmpty();
            Runbook runbook = library.runbooks().get(0);
            assertThat(runbook.steps()).singleElement().satisfies(step -> {
                assertThat(step.command()).isEqualTo("echo still-here");
                assertThat(step.line()).isEqualTo(200_004);
            });
            assertThat(runbook.checklist()).singleElement().satisfies(item -> assertThat(item.line()).isEqualTo(200_008));
        }
    }

    /**
     * Indented lines under a line of text continue its paragraph, and the tables extension copied the paragraph's
     * lines at each of them: a trace of 300,000 frames pasted under its message took minutes. The bound is a hang
     * guard, not a measure of speed.
     */
    @Test
    void aTracePastedUnderItsMessageLoadsWithItsStep() throws Exception {
        String trace = "java.lang.IllegalStateException: pool exhausted\n" + "\tat a.B.c(D.java:1)\n".repeat(300_000);
        write("trace.md", "# Trace\n\n" + trace + "\n```bash\necho still-here\n```\n");
        try (RunbookLibrary library = loadWithinAMinute()) {
            assertThat(library.problems()).isEmpty();
            assertThat(library.runbooks().get(0).steps()).singleElement()
                    .satisfies(step -> assertThat(step.line()).isEqualTo(300_005));
        }
    }

    /**
     * Emphasis marks mixed with links cost the parser's inline pass time quadratic in a paragraph's length (780 KB
     * took 41 s) and brackets cost memory (5 MB of them took 1.8 GB); a file of each loads now with its steps, its
     * text shown plain and a notice saying so, and the file beside them loads too. The bound is a hang guard, not a
     * measure of speed; the memory is the test JVM's 512 MB.
     */
    @Test
    void paragraphsOfInlineMarksTooLongToReadInTimeAreShownAsTextWithTheirSteps() throws Exception {
        String marks = "*a **b _c [e](f) ".repeat(120_000);
        write("marks.md", "# Marks\n\n```bash\necho before\n```\n\n" + marks + "\n\n```bash\necho after\n```\n");
        write("brackets.md", "# Brackets\n\n" + "[".repeat(5 * 1024 * 1024) + "\n\n```bash\necho after\n```\n");
        write("other.md", "# Other\n\nSee [the *guide*](https://example.org).\n");
        try (RunbookLibrary library = loadWithinAMinute()) {
            assertThat(library.problems()).isEmpty();
            assertThat(library.runbooks()).extracting(Runbook::title).containsExactlyInAnyOrder("Marks", "Brackets", "Other");
            Runbook marked = runbook(library, "Marks");
            assertThat(marked.steps()).extracting(Step::command).containsExactly("echo before", "echo after");
            assertThat(marked.notices()).singleElement().satisfies(notice -> {
                assertThat(notice.line()).isEqualTo(7);
                assertThat(notice.message()).contains("shown as plain text").contains("steps are all read");
            });
            assertThat(runbook(library, "Brackets").steps()).extracting(Step::command).containsExactly("echo after");
            assertThat(runbook(library, "Other").notices()).isEmpty();
        }
    }

    private static Runbook runbook(RunbookLibrary library, String title) {
        return library.runbooks().stream().filter(r -> r.title().equals(title)).findFirst().orElseThrow();
    }

    /** A table one row past the parser's limit of a million cells. */
    static final String MILLION_CELL_TABLE = "| a | b | c | d | e |\n|---|---|---|---|---|\n"
            + "| 1 | 2 | 3 | 4 | 5 |\n".repeat(200_001);

    /**
     * The Markdown parser gives up on a table of more than a million cells (a log pasted as a table) and
     * the whole file with it. Its steps must still load: the tables are read as text instead, and the file
     * says why.
     */
    @Test
    void aTableTooLargeToParseLeavesTheStepsAndSaysSo() throws Exception {
        write("pasted-log.md", "# Pasted log\n\n```bash\necho still-here\n```\n\n" + MILLION_CELL_TABLE);
        try (RunbookLibrary library = RunbookLibrary.load(dir)) {
            assertThat(library.problems()).isEmpty();
            Runbook runbook = library.runbooks().get(0);
            assertThat(runbook.steps()).singleElement().satisfies(step -> assertThat(step.command()).isEqualTo("echo still-here"));
            assertThat(runbook.notices()).singleElement().satisfies(notice -> assertThat(notice.message())
                    .contains("tables are shown as text").contains("1000000"));
        }
    }

    /** The folder loaded, or the test failed after a minute: a guard against a hang, a hundred times a read. */
    private RunbookLibrary loadWithinAMinute() {
        return org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> RunbookLibrary.load(dir));
    }

    @Test
    void aFifoNamedDirectlyIsRefusedNotReadForever() throws Exception {
        Path fifo = dir.resolve("runbook.md");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        write("b.md", "# Other\n");
        try (RunbookLibrary library = RunbookLibrary.load(List.of(fifo, dir.resolve("b.md")))) {
            assertThat(library.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("not a regular file"));
            assertThat(library.runbooks()).extracting(Runbook::title).containsExactly("Other");
        }
        try (RunbookLibrary library = RunbookLibrary.load(dir)) {
            assertThat(library.runbooks()).extracting(Runbook::title).containsExactly("Other");
        }
    }
}
