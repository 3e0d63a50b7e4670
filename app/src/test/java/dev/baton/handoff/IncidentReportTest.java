package dev.baton.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.EventWords;
import dev.baton.incident.IncidentEvent;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import dev.baton.incident.TimelineEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incident report, read from an incident the incident code wrote, with hostile text everywhere it can be. */
class IncidentReportTest {
    static final String TITLE = "Checkout <script>alert(1)</script> | down";
    static final String HOSTILE_POD = "web-<img src=x onerror=alert(1)>|`$(rm -rf /)`[x](javascript:alert(2))";
    static final String SLACK = "xoxb-2048163255-4096327510-Tq8ZmR2vN7xL4kP9sW3yB6cD";
    static final String PASSWORD = "hunter2-prod";

    @TempDir
    Path dir;

    private List<TimelineEvent> events;
    private IncidentReport report;
    private Path folder;

    @BeforeEach
    void writeAnIncident() throws Exception {
        IncidentStore store = new IncidentStore(dir.resolve("data"));
        try (OpenIncident incident = IncidentFixture.triedIncident(store, dir, TITLE)) {
            incident.alertOpened(new IncidentEvent.AlertOpened("KubePodCrashLooping", "f00d", "am", "firing",
                    Instant.parse("2026-11-25T02:40:00Z"),
                    Map.of("alertname", "KubePodCrashLooping", "service", "checkout", "namespace", "shop",
                            "pod", HOSTILE_POD),
                    Map.of("summary", "<b onmouseover=alert(3)>crash</b> notify " + SLACK), ""));
            incident.runResult(IncidentFixture.failedRun(dir.resolve("spool-x"), "db1",
                    "mysql --host db2 password=" + PASSWORD, "", "<script>alert(4)</script> access denied\n"
                            + "```\n</pre><script>alert(5)</script>\n", 1), Map.of());
            incident.capture("selection", "Local 1", "", "", Instant.now(),
                    ("| pod | status |\n<iframe src=javascript:alert(6)>\n").repeat(80));
            incident.saveNotes("# Checkout\n\n<script>alert(7)</script> [x](javascript:alert(8)) " + SLACK + "\n", true);
            BundleWriter.exportFrom(incident, IncidentFixture.request("over", IncidentFixture.runbook(dir), incident,
                    Set.of()), dir.resolve("h.baton"));
            incident.takeBack("ana");
            incident.end();
            events = incident.timeline().events();
            folder = incident.folder();
        }
        report = IncidentReport.read(folder, id -> id.equals(IncidentFixture.RUNBOOK_ID)
                ? Optional.of(new IncidentReport.Mttr("PostgreSQL replication lag", Duration.ofMinutes(30)))
                : Optional.empty(), Instant.now());
    }

    @Test
    void theHtmlRunsNothingLoadsNothingAndHoldsEveryEvent() {
        String html = ReportHtml.of(report);
        Document page = Jsoup.parse(html);
        assertThat(page.select("script, img, iframe, object, embed, link, base, form, svg, math")).isEmpty();
        assertThat(page.select("meta[http-equiv=refresh]")).isEmpty();
        for (Element element : page.getAllElements()) {
            for (Attribute attribute : element.attributes()) {
                assertThat(attribute.getKey()).as("an event handler on <" + element.tagName() + ">").doesNotStartWith("on");
                assertThat(attribute.getValue().strip().toLowerCase()).doesNotStartWith("javascript:");
            }
        }
        assertThat(page.select("[src]")).isEmpty();
        assertThat(page.select("a[href]")).allSatisfy(a -> assertThat(a.attr("href")).startsWith("#event-"));
        assertThat(page.selectFirst("h1").text()).isEqualTo(TITLE);
        assertThat(events).hasSizeGreaterThan(15);
        for (TimelineEvent event : events) {
            Element row = page.getElementById("event-" + event.seq());
            assertThat(row).as("event %d (%s)", event.seq(), event.type()).isNotNull();
            assertThat(row.text()).contains(EventWords.describe(event).replaceAll("\\s+", " ").strip());
        }
        assertThat(page.select("h2").eachText()).contains("Summary", "Impact", "What happened", "Commands run",
                "What took longest", "Errors", "Captures", "Notes", "Timeline");
        assertThat(page.text()).contains(HOSTILE_POD, "<script>alert(7)</script>", "<script>alert(4)</script>",
                "against the target of 30:00 (PostgreSQL replication lag)", "service", "checkout", "web3, web4");
    }

