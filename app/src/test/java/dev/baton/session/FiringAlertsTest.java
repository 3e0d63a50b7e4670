package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.alerts.AlertFixtures;
import dev.baton.alerts.AlertmanagerServer;
import dev.baton.incident.IncidentEvent;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.TimelineEvent;
import dev.baton.runbook.RunbookLibrary;
import dev.baton.sources.DataSource;
import dev.baton.sources.SourceAuth;
import dev.baton.sources.SourceKind;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Firing list, the click-through and a silence, against Debian's Alertmanager on loopback. */
class FiringAlertsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** bcrypt (cost 4, to keep the test quick) of "am-test-secret", made for this test. */
    private static final String AM_PASSWORD_BCRYPT = "$2b$04$jBTuBKCLXjrSl3JVGpwzeuVmN70SCZuC6KL24x0g5dkyh0kk529jO";

    @TempDir
    Path dir;

    private AlertmanagerServer alertmanager;
    private RunbookLibrary library;
    private IncidentSession session;

    @BeforeEach
    void start() throws Exception {
        alertmanager = AlertmanagerServer.start(dir.resolve("am"));
        library = RunbookLibrary.load(AlertFixtures.runbookFolder(dir));
        session = new IncidentSession(new IncidentStore(dir.resolve("data")), "ana");
    }

    @AfterEach
    void stop() {
        session.close();
        library.close();
        alertmanager.close();
    }

    private FiringAlerts firing() {
        return new FiringAlerts(List.of(DataSource.of(SourceKind.ALERTMANAGER, "am", alertmanager.url())),
                Map.<String, String>of()::get, Duration.ofSeconds(10));
    }

    private FiringAlerts.Listing awaitListing(int alerts, String status) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        FiringAlerts.Listing listing = firing().list(library);
        while (Instant.now().isBefore(deadline)) {
            listing = firing().list(library);
            if (listing.rows().size() == alerts && listing.rows().stream().anyMatch(r -> r.alert().status().equals(status))) {
                return listing;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("Alertmanager did not report " + alerts + " alerts with one " + status + ": " + listing);
    }

    @Test
    void listsFiringAlertsGroupedAsAlertmanagerGroupsThemWithTheirRunbookAndState() throws Exception {
        alertmanager.post("[" + String.join(",",
                AlertFixtures.alert("PaymentsPodRestarting", "warning", "payments", "api-7f9c", "node-3:9100"),
                AlertFixtures.alert("PaymentsPodRestarting", "warning", "payments", "api-a1b2", "node-4:9100"),
                AlertFixtures.alert("LedgerDown", "critical", "ledger", "ledger-0", "node-5:9100"),
                AlertFixtures.alert("LedgerSlow", "warning", "ledger", "ledger-0", "node-5:9100")) + "]");

        FiringAlerts.Listing listing = awaitListing(4, "inhibited");

        assertThat(listing.problems()).isEmpty();
        assertThat(listing.groups()).extracting(FiringAlerts.Group::labels).containsExactlyInAnyOrder(
                Map.of("alertname", "PaymentsPodRestarting", "namespace", "payments"),
                Map.of("alertname", "LedgerDown", "namespace", "ledger"),
                Map.of("alertname", "LedgerSlow", "namespace", "ledger"));
        FiringAlerts.Group payments = listing.groups().stream()
                .filter(g -> g.labels().get("alertname").equals("PaymentsPodRestarting")).findFirst().orElseThrow();
        assertThat(payments.rows()).extracting(r -> r.alert().labels().get("pod")).containsExactlyInAnyOrder("api-7f9c", "api-a1b2");
        assertThat(payments.rows()).allSatisfy(row -> {
            assertThat(row.runbookPath()).isEqualTo(dir.resolve("runbooks/payments-pod-restarting.md").toString());
            assertThat(row.alert().status()).isEqualTo("firing");
            assertThat(row.alert().summary()).isEqualTo("PaymentsPodRestarting is restarting");
            assertThat(row.alert().generatorUrl()).startsWith("http://prometheus.example.com:9090/graph");
            assertThat(row.alert().startsAt()).isBefore(Instant.now().minusSeconds(500));
            assertThat(row.source()).isEqualTo("am");
        });
        FiringAlerts.Row slow = row(listing, "LedgerSlow");
        assertThat(slow.alert().status()).isEqualTo("inhibited");
        assertThat(slow.runbook()).isEmpty();
        assertThat(row(listing, "LedgerDown").alert().status()).isEqualTo("firing");
    }

    private static FiringAlerts.Row row(FiringAlerts.Listing listing, String name) {
        return listing.rows().stream().filter(r -> r.alert().alertname().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void openingAnAlertStartsItsIncidentWithTheLabelsAsVariablesAndASecondJoinsIt() throws Exception {
        alertmanager.post("[" + AlertFixtures.alert("PaymentsPodRestarting", "warning", "payments", "api-7f9c",
                "node-3:9100") + "," + AlertFixtures.alert("PaymentsPodRestarting", "warning", "payments", "api-a1b2",
                "node-4:9100") + "]");
        List<FiringAlerts.Row> rows = awaitListing(2, "firing").rows();
        FiringAlerts.Row first = rows.stream().filter(r -> r.alert().labels().get("pod").equals("api-7f9c")).findFirst()
                .orElseThrow();

        AlertIncidents.Opened opened = new AlertIncidents(session).open(first).get(10, TimeUnit.SECONDS);

        assertThat(opened.runbook()).map(r -> r.title()).contains("Payments pod restarting");
        IncidentSnapshot incident = opened.incident();
        assertThat(incident.info().title()).isEqualTo("PaymentsPodRestarting on node-3:9100 payments api-7f9c");
        assertThat(incident.info().alert()).isEqualTo("PaymentsPodRestarting");
        assertThat(incident.info().severity()).isEqualTo("warning");
        assertThat(incident.variables()).containsEntry("pod", "api-7f9c").containsEntry("namespace", "payments")
                .containsEntry("instance", "node-3:9100");
        List<IncidentEvent> events = incident.events().stream().map(TimelineEvent::typed).toList();
        assertThat(events).contains(new IncidentEvent.VariableSet("pod", "api-7f9c", false, "alert PaymentsPodRestarting"));
        IncidentEvent.AlertOpened recorded = events.stream().filter(IncidentEvent.AlertOpened.class::isInstance)
                .map(IncidentEvent.AlertOpened.class::cast).findFirst().orElseThrow();
        assertThat(recorded.labels()).isEqualTo(first.alert().labels());
        assertThat(recorded.annotations()).containsEntry("runbook_url", "https://wiki.example.com/payments");
        assertThat(recorded.generatorUrl()).isEqualTo(first.alert().generatorUrl());
        assertThat(recorded.source()).isEqualTo("am");
        JsonNode info = JSON.readTree(incident.folder().resolve("incident.json").toFile());
        assertThat(info.path("title").asText()).isEqualTo(incident.info().title());
        assertThat(info.path("alerts")).hasSize(1);
        assertThat(info.path("alerts").get(0).path("labels").path("pod").asText()).isEqualTo("api-7f9c");
        assertThat(info.path("alerts").get(0).path("annotations").path("summary").asText())
                .isEqualTo("PaymentsPodRestarting is restarting");
        assertThat(info.path("alerts").get(0).path("generatorURL").asText()).isEqualTo(first.alert().generatorUrl());

        FiringAlerts.Row second = rows.stream().filter(r -> r != first).findFirst().orElseThrow();
        AlertIncidents.Opened joined = new AlertIncidents(session).open(second).get(10, TimeUnit.SECONDS);

        assertThat(joined.incident().folder()).isEqualTo(incident.folder());
        assertThat(joined.incident().variables()).containsEntry("pod", "api-a1b2");
        assertThat(JSON.readTree(incident.folder().resolve("incident.json").toFile()).path("alerts")).hasSize(2);
    }

    @Test
    void aSilenceFromBatonIsInAlertmanagerAndTheTimeline() throws Exception {
        alertmanager.post("[" + AlertFixtures.alert("PaymentsPodRestarting", "warning", "payments", "api-7f9c",
                "node-3:9100") + "]");
        FiringAlerts.Row row = awaitListing(1, "firing").rows().get(0);
        AlertIncidents incidents = new AlertIncidents(session);
        incidents.open(row).get(10, TimeUnit.SECONDS);
        FiringAlerts.SilenceRequest request = new FiringAlerts.SilenceRequest(row, Duration.ofHours(2),
                "Rolling back the payments deploy", "ana");
        assertThat(request.describe()).isEqualTo("Silence PaymentsPodRestarting instance=\"node-3:9100\", "
                + "namespace=\"payments\", pod=\"api-7f9c\", severity=\"warning\" in Alertmanager am for 2 h: "
                + "Rolling back the payments deploy");
        Instant now = Instant.now();

        String id = firing().silence(request, now);
        incidents.silenced(request, id, now.plus(Duration.ofHours(2))).get(10, TimeUnit.SECONDS);

        JsonNode silence = JSON.readTree(alertmanager.get("/api/v2/silence/" + id));
        assertThat(silence.path("status").path("state").asText()).isEqualTo("active");
        assertThat(silence.path("comment").asText()).isEqualTo("Rolling back the payments deploy");
        assertThat(silence.path("createdBy").asText()).isEqualTo("ana");
        // Alertmanager moves a start a moment in the past to its own now; the end is Baton's.
        assertThat(Instant.parse(silence.path("endsAt").asText()))
                .isCloseTo(now.plus(Duration.ofHours(2)), org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.SECONDS));
        assertThat(silence.path("matchers")).hasSize(5).allSatisfy(m -> {
            assertThat(m.path("isRegex").asBoolean()).isFalse();
            assertThat(m.path("isEqual").asBoolean(true)).isTrue();
        });
        assertThat(awaitListing(1, "silenced").rows().get(0).alert().silencedBy()).containsExactly(id);
        IncidentSnapshot incident = session.snapshot().get(10, TimeUnit.SECONDS).orElseThrow();
        assertThat(incident.events().stream().map(TimelineEvent::typed).filter(IncidentEvent.AlertSilenced.class::isInstance)
                .map(IncidentEvent.AlertSilenced.class::cast).toList()).singleElement().satisfies(e -> {
                    assertThat(e.silenceId()).isEqualTo(id);
                    assertThat(e.comment()).isEqualTo("Rolling back the payments deploy");
                    assertThat(e.by()).isEqualTo("ana");
                });
    }

    @Test
    void aSilenceWithoutACommentOrDurationIsRefusedBeforeAnythingIsSent() throws Exception {
        alertmanager.post("[" + AlertFixtures.alert("PaymentsPodRestarting", "warning", "payments", "api-7f9c",
                "node-3:9100") + "]");
        FiringAlerts.Row row = awaitListing(1, "firing").rows().get(0);

        assertThat(new FiringAlerts.SilenceRequest(row, Duration.ofHours(1), " ", "ana").problem())
                .startsWith("A silence needs a comment");
        assertThat(new FiringAlerts.SilenceRequest(row, Duration.ZERO, "x", "ana").problem())
                .isEqualTo("A silence needs a duration longer than zero");
        assertThat(new FiringAlerts.SilenceRequest(row, Duration.ofDays(30), "x", "ana").problem())
                .isEqualTo("Baton silences for at most 7 days");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> firing().silence(
                new FiringAlerts.SilenceRequest(row, Duration.ofHours(1), "", "ana"), Instant.now()))
                .hasMessageStartingWith("A silence needs a comment");
        assertThat(JSON.readTree(alertmanager.get("/api/v2/silences"))).isEmpty();
    }

    @Test
    void anUnreachableAlertmanagerIsAProblemBesideTheOthersAlerts() throws Exception {
        alertmanager.post("[" + AlertFixtures.alert("PaymentsPodRestarting", "warning", "payments", "api-7f9c",
                "node-3:9100") + "]");
        awaitListing(1, "firing");
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        FiringAlerts both = new FiringAlerts(List.of(
                DataSource.of(SourceKind.ALERTMANAGER, "gone", URI.create("http://127.0.0.1:" + closed)),
                DataSource.of(SourceKind.ALERTMANAGER, "am", alertmanager.url())), Map.<String, String>of()::get,
                Duration.ofSeconds(10));

        FiringAlerts.Listing listing = both.list(library);

        assertThat(listing.rows()).hasSize(1);
        assertThat(listing.problems()).singleElement().asString()
                .startsWith("Alertmanager gone (http://127.0.0.1:" + closed + "/api/v2/alerts/groups): unreachable");
    }

    @Test
    void anAlertmanagerBehindBasicAuthAnswers401WithoutTheRightPassword() throws Exception {
        alertmanager.close();
        alertmanager = AlertmanagerServer.start(dir.resolve("am-auth"),
                "basic_auth_users:\n  baton: " + AM_PASSWORD_BCRYPT + "\n", "baton:am-test-secret");
        DataSource source = new DataSource(SourceKind.ALERTMANAGER, "am", alertmanager.url(), true,
                new SourceAuth.Basic("baton", "AM_PASSWORD", null), null, true, null);

        FiringAlerts.Listing wrong = new FiringAlerts(List.of(source), Map.of("AM_PASSWORD", "guess")::get,
                Duration.ofSeconds(10)).list(library);
        FiringAlerts.Listing right = new FiringAlerts(List.of(source), Map.of("AM_PASSWORD", "am-test-secret")::get,
                Duration.ofSeconds(10)).list(library);

        assertThat(wrong.problems()).singleElement().asString()
                .startsWith("Alertmanager am (" + alertmanager.url() + "/api/v2/alerts/groups): HTTP 401")
                .doesNotContain("guess");
        assertThat(right.problems()).isEmpty();
    }
}
