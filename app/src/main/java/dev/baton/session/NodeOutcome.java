package dev.baton.session;

import dev.baton.inventory.Node;
import dev.baton.ssh.RunResult;
import java.time.Duration;

/**
 * Where one node of a fan-out stands, as the results grid shows it.
 *
 * @param exit      the node's exit status, or null when it gave none
 * @param firstLine the first line of its output (stdout, else stderr), for the grid
 * @param outputKey equal for two nodes exactly when their exit and outputs are the same
 * @param reason    why it did not run or did not finish, in the responder's words; empty otherwise
 * @param result    the run, with its outputs, once it has ended; null before and when it never started
 */
public record NodeOutcome(Node node, Status status, Integer exit, Duration duration, String firstLine,
        String outputKey, String reason, RunResult result) {

    public enum Status {
        WAITING("waiting"),
        CONNECTING("connecting"),
        RUNNING("running"),
        SUCCEEDED("succeeded"),
        FAILED("failed"),
        UNREACHABLE("unreachable"),
        TIMED_OUT("timed out"),
        CANCELLED("cancelled"),
        /** Left out: the run stopped before this node's batch (a failure, or the responder after the canary). */
        NOT_RUN("not run");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public boolean finished() {
            return ordinal() >= SUCCEEDED.ordinal();
        }
    }

    static NodeOutcome waiting(Node node) {
        return new NodeOutcome(node, Status.WAITING, null, Duration.ZERO, "", "", "", null);
    }

    /** A node that ended without a run of its own: unreachable, cancelled, left out; {@code reason} says why. */
    static NodeOutcome ended(Node node, Status status, String reason) {
        return new NodeOutcome(node, status, null, Duration.ZERO, "", status + "|" + FailureWords.kind(reason, node),
                reason, null);
    }

    NodeOutcome with(Status next) {
        return new NodeOutcome(node, next, exit, duration, firstLine, outputKey, reason, result);
    }

    public String name() {
        return node.name();
    }

    /** Anything but a clean exit 0: what "Retry failed" runs again. */
    public boolean failed() {
        return status.finished() && status != Status.SUCCEEDED;
    }
}
