package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.step.StepWarning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runbook's code blocks are read as steps when its steps are first looked at, not as its library is read: a first
 * open lists a large library without reading a step. Looked at, from any thread, they are read once, the confirm:
 * list applied, and they reach the library's snapshot; a block the reader cannot get through is shown as text.
 */
class StepsOnFirstLookTest {
    private static final String RUNBOOK = """
            ---
            confirm:
              - pattern: "systemctl restart"
                reason: restarts the service
            ---
            # Steps

            ## Diagnosis

            1. **Look at the unit:**

               ```bash
               systemctl status nginx
               ```

            Restart it:

            ```bash
            systemctl restart nginx
            ```

            ```
            $ kubectl get pods -n {{ns}}
            NAME   READY   STATUS
            web-1  1/1     Running
            ```

            ```promql
            rate(http_requests_total[5m])
            ```
            """;

    private static List<Runbook> parse(String name, String text) throws RunbookReadException {
        return new RunbookParser().parse(name, new SourceText(text, List.of()));
    }

    @Test
    void lookedAtTheyAreTheBlocksReadAsStepsInOrderWithTheConfirmListApplied() throws Exception {
        List<Step> steps = parse("steps.md", RUNBOOK).get(0).steps();
        assertThat(steps).isInstanceOf(StepsOnFirstLook.class);
        assertThat(steps).extracting(Step::number).containsExactly(1, 2, 3, 4);
        assertThat(steps.get(0).label()).isEqualTo("Look at the unit:");
        assertThat(steps.get(0).sectionPath()).containsExactly("Steps", "Diagnosis");
        assertThat(steps.get(0).command()).isEqualTo("systemctl status nginx");
        assertThat(steps.get(1).label()).isEqualTo("Restart it");
        assertThat(steps.get(1).warnings()).extracting(StepWarning::detail).contains("systemctl restart");
        assertThat(steps.get(2).command()).isEqualTo("kubectl get pods -n {{ns}}");
        assertThat(steps.get(2).expectedOutput()).contains("web-1");
        assertThat(steps.get(2).placeholders()).containsExactly("ns");
        assertThat(steps.get(3).kind()).isEqualTo(StepKind.QUERY);
        assertThat(parse("steps.md", RUNBOOK).get(0)).as("equal, read or not").isEqualTo(parse("steps.md", RUNBOOK).get(0));
    }

    @Test
    void aLibraryGivenHasReadNoStepAndItsSnapshotHoldsThemAll(@TempDir Path runbooks, @TempDir Path cacheFolder)
            throws IOException {
        for (int i = 0; i < 12; i++) {
            Files.writeString(runbooks.resolve("steps-" + i + ".md"), RUNBOOK.replace("# Steps", "# Steps " + i));
        }
        try (LibraryWithWorkHeld opened = new LibraryWithWorkHeld(runbooks, cacheFolder)) {
            assertThat(opened.library.runbooks()).hasSize(12).allSatisfy(r -> {
                assertThat(r.steps()).isInstanceOf(StepsOnFirstLook.class);
                assertThat(((StepsOnFirstLook) r.steps()).read()).as(r.path()).isFalse();
            });
            List<Runbook> fromSnapshot = opened.snapshotAfterTheList();
            assertThat(fromSnapshot).containsExactlyInAnyOrderElementsOf(opened.library.runbooks());
            assertThat(fromSnapshot).allSatisfy(r -> assertThat(r.steps()).hasSize(4));
        }
    }

    @Test
    void firstLookedAtFromManyThreadsTheyAreReadOnce() throws Exception {
        List<Step> atOnce = List.copyOf(parse("one.md", RUNBOOK).get(0).steps());
        AtomicInteger reads = new AtomicInteger();
        StepsOnFirstLook steps = new StepsOnFirstLook(List.of(new StepsOnFirstLook.Block(1, List.of(), "", "bash", "", 1)),
                block -> {
                    reads.incrementAndGet();
                    return atOnce.get(0);
                }, read -> read);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<Step>>> looks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                looks.add(() -> List.copyOf(steps));
            }
            for (Future<List<Step>> look : threads.invokeAll(looks)) {
                assertThat(look.get()).containsExactly(atOnce.get(0));
            }
        } finally {
            threads.shutdown();
        }
        assertThat(reads).hasValue(1);
        assertThat(steps.read()).isTrue();
    }

    @Test
    void aBlockTheReaderCannotGetThroughIsShownAsTextAndNeverSent() {
        StepsOnFirstLook steps = new StepsOnFirstLook(List.of(
                new StepsOnFirstLook.Block(1, List.of("Fix"), "Wipe it", "bash", "rm -rf /srv/data\n", 12)),
                block -> {
                    throw new StackOverflowError();
                }, read -> read);
        assertThat(steps).singleElement().satisfies(step -> {
            assertThat(step.runnable()).isFalse();
            assertThat(step.kind()).isEqualTo(StepKind.TEXT);
            assertThat(step.command()).isEqualTo("rm -rf /srv/data");
            assertThat(step.number()).isEqualTo(1);
            assertThat(step.line()).isEqualTo(12);
            assertThat(step.section()).isEqualTo("Fix");
            assertThat(step.hasWarning(StepWarning.Kind.OPAQUE)).isTrue();
            assertThat(step.warnings().get(0).detail()).contains("could not read");
        });
    }
}
