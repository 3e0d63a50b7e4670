package dev.baton.step;

/**
 * Makes text safe to write into a terminal. A runbook is untrusted input: an ESC inside a step could
 * end a bracketed paste early ({@code ESC[201~}) and have the rest run as typed keys, or drive the
 * emulator itself. Every C0 control but newline and tab, DEL and every C1 control (8-bit CSI, OSC …)
 * is removed.
 */
public final class TerminalText {
    private TerminalText() {
    }

    public static String stripControls(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\n' || cp == '\t' || !isControl(cp)) {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    static boolean isControl(int cp) {
        return cp < 0x20 || cp == 0x7F || cp >= 0x80 && cp <= 0x9F;
    }
}
