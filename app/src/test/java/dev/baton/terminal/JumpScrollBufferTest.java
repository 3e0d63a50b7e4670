package dev.baton.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class JumpScrollBufferTest {
    private static final int COLUMNS = 40;
    private static final int ROWS = 10;
    private static final int HISTORY = 50;
    private static final int KEEP_LINES = HISTORY + 2 * ROWS;
    private static final String ESC = "\u001b";

    /** Everything appended before anything is taken: the most a flood lets jump scroll skip. */
    private static String throughBuffer(String output, int keepLines) {
        JumpScrollBuffer buffer = new JumpScrollBuffer(keepLines, 1 << 22);
        buffer.append(output.toCharArray(), 0, output.length());
        return drain(buffer, new StringBuilder());
    }

    private static String drain(JumpScrollBuffer buffer, StringBuilder out) {
        char[] chunk = new char[1024];
        int taken;
        while ((taken = buffer.take(chunk, 0, chunk.length)) > 0) {
            out.append(chunk, 0, taken);
        }
        return out.toString();
    }

    private static void assertSameTerminal(String original, String jumped) {
        HeadlessTerminal expected = new HeadlessTerminal(COLUMNS, ROWS, HISTORY).feed(original);
        HeadlessTerminal actual = new HeadlessTerminal(COLUMNS, ROWS, HISTORY).feed(jumped);
        assertEquals(expected.text(), actual.text());
        assertEquals(expected.styledRows(), actual.styledRows());
    }

    private static String colouredFlood(int lines, Random random) {
        String[] colours = {"[31m", "[32m", "[1;34m", "[38;5;208m", "[48;5;17m", "[0m", "[m", "[7m", "[0;33m"};
        StringBuilder out = new StringBuilder();
        for (int n = 0; n < lines; n++) {
            switch (n % 4) {
                case 0 -> {
                    for (int i = 0; i < 90; i++) {
                        out.append((char) ('a' + random.nextInt(26)));
                    }
                }
                // Colours left on at the end of a line carry into the next ones.
                case 1 -> {
                    for (int i = 0; i < 4; i++) {
                        out.append(ESC).append(colours[random.nextInt(colours.length)]).append("field").append(i).append('\t');
                    }
                }
                case 2 -> out.append(n).append(ESC).append("[K");
                default -> out.append("状态 ").append(n).append(" ✓\rover");
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    @Test
    void aFloodOfPlainLinesIsSkippedYetTheTerminalEndsTheSame() {
        String original = colouredFlood(2_000, new Random(7)) + ESC + "[1mprompt$ ";
        JumpScrollBuffer buffer = new JumpScrollBuffer(KEEP_LINES, 1 << 22);
        buffer.append(original.toCharArray(), 0, original.length());
        String jumped = drain(buffer, new StringBuilder());

        assertTrue(jumped.length() < original.length() / 10, "most of the flood is skipped: " + jumped.length());
        assertEquals(2_000 - KEEP_LINES, buffer.skippedLines());
        assertSameTerminal(original, jumped);
    }

    @Test
    void aLineIsSkippedOnlyOnceHistoryPlusTwoScreensOfPlainLinesFollowIt() {
        String enough = colouredFlood(KEEP_LINES, new Random(3));
        assertEquals(enough, throughBuffer(enough, KEEP_LINES));

        String oneMore = "first\r\n" + enough;
        assertEquals("\r" + enough, throughBuffer(oneMore, KEEP_LINES), "skipped, leaving the cursor at the row start");
    }

    @Test
    void fewerLinesKeptThanHistoryPlusAScreenWouldShowTheDifference() {
        StringBuilder original = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            original.append("row ").append(i).append("\r\n");
        }
        String tooEager = throughBuffer(original.toString(), HISTORY + ROWS - 5);
        assertNotEquals(new HeadlessTerminal(COLUMNS, ROWS, HISTORY).feed(original.toString()).text(),
                new HeadlessTerminal(COLUMNS, ROWS, HISTORY).feed(tooEager).text());
        assertSameTerminal(original.toString(), throughBuffer(original.toString(), KEEP_LINES));
    }

    @Test
    void progressBarsThatRewriteTheirRowAreNeverSkipped() {
        StringBuilder original = new StringBuilder("kept at the top\r\n");
        for (int i = 0; i < 1_000; i++) {
            original.append(ESC).append("[1A").append(ESC).append("[2Kprogress ").append(i).append("%\r\n");
        }
        assertEquals(original.toString(), throughBuffer(original.toString(), KEEP_LINES));
    }

    @Test
    void linesInsideAScrollRegionAreNeverSkipped() {
        StringBuilder original = new StringBuilder(ESC + "[3;6r" + ESC + "[7;1Hbelow the region\r\n");
        for (int i = 0; i < 1_000; i++) {
            original.append("short ").append(i).append("\r\n");
        }
        assertEquals(original.toString(), throughBuffer(original.toString(), KEEP_LINES));

        String reset = original + ESC + "[r" + colouredFlood(1_000, new Random(5));
        String jumped = throughBuffer(reset, KEEP_LINES);
        assertTrue(jumped.length() < reset.length(), "skipping resumes once the region is reset");
        assertSameTerminal(reset, jumped);
    }

    @Test
    void linesEndingInABareLineFeedKeepTheirColumn() {
        StringBuilder original = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            original.append(i % 7 == 0 ? "staircase " + i + "\n" : "line " + i + "\r\n");
        }
        assertSameTerminal(original.toString(), throughBuffer(original.toString(), KEEP_LINES));
    }

    @Test
    void titlesAndOtherStringsAreNeverMistakenForLines() {
        StringBuilder strings = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            strings.append(ESC).append("]0;title with\r\nnewline ").append(i).append('\u0007').append("after title\r\n");
            strings.append(ESC).append("Pdcs\r\nstring").append(ESC).append("\\").append("after dcs\r\n");
            strings.append('\u009d').append("2;c1 title\r\n\u0007").append("after c1\r\n");
        }
        String flood = colouredFlood(500, new Random(11));
        String original = strings + flood;
        String jumped = throughBuffer(original, KEEP_LINES);
        // The first plain line after them is kept too: skipping starts only between two plain lines.
        assertTrue(jumped.startsWith(strings + flood.substring(0, flood.indexOf('\n') + 1)), "strings pass through whole");
        assertTrue(jumped.length() < original.length(), "the flood after them is skipped");
        assertSameTerminal(original, jumped);
    }

    @Test
    void anUnfinishedLineIsGivenOutWhenNothingElseIs() {
        JumpScrollBuffer buffer = new JumpScrollBuffer(KEEP_LINES, 1 << 22);
        char[] prompt = "user@host:~$ ".toCharArray();
        buffer.append(prompt, 0, prompt.length);
        assertEquals("user@host:~$ ", drain(buffer, new StringBuilder()));
        char[] rest = "ls\r\n".toCharArray();
        buffer.append(rest, 0, rest.length);
        assertEquals("ls\r\n", drain(buffer, new StringBuilder()));
    }

    @Test
    void sequencesSplitAcrossReadsAndReaderInterleavingsEndTheSame() {
        Random random = new Random(42);
        long skipped = 0;
        for (int round = 0; round < 20; round++) {
            StringBuilder original = new StringBuilder();
            for (int part = 0; part < 30; part++) {
                switch (random.nextInt(8)) {
                    case 0 -> original.append(ESC).append("[").append(1 + random.nextInt(ROWS)).append(";")
                            .append(1 + random.nextInt(COLUMNS)).append("Hjump");
                    case 1 -> original.append(ESC).append("[2;8r");
                    case 2 -> original.append(ESC).append("[r");
                    case 3 -> original.append(ESC).append("[?1049h").append("alt\r\n").append(ESC).append("[?1049l");
                    case 4 -> original.append("back\b\b\bspace\u0007\r\n");
                    case 5 -> original.append("x".repeat(random.nextInt(200))).append("\r\n");
                    default -> original.append(colouredFlood(random.nextInt(300), random));
                }
            }
            String text = original.toString();
            JumpScrollBuffer buffer = new JumpScrollBuffer(KEEP_LINES, 1 << 22);
            StringBuilder jumped = new StringBuilder();
            char[] chars = text.toCharArray();
            char[] chunk = new char[1 + random.nextInt(2048)];
            int position = 0;
            while (position < chars.length) {
                int length = Math.min(chars.length - position, 1 + random.nextInt(4096));
                buffer.append(chars, position, length);
                position += length;
                if (random.nextInt(4) == 0) {
                    int taken = buffer.take(chunk, 0, chunk.length);
                    jumped.append(chunk, 0, taken);
                }
            }
            drain(buffer, jumped);
            assertSameTerminal(text, jumped.toString());
            skipped += buffer.skippedLines();
        }
        assertTrue(skipped > 1_000, "the rounds skipped lines: " + skipped);
    }

    @Test
    void manyColourChangesWithoutAResetStillEndTheSame() {
        StringBuilder original = new StringBuilder(ESC + "[0m");
        for (int i = 0; i < 2_000; i++) {
            original.append(ESC).append(i % 2 == 0 ? "[1m" : "[4m").append(ESC).append("[3").append(i % 8)
                    .append('m').append("row ").append(i).append("\r\n");
        }
        String jumped = throughBuffer(original.toString(), KEEP_LINES);
        assertTrue(jumped.length() < original.length(), "lines are still skipped");
        assertSameTerminal(original.toString(), jumped);
    }
}
