package dev.baton.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.alerts.FiringAlert;
import dev.baton.incident.EventWords;
import dev.baton.runbook.RunbookLibrary;
import dev.baton.session.FiringAlerts;
import dev.baton.sources.DataSource;
import dev.baton.sources.SourceKind;
import dev.baton.sources.SourcesConfig;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "alerts", description = {"List the alerts firing in Alertmanager, grouped as it groups them, each with "
        + "the runbook that answers it.",
        "Alertmanagers come from ~/.config/baton/config.yaml and the runbook folder's baton.yaml, or --alertmanager. "
        + "Exit 1 when any Alertmanager could not be asked or gave no well-formed list: "
        + "only then is \"Nothing is firing.\" said."})
final class AlertsCommand implements Callable<Integer> {
    @Option(names = "--json", description = "One JSON list: alertname, labels, runbook (its path; left out when none answers), and more.")
    boolean json;

    @Option(names = "--alertmanager", paramLabel = "URL", description = "Ask this Alertmanager instead of the configured ones.")
    URI alertmanager;

    @Mixin
    LibraryOption libraryOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SourcesConfig config = SourcesConfig.load(System.getenv(), libraryOption.dir);
        if (alertmanager != null) {
            if (!List.of("http", "https").contains(String.valueOf(alertmanager.getScheme())) || alertmanager.getHost() == null) {
                err.println("baton alerts: --alertmanager " + Printable.of(DataSource.masked(alertmanager))
                        + " is not an http or https address");
                return 2;
            }
            config = SourcesConfig.of(List.of(DataSource.of(SourceKind.ALERTMANAGER,
                    DataSource.maskedAuthority(alertmanager), alertmanager)));
        } else {
            config.problems().forEach(problem -> err.println("baton alerts: " + Printable.of(problem)));
        }
        FiringAlerts.Listing listing;
        try (RunbookLibrary library = libraryOption.load()) {
            listing = FiringAlerts.of(config).list(library);
        }
        listing.problems().forEach(problem -> err.println("baton alerts: " + Printable.of(problem)));
        if (json) {
            out.println(json(listing));
        } else {
            text(listing, out);
        }
        // Exit 0 only when every Alertmanager answered with a well-formed list: anything else is not an all-clear.
        return listing.complete() ? 0 : 1;
    }

    private static void text(FiringAlerts.Listing listing, PrintWriter out) {
        for (FiringAlerts.Group group : listing.groups()) {
            out.println(Printable.of("# " + group.source() + " {" + EventWords.labels(group.labels(), true) + "}"
                    + (group.receiver().isEmpty() ? "" : " → " + group.receiver())));
            for (FiringAlerts.Row row : group.rows()) {
                FiringAlert alert = row.alert();
                out.println(String.join("\t", Printable.of(alert.alertname()), Printable.of(dash(alert.severity())),
                        Printable.of(alert.status()), alert.startsAt() == null ? "-" : alert.startsAt().toString(),
                        Printable.of(EventWords.labels(alert.keyLabels())),
                        Printable.of(row.runbook().map(r -> r.id() + " (" + r.title() + ")").orElse("no runbook"))));
            }
        }
        if (listing.groups().isEmpty() && listing.complete()) {
            out.println("Nothing is firing.");
        }
    }

    static String json(FiringAlerts.Listing listing) throws Exception {
        ObjectMapper mapper = Printable.jsonMapper();
        ArrayNode rows = mapper.createArrayNode();
        for (FiringAlerts.Group group : listing.groups()) {
            for (FiringAlerts.Row row : group.rows()) {
                FiringAlert alert = row.alert();
                ObjectNode node = rows.addObject();
                node.put("alertname", alert.alertname());
                node.set("labels", mapper.valueToTree(alert.labels()));
                node.put("runbook", row.runbookPath());
                node.put("status", alert.status());
                node.put("startsAt", alert.startsAt() == null ? null : alert.startsAt().toString());
                node.set("annotations", mapper.valueToTree(alert.annotations()));
                node.put("generatorURL", alert.generatorUrl());
                node.put("fingerprint", alert.fingerprint());
                node.put("alertmanager", row.source());
                node.set("group", mapper.valueToTree(group.labels()));
            }
        }
        return Printable.json(rows);
    }

    private static String dash(String text) {
        return text.isBlank() ? "-" : text;
    }
}
