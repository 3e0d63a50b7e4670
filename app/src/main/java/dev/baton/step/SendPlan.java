package dev.baton.step;

/**
 * What Baton will write to a terminal for a step, decided before anything is sent.
 *
 * @param payload        the exact characters for the terminal, bracketed-paste markers included
 * @param submits        whether the payload ends with Enter; flagged steps are typed and left for the responder
 * @param shownText      the text to show in a confirmation, hidden characters made visible
 * @param mustShow       destructive, hidden Unicode, or an alert's value quoted: the responder sees the text first
 *                       (a harmless multi-line step is not shown: it tells the responder nothing new)
 * @param mustConfirm    destructive or opaque: the responder confirms explicitly, naming the target
 * @param refusal        why it cannot be typed into this terminal (empty when it can)
 * @param warnings       what makes the step need a look, found in the text as it will be sent
 */
public record SendPlan(String payload, boolean submits, String shownText, boolean mustShow, boolean mustConfirm,
                       String refusal, java.util.List<StepWarning> warnings) {
    public SendPlan {
        warnings = java.util.List.copyOf(warnings);
    }

    /**
     * The text as the shell reads it, for the record: without the bracketed-paste markers, and with each
     * carriage return as the newline a terminal turns it into.
     */
    public static String unbracketed(String payload) {
        return payload.replace(StepSender.PASTE_START, "").replace(StepSender.PASTE_END, "").replace('\r', '\n');
    }

    public boolean refused() {
        return !refusal.isEmpty();
    }
}
