package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.runbook.Seeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The plain search and alert read without picocli mean what picocli reads from the same words, or are left to it. */
class PlainCommandLineTest {
    private static final BatonCommand.WindowOpener NO_WINDOW = (runbooks, inventories) -> {
        throw new AssertionError("a command line run must not open the window");
    };

    @TempDir
    Path dir;

    /** What picocli's model of the command holds after reading {@code args}, as the plain form's record. */
    private static PlainCommandLine.Invocation picocli(String... args) {
        CommandLine cl = BatonCommand.commandLine(NO_WINDOW, args);
        Object command = cl.parseArgs(args).subcommand().commandSpec().userObject();
        if (command instanceof SearchCommand search) {
            return new PlainCommandLine.Search(search.words, search.limit, search.libraryOption.dir);
        }
        if (command instanceof RunCommand run) {
            assertThat(run.where.nodes).hasSize(1);
            return new PlainCommandLine.Run(run.where.nodes.get(0), run.what.step, run.what.command, run.inventories,
                    run.knownHosts, run.identities, run.yes, run.values, run.labels);
        }
        AlertCommand alert = (AlertCommand) command;
        return new PlainCommandLine.Alert(alert.name, alert.url, alert.libraryOption.dir);
    }

    @Test
    void everyPlainFormReadsAsPicocliReadsIt() {
        String[][] forms = {
            {"search", "disk"},
            {"search", "disk", "full"},
            {"search", "disk", "fu", "--dir", "/srv/runbooks"},
            {"search", "--dir", "/srv/runbooks", "disk"},
            {"search", "-d", "runbooks", "disk", "-n", "3"},
            {"search", "--dir=/srv/run books", "--limit=25", "disk", "full"},
            {"search", "--limit", "0", "x"},
            {"search", "kubectl", "get", "pods;", "$(rm", "x)`", "'a b'"},
            {"alert", "NodeDown"},
            {"alert", "NodeDown", "--dir", "/srv/runbooks"},
            {"alert", "-d", "/srv/runbooks", "node-down"},
            {"alert", "--url", "https://runbooks.example/node-down", "NodeDown"},
            {"alert", "--url=https://runbooks.example/x?a=1&b=2", "--dir=r"},
            {"alert"},
            {"run", "--node", "n1", "--command", "true"},
            {"run", "--node", "n1", "--inventory", "hosts.ini", "--known-hosts", "/tmp/kh", "--yes", "--command", "true"},
            {"run", "--yes", "--command=uptime; echo 'a b' \"c\" $(id)", "--node=deploy@db1:2222"},
            {"run", "--step", "runbooks/disk.md#2", "--node", "web1", "--inventory", "a.ini", "--inventory=b yaml"},
            {"run", "--node", "n1", "--step", "disk.md#full#1", "--identity", "k1", "--identity", "/k 2"},
            {"run", "--node", "n1", "--command", "line one\nline two\ttab"},
            {"run", "--node", "n1", "--step", "d.md#1", "--var", "ns=prod", "--label", "instance=db1:9100", "--yes"},
            {"run", "--node", "n1", "--step", "d.md#1", "--var=a=b=c", "--var", "pod=x y", "--var", "a=again"},
            {"run", "--label", "pod=x\nEOF\ntouch /tmp/x", "--label=job=$(rm -rf ~)`id`", "--node", "n1", "--command", "x"},
            {"run", "--node", "n1", "--command", "x", "--label", "a=-1", "--var", "b=@c"},
        };
        for (String[] args : forms) {
            assertThat(PlainCommandLine.parse(args)).as(String.join(" ", args)).contains(picocli(args));
        }
    }

