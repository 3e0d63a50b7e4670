package dev.baton.ui;

import dev.baton.step.DangerSpans;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * The exact text of a step in a confirmation: monospace, wrapped to the dialog's width so that nothing
 * hides behind a horizontal scrollbar, the words that make it dangerous highlighted, as tall as its content
 * (a very long step scrolls down, never sideways).
 */
public final class CommandText {
    private static final int COLUMNS = 80;
    private static final int MOST_ROWS = 20;

    private CommandText() {}

    public static Node of(String shown) {
        Font font = Font.font("monospace", 13);
        Font bold = Font.font("monospace", FontWeight.BOLD, 13);
        TextFlow flow = new TextFlow();
        flow.setId("confirm-text");
        flow.getStyleClass().add("command-text");
        int at = 0;
        for (DangerSpans.Span span : DangerSpans.of(shown)) {
            flow.getChildren().add(part(shown.substring(at, span.start()), font, "command-plain"));
            Text danger = part(shown.substring(span.start(), span.end()), bold, "command-danger");
            // Inline, so that the dialog (a scene without Baton's stylesheet) shows it in the theme's danger colour.
            danger.setStyle("-fx-fill: -color-danger-fg; -fx-underline: true;");
            flow.getChildren().add(danger);
            at = span.end();
        }
        flow.getChildren().add(part(shown.substring(at), font, "command-plain"));
        Text probe = new Text("M");
        probe.setFont(font);
        double charWidth = probe.getLayoutBounds().getWidth();
        double lineHeight = font.getSize() * 1.35;
        double width = Math.ceil(COLUMNS * Math.max(7, charWidth));
        flow.setPrefWidth(width);
        flow.setMaxWidth(width);
        int rows = 0;
        for (String line : shown.split("\n", -1)) {
            rows += Math.max(1, (line.length() + COLUMNS - 1) / COLUMNS);
        }
        if (rows <= MOST_ROWS) {
            return flow;
        }
        ScrollPane scroll = new ScrollPane(flow);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setPrefViewportHeight(MOST_ROWS * lineHeight);
        return scroll;
    }

    private static Text part(String text, Font font, String styleClass) {
        Text part = new Text(text);
        part.setFont(font);
        part.getStyleClass().add(styleClass);
        part.setStyle("-fx-fill: -color-fg-default;");
        return part;
    }

    /** The text shown, as one string (what a test or a screen reader reads back). */
    public static String text(Node commandText) {
        TextFlow flow = commandText instanceof ScrollPane scroll ? (TextFlow) scroll.getContent() : (TextFlow) commandText;
        StringBuilder all = new StringBuilder();
        flow.getChildren().forEach(child -> all.append(((Text) child).getText()));
        return all.toString();
    }
}
