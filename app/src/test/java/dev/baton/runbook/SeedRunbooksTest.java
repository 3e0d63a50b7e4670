package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.step.StepWarning;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Each of the five seed collections, read as a responder needs it. */
class SeedRunbooksTest {
    static final List<String> SEEDS = Seeds.ALL;

    @ParameterizedTest
    @FieldSource("SEEDS")
    void everySeedParsesAndEveryShellStepHasText(String seed) throws Exception {
        List<Runbook> runbooks = Seeds.parse(seed);
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
    void blixardIndexHasRepairedEmojiHeadingsAndPlaceholders() throws Exception {
        Runbook index = Seeds.parse(Seeds.BLIXARD).get(0);
        assertThat(index.title()).isEqualTo("Blixard Operational Runbooks");
        assertThat(index.sections().get(0).children().get(0).children())
                .extracting(Section::title)
                .containsExactly("\uD83D\uDD34 Critical Alerts", "\uD83D\uDFE1 Warning Alerts", "\uD83D\uDFE2 Info Alerts");
        assertThat(index.notices()).singleElement().extracting(Notice::message).asString().contains("mis-encoded");
        Step vmManagement = index.steps().stream().filter(s -> s.command().contains("blixard vm stats")).findFirst().orElseThrow();
        assertThat(vmManagement.placeholders()).containsExactly("vm");
        assertThat(vmManagement.sectionPath()).containsExactly(
                "Blixard Operational Runbooks", "Using These Runbooks", "Common Tools", "VM Management");
        assertThat(index.links()).extracting(RunbookLink::target).contains("./node-down.md", "./no-raft-leader.md");
    }

    @Test
    void gutsSeverityIndexTablesAndTemplateBlock() throws Exception {
        Runbook index = Seeds.parse(Seeds.GUTS).get(0);
        assertThat(index.severity()).as("the template's Severity line sits in a code block").isNull();
        assertThat(index.indexEntries()).hasSize(14);
        assertThat(index.indexEntries()).contains(
                new IndexEntry("Disk Full", "disk-full.md", "P1", index.indexEntries().get(2).line()));
        assertThat(index.indexEntries()).extracting(IndexEntry::target, IndexEntry::severity)
                .contains(org.assertj.core.groups.Tuple.tuple("node-not-syncing.md", "P2"),
                        org.assertj.core.groups.Tuple.tuple("security-incident.md", "P1"));

        List<Step> templates = index.steps().stream().filter(s -> s.language().equals("markdown")).toList();
        assertThat(templates).singleElement().satisfies(template -> {
            assertThat(template.runnable()).isFalse();
            assertThat(template.kind()).isEqualTo(StepKind.TEXT);
            assertThat(template.command()).contains("\\`\\`\\`promql", "## Escalation", "- [ ] Document learnings");
        });
        assertThat(index.checklist()).as("task items inside the template are not checklist items").isEmpty();
        assertThat(index.steps()).filteredOn(Step::runnable).hasSize(3)
                .allSatisfy(s -> assertThat(s.language()).isEqualTo("bash"));
    }

    @Test
    void aitbcFileYieldsOneRunbookPerSectionWithMttrAndPhases() throws Exception {
        List<Runbook> runbooks = Seeds.parse(Seeds.AITBC);
        assertThat(runbooks).extracting(Runbook::title).containsExactly(
                "AITBC Incident Runbooks", "Coordinator API Outage", "Network Partition", "Database Failure",
                "Redis Failure", "High CPU/Memory Usage", "Storage Issues");
        assertThat(runbooks).extracting(Runbook::id).contains(
                Seeds.AITBC + "#coordinator-api-outage", Seeds.AITBC + "#storage-issues");
        Runbook coordinator = runbooks.get(1);
        assertThat(coordinator.mttr()).isEqualTo(Duration.ofMinutes(2));
        assertThat(coordinator.phases()).extracting(Phase::name, Phase::from, Phase::to).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Immediate Actions", Duration.ZERO, Duration.ofMinutes(2)),
                org.assertj.core.groups.Tuple.tuple("Investigation", Duration.ofMinutes(2), Duration.ofMinutes(10)));
        assertThat(coordinator.owner()).as("inherited from the file's closing Owner line").isEqualTo("SRE Team");
        assertThat(runbooks).extracting(Runbook::mttr).containsExactly(null, Duration.ofMinutes(2),
                Duration.ofMinutes(5), Duration.ofMinutes(3), Duration.ofMinutes(2), Duration.ofMinutes(5),
                Duration.ofMinutes(10));

        Step reviewLogs = coordinator.steps().get(1);
        assertThat(reviewLogs.label()).isEqualTo("Review Logs");
        assertThat(reviewLogs.command()).isEqualTo("kubectl logs -n default deployment/coordinator --tail=100");
        assertThat(reviewLogs.section()).isEqualTo("Runbook: Coordinator API Outage > Investigation (2-10 minutes)");

        Step forceDelete = coordinator.steps().stream()
                .filter(s -> s.command().contains("--grace-period=0")).findFirst().orElseThrow();
        assertThat(forceDelete.hasWarning(StepWarning.Kind.DESTRUCTIVE)).isTrue();
        Step flush = runbooks.get(2).steps().stream()
                .filter(s -> s.command().contains("iptables -F")).findFirst().orElseThrow();
        assertThat(flush.hasWarning(StepWarning.Kind.DESTRUCTIVE)).isTrue();
        assertThat(coordinator.steps().get(1).warnings()).isEmpty();

        Runbook rest = runbooks.get(0);
        assertThat(rest.checklist()).hasSize(12).allSatisfy(item -> assertThat(item.checked()).isFalse());
        assertThat(rest.phases()).extracting(Phase::name).containsExactly("Immediate", "Short-term", "Long-term");
        assertThat(rest.phases().get(2).to()).isEqualTo(Duration.ofDays(7));
        assertThat(rest.steps()).as("the war-room block outside every runbook section").hasSize(1);
    }

