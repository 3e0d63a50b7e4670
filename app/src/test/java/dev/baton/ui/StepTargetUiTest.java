package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.ssh.InProcessSshServer;
import dev.baton.ui.terminal.TerminalTab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Where a step goes, said before it goes: Run buttons name the active terminal, tabs show kind, host and
 * production, a production node is confirmed, and a destructive step's confirmation shows all of it.
 */
class StepTargetUiTest extends ConsoleTest {
    /** Long enough to wrap at 80 columns, with the dangerous word at its very end. */
    private static final String FIND = "sudo find /var/log/baton-archive/rotated/by-week -name \"*.gz\" -mtime +7 "
            + "-size +10M -delete";

    private static Path dir;
    private static Path folder;
    private static InProcessSshServer server;

    @BeforeAll
    static void startNode() throws Exception {
        dir = Files.createTempDirectory("baton-target");
        folder = Files.createDirectories(dir.resolve("runbooks"));
        Files.writeString(folder.resolve("steps.md"), """
                # Target steps

                ```bash
                echo target-$((6*7))
                ```

                ```bash
                %s
                ```
                """.formatted(FIND));
        Path clientKey = InProcessSshServer.generateClientKey(dir.resolve("keys"), "id_ed25519", "");
        server = InProcessSshServer.start(InProcessSshServer.publicKeyOf(clientKey), InProcessSshServer.newHostKey());
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, server.knownHostsLine() + "\n");
        // An Ansible inventory that marks db1 as production the way a team would: baton_env=prod.
        Path inventory = dir.resolve("hosts.ini");
        Files.writeString(inventory, """
                [databases]
                db1 ansible_host=127.0.0.1 ansible_port=%d ansible_user=%s ansible_ssh_private_key_file=%s baton_env=prod
                """.formatted(server.port(), InProcessSshServer.USER, clientKey));
        System.setProperty("baton.inventory", inventory.toString());
        System.setProperty("baton.known-hosts", knownHosts.toString());
    }

    @AfterAll
    static void stopNode() throws Exception {
        ConsoleSshNode.forget();
        server.close();
        deleteQuietly(dir);
    }

    @Override
    protected Path runbooks() {
        return folder;
    }

    private void showSteps() throws Exception {
        fx.waitForLibrary();
        fx.show(folder.resolve("steps.md").toString(), "Target steps");
    }

    /** The text of every Run button on the page, as WebKit holds it. */
    private List<String> runButtons() throws Exception {
        return ConsoleFixture.onFx(() -> {
            NodeList anchors = fx.console().runbook().engine().getDocument().getElementsByTagName("a");
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < anchors.getLength(); i++) {
                Element anchor = (Element) anchors.item(i);
                if (anchor.getAttribute("href").startsWith("baton:run/")) {
                    texts.add(anchor.getTextContent());
                }
            }
            return texts;
        });
    }

    private void waitForRunButtons(String text) throws Exception {
        try {
            org.testfx.util.WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS, () -> {
                List<String> buttons = runButtons();
                return !buttons.isEmpty() && buttons.stream().allMatch(text::equals);
            });
        } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
            throw new AssertionError("Run buttons read " + runButtons() + ", not " + text, e);
        }
    }

    private static List<String> headerTexts(TerminalTab tab) throws Exception {
        return ConsoleFixture.onFx(() -> ((HBox) tab.getGraphic()).getChildren().stream()
                .filter(Label.class::isInstance).map(n -> ((Label) n).getText()).toList());
    }

    @Test
    void runButtonsNameTheActiveTerminalAndFollowIt(FxRobot robot) throws Exception {
        TerminalTab first = fx.waitForShell("Local 1");
        showSteps();
        waitForRunButtons("Run in Local 1");
        assertThat(headerTexts(first)).containsExactly("local");

        ConsoleFixture.onFx(() -> {
            fx.console().terminals().openLocalShell();
            return null;
        });
        fx.waitForTerminal("Local 2");
        waitForRunButtons("Run in Local 2");

        ConsoleFixture.onFx(() -> {
            fx.console().terminals().getSelectionModel().select(first);
            first.setText("scratch");
            return null;
        });
        waitForRunButtons("Run in scratch");
    }

    @Test
    void aDestructiveConfirmationShowsTheWholeCommandWrappedWithTheDangerousPartHighlighted(FxRobot robot)
            throws Exception {
        TerminalTab shell = fx.waitForShell("Local 1");
        showSteps();
        fx.click("baton:run/2");
        ConsoleFixture.waitFor(10, () -> robot.lookup("#confirm-send").tryQuery().isPresent());

        Node text = robot.lookup("#confirm-text").query();
        assertThat(text).isInstanceOf(TextFlow.class);
        assertThat(CommandText.text(text)).isEqualTo(FIND);
        List<Text> danger = ConsoleFixture.onFx(() -> ((TextFlow) text).getChildren().stream()
                .map(Text.class::cast).filter(t -> t.getStyleClass().contains("command-danger")).toList());
        assertThat(danger).extracting(Text::getText).containsExactly("-delete");
        ConsoleFixture.onFx(() -> {
            DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
            Bounds dialog = pane.localToScreen(pane.getLayoutBounds());
            Bounds flow = text.localToScreen(text.getLayoutBounds());
            Bounds word = danger.get(0).localToScreen(danger.get(0).getLayoutBounds());
            assertThat(flow.getHeight()).as("wrapped onto more than one line").isGreaterThan(danger.get(0)
                    .getLayoutBounds().getHeight() * 1.5);
            assertThat(dialog.contains(flow)).as("the whole command inside the dialog: " + flow + " in " + dialog)
                    .isTrue();
            assertThat(dialog.contains(word)).as("-delete inside the dialog").isTrue();
            for (Node n = text; n != null; n = n.getParent()) {
                if (n instanceof ScrollPane scroll) {
                    assertThat(scroll.getHbarPolicy()).isEqualTo(ScrollPane.ScrollBarPolicy.NEVER);
                }
            }
            return null;
        });
        DialogButtons.close(robot, "Cancel");
        assertThat(shell.widget().text()).doesNotContain("-delete");
    }

    @Test
    void aProductionNodeWearsABadgeAndAStepForItIsConfirmed(FxRobot robot) throws Exception {
        ConsoleFixture.waitFor(20, () -> fx.console().nodes().inventory().find("db1").isPresent());
        showSteps();
        ConsoleFixture.onFx(() -> {
            fx.console().openSshTerminal(fx.console().nodes().inventory().find("db1").orElseThrow());
            return null;
        });
        TerminalTab tab = fx.waitForTerminal("db1");
        assertThat(headerTexts(tab)).containsExactly("SSH", "PROD");
        assertThat(tab.getTooltip().getText()).contains("production", "127.0.0.1");
        ConsoleFixture.waitFor(10, () -> fx.console().terminals().active().orElseThrow() == tab);
        waitForRunButtons("Run in db1");

        // A harmless one-liner, but to production: the responder confirms, naming the node; Enter does not.
        fx.click("baton:run/1");
        ConsoleFixture.waitFor(10, () -> robot.lookup("#confirm-production").tryQuery().isPresent());
        assertThat(robot.lookup("#confirm-production").queryAs(Label.class).getText())
                .contains("PRODUCTION", "production node db1");
        Button send = robot.lookup("#confirm-send").queryAs(Button.class);
        assertThat(send.getText()).contains("db1");
        assertThat(send.isDefaultButton()).isFalse();
        DialogButtons.close(robot, "#confirm-send");
        fx.waitForStatus("Step 1 sent to db1", 20);
        // The test server's shell has no pty to turn the Enter Baton typed into a newline: add one.
        tab.session().connector().write("\n");
        fx.waitForText(tab, "target-42", 20);

        // On the node over exec: the same rule, from the same inventory. Its only node is chosen already.
        fx.click("baton:run-on-node/1");
        ConsoleFixture.waitFor(10, () -> robot.lookup("#run-nodes-ok").tryQuery().isPresent());
        assertThat(robot.lookup("#run-count").queryAs(Label.class).getText()).isEqualTo("1 selected");
        assertThat(robot.lookup("#run-nodes-ok").queryButton().isDisabled()).isFalse();
        DialogButtons.close(robot, "#run-nodes-ok");
        ConsoleFixture.waitFor(10, () -> robot.lookup("#confirm-production").tryQuery().isPresent());
        assertThat(robot.lookup("#confirm-send").queryAs(Button.class).getText()).isEqualTo("Run on db1");
        DialogButtons.close(robot, "Cancel");
    }
}
