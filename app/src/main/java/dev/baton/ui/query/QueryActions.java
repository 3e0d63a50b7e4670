package dev.baton.ui.query;

import dev.baton.query.GrafanaExplore;
import dev.baton.query.QueryLanguage;
import dev.baton.query.QueryWindow;
import dev.baton.runbook.Runbook;
import dev.baton.runbook.RunbookLibrary;
import dev.baton.runbook.Step;
import dev.baton.session.IncidentSession;
import dev.baton.session.IncidentSnapshot;
import dev.baton.session.QueryRunning;
import dev.baton.sources.DataSource;
import dev.baton.sources.SourcesConfig;
import dev.baton.ui.Background;
import dev.baton.ui.runbook.PlaceholderDialog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Query action of a promql or logql step does in the window: placeholders asked as for a shell
 * step, data sources read (the user's config and the runbook folder's baton.yaml) off the FX thread,
 * the query run through {@link QueryRunning} and its answer shown in a {@link QueryResultPane}.
 */
public final class QueryActions {
    private static final Logger LOG = LoggerFactory.getLogger(QueryActions.class);

    /** Where the window puts the pane (beside the runbook, {@code shown}) and takes it away again. */
    @FunctionalInterface
    public interface Placement {
        void place(QueryResultPane pane, boolean shown);
    }

    /** The step being shown, with what it was run with, so that "Run again" needs no questions. */
    private record Current(Runbook runbook, Step step, Map<String, String> values, java.util.Set<String> literal,
            SourcesConfig config, Optional<Instant> incidentStarted) {}

    /** Values for a query: those still as the alert or incident gave them are {@code literal}, put in as data. */
    private record Filled(Map<String, String> values, java.util.Set<String> literal) {}

    private final QueryRunning running;
    private final IncidentSession incident;
    private final Supplier<Runbook> shownRunbook;
    private final Supplier<RunbookLibrary> library;
    private final Background background;
    private final Consumer<String> status;
    private final Consumer<String> confirmExternal;
    private final Consumer<String> appendToNotes;
    private final Placement placement;
    private final Map<String, String> remembered = new ConcurrentHashMap<>();
    /** The labels of the alert last opened. */
    private final Map<String, String> alertLabels = new ConcurrentHashMap<>();
    private final dev.baton.session.IncidentVariables incidentVariables;
    private final QueryResultPane pane;
    private Current current;
    private QueryRunning.Run lastRun;
    private QueryRunning.Handle inFlight;

    public QueryActions(QueryRunning running, IncidentSession incident,
            dev.baton.session.IncidentVariables incidentVariables, Supplier<Runbook> shownRunbook,
            Supplier<RunbookLibrary> library, Background background, Consumer<String> status,
            Consumer<String> confirmExternal, Consumer<String> appendToNotes, Placement placement) {
        this.running = running;
        this.incidentVariables = incidentVariables;
        this.incident = incident;
        this.shownRunbook = shownRunbook;
        this.library = library;
        this.background = background;
        this.status = status;
        this.confirmExternal = confirmExternal;
        this.appendToNotes = appendToNotes;
        this.placement = placement;
        this.pane = new QueryResultPane(new QueryResultPane.Actions(this::rerun, this::cancel, this::copy,
                this::openInGrafana, this::capture, this::close));
    }

    public QueryResultPane pane() {
        return pane;
    }

    /** The Query action of step {@code number} of the shown runbook. */
    public void query(int number) {
        Runbook runbook = shownRunbook.get();
        if (runbook == null) {
            return;
        }
        Optional<Step> found = runbook.step(number);
        if (found.isEmpty()) {
            status.accept("No step " + number + " in " + runbook.title());
            return;
        }
        Step step = found.get();
        String notRunnable = QueryRunning.notRunnable(step);
        if (!notRunnable.isEmpty()) {
            status.accept(notRunnable);
            return;
        }
        Optional<Filled> values = placeholderValues(step);
        if (values.isEmpty()) {
            return;
        }
        Path folder = library.get() == null ? null
                : library.get().file(runbook.path()).map(QueryRunning::configFolder).orElse(null);
        background.run("Query not run", () -> {
            SourcesConfig config = SourcesConfig.load(System.getenv(), folder);
            config.problems().forEach(problem -> LOG.warn("Data sources: {}", problem));
            Optional<Instant> started = incident.snapshot().get(10, TimeUnit.SECONDS)
                    .map(IncidentSnapshot::info).map(info -> info.startedAt());
            return new Current(runbook, step, values.get().values(), values.get().literal(), config, started);
        }, prepared -> {
            current = prepared;
            pane.window().getSelectionModel().select(prepared.incidentStarted().isPresent() ? 0 : 2);
            if (!prepared.config().problems().isEmpty()) {
                status.accept("Data sources: " + prepared.config().problems().get(0));
            }
            run();
        });
    }

    private void close() {
        cancel();
        placement.place(pane, false);
    }

