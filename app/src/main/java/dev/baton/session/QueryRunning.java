package dev.baton.session;

import dev.baton.incident.IncidentEvent;
import dev.baton.query.LokiQueries;
import dev.baton.query.PrometheusQueries;
import dev.baton.query.QueryAnswer;
import dev.baton.query.QueryErrors;
import dev.baton.query.QueryLanguage;
import dev.baton.query.QueryTable;
import dev.baton.query.QueryText;
import dev.baton.query.QueryWindow;
import dev.baton.runbook.Runbook;
import dev.baton.runbook.Step;
import dev.baton.sources.DataSource;
import dev.baton.sources.SourceClient;
import dev.baton.sources.SourceException;
import dev.baton.sources.SourceKind;
import dev.baton.sources.SourcesConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Runs a PromQL or LogQL step (or a typed query) against a data source, for the window and the command
 * line alike: the source chosen, placeholders and range variables filled, the query asked off the
 * caller's thread, and the run recorded in the incident (source name, query as sent, window, count,
 * duration; never the credentials). A capture puts the answer's table, and the chart's picture when the
 * window drew one, into the notes.
 */
public final class QueryRunning {
    /** What to ask: the query as sent, where, and over which window. */
    public record Request(QueryLanguage language, String query, DataSource source, QueryWindow window,
            boolean instant) {
        /** The source kind a language is asked of. */
        public static SourceKind kindOf(QueryLanguage language) {
            return language == QueryLanguage.PROMQL ? SourceKind.PROMETHEUS : SourceKind.LOKI;
        }
    }

    /** A finished run: the answer, or why there is none. */
    public record Run(Request request, Optional<QueryAnswer> answer, String error, Instant startedAt,
            Duration took) {
        public boolean failed() {
            return answer.isEmpty();
        }

        /** "3 series in 0.2 s" or the error. */
        public String summary() {
            return answer.map(a -> a.count() + " " + a.unit() + " in "
                    + String.format(java.util.Locale.ROOT, "%.1f s", took.toMillis() / 1000.0)).orElse(error);
        }
    }

    /** Makes the client for a source; the window and the CLI use {@link SourceClient}'s own, tests may bound it. */
    @FunctionalInterface
    public interface Clients {
        SourceClient of(DataSource source) throws SourceException;
    }

    private final Optional<IncidentSession> incident;
    private final Executor background;
    private final Clients clients;
    private final Clock clock;

    public QueryRunning(Optional<IncidentSession> incident, Executor background) {
        this(incident, background, SourceClient::new, Clock.systemUTC());
    }

    public QueryRunning(Optional<IncidentSession> incident, Executor background, Clients clients, Clock clock) {
        this.incident = incident;
        this.background = background;
        this.clients = clients;
        this.clock = clock;
    }

    /** The step's language, or a message saying why it is not a query Baton runs. */
    public static Optional<QueryLanguage> language(Step step) {
        return QueryLanguage.of(step.language());
    }

    public static String notRunnable(Step step) {
        return language(step).isPresent() ? "" : "Step " + step.number() + " is "
                + (step.language().isEmpty() ? "not a query" : step.language() + ", not PromQL or LogQL") + "; use Copy";
    }

    /**
     * The source to ask: the one named, else the default of the language's kind. The message says
     * what is configured when there is none.
     */
    public static DataSource source(SourcesConfig config, QueryLanguage language, String name) {
        SourceKind kind = Request.kindOf(language);
        Optional<DataSource> found = name == null || name.isBlank() ? config.defaultSource(kind)
                : config.byName(kind, name);
        return found.orElseThrow(() -> new IllegalArgumentException(name == null || name.isBlank()
                ? "No " + kind.displayName() + " data source is configured (add one under " + kind.configKey()
                        + ": in " + SourcesConfig.userFile(System.getenv()) + " or the runbook folder's "
                        + SourcesConfig.FOLDER_FILE + ")"
                : "No " + kind.displayName() + " data source is named '" + name + "'"
                        + names(config.sources(kind))));
    }

