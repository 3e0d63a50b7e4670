package dev.baton.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.techsenger.jeditermfx.core.HyperlinkStyle;
import com.techsenger.jeditermfx.core.StyledTextConsumer;
import com.techsenger.jeditermfx.core.TextStyle;
import com.techsenger.jeditermfx.core.compatibility.Point;
import com.techsenger.jeditermfx.core.model.CharBuffer;
import com.techsenger.jeditermfx.core.model.SelectionUtil;
import com.techsenger.jeditermfx.core.model.TerminalLine;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Baton's screen leaves a row scrolled in empty while text is appended to it, and shows exactly what JediTerm's
 * own screen shows: the same rows of text, the same runs and styles (a blank row scrolled in with a coloured
 * background keeps that background to the right edge), the same selection, the same runs for search and
 * painting, through resizes, the alternate screen and link highlighting.
 */
class FreshRowScreenTest {
    private static final String ESC = "\u001b";

    @Test
    void appendsTextWrittenOntoARowScrolledIn() {
        HeadlessTerminal terminal = new HeadlessTerminal(80, 5, 100, RingScrollbackTerminal::new);
        assertTrue(((RingScrollbackTerminal) terminal.terminal()).screenKeepsFreshRowsEmpty(), "JediTerm's own screen");
        terminal.feed("first\r\n".repeat(10) + ESC + "[31mred " + ESC + "[42mon green " + ESC + "[0mplain");
        FreshRowScreen screen = (FreshRowScreen) terminal.buffer().getScreenBuffer();
        assertEquals(1, screen.freshRows(), "the row being written was filled in");
        TerminalLine row = terminal.locked(() -> screen.getLine(4));
        assertEquals(0, screen.freshRows());
        assertEquals("red on green plain", row.getText());
        assertEquals(4, row.getEntries().size(), "three runs of text and the filler: " + row);
        assertEquals(80 - "red on green plain".length(), row.getEntries().get(3).getLength());
    }

    @Test
    void aReaderWithoutTheLockLeavesTheRowBeingWrittenAlone() throws Exception {
        HeadlessTerminal terminal = new HeadlessTerminal(80, 5, 100, RingScrollbackTerminal::new);
        terminal.feed("first\r\n".repeat(10) + ESC + "[44mhalf a ro");
        FreshRowScreen screen = (FreshRowScreen) terminal.buffer().getScreenBuffer();
        // As JediTermFX asks for the style under the mouse: from its own thread, without the lock.
        Thread mouse = new Thread(() -> terminal.buffer().getStyleAt(40, 4));
        mouse.start();
        mouse.join();
        assertEquals(1, screen.freshRows(), "a reader without the lock changed the row");
        terminal.feed("w");
        assertEquals("half a row", terminal.locked(() -> screen.getLine(4)).getText());
        assertEquals(0, screen.freshRows());
    }

    @Test
    void aBlankRowScrolledInKeepsTheBackgroundOfItsTime() {
        HeadlessTerminal plain = new HeadlessTerminal(30, 4, 100);
        HeadlessTerminal baton = new HeadlessTerminal(30, 4, 100, RingScrollbackTerminal::new);
        String output = "a\r\nb\r\nc\r\n" + ESC + "[44m\r\n\r\nblue" + ESC + "[0m\r\nplain " + ESC + "[45m";
        plain.feed(output);
        baton.feed(output);
        assertEquals(plain.styledRows(), baton.styledRows());
        assertEquals(painted(plain), painted(baton));
        TextStyle filler = baton.locked(() -> baton.buffer().getLine(1)).getEntries().get(0).getStyle();
        assertEquals(44 - 40, filler.getBackground().getColorIndex(), "the blank row's background");
    }

    @Test
    void showsWhatJediTermsOwnShowsForGeneratedOutput() {
        for (long seed = 0; seed < 40; seed++) {
            Random random = new Random(seed);
            int columns = 20 + random.nextInt(40);
            int rows = 3 + random.nextInt(10);
            int history = random.nextBoolean() ? 30 : 500;
            HyperlinkStyle.HighlightMode highlight = HyperlinkStyle.HighlightMode.values()[
                    random.nextInt(HyperlinkStyle.HighlightMode.values().length)];
            boolean links = random.nextBoolean();
            HeadlessTerminal plain = new HeadlessTerminal(columns, rows, history,
                    com.techsenger.jeditermfx.core.model.JediTerminal::new, links ? new TerminalLinkFilter(url -> { }) : null,
                    highlight);
            HeadlessTerminal baton = new HeadlessTerminal(columns, rows, history, RingScrollbackTerminal::new,
                    links ? new TerminalLinkFilter(url -> { }) : null, highlight);
            for (int chunk = 0; chunk < 40; chunk++) {
                String where = "seed " + seed + ", chunk " + chunk;
                if (random.nextInt(8) == 0) {
                    int newColumns = 10 + random.nextInt(60);
                    int newRows = 2 + random.nextInt(15);
                    plain.feed(ESC + "[r");
                    baton.feed(ESC + "[r");
                    assertEquals(plain.resizeOutcome(newColumns, newRows), baton.resizeOutcome(newColumns, newRows), where);
                    rows = newRows;
                } else {
                    String output = output(random, rows);
                    plain.feed(output);
                    baton.feed(output);
                }
                // What is painted and searched first: reading a row fills it in, which the other checks then see.
                assertEquals(painted(plain), painted(baton), where);
                assertEquals(plain.text(), baton.text(), where);
                assertEquals(runs(plain), runs(baton), where);
                assertEquals(selected(plain), selected(baton), where);
            }
        }
    }

