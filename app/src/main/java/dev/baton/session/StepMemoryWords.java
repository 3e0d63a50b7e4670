package dev.baton.session;

import dev.baton.history.StepMemory;
import dev.baton.render.StepRecall;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Step memory in the words the runbook page shows under each step. */
public final class StepMemoryWords {
    private static final int OUTPUT_CHARS = 300;

    private StepMemoryWords() {}

    public static Map<Integer, StepRecall> of(Map<Integer, StepMemory> memory) {
        Map<Integer, StepRecall> words = new LinkedHashMap<>();
        memory.forEach((step, m) -> words.put(step, of(m)));
        return words;
    }

    static StepRecall of(StepMemory m) {
        String summary = "Past incidents: ran " + times(m.runs()) + ", failed " + times(m.failures())
                + (m.medianDurationMs() < 0 ? "" : ", median " + duration(m.medianDurationMs()))
                + "; last in " + m.lastIncident() + ".";
        String output = m.lastOutput().length() <= OUTPUT_CHARS ? m.lastOutput()
                : m.lastOutput().substring(0, OUTPUT_CHARS) + "…";
        return new StepRecall(summary, output.isEmpty() ? "" : "Last output:\n" + output, m.failedLastThree());
    }

    private static String times(int n) {
        return n == 1 ? "once" : n + " times";
    }

    private static String duration(long ms) {
        return ms < 2000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
