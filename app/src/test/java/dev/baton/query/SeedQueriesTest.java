package dev.baton.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.runbook.Runbook;
import dev.baton.runbook.RunbookParser;
import dev.baton.runbook.Seeds;
import dev.baton.runbook.SourceText;
import dev.baton.runbook.Step;
import dev.baton.step.Placeholders;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The seed collections' and the shipped runbooks' promql and logql steps can be run: their placeholders
 * are asked for and filled, and no range variable is left.
 */
class SeedQueriesTest {
    @Test
    void everyShippedQueryIsFilledCompletelyFromItsPlaceholders() throws Exception {
        List<java.nio.file.Path> files;
        try (var shipped = Files.list(Seeds.shippedRunbooks())) {
            files = shipped.filter(path -> path.toString().endsWith(".md")).sorted().toList();
        }
        assertThat(filledQueries(files)).as("promql and logql steps in the shipped runbooks").isPositive();
    }

    @Test
    @Tag(Seeds.TAG)
    void everySeedQueryIsFilledCompletelyFromItsPlaceholders() throws Exception {
        assertThat(filledQueries(Seeds.ALL.stream().map(Seeds::file).toList()))
                .as("promql and logql steps in the seed collections").isPositive();
    }

    /** Checks each query step of the files and returns how many there were. */
    private static int filledQueries(List<java.nio.file.Path> files) throws Exception {
        QueryWindow window = QueryWindow.last(Duration.ofHours(1), Instant.parse("2026-03-01T12:00:00Z"));
        int queries = 0;
        for (java.nio.file.Path file : files) {
            String seed = file.getFileName().toString();
            String source = Files.readString(file);
            for (Runbook runbook : new RunbookParser().parse(seed, new SourceText(source, List.of()))) {
                for (Step step : runbook.steps()) {
                    if (QueryLanguage.of(step.language()).isEmpty()) {
                        continue;
                    }
                    queries++;
                    assertThat(step.placeholders()).isEqualTo(QueryText.placeholders(step.command()));
                    Map<String, String> values = new HashMap<>();
                    step.placeholders().forEach(name -> values.put(name, "given-" + name));
                    String filled = QueryText.fill(step.command(), values, window);
                    assertThat(Placeholders.find(filled)).as(seed + " step " + step.number()).isEmpty();
                    assertThat(filled).as(seed + " step " + step.number()).doesNotContain("$__");
                }
            }
        }
        return queries;
    }
}
