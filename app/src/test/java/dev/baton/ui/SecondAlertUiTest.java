package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.alerts.AlertFixtures;
import dev.baton.incident.IncidentEvent;
import dev.baton.runbook.Seeds;
import dev.baton.session.AlertIncidents;
import dev.baton.session.FiringAlerts;
import dev.baton.session.IncidentSnapshot;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.scene.control.DialogPane;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** An alert opened while another incident is open asks where it goes, and does what the answer says. */
class SecondAlertUiTest extends ConsoleTest {
    @Override
    protected Path runbooks() {
        return Seeds.shippedRunbooks();
    }

    private IncidentSnapshot openIncidentThenAlert(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        IncidentSnapshot first = app.session().start("Checkout is slow", "P2", "").get();
        ConsoleFixture.waitFor(10, () -> fx.console().incident().currentProperty().get() != null
                && fx.console().incident().currentProperty().get().info().title().equals("Checkout is slow"));
        FiringAlerts.Row row = AlertIncidents.pasted("{\"alerts\": [" + AlertFixtures.alert("PaymentsPodRestarting",
                "warning", "payments", "api-b", "node-9:9100") + "]}", "pasted", fx.console().runbook().library());
        // Not waited on: the question blocks the open until it is answered.
        Platform.runLater(() -> fx.console().firing().open(row));
        try {
            ConsoleFixture.waitFor(10, () -> robot.lookup("#alert-into").tryQuery().isPresent());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no question; the open incident is now \""
                    + app.session().snapshot().get().map(s -> s.info().title()).orElse("none") + "\"", e);
        }
        String header = ConsoleFixture.onFx(() -> ((DialogPane) robot.lookup("#alert-into").query()).getHeaderText());
        assertThat(header).contains("Checkout is slow").contains("PaymentsPodRestarting");
        assertThat(ConsoleFixture.onFx(() -> robot.lookup("#alert-into-add").queryButton().isDefaultButton()))
                .as("Add to this incident is what Enter does").isTrue();
        return first;
    }

    @Test
    void addedToThisIncidentTheAlertLandsInItsTimeline(FxRobot robot) throws Exception {
        IncidentSnapshot first = openIncidentThenAlert(robot);
        DialogButtons.close(robot, "#alert-into-add");
        ConsoleFixture.waitFor(20, () -> app.session().snapshot().get().map(s -> s.events().stream()
                .anyMatch(e -> e.typed() instanceof IncidentEvent.AlertOpened)).orElse(false));
        IncidentSnapshot now = fx.incident();
        assertThat(now.info().id()).as("still the same incident").isEqualTo(first.info().id());
        assertThat(now.info().title()).isEqualTo("Checkout is slow");
        assertThat(now.variables()).containsEntry("pod", "api-b");
    }

    @Test
    void startedAsANewOneTheAlertHasItsOwnIncident(FxRobot robot) throws Exception {
        IncidentSnapshot first = openIncidentThenAlert(robot);
        DialogButtons.close(robot, "#alert-into-new");
        ConsoleFixture.waitFor(20, () -> app.session().snapshot().get()
                .map(s -> !s.info().id().equals(first.info().id())).orElse(false));
        IncidentSnapshot now = fx.incident();
        assertThat(now.info().title()).startsWith("PaymentsPodRestarting");
        assertThat(now.events()).anyMatch(e -> e.typed() instanceof IncidentEvent.AlertOpened);
    }
}
