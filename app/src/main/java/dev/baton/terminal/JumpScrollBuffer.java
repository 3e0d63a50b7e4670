package dev.baton.terminal;

import java.util.ArrayDeque;

/**
 * The output waiting for a terminal emulator, with xterm-style jump scroll: while a program prints
 * faster than the emulator can take it, lines that would scroll out of the scrollback before the
 * emulator reached them are skipped, so the terminal keeps up and ends showing exactly what it would
 * have shown without skipping.
 *
 * <p>Only "plain" lines are ever skipped: complete lines of printable text, carriage returns, tabs,
 * colour changes (SGR) and erase-in-line, ending in CR LF, followed by at least {@code keepLines}
 * more plain lines with nothing else between. Each such line moves the cursor down one row or scrolls
 * the screen by one, so once {@code keepLines} (history + twice the tallest screen) of them follow, a
 * skipped line could only have reached rows that scroll out of the history anyway. A skipped line's
 * colour changes are replayed so the lines kept are drawn in the same colours. Anything else (cursor
 * movement, scroll regions, titles, a line the emulator has started reading) goes through untouched.
 *
 * <p>Not thread-safe: {@link JumpScrollConnector} guards it.
 */
final class JumpScrollBuffer {
    /** Longer lines are passed through rather than held back for skipping. */
    static final int MAX_SKIPPABLE_LINE = 16_384;
    /** How much of the held-back lines one {@link #take} releases at a time. */
    private static final int RELEASE_BATCH = 32_768;
    /** Retained colour changes above this length are written out early: same effect, bounded memory. */
    private static final int MAX_RETAINED_STYLE = 1_024;
    /** Parameters kept of one control sequence: colour changes are far shorter, and a flood of digits must not grow memory. */
    private static final int MAX_SEQUENCE = 64;
    private static final char ESC = 0x1b;
    private static final char BEL = 0x07;
    /** C1 OSC, which JediTerm honours. */
    private static final char C1_OSC = 0x9d;

    private enum State { GROUND, ESCAPE, ESCAPE_INTERMEDIATE, CSI, STRING, STRING_ESCAPE }

    private record Line(String text, String style, boolean styleResets, boolean skippable) {
    }

    private final int keepLines;
    private final long heldCharLimit;

    /** Released text the emulator reads next. */
    private StringBuilder released = new StringBuilder();
    private int releasedPosition;

    /** The trailing run of complete plain lines, oldest first, not yet released. */
    private final ArrayDeque<Line> held = new ArrayDeque<>();
    private long heldChars;

    /** Colour changes of skipped lines since the last release, to replay before what comes next. */
    private final StringBuilder retainedStyle = new StringBuilder();
    private boolean skippedSinceRelease;
    private long skippedLines;

    /** The line being parsed; empty once part of it has been released (it then streams through). */
    private final StringBuilder line = new StringBuilder();
    private boolean lineReleased;
    private final StringBuilder lineStyle = new StringBuilder();
    private boolean lineStyleResets;
    private boolean previousLinePlain = true;
    private boolean scrollRegionSet;

    private State state = State.GROUND;
    private final StringBuilder sequence = new StringBuilder();

    /**
     * @param keepLines     plain lines that must follow one before it may be skipped: at least the
     *                      history length plus twice the most rows the screen can have
     * @param heldCharLimit most characters of plain lines held back; past it the oldest are released
     */
    JumpScrollBuffer(int keepLines, long heldCharLimit) {
        if (keepLines < 1 || heldCharLimit < 1) {
            throw new IllegalArgumentException("keepLines and heldCharLimit must be positive");
        }
        this.keepLines = keepLines;
        this.heldCharLimit = heldCharLimit;
    }