    @Test
    void theMarkdownRendersAsTextOnGitHubAndGitLab() {
        String md = ReportMarkdown.of(report);
        // GFM as GitHub and GitLab parse it, raw HTML allowed: whatever survives escaping would show here.
        var extensions = List.of(TablesExtension.create());
        String html = HtmlRenderer.builder().extensions(extensions).build()
                .render(Parser.builder().extensions(extensions).build().parse(md));
        Document page = Jsoup.parse(html);
        assertThat(page.select("script, img, iframe, object, embed, link, form, b")).isEmpty();
        assertThat(page.select("a")).as("untrusted text never becomes a link").isEmpty();
        for (Element element : page.getAllElements()) {
            assertThat(element.attributes().asList()).noneMatch(a -> a.getKey().startsWith("on"));
        }
        assertThat(page.selectFirst("h1").text()).isEqualTo(TITLE);
        Element happened = tableAfter(page, "What happened");
        assertThat(happened.select("tr")).allSatisfy(tr -> assertThat(tr.children()).hasSize(5));
        assertThat(happened.select("tr:has(td)").stream().filter(tr -> tr.text().contains("nginx -t")))
                .as("a fan-out is one row").hasSize(1);
        Element timeline = tableAfter(page, "Timeline");
        assertThat(timeline.select("tr:has(td)")).hasSize(events.size());
        assertThat(timeline.select("tr")).allSatisfy(tr -> assertThat(tr.children()).hasSize(4));
        assertThat(page.text()).contains(HOSTILE_POD, "<script>alert(7)</script>", "</pre><script>alert(5)</script>",
                "against the target of 30:00");
    }

    @Test
    void secretsAreRedactedAsInABundle() {
        assertThat(report.redactions()).isGreaterThanOrEqualTo(2);
        assertThat(ReportHtml.of(report)).doesNotContain(SLACK, PASSWORD).contains("[REDACTED:");
        assertThat(ReportMarkdown.of(report)).doesNotContain(SLACK, PASSWORD).contains("REDACTED");
    }

    @Test
    void failuresShowTheirErrorAndTheLongestWorkIsNamed() {
        assertThat(report.errors()).anySatisfy(e -> {
            assertThat(e.title()).contains("exit 1", "web3", "web4", "nginx -t");
            assertThat(e.text()).contains("nginx: [emerg] open()");
        });
        assertThat(report.longest(1)).singleElement().satisfies(r -> assertThat(r.durationMs()).isEqualTo(1200));
        assertThat(report.commands()).extracting(r -> r.what()).contains("curl -sI http://localhost/healthz", "nginx -t")
                .doesNotContain("systemctl restart nginx");
        assertThat(report.endedAt()).isNotNull();
        assertThat(report.impact().labels()).containsEntry("service", List.of("checkout"));
        assertThat(report.impact().nodes()).contains("web1", "web4", "db1");
    }

    @Test
    void aTimelineChangedAfterItWasWrittenIsSaidSo() throws Exception {
        assertThat(report.chain()).isEqualTo("hash chain intact");
        Path timeline = folder.resolve("timeline.jsonl");
        java.nio.file.Files.writeString(timeline, java.nio.file.Files.readString(timeline).replace("nginx -t", "nginx -T"));
        IncidentReport tampered = IncidentReport.read(folder, id -> Optional.empty(), Instant.now());
        assertThat(tampered.chain()).startsWith("hash chain BROKEN");
        assertThat(Jsoup.parse(ReportHtml.of(tampered)).select("td.fail").text()).contains("hash chain BROKEN");
        assertThat(ReportMarkdown.of(tampered)).contains("hash chain BROKEN");
    }

    private static Element tableAfter(Document page, String heading) {
        Element h2 = page.select("h2").stream().filter(h -> h.text().equals(heading)).findFirst().orElseThrow();
        Element next = h2.nextElementSibling();
        while (next != null && !next.tagName().equals("table")) {
            next = next.nextElementSibling();
        }
        return next;
    }
}
