package dev.baton.terminal;

import com.techsenger.jeditermfx.core.StyledTextConsumer;
import com.techsenger.jeditermfx.core.TextStyle;
import com.techsenger.jeditermfx.core.model.CharBuffer;
import com.techsenger.jeditermfx.core.model.LinesBuffer;
import com.techsenger.jeditermfx.core.model.TerminalLine;
import com.techsenger.jeditermfx.core.model.hyperlinks.TextProcessing;
import com.techsenger.jeditermfx.core.util.CharUtils;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * JediTerm's screen lines, with a row scrolled in (or cleared) left empty while text is written onto its end.
 * JediTerm gives such a row one blank filler entry as wide as the screen, in the colours of the moment; every
 * write into the row then rebuilds the whole row cell by cell ({@code TerminalLine.merge}): under a flood of
 * coloured output that was half of the emulator's time. Here the row starts empty, each write that continues
 * its text is appended, and the filler is put back (the same cells and styles, in the same entries, as
 * JediTerm's merges would have left) the moment anything else touches the row: it is read, written elsewhere,
 * moved to the scrollback, resized. So whatever reads the screen sees exactly what it sees with JediTerm's own
 * buffer, coloured blank rows included. The lines stay in the superclass's list, so its package-private moves
 * (to the scrollback) work unchanged; lines they take away are filled in by {@link #removeTopLines} first.
 * Only a reader holding the text buffer's lock fills a row in: JediTermFX also reads rows without it (a mouse
 * over the terminal asks for the style under it), and such a reader must not change a row the emulator is
 * writing; it sees the row's text without the blank rest, as it could see a row half written with JediTerm's.
 */
final class FreshRowScreen extends LinesBuffer {
    private final TextProcessing textProcessing;
    /** Whether this thread holds the text buffer's lock. */
    private final BooleanSupplier locked;
    /** Rows left empty, with the filler JediTerm would have given them. */
    private final Map<TerminalLine, TerminalLine.TextEntry> fresh = new IdentityHashMap<>();
    /** While links are looked for after an append: they only read the rows' text, the same either way. */
    private boolean findingLinks;

    FreshRowScreen(TextProcessing textProcessing, BooleanSupplier locked) {
        super(-1, textProcessing);
        this.textProcessing = textProcessing;
        this.locked = locked;
    }

    /** Rows now kept empty instead of holding their filler; for tests. */
    int freshRows() {
        return fresh.size();
    }

    @Override
    public void writeString(int x, int y, CharBuffer str, TextStyle style) {
        TerminalLine line = y >= 0 ? super.getLine(y) : null;
        TerminalLine.TextEntry filler = line == null ? null : fresh.get(line);
        if (filler == null || !continuesText(line, x, str, filler.getLength())) {
            super.writeString(x, y, str, style);
            return;
        }
        line.writeString(x, str, style);
        if (textProcessing != null) {
            findingLinks = true;
            try {
                textProcessing.processHyperlinks(this, line);
            } finally {
                findingLinks = false;
            }
        }
    }

    /** Whether writing {@code str} at {@code x} only appends to the row and stays within its filler. */
    private static boolean continuesText(TerminalLine line, int x, CharBuffer str, int width) {
        if (str.length() == 0 || x != length(line) || x + str.length() > width) {
            return false;
        }
        for (int i = 0; i < str.length(); i++) {
            if (str.charAt(i) == CharUtils.NUL_CHAR) {
                return false;
            }
        }
        return true;
    }

    @Override
    public TerminalLine getLine(int row) {
        TerminalLine line = super.getLine(row);
        if (!findingLinks && locked.getAsBoolean()) {
            fillIn(line);
        }
        return line;
    }

    @Override
    public void insertLines(int y, int count, int lastLine, TerminalLine.TextEntry filler) {
        fillInAll();
        super.insertLines(y, count, lastLine, filler);
        keepEmpty(y, Math.min(y + count, lastLine + 1), filler);
    }

    @Override
    public LinesBuffer deleteLines(int y, int count, int lastLine, TerminalLine.TextEntry filler) {
        fillInAll();
        LinesBuffer removed = super.deleteLines(y, count, lastLine, filler);
        keepEmpty(lastLine + 1 - removed.getLineCount(), lastLine + 1, filler);
        return removed;
    }

    @Override
    public void clearLines(int startRow, int endRow, TerminalLine.TextEntry filler) {
        fillInAll();
        super.clearLines(startRow, endRow, filler);
        keepEmpty(startRow, endRow + 1, filler);
    }

    @Override
    public String getLines() {
        fillInAllIfLocked();
        return super.getLines();
    }

    @Override
    public List<String> getLineTexts() {
        fillInAllIfLocked();
        return super.getLineTexts();
    }

    @Override
    public void removeTopLines(int count) {
        fillInAll();
        super.removeTopLines(count);
    }

    @Override
    public void clearAll() {
        fillInAll();
        super.clearAll();
    }

    @Override
    public void processLines(int firstLine, int count, StyledTextConsumer consumer, int startRow) {
        fillInAllIfLocked();
        super.processLines(firstLine, count, consumer, startRow);
    }

    @Override
    public void moveBottomLinesTo(int count, LinesBuffer buffer) {
        fillInAll();
        super.moveBottomLinesTo(count, buffer);
    }

    @Override
    public int removeBottomEmptyLines(int bottomMostLineInd, int maxCount) {
        fillInAll();
        return super.removeBottomEmptyLines(bottomMostLineInd, maxCount);
    }

    /** Empties the rows in [from, to) that hold exactly JediTerm's new filler, and remembers it for them. */
    private void keepEmpty(int from, int to, TerminalLine.TextEntry filler) {
        if (!filler.isNul()) {
            return;
        }
        for (int row = Math.max(0, from); row < Math.min(to, getLineCount()); row++) {
            TerminalLine line = super.getLine(row);
            List<TerminalLine.TextEntry> entries = line.getEntries();
            if (entries.size() == 1 && entries.get(0) == filler) {
                // Deleting every cell with the empty style leaves no entry at all (and adds none).
                line.deleteCharacters(0, filler.getLength(), TextStyle.EMPTY);
                fresh.put(line, filler);
            }
        }
    }

    private void fillInAllIfLocked() {
        if (locked.getAsBoolean()) {
            fillInAll();
        }
    }

    private void fillInAll() {
        if (fresh.isEmpty()) {
            return;
        }
        for (Map.Entry<TerminalLine, TerminalLine.TextEntry> row : new ArrayList<>(fresh.entrySet())) {
            fillIn(row.getKey());
        }
    }

    /**
     * Gives a row kept empty what JediTerm's merges would have made of its filler and the text appended: the row's
     * cells, then the filler's, in runs of one style (compared by identity, as JediTerm does).
     */
    private void fillIn(TerminalLine line) {
        TerminalLine.TextEntry filler = fresh.remove(line);
        if (filler == null) {
            return;
        }
        boolean wrapped = line.isWrapped();
        List<TerminalLine.TextEntry> entries = new ArrayList<>(line.getEntries());
        if (entries.isEmpty()) {
            line.clear(filler);
            line.setWrapped(wrapped);
            return;
        }
        int written = length(line);
        if (runsDiffer(entries) && entries.get(entries.size() - 1).getStyle() != filler.getStyle()) {
            // As JediTerm's merges would have left it: the text's runs, then the rest of the filler.
            if (written < filler.getLength()) {
                line.writeString(written, filler.getText().subBuffer(written, filler.getLength() - written),
                        filler.getStyle());
            }
            return;
        }
        int width = Math.max(written, filler.getLength());
        char[] cells = new char[width];
        TextStyle[] styles = new TextStyle[width];
        int x = 0;
        for (TerminalLine.TextEntry entry : entries) {
            CharBuffer text = entry.getText();
            for (int i = 0; i < text.length(); i++) {
                cells[x] = text.charAt(i);
                styles[x++] = entry.getStyle();
            }
        }
        for (; x < width; x++) {
            // The filler's own characters: NUL, unless JediTerm turned a shared filler's into blanks.
            cells[x] = filler.getText().charAt(x);
            styles[x] = filler.getStyle();
        }
        int start = 0;
        for (int i = 1; i <= width; i++) {
            if (i == width || styles[i] != styles[start]) {
                CharBuffer run = new CharBuffer(cells, start, i - start);
                if (start == 0) {
                    line.clear(new TerminalLine.TextEntry(styles[0], run));
                } else {
                    // Written at the row's end: appended as an entry of its own.
                    line.writeString(start, run, styles[start]);
                }
                start = i;
            }
        }
        line.setWrapped(wrapped);
    }

    /**
     * Whether no two neighbouring entries share a style, so the entries are already the runs JediTerm would make.
     */
    private static boolean runsDiffer(List<TerminalLine.TextEntry> entries) {
        for (int i = 1; i < entries.size(); i++) {
            if (entries.get(i).getStyle() == entries.get(i - 1).getStyle()) {
                return false;
            }
        }
        return true;
    }

    private static int length(TerminalLine line) {
        int length = 0;
        for (TerminalLine.TextEntry entry : line.getEntries()) {
            length += entry.getLength();
        }
        return length;
    }
}
