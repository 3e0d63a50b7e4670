package dev.baton.session;

import dev.baton.alerts.AlertGroup;
import dev.baton.alerts.AlertmanagerApi;
import dev.baton.alerts.FiringAlert;
import dev.baton.runbook.AlertMatch;
import dev.baton.runbook.Runbook;
import dev.baton.runbook.RunbookLibrary;
import dev.baton.runbook.RunbookUrlMapping;
import dev.baton.runbook.Section;
import dev.baton.sources.RunbookUrlConfig;
import dev.baton.sources.DataSource;
import dev.baton.sources.SourceClient;
import dev.baton.sources.SourceException;
import dev.baton.sources.SourceKind;
import dev.baton.sources.SourcesConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What is firing now, read from every Alertmanager configured, grouped as each groups its alerts, every
 * alert with the runbook Baton has for it. An Alertmanager that cannot be asked is a problem in the
 * listing, not a failure of the others. The same rows serve the window's Firing list and
 * {@code baton alerts}.
 */
public final class FiringAlerts {
    /** Longest silence Baton creates: a silence is for the incident at hand, not a standing mute. */
    public static final Duration LONGEST_SILENCE = Duration.ofDays(7);
    static final String NONE_CONFIGURED = "No Alertmanager is configured";

    /**
     * One alert and its runbook.
     *
     * @param source  the Alertmanager's name in the configuration, or where a pasted alert came from
     * @param runbook the runbook that answers it, when the library has one
     * @param section the runbook's heading that names the alert, when it is a file of many alerts
     */
    public record Row(String source, FiringAlert alert, Optional<Runbook> runbook, Optional<Section> section) {
        public Row {
            section = section == null ? Optional.empty() : section;
        }

        public Row(String source, FiringAlert alert, Optional<Runbook> runbook) {
            this(source, alert, runbook, Optional.empty());
        }

        /** A row for an alert and the match the library found for it, if any. */
        public static Row of(String source, FiringAlert alert, Optional<AlertMatch> match) {
            return new Row(source, alert, match.flatMap(AlertMatch::runbook), match.flatMap(AlertMatch::section));
        }

        /** The runbook's path in its library (its id), or null. */
        public String runbookPath() {
            return runbook.map(Runbook::id).orElse(null);
        }
    }

    /** An Alertmanager group: the labels its alerts share, and its alerts. */
    public record Group(String source, Map<String, String> labels, String receiver, List<Row> rows) {
        public Group {
            labels = Map.copyOf(labels);
            rows = List.copyOf(rows);
        }
    }

    /**
     * A listing at one moment; {@code problems} say which Alertmanagers could not be asked and why.
     *
     * @param unreachable the names of the Alertmanagers that could not be asked (their answer is not in groups)
     */
    public record Listing(List<Group> groups, List<String> problems, Instant at, List<String> unreachable) {
        public Listing {
            groups = List.copyOf(groups);
            problems = List.copyOf(problems);
            unreachable = List.copyOf(unreachable);
        }

        /** A listing every Alertmanager of which answered (or that holds only problems of configuration). */
        public Listing(List<Group> groups, List<String> problems, Instant at) {
            this(groups, problems, at, List.of());
        }

        /** Whether this listing says what is firing: some Alertmanager was asked, and every one answered. */
        public boolean complete() {
            return unreachable.isEmpty() && problems.stream().noneMatch(p -> p.startsWith(NONE_CONFIGURED));
        }

        public List<Row> rows() {
            return groups.stream().flatMap(g -> g.rows().stream()).toList();
        }
    }

    private final List<DataSource> alertmanagers;
    private final Function<String, String> environment;
    private final Duration timeout;
    private final List<RunbookUrlMapping> runbookUrls;

    public FiringAlerts(List<DataSource> alertmanagers, Function<String, String> environment, Duration timeout) {
        this(alertmanagers, environment, timeout, List.of());
    }

    /** @param runbookUrls where the alerts' {@code runbook_url} pages are kept locally (the user's config.yaml) */
    public FiringAlerts(List<DataSource> alertmanagers, Function<String, String> environment, Duration timeout,
            List<RunbookUrlMapping> runbookUrls) {
        this.alertmanagers = List.copyOf(alertmanagers);
        this.environment = environment;
        this.timeout = timeout;
        this.runbookUrls = List.copyOf(runbookUrls);
    }

    /**
     * The Alertmanagers of a configuration, with the process environment for their secrets, and the user's
     * runbook_urls.
     */
    public static FiringAlerts of(SourcesConfig config) {
        return new FiringAlerts(config.sources(SourceKind.ALERTMANAGER), System::getenv, Duration.ofSeconds(15),
                RunbookUrlConfig.load(System.getenv()).mappings());
    }

