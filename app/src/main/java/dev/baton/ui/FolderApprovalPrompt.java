package dev.baton.ui;

import dev.baton.session.FolderSourceApprovals;
import dev.baton.sources.FolderSecrets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Asks, once per folder and file content, whether a runbook folder's baton.yaml may read the secrets it names.
 * The file came with the runbooks, so its sources stay out until the responder says yes; the default answer
 * (Enter) is no. Reading the file and recording the answer run off the FX thread.
 */
final class FolderApprovalPrompt {
    static final String APPROVE = "Approve";
    static final String DONT = "Don't approve";

    private final Background background;
    private final Supplier<Window> owner;
    private final Consumer<String> say;
    private final Runnable reload;
    /** Folder and content hash of each file already asked about in this window, whatever the answer. */
    private final Set<String> asked = new HashSet<>();

    FolderApprovalPrompt(Background background, Supplier<Window> owner, Consumer<String> say, Runnable reload) {
        this.background = background;
        this.owner = owner;
        this.say = say;
        this.reload = reload;
    }

    /** Looks at the library's folders (off the FX thread) and asks when a baton.yaml waits for approval. */
    void check(List<Path> folders) {
        background.run("Could not read the runbook folder's baton.yaml", () -> FolderSourceApprovals.pending(folders),
                pending -> pending.ifPresent(this::ask));
    }

    private void ask(FolderSecrets asks) {
        if (!asked.add(asks.folder().toAbsolutePath().normalize() + " " + sha256(asks.content()))) {
            return;
        }
        ButtonType approve = new ButtonType(APPROVE, ButtonBar.ButtonData.OK_DONE);
        ButtonType dont = new ButtonType(DONT, ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert dialog = new Alert(Alert.AlertType.WARNING, "", dont, approve);
        dialog.setTitle("Approve a runbook folder's data sources?");
        dialog.setHeaderText("A runbook folder asks to send secrets to the addresses it names");
        Label why = new Label("This baton.yaml came with the runbooks, not from you. Approve only if you trust "
                + "these addresses with these secrets. Until then these sources are left out; a changed file asks again.");
        why.setWrapText(true);
        TextArea shown = new TextArea(asks.describe());
        shown.setId("folder-approval-text");
        shown.setEditable(false);
        shown.setWrapText(true);
        // A source's line names its address and where its secret comes from: it often wraps once.
        shown.setPrefRowCount(Math.min(12, 2 + 2 * asks.asks().size()));
        dialog.getDialogPane().setContent(new VBox(8, why, shown));
        dialog.getDialogPane().setId("folder-approval");
        dialog.getDialogPane().setPrefWidth(680);
        // Enter says no: approving must be a choice, never a reflex.
        Button approveButton = (Button) dialog.getDialogPane().lookupButton(approve);
        Button dontButton = (Button) dialog.getDialogPane().lookupButton(dont);
        approveButton.setDefaultButton(false);
        approveButton.setId("folder-approval-approve");
        dontButton.setDefaultButton(true);
        dontButton.setId("folder-approval-dont");
        Window window = owner.get();
        if (window != null) {
            dialog.initOwner(window);
        }
        dialog.resultProperty().addListener((obs, old, answer) -> {
            if (answer == approve) {
                background.run("Could not record the approval", () -> {
                    FolderSourceApprovals.approve(asks);
                    return asks;
                }, done -> {
                    say.accept("Approved " + asks.folder() + "'s baton.yaml: its sources may read their secrets");
                    reload.run();
                });
            } else if (answer != null) {
                say.accept("Not approved: the sources of " + asks.folder() + "'s baton.yaml that read secrets stay out");
            }
        });
        dialog.show();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
