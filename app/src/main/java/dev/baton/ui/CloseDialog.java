package dev.baton.ui;

import dev.baton.ssh.SshShellSession;
import dev.baton.ui.terminal.TerminalTab;
import dev.baton.ui.terminal.TerminalTabs;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * Asked before the window closes, a close from the window manager included: live SSH sessions would end
 * mid-command and a note not yet saved would be lost ({@link CloseConfirmation}), so the responder confirms.
 */
final class CloseDialog {
    private CloseDialog() {
    }

    /** @return whether the window may close: nothing would be lost, or the responder chose Close anyway */
    static boolean mayClose(TerminalTabs terminals, boolean notesUnsaved, Window owner) {
        List<String> ssh = terminals.all().stream().filter(tab -> tab.session() instanceof SshShellSession)
                .map(TerminalTab::name).toList();
        Optional<String> question = new CloseConfirmation(ssh, notesUnsaved).question();
        return question.isEmpty() || closeAnyway(question.get(), !ssh.isEmpty(), owner);
    }

    /** Don't close is the default: Enter keeps the window. */
    private static boolean closeAnyway(String question, boolean sshOpen, Window owner) {
        ButtonType close = new ButtonType("Close anyway", ButtonBar.ButtonData.OK_DONE);
        ButtonType stay = new ButtonType("Don't close", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "", stay, close);
        ask.setTitle("Close Baton");
        ask.setHeaderText(question);
        ask.setContentText(sshOpen ? "Closing ends the SSH sessions and any command still running in them."
                : "Closing now loses the note typed last.");
        ask.getDialogPane().setId("close-confirm");
        if (owner != null) {
            ask.initOwner(owner);
        }
        Button closeButton = (Button) ask.getDialogPane().lookupButton(close);
        closeButton.setId("close-confirm-close");
        closeButton.setDefaultButton(false);
        Button stayButton = (Button) ask.getDialogPane().lookupButton(stay);
        stayButton.setId("close-confirm-stay");
        stayButton.setDefaultButton(true);
        return ask.showAndWait().filter(close::equals).isPresent();
    }
}
