package dev.baton.ui.nodes;

import dev.baton.ssh.HostKeyCheck;
import dev.baton.ssh.HostKeyDecision;
import dev.baton.ssh.SshPrompts;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.VBox;

/**
 * A connection's questions as dialogs. The connecting thread waits while the FX thread asks; answers
 * go straight to the connection and are never kept or logged.
 */
public final class FxSshPrompts implements SshPrompts {
    static final ButtonType REJECT = new ButtonType("Do not connect", ButtonBar.ButtonData.CANCEL_CLOSE);
    static final ButtonType ACCEPT_ONCE = new ButtonType("Trust this time", ButtonBar.ButtonData.OTHER);
    static final ButtonType ACCEPT_AND_SAVE = new ButtonType("Trust and save to known_hosts",
            ButtonBar.ButtonData.OK_DONE);

    /** The host keys a handoff's sender trusted for a node, by its known_hosts name: shown, never trusted. */
    private final java.util.function.Function<String, java.util.List<String>> senderSaw;

    public FxSshPrompts() {
        this(name -> java.util.List.of());
    }

    public FxSshPrompts(java.util.function.Function<String, java.util.List<String>> senderSaw) {
        this.senderSaw = senderSaw;
    }

    @Override
    public HostKeyDecision unknownHostKey(HostKeyCheck check) {
        java.util.List<String> saw = senderSaw.apply(check.lookupName());
        String offered = check.keyType() + " " + check.fingerprint();
        String handoff = saw.isEmpty() ? ""
                : saw.contains(offered) ? "\n\nThe responder who handed this node over trusted this same key."
                : "\n\nWARNING: the responder who handed this node over trusted a different key: "
                        + String.join(", ", saw) + ". The node's key may have changed, or this is not the node.";
        return onFx(() -> {
            Alert alert = new Alert(Alert.AlertType.WARNING, check.describe() + handoff, REJECT, ACCEPT_ONCE,
                    ACCEPT_AND_SAVE);
            alert.setTitle("Unknown host key");
            alert.setHeaderText("Is this " + check.lookupName() + "'s key?\n" + check.keyType() + " "
                    + check.fingerprint());
            alert.getDialogPane().setId("host-key-dialog");
            alert.getDialogPane().lookupButton(REJECT).setId("host-key-reject");
            alert.getDialogPane().lookupButton(ACCEPT_ONCE).setId("host-key-once");
            alert.getDialogPane().lookupButton(ACCEPT_AND_SAVE).setId("host-key-save");
            // Trust is never the reflex: Enter rejects.
            Button save = (Button) alert.getDialogPane().lookupButton(ACCEPT_AND_SAVE);
            save.setDefaultButton(false);
            save.setMnemonicParsing(false); // keeps the underscore in known_hosts
            ((Button) alert.getDialogPane().lookupButton(REJECT)).setDefaultButton(true);
            ButtonType answer = alert.showAndWait().orElse(REJECT);
            return answer == ACCEPT_AND_SAVE ? HostKeyDecision.ACCEPT_AND_SAVE
                    : answer == ACCEPT_ONCE ? HostKeyDecision.ACCEPT_ONCE : HostKeyDecision.REJECT;
        });
    }

    @Override
    public Optional<char[]> passphrase(Path keyFile) {
        return ask("Key passphrase", "Passphrase for " + keyFile, "", false);
    }

    @Override
    public Optional<char[]> password(String user, String host) {
        return ask("Password", user + "@" + host + "'s password", "", false);
    }

    @Override
    public Optional<char[]> keyboardInteractive(String host, String instruction, String question, boolean echo) {
        return ask("Authentication for " + host, question, instruction, echo);
    }

    private Optional<char[]> ask(String title, String question, String instruction, boolean echo) {
        return onFx(() -> {
            Dialog<char[]> dialog = new Dialog<>();
            dialog.setTitle(title);
            dialog.setHeaderText(question);
            TextInputControl field = echo ? new TextField() : new PasswordField();
            field.setId("secret-field");
            VBox content = new VBox(8);
            content.setPadding(new Insets(8));
            if (!instruction.isBlank()) {
                content.getChildren().add(new Label(instruction));
            }
            content.getChildren().add(field);
            dialog.getDialogPane().setContent(content);
            dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
            dialog.getDialogPane().lookupButton(ButtonType.OK).setId("secret-ok");
            Platform.runLater(field::requestFocus);
            dialog.setResultConverter(button -> button == ButtonType.OK ? field.getText().toCharArray() : null);
            Optional<char[]> answer = dialog.showAndWait();
            field.clear();
            return answer.filter(chars -> chars.length > 0);
        });
    }

    private static <T> T onFx(Supplier<T> question) {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("connections are made off the FX thread");
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                answer.complete(question.get());
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer.join();
    }
}
