package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.runbook.Seeds;
import dev.baton.terminal.LocalShellSession;
import dev.baton.ui.terminal.TerminalTab;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program in the terminal prints hostile control sequences; whatever the emulator sends back arrives
 * on that program's standard input, which the test keeps in a file.
 */
class TerminalRepliesUiTest extends ConsoleTest {
    @Override
    protected Path runbooks() {
        return Seeds.shippedRunbooks();
    }

    private static final String ESC = "\u001b";
    private static final String BEL = "\u0007";
    private static final String ST = ESC + "\\";

    @TempDir
    Path dir;




    /** Prints the payloads, then copies every byte the terminal sends back into the replies file. */
    private TerminalTab catInTerminal(String payloads, Path replies) throws Exception {
        Path file = Files.writeString(dir.resolve("payloads"), payloads + "\r\nPAYLOADS-DONE\r\n", StandardCharsets.UTF_8);
        String script = "stty raw -echo; cat '" + file + "'; exec cat > '" + replies + "'";
        ConsoleFixture.onFx(() -> {
            app.console().terminals().open(() -> LocalShellSession.start(List.of("/bin/sh", "-c", script), dir, "probe"), "probe");
            return null;
        });
        TerminalTab tab = fx.waitForTerminal("probe");
        fx.waitForText(tab, "PAYLOADS-DONE", 20);
        Thread.sleep(1500);
        return tab;
    }

    @Test
    void hostileSequencesGetNoReply() throws Exception {
        Path replies = dir.resolve("replies");
        String payloads = String.join("",
                ESC + "]52;c;cHduZWQ=" + BEL,                    // OSC 52: set the clipboard
                ESC + "]52;c;?" + BEL,                           // OSC 52: read the clipboard back
                ESC + "]2;$(touch pwned)" + BEL,                 // a title chosen by the program…
                ESC + "[21t", ESC + "[20t",                      // …and a request to report it
                ESC + "P$q\"p" + ST, ESC + "P$qm" + ST,          // DECRQSS
                ESC + "]8;;file:///etc/passwd" + ST + "click" + ESC + "]8;;" + ST);
        catInTerminal(payloads, replies);
        assertThat(Files.readAllBytes(replies)).as("bytes written back to the pty").isEmpty();
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void aHarmlessQueryIsAnsweredSoTheHarnessCanSeeReplies() throws Exception {
        Path replies = dir.resolve("replies");
        catInTerminal(ESC + "[6n", replies);
        assertThat(Files.readString(replies, StandardCharsets.ISO_8859_1)).matches("\u001b\\[\\d+;\\d+R");
    }

    @Test
    void onlyWebAddressesBecomeLinks() throws Exception {
        String payloads = ESC + "]8;;file:///etc/passwd" + ST + "LOCALFILE" + ESC + "]8;;" + ST
                + " see https://example.org/runbook for more";
        TerminalTab tab = catInTerminal(payloads, dir.resolve("replies"));
        assertThat(styleAt(tab, "LOCALFILE")).isNotInstanceOf(com.techsenger.jeditermfx.core.HyperlinkStyle.class);
        assertThat(styleAt(tab, "https://example.org/runbook")).isInstanceOf(com.techsenger.jeditermfx.core.HyperlinkStyle.class);
    }

    private static Object styleAt(TerminalTab tab, String text) {
        var buffer = tab.widget().getTerminalTextBuffer();
        buffer.lock();
        try {
            for (int y = 0; y < buffer.getHeight(); y++) {
                int x = buffer.getLine(y).getText().indexOf(text);
                if (x >= 0) {
                    return buffer.getStyleAt(x + 1, y);
                }
            }
        } finally {
            buffer.unlock();
        }
        throw new AssertionError(text + " not on screen");
    }
}
