package dev.baton.alerts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Alerts and a runbook written for Baton's tests, in Baton's own words. */
public final class AlertFixtures {
    private AlertFixtures() {}

    /** A runbook answering PaymentsPodRestarting, with each kind of placeholder an alert's labels fill. */
    public static Path runbookFolder(Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("runbooks"));
        Files.writeString(folder.resolve("payments-pod-restarting.md"), """
                ---
                title: Payments pod restarting
                severity: P2
                alerts:
                  - PaymentsPodRestarting
                ---
                # Payments pod restarting

                ## Diagnose

                1. Describe the pod:

                ```bash
                kubectl -n {{namespace}} describe pod $POD
                ```

                2. Check the node it runs on:

                ```bash
                ssh <instance> uptime
                ```

                3. Print what the alert said:

                ```bash
                echo "pod: <pod>" 'ns: <namespace>'
                ```
                """);
        return folder;
    }

    /** One alert as Prometheus posts it to Alertmanager. */
    public static String alert(String name, String severity, String namespace, String pod, String instance) {
        return """
                {"labels": {"alertname": "%s", "severity": "%s", "namespace": "%s", "pod": %s, "instance": "%s"},
                 "annotations": {"summary": "%s is restarting", "runbook_url": "https://wiki.example.com/payments"},
                 "startsAt": "%s",
                 "generatorURL": "http://prometheus.example.com:9090/graph?g0.expr=rate%%28restarts%%5B5m%%5D%%29"}
                """.formatted(name, severity, namespace, json(pod), instance, name,
                Instant.now().minusSeconds(600).toString());
    }

    /** A JSON string literal for a label value that may hold quotes, backslashes and newlines. */
    static String json(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
