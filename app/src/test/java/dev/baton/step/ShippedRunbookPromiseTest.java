package dev.baton.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.runbook.Runbook;
import dev.baton.runbook.RunbookFileReader;
import dev.baton.runbook.RunbookParser;
import dev.baton.runbook.Seeds;
import dev.baton.runbook.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * runbooks/index.md promises that steps which delete, kill or restart are marked destructive. Every shipped
 * step that restarts or stops a service, restarts or rolls back a workload, scales it to nothing or removes a
 * container is flagged as it is read (lint, the runbook view), as it is sent (the window) and as it is run on
 * nodes ({@code baton run}).
 */
class ShippedRunbookPromiseTest {
    private static final Pattern PROMISED = Pattern.compile(
            "systemctl\\s+(restart|stop)\\b|(kubectl|oc)\\b[^\\n]*\\brollout\\s+(restart|undo)\\b|scale\\b[^\\n]*--replicas[= ]0\\b"
                    + "|(docker|crictl)\\s+(rm|rmi|rmp)\\b");

    @Test
    void everyShippedStepThatRestartsStopsOrRemovesIsFlaggedEverywhere() throws Exception {
        List<Step> promised = new ArrayList<>();
        try (Stream<Path> files = Files.list(Seeds.shippedRunbooks())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                for (Runbook runbook : new RunbookParser().parse(file.getFileName().toString(),
                        new RunbookFileReader().read(file))) {
                    runbook.steps().stream().filter(Step::runnable)
                            .filter(step -> PROMISED.matcher(step.command()).find()).forEach(promised::add);
                }
            }
        }

        assertThat(promised).as("the shipped runbooks hold such steps").hasSizeGreaterThanOrEqualTo(8);
        for (Step step : promised) {
            Map<String, String> values = new HashMap<>();
            step.placeholders().forEach(name -> values.put(name, "x"));
            assertThat(step.warnings()).as("read: " + step.command()).anyMatch(w -> w.kind().needsConfirmation());
            assertThat(new StepSender().plan(step.command(), values, false).mustConfirm()).as("sent: " + step.command())
                    .isTrue();
            assertThat(ExecPlan.of(step.command(), values).mustConfirm()).as("run on nodes: " + step.command()).isTrue();
        }
    }
}