    /** Where a runbook's data sources are configured: the nearest folder above it with a baton.yaml, else its own. */
    public static java.nio.file.Path configFolder(java.nio.file.Path runbookFile) {
        java.nio.file.Path start = runbookFile.toAbsolutePath().getParent();
        for (java.nio.file.Path folder = start; folder != null; folder = folder.getParent()) {
            if (java.nio.file.Files.isRegularFile(folder.resolve(SourcesConfig.FOLDER_FILE))) {
                return folder;
            }
        }
        return start;
    }

    private static String names(List<DataSource> sources) {
        return sources.isEmpty() ? "" : " (configured: "
                + String.join(", ", sources.stream().map(DataSource::name).toList()) + ")";
    }

    /** The default window: since the incident started when one is open, else the last hour. */
    public QueryWindow defaultWindow(Optional<Instant> incidentStarted) {
        Instant now = clock.instant();
        return incidentStarted.map(started -> QueryWindow.since(started, now))
                .orElseGet(() -> QueryWindow.last(QueryWindow.DEFAULT, now));
    }

    public QueryWindow lastWindow(Duration span) {
        return QueryWindow.last(span, clock.instant());
    }

    /**
     * The request for a step, placeholders filled. Refused (IllegalArgumentException) when the step is
     * not a query or a placeholder has no value; the message names them.
     */
    public static Request plan(Step step, Map<String, String> values, DataSource source, QueryWindow window,
            boolean instant) {
        return plan(step, values, java.util.Set.of(), source, window, instant);
    }

    /**
     * As {@link #plan(Step, Map, DataSource, QueryWindow, boolean)}, with the values named in {@code literal}
     * (from an alert or the incident, not typed) put in as data: escaped inside the query's strings, refused
     * (an {@link dev.baton.query.UnsafeQueryValue}, an IllegalArgumentException) where only a plain word is safe.
     */
    public static Request plan(Step step, Map<String, String> values, java.util.Set<String> literal, DataSource source,
            QueryWindow window, boolean instant) {
        QueryLanguage language = language(step).orElseThrow(() -> new IllegalArgumentException(notRunnable(step)));
        return plan(language, step.command(), values, literal, source, window, instant);
    }

    public static Request plan(QueryLanguage language, String query, Map<String, String> values, DataSource source,
            QueryWindow window, boolean instant) {
        return plan(language, query, values, java.util.Set.of(), source, window, instant);
    }