    @Test
    void pivotalAlertTableMapsAlertsToRunbookIds() throws Exception {
        Runbook index = Seeds.parse(Seeds.PIVOTAL).get(0);
        assertThat(index.alertMap()).hasSize(10);
        assertThat(index.alertMap()).filteredOn(m -> m.alert().equals("RedisHighEvictions")).singleElement()
                .satisfies(m -> {
                    assertThat(m.target()).isEqualTo("RB-03");
                    assertThat(m.severity()).isEqualTo("Warning");
                });
        assertThat(index.indexEntries()).extracting(IndexEntry::title, IndexEntry::target, IndexEntry::severity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("RB-01: Backend Service Down", "rb-01-backend-down.md", "Critical"),
                        org.assertj.core.groups.Tuple.tuple("RB-02: Database Issues", "rb-02-db-issues.md", "High"),
                        org.assertj.core.groups.Tuple.tuple("RB-03: Cache Issues", "rb-03-cache-issues.md", "Medium-High"));
        assertThat(index.severity()).as("the entries' severities belong to the runbooks they list").isNull();
        assertThat(index.owner()).isEqualTo("DevOps Team");
        assertThat(index.steps().get(0).placeholders()).containsExactly("service");
    }

    @Test
    void virtengineAlertTableQueriesAndPlaceholders() throws Exception {
        Runbook index = Seeds.parse(Seeds.VIRTENGINE).get(0);
        assertThat(index.alertMap()).hasSize(7);
        assertThat(index.alertMap().get(0)).satisfies(m -> {
            assertThat(m.alert()).isEqualTo("NodeDown");
            assertThat(m.target()).isEqualTo("node-down.md");
            assertThat(m.severity()).isEqualTo("Critical");
            assertThat(m.owner()).isEqualTo("Platform Team");
        });
        List<Step> queries = index.steps().stream().filter(s -> s.kind() == StepKind.QUERY).toList();
        assertThat(queries).extracting(Step::language).containsExactly("promql", "logql");
        assertThat(queries).allSatisfy(q -> {
            assertThat(q.runnable()).isFalse();
            assertThat(q.placeholders()).as("{{.msg}} is LogQL, not a placeholder").isEmpty();
        });
        Step kubernetes = index.steps().stream().filter(s -> s.section().endsWith("Kubernetes Commands"))
                .findFirst().orElseThrow();
        assertThat(kubernetes.placeholders()).containsExactly("pod-name", "deployment-name");
        Step validator = index.steps().stream().filter(s -> s.command().contains("signing-info")).findFirst().orElseThrow();
        assertThat(validator.placeholders()).as("$(…) is shell").isEmpty();
    }
}
