package dev.baton.step;

import java.util.Locale;

/**
 * Why a step needs the responder's attention before it is sent.
 *
 * @param start offset in the step's text of the part the warning is about, or -1 when it is about all of it
 * @param end   offset just past that part, or -1
 */
public record StepWarning(Kind kind, String detail, int start, int end) {
    public enum Kind {
        /** Destroys data, stops something, or cannot be undone. */
        DESTRUCTIVE,
        /** Builds or decodes what it runs when it runs (eval, a pipe into a shell): Baton cannot tell what that is. */
        OPAQUE,
        /** Contains characters that make it read differently from what runs. */
        HIDDEN_UNICODE;

        /** The name scripts see: {@code destructive}, {@code opaque}, {@code hidden-unicode}. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Destructive and opaque steps are confirmed explicitly, naming where they go. */
        public boolean needsConfirmation() {
            return this != HIDDEN_UNICODE;
        }

        /** How the kind reads before a detail: "⚠ " + label + detail. */
        public String label() {
            return switch (this) {
                case DESTRUCTIVE -> "";
                case OPAQUE -> "cannot tell what this runs: ";
                case HIDDEN_UNICODE -> "hidden: ";
            };
        }
    }

    /** A warning about the whole text. */
    public StepWarning(Kind kind, String detail) {
        this(kind, detail, -1, -1);
    }

    /** Whether it points at a part of the text ({@link #start()} to {@link #end()}). */
    public boolean hasRange() {
        return start >= 0 && end >= start;
    }
}
