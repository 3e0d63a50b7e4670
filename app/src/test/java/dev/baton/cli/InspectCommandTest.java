package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.runbook.FormatFixtures;
import dev.baton.runbook.Seeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static JsonNode inspect(String... paths) throws Exception {
        List<String> args = new ArrayList<>(List.of("inspect", "--json"));
        args.addAll(List.of(paths));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void formatFixturesProduceTheDocumentedShape() throws Exception {
        JsonNode report = inspect(FormatFixtures.folder().toString());
        assertDocumentedShape(report);
        assertThat(report.get("runbooks")).as("four runbook sections and the rest of their file count apart").hasSize(10);
        assertThat(report.get("problems")).extracting(p -> p.get("message").asText())
                .satisfiesExactlyInAnyOrder(m -> assertThat(m).contains("mis-encoded"),
                        m -> assertThat(m).contains("windows-1252"));
    }

    @Test
    @Tag(Seeds.TAG)
    void seedFolderProducesTheDocumentedShape() throws Exception {
        JsonNode report = inspect(Seeds.folder().toString());
        assertDocumentedShape(report);
        assertThat(report.get("runbooks")).hasSize(11);
        assertThat(report.get("problems")).singleElement()
                .satisfies(p -> assertThat(p.get("message").asText()).contains("mis-encoded"));
    }

    private static void assertDocumentedShape(JsonNode report) {
        assertThat(fields(report)).containsExactly("problems", "runbooks");
        assertThat(report.get("runbooks")).isNotEmpty();
        for (JsonNode runbook : report.get("runbooks")) {
            assertThat(fields(runbook)).contains("path", "title", "alerts", "steps", "checklist", "links", "alertMap");
            // What a runbook does not say (its severity, owner, mttr) is left out, never written as null.
            assertThat(fields(runbook)).isSubsetOf("path", "title", "severity", "alerts", "owner", "mttr", "steps",
                    "checklist", "links", "alertMap", "phases", "index");
            for (JsonNode step : runbook.get("steps")) {
                assertThat(fields(step)).contains("section", "language", "command", "runnable", "placeholders", "warnings");
                step.get("warnings").forEach(w -> assertThat(w.asText()).isIn("destructive", "hidden-unicode"));
            }
            runbook.get("checklist").forEach(c -> assertThat(fields(c)).contains("text", "checked"));
            runbook.get("links").forEach(l -> assertThat(fields(l)).contains("target", "resolved"));
            runbook.get("alertMap").forEach(m -> assertThat(fields(m)).contains("alert", "severity", "target"));
        }
    }

    @Test
    void runbookSectionsAreAddressableWithMttr() throws Exception {
        JsonNode report = inspect(FormatFixtures.file(FormatFixtures.RUNBOOK_SECTIONS).toString());
        JsonNode cache = find(report, "Cache Node Failure");
        assertThat(cache.get("path").asText()).endsWith(FormatFixtures.RUNBOOK_SECTIONS + "#cache-node-failure");
        assertThat(cache.get("mttr").asText()).isEqualTo("PT3M");
        JsonNode drop = cache.get("steps").get(4);
        assertThat(drop.get("label").asText()).isEqualTo("Drop Stale Session Keys");
        assertThat(drop.get("command").asText()).contains("xargs redis-cli del");
        assertThat(drop.get("warnings").get(0).asText()).isEqualTo("destructive");
    }

    @Test
    void alertMapRowsOfRunbookIdAndAlertTableIndexes() throws Exception {
        JsonNode ids = inspect(FormatFixtures.file(FormatFixtures.RUNBOOK_IDS).toString()).get("runbooks").get(0);
        assertThat(ids.get("alertMap").toString())
                .contains("{\"alert\":\"SearchIndexLagging\",\"severity\":\"Warning\",\"target\":\"RB-03\"");
        JsonNode table = inspect(FormatFixtures.file(FormatFixtures.ALERT_TABLE).toString()).get("runbooks").get(0);
        assertThat(table.get("alertMap").get(0).get("alert").asText()).isEqualTo("WorkerDown");
        assertThat(table.get("alertMap").get(0).get("target").asText()).isEqualTo("worker-down.md");
        JsonNode links = table.get("links");
        assertThat(links.findValues("resolved")).extracting(JsonNode::asBoolean).contains(false);
    }

    @Test
    void unreadableFilesAreProblemsNotCrashes() throws Exception {
        Files.write(dir.resolve("binary.md"), new byte[] {1, 2, 0, 3});
        Files.write(dir.resolve("ok.md"), "# Fine\n```bash\nuptime\n```\n".getBytes());
        JsonNode report = inspect(dir.toString(), dir.resolve("absent.md").toString());
        assertThat(report.get("runbooks")).singleElement()
                .satisfies(r -> assertThat(r.get("title").asText()).isEqualTo("Fine"));
        assertThat(report.get("problems")).hasSize(2);
        assertThat(report.get("problems").toString()).contains("binary file", "file not found");
    }

    private static JsonNode find(JsonNode report, String title) {
        for (JsonNode runbook : report.get("runbooks")) {
            if (runbook.get("title").asText().equals(title)) {
                return runbook;
            }
        }
        throw new AssertionError("no runbook titled " + title);
    }
}
