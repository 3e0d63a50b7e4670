package dev.baton.runbook;

import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.gfm.tables.internal.TableBlockParser;
import org.commonmark.parser.block.AbstractBlockParserFactory;
import org.commonmark.parser.block.BlockParserFactory;
import org.commonmark.parser.block.BlockStart;
import org.commonmark.parser.block.MatchedBlockParser;
import org.commonmark.parser.block.ParserState;

/**
 * The tables extension's start of a table, asked only on a line that could be a table's delimiter row. The
 * extension first copies every line of the paragraph above, at each line of it, so a paragraph of many
 * indented lines (a pasted trace, a log) cost time quadratic in its lines; a delimiter row is the only line
 * that can start a table, and recognising one takes a look at that line alone.
 */
final class DelimiterRowTables extends AbstractBlockParserFactory {
    private final BlockParserFactory tables = new TableBlockParser.Factory(TablesExtension.DEFAULT_MAX_CELLS);

    @Override
    public BlockStart tryStart(ParserState state, MatchedBlockParser matchedBlockParser) {
        return couldBeDelimiterRow(state.getLine().getContent(), state.getIndex())
                ? tables.tryStart(state, matchedBlockParser) : BlockStart.none();
    }

    /** Pipes, dashes, colons and spaces, with a dash among them: what a delimiter row is made of. */
    static boolean couldBeDelimiterRow(CharSequence line, int from) {
        boolean dash = false;
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '-') {
                dash = true;
            } else if (c != '|' && c != ':' && c != ' ' && c != '\t') {
                return false;
            }
        }
        return dash;
    }
}
