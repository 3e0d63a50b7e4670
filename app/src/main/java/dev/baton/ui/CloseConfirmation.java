package dev.baton.ui;

import java.util.List;
import java.util.Optional;

/**
 * Why closing the window would lose something: the SSH sessions still open and a note not yet saved. A
 * closed window ends those sessions mid-command and drops the note, so the window asks first.
 */
record CloseConfirmation(List<String> sshSessions, boolean unsavedNote) {
    CloseConfirmation {
        sshSessions = List.copyOf(sshSessions);
    }

    /** The question to ask, or empty when nothing would be lost. */
    Optional<String> question() {
        String sessions = switch (sshSessions.size()) {
            case 0 -> "";
            case 1 -> "1 SSH session is open (" + sshSessions.get(0) + ")";
            default -> sshSessions.size() + " SSH sessions are open (" + String.join(", ", sshSessions) + ")";
        };
        if (sessions.isEmpty() && !unsavedNote) {
            return Optional.empty();
        }
        String note = unsavedNote ? (sessions.isEmpty() ? "A note is not saved" : " and a note is not saved") : "";
        return Optional.of(sessions + note + ": close anyway?");
    }
}
