package dev.baton.ui.incident;

import dev.baton.render.RunbookHtmlRenderer;
import dev.baton.session.IncidentSession;
import dev.baton.session.IncidentSnapshot;
import dev.baton.ui.Background;
import javafx.beans.value.ObservableObjectValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.web.WebView;

/**
 * The open incident's Markdown notes: typed (saved as they change), previewed as HTML rendered off the FX
 * thread, and read-only on a copy handed off. Captures are appended where the responder reads on.
 */
final class IncidentNotes extends VBox {
    private final IncidentSession session;
    private final Background background;
    private final TextArea notes = new TextArea();
    private final ToggleButton preview = new ToggleButton("Preview");
    private final StackPane notesArea = new StackPane(notes);
    private WebView previewView;
    /** Set while an incident's own notes are put in the editor: they are not a change to save. */
    private boolean loadingNotes;

    /** @param current the incident the pane shows; without one there is nothing to write notes into */
    IncidentNotes(IncidentSession session, Background background, ObservableObjectValue<IncidentSnapshot> current) {
        super(4);
        this.session = session;
        this.background = background;
        notes.setId("notes-editor");
        notes.setPromptText("Notes (Markdown). Captures land here; saved as you type.");
        // Wrapped to the pane: a long line reads without scrolling sideways. Monospace, so a captured df
        // or top table narrower than the pane keeps its columns.
        notes.setWrapText(true);
        notes.getStyleClass().add("notes-editor");
        notes.textProperty().addListener((obs, old, text) -> {
            if (!loadingNotes && current.get() != null) {
                session.notesChanged(text);
            }
        });
        notes.disableProperty().bind(javafx.beans.binding.Bindings.isNull(current));
        preview.setId("notes-preview-toggle");
        preview.selectedProperty().addListener((obs, old, on) -> showPreview(on));
        Button save = new Button("Save");
        save.setId("notes-save");
        save.setOnAction(e -> save());
        // A narrow pane shortens the title and clock, never the buttons' names.
        save.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        save.disableProperty().bind(javafx.beans.binding.Bindings.isNull(current));
        HBox notesBar = new HBox(6, new Label("Notes"), preview, save);
        notesBar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        getChildren().setAll(notesBar, notesArea);
        VBox.setVgrow(notesArea, Priority.ALWAYS);
    }

    /** The incident's notes as stored, put in without counting as a change. */
    void load(String text) {
        loadingNotes = true;
        try {
            notes.setText(text);
        } finally {
            loadingNotes = false;
        }
    }

    /** Puts a capture block at the end of the notes, where the responder reads on. */
    void append(String block) {
        String text = notes.getText();
        String separator = text.isEmpty() || text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n";
        notes.appendText(separator + block);
        notes.positionCaret(notes.getLength());
    }

    void setReadOnly(boolean readOnly) {
        notes.setEditable(!readOnly);
    }

    /** The notes saved now and noted in the timeline. */
    void save() {
        session.saveNotes(notes.getText());
    }

    String text() {
        return notes.getText();
    }

    TextArea editor() {
        return notes;
    }

    private void showPreview(boolean on) {
        if (!on) {
            notesArea.getChildren().setAll(notes);
            return;
        }
        if (previewView == null) {
            previewView = new WebView();
            previewView.setId("notes-preview");
            previewView.getEngine().setJavaScriptEnabled(false);
            previewView.setContextMenuEnabled(false);
        }
        String markdown = notes.getText();
        WebView view = previewView;
        background.run("Could not render the notes", () -> new RunbookHtmlRenderer().renderNotes(markdown, false),
                html -> view.getEngine().loadContent(html));
        notesArea.getChildren().setAll(previewView);
    }
}
