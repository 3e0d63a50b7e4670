package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.history.PastIncidentWriter;
import dev.baton.incident.OpenIncident;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryCommandTest {
    @TempDir
    Path data;
    private String previous;
    private String first;

    @BeforeEach
    void pastIncidents() throws Exception {
        previous = System.getProperty("baton.data");
        System.setProperty("baton.data", data.toString());
        PastIncidentWriter w = new PastIncidentWriter(data);
        try (OpenIncident incident = w.start("Checkout crash loop", "alice", "KubePodCrashLooping",
                Map.of("service", "checkout"), Instant.now().minus(3, ChronoUnit.DAYS))) {
            first = incident.info().id();
            w.run(incident, "pods/crashloop", 2, "kubectl delete pod checkout-7f", "db01", 0, 900, "pod deleted\n");
        }
        try (OpenIncident incident = w.start("Disk full", "bob", "", Map.of(), Instant.now())) {
            // A hostile node name and output: printed escaped, never obeyed by the terminal.
            w.run(incident, "disk/full", 1, "kubectl delete pod shipper", "db02\u001b[2J", 1, 100, "gone\u001b]0;x\u0007\n");
        }
    }

    @AfterEach
    void restore() {
        if (previous == null) {
            System.clearProperty("baton.data");
        } else {
            System.setProperty("baton.data", previous);
        }
    }

    @Test
    void namesTheIncidentTimeResponderNodeAndEventOfEachMatch() {
        CliRun run = CliRun.of("history", "search", "kubectl delete pod", "--node", "db01", "--by", "alice",
                "--since", LocalDate.now().minusDays(10).toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).endsWith("\n");
        String[] lines = run.out().split("\n");
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).containsAnyOf("  alice  db01  ", "    "));
        assertThat(run.out()).contains(first + "#", "Step 2 run on db01: kubectl delete pod checkout-7f",
                "db01: exit 0 in 0.9 s — kubectl delete pod checkout-7f").doesNotContain("Disk full", "shipper");
        assertThat(run.out()).containsPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC  alice  db01  " + first + "#\\d+  Step 2");
    }

    @Test
    void hostileTextIsEscapedAndJsonLinksEachEventToItsLine() throws Exception {
        CliRun text = CliRun.of("history", "search", "shipper");
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("db02\\e[2J").doesNotContain("\u001b");

        CliRun run = CliRun.of("history", "search", "kubectl", "--json");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).endsWith("\n").doesNotContain("\u001b");
        JsonNode hits = new ObjectMapper().readTree(run.out());
        assertThat(hits).hasSizeGreaterThanOrEqualTo(4);
        JsonNode newest = hits.get(0);
        assertThat(newest.path("by").asText()).isEqualTo("bob");
        String line = Files.readAllLines(data.resolve("incidents").resolve(newest.path("incident").asText())
                .resolve("timeline.jsonl")).get(newest.path("seq").asInt() - 1);
        assertThat(line).contains("\"type\":\"" + newest.path("type").asText() + "\"");
    }

    @Test
    void noMatchSaysSoAndABadDateIsExplained() {
        CliRun none = CliRun.of("history", "search", "terraform", "destroy");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).isEqualTo("baton history search: no event of a past incident matches \"terraform destroy\"\n");

        CliRun since = CliRun.of("history", "search", "kubectl", "--since", "last tuesday");
        assertThat(since.exitCode()).isEqualTo(2);
        assertThat(since.err()).contains("--since last tuesday is not a date", "2026-11-01");
    }

    @Test
    void aTamperedTimelineIsNamedOnStandardError() throws Exception {
        Path timeline = data.resolve("incidents").resolve(first).resolve("timeline.jsonl");
        Files.writeString(timeline, Files.readString(timeline).replace("checkout-7f", "checkout-8f"));

        CliRun run = CliRun.of("history", "search", "kubectl");

        assertThat(run.err()).contains("incident " + first + ": its timeline does not verify");
        assertThat(run.out()).doesNotContain(first).contains("shipper");
    }

    @Test
    void lastTimeListsThePastIncidentsOfTheAlertWithTheirStepsAsTheWindowDoes() throws Exception {
        CliRun run = CliRun.of("history", "last", "KubePodCrashLooping", "--label", "service=checkout");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains(first, "Checkout crash loop", "alice", "✓ pods/crashloop#2 on db01: exit 0",
                "kubectl delete pod checkout-7f").doesNotContain("Disk full");

        JsonNode json = new ObjectMapper().readTree(CliRun.of("history", "last", "KubePodCrashLooping", "--json").out());
        assertThat(json).hasSize(1);
        assertThat(json.get(0).path("incident").asText()).isEqualTo(first);
        assertThat(json.get(0).path("labels").path("service").asText()).isEqualTo("checkout");
        assertThat(json.get(0).path("steps").get(0).path("exit").asInt()).isZero();

        CliRun never = CliRun.of("history", "last", "NeverFired\u001b[2J");
        assertThat(never.exitCode()).isEqualTo(1);
        assertThat(never.err()).isEqualTo("baton history last: no past incident of NeverFired\\e[2J\n");
    }

    @Test
    void stepMemorySaysHowOftenEachStepRanAndFailedWithItsLastOutputEscaped() throws Exception {
        CliRun run = CliRun.of("history", "steps", "disk/full");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Step 1: Past incidents: ran once, failed once")
                .contains("gone\\e]0;x").doesNotContain("\u001b", "\u0007");

        JsonNode json = new ObjectMapper().readTree(CliRun.of("history", "steps", "pods/crashloop", "--json").out());
        assertThat(json.get(0).path("step").asInt()).isEqualTo(2);
        assertThat(json.get(0).path("failures").asInt()).isZero();
        assertThat(json.get(0).path("last_output").asText()).contains("pod deleted");

        CliRun none = CliRun.of("history", "steps", "no/such-runbook");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("no step of no/such-runbook ran in a past incident");
    }
}
