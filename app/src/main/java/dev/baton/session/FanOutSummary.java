package dev.baton.session;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A fan-out said in plain text, for the notes and the command line: the counts, each group of nodes that
 * ended alike with one representative output, and every failure with its reason.
 */
public final class FanOutSummary {
    private static final int OUTPUT_LINES = 20;
    private static final int NAMES_SHOWN = 12;

    private FanOutSummary() {}

    public static String counts(FanOutRun run) {
        List<NodeOutcome> all = run.outcomes();
        long succeeded = all.stream().filter(o -> o.status() == NodeOutcome.Status.SUCCEEDED).count();
        long failed = all.stream().filter(o -> o.status() == NodeOutcome.Status.FAILED).count();
        long unreachable = all.stream().filter(o -> o.status() == NodeOutcome.Status.UNREACHABLE).count();
        long other = all.stream().filter(o -> o.status().finished()).count() - succeeded - failed - unreachable;
        long unfinished = all.size() - succeeded - failed - unreachable - other;
        StringBuilder text = new StringBuilder().append(all.size()).append(" nodes: ").append(succeeded)
                .append(" succeeded, ").append(failed).append(" failed, ").append(unreachable).append(" unreachable");
        if (other > 0) {
            text.append(", ").append(other).append(" cancelled or timed out");
        }
        if (unfinished > 0) {
            text.append(", ").append(unfinished).append(" not finished");
        }
        return text.toString();
    }

    /** The whole summary: counts, then each group with its nodes and one output. */
    public static String text(FanOutRun run) {
        StringBuilder text = new StringBuilder(counts(run)).append('\n');
        for (OutputGroup group : run.groups()) {
            text.append("\n== ").append(group.label()).append('\n');
            if (group.size() > 1) {
                text.append("   ").append(names(group.members())).append('\n');
            }
            NodeOutcome first = group.representative();
            if (first.result() != null) {
                String output = first.result().stdout().text() + (first.result().stderr().size() == 0 ? ""
                        : "\n── stderr ──\n" + first.result().stderr().text());
                text.append(head(output.isBlank() ? "(no output)" : output));
            } else if (group.size() > 1) {
                group.members().forEach(member -> text.append("   ").append(member.name()).append(": ")
                        .append(member.reason()).append('\n'));
            }
        }
        return text.toString();
    }

    private static String names(List<NodeOutcome> members) {
        String shown = members.stream().limit(NAMES_SHOWN).map(NodeOutcome::name).collect(Collectors.joining(", "));
        return members.size() > NAMES_SHOWN ? shown + String.format(Locale.ROOT, " and %d more",
                members.size() - NAMES_SHOWN) : shown;
    }

    private static String head(String output) {
        List<String> lines = output.strip().lines().toList();
        String kept = String.join("\n", lines.subList(0, Math.min(OUTPUT_LINES, lines.size())));
        return kept + (lines.size() > OUTPUT_LINES ? "\n… " + (lines.size() - OUTPUT_LINES) + " more lines" : "")
                + "\n";
    }
}
