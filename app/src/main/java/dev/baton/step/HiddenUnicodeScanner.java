package dev.baton.step;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds characters that make a command read differently from what runs: bidirectional controls (the
 * "Trojan Source" trick), zero-width characters, a stray byte-order mark, soft hyphens, non-breaking
 * spaces, Unicode tag characters, and dashes that look like {@code -} but are not.
 */
public final class HiddenUnicodeScanner {
    /** One hidden character. {@code offset} is the UTF-16 index in the scanned text. */
    public record Finding(int offset, int codePoint, String name) {}

    public List<Finding> scan(String text) {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isHidden(cp)) {
                findings.add(new Finding(i, cp, describe(cp)));
            }
            i += Character.charCount(cp);
        }
        return findings;
    }

    /** The text with each hidden character shown as {@code ⟦U+202E⟧}, for the confirmation that shows what is sent. */
    public String reveal(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (isHidden(cp)) {
                out.append(String.format("⟦U+%04X⟧", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    static boolean isHidden(int cp) {
        return cp >= 0x202A && cp <= 0x202E      // bidi embeddings and overrides
                || cp >= 0x2066 && cp <= 0x2069  // bidi isolates
                || cp == 0x200E || cp == 0x200F || cp == 0x061C // direction marks
                || cp >= 0x200B && cp <= 0x200D  // zero-width space, non-joiner, joiner
                || cp == 0x2060 || cp == 0xFEFF || cp == 0x180E || cp == 0x00AD
                || cp >= 0x2010 && cp <= 0x2015  // hyphens and dashes that pass for '-'
                || cp == 0x2212                  // minus sign
                || cp == 0x00A0 || cp == 0x202F  // non-breaking spaces
                || cp >= 0xE0000 && cp <= 0xE007F; // tag characters
    }

    static String describe(int cp) {
        String name = Character.getName(cp);
        return (name != null ? name : "UNNAMED") + String.format(" (U+%04X)", cp);
    }
}
