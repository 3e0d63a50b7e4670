package dev.baton.cli;

import dev.baton.incident.IncidentStore;
import dev.baton.session.IncidentReports;
import dev.baton.session.RunComparison;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code baton incident}: what is done with a recorded incident. Each subcommand is a class of its own. */
@Command(name = "incident", description = "Work with recorded incidents: write a report, compare two runs.",
        subcommands = {IncidentCommand.Report.class, IncidentCommand.Diff.class})
final class IncidentCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** An incident named by its id in the data folder, or by its folder. */
    static Path folder(String incident) throws IOException {
        Path given = Path.of(incident);
        if (Files.isDirectory(given)) {
            return given.toAbsolutePath().normalize();
        }
        Path inStore = new IncidentStore(IncidentStore.defaultDataDirectory()).incidentsDirectory().resolve(incident)
                .normalize();
        if (incident.contains("/") || incident.contains("\\") || !Files.isDirectory(inStore)) {
            throw new IOException("no incident " + incident + " (neither a folder nor an id in "
                    + new IncidentStore(IncidentStore.defaultDataDirectory()).incidentsDirectory() + ")");
        }
        return inStore;
    }

    @Command(name = "report", description = {
        "Write a post-incident report draft anyone can read, as HTML or Markdown.",
        "Summary, impact, what happened, the commands run, MTTR against the",
        "runbook's target, what took longest, errors, captures, notes, every event.",
        "Secrets are redacted as in a handoff bundle. HTML is one page that loads",
        "and runs nothing; Markdown renders on GitHub and GitLab."})
    static final class Report implements Callable<Integer> {
        @Parameters(paramLabel = "INCIDENT", description = "Incident id (see the data folder) or its folder.")
        String incident;

        @Option(names = "--format", paramLabel = "md|html", description = "Default: html, or what --output ends with.")
        String format;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of standard output.")
        Path output;

        @Option(names = "--force", description = "Replace FILE if it already exists.")
        boolean force;

        @Mixin
        LibraryOption library;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            IncidentReports.Format chosen;
            if (format == null) {
                chosen = output == null ? IncidentReports.Format.HTML : IncidentReports.Format.of(output);
            } else if (format.equalsIgnoreCase("md") || format.equalsIgnoreCase("markdown")) {
                chosen = IncidentReports.Format.MD;
            } else if (format.equalsIgnoreCase("html")) {
                chosen = IncidentReports.Format.HTML;
            } else {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--format " + Printable.of(format) + ": say md or html");
            }
            try {
                Path folder = folder(incident);
                if (output == null) {
                    spec.commandLine().getOut().print(IncidentReports.render(folder, chosen, library.load(), Instant.now()));
                    spec.commandLine().getOut().flush();
                } else {
                    Path written = IncidentReports.write(folder, chosen, library.load(), output, force);
                    err.println("wrote " + written);
                }
                return 0;
            } catch (IncidentReports.ReportExists e) {
                err.println("baton incident report: " + Printable.of(e.getMessage()) + ". Use --force to replace it.");
                return 2;
            } catch (IOException e) {
                err.println("baton incident report: " + Printable.of(String.valueOf(e.getMessage())));
                return 2;
            }
        }
    }

    @Command(name = "diff", description = {
        "Compare the output of two runs on nodes, as diff -u.",
        "Today's and a past incident's, or two nodes of one run. Name a run by its",
        "incident and the number of its run.result event (as the timeline lists",
        "it): INCIDENT:EVENT. Exit 0 when the outputs are the same, 1 when they",
        "differ, 2 when one cannot be read."})
    static final class Diff implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RUN", description = "INCIDENT:EVENT, e.g. 20261125-030000-disk-full:14")
        String first;

        @Parameters(index = "1", paramLabel = "RUN", description = "INCIDENT:EVENT, or :EVENT for the same incident")
        String second;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try {
                RunComparison.RunOutput a = run(first, null);
                RunComparison.RunOutput b = run(second, first);
                String diff = RunComparison.diff(a, b);
                spec.commandLine().getOut().println(Printable.lines(diff));
                return diff.equals("(same output)") ? 0 : 1;
            } catch (IOException e) {
                spec.commandLine().getErr().println("baton incident diff: " + Printable.of(String.valueOf(e.getMessage())));
                return 2;
            }
        }

        private RunComparison.RunOutput run(String reference, String sameIncidentAs) throws IOException {
            int colon = reference.lastIndexOf(':');
            if (colon < 0 || colon == reference.length() - 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), Printable.of(reference)
                        + ": name a run as INCIDENT:EVENT (the number of its run.result line)");
            }
            String incident = reference.substring(0, colon);
            if (incident.isEmpty() && sameIncidentAs != null) {
                incident = sameIncidentAs.substring(0, Math.max(0, sameIncidentAs.lastIndexOf(':')));
            }
            long seq;
            try {
                seq = Long.parseLong(reference.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), Printable.of(reference)
                        + ": the event after the colon is a number, as the timeline lists it");
            }
            return RunComparison.read(folder(incident), seq);
        }
    }
}
