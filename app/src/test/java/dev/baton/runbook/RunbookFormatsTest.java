package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.baton.step.StepWarning;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Each habit of the runbook collections Baton reads, on Baton's own fixture in that habit. */
class RunbookFormatsTest {
    static final List<String> FIXTURES = FormatFixtures.ALL;

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void everyFixtureParsesAndEveryShellStepHasText(String fixture) throws Exception {
        List<Runbook> runbooks = FormatFixtures.parse(fixture);
        assertThat(runbooks).isNotEmpty();
        List<Step> steps = runbooks.stream().flatMap(r -> r.steps().stream()).toList();
        assertThat(steps).isNotEmpty();
        assertThat(steps).filteredOn(Step::runnable).isNotEmpty().allSatisfy(step -> {
            assertThat(step.command()).isNotBlank();
            assertThat(step.line()).isPositive();
            assertThat(step.sectionPath()).isNotEmpty();
        });
    }

    @Test
    void emojiIndexHasRepairedSeverityHeadingsAndPlaceholders() throws Exception {
        Runbook index = FormatFixtures.parse(FormatFixtures.EMOJI_INDEX).get(0);
        assertThat(index.title()).isEqualTo("Tidepool Runbook Index");
        assertThat(index.sections().get(0).children().get(0).children())
                .extracting(Section::title)
                .containsExactly("\uD83D\uDD34 Critical Alerts", "\uD83D\uDFE1 Warning Alerts", "\uD83D\uDFE2 Info Alerts");
        assertThat(index.notices()).singleElement().extracting(Notice::message).asString().contains("mis-encoded");
        Step queue = index.steps().stream().filter(s -> s.command().contains("tidepool queue inspect")).findFirst().orElseThrow();
        assertThat(queue.placeholders()).containsExactly("queue");
        assertThat(queue.sectionPath()).containsExactly(
                "Tidepool Runbook Index", "Working With These Runbooks", "Everyday Commands", "Queue Commands");
        assertThat(index.links()).extracting(RunbookLink::target).contains("./broker-unreachable.md", "./slow-consumers.md");
    }

    @Test
    void severityTablesIndexAndTemplateBlock() throws Exception {
        Runbook index = FormatFixtures.parse(FormatFixtures.SEVERITY_TABLES).get(0);
        assertThat(index.severity()).as("the template's Severity line sits in a code block").isNull();
        assertThat(index.indexEntries()).as("the Severity Levels table links nothing").hasSize(5);
        assertThat(index.indexEntries()).contains(new IndexEntry("Queue Backlog", "queue-backlog.md", "P2", 19));
        assertThat(index.indexEntries()).extracting(IndexEntry::target, IndexEntry::severity)
                .contains(tuple("quorum-lost.md", "P1"), tuple("dead-letters.md", "P3"));

        List<Step> templates = index.steps().stream().filter(s -> s.language().equals("markdown")).toList();
        assertThat(templates).singleElement().satisfies(template -> {
            assertThat(template.runnable()).isFalse();
            assertThat(template.kind()).isEqualTo(StepKind.TEXT);
            assertThat(template.command()).contains("\\`\\`\\`promql", "## Escalation", "- [ ] Add what you learned");
        });
        assertThat(index.checklist()).as("task items inside the template are not checklist items").isEmpty();
        assertThat(index.steps()).filteredOn(Step::runnable).hasSize(3)
                .allSatisfy(s -> assertThat(s.language()).isEqualTo("bash"));
    }

