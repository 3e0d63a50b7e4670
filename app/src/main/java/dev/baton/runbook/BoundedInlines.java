package dev.baton.runbook;

import java.util.List;
import org.commonmark.internal.InlineParserImpl;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.InlineParser;
import org.commonmark.parser.InlineParserContext;
import org.commonmark.parser.InlineParserFactory;
import org.commonmark.parser.SourceLine;
import org.commonmark.parser.SourceLines;

/**
 * Reads links, emphasis and code spans within a bound of time per file. The parser's inline pass costs time in
 * proportion to a paragraph's marks ({@code * _ [ ] ! ` < & \}) times its length when emphasis and links are mixed
 * ({@code *a **b _c [e](f)} repeated: 780 KB took 41 s), and memory in proportion to its brackets (5 MB of
 * {@code [} took 1.8 GB). A paragraph, heading or cell costing more than {@link #BLOCK_COST}, and every one once a
 * file has spent {@link #FILE_BUDGET}, is kept as the plain text it is: its words still show and search, only its
 * links and emphasis are not read. Text without marks (a log, a table read as text) costs nothing. Code blocks,
 * and so steps, are never touched. One instance per document: it counts what that file spent.
 */
final class BoundedInlines implements InlineParserFactory {
    /**
     * Marks times characters in one block: the parser's worst mix costs about 2.5e-10 s per unit, so this is about
     * a quarter of a second; a paragraph of 30 KB a person writes, with a mark every ten characters, costs a tenth.
     */
    static final long BLOCK_COST = 1_000_000_000L;
    /** What one file may spend, about two and a half seconds of the worst mix. */
    static final long FILE_BUDGET = 10_000_000_000L;

    private long spent;
    private Node firstPlain;

    @Override
    public InlineParser create(InlineParserContext context) {
        // The parser's own inline parser, which its builder offers no other way to wrap.
        InlineParser full = new InlineParserImpl(context);
        return (lines, block) -> {
            long cost = cost(lines);
            if (cost > BLOCK_COST || spent + cost > FILE_BUDGET) {
                if (firstPlain == null) {
                    firstPlain = block;
                }
                appendPlain(lines, block);
            } else {
                spent += cost;
                full.parse(lines, block);
            }
        };
    }

    /** The first block read as plain text, if any; its source spans give the line to tell the author. */
    Node firstPlain() {
        return firstPlain;
    }

    private static long cost(SourceLines lines) {
        long length = 0;
        long marks = 0;
        for (SourceLine line : lines.getLines()) {
            CharSequence content = line.getContent();
            length += content.length() + 1;
            for (int i = 0; i < content.length(); i++) {
                switch (content.charAt(i)) {
                    case '*', '_', '[', ']', '!', '`', '<', '&', '\\' -> marks++;
                    default -> { }
                }
            }
        }
        return marks * length;
    }

    private static void appendPlain(SourceLines lines, Node block) {
        List<SourceLine> all = lines.getLines();
        for (int i = 0; i < all.size(); i++) {
            if (i > 0) {
                block.appendChild(new SoftLineBreak());
            }
            String content = all.get(i).getContent().toString();
            if (!content.isEmpty()) {
                block.appendChild(new Text(i == all.size() - 1 ? content.stripTrailing() : content));
            }
        }
    }
}
