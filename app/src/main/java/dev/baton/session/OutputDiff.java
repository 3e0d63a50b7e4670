package dev.baton.session;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.List;

/** Two nodes' outputs compared line by line, as {@code diff -u} shows them. */
public final class OutputDiff {
    private OutputDiff() {}

    public static String unified(String nameA, String a, String nameB, String b) {
        List<String> left = a.lines().toList();
        List<String> right = b.lines().toList();
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(nameA, nameB, left, DiffUtils.diff(left, right), 3);
        return diff.isEmpty() ? "(same output)" : String.join("\n", diff);
    }

    /**
     * The text a filter searches: the head and tail of each output held in memory, so that filtering a
     * thousand nodes never reads a spool file.
     */
    public static String searchable(NodeOutcome outcome) {
        if (outcome.result() == null) {
            return outcome.reason();
        }
        var out = outcome.result().stdout();
        var err = outcome.result().stderr();
        return new String(out.head(), java.nio.charset.StandardCharsets.UTF_8) + "\n"
                + new String(out.tail(), java.nio.charset.StandardCharsets.UTF_8) + "\n"
                + new String(err.head(), java.nio.charset.StandardCharsets.UTF_8) + "\n"
                + new String(err.tail(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The text a node's output is compared and shown by: stdout, then stderr after a marker. May read a file. */
    public static String outputOf(NodeOutcome outcome) {
        if (outcome.result() == null) {
            return outcome.reason();
        }
        String stderr = outcome.result().stderr().size() == 0 ? "" : "\n── stderr ──\n" + outcome.result().stderr().text();
        return outcome.result().stdout().text() + stderr;
    }
}
