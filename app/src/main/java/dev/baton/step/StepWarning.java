package dev.baton.step;

import java.util.Locale;

/** Why a step needs the responder's attention before it is sent. */
public record StepWarning(Kind kind, String detail) {
    public enum Kind {
        /** Destroys data, stops something, or cannot be undone. */
        DESTRUCTIVE,
        /** Contains characters that make it read differently from what runs. */
        HIDDEN_UNICODE;

        /** The name scripts see: {@code destructive}, {@code hidden-unicode}. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
