package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.IncidentInfo;
import dev.baton.incident.IncidentListing;
import dev.baton.inventory.Inventory;
import dev.baton.inventory.Node;
import dev.baton.runbook.RunbookLibrary;
import dev.baton.runbook.Seeds;
import dev.baton.session.PaletteSearch.Entry;
import dev.baton.session.PaletteSearch.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PaletteSearchTest {
    private static RunbookLibrary library;
    private final PaletteSearch palette = new PaletteSearch();

    @BeforeAll
    static void load() {
        library = RunbookLibrary.load(Seeds.shippedRunbooks());
    }

    @AfterAll
    static void close() {
        library.close();
    }

    private PaletteSearch.Sources sources() {
        Node db1 = new Node("db1", "10.0.0.5", 22, "ops", List.of(), false, List.of(), Duration.ZERO, 0, false,
                List.of("postgres"), "hosts.ini");
        Node web1 = new Node("web1", "10.0.0.9", 22, "ops", List.of(), false, List.of(), Duration.ZERO, 0, false,
                List.of("web"), "hosts.ini");
        IncidentListing lag = new IncidentListing(new IncidentInfo("20261122-lag", "Replica lag on db2", "P1", "",
                Instant.parse("2026-11-22T03:00:00Z"), "bo"), IncidentListing.OPEN);
        return new PaletteSearch.Sources(library, new Inventory(List.of(db1, web1), List.of()), List.of(lag),
                List.of("Hand off…", "New local terminal", "Dark theme"));
    }

    @Test
    void aMisspeltAlertNameComesFirstAndNamesItsRunbook() {
        Entry first = palette.find("KubePodCrashLopoing", sources(), 20).get(0);
        assertThat(first.kind()).isEqualTo(Kind.ALERT);
        assertThat(first.key()).isEqualTo("KubePodCrashLooping");
        assertThat(first.detail()).contains("Kubernetes pod crash-looping");
    }

    @Test
    void anAlertIsFoundByItsPrefix() {
        assertThat(palette.find("kubepod", sources(), 20)).filteredOn(e -> e.kind() == Kind.ALERT)
                .extracting(Entry::key).contains("KubePodCrashLooping", "KubePodNotReady");
    }

    @Test
    void runbooksStepsNodesIncidentsAndActionsAreFound() {
        assertThat(palette.find("disk", sources(), 40)).extracting(Entry::kind).contains(Kind.RUNBOOK);
        assertThat(palette.find("df -h", sources(), 40)).filteredOn(e -> e.kind() == Kind.STEP)
                .allSatisfy(e -> assertThat(e.step()).isPositive()).isNotEmpty();
        assertThat(palette.find("db1", sources(), 40).get(0)).isEqualTo(
                new Entry(Kind.NODE, "db1", "10.0.0.5 · postgres", "db1", 0));
        assertThat(palette.find("replica lag on", sources(), 40)).extracting(Entry::kind).contains(Kind.INCIDENT);
        assertThat(palette.find("hand off", sources(), 40).get(0)).extracting(Entry::kind, Entry::key)
                .containsExactly(Kind.ACTION, "Hand off…");
        assertThat(palette.find("", sources(), 40)).extracting(Entry::kind).containsOnly(Kind.ACTION);
    }
}
