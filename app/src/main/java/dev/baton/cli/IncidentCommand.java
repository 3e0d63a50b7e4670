package dev.baton.cli;

import dev.baton.handoff.Redactor;
import dev.baton.incident.EventWords;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import dev.baton.inventory.Inventory;
import dev.baton.inventory.InventoryLoader;
import dev.baton.session.GitHandoffs;
import dev.baton.session.IncidentReports;
import dev.baton.session.RunComparison;
import dev.baton.session.TeamSync;
import dev.baton.team.SharedLogs;
import dev.baton.team.TeamException;
import dev.baton.team.TeamSettings;
import dev.baton.team.TeamTimeline;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code baton incident}: what is done with an incident, alone or with the team; one class per subcommand. */
@Command(name = "incident", description = {
    "Work with incidents: write a report, compare two runs,",
    "or work one incident with the team through its own git remote."},
        subcommands = {IncidentCommand.Report.class, IncidentCommand.Diff.class, IncidentCommand.Share.class,
            IncidentCommand.Join.class, IncidentCommand.Note.class, IncidentCommand.Sync.class, IncidentCommand.Log.class,
            IncidentListCommand.class, IncidentCommand.Handoff.class, IncidentCommand.TakeOver.class})
final class IncidentCommand implements Runnable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** Where the remote is and who signs: options first, then config.yaml's team:, then the defaults. */
    static final class RemoteOptions {
        @Option(names = "--remote", paramLabel = "URL", description = {
            "The team's incident remote: any git URL, or a bare repository's path",
            "(default: team.remote in config.yaml, or the remote the incident was shared through)."})
        String remote;

        @Option(names = "--identity", paramLabel = "KEY", description = {
            "SSH key that signs your commits: a private key without passphrase, or a .pub whose key",
            "ssh-agent holds (default: team.identity in config.yaml, else ~/.ssh/id_ed25519, id_ecdsa, id_rsa)."})
        Path identity;

        @Option(names = "--allowed-signers", paramLabel = "FILE", description = {
            "OpenSSH allowed_signers: who may sign as whom (default: allowed_signers in Baton's config folder,",
            "$XDG_CONFIG_HOME/baton or ~/.config/baton)."})
        Path allowedSigners;

        TeamSync.Access access(TeamSync sync, String id, boolean needKey) throws TeamException {
            TeamSettings settings = TeamSettings.load(System.getenv());
            String url = remote != null ? remote : sync.remote(id).or(settings::remote).orElseThrow(
                    () -> new TeamException("No remote: give --remote URL, or set team.remote in config.yaml"));
            Path key = identity != null ? identity : settings.identity().or(() -> TeamSettings.defaultKey(
                    Path.of(System.getProperty("user.home"), ".ssh"))).orElse(null);
            if (needKey && (key == null || !Files.isRegularFile(key))) {
                throw new TeamException(key == null ? "No SSH key to sign with: give --identity KEY"
                        : "No SSH key at " + key);
            }
            return new TeamSync.Access(url, key, allowedSigners != null ? allowedSigners : settings.allowedSigners());
        }
    }

    private static TeamSync team() throws TeamException {
        Path data = IncidentStore.defaultDataDirectory();
        return new TeamSync(new IncidentStore(data), data, System.getenv());
    }

    private static int report(TeamSync.Outcome outcome, PrintWriter out, PrintWriter err) {
        if (!outcome.grown().isEmpty()) {
            out.println("New events from " + Printable.of(String.join(", ", outcome.grown())));
        }
        for (SharedLogs.Refusal refusal : outcome.refused()) {
            err.println("Refused " + Printable.of(refusal.responder()) + "'s log: " + Printable.of(refusal.reason()));
        }
        return outcome.refused().isEmpty() ? 0 : 1;
    }

    /** A subcommand on one incident worked through the team's remote: its id, the remote's options, the output. */
    abstract static class OnTeamIncident implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID", description = "The incident (its folder's name; see the window's Open…).")
        String id;

        @Mixin
        RemoteOptions options;

        @Spec
        CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        int report(TeamSync.Outcome outcome) {
            return IncidentCommand.report(outcome, out(), spec.commandLine().getErr());
        }
    }

    @Command(name = "share", description = {
        "Share an incident through the team's git remote: your timeline goes out redacted (as a bundle's is)",
        "and signed with your SSH key, as refs/baton/incidents/ID/<you>. What is redacted is listed first;",
        "when there is any, Baton asks before it pushes (--yes: share without asking).",
        "Exit 0 when shared, 1 when a teammate's log was refused, 2 when it could not be shared."})
    static final class Share extends OnTeamIncident {
        @Option(names = "--yes", description = {
            "Share without asking when secrets are to be redacted (they are still listed, and redacted).",
            "Without it Baton asks on the terminal, and with no terminal shares nothing."})
        boolean yes;

        /** Asks on the terminal, as a responder at one expects; with none (a script) nothing is shared. */
        private static boolean confirmed(int findings) {
            java.io.Console console = System.console();
            if (console == null) {
                return false;
            }
            String answer = console.readLine("Share it with these %d redacted (yes/no)? ", findings);
            return answer != null && List.of("y", "yes").contains(answer.strip().toLowerCase(java.util.Locale.ROOT));
        }

        @Override
        public Integer call() throws IOException {
            PrintWriter out = out();
            TeamSync sync = team();
            TeamSync.Access access = options.access(sync, id, true);
            List<Redactor.Finding> redacted = sync.redactions(id);
            out.println(redacted.isEmpty() ? "Nothing to redact." : "Redacted before it leaves this machine:");
            redacted.forEach(finding -> out.println("  " + Printable.of(finding.kind()) + " at "
                    + Printable.of(finding.place())));
            out.flush();
            if (!redacted.isEmpty() && !yes && !confirmed(redacted.size())) {
                spec.commandLine().getErr().println("baton incident share: Nothing was shared: " + redacted.size()
                        + " secret(s) would be redacted (listed above). Review them, then run again with --yes to "
                        + "share the incident redacted.");
                return 2;
            }
            TeamSync.Outcome outcome = sync.share(id, IncidentStore.defaultResponder(), access);
            out.println("Shared " + Printable.of(id) + " through " + Printable.of(access.remote()) + ": "
                    + outcome.shared() + " events of yours.");
            return report(outcome);
        }
    }

    @Command(name = "join", description = {
        "Join an incident a teammate shared: fetch it, check every responder's signatures and hash chain,",
        "and make a local folder for it. Then: baton incident note / sync / log."})
    static final class Join extends OnTeamIncident {
        @Override
        public Integer call() throws IOException {
            PrintWriter out = out();
            TeamSync sync = team();
            TeamSync.Access access = options.access(sync, id, false);
            TeamSync.Outcome outcome = sync.join(id, IncidentStore.defaultResponder(), access);
            out.println("Joined " + Printable.of(id) + " from " + Printable.of(access.remote()));
            return report(outcome);
        }
    }

    @Command(name = "note", description = {
        "Add a note to an incident's timeline; when the incident is shared it goes out at once (or with the",
        "next sync, when the remote cannot be reached)."})
    static final class Note extends OnTeamIncident {
        @Parameters(index = "1", paramLabel = "TEXT", description = "The note, in Markdown.")
        String text;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = out();
            IncidentStore store = new IncidentStore(IncidentStore.defaultDataDirectory());
            String responder = IncidentStore.defaultResponder();
            try (OpenIncident incident = store.open(id, false)) {
                incident.creditTo(responder);
                incident.note(text);
            }
            out.println("Noted.");
            TeamSync sync = team();
            if (sync.remote(id).isEmpty()) {
                return 0;
            }
            try {
                return report(sync.sync(id, responder, options.access(sync, id, true)));
            } catch (dev.baton.team.TeamRepository.UnreachableException e) {
                out.println("Not shared yet: " + Printable.of(e.getMessage()) + " It goes out with the next sync.");
                return 0;
            }
        }
    }

    @Command(name = "sync", description = {
        "Push your new events to the incident's remote and take in your teammates' (each checked).",
        "Exit 0 when in step, 1 when a log was refused, 2 when the remote could not be reached."})
    static final class Sync extends OnTeamIncident {
        @Override
        public Integer call() throws IOException {
            PrintWriter out = out();
            TeamSync sync = team();
            String responder = IncidentStore.defaultResponder();
            TeamSync.Outcome outcome = sync.sync(id, responder, options.access(sync, id, true));
            out.println("In step with " + Printable.of(options.access(sync, id, false).remote()) + ": "
                    + outcome.shared() + " events of yours shared.");
            return report(outcome);
        }
    }

    @Command(name = "log", description = {
        "Print the incident's merged timeline as of the last sync: every responder's events by time, each",
        "with who did it. Nothing is fetched."})
    static final class Log implements Callable<Integer> {
        @Parameters(paramLabel = "ID")
        String id;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            try {
                folder(id);
            } catch (IOException unknown) {
                spec.commandLine().getErr().println("baton incident log: " + Printable.of(unknown.getMessage())
                        + "; a shared incident is fetched with: baton incident join ID");
                return 2;
            }
            TeamSync sync = team();
            for (TeamTimeline.TeamEvent event : sync.timeline(id, IncidentStore.defaultResponder())) {
                out.println(TIME.format(event.event().time()) + "  " + Printable.of(event.responder()) + "  "
                        + Printable.of(EventWords.describe(event.event())));
            }
            return 0;
        }
    }

    @Command(name = "handoff", description = {
        "Hand a shared incident to a teammate through the team's remote, with no file: your note, the runbooks",
        "used, every node with its production status and the steps typed but not run go out in your log,",
        "and your copy is read-only until they take over (or you take it back in the window)."})
    static final class Handoff extends OnTeamIncident {
        @Option(names = "--to", required = true, paramLabel = "NAME", description = "The teammate's responder name.")
        String to;

        @Option(names = "--note", paramLabel = "TEXT", description = "What they need to know first.")
        String note = "";

        @Option(names = "--inventory", paramLabel = "FILE", description = {
            "Where production nodes are known from; repeatable. Default: ~/.ssh/config."})
        List<Path> inventories = new java.util.ArrayList<>();


        @Override
        public Integer call() throws IOException {
            PrintWriter out = out();
            TeamSync sync = team();
            List<Path> files = inventories.isEmpty() && Files.exists(InventoryLoader.userSshConfig())
                    ? List.of(InventoryLoader.userSshConfig()) : inventories;
            Inventory inventory = InventoryLoader.load(files);
            TeamSync.Outcome outcome = GitHandoffs.handOff(new IncidentStore(IncidentStore.defaultDataDirectory()),
                    sync, id, IncidentStore.defaultResponder(), options.access(sync, id, true), inventory::find, to,
                    note);
            out.println("Handed " + Printable.of(id) + " to " + Printable.of(to) + " through the team's remote; "
                    + "your copy is read-only until they take over.");
            return report(outcome);
        }
    }

    @Command(name = "take-over", description = {
        "Take over a shared incident a teammate handed off through the team's remote (to you, or to someone",
        "else: that is recorded as such). Prints what was handed over."})
    static final class TakeOver extends OnTeamIncident {
        @Override
        public Integer call() throws IOException {
            PrintWriter out = out();
            TeamSync sync = team();
            String me = IncidentStore.defaultResponder();
            GitHandoffs.takeOver(new IncidentStore(IncidentStore.defaultDataDirectory()), sync, id, me,
                    options.access(sync, id, true));
            GitHandoffs.standing(sync.timeline(id, me)).flatMap(standing -> standing.words(me, ZoneOffset.UTC))
                    .ifPresent(words -> out.println(Printable.lines(words)));
            return 0;
        }
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
