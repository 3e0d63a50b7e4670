package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandRegistrationTest {
    private static final BatonCommand.WindowOpener NO_WINDOW = (runbooks, inventories) -> {
        throw new AssertionError("a command line run must not open the window");
    };

    @Test
    void aCommandBuildsOnlyItsOwnModel() {
        assertThat(BatonCommand.commandLine(NO_WINDOW, "search", "disk").getSubcommands()).containsOnlyKeys("search");
        assertThat(BatonCommand.commandLine(NO_WINDOW, "alert", "DiskFull").getSubcommands()).containsOnlyKeys("alert");
    }

    @Test
    void helpOptionsAndUnknownWordsSeeEveryCommand() {
        for (String[] args : new String[][] {{}, {"--help"}, {"help", "search"}, {"sear", "disk"}, {"--runbooks", "x"}}) {
            assertThat(BatonCommand.commandLine(NO_WINDOW, args).getSubcommands()).as(String.join(" ", args))
                    .containsKeys("inspect", "lint", "search", "alert", "alerts", "open-alert", "run", "timeline",
                            "incident", "bundle", "query", "help");
        }
    }

    @Test
    void aCommandsHelpReadsTheSameWhicheverWayItWasBuilt() {
        for (String command : BatonCommand.commandLine(NO_WINDOW).getSubcommands().keySet()) {
            if (command.equals("help")) {
                continue;
            }
            assertThat(help(BatonCommand.commandLine(NO_WINDOW, command, "--help"), command))
                    .as(command).isEqualTo(help(BatonCommand.commandLine(NO_WINDOW), command));
        }
    }

    private static String help(CommandLine cl, String command) {
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertThat(cl.execute(command, "--help")).isZero();
        return out.toString();
    }
}
