package dev.baton.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.techsenger.jeditermfx.core.StyledTextConsumer;
import com.techsenger.jeditermfx.core.TerminalColor;
import com.techsenger.jeditermfx.core.TextStyle;
import com.techsenger.jeditermfx.core.model.CharBuffer;
import com.techsenger.jeditermfx.core.model.LinesBuffer;
import com.techsenger.jeditermfx.core.model.TerminalLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Baton's ring scrollback against JediTerm's own LinesBuffer, the same generated operations on each. */
class RingScrollbackTest {
    private static final TextStyle[] STYLES = {
        TextStyle.EMPTY,
        new TextStyle(TerminalColor.index(1), null),
        new TextStyle(TerminalColor.index(4), TerminalColor.index(7)),
    };

    @Test
    void holdsWhatJediTermsLinesBufferHoldsAfterEveryGeneratedOperation() {
        int[] limits = {-1, 1, 3, 7, 50};
        for (long seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            int limit = limits[random.nextInt(limits.length)];
            LinesBuffer plain = new LinesBuffer(limit, null);
            LinesBuffer ring = new RingScrollback(limit, null);
            for (int step = 0; step < 300; step++) {
                long opSeed = random.nextLong();
                String where = "seed " + seed + " (limit " + limit + "), step " + step;
                String plainOutcome = apply(plain, new Random(opSeed));
                String ringOutcome = apply(ring, new Random(opSeed));
                assertEquals(plainOutcome, ringOutcome, where);
                assertEquals(contents(plain), contents(ring), where);
            }
        }
    }

    @Test
    void keepsTheNewestLinesOnceFull() {
        LinesBuffer ring = new RingScrollback(3, null);
        for (int i = 0; i < 10; i++) {
            ring.addLines(List.of(line("line " + i, TextStyle.EMPTY)));
        }
        assertEquals(List.of("line 7", "line 8", "line 9"), ring.getLineTexts());
    }

    /** One operation chosen by the random source; what it returned or threw, as text. */
    private static String apply(LinesBuffer buffer, Random random) {
        int count = buffer.getLineCount();
        int op = random.nextInt(100);
        try {
            if (op < 30) {
                int added = random.nextInt(10) == 0 ? random.nextInt(60) : 1 + random.nextInt(3);
                List<TerminalLine> lines = new ArrayList<>();
                for (int i = 0; i < added; i++) {
                    lines.add(line(text(random), style(random)));
                }
                buffer.addLines(lines);
                return "addLines";
            } else if (op < 40) {
                buffer.addNewLine(style(random), new CharBuffer(text(random)));
                return "addNewLine";
            } else if (op < 45) {
                buffer.removeTopLines(random.nextInt(count + 3));
                return "removeTopLines";
            } else if (op < 55) {
                return "getLine " + describe(buffer.getLine(random.nextInt(count + 3)));
            } else if (op < 63) {
                buffer.writeString(random.nextInt(20), random.nextInt(count + 2), new CharBuffer(text(random)), style(random));
                return "writeString";
            } else if (op < 66) {
                int start = random.nextInt(count + 2);
                buffer.clearLines(start, start + random.nextInt(3), filler(random));
                return "clearLines";
            } else if (op < 67) {
                buffer.clearAll();
                return "clearAll";
            } else if (op < 70) {
                buffer.deleteCharacters(random.nextInt(20), random.nextInt(count + 2), random.nextInt(5), style(random));
                return "deleteCharacters";
            } else if (op < 73) {
                buffer.insertBlankCharacters(random.nextInt(20), random.nextInt(count + 2), random.nextInt(5), 30,
                        style(random));
                return "insertBlankCharacters";
            } else if (op < 76) {
                int top = random.nextInt(count + 2);
                buffer.clearArea(random.nextInt(10), top, 10 + random.nextInt(10), top + random.nextInt(3), style(random));
                return "clearArea";
            } else if (op < 80) {
                int y = random.nextInt(count + 2);
                buffer.insertLines(y, random.nextInt(4), y + random.nextInt(count + 2), filler(random));
                return "insertLines";
            } else if (op < 85) {
                int y = random.nextInt(count + 2);
                LinesBuffer removed = buffer.deleteLines(y, random.nextInt(4), y + random.nextInt(count + 2), filler(random));
                return "deleteLines " + contents(removed);
            } else if (op < 89) {
                LinesBuffer target = new LinesBuffer(-1, null);
                target.addLines(List.of(line("before", TextStyle.EMPTY)));
                buffer.moveBottomLinesTo(random.nextInt(count + 2), target);
                return "moveBottomLinesTo " + contents(target);
            } else if (op < 93) {
                return "removeBottomEmptyLines " + buffer.removeBottomEmptyLines(random.nextInt(count + 2),
                        random.nextInt(4));
            } else if (op < 97) {
                List<String> seen = new ArrayList<>();
                buffer.processLines(random.nextInt(count + 1), random.nextInt(count + 2), recorder(seen),
                        random.nextInt(10) - 5);
                return "processLines " + seen;
            } else {
                List<String> seen = new ArrayList<>();
                buffer.processLines(random.nextInt(count + 1), random.nextInt(count + 2), recorder(seen));
                return "processLines " + seen;
            }
        } catch (RuntimeException e) {
            return "threw " + e.getClass().getName();
        }
    }

    private static String contents(LinesBuffer buffer) {
        StringBuilder out = new StringBuilder();
        out.append(buffer.getLineCount()).append(" lines\n").append(buffer.getLines()).append('\n');
        out.append(buffer.getLineTexts()).append('\n');
        for (int i = 0; i < buffer.getLineCount(); i++) {
            out.append(describe(buffer.getLine(i))).append(" / ").append(buffer.getLineText(i)).append('\n');
        }
        return out.toString();
    }

    private static String describe(TerminalLine line) {
        StringBuilder out = new StringBuilder(line.isWrapped() ? "wrapped" : "");
        for (TerminalLine.TextEntry entry : line.getEntries()) {
            out.append('[').append(entry.getStyle()).append(' ').append(entry.getText()).append(']');
        }
        return out.toString();
    }

    private static StyledTextConsumer recorder(List<String> seen) {
        Function<Object[], Boolean> add = values -> seen.add(java.util.Arrays.toString(values));
        return new StyledTextConsumer() {
            @Override
            public void consume(int x, int y, TextStyle style, CharBuffer characters, int startRow) {
                add.apply(new Object[] {"text", x, y, style, characters.toString(), startRow});
            }

            @Override
            public void consumeNul(int x, int y, int nulIndex, TextStyle style, CharBuffer characters, int startRow) {
                add.apply(new Object[] {"nul", x, y, nulIndex, style, characters.toString(), startRow});
            }

            @Override
            public void consumeQueue(int x, int y, int nulIndex, int startRow) {
                add.apply(new Object[] {"queue", x, y, nulIndex, startRow});
            }
        };
    }

    private static TerminalLine line(String text, TextStyle style) {
        return new TerminalLine(new TerminalLine.TextEntry(style, new CharBuffer(text)));
    }

    private static TerminalLine.TextEntry filler(Random random) {
        return new TerminalLine.TextEntry(style(random), new CharBuffer(' ', random.nextInt(5)));
    }

    private static TextStyle style(Random random) {
        return STYLES[random.nextInt(STYLES.length)];
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            text.append(random.nextInt(8) == 0 ? ' ' : (char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }
}