    /** Every row's runs: text, and the style's colours and options (a link's style holds a fresh object). */
    private static List<Object> runs(HeadlessTerminal terminal) {
        return terminal.locked(() -> unlockedRuns(terminal));
    }

    private static List<Object> unlockedRuns(HeadlessTerminal terminal) {
        TerminalTextBuffer buffer = terminal.buffer();
        List<Object> rows = new ArrayList<>();
        for (int i = -buffer.getHistoryLinesCount(); i < buffer.getHeight(); i++) {
            TerminalLine line = buffer.getLine(i);
            List<Object> runs = new ArrayList<>();
            for (TerminalLine.TextEntry entry : line.getEntries()) {
                runs.add(describe(entry.getStyle()) + " " + entry.getText());
            }
            rows.add(line.isWrapped() + " " + runs);
        }
        return rows;
    }

    private static String describe(TextStyle style) {
        if (style == null) {
            return "none";
        }
        return style.getClass().getSimpleName() + "(" + style.getForeground() + "/" + style.getBackground() + " "
                + (style instanceof HyperlinkStyle link ? describe(link.getPrevTextStyle() == null ? TextStyle.EMPTY
                        : link.getPrevTextStyle()) : style.toString()) + ")";
    }

    /** What the painter and search are given, row by row: runs of text and of blanks, with their styles. */
    private static List<String> painted(HeadlessTerminal terminal) {
        return terminal.locked(() -> unlockedPainted(terminal));
    }

    private static List<String> unlockedPainted(HeadlessTerminal terminal) {
        TerminalTextBuffer buffer = terminal.buffer();
        List<String> runs = new ArrayList<>();
        buffer.processHistoryAndScreenLines(-buffer.getHistoryLinesCount(), -1, new StyledTextConsumer() {
            @Override
            public void consume(int x, int y, TextStyle style, CharBuffer characters, int startRow) {
                runs.add(x + "," + (y - startRow) + " " + describe(style) + " " + characters);
            }

            @Override
            public void consumeNul(int x, int y, int nulIndex, TextStyle style, CharBuffer characters, int startRow) {
                runs.add(x + "," + (y - startRow) + " blank from " + nulIndex + " " + describe(style) + " "
                        + characters.length());
            }

            @Override
            public void consumeQueue(int x, int y, int nulIndex, int startRow) {
                runs.add(x + "," + (y - startRow) + " end " + nulIndex);
            }
        });
        return runs;
    }

    private static String selected(HeadlessTerminal terminal) {
        return terminal.locked(() -> unlockedSelected(terminal));
    }

    private static String unlockedSelected(HeadlessTerminal terminal) {
        TerminalTextBuffer buffer = terminal.buffer();
        int top = -buffer.getHistoryLinesCount();
        return SelectionUtil.getSelectedText(new Point(2, top), new Point(5, buffer.getHeight() - 1), buffer)
                + SelectionUtil.getSelectedText(new Point(0, buffer.getHeight() / 2), new Point(7, buffer.getHeight() - 1),
                buffer);
    }

    /**
     * Coloured text and backgrounds (also while lines scroll in), links, lines short and wrapped, writing after a
     * cursor move, erasing and inserting and deleting characters, scroll regions, the alternate screen, tabs.
     */
    private static String output(Random random, int rows) {
        StringBuilder out = new StringBuilder();
        int pieces = 1 + random.nextInt(40);
        for (int i = 0; i < pieces; i++) {
            switch (random.nextInt(22)) {
                case 0 -> out.append(ESC).append("[3").append(random.nextInt(8)).append('m');
                case 1 -> out.append(ESC).append("[4").append(random.nextInt(8)).append('m');
                case 2 -> out.append(ESC).append(random.nextBoolean() ? "[0m" : "[1;7m");
                case 3 -> out.append(ESC).append(random.nextBoolean() ? "[?1049h" : "[?1049l");
                case 4 -> out.append(ESC).append('[').append(1 + random.nextInt(rows)).append(';')
                        .append(1 + random.nextInt(rows)).append('r');
                case 5 -> out.append(ESC).append('[').append(1 + random.nextInt(3)).append(random.nextBoolean() ? 'L' : 'M');
                case 6 -> out.append(ESC).append(random.nextBoolean() ? "[2J" : "[J");
                case 7 -> out.append(ESC).append('[').append(1 + random.nextInt(rows)).append(';')
                        .append(1 + random.nextInt(30)).append('H');
                case 8 -> out.append(ESC).append('[').append(random.nextInt(3)).append('K');
                case 9 -> out.append(ESC).append('[').append(1 + random.nextInt(5)).append("CX");
                case 10 -> out.append(ESC).append('[').append(1 + random.nextInt(4))
                        .append("PXY".charAt(random.nextInt(3)));
                case 11 -> out.append(ESC).append('[').append(1 + random.nextInt(4)).append('@');
                case 12 -> out.append("x".repeat(random.nextInt(150))).append(random.nextBoolean() ? "\r\n" : "");
                case 13 -> out.append("see https://x.io/").append(random.nextInt(1000)).append(" now");
                case 14 -> out.append('\t').append("tab");
                case 15 -> out.append("\r\n").append(ESC).append("[4").append(random.nextInt(8)).append("m\n\n")
                        .append(ESC).append("[0m");
                case 16 -> out.append('\r').append("over");
                default -> {
                    int lines = 1 + random.nextInt(30);
                    for (int line = 0; line < lines; line++) {
                        out.append("line ").append(ESC).append("[3").append(random.nextInt(8)).append('m')
                                .append(random.nextInt(100_000)).append(ESC).append("[0m");
                        if (random.nextInt(5) > 0) {
                            out.append("\r\n");
                        }
                    }
                }
            }
        }
        return out.toString();
    }
}
