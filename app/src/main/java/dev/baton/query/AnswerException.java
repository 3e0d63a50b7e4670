package dev.baton.query;

/** A data source's answer Baton cannot read; the message says what was wrong with it. */
public final class AnswerException extends Exception {
    public AnswerException(String message) {
        super(message);
    }
}
