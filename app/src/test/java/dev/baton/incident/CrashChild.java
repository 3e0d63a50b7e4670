package dev.baton.incident;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The process {@link KillNineTest} kills: it continues the current incident (recovering it when the
 * last one was killed), types into the notes through the autosaver and appends events, saying on
 * stdout what it typed and what was recorded, as the console would show it.
 */
public final class CrashChild {
    private CrashChild() {}

    /** The n-th character typed, so that any saved notes can be checked against what was typed. */
    static char typed(int n) {
        return n % 61 == 60 ? '\n' : (char) ('a' + n % 26);
    }

    public static void main(String[] args) throws Exception {
        IncidentStore store = new IncidentStore(Path.of(args[0]));
        OpenIncident incident = store.currentId().isPresent() ? store.open(store.currentId().get())
                : store.start("Crash test", "P1", "", "harness", Instant.now());
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        Autosaver autosaver = new Autosaver(writer, Autosaver.DEFAULT_DELAY, text -> incident.saveNotes(text, false),
                message -> System.out.println("failed " + message));
        StringBuilder notes = new StringBuilder(incident.notes());
        System.out.println("ready " + notes.length() + " " + incident.timeline().events().size());
        int keystroke = 0;
        while (true) {
            notes.append(typed(notes.length()));
            autosaver.changed(notes.toString());
            System.out.println("typed " + notes.length());
            if (++keystroke % 4 == 0) {
                TimelineEvent event = writer.submit(() -> incident.timeline().append(EventType.STEP_SENT,
                        Map.of("text", "step " + notes.length(), "target", "Local 1"))).get();
                System.out.println("recorded " + event.seq() + " " + event.text("text"));
            }
            Thread.sleep(5);
        }
    }
}
