package dev.baton.ui.incident;

import dev.baton.runbook.RunbookLibrary;
import dev.baton.session.IncidentReports;
import dev.baton.session.IncidentSession;
import dev.baton.ui.Background;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Incident ▸ Export report…: the open incident's post-incident report, written off the FX thread. */
public final class ReportActions {
    private final IncidentSession incident;
    private final Background background;
    private final Consumer<String> status;
    private final Supplier<RunbookLibrary> library;
    private final Supplier<Window> owner;

    public ReportActions(IncidentSession incident, Background background, Consumer<String> status,
            Supplier<RunbookLibrary> library, Supplier<Window> owner) {
        this.incident = incident;
        this.background = background;
        this.status = status;
        this.library = library;
        this.owner = owner;
    }

    /** Asks where to write the report (HTML or Markdown, by the name chosen), then writes it. */
    public void export() {
        background.onFx(incident.snapshot(), "No report written", open -> {
            if (open.isEmpty()) {
                status.accept("No incident is open: open one (Incident ▸ Open) to write its report");
                return;
            }
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export report of \"" + open.get().info().title() + "\"");
            chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Web page (HTML)", "*.html"),
                    new FileChooser.ExtensionFilter("Markdown (GitHub, GitLab)", "*.md"));
            chooser.setInitialDirectory(Path.of(System.getProperty("user.home")).toFile());
            chooser.setInitialFileName(open.get().info().id() + "-report.html");
            var file = chooser.showSaveDialog(owner.get());
            if (file != null) {
                // The file chooser has asked before replacing a file.
                exportTo(open.get().folder(), file.toPath());
            }
        });
    }

    /** Writes the report of the incident in {@code folder} to {@code file}, as its name asks (.md or .html). */
    public void exportTo(Path folder, Path file) {
        status.accept("Writing the report…");
        background.run("Report not written", () -> IncidentReports.write(folder, IncidentReports.Format.of(file),
                library.get(), file, true), written -> status.accept("Report written to " + written));
    }
}