    public List<DataSource> alertmanagers() {
        return alertmanagers;
    }

    /** Asks every Alertmanager now; call it off the UI thread. */
    public Listing list(RunbookLibrary library) {
        List<Group> groups = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        if (alertmanagers.isEmpty()) {
            problems.add(NONE_CONFIGURED + ": add one under alertmanager: in "
                    + "~/.config/baton/config.yaml or the runbook folder's baton.yaml");
        }
        for (DataSource source : alertmanagers) {
            try {
                groups.addAll(withRunbooks(source.name(), api(source).groups(), library, runbookUrls));
            } catch (SourceException e) {
                problems.add(e.getMessage());
                unreachable.add(source.name());
            }
        }
        return new Listing(groups, problems, Instant.now(), unreachable);
    }

    /** Alert groups (from an Alertmanager, a file or a paste), each alert with its runbook. */
    public static List<Group> withRunbooks(String source, List<AlertGroup> groups, RunbookLibrary library) {
        return withRunbooks(source, groups, library, List.of());
    }

    /** As above, an alert's runbook_url through {@code runbookUrls} first. */
    public static List<Group> withRunbooks(String source, List<AlertGroup> groups, RunbookLibrary library,
            List<RunbookUrlMapping> runbookUrls) {
        return groups.stream().map(group -> new Group(source, group.labels(), group.receiver(), group.alerts().stream()
                .map(alert -> Row.of(source, alert, matchFor(library, alert, runbookUrls))).toList())).toList();
    }

    /**
     * The runbook for an alert: the page its {@code runbook_url} (or {@code runbook}) annotation links to, when
     * a mapping puts that page in the library; else the first the library finds for its name.
     */
    public static Optional<AlertMatch> matchFor(RunbookLibrary library, FiringAlert alert,
            List<RunbookUrlMapping> runbookUrls) {
        for (String annotation : List.of("runbook_url", "runbook")) {
            Optional<AlertMatch> linked = library.forRunbookUrl(alert.alertname(),
                    alert.annotations().get(annotation), runbookUrls);
            if (linked.isPresent()) {
                return linked;
            }
        }
        return matchFor(library, alert.alertname());
    }

    /** The runbook that answers an alert name: the first the library finds (declared, then mapped). */
    public static Optional<Runbook> runbookFor(RunbookLibrary library, String alertname) {
        return matchFor(library, alertname).flatMap(AlertMatch::runbook);
    }

    /** The first match in the library that has its runbook, with the heading that names the alert. */
    public static Optional<AlertMatch> matchFor(RunbookLibrary library, String alertname) {
        if (alertname.isBlank()) {
            return Optional.empty();
        }
        return library.forAlert(alertname).stream().filter(m -> m.runbook().isPresent()).findFirst();
    }

    /** What a silence will do, said before the responder confirms it. */
    public record SilenceRequest(Row row, Duration duration, String comment, String by) {
        /** Why it cannot be sent, or empty. */
        public String problem() {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                return "A silence needs a duration longer than zero";
            }
            if (duration.compareTo(LONGEST_SILENCE) > 0) {
                return "Baton silences for at most " + LONGEST_SILENCE.toDays() + " days";
            }
            if (comment == null || comment.isBlank()) {
                return "A silence needs a comment: say why, for whoever sees it in Alertmanager";
            }
            return "";
        }

        public String describe() {
            return "Silence " + row.alert().alertname() + " " + dev.baton.incident.EventWords.labels(row.alert().labels())
                    + " in Alertmanager " + row.source() + " for " + words(duration) + ": " + comment.strip();
        }

        private static String words(Duration duration) {
            long minutes = duration.toMinutes();
            return minutes % 60 == 0 ? minutes / 60 + " h" : minutes + " min";
        }
    }

    /**
     * Creates the silence in the row's Alertmanager (the only write Baton sends there) and returns its id.
     * Recording it in the incident is {@link AlertIncidents#silenced}.
     */
    public String silence(SilenceRequest request, Instant now) throws SourceException {
        if (!request.problem().isEmpty()) {
            throw new SourceException(request.problem());
        }
        DataSource source = alertmanagers.stream().filter(s -> s.name().equals(request.row().source())).findFirst()
                .orElseThrow(() -> new SourceException("No Alertmanager named " + request.row().source()
                        + " is configured; a pasted alert can only be silenced in its Alertmanager"));
        return api(source).silence(request.row().alert(), now, now.plus(request.duration()), request.by(),
                request.comment().strip());
    }

    private AlertmanagerApi api(DataSource source) throws SourceException {
        return new AlertmanagerApi(new SourceClient(source, environment, timeout));
    }
}
