package dev.baton.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.terminal.TypedLine.Fate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TypedLineTest {
    private static final String STEP = "find /var/log -name '*.gz' -delete";

    @Test
    void enterRunsTheLineAsItStands() {
        TypedLine line = new TypedLine(STEP);
        assertThat(line.keys("")).isEmpty();
        TypedLine.Outcome outcome = line.keys("\r").orElseThrow();
        assertThat(outcome.fate()).isEqualTo(Fate.RUN);
        assertThat(outcome.edited()).isFalse();
        assertThat(outcome.line()).contains(STEP);
    }

    @Test
    void ctrlCAbandonsItAndLaterKeysAreNotRead() {
        TypedLine line = new TypedLine(STEP);
        TypedLine.Outcome outcome = line.keys("\u0003\r").orElseThrow();
        assertThat(outcome.fate()).isEqualTo(Fate.ABANDONED);
        assertThat(outcome.reason()).isEqualTo("Ctrl+C");
    }

    @Test
    void erasingTheWholeLineAbandonsItAtOnce() {
        TypedLine line = new TypedLine("df -h");
        assertThat(line.keys("\u007f\u007f\u007f\u007f")).isEmpty();
        assertThat(line.keys("\u007f").orElseThrow().reason()).isEqualTo("line cleared");
        assertThat(new TypedLine("df -h").keys("\u0015").orElseThrow().fate()).isEqualTo(Fate.ABANDONED);
        assertThat(new TypedLine("rm -rf /tmp/x").keys("\u0017\u0017\u0017").orElseThrow().fate()).isEqualTo(Fate.ABANDONED);
    }

    @Test
    void aLineFromHistoryInItsPlaceAbandonsIt() {
        assertThat(new TypedLine("df -h").keys("\u001b[A").orElseThrow().reason())
                .isEqualTo("replaced by a line from history");
        assertThat(new TypedLine("df -h").keys("\u001bOA").orElseThrow().fate()).isEqualTo(Fate.ABANDONED);
    }

    @Test
    void editingAtTheEndIsKnownExactly() {
        TypedLine line = new TypedLine("rm -f /tmp/a");
        TypedLine.Outcome outcome = line.keys("\u007fb -v\r").orElseThrow();
        assertThat(outcome.fate()).isEqualTo(Fate.RUN);
        assertThat(outcome.edited()).isTrue();
        assertThat(outcome.line()).contains("rm -f /tmp/b -v");
    }

    @Test
    void afterACursorMoveTheLineIsEditedButNotKnown() {
        TypedLine.Outcome outcome = new TypedLine("df -h").keys("\u001b[Dx\r").orElseThrow();
        assertThat(outcome.fate()).isEqualTo(Fate.RUN);
        assertThat(outcome.edited()).isTrue();
        assertThat(outcome.line()).isEqualTo(Optional.empty());
    }

    @Test
    void theEmulatorsRepliesAndPastedTextAreNotMistakenForKeys() {
        TypedLine line = new TypedLine("df -h");
        assertThat(line.keys("\u001b[12;5R\u001b[?1;2c")).isEmpty();
        TypedLine.Outcome outcome = line.keys("\u001b[200~ /var\u001b[201~\r").orElseThrow();
        assertThat(outcome.line()).contains("df -h /var");
    }
}