    @Test
    void anythingElseIsLeftToPicocli() {
        String[][] forms = {
            {}, {"search"}, {"search", "--help"}, {"search", "-h"}, {"search", "disk", "--version"}, {"search", "-V"},
            {"search", "disk", "--dir", "a", "--dir", "b"}, {"search", "disk", "-n", "3", "--limit", "4"},
            {"search", "disk", "-n"}, {"search", "disk", "-n", "x"}, {"search", "disk", "-n", "-1"},
            {"search", "disk", "-n=3"}, {"search", "disk", "-n3"}, {"search", "-ddir", "disk"},
            {"search", "--", "-disk"}, {"search", "@args.txt"}, {"search", "disk", "--dir", "@dir"},
            {"search", "disk", "--dir", ""}, {"search", "disk", "--dir="}, {"search", "disk", "--url", "x"},
            {"search", "disk", "--unknown", "x"}, {"search", "disk", "--dir", "--limit"},
            {"alert", "A", "B"}, {"alert", "A", "-n", "3"}, {"alert", "A", "--url", "u", "--url", "v"},
            {"alert", "--help"}, {"lint", "dir"}, {"inspect", "x"}, {"--runbooks", "dir"}, {"help", "search"},
            {"sear", "disk"},
            {"run"}, {"run", "--node", "n1"}, {"run", "--command", "true"}, {"run", "--help"},
            {"run", "--node", "n1", "--command", "true", "--help"}, {"run", "--node", "n1", "--command", "true", "-V"},
            {"run", "--node", "a", "--node", "b", "--command", "true"}, {"run", "--group", "web", "--command", "true"},
            {"run", "--node", "n1", "--command", "true", "--step", "d.md#1"},
            {"run", "--node", "n1", "--command", "a", "--command", "b"},
            {"run", "--node", "n1", "--command", "true", "--yes", "--yes"},
            {"run", "--node", "n1", "--command", "true", "--yes=false"},
            {"run", "--node", "n1", "--command", "-x"}, {"run", "--node", "n1", "--command", "@args"},
            {"run", "--node", "n1", "--command", ""}, {"run", "--node", "n1", "--command="},
            {"run", "--node", "n1", "--command"}, {"run", "--node", "--yes", "--command", "true"},
            {"run", "--node", "n1", "--command", "true", "extra"}, {"run", "@args.txt"},
            {"run", "--node", "n1", "--command", "true", "--known-hosts", "a", "--known-hosts", "b"},
            {"run", "--node", "n1", "--command", "true", "--var", "ab"},
            {"run", "--node", "n1", "--command", "true", "--var", "=b"},
            {"run", "--node", "n1", "--command", "true", "--label", "a="},
            {"run", "--node", "n1", "--command", "true", "--label", "-a=b"},
            {"run", "--node", "n1", "--command", "true", "--var"},
            {"run", "--node", "n1", "--command", "true", "--parallel", "3"},
            {"run", "--node", "n1", "--command", "true", "--engine", "ssh"},
            {"run", "--node", "n1", "--command", "true", "--connect-timeout", "3"},
            {"run", "--node", "n1", "--command", "true", "--json"},
            {"run", "--node", "n1", "--command", "true", "--inventory", "a\0b"},
            {"run", "--node", "n1", "--command", "true", "--", "x"}, {"run", "-yes", "--node", "n1", "--command", "x"},
        };
        for (String[] args : forms) {
            assertThat(PlainCommandLine.parse(args)).as(String.join(" ", args)).isEmpty();
        }
    }

    @Test
    void aPlainRunPrintsWhatPicocliPrints() throws Exception {
        Files.writeString(dir.resolve("stalled.md"), "---\nalerts: [BatonQueueStalled]\n---\n# Queue stalled\n\nDrain it.\n");
        String shipped = Seeds.shippedRunbooks().toString();
        List<String[]> runs = List.of(
                new String[] {"search", "disk", "fu", "--dir", shipped},
                new String[] {"search", "zzqqxxnotaword", "--dir", shipped},
                new String[] {"alert", "NodeDown", "--dir", shipped},
                new String[] {"alert", "BatonQueueStaled", "--dir", dir.toString()},
                new String[] {"alert", "--dir", dir.toString()},
                new String[] {"alert", "--url", "https://runbooks.example/none", "--dir", dir.toString()});
        for (String[] args : runs) {
            assertThat(PlainCommandLine.parse(args)).as(String.join(" ", args)).isPresent();
            assertThat(CliRun.of(args)).as(String.join(" ", args)).isEqualTo(CliRun.throughPicocli(args));
        }
    }
}
