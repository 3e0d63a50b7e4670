package dev.baton.terminal;

/**
 * A small terminal that reads output as the screen would show it, for secret scans: escape sequences are
 * skipped, a backspace takes back the last character, and a line feed, a carriage return or a cursor jump ends
 * the shown line. What it keeps between pieces is only where it is inside an escape sequence, so output split
 * anywhere (one character per event, as a shell echoes typing) reads the same.
 */
public final class ShownText {
    /** What the output shows, character by character, with the index each came from in the piece read. */
    public interface Reader<E extends Exception> {
        void shown(char c, int index) throws E;

        /** A backspace: the last character shown, if any, is taken back. */
        void backspace() throws E;

        /** @param newline a line feed or carriage return, rather than a cursor jump */
        void lineEnd(boolean newline) throws E;
    }

    private enum State { TEXT, ESC, ESC_INTERMEDIATE, CSI, STRING, STRING_ESC }

    private State state = State.TEXT;

    public <E extends Exception> void read(CharSequence text, Reader<E> reader) throws E {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (state) {
                case TEXT -> {
                    if (c == 0x1b) {
                        state = State.ESC;
                    } else if (c == '\n' || c == '\r') {
                        reader.lineEnd(true);
                    } else if (c == '\b') {
                        reader.backspace();
                    } else if (c == '\t' || c >= 0x20 && c != 0x7f && (c < 0x80 || c > 0x9f)) {
                        reader.shown(c == '\t' ? ' ' : c, i);
                    }
                }
                case ESC -> state = c == '[' ? State.CSI
                        : c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_' ? State.STRING
                        : c >= 0x20 && c <= 0x2f ? State.ESC_INTERMEDIATE : State.TEXT;
                case ESC_INTERMEDIATE -> state = c >= 0x20 && c <= 0x2f ? State.ESC_INTERMEDIATE : State.TEXT;
                case CSI -> {
                    if (c == 0x1b) {
                        state = State.ESC;
                    } else if (c >= 0x40 && c <= 0x7e) {
                        state = State.TEXT;
                        // A cursor jump (position, up, down, next or previous line): what follows is elsewhere.
                        if ("HfdABEF".indexOf(c) >= 0) {
                            reader.lineEnd(false);
                        }
                    }
                }
                case STRING -> state = c == 0x07 ? State.TEXT : c == 0x1b ? State.STRING_ESC : State.STRING;
                case STRING_ESC -> state = State.TEXT;
            }
        }
    }
}
