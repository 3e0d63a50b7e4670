package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.runbook.Seeds;
import dev.baton.terminal.LocalShellSession;
import dev.baton.ui.terminal.TerminalTab;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command floods a terminal tab: jump scroll may skip lines, but never what the scrollback keeps. */
class TerminalFloodUiTest extends ConsoleTest {
    private static final int LAST = 300_000;

    @TempDir
    Path dir;

    @Override
    protected Path runbooks() {
        return Seeds.shippedRunbooks();
    }

    @Test
    void aFloodEndsWithAFullUnbrokenScrollback() throws Exception {
        String script = "seq 1 " + LAST + "; echo FLOOD-DONE";
        ConsoleFixture.onFx(() -> {
            app.console().terminals().open(() -> LocalShellSession.start(List.of("/bin/sh", "-c", script), dir, "flood"),
                    "flood");
            return null;
        });
        TerminalTab tab = fx.waitForTerminal("flood");
        fx.waitForText(tab, "FLOOD-DONE", 60);

        List<String> rows = tab.widget().text().lines().toList();
        List<String> numbers = rows.subList(0, rows.indexOf("FLOOD-DONE"));
        assertThat(numbers).as("a full scrollback of numbers").hasSizeGreaterThanOrEqualTo(5_000);
        int first = LAST - numbers.size() + 1;
        for (int i = 0; i < numbers.size(); i++) {
            assertThat(numbers.get(i)).as("row %d", i).isEqualTo(String.valueOf(first + i));
        }
    }
}
