package dev.baton.cli;

import dev.baton.alerts.AlertJsonException;
import dev.baton.incident.IncidentStore;
import dev.baton.runbook.Runbook;
import dev.baton.runbook.RunbookLibrary;
import dev.baton.runbook.Step;
import dev.baton.session.AlertIncidents;
import dev.baton.session.FiringAlerts;
import dev.baton.session.IncidentSession;
import dev.baton.step.ShellQuoting;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "open-alert", description = {"Open an alert from its JSON (a webhook payload, amtool alert query -o json, "
        + "or Alertmanager's API): start (or join) the incident for it, its labels as the incident's variables, "
        + "and print its runbook's steps filled from them (values quoted for the shell).",
        "Exit 1 when the file holds no alert Baton can read."})
final class OpenAlertCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The alert's JSON; - reads standard input.")
    String file;

    @Option(names = "--data", paramLabel = "DIR", description = "Baton's data folder (default: $XDG_DATA_HOME/baton).")
    Path data;

    @Mixin
    LibraryOption libraryOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String text;
        try {
            text = dev.baton.alerts.AlertText.decode(file.equals("-") ? System.in.readAllBytes()
                    : Files.readAllBytes(Path.of(file)));
        } catch (IOException e) {
            err.println("baton open-alert: " + Printable.of(file) + " cannot be read: " + Printable.of(e.getMessage()));
            return 1;
        } catch (AlertJsonException e) {
            err.println("baton open-alert: " + Printable.of(file) + ": " + e.getMessage());
            return 1;
        }
        try (RunbookLibrary library = libraryOption.load();
                IncidentSession session = new IncidentSession(
                        new IncidentStore(data != null ? data : IncidentStore.defaultDataDirectory()),
                        IncidentStore.defaultResponder())) {
            FiringAlerts.Row row;
            try {
                row = AlertIncidents.pasted(text, file.equals("-") ? "pasted" : Path.of(file).getFileName().toString(),
                        library);
            } catch (AlertJsonException e) {
                err.println("baton open-alert: " + Printable.of(file) + ": " + Printable.lines(e.getMessage()));
                return 1;
            }
            AlertIncidents.Opened opened = new AlertIncidents(session).open(row).get(30, TimeUnit.SECONDS);
            out.println("Incident: " + Printable.of(opened.incident().info().title()) + " ("
                    + Printable.of(opened.incident().folder()) + ")");
            out.println("Runbook: " + Printable.of(opened.runbook().map(r -> r.id() + " (" + r.title() + ")")
                    .orElse("none answers " + row.alert().alertname())));
            opened.variables().forEach((name, value) -> out.println("  " + Printable.of(name) + " = " + Printable.of(value)));
            opened.runbook().ifPresent(runbook -> steps(runbook, opened.variables(), out));
            return 0;
        }
    }

    /** Each step that takes a value from the alert, filled: what the window would type. */
    private static void steps(Runbook runbook, Map<String, String> labels, PrintWriter out) {
        for (Step step : runbook.steps()) {
            List<String> names = new ArrayList<>(step.placeholders());
            names.addAll(ShellQuoting.variableReferences(step.command()));
            Map<String, String> values = ShellQuoting.fromLabels(names, labels);
            if (values.isEmpty()) {
                continue;
            }
            Set<String> literal = new HashSet<>(values.keySet());
            try {
                out.println("Step " + step.number() + ": " + Printable.lines(ShellQuoting.fill(step.command(), values, literal)));
            } catch (dev.baton.step.UnquotableValue refused) {
                out.println("Step " + step.number() + ": not filled. " + Printable.lines(refused.getMessage()));
            }
        }
    }
}
