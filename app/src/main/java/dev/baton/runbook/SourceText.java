package dev.baton.runbook;

import java.util.List;

/**
 * The decoded text of a runbook file, ready for the Markdown parser.
 *
 * @param text    the text with a byte-order mark removed and line endings normalised to LF
 * @param notices what was repaired or guessed while decoding, for the responder and for lint
 */
public record SourceText(String text, List<String> notices) {
    public SourceText {
        notices = List.copyOf(notices);
    }
}
