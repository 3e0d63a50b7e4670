package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.alerts.AlertGroup;
import dev.baton.alerts.FiringAlert;
import dev.baton.runbook.RunbookLibrary;
import dev.baton.runbook.RunbookUrlMapping;
import dev.baton.runbook.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Firing list follows an alert's runbook_url to the local page before guessing by the alert's name. */
class FiringRunbookUrlTest {
    @TempDir
    Path dir;

    private static FiringAlert alert(String name, Map<String, String> annotations) {
        return new FiringAlert("f-" + name, Map.of("alertname", name), annotations, null, "", "active", List.of(), List.of());
    }

    @Test
    void theRunbookUrlWinsOverAFileNamedForTheAlertAndOpensAtItsAnchor() throws Exception {
        Files.createDirectories(dir.resolve("team"));
        Files.writeString(dir.resolve("team/alerts.md"), "# Team alerts\n\n## Disk\n\n### BatonDiskSlow\n\nTrim it.\n");
        Files.writeString(dir.resolve("BatonDiskSlow.md"), "# An old copy\n");
        List<RunbookUrlMapping> mappings = List.of(new RunbookUrlMapping("https://wiki.example.com/", dir.resolve("team")));
        try (RunbookLibrary library = RunbookLibrary.load(dir)) {
            List<FiringAlerts.Row> rows = FiringAlerts.withRunbooks("am", List.of(new AlertGroup(Map.of(), "team", List.of(
                    alert("BatonDiskSlow", Map.of("runbook_url", "https://wiki.example.com/alerts#batondiskslow")),
                    alert("BatonDiskSlow", Map.of("runbook_url", "https://unmapped.example.com/x"))))),
                    library, mappings).get(0).rows();
            assertThat(rows.get(0).runbookPath()).endsWith("team/alerts.md");
            assertThat(rows.get(0).section()).map(Section::title).contains("BatonDiskSlow");
            assertThat(rows.get(1).runbookPath()).as("an unmapped URL: by the name").endsWith("BatonDiskSlow.md");
        }
    }
}
