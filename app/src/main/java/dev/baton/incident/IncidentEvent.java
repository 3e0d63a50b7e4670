package dev.baton.incident;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a timeline line says, as a type. Each record's components are the line's {@code data} fields,
 * named as they have always been written, so incident folders and bundles from earlier versions open
 * as they are. {@link IncidentEvents} converts them to and from a line; {@link EventWords} says them.
 */
public sealed interface IncidentEvent {

    /** The line's {@code type}. */
    default String type() {
        return IncidentEvents.typeOf(getClass());
    }

    /** The runbook the event belongs to, or empty. */
    default String runbook() {
        return "";
    }

    record IncidentStarted(String title, String severity, String alert, String responder) implements IncidentEvent {}

    record IncidentRecovered(boolean uncleanExit, int temporaryFilesRemoved, String problems) implements IncidentEvent {}

    record IncidentClosed(long elapsedSeconds) implements IncidentEvent {}

    /**
     * A step's text typed into a terminal (placeholders filled, secrets masked).
     *
     * @param submitted true when Baton pressed Enter with it (it ran); false when it was typed and left for the
     *                  responder, whose Enter or abandonment a {@link StepEntered} or {@link StepAbandoned} records;
     *                  null in incidents recorded before Baton told the two apart
     */
    record StepSent(String runbook, int step, String text, String target, Boolean submitted) implements IncidentEvent {
        public StepSent(String runbook, int step, String text, String target) {
            this(runbook, step, text, target, null);
        }
    }

    /**
     * The responder pressed Enter in the terminal while a typed step's text was on the line: it ran.
     *
     * @param text   the line as it ran (secrets masked); the step's text when it was not edited
     * @param edited whether the responder changed the line first
     * @param sent   the {@code seq} of the {@link StepSent} line it answers
     */
    record StepEntered(String runbook, int step, String target, String text, boolean edited, long sent)
            implements IncidentEvent {}

    /**
     * A typed step that did not run: Ctrl+C, the line cleared, another line put in its place.
     *
     * @param reason what the responder did, in words
     * @param sent   the {@code seq} of the {@link StepSent} line it answers
     */
    record StepAbandoned(String runbook, int step, String target, String text, String reason, long sent)
            implements IncidentEvent {}

    /**
     * A step about to run over exec on nodes.
     *
     * @param targets     the node names joined with ", ", as every version has written them
     * @param concurrency how many nodes ran at once in a fan-out; null for a run on chosen nodes
     * @param engine      what ran it when not Baton's own SSH ({@code ansible}); null for SSH
     * @param engineVersion the engine's version line ({@code ansible [core 2.14.18]}); null for SSH
     * @param engineCommand the engine's command line, secrets masked; null for SSH
     */
    record StepRun(String runbook, int step, String text, String targets, Integer concurrency, String engine,
            String engineVersion, String engineCommand) implements IncidentEvent {
        public StepRun(String runbook, int step, String text, List<String> nodes, Integer concurrency) {
            this(runbook, step, text, String.join(", ", nodes), concurrency, null, null, null);
        }

        public StepRun(String runbook, int step, String text, String targets, Integer concurrency) {
            this(runbook, step, text, targets, concurrency, null, null, null);
        }

        public List<String> nodes() {
            return targets == null || targets.isBlank() ? List.of() : Arrays.asList(targets.split(",\\s*"));
        }

    }

    /**
     * A finished exec run. {@code stdout} and {@code stderr} are files of the incident folder.
     *
     * @param exit the exit status, or null when the command gave none (a signal, a lost connection)
     */
    record RunResult(String target, String command, String outcome, Integer exit, String signal, String summary,
            Instant startedAt, long durationMs, String stdout, long stdoutBytes, String stderr, long stderrBytes)
            implements IncidentEvent {}

    /** Output put into the notes; {@code file} holds the whole of it when the notes keep only head and tail. */
    /** @param masked secrets masked in the captured text before it was written; null or 0 when none */
    record CaptureTaken(String source, String target, String command, String outcome, int chars, String file,
            Integer masked) implements IncidentEvent {}

    /**
     * A PromQL or LogQL query run against a data source (its name only: credentials never reach the timeline).
     *
     * @param query    the text sent, placeholders filled
     * @param from     the window's start; null for an instant query
     * @param count    series or lines in the answer; -1 when it failed
     * @param error    why it failed, or empty
     */
    record QueryRan(String runbook, int step, String language, String source, String query, Instant from,
            Instant to, int count, String unit, long durationMs, String error) implements IncidentEvent {}

    record ChecklistTicked(String runbook, int item, String text) implements IncidentEvent {}

    record ChecklistUnticked(String runbook, int item, String text) implements IncidentEvent {}

