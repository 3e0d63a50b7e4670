package dev.baton.handoff.violations;

import java.util.Map;

/** Breaks the rules on purpose, so that the architecture test shows it catches them. Never used. */
public final class PrintsAndLogsItsOwnWay {
    private PrintsAndLogsItsOwnWay() {}

    static void say(dev.baton.incident.Timeline timeline) throws java.io.IOException {
        System.out.println("printed outside the command line");
        java.util.logging.Logger.getLogger("baton").info("logged around SLF4J");
        timeline.append("step.sent", Map.of("text", "an untyped line"));
        new javafx.scene.control.Label("JavaFX below the window");
    }
}
