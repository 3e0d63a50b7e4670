package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.IncidentEvent;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import dev.baton.incident.TimelineEvent;
import dev.baton.runbook.RunbookLibrary;
import dev.baton.session.IncidentReports;
import dev.baton.ssh.OutputSpool;
import dev.baton.ssh.RunOutcome;
import dev.baton.ssh.RunResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javafx.concurrent.Worker;
import javafx.scene.Scene;
import javafx.scene.web.WebView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The incident report's HTML as the window's WebView shows it at 1280×720: nothing in it runs, every event
 * is there. With {@code -Dbaton.screenshots=DIR} it is saved as {@code report-1280.png}.
 */
@ExtendWith(ApplicationExtension.class)
class ReportPageUiTest {
    @TempDir
    Path dir;

    private Stage stage;
    private WebView view;

    @BeforeEach
    void show() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        ConsoleFixture.onFx(() -> {
            view = new WebView();
            stage.setScene(new Scene(view, 1280, 720));
            stage.show();
            return null;
        });
    }

    @AfterEach
    void hide() throws Exception {
        ConsoleFixture.onFx(() -> {
            stage.hide();
            return null;
        });
    }

    @Test
    void theReportShowsEveryEventAndRunsNothing() throws Exception {
        Path runbooks = Files.createDirectories(dir.resolve("runbooks"));
        Files.writeString(runbooks.resolve("checkout-crashloop.md"), """
                ---
                title: Checkout pods crash-looping
                mttr: 30m
                ---
                # Checkout pods crash-looping

                ```bash
                kubectl -n shop get pods -l app=checkout
                ```
                """);
        List<TimelineEvent> events;
        Path folder;
        try (OpenIncident incident = new IncidentStore(dir.resolve("data")).start("Checkout pods crash-looping", "P1",
                "KubePodCrashLooping", "ana", Instant.now().minus(Duration.ofMinutes(47)))) {
            incident.alertOpened(new IncidentEvent.AlertOpened("KubePodCrashLooping", "a1b2", "alertmanager", "firing",
                    Instant.now().minus(Duration.ofMinutes(49)), Map.of("alertname", "KubePodCrashLooping",
                            "namespace", "shop", "service", "checkout", "pod", "checkout-7d9f-x2k4"),
                    Map.of("summary", "Pod shop/checkout-7d9f-x2k4 restarted 6 times in 10 minutes"), ""));
            // As the window records it: the runbook's id in the library it was opened from.
            String id = RunbookLibrary.load(runbooks).runbooks().get(0).id();
            incident.stepSent(id, 1, "kubectl -n shop get pods -l app=checkout\n", "Local 1", Map.of(), true);
            TimelineEvent typed = incident.stepSent(id, 2, "kubectl -n shop delete pod checkout-7d9f-x2k4", "Local 1",
                    Map.of(), false);
            incident.stepOutcome(new IncidentEvent.StepAbandoned(id, 2, "Local 1",
                    "kubectl -n shop delete pod checkout-7d9f-x2k4", "Ctrl+C", typed.seq()), Map.of());
            List<String> nodes = List.of("web1", "web2", "web3", "web4", "web5", "web6");
            incident.stepRun(id, 3, "systemctl is-active checkout-sidecar", nodes, Map.of(), 3);
            for (String node : nodes) {
                boolean down = node.equals("web4") || node.equals("web5");
                incident.runResult(run(node, "systemctl is-active checkout-sidecar", down ? "failed\n" : "active\n",
                        down ? "Job for checkout-sidecar.service failed: config /etc/sidecar.yaml line 4\n" : "",
                        down ? 3 : 0, down ? 2400 : 180), Map.of());
            }
            incident.capture("selection", "Local 1", "", "", Instant.now(),
                    "checkout-7d9f-x2k4   0/1   CrashLoopBackOff   6   11m\n");
            incident.saveNotes("## Checkout\n\nSidecar config on web4 and web5 broken since the 02:10 deploy.\n", true);
            incident.end();
            events = incident.timeline().events();
            folder = incident.folder();
        }
        String html = IncidentReports.render(folder, IncidentReports.Format.HTML, RunbookLibrary.load(runbooks),
                Instant.now());
        ConsoleFixture.onFx(() -> {
            view.getEngine().loadContent(html);
            return null;
        });
        ConsoleFixture.waitFor(20, () -> view.getEngine().getLoadWorker().getState() == Worker.State.SUCCEEDED);
        var document = ConsoleFixture.onFx(() -> view.getEngine().getDocument());
        assertThat(ConsoleFixture.onFx(() -> document.getElementsByTagName("script").getLength())).isZero();
        for (TimelineEvent event : events) {
            assertThat(ConsoleFixture.onFx(() -> document.getElementById("event-" + event.seq())))
                    .as("event %d in the page", event.seq()).isNotNull();
        }
        assertThat(ConsoleFixture.onFx(() -> document.getDocumentElement().getTextContent()))
                .contains("against the target of 30:00 (Checkout pods crash-looping)", "exit 3 on 2 nodes");
        Screenshots.save(ConsoleFixture.onFx(() -> stage.getScene()), "report-1280.png");
        ConsoleFixture.onFx(() -> view.getEngine().executeScript(
                "Array.from(document.querySelectorAll('h2')).find(h => h.textContent === 'What happened').scrollIntoView()"));
        Screenshots.save(ConsoleFixture.onFx(() -> stage.getScene()), "report-1280-what-happened.png");
    }

    private RunResult run(String node, String command, String stdout, String stderr, int exit, long ms)
            throws Exception {
        Path spool = Files.createTempDirectory(dir, "spool");
        OutputSpool out = new OutputSpool(spool, "stdout", 1 << 20);
        byte[] bytes = stdout.getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        OutputSpool err = new OutputSpool(spool, "stderr", 1 << 20);
        byte[] errors = stderr.getBytes(StandardCharsets.UTF_8);
        err.write(errors, 0, errors.length);
        return new RunResult(node, command, Instant.now(), Duration.ofMillis(ms), RunOutcome.COMPLETED, exit, null,
                out, err, "");
    }
}