    /**
     * A placeholder's value; a secret's value is recorded masked.
     *
     * @param source where the value came from ("alert KubePodCrashLooping"), or null when the responder typed it
     */
    record VariableSet(String name, String value, boolean secret, String source) implements IncidentEvent {
        public VariableSet(String name, String value, boolean secret) {
            this(name, value, secret, null);
        }
    }

    /**
     * A firing alert the incident was opened from (or joined with): what Alertmanager said of it.
     *
     * @param source       the Alertmanager it was read from, or "pasted" / a file name
     * @param generatorUrl where the alert came from (the Prometheus expression), or empty
     */
    record AlertOpened(String alertname, String fingerprint, String source, String status, Instant startsAt,
            Map<String, String> labels, Map<String, String> annotations, String generatorUrl) implements IncidentEvent {
        public AlertOpened {
            labels = labels == null ? Map.of() : new java.util.TreeMap<>(labels);
            annotations = annotations == null ? Map.of() : new java.util.TreeMap<>(annotations);
        }
    }

    /** A silence Baton created in Alertmanager for an alert: the only thing Baton writes there. */
    record AlertSilenced(String alertname, String silenceId, String source, String matchers, Instant endsAt,
            String comment, String by) implements IncidentEvent {}

    record ConnectionOpened(String target, String detail) implements IncidentEvent {}

    record ConnectionLost(String target, String detail) implements IncidentEvent {}

    /** An attempt to connect that failed: unreachable, refused authentication, a host key not accepted. */
    record ConnectionFailed(String target, String reason, String detail) implements IncidentEvent {}

    record NotesSaved(int chars, String sha256) implements IncidentEvent {}

    /** A short note put straight into the timeline ({@code baton incident note}), seen by the whole team. */
    record NoteAdded(String text) implements IncidentEvent {}

    /** @param to who the sender handed it to, in their words; null when they did not say */
    record HandoffExported(String file, String sha256, String by, int redactions, int kept, boolean signed, String to)
            implements IncidentEvent {
        public HandoffExported(String file, String sha256, String by, int redactions, int kept, boolean signed) {
            this(file, sha256, by, redactions, kept, signed, null);
        }
    }

    /**
     * @param exportedAt as the bundle's manifest states it
     * @param note       the sender's handoff note; null in incidents continued before Baton kept it here
     */
    record HandoffImported(String bundle, String bundleSha256, String from, String exportedAt, String timelineHead,
            int redactions, boolean signed, String signer, String note) implements IncidentEvent {
        public HandoffImported(String bundle, String bundleSha256, String from, String exportedAt, String timelineHead,
                int redactions, boolean signed, String signer) {
            this(bundle, bundleSha256, from, exportedAt, timelineHead, redactions, signed, signer, null);
        }
    }

    /** The sender took a handed-off incident back: their copy is theirs to record into again. */
    record HandoffTakenBack(String bundle, String by) implements IncidentEvent {}

    /**
     * The incident handed to another responder through the team's git remote: everything the receiver needs is
     * in the event itself, in the sender's own signed log (no file travels).
     *
     * @param to       the receiver's responder name
     * @param runbooks the runbooks the incident used, as the library names them
     * @param nodes    every node the incident touched, with whether the sender's inventory made it production
     * @param typed    steps typed into a terminal whose Enter was never pressed: they did not run
     */
    record HandoffSent(String to, String note, String remote, List<String> runbooks, List<HandedNode> nodes,
            List<TypedStep> typed) implements IncidentEvent {
        public HandoffSent {
            runbooks = runbooks == null ? List.of() : List.copyOf(runbooks);
            nodes = nodes == null ? List.of() : List.copyOf(nodes);
            typed = typed == null ? List.of() : List.copyOf(typed);
        }

        /** A node the sender worked on, where they reached it, and whether it is production. */
        public record HandedNode(String name, String host, int port, String user, boolean production) {}

        /** A step typed and left on a terminal's line. */
        public record TypedStep(String runbook, int step, String text, String target) {}

        /** The handoff as the sender's copy goes read-only on: a handoff without a bundle file. */
        public HandoffExported asExported(String by) {
            return new HandoffExported("a git handoff to " + to, null, by, 0, 0, true, to);
        }
    }

    /**
     * The receiver took over an incident handed off through git.
     *
     * @param from  whose log holds the handoff
     * @param sent  the {@code seq} of that {@link HandoffSent} line in {@code from}'s log
     * @param named whether the handoff named this responder; a teammate may take over one meant for someone else
     */
    record HandoffAccepted(String from, long sent, String to, boolean named) implements IncidentEvent {}

    /** A line of a type this version does not know (a newer Baton wrote it): kept and shown as it is. */
    record Other(String type, Map<String, Object> data) implements IncidentEvent {
        public Other {
            data = Map.copyOf(data);
        }
    }
}