    @Test
    void runbookSectionsYieldOneRunbookEachWithMttrAndPhases() throws Exception {
        String file = FormatFixtures.RUNBOOK_SECTIONS;
        List<Runbook> runbooks = FormatFixtures.parse(file);
        assertThat(runbooks).extracting(Runbook::title).containsExactly(
                "Tidepool Incident Runbooks", "Gateway Outage", "Broker Split", "Cache Node Failure", "Disk Pressure");
        assertThat(runbooks).extracting(Runbook::id).contains(file + "#gateway-outage", file + "#disk-pressure");
        Runbook gateway = runbooks.get(1);
        assertThat(gateway.mttr()).isEqualTo(Duration.ofMinutes(2));
        assertThat(gateway.phases()).extracting(Phase::name, Phase::from, Phase::to).containsExactly(
                tuple("Immediate Actions", Duration.ZERO, Duration.ofMinutes(2)),
                tuple("Investigation", Duration.ofMinutes(2), Duration.ofMinutes(10)));
        assertThat(gateway.owner()).as("inherited from the file's closing Owner line").isEqualTo("Platform Reliability");
        assertThat(runbooks).extracting(Runbook::mttr).containsExactly(null, Duration.ofMinutes(2),
                Duration.ofMinutes(5), Duration.ofMinutes(3), Duration.ofMinutes(10));

        Step readLog = gateway.steps().get(1);
        assertThat(readLog.label()).isEqualTo("Read the Gateway Log");
        assertThat(readLog.command()).isEqualTo("kubectl logs -n tidepool deployment/gateway --tail=200");
        assertThat(readLog.section()).isEqualTo("Runbook: Gateway Outage > Investigation (2-10 minutes)");

        Step forceDelete = gateway.steps().stream()
                .filter(s -> s.command().contains("--grace-period=0")).findFirst().orElseThrow();
        assertThat(forceDelete.hasWarning(StepWarning.Kind.DESTRUCTIVE)).isTrue();
        Step flush = runbooks.get(2).steps().stream()
                .filter(s -> s.command().contains("iptables -F")).findFirst().orElseThrow();
        assertThat(flush.hasWarning(StepWarning.Kind.DESTRUCTIVE)).isTrue();
        assertThat(gateway.steps().get(1).warnings()).isEmpty();

        Runbook rest = runbooks.get(0);
        assertThat(rest.checklist()).hasSize(6).allSatisfy(item -> assertThat(item.checked()).isFalse());
        assertThat(rest.phases()).extracting(Phase::name).containsExactly("Immediate", "Short-term", "Long-term");
        assertThat(rest.phases().get(2).to()).isEqualTo(Duration.ofDays(7));
        assertThat(rest.steps()).as("the war-room block outside every runbook section").hasSize(1);
    }

    @Test
    void runbookIdIndexMapsAlertsToRunbookIds() throws Exception {
        Runbook index = FormatFixtures.parse(FormatFixtures.RUNBOOK_IDS).get(0);
        assertThat(index.alertMap()).hasSize(6);
        assertThat(index.alertMap()).filteredOn(m -> m.alert().equals("SearchIndexLagging")).singleElement()
                .satisfies(m -> {
                    assertThat(m.target()).isEqualTo("RB-03");
                    assertThat(m.severity()).isEqualTo("Warning");
                });
        assertThat(index.indexEntries()).extracting(IndexEntry::title, IndexEntry::target, IndexEntry::severity)
                .containsExactly(
                        tuple("RB-01: Console Down", "rb-01-console-down.md", "Critical"),
                        tuple("RB-02: Job Store Trouble", "rb-02-job-store.md", "High"),
                        tuple("RB-03: Search Index Trouble", "rb-03-search-index.md", "Medium-High"));
        assertThat(index.severity()).as("the entries' severities belong to the runbooks they list").isNull();
        assertThat(index.owner()).isEqualTo("Console Team");
        assertThat(index.steps().get(0).placeholders()).containsExactly("service");
    }

    @Test
    void alertTableQueriesAndPlaceholders() throws Exception {
        Runbook index = FormatFixtures.parse(FormatFixtures.ALERT_TABLE).get(0);
        assertThat(index.alertMap()).as("the contacts table maps no alerts").hasSize(4);
        assertThat(index.alertMap().get(0)).satisfies(m -> {
            assertThat(m.alert()).isEqualTo("WorkerDown");
            assertThat(m.target()).as("the link's destination, not its text").isEqualTo("worker-down.md");
            assertThat(m.severity()).isEqualTo("Critical");
            assertThat(m.owner()).isEqualTo("Fleet Team");
        });
        assertThat(index.indexEntries()).as("a table with an Alert column is not a runbook index").isEmpty();
        List<Step> queries = index.steps().stream().filter(s -> s.kind() == StepKind.QUERY).toList();
        assertThat(queries).extracting(Step::language).containsExactly("promql", "logql");
        assertThat(queries).allSatisfy(q -> {
            assertThat(q.runnable()).isFalse();
            assertThat(q.placeholders()).as("{{.msg}} is LogQL, not a placeholder").isEmpty();
        });
        Step kubernetes = index.steps().stream().filter(s -> s.section().endsWith("Kubernetes Commands"))
                .findFirst().orElseThrow();
        assertThat(kubernetes.placeholders()).containsExactly("pod-name", "deployment-name");
        Step lease = index.steps().stream().filter(s -> s.command().contains("lease holder")).findFirst().orElseThrow();
        assertThat(lease.placeholders()).as("$(…) is shell").isEmpty();
    }

    @Test
    void windows1252FileReadsWithItsAccentsAndANotice() throws Exception {
        Runbook runbook = FormatFixtures.parse(FormatFixtures.WINDOWS_1252).get(0);
        assertThat(runbook.title()).isEqualTo("Caf\u00e9 Cache Warm-up");
        assertThat(runbook.notices()).singleElement().extracting(Notice::message).asString().contains("windows-1252");
        assertThat(runbook.steps()).singleElement().extracting(Step::command)
                .isEqualTo("tidepool cache warm --region eu-west");
    }
}
