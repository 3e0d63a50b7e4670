package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.runbook.Seeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
    void seedFolderProducesTheDocumentedShape() throws Exception {
        JsonNode report = inspect(Seeds.folder().toString());
        assertThat(fields(report)).containsExactly("problems", "runbooks");
        assertThat(report.get("runbooks")).hasSize(11);
        for (JsonNode runbook : report.get("runbooks")) {
            assertThat(fields(runbook)).contains("path", "title", "severity", "alerts", "owner", "mttr", "steps",
                    "checklist", "links", "alertMap");
            for (JsonNode step : runbook.get("steps")) {
                assertThat(fields(step)).contains("section", "language", "command", "runnable", "placeholders", "warnings");
                step.get("warnings").forEach(w -> assertThat(w.asText()).isIn("destructive", "hidden-unicode"));
            }
            runbook.get("checklist").forEach(c -> assertThat(fields(c)).contains("text", "checked"));
            runbook.get("links").forEach(l -> assertThat(fields(l)).contains("target", "resolved"));
            runbook.get("alertMap").forEach(m -> assertThat(fields(m)).contains("alert", "severity", "target"));
        }
        assertThat(report.get("problems")).singleElement()
                .satisfies(p -> assertThat(p.get("message").asText()).contains("mis-encoded"));
    }

    @Test
    void aitbcSectionsAreAddressableWithMttr() throws Exception {
        JsonNode report = inspect(Seeds.file(Seeds.AITBC).toString());
        JsonNode redis = find(report, "Redis Failure");
        assertThat(redis.get("path").asText()).endsWith(Seeds.AITBC + "#redis-failure");
        assertThat(redis.get("mttr").asText()).isEqualTo("PT2M");
        JsonNode clear = redis.get("steps").get(4);
        assertThat(clear.get("label").asText()).isEqualTo("Clear Expired Keys");
        assertThat(clear.get("command").asText()).contains("xargs redis-cli del");
        assertThat(clear.get("warnings").get(0).asText()).isEqualTo("destructive");
    }

    @Test
    void alertMapRowsOfPivotalAndVirtengine() throws Exception {
        JsonNode pivotal = inspect(Seeds.file(Seeds.PIVOTAL).toString()).get("runbooks").get(0);
        assertThat(pivotal.get("alertMap").toString())
                .contains("{\"alert\":\"RedisHighEvictions\",\"severity\":\"Warning\",\"target\":\"RB-03\"");
        JsonNode virtengine = inspect(Seeds.file(Seeds.VIRTENGINE).toString()).get("runbooks").get(0);
        assertThat(virtengine.get("alertMap").get(0).get("alert").asText()).isEqualTo("NodeDown");
        assertThat(virtengine.get("alertMap").get(0).get("target").asText()).isEqualTo("node-down.md");
        JsonNode links = virtengine.get("links");
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
