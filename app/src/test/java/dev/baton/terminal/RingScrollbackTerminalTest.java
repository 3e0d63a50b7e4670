package dev.baton.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.techsenger.jeditermfx.core.StyledTextConsumer;
import com.techsenger.jeditermfx.core.TextStyle;
import com.techsenger.jeditermfx.core.compatibility.Point;
import com.techsenger.jeditermfx.core.model.CharBuffer;
import com.techsenger.jeditermfx.core.model.SelectionUtil;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The terminal with Baton's ring scrollback shows and keeps what JediTerm's own does, output for output: the
 * text and its styles, what a selection copies and what search reads.
 */
class RingScrollbackTerminalTest {
    private static final String ESC = "\u001b";

    @Test
    void theScrollbackInUseIsTheRingAlsoAfterTheAlternateScreen() {
        HeadlessTerminal terminal = new HeadlessTerminal(40, 5, 100, RingScrollbackTerminal::new);
        RingScrollbackTerminal ring = (RingScrollbackTerminal) terminal.terminal();
        assertTrue(ring.scrollbackIsRing(), "the text buffer's own scrollback was not replaced");
        terminal.feed(ESC + "[?1049h" + "in less\r\n".repeat(20));
        assertTrue(ring.scrollbackIsRing(), "the alternate screen's scrollback");
        terminal.feed(ESC + "[?1049l" + "back\r\n".repeat(20));
        assertTrue(ring.scrollbackIsRing(), "the scrollback after the alternate screen");
        terminal.feed(ESC + "c");
        assertTrue(ring.scrollbackIsRing(), "the scrollback after a reset");
    }

    @Test
    void keepsTheLastLinesOfAFlood() {
        HeadlessTerminal terminal = new HeadlessTerminal(40, 5, 1_000, RingScrollbackTerminal::new);
        StringBuilder output = new StringBuilder();
        for (int i = 1; i <= 20_000; i++) {
            output.append(i).append("\r\n");
        }
        terminal.feed(output.toString());
        assertEquals(1_000, terminal.historyLines());
        String text = terminal.text();
        assertTrue(text.startsWith("18997\n18998\n"), text.substring(0, 40));
        assertTrue(text.contains("\n19999\n20000\n\n"), text.substring(text.length() - 60));
    }

    @Test
    void showsWhatJediTermsOwnShowsForGeneratedOutput() {
        for (long seed = 0; seed < 40; seed++) {
            Random random = new Random(seed);
            int columns = 20 + random.nextInt(40);
            int rows = 3 + random.nextInt(10);
            int history = random.nextBoolean() ? 30 : 500;
            HeadlessTerminal plain = new HeadlessTerminal(columns, rows, history);
            HeadlessTerminal ring = new HeadlessTerminal(columns, rows, history, RingScrollbackTerminal::new);
            for (int chunk = 0; chunk < 30; chunk++) {
                String where = "seed " + seed + ", chunk " + chunk;
                if (random.nextInt(6) == 0) {
                    int newColumns = 10 + random.nextInt(60);
                    int newRows = 2 + random.nextInt(15);
                    // JediTerm keeps a scroll region across a resize and logs errors for its rows off the screen.
                    plain.feed(ESC + "[r");
                    ring.feed(ESC + "[r");
                    // JediTerm's resize can fail (a cursor left on row 0); Baton's must fail alike.
                    assertEquals(plain.resizeOutcome(newColumns, newRows), ring.resizeOutcome(newColumns, newRows), where);
                    rows = newRows;
                } else {
                    String output = output(random, rows);
                    plain.feed(output);
                    ring.feed(output);
                }
                assertEquals(plain.text(), ring.text(), where);
                assertEquals(plain.styledRows(), ring.styledRows(), where);
                assertEquals(selected(plain), selected(ring), where);
                assertEquals(searched(plain), searched(ring), where);
            }
        }
    }

    /** What copying a selection from the top of the scrollback to a row of the screen gives. */
    private static String selected(HeadlessTerminal terminal) {
        TerminalTextBuffer buffer = terminal.buffer();
        int top = -buffer.getHistoryLinesCount();
        return SelectionUtil.getSelectedText(new Point(2, top), new Point(5, buffer.getHeight() / 2), buffer)
                + SelectionUtil.getSelectedText(new Point(0, top + buffer.getHistoryLinesCount() / 2), new Point(3, top + 1),
                buffer);
    }

    /** What the terminal's search reads: every run of text in scrollback and screen, where it is. */
    private static List<String> searched(HeadlessTerminal terminal) {
        TerminalTextBuffer buffer = terminal.buffer();
        List<String> runs = new ArrayList<>();
        buffer.processHistoryAndScreenLines(-buffer.getHistoryLinesCount(), -1, new StyledTextConsumer() {
            @Override
            public void consume(int x, int y, TextStyle style, CharBuffer characters, int startRow) {
                runs.add(x + "," + (y - startRow) + " " + characters);
            }

            @Override
            public void consumeNul(int x, int y, int nulIndex, TextStyle style, CharBuffer characters, int startRow) {
            }

            @Override
            public void consumeQueue(int x, int y, int nulIndex, int startRow) {
            }
        });
        return runs;
    }

    /** Lines short and wrapped, colours, the alternate screen, scroll regions, erasing, clearing the scrollback. */
    private static String output(Random random, int rows) {
        StringBuilder out = new StringBuilder();
        int pieces = 1 + random.nextInt(40);
        for (int i = 0; i < pieces; i++) {
            switch (random.nextInt(14)) {
                case 0 -> out.append(ESC).append("[3").append(random.nextInt(8)).append('m');
                case 1 -> out.append(ESC).append("[0m");
                case 2 -> out.append(ESC).append(random.nextBoolean() ? "[?1049h" : "[?1049l");
                case 3 -> out.append(ESC).append('[').append(1 + random.nextInt(rows)).append(';')
                        .append(1 + random.nextInt(rows)).append('r');
                case 4 -> out.append(ESC).append('[').append(1 + random.nextInt(3)).append(random.nextBoolean() ? 'L' : 'M');
                case 5 -> out.append(ESC).append(random.nextBoolean() ? "[2J" : "[3J");
                case 6 -> out.append(ESC).append('[').append(1 + random.nextInt(rows)).append(';')
                        .append(1 + random.nextInt(30)).append('H');
                case 7 -> out.append(ESC).append("[K");
                case 8 -> out.append("x".repeat(random.nextInt(150))).append("\r\n");
                default -> {
                    int lines = 1 + random.nextInt(60);
                    for (int line = 0; line < lines; line++) {
                        out.append("line ").append(random.nextInt(100_000)).append("\r\n");
                    }
                }
            }
        }
        return out.toString();
    }
}
