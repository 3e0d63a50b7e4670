package dev.baton.terminal;

import java.util.Optional;

/**
 * Follows a step's text that Baton typed at a shell prompt without pressing Enter, through the keys the
 * responder presses next, to what became of it: run (Enter, the text as it then stood), or abandoned
 * (Ctrl+C, the line cleared, a line from history in its place). It reads keys, not the screen, so it
 * knows the line exactly while the responder only types and erases at its end; after a cursor move or
 * Tab completion it knows the line was edited but no longer its exact text.
 */
public final class TypedLine {
    /** What became of the typed text. */
    public enum Fate { RUN, ABANDONED }

    /**
     * @param edited whether the line was changed before Enter
     * @param line   the line as run, when known exactly; empty when a cursor move or completion hid it
     * @param reason why a step was abandoned, in words ("Ctrl+C"); empty when it ran
     */
    public record Outcome(Fate fate, boolean edited, Optional<String> line, String reason) {
        static Outcome run(String original, StringBuilder line, boolean exact) {
            boolean edited = !exact || !line.toString().equals(original);
            return new Outcome(Fate.RUN, edited, exact ? Optional.of(line.toString()) : Optional.empty(), "");
        }

        public static Outcome abandoned(String reason) {
            return new Outcome(Fate.ABANDONED, false, Optional.empty(), reason);
        }
    }

    private final String original;
    private final StringBuilder line;
    private boolean exact = true;
    private boolean pasting;
    /** An escape sequence being read, or null. */
    private StringBuilder escape;

    /** @param typed the text as the shell's line editor holds it (multi-line text joined by newlines) */
    public TypedLine(String typed) {
        this.original = typed;
        this.line = new StringBuilder(typed);
    }

    /**
     * Reads what the responder typed; the outcome once the step's fate is decided, else empty. Keys after a
     * decision are not this line's business.
     */
    public Optional<Outcome> keys(String typed) {
        for (int i = 0; i < typed.length(); i++) {
            Optional<Outcome> outcome = key(typed.charAt(i));
            if (outcome.isPresent()) {
                return outcome;
            }
        }
        return Optional.empty();
    }

    private Optional<Outcome> key(char c) {
        if (escape != null) {
            return escapeKey(c);
        }
        if (c == '\u001b') {
            escape = new StringBuilder();
            return Optional.empty();
        }
        if (pasting) {
            line.append(c == '\r' ? '\n' : c);
            return Optional.empty();
        }
        switch (c) {
            case '\r', '\n' -> {
                return Optional.of(line.length() == 0 ? Outcome.abandoned("line cleared")
                        : Outcome.run(original, line, exact));
            }
            case '\u0003' -> {
                return Optional.of(Outcome.abandoned("Ctrl+C"));
            }
            case '\u0007' -> {
                return Optional.of(Outcome.abandoned("Ctrl+G"));
            }
            case '\u0015' -> {
                // Ctrl+U kills from the cursor back to the start: the whole line unless the cursor moved.
                if (exact) {
                    return Optional.of(Outcome.abandoned("line cleared (Ctrl+U)"));
                }
                line.setLength(0);
                return Optional.empty();
            }
            case '\u007f', '\b' -> {
                if (line.length() > 0) {
                    line.setLength(line.length() - 1);
                }
                return exact && line.length() == 0 ? Optional.of(Outcome.abandoned("line cleared")) : Optional.empty();
            }
            case '\u0017' -> {
                eraseWord();
                return exact && line.length() == 0 ? Optional.of(Outcome.abandoned("line cleared")) : Optional.empty();
            }
            default -> {
                if (c < ' ') {
                    exact = false; // Ctrl+A, Ctrl+E, Tab and the like: the line changed in ways keys do not tell
                } else {
                    line.append(c);
                }
                return Optional.empty();
            }
        }
    }

    private void eraseWord() {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        while (end > 0 && line.charAt(end - 1) != ' ') {
            end--;
        }
        line.setLength(end);
    }

    /** Arrow keys, Home/End, bracketed paste from the responder; replies the emulator sends are ignored. */
    private Optional<Outcome> escapeKey(char c) {
        escape.append(c);
        String seq = escape.toString();
        if (seq.length() == 1 && c != '[' && c != 'O') {
            escape = null; // Alt+key: readline commands we cannot follow
            exact = false;
            return Optional.empty();
        }
        if (seq.length() == 1 || !(c >= '@' && c <= '~') || (seq.length() == 2 && c == '[' )) {
            return seq.length() > 32 ? done() : Optional.empty();
        }
        escape = null;
        String body = seq.substring(1);
        if (body.equals("200~")) {
            pasting = true;
        } else if (body.equals("201~")) {
            pasting = false;
        } else if (body.equals("A") || body.equals("B")) {
            return Optional.of(Outcome.abandoned("replaced by a line from history"));
        } else if (body.equals("C") || body.equals("D") || body.equals("H") || body.equals("F")
                || body.endsWith("~")) {
            exact = false; // the cursor moved (or Delete): later keys edit somewhere inside the line
        }
        return Optional.empty();
    }

    private Optional<Outcome> done() {
        escape = null;
        return Optional.empty();
    }
}
