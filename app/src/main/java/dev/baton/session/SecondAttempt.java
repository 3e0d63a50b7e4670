package dev.baton.session;

import dev.baton.ansible.AnsibleCommand;
import dev.baton.ansible.AnsibleInvocation;
import dev.baton.ansible.AnsibleProcess;
import dev.baton.ansible.HostResult;
import dev.baton.ansible.UnreachableMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks Ansible again why ssh gave up on hosts whose reason pipelining lost (see
 * {@link dev.baton.ansible.UnreachableMessage}): one {@code ansible -m ping} with pipelining off on just those hosts,
 * once the run's own Ansible has ended, so that it never competes with the run for the laptop nor holds back another
 * host's result. It changes nothing on a host; it only connects.
 */
final class SecondAttempt {
    /** Ansible's start, its connect timeout (10 s by default) and ping's round trips, with room for a busy laptop. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final AnsibleCommand command;
    private final AnsibleInvocation invocation;
    private final Duration timeout;
    private volatile AnsibleProcess process;
    private volatile boolean cancelled;

    /**
     * @param invocation the second attempt itself ({@link AnsibleInvocation#askingAgain})
     * @param timeout    how long it may take before it is stopped ({@link #TIMEOUT})
     */
    SecondAttempt(AnsibleCommand command, AnsibleInvocation invocation, Duration timeout) {
        this.command = command;
        this.invocation = invocation;
        this.timeout = timeout;
    }

    /** The command line the incident records for it. */
    String shown() {
        return invocation.shown("");
    }

    /**
     * Runs it and waits at most its timeout; each host's reason, in the order asked.
     *
     * @param first each host's unreachable message from the run
     */
    Map<String, String> reasons(Map<String, String> first) throws InterruptedException {
        if (cancelled) {
            return notMade(first, "the run was cancelled");
        }
        Map<String, HostResult> answers = new ConcurrentHashMap<>();
        String failure = ask(answers);
        Map<String, String> reasons = new LinkedHashMap<>();
        for (Map.Entry<String, String> host : first.entrySet()) {
            HostResult answer = answers.get(host.getKey());
            reasons.put(host.getKey(), answer == null ? unanswered(host.getValue(), failure)
                    : answered(host.getValue(), answer));
        }
        return reasons;
    }

    /** Runs Ansible's ping; why a host may have no answer (only read for such a host). */
    private String ask(Map<String, HostResult> answers) throws InterruptedException {
        AnsibleProcess started;
        try {
            started = AnsibleProcess.start(command, invocation, result -> answers.put(result.host(), result));
        } catch (IOException e) {
            return "Ansible could not be started: " + e.getMessage();
        }
        process = started;
        try {
            if (cancelled) {
                started.cancel();
            }
            boolean timedOut = !started.exited(timeout);
            if (timedOut) {
                started.cancel();
            }
            int exit = started.await();
            if (timedOut) {
                return "it did not answer within " + timeout.toSeconds() + " s and was stopped";
            }
            if (cancelled) {
                return "it was stopped by Cancel";
            }
            String diagnostics = started.diagnostics();
            return "Ansible ended (exit " + exit + ") without an answer for this host"
                    + (diagnostics.isEmpty() ? "" : ": " + diagnostics);
        } catch (InterruptedException e) {
            started.cancel();
            throw e;
        }
    }

    /** Stops the second attempt's Ansible and every ssh it started (its process group). */
    void cancel() {
        cancelled = true;
        AnsibleProcess running = process;
        if (running != null) {
            running.cancel();
        }
    }

    private String answered(String first, HostResult answer) {
        String run = " The run's own attempt reported only Ansible's broken pipe: " + first;
        if (answer.ending() == HostResult.Ending.UNREACHABLE && UnreachableMessage.lostSshsWords(answer.message())) {
            // Without pipelining Ansible still writes into ssh's stdin when it copies a file through ssh itself
            // (its "piped" transfer, where sftp and scp are missing): that can lose ssh's words too.
            return unanswered(first, "Ansible's broken pipe again (" + answer.message() + ")");
        }
        if (answer.ending() == HostResult.Ending.UNREACHABLE) {
            return AnsibleEngine.kindOf(answer.message()) + answer.message() + " (ssh's words from a second connection"
                    + " attempt, without pipelining: " + shown() + ".)" + run;
        }
        // ping ran, or failed after connecting (no Python there): ssh reached the host this time.
        return "reachable: a second connection attempt, without pipelining (" + shown() + "), reached this host"
                + (answer.ending() == HostResult.Ending.FAILED ? " (ping failed there: " + answer.message() + ")" : "")
                + ", but the step did not run on it; retry it." + run;
    }

    private String unanswered(String first, String failure) {
        return "broken pipe: " + first + " (ssh's words were lost to Ansible's broken pipe; a second connection"
                + " attempt without pipelining, " + shown() + ", gave none: " + failure + ".)";
    }

    /** Each host's reason when no second attempt could be made: Ansible's words, and why there is no other. */
    static Map<String, String> notMade(Map<String, String> first, String why) {
        Map<String, String> reasons = new LinkedHashMap<>();
        first.forEach((host, words) -> reasons.put(host, "broken pipe: " + words + " (ssh's words were lost to"
                + " Ansible's broken pipe; no second connection attempt was made: " + why + ".)"));
        return reasons;
    }
}
