package dev.baton.handoff.violations;

import dev.baton.session.IncidentSession;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;

/** Breaks the rules on purpose, so that the architecture test shows it catches them. Never used. */
public final class HandsOffWithSshj {
    private HandsOffWithSshj() {}

    static Object trustEveryone() {
        return new PromiscuousVerifier();
    }

    static Object reachUpIntoTheSession(IncidentSession session) {
        return session.responder();
    }
}
