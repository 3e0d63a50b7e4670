package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.alerts.AlertFixtures;
import dev.baton.alerts.AlertmanagerServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code baton alerts} against Debian's Alertmanager, and {@code baton open-alert} on saved alert JSON. */
class AlertsCommandTest {
    @TempDir
    Path dir;

    @Test
    void listsFiringAlertsWithTheirRunbookAsTextAndJson() throws Exception {
        Path runbooks = AlertFixtures.runbookFolder(dir);
        try (AlertmanagerServer alertmanager = AlertmanagerServer.start(dir.resolve("am"))) {
            alertmanager.post("[" + AlertFixtures.alert("PaymentsPodRestarting", "warning", "payments", "api-7f9c",
                    "node-3:9100") + "," + AlertFixtures.alert("LedgerDown", "critical", "ledger", "ledger-0",
                    "node-5:9100") + "]");
            String url = alertmanager.url().toString();
            CliRun json = awaitRows(url, runbooks, 2);

            JsonNode rows = new ObjectMapper().readTree(json.out());
            JsonNode payments = rows.findParents("alertname").stream()
                    .filter(r -> r.path("alertname").asText().equals("PaymentsPodRestarting")).findFirst().orElseThrow();
            assertThat(payments.path("labels").path("pod").asText()).isEqualTo("api-7f9c");
            assertThat(payments.path("runbook").asText()).isEqualTo(runbooks.resolve("payments-pod-restarting.md").toString());
            assertThat(payments.path("status").asText()).isEqualTo("firing");
            JsonNode ledger = rows.findParents("alertname").stream()
                    .filter(r -> r.path("alertname").asText().equals("LedgerDown")).findFirst().orElseThrow();
            assertThat(ledger.has("runbook")).as("no runbook answers LedgerDown: the field is left out").isFalse();

            CliRun text = CliRun.of("alerts", "--alertmanager", url, "--dir", runbooks.toString());
            assertThat(text.exitCode()).isZero();
            assertThat(text.out()).contains("# 127.0.0.1:" + alertmanager.url().getPort()
                    + " {alertname=\"PaymentsPodRestarting\", namespace=\"payments\"}")
                    .containsPattern("PaymentsPodRestarting\twarning\tfiring\t\\S+\tinstance=\"node-3:9100\", "
                            + "namespace=\"payments\", pod=\"api-7f9c\"\t\\S+payments-pod-restarting.md "
                            + "\\(Payments pod restarting\\)")
                    .contains("LedgerDown\tcritical\tfiring\t").contains("no runbook");
        }
    }

    private static CliRun awaitRows(String url, Path runbooks, int rows) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        CliRun run = CliRun.of("alerts", "--json", "--alertmanager", url, "--dir", runbooks.toString());
        while (Instant.now().isBefore(deadline)) {
            run = CliRun.of("alerts", "--json", "--alertmanager", url, "--dir", runbooks.toString());
            if (run.exitCode() == 0 && new ObjectMapper().readTree(run.out()).size() == rows) {
                return run;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("baton alerts did not list " + rows + " alerts: " + run);
    }

    @Test
    void anUnreachableAlertmanagerIsSaidAndExitsOne() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        CliRun run = CliRun.of("alerts", "--alertmanager", "http://127.0.0.1:" + closed);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("baton alerts: Alertmanager 127.0.0.1:" + closed + " (http://127.0.0.1:" + closed
                + "/api/v2/alerts/groups): unreachable");
        assertThat(CliRun.of("alerts", "--alertmanager", "ftp://example.com").err())
                .contains("--alertmanager ftp://example.com is not an http or https address");
    }

    @Test
    void openAlertStartsTheIncidentAndFillsTheStepsWithQuotedLabels() throws Exception {
        Path runbooks = AlertFixtures.runbookFolder(dir);
        String hostilePod = "api; rm -rf / $(id)\nx";
        Path file = Files.writeString(dir.resolve("alert.json"), "{\"receiver\": \"oncall\", \"status\": \"firing\", "
                + "\"alerts\": [" + AlertFixtures.alert("PaymentsPodRestarting", "warning", "payments", hostilePod,
                "node-3:9100").replace("{\"labels\"", "{\"status\": \"firing\", \"labels\"") + "]}");

        CliRun run = CliRun.of("open-alert", file.toString(), "--dir", runbooks.toString(), "--data",
                dir.resolve("data").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Incident: PaymentsPodRestarting on node-3:9100 payments api; rm -rf / $(id)\\nx")
                .contains("Runbook: " + runbooks.resolve("payments-pod-restarting.md") + " (Payments pod restarting)")
                .contains("Step 1: kubectl -n payments describe pod 'api; rm -rf / $(id)\nx'")
                .contains("Step 2: ssh node-3:9100 uptime")
                // Inside double quotes the value is closed off in single quotes, out of reach of history expansion.
                .contains("Step 3: echo \"pod: \"'api; rm -rf / $(id)\nx'\"\" 'ns: payments'");
        try (var incidents = Files.list(dir.resolve("data/incidents"))) {
            Path incident = incidents.findFirst().orElseThrow();
            assertThat(Files.readString(incident.resolve("timeline.jsonl")))
                    .contains("\"type\":\"alert.opened\"").contains("\"source\":\"alert PaymentsPodRestarting\"");
        }
    }

    @Test
    void openAlertOnMalformedJsonSaysWhereAndStartsNothing() throws Exception {
        Path file = Files.writeString(dir.resolve("alert.json"), "{\"labels\": {\"alertname\": \"X\",}");

        CliRun run = CliRun.of("open-alert", file.toString(), "--data", dir.resolve("data").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("baton open-alert: " + file + ": Not JSON (line 1, column");
        assertThat(dir.resolve("data/incidents")).doesNotExist();
    }
}
