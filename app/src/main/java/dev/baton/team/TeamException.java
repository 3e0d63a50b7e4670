package dev.baton.team;

import java.io.IOException;

/** Something about the team's remote the responder must hear of, in words written for them. */
public class TeamException extends IOException {
    public TeamException(String message) {
        super(message);
    }

    public TeamException(String message, Throwable cause) {
        super(message, cause);
    }
}
