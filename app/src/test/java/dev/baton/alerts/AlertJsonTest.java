package dev.baton.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON shapes a responder pastes: a webhook payload, amtool's list, Alertmanager's groups, one alert. */
class AlertJsonTest {
    private static final String WEBHOOK = """
            {"version": "4", "groupKey": "{}:{alertname=\\"DiskAlmostFull\\"}", "status": "firing", "receiver": "oncall",
             "groupLabels": {"alertname": "DiskAlmostFull"},
             "commonLabels": {"alertname": "DiskAlmostFull", "severity": "warning"},
             "alerts": [
               {"status": "resolved", "labels": {"alertname": "DiskAlmostFull", "severity": "warning", "instance": "db-1:9100"},
                "annotations": {}, "startsAt": "2026-11-30T09:00:00Z", "endsAt": "2026-11-30T09:30:00Z", "fingerprint": "aa"},
               {"status": "firing", "labels": {"alertname": "DiskAlmostFull", "severity": "warning", "instance": "db-2:9100",
                "mountpoint": "/var/lib/postgresql"},
                "annotations": {"summary": "db-2 /var/lib/postgresql is 93% full"},
                "startsAt": "2026-12-01T08:15:00.123+01:00", "endsAt": "0001-01-01T00:00:00Z",
                "generatorURL": "http://prom.example.com/graph?g0.expr=disk", "fingerprint": "bb"}
             ]}
            """;

    private static final String AMTOOL = """
            [{"annotations": {"summary": "queue backing up"}, "endsAt": "2026-12-01T10:04:00.000Z", "fingerprint": "cc",
              "receivers": [{"name": "oncall"}], "startsAt": "2026-12-01T09:00:00.000Z",
              "status": {"inhibitedBy": [], "silencedBy": ["5d1c"], "state": "suppressed"},
              "updatedAt": "2026-12-01T10:00:00.000Z", "generatorURL": "http://prom.example.com/graph",
              "labels": {"alertname": "QueueBacklog", "queue": "payments"}}]
            """;

    @Test
    void aWebhookPayloadIsOneGroupAndItsFiringAlertIsFound() throws Exception {
        List<AlertGroup> groups = AlertJson.parse(WEBHOOK);

        assertThat(groups).singleElement().satisfies(group -> {
            assertThat(group.labels()).isEqualTo(Map.of("alertname", "DiskAlmostFull"));
            assertThat(group.receiver()).isEqualTo("oncall");
            assertThat(group.alerts()).extracting(FiringAlert::status).containsExactly("resolved", "firing");
        });
        FiringAlert firing = groups.get(0).alerts().get(1);
        assertThat(firing.labels()).containsEntry("mountpoint", "/var/lib/postgresql");
        assertThat(firing.summary()).isEqualTo("db-2 /var/lib/postgresql is 93% full");
        assertThat(firing.startsAt()).isEqualTo(Instant.parse("2026-12-01T07:15:00.123Z"));
        assertThat(firing.generatorUrl()).isEqualTo("http://prom.example.com/graph?g0.expr=disk");
        assertThat(firing.keyLabels()).isEqualTo(Map.of("instance", "db-2:9100", "mountpoint", "/var/lib/postgresql"));
    }

    @Test
    void amtoolsListKeepsTheSilencedState() throws Exception {
        FiringAlert alert = AlertJson.parse(AMTOOL).get(0).alerts().get(0);

        assertThat(alert.alertname()).isEqualTo("QueueBacklog");
        assertThat(alert.silencedBy()).containsExactly("5d1c");
        assertThat(alert.status()).isEqualTo("silenced");
        assertThat(alert.severity()).isEmpty();
    }

    @Test
    void oneAlertObjectIsRead() throws Exception {
        assertThat(AlertJson.parse("{\"labels\": {\"alertname\": \"X\", \"pod\": \"p\"}}").get(0).alerts())
                .singleElement().satisfies(a -> assertThat(a.labels()).containsEntry("pod", "p"));
    }

    @Test
    void malformedJsonSaysWhatIsWrongAndWhere() {
        assertThatThrownBy(() -> AlertJson.parse("{\"labels\": {\"alertname\": \"X\",\n  }"))
                .isInstanceOf(AlertJsonException.class).hasMessageStartingWith("Not JSON (line 2, column");
        assertThatThrownBy(() -> AlertJson.parse("  "))
                .hasMessageStartingWith("Nothing to read: paste an alert's JSON");
        assertThatThrownBy(() -> AlertJson.parse("{\"status\": \"firing\"}"))
                .hasMessageStartingWith("No alert in this JSON: expected an alert");
        assertThatThrownBy(() -> AlertJson.parse("[{\"labels\": {\"severity\": \"page\"}}]"))
                .hasMessage("alert 1 has no alertname label");
        assertThatThrownBy(() -> AlertJson.parse("[{\"labels\": {\"alertname\": \"X\", \"pod\": {\"nested\": 1}}}]"))
                .hasMessage("alert 1 labels: pod should be a text value");
        assertThatThrownBy(() -> AlertJson.parse("{\"alerts\": [{\"labels\": {\"alertname\": \"X\"}, \"startsAt\": \"yesterday\"}]}"))
                .hasMessage("alert 1 of alerts: startsAt yesterday is not a time (RFC 3339)");
        assertThatThrownBy(() -> AlertJson.parse("42")).hasMessageStartingWith("No alert in this JSON");
    }
}