    /** Adds output read from the program. */
    void append(char[] chars, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            if (state == State.GROUND && isPrintable(chars[i])) {
                int run = i + 1;
                while (run < end && isPrintable(chars[run])) {
                    run++;
                }
                appendToLine(chars, i, run - i);
                i = run;
            } else {
                accept(chars[i]);
                i++;
            }
        }
    }

    /** Whether {@link #take} has anything to give. */
    boolean hasOutput() {
        return releasedBacklog() > 0 || !held.isEmpty() || line.length() > 0;
    }

    /** Released characters not yet taken: what the reader of this buffer owes. */
    int releasedBacklog() {
        return released.length() - releasedPosition;
    }

    /** Whether a full window of lines is held back: output is coming faster than it is taken. */
    boolean holdingFullWindow() {
        return held.size() >= keepLines;
    }

    long skippedLines() {
        return skippedLines;
    }

    /** Moves up to {@code length} characters of output, oldest first, into {@code into}; 0 when there is none. */
    int take(char[] into, int offset, int length) {
        if (releasedBacklog() == 0) {
            releaseSome();
        }
        int count = Math.min(length, releasedBacklog());
        released.getChars(releasedPosition, releasedPosition + count, into, offset);
        releasedPosition += count;
        if (releasedPosition == released.length()) {
            if (released.capacity() > 4 * RELEASE_BATCH) {
                released = new StringBuilder();
            } else {
                released.setLength(0);
            }
            releasedPosition = 0;
        } else if (releasedPosition > RELEASE_BATCH && releasedPosition > released.length() / 2) {
            released.delete(0, releasedPosition);
            releasedPosition = 0;
        }
        return count;
    }

    private void releaseSome() {
        while (!held.isEmpty() && releasedBacklog() < RELEASE_BATCH) {
            release(pollHeld());
        }
        if (releasedBacklog() == 0 && line.length() > 0) {
            // Nothing else to give: the reader gets the unfinished line now (a prompt never ends).
            releaseLine();
        }
    }

    private static boolean isPrintable(char c) {
        return c >= 0x20 && (c < 0x7f || c > 0x9f);
    }

    private void accept(char c) {
        appendToLine(c);
        switch (state) {
            case GROUND -> {
                if (c == '\n') {
                    endLine();
                } else if (c == ESC) {
                    state = State.ESCAPE;
                } else if (c == C1_OSC) {
                    state = State.STRING;
                    markNotPlain();
                } else if (c != '\r' && c != '\t') {
                    markNotPlain();
                }
            }
            case ESCAPE -> {
                if (c == '[') {
                    state = State.CSI;
                    sequence.setLength(0);
                    return;
                }
                markNotPlain();
                if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_') {
                    state = State.STRING;
                } else if (c >= 0x20 && c <= 0x2f) {
                    state = State.ESCAPE_INTERMEDIATE;
                } else if (c != ESC) {
                    if (c == 'c') {
                        scrollRegionSet = false;
                    }
                    state = State.GROUND;
                }
            }
            case ESCAPE_INTERMEDIATE -> {
                if (c < 0x20 || c > 0x2f) {
                    state = State.GROUND;
                }
            }
            case CSI -> {
                if (c >= 0x20 && c <= 0x3f) {
                    if (sequence.length() < MAX_SEQUENCE) {
                        sequence.append(c);
                    } else {
                        markNotPlain();
                    }
                } else if (c >= 0x40 && c <= 0x7e) {
                    state = State.GROUND;
                    endControlSequence(c);
                } else {
                    markNotPlain();
                    if (c == ESC) {
                        state = State.ESCAPE;
                    } else if (c == 0x18 || c == 0x1a) {
                        state = State.GROUND;
                    }
                }
            }
            case STRING -> {
                if (c == BEL) {
                    state = State.GROUND;
                } else if (c == ESC) {
                    state = State.STRING_ESCAPE;
                }
            }
            case STRING_ESCAPE -> {
                if (c == '\\') {
                    state = State.GROUND;
                } else if (c != ESC) {
                    state = State.STRING;
                }
            }
        }
    }

    private void endControlSequence(char finalChar) {
        boolean digitsAndSemicolons = onlyDigits(sequence, true);
        if (finalChar == 'm' && digitsAndSemicolons) {
            if (lineReleased) {
                return;
            }
            String params = sequence.toString();
            if (params.isEmpty() || params.equals("0") || params.startsWith("0;")) {
                lineStyle.setLength(0);
                lineStyleResets = true;
            }
            lineStyle.append(ESC).append('[').append(params).append('m');
        } else if (finalChar == 'K' && onlyDigits(sequence, false)) {
            return;
        } else {
            if (finalChar == 'r' && digitsAndSemicolons) {
                scrollRegionSet = !sequence.isEmpty();
            }
            markNotPlain();
        }
    }

    private static boolean onlyDigits(CharSequence text, boolean semicolonsToo) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && !(semicolonsToo && c == ';')) {
                return false;
            }
        }
        return true;
    }

    private void appendToLine(char c) {
        if (lineReleased) {
            released.append(c);
        } else {
            line.append(c);
            if (line.length() > MAX_SKIPPABLE_LINE) {
                markNotPlain();
            }
        }
    }

    private void appendToLine(char[] chars, int offset, int length) {
        if (lineReleased) {
            released.append(chars, offset, length);
        } else {
            line.append(chars, offset, length);
            if (line.length() > MAX_SKIPPABLE_LINE) {
                markNotPlain();
            }
        }
    }

    private void markNotPlain() {
        if (!lineReleased) {
            releaseLine();
        }
    }

    /** Releases every held line, then the line being parsed; the rest of that line follows as it comes. */
    private void releaseLine() {
        while (!held.isEmpty()) {
            release(pollHeld());
        }
        releaseSkippedStyle();
        released.append(line);
        line.setLength(0);
        lineReleased = true;
    }

    private void endLine() {
        if (lineReleased) {
            previousLinePlain = false;
        } else {
            int length = line.length();
            boolean endsWithCrLf = length >= 2 && line.charAt(length - 2) == '\r';
            boolean skippable = previousLinePlain && endsWithCrLf && !scrollRegionSet;
            held.addLast(new Line(line.toString(), lineStyle.toString(), lineStyleResets, skippable));
            heldChars += length;
            previousLinePlain = true;
            skipOrReleaseOldest();
        }
        line.setLength(0);
        lineReleased = false;
        lineStyle.setLength(0);
        lineStyleResets = false;
    }

    private void skipOrReleaseOldest() {
        while (held.size() > keepLines || heldChars > heldCharLimit) {
            Line oldest = pollHeld();
            if (oldest.skippable() && held.size() >= keepLines) {
                skip(oldest);
            } else {
                release(oldest);
            }
        }
    }

    private Line pollHeld() {
        Line oldest = held.pollFirst();
        heldChars -= oldest.text().length();
        return oldest;
    }

    private void skip(Line skipped) {
        skippedSinceRelease = true;
        skippedLines++;
        if (skipped.styleResets()) {
            retainedStyle.setLength(0);
        }
        retainedStyle.append(skipped.style());
        if (retainedStyle.length() > MAX_RETAINED_STYLE) {
            releaseSkippedStyle();
        }
    }

    private void release(Line kept) {
        releaseSkippedStyle();
        released.append(kept.text());
    }

    /** What the skipped lines leave behind: their colours, and the cursor at the start of a row. */
    private void releaseSkippedStyle() {
        if (skippedSinceRelease) {
            released.append(retainedStyle).append('\r');
            retainedStyle.setLength(0);
            skippedSinceRelease = false;
        }
    }
}
