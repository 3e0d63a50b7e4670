package dev.baton.terminal;

import com.techsenger.jeditermfx.core.StyledTextConsumer;
import com.techsenger.jeditermfx.core.TextStyle;
import com.techsenger.jeditermfx.core.model.CharBuffer;
import com.techsenger.jeditermfx.core.model.LinesBuffer;
import com.techsenger.jeditermfx.core.model.TerminalLine;
import com.techsenger.jeditermfx.core.model.hyperlinks.TextProcessing;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JediTerm's scrollback with its lines in a {@link LineRing}. JediTerm's own {@link LinesBuffer} keeps them in
 * one list that it copies whole, twice, for every line scrolled into a full scrollback: 5,000 lines copied
 * twice per line was 39 % of the emulator's time under a flood of output. Every public method of
 * {@code LinesBuffer} is overridden and keeps its behaviour (checked against it on generated operations); the
 * superclass's own list stays empty. What JediTerm only asks of its screen buffer (inserting and deleting lines
 * in a scroll region, moving lines to the front of another buffer) is done on a copy in a plain
 * {@code LinesBuffer}: it never happens to the scrollback, and stays correct if it ever does.
 */
final class RingScrollback extends LinesBuffer {
    private static final Logger LOG = LoggerFactory.getLogger(RingScrollback.class);

    /** The most lines kept; zero or less: no limit, as in JediTerm. */
    private final int maxLines;
    private final TextProcessing textProcessing;
    private final LineRing<TerminalLine> lines = new LineRing<>(64);

    RingScrollback(int maxLines, TextProcessing textProcessing) {
        super(maxLines, textProcessing);
        this.maxLines = maxLines;
        this.textProcessing = textProcessing;
    }

    @Override
    public String getLines() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                text.append('\n');
            }
            text.append(lines.get(i).getText());
        }
        return text.toString();
    }

    @Override
    public List<String> getLineTexts() {
        List<String> texts = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            texts.add(lines.get(i).getText());
        }
        return texts;
    }

    @Override
    public void addNewLine(TextStyle style, CharBuffer characters) {
        addLine(new TerminalLine(new TerminalLine.TextEntry(style, characters)));
    }

    private void addLine(TerminalLine line) {
        if (maxLines > 0 && lines.size() >= maxLines) {
            removeTopLines(1);
        }
        lines.add(line);
    }

    @Override
    public int getLineCount() {
        return lines.size();
    }

    @Override
    public void removeTopLines(int count) {
        lines.removeFirst(Math.min(count, lines.size()));
    }

    @Override
    public String getLineText(int row) {
        return getLine(row).getText();
    }

    @Override
    public void insertLines(int y, int count, int lastLine, TerminalLine.TextEntry filler) {
        LinesBuffer plain = plainCopy();
        try {
            plain.insertLines(y, count, lastLine, filler);
        } finally {
            takeLinesOf(plain);
        }
    }

    @Override
    public LinesBuffer deleteLines(int y, int count, int lastLine, TerminalLine.TextEntry filler) {
        LinesBuffer plain = plainCopy();
        try {
            return plain.deleteLines(y, count, lastLine, filler);
        } finally {
            takeLinesOf(plain);
        }
    }

    @Override
    public void writeString(int x, int y, CharBuffer str, TextStyle style) {
        TerminalLine line = getLine(y);
        line.writeString(x, str, style);
        if (textProcessing != null) {
            textProcessing.processHyperlinks(this, line);
        }
    }

    @Override
    public void clearLines(int startRow, int endRow, TerminalLine.TextEntry filler) {
        for (int i = startRow; i <= endRow; i++) {
            getLine(i).clear(filler);
        }
    }

    @Override
    public void clearAll() {
        lines.clear();
    }

    @Override
    public void deleteCharacters(int x, int y, int count, TextStyle style) {
        getLine(y).deleteCharacters(x, count, style);
    }

    @Override
    public void insertBlankCharacters(int x, int y, int count, int maxLen, TextStyle style) {
        getLine(y).insertBlankCharacters(x, count, maxLen, style);
    }

    @Override
    public void clearArea(int leftX, int topY, int rightX, int bottomY, TextStyle style) {
        for (int y = topY; y < bottomY; y++) {
            getLine(y).clearArea(leftX, rightX, style);
        }
    }

    @Override
    public void processLines(int yStart, int yCount, StyledTextConsumer consumer) {
        processLines(yStart, yCount, consumer, -getLineCount());
    }

    @Override
    public void processLines(int firstLine, int count, StyledTextConsumer consumer, int startRow) {
        if (firstLine < 0) {
            throw new IllegalArgumentException("firstLine=" + firstLine + ", should be >0");
        }
        for (int y = firstLine; y < Math.min(firstLine + count, lines.size()); y++) {
            lines.get(y).process(y, consumer, startRow);
        }
    }

    @Override
    public void addLines(List<TerminalLine> added) {
        if (maxLines > 0) {
            if (added.size() >= maxLines) {
                lines.clear();
                for (TerminalLine line : added.subList(added.size() - maxLines, added.size())) {
                    lines.add(line);
                }
                return;
            }
            int count = lines.size() + added.size();
            if (count >= maxLines) {
                removeTopLines(count - maxLines);
            }
        }
        for (TerminalLine line : added) {
            lines.add(line);
        }
    }

    @Override
    public TerminalLine getLine(int row) {
        if (row < 0) {
            LOG.error("Negative line number: {}", row);
            return TerminalLine.createEmpty();
        }
        for (int i = lines.size(); i <= row; i++) {
            addLine(TerminalLine.createEmpty());
        }
        return lines.get(row);
    }

    @Override
    public void moveBottomLinesTo(int count, LinesBuffer buffer) {
        // Only a plain LinesBuffer can put lines in front of another one's (its own private method).
        LinesBuffer plain = plainCopy();
        try {
            plain.moveBottomLinesTo(count, buffer);
        } finally {
            takeLinesOf(plain);
        }
    }

    @Override
    public int removeBottomEmptyLines(int bottomMostLineInd, int maxCount) {
        LinesBuffer plain = plainCopy();
        try {
            return plain.removeBottomEmptyLines(bottomMostLineInd, maxCount);
        } finally {
            takeLinesOf(plain);
        }
    }

    @Override
    public void clearTypeAheadPredictions() {
        for (int i = 0; i < lines.size(); i++) {
            lines.get(i).setTypeAheadLine(null);
        }
    }

    private LinesBuffer plainCopy() {
        LinesBuffer plain = new LinesBuffer(maxLines, textProcessing);
        plain.addLines(lines.toList());
        return plain;
    }

    /** Takes the copy's lines back, also when the operation failed half way: as JediTerm's own would be left. */
    private void takeLinesOf(LinesBuffer plain) {
        lines.clear();
        for (int i = 0; i < plain.getLineCount(); i++) {
            lines.add(plain.getLine(i));
        }
    }
}
