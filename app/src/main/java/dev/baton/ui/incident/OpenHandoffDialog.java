package dev.baton.ui.incident;

import dev.baton.handoff.BundleManifest;
import dev.baton.handoff.BundleReader;
import dev.baton.handoff.SignaturePolicy;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;

/** Shows a verified bundle (who, when, signed or not, what it holds) before its incident is continued. */
final class OpenHandoffDialog extends Dialog<Boolean> {
    OpenHandoffDialog(BundleReader.Verified bundle, SignaturePolicy.Judgement signer, String note) {
        BundleManifest m = bundle.manifest();
        setTitle("Open handoff");
        setHeaderText("\"" + m.incident().title() + "\" handed off by " + m.createdBy() + " at "
                + HandoffTime.local(m.createdAt(), java.time.ZoneId.systemDefault()));
        Label signature = new Label(switch (signer.status()) {
            case UNSIGNED -> "Unsigned: every file matches its SHA-256, so nothing was damaged in transfer — but an "
                    + "unsigned bundle cannot show who made it.";
            case SIGNED_UNCHECKED -> bundle.signature().map(s -> "Signed by " + s.keyType() + " key " + s.fingerprint()
                    + ". Check that this is the key of " + m.createdBy() + ".").orElseThrow();
            case SIGNED_ALLOWED -> "S" + signer.text().substring(1) + ".";
        });
        signature.setId("handoff-signature");
        signature.setWrapText(true);
        // Not a detail among others: a warning, first, with the warning mark.
        signature.getStyleClass().addAll(signer.warning() ? List.of("handoff-unsigned", "handoff-warning")
                : List.of("handoff-signed"));
        if (signer.warning()) {
            signature.setGraphic(new Label("⚠"));
        }
        Label contents = new Label(m.files().size() + " files verified · timeline of " + m.timeline().events()
                + " events intact · " + m.redactions().size() + " secret(s) redacted by the sender"
                + (m.kept().isEmpty() ? "" : " · " + m.kept().size() + " kept on purpose"));
        contents.setId("handoff-contents");
        contents.setWrapText(true);
        TextArea text = new TextArea(note);
        text.setId("handoff-received-note");
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefRowCount(9);
        VBox content = new VBox(8, signature, contents, new Label("Their note:"), text);
        content.setPadding(new Insets(10));
        content.setPrefWidth(640);
        getDialogPane().setContent(content);
        ButtonType go = new ButtonType("Continue this incident", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(go, ButtonType.CANCEL);
        getDialogPane().lookupButton(go).setId("handoff-continue");
        setResultConverter(button -> button == go);
    }
}
