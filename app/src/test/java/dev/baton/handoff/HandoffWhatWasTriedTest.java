package dev.baton.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipFile;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code handoff.html}'s "What was tried": steps typed into terminals too, a fan-out as one row, failures linking their error. */
class HandoffWhatWasTriedTest {
    @TempDir
    Path dir;

    @Test
    void stepsSentToTerminalsAreListedWithRunsOnNodes() throws Exception {
        Document page = summary();
        List<Element> rows = triedRows(page);
        assertThat(rows).anySatisfy(row -> assertThat(row.text()).contains("curl -sI http://localhost/healthz",
                "Local 1", "ran (Enter sent with it)"));
        assertThat(rows).anySatisfy(row -> assertThat(row.text()).contains("systemctl restart nginx", "Local 1",
                "not run", "Ctrl+C"));
    }

    @Test
    void aFanOutIsOneRowWithItsGroups() throws Exception {
        List<Element> rows = triedRows(summary());
        List<Element> fanOut = rows.stream().filter(row -> row.text().contains("nginx -t")).toList();
        assertThat(fanOut).as("one row for the run on four nodes, not one per node").hasSize(1);
        Element row = fanOut.get(0);
        assertThat(row.select(".group")).hasSize(2);
        assertThat(row.select(".group.ok").text()).contains("exit 0", "web1", "web2").doesNotContain("web3");
        assertThat(row.select(".group.fail").text()).contains("exit 1", "web3", "web4").doesNotContain("web1");
    }

    @Test
    void aFailureLinksTheStreamInTheBundleThatHoldsTheError() throws Exception {
        Path bundle = export();
        Document page = page(bundle);
        Element row = triedRows(page).stream().filter(r -> r.text().contains("nginx -t")).findFirst().orElseThrow();
        Element link = row.selectFirst(".group.fail a[href]");
        assertThat(link).as("the failed group links its error output").isNotNull();
        String href = link.attr("href");
        assertThat(href).doesNotStartWith("/").doesNotContain("..", ":");
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            var entry = zip.getEntry(href);
            assertThat(entry).as("the link names a file inside the bundle: " + href).isNotNull();
            assertThat(new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8))
                    .contains("nginx: [emerg] open()");
        }
    }

    @Test
    void aStepTypedIntoARecordedTerminalLinksTheRecordingWhenItTravels() throws Exception {
        IncidentStore store = new IncidentStore(dir.resolve("alice"));
        Path bundle = dir.resolve("recorded.baton");
        String name;
        try (OpenIncident incident = IncidentFixture.triedIncident(store, dir)) {
            // Named as the window names a recording: its start (UTC) and the terminal's name.
            name = "recordings/" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                    .withZone(java.time.ZoneOffset.UTC).format(incident.info().startedAt().minusSeconds(5))
                    + "-Local-1.cast";
            java.nio.file.Files.createDirectories(incident.folder().resolve("recordings"));
            java.nio.file.Files.writeString(incident.folder().resolve(name), "{\"version\":2,\"width\":80,\"height\":24}\n"
                    + "[0.5,\"o\",\"curl: (7) Failed to connect to localhost port 80\\r\\n\"]\n");
            BundleWriter.export(incident.folder(), IncidentFixture.request("over to you", IncidentFixture.runbook(dir),
                    incident, Set.of(new Redactor.Finding(RecordingRedactor.KIND, name, 0, "", 0).id())), bundle);
        }
        Element row = triedRows(page(bundle)).stream().filter(r -> r.text().contains("curl -sI")).findFirst()
                .orElseThrow();
        assertThat(row.select("a[href]").eachAttr("href")).contains(name);
    }

    private Document summary() throws Exception {
        return page(export());
    }

    private Path export() throws Exception {
        IncidentStore store = new IncidentStore(dir.resolve("alice"));
        Path bundle = dir.resolve("handoff.baton");
        try (OpenIncident incident = IncidentFixture.triedIncident(store, dir)) {
            BundleWriter.export(incident.folder(), IncidentFixture.request("over to you", IncidentFixture.runbook(dir),
                    incident, Set.of()), bundle);
        }
        return bundle;
    }

    private static Document page(Path bundle) throws Exception {
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            return Jsoup.parse(new String(zip.getInputStream(zip.getEntry("handoff.html")).readAllBytes(),
                    StandardCharsets.UTF_8));
        }
    }

    /** The rows of the table under "What was tried". */
    private static List<Element> triedRows(Document page) {
        Element heading = page.select("h2").stream().filter(h -> h.text().equals("What was tried")).findFirst()
                .orElseThrow();
        Element table = heading.nextElementSibling();
        assertThat(table.tagName()).isEqualTo("table");
        return table.select("tr:has(td)");
    }
}
