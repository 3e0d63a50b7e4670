package dev.baton.runbook;

import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;

/** Plain text and source lines of commonmark nodes. */
final class MarkdownText {
    private MarkdownText() {
    }

    /** The readable text of a node: inline code without backticks, line breaks as newlines, no markup. */
    static String of(Node node) {
        StringBuilder out = new StringBuilder();
        append(node, out);
        return out.toString();
    }

    private static void append(Node node, StringBuilder out) {
        if (node instanceof Text text) {
            out.append(text.getLiteral());
        } else if (node instanceof Code code) {
            out.append(code.getLiteral());
        } else if (node instanceof SoftLineBreak || node instanceof HardLineBreak) {
            out.append('\n');
        } else if (node instanceof HtmlInline) {
            return;
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            append(child, out);
        }
    }

    /** 1-based line of the node or of its nearest block ancestor that has a source position; 0 if none. */
    static int line(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.getSourceSpans().isEmpty()) {
                SourceSpan span = n.getSourceSpans().get(0);
                return span.getLineIndex() + 1;
            }
        }
        return 0;
    }
}