    public static Request plan(QueryLanguage language, String query, Map<String, String> values,
            java.util.Set<String> literal, DataSource source, QueryWindow window, boolean instant) {
        List<String> missing = QueryText.placeholders(query).stream()
                .filter(name -> values.get(name) == null || values.get(name).isBlank()).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("The query needs values for " + String.join(", ", missing));
        }
        String filled = QueryText.fill(query, values, literal, window).strip();
        // Loki has no instant query over logs worth showing; LogQL always runs over the window.
        return new Request(language, filled, source, window, instant && language == QueryLanguage.PROMQL);
    }

    /** Asks now, on the caller's thread; a failure is a run with an error, not an exception. */
    public Run runNow(Request request) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        try {
            SourceClient client = clients.of(request.source());
            QueryAnswer answer = switch (request.language()) {
                case PROMQL -> request.instant()
                        ? new PrometheusQueries(client).instant(request.query(), request.window().end())
                        : new PrometheusQueries(client).range(request.query(), request.window());
                case LOGQL -> new LokiQueries(client).range(request.query(), request.window());
            };
            return new Run(request, Optional.of(answer), "", started, Duration.ofNanos(System.nanoTime() - t0));
        } catch (SourceException e) {
            String pointer = QueryErrors.pointer(request.query(), e.getMessage());
            String error = e.getMessage() + (pointer.isEmpty() ? "" : "\n" + pointer);
            return new Run(request, Optional.empty(), error, started, Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    /** A run under way: its result, and a way to give up on it (a slow endpoint). */
    public record Handle(CompletableFuture<Run> result, Runnable cancel) {}

    /**
     * Asks off the caller's thread and records the run in the incident (starting one, as a sent step
     * does, when none is open). The future completes with the run once it is asked; recording follows.
     */
    public CompletableFuture<Run> run(Runbook runbook, int step, Request request) {
        return start(runbook, step, request).result();
    }

    /**
     * As {@link #run}, with a cancel that interrupts the request in flight: the run then ends at once
     * with the error "cancelled", and is recorded so.
     */
    public Handle start(Runbook runbook, int step, Request request) {
        CompletableFuture<Run> result = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicReference<Thread> worker = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            background.execute(() -> {
                worker.set(Thread.currentThread());
                try {
                    Run finished = cancelled.get() ? cancelledRun(request) : runNow(request);
                    incident.ifPresent(session -> session.record(runbook, open -> {
                        open.timeline().append(event(runbook, step, finished));
                        return null;
                    }));
                    result.complete(finished);
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                } finally {
                    synchronized (worker) {
                        worker.set(null);
                        Thread.interrupted(); // an interrupt meant for this run must not reach the pool's next task
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            result.completeExceptionally(new IllegalStateException("Baton is closing; the query was not run"));
        }
        Runnable cancel = () -> {
            cancelled.set(true);
            synchronized (worker) {
                Thread thread = worker.get();
                if (thread != null) {
                    thread.interrupt();
                }
            }
        };
        return new Handle(result, cancel);
    }

    private Run cancelledRun(Request request) {
        return new Run(request, Optional.empty(), request.source().describe() + ": cancelled", clock.instant(),
                Duration.ZERO);
    }

    static IncidentEvent.QueryRan event(Runbook runbook, int step, Run run) {
        Request r = run.request();
        return new IncidentEvent.QueryRan(runbook == null ? "" : runbook.id(), step, r.language().word(),
                r.source().name(), r.query(), r.instant() ? null : r.window().start(), r.window().end(),
                run.answer().map(QueryAnswer::count).orElse(-1),
                run.answer().map(QueryAnswer::unit).orElse(r.language() == QueryLanguage.LOGQL ? "lines" : "series"),
                run.took().toMillis(), run.failed() ? firstLine(run.error()) : "");
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /**
     * Puts the run into the incident: the table as Markdown in the returned block (for the notes), the
     * chart's picture (PNG bytes, or null) kept under {@code captures/} and linked from it.
     */
    public CompletableFuture<String> capture(Run run, byte[] chartPng) {
        if (run.failed()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("The query failed; nothing to capture"));
        }
        IncidentSession session = incident.orElseThrow(() -> new IllegalStateException("No incident to capture into"));
        Request r = run.request();
        QueryAnswer answer = run.answer().orElseThrow();
        return session.record(null, open -> open.captureWithFile("query", r.source().name(), r.query(), run.summary(),
                picture -> block(run, answer, picture), "chart", "png", chartPng));
    }

    static String block(Run run, QueryAnswer answer, String picture) {
        Request r = run.request();
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
        String window = r.instant() ? "at " + time.format(r.window().end())
                : time.format(r.window().start()) + " – " + time.format(r.window().end());
        StringBuilder md = new StringBuilder();
        md.append("**Query** · ").append(r.language().word()).append(" on ").append(r.source().name()).append(" · ")
                .append(window).append(" · ").append(run.summary()).append("\n\n");
        String fence = r.query().contains("```") ? "````" : "```";
        md.append(fence).append(r.language().name().toLowerCase(java.util.Locale.ROOT)).append('\n')
                .append(r.query()).append('\n').append(fence).append("\n\n");
        md.append(QueryTable.markdown(answer));
        if (picture != null) {
            md.append("\n![Chart of the query](").append(picture).append(")\n");
        }
        return md.toString();
    }
}
