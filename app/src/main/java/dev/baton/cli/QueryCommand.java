package dev.baton.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.baton.query.LogLine;
import dev.baton.query.QueryAnswer;
import dev.baton.query.QueryLanguage;
import dev.baton.query.QueryTable;
import dev.baton.query.QueryWindow;
import dev.baton.query.Sample;
import dev.baton.query.Series;
import dev.baton.session.QueryRunning;
import dev.baton.sources.DataSource;
import dev.baton.sources.SourcesConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "query",
        description = {"Run a PromQL or LogQL step (or a query) against Prometheus or Loki and print the answer.",
                "Data sources come from $XDG_CONFIG_HOME/baton/config.yaml and the runbook folder's baton.yaml.",
                "Exit 0 with an answer (even an empty one), 1 when the query could not be run."})
final class QueryCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--step", paramLabel = "FILE#N", description = "Step N of a runbook file (a promql or logql block).")
        String step;

        @Parameters(paramLabel = "EXPR", arity = "0..1", description = "A query instead of a step (PromQL unless --logql).")
        String expression;
    }

    @Option(names = "--logql", description = "EXPR is LogQL, for Loki.")
    boolean logql;

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "A placeholder's value, as query text; repeatable.")
    Map<String, String> values = new LinkedHashMap<>();

    @Option(names = "--label", paramLabel = "NAME=VALUE", description = {"An alert label's value for a placeholder or",
            "a $NAME in the query, escaped inside a quoted string (refused outside one unless a plain word); repeatable."})
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--since", paramLabel = "DURATION", description = "The window: the last 30m, 1h, 2d… Default: ${DEFAULT-VALUE}.")
    String since = "1h";

    @Option(names = "--instant", description = "PromQL: the value now instead of over the window.")
    boolean instant;

    @Option(names = "--source", paramLabel = "NAME", description = "A configured data source by name (default: the default one).")
    String sourceName;

    @Option(names = "--prometheus", paramLabel = "URL", description = "Ask this Prometheus instead of the configured ones.")
    URI prometheus;

    @Option(names = "--loki", paramLabel = "URL", description = "Ask this Loki instead of the configured ones.")
    URI loki;

    @Option(names = "--json", description = "Print JSON: one object per series (labels, values) or per log line.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            QueryLanguage language;
            String query;
            Path folder = null;
            if (what.step != null) {
                StepReference reference = StepReference.resolve(what.step);
                String notQuery = QueryRunning.notRunnable(reference.step());
                if (!notQuery.isEmpty()) {
                    throw new IllegalArgumentException(what.step + ": " + notQuery.replace("; use Copy", ""));
                }
                language = QueryRunning.language(reference.step()).orElseThrow();
                query = reference.step().command();
                folder = QueryRunning.configFolder(reference.file());
            } else {
                language = logql ? QueryLanguage.LOGQL : QueryLanguage.PROMQL;
                query = what.expression;
            }
            SourcesConfig config = SourcesConfig.load(System.getenv(), folder);
            config.problems().forEach(problem -> err.println("baton query: " + Printable.of(problem)));
            DataSource source = source(config, language);
            QueryRunning running = new QueryRunning(Optional.empty(), Runnable::run);
            QueryWindow window = running.lastWindow(QueryWindow.parseDuration(since));
            Map<String, String> given = new LinkedHashMap<>(values);
            given.putAll(labels);
            QueryRunning.Request request = QueryRunning.plan(language, query, given, labels.keySet(), source, window,
                    instant);
            QueryRunning.Run run = running.runNow(request);
            if (run.failed()) {
                err.println("baton query: " + Printable.lines(run.error()));
                return 1;
            }
            QueryAnswer answer = run.answer().orElseThrow();
            if (json) {
                out.println(Printable.json(json(answer)));
            } else {
                out.print(QueryTable.aligned(answer, Printable::of));
            }
            out.flush();
            err.println("baton query: " + language.word() + " on " + source.name() + ": " + run.summary());
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("baton query: " + Printable.of(e.getMessage()));
            return 1;
        }
    }

    private DataSource source(SourcesConfig config, QueryLanguage language) {
        URI override = language == QueryLanguage.PROMQL ? prometheus : loki;
        if (override != null) {
            if (!"http".equals(override.getScheme()) && !"https".equals(override.getScheme())) {
                throw new IllegalArgumentException(DataSource.masked(override) + " is not an http or https address");
            }
            return DataSource.of(QueryRunning.Request.kindOf(language), override.getHost() == null ? "command line"
                    : override.getHost(), override);
        }
        return QueryRunning.source(config, language, sourceName);
    }

    static List<Map<String, Object>> json(QueryAnswer answer) {
        List<Map<String, Object>> objects = new ArrayList<>();
        if (answer instanceof QueryAnswer.Metrics metrics) {
            for (Series series : metrics.series()) {
                List<List<Object>> values = new ArrayList<>();
                for (Sample sample : series.samples()) {
                    values.add(List.of(sample.at().toString(), QueryTable.number(sample.value())));
                }
                Map<String, Object> object = new LinkedHashMap<>();
                object.put("labels", series.labels());
                object.put("values", values);
                objects.add(object);
            }
        } else {
            for (LogLine line : ((QueryAnswer.Logs) answer).lines()) {
                Map<String, Object> object = new LinkedHashMap<>();
                object.put("time", line.at().toString());
                object.put("labels", line.labels());
                object.put("line", line.line());
                objects.add(object);
            }
        }
        return objects;
    }
}
