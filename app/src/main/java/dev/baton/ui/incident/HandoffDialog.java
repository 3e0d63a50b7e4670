package dev.baton.ui.incident;

import dev.baton.handoff.Redactor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * Asks what a handoff needs: the note for the next responder, which of the secrets found to keep (none
 * by default), whether to sign, and where to write the bundle.
 */
final class HandoffDialog extends Dialog<HandoffDialog.Answer> {
    static final String NOTE_TEMPLATE = """
            Current state:

            Pending:

            Next steps:

            Open questions:
            """;
    static final String UNSIGNED = "Do not sign (the receiver sees \"unsigned\")";

    /** What the responder chose; {@code signWith} is one of the offered choices. */
    /** @param to who takes over, as the sender names them; may be blank */
    record Answer(String note, Set<String> keep, String signWith, char[] passphrase, Path destination, String to) {}

    /** @param scanNote what the note holds that the bundle would redact: listed as the note changes */
    HandoffDialog(String title, List<Redactor.Found> found,
            java.util.function.Function<String, List<Redactor.Found>> scanNote, List<String> signingChoices,
            Path suggested) {
        setTitle("Hand off \"" + title + "\"");
        setHeaderText("Write everything the next responder needs into one bundle.");
        TextArea note = new TextArea(NOTE_TEMPLATE);
        note.setId("handoff-note");
        note.setPrefRowCount(9);

        VBox secrets = new VBox(4);
        secrets.setId("handoff-secrets");
        List<CheckBox> keeps = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            Redactor.Found item = found.get(i);
            CheckBox keep = new CheckBox("Keep " + item.finding().kind() + " at " + item.finding().place() + ":  "
                    + item.context());
            keep.setId("handoff-keep-" + i);
            keep.setUserData(item.finding().id());
            keeps.add(keep);
            secrets.getChildren().add(keep);
        }
        Label secretsTitle = new Label();
        secretsTitle.setId("handoff-secrets-title");
        VBox noteSecrets = new VBox(4);
        secrets.getChildren().add(noteSecrets);
        List<CheckBox> noteKeeps = new ArrayList<>();
        Runnable rescan = () -> {
            List<Redactor.Found> inNote = scanNote.apply(note.getText());
            noteKeeps.clear();
            for (int i = 0; i < inNote.size(); i++) {
                Redactor.Found item = inNote.get(i);
                CheckBox keep = new CheckBox("Keep " + item.finding().kind() + " in the handoff note, "
                        + item.finding().place() + ":  " + item.context());
                keep.setId("handoff-note-keep-" + i);
                keep.setUserData(item.finding().id());
                noteKeeps.add(keep);
            }
            noteSecrets.getChildren().setAll(noteKeeps);
            int total = found.size() + inNote.size();
            secretsTitle.setText(total == 0 ? "No secrets found."
                    : total + " secret(s) found; each is redacted unless you tick it to keep it:");
        };
        rescan.run();
        note.textProperty().addListener((obs, old, now) -> rescan.run());
        ScrollPane secretsScroll = new ScrollPane(secrets);
        secretsScroll.setPrefViewportHeight(Math.min(150, 26 * Math.max(3, found.size())));
        secretsScroll.setFitToWidth(true);

        ComboBox<String> sign = new ComboBox<>();
        sign.setId("handoff-sign");
        sign.getItems().add(UNSIGNED);
        sign.getItems().addAll(signingChoices);
        sign.getSelectionModel().select(signingChoices.isEmpty() ? 0 : 1);
        PasswordField passphrase = new PasswordField();
        passphrase.setId("handoff-passphrase");
        passphrase.setPromptText("Key passphrase, if it has one");
        passphrase.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> sign.getValue() == null || !sign.getValue().startsWith("Key file"), sign.valueProperty()));

        TextField file = new TextField(suggested.toString());
        file.setId("handoff-file");
        HBox.setHgrow(file, Priority.ALWAYS);
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName(suggested.getFileName().toString());
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Baton handoff", "*.baton"));
            Optional.ofNullable(chooser.showSaveDialog(getOwner())).ifPresent(f -> file.setText(f.toString()));
        });

        TextField to = new TextField();
        to.setId("handoff-to");
        to.setPromptText("Who takes over (a name; Take back will name them)");
        VBox content = new VBox(8, new Label("Handing to:"), to,
                new Label("Handoff note (state, pending, next steps, open questions):"), note,
                secretsTitle, secretsScroll, new Label("Sign the manifest so the receiver can check who handed off:"),
                sign, passphrase, new Label("Bundle file:"), new HBox(6, file, browse));
        content.setPadding(new Insets(10));
        content.setPrefWidth(720);
        getDialogPane().setContent(content);
        ButtonType write = new ButtonType("Write bundle", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(write, ButtonType.CANCEL);
        getDialogPane().lookupButton(write).setId("handoff-ok");
        setResultConverter(button -> button != write ? null : new Answer(note.getText(),
                Set.copyOf(java.util.stream.Stream.concat(keeps.stream(), noteKeeps.stream()).filter(CheckBox::isSelected)
                        .map(k -> (String) k.getUserData()).toList()),
                sign.getValue(), passphrase.getText().toCharArray(), Path.of(file.getText().strip()), to.getText()));
    }
}
