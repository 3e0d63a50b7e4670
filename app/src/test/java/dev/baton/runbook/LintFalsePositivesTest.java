package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Links and fences that GitHub, GitLab and Hugo understand are not problems; real ones still are. */
class LintFalsePositivesTest {
    @TempDir
    Path dir;

    private void write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private java.util.List<String> lint() {
        try (RunbookLibrary library = RunbookLibrary.load(dir)) {
            return library.lint().stream().map(p -> p.path().replaceAll(".*/", "") + ":" + p.line() + ": " + p.message()).toList();
        }
    }

    @Test
    void forgeHeadingAnchors() throws Exception {
        write("queue.md", """
                # Queue

                ## Check the queue
                ## Check the queue
                ## Check the queue
                ## queue_depth_total is high
                ## Step 1: drain -- then restart

                [a](#check-the-queue) [b](#check-the-queue-1) [c](#check-the-queue-2) [d](#queue_depth_total-is-high)
                [e](#step-1-drain----then-restart) [f](#step-1-drain-then-restart)
                [broken](#check-the-queue-3)
                """);
        assertThat(lint()).containsExactly("queue.md:9: broken link [broken](#check-the-queue-3): no heading #check-the-queue-3 in "
                + dir.resolve("queue.md").toString().replace('\\', '/'));
    }

    @Test
    void hugoSiteLinksAndRefShortcodes() throws Exception {
        write("content/_index.md", "# Home\n\n[add a runbook](/docs/add-runbook) [queue](/runbooks/queue/) [gone](/docs/gone)\n");
        write("content/docs/add-runbook.md", "# Add a runbook\n\n[queue](../../runbooks/queue/) [stalled](<{{< ref \"stalled.md\" >}}>)\n");
        write("content/docs/stalled.md", "# Stalled\n\n[home](<{{< relref \"/docs/add-runbook.md#add-a-runbook\" >}}>)\n");
        write("content/runbooks/queue/_index.md", "# Queue runbooks\n");
        assertThat(lint()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("_index.md:3: broken link [gone](/docs/gone)"));
    }

    @Test
    void anUnclosedFenceInAListIsReportedOnce() throws Exception {
        write("queue.md", """
                # Queue

                - Look at the consumers
                ```bash
                $ kubectl -n baton get pods

                ## Fix

                ```bash
                kubectl -n baton rollout restart deploy/consumer
                ```

                1. Then check
                   ```bash
                   kubectl -n baton get pods
                """);
        assertThat(lint()).singleElement().satisfies(line -> assertThat(line).startsWith("queue.md:4: code block opened here is never closed: line 9 opens the next one"));
    }
}