    private void cancel() {
        if (inFlight != null) {
            inFlight.cancel().run();
        }
    }

    private void rerun() {
        if (current != null) {
            run();
        }
    }

    private void run() {
        Current now = current;
        QueryLanguage language = QueryRunning.language(now.step()).orElseThrow();
        QueryRunning.Request request;
        try {
            DataSource source = QueryRunning.source(now.config(), language, null);
            request = QueryRunning.plan(now.step(), now.values(), now.literal(), source, window(now), pane.instant());
        } catch (IllegalArgumentException e) {
            status.accept(e.getMessage());
            return;
        }
        cancel();
        pane.running(request);
        placement.place(pane, true);
        QueryRunning.Handle handle = running.start(now.runbook(), now.step().number(), request);
        inFlight = handle;
        background.onFx(handle.result(), "Query not run", run -> {
            if (inFlight != handle) {
                return; // a newer run replaced this one
            }
            inFlight = null;
            lastRun = run;
            pane.show(run, grafanaUrl(run).isPresent());
            status.accept(request.language().word() + " on " + request.source().name() + ": "
                    + (run.failed() ? "failed" : run.summary()));
        });
    }

    private QueryWindow window(Current now) {
        int choice = Math.max(0, pane.window().getSelectionModel().getSelectedIndex());
        if (choice == 0) {
            return running.defaultWindow(now.incidentStarted());
        }
        return running.lastWindow(QueryWindow.parseDuration(QueryResultPane.WINDOWS.get(choice).substring(5)));
    }

    /** Fills the next queries' placeholders and $NAMEs from an alert's labels (shown in the dialog, editable). */
    public void useAlert(Map<String, String> labels) {
        alertLabels.clear();
        alertLabels.putAll(labels);
    }

    /**
     * Asks for the query's placeholders, offering the alert's labels, the incident's variables and remembered
     * values; a $NAME (copied from a dashboard) is asked for when the alert or incident answers it.
     */
    private Optional<Filled> placeholderValues(Step step) {
        List<String> asked = new java.util.ArrayList<>(step.placeholders());
        dev.baton.step.ShellQuoting.variableReferences(step.command()).stream()
                .filter(name -> !name.startsWith("__")).forEach(asked::add);
        Map<String, String> known = dev.baton.session.IncidentVariables.forNames(asked, alertLabels,
                incidentVariables.values());
        List<String> names = new java.util.ArrayList<>(step.placeholders());
        known.keySet().stream().filter(name -> !names.contains(name)).forEach(names::add);
        if (names.isEmpty()) {
            return Optional.of(new Filled(Map.of(), java.util.Set.of()));
        }
        Map<String, String> offered = new java.util.HashMap<>(remembered);
        offered.putAll(known);
        Optional<Map<String, String>> filled = new PlaceholderDialog(
                "Step " + step.number() + " needs " + String.join(", ", names)
                        + (known.isEmpty() ? "" : " (from the alert or incident: " + String.join(", ", known.keySet())
                        + "; escaped for the query when run)"),
                names, offered).showAndWait();
        filled.ifPresent(given -> given.forEach((name, value) -> {
            if (!value.isBlank() && !known.containsKey(name)) {
                remembered.put(name, value);
            }
        }));
        return filled.map(given -> new Filled(given, given.keySet().stream()
                .filter(name -> given.get(name).equals(known.get(name)))
                .collect(java.util.stream.Collectors.toSet())));
    }

    private void copy() {
        if (lastRun != null) {
            ClipboardContent content = new ClipboardContent();
            content.putString(lastRun.request().query());
            Clipboard.getSystemClipboard().setContent(content);
            status.accept("Copied the query as it ran");
        }
    }

    private Optional<String> grafanaUrl(QueryRunning.Run run) {
        String configured = run.request().source().grafanaUrl();
        if (configured == null && current != null) {
            configured = current.config().grafanaUrl().orElse(null);
        }
        return Optional.ofNullable(configured).filter(url -> !url.isBlank());
    }

    private void openInGrafana() {
        if (lastRun != null) {
            grafanaUrl(lastRun).ifPresent(grafana -> confirmExternal.accept(GrafanaExplore.url(grafana,
                    lastRun.request().source().name(), lastRun.request().query(), lastRun.request().window())));
        }
    }

    /** The table into the notes and, when a chart is shown, its picture under captures/. */
    private void capture() {
        QueryRunning.Run run = lastRun;
        if (run == null || run.failed()) {
            return;
        }
        ChartPicture picture = pane.chartShown().map(ChartPicture::of).orElse(null);
        CompletableFuture<String> block = CompletableFuture
                .supplyAsync(() -> picture == null ? null : picture.png(), background.executor())
                .thenCompose(png -> running.capture(run, png));
        background.onFx(block, "Query not captured", text -> {
            appendToNotes.accept(text);
            status.accept("Captured the query's answer" + (picture == null ? "" : " and chart") + " into the notes");
        });
    }
}
