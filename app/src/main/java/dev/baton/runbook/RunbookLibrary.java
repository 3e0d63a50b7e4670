package dev.baton.runbook;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The runbooks of one or more folders or files: read once, then looked up by id, alert or text.
 * Immutable after {@link #load}; safe to share between threads.
 */
public final class RunbookLibrary implements AutoCloseable {
    /** Extensions read when walking a folder; a file named explicitly is read whatever its name. */
    public static final Set<String> RUNBOOK_EXTENSIONS = Set.of("md", "markdown", "txt");
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "node_modules", "target", ".github");

    /** The language of the responder's locale: translated runbooks in it are found first. */
    private static final String RESPONDER_LANGUAGE = TranslatedCopies.responderLanguage(System.getenv());

    private final List<Runbook> runbooks;
    private final Map<String, Runbook> byId;
    private final Map<String, Path> files;
    private final List<LibraryProblem> problems;
    private final LinkResolver links;
    private final AlertIndex alerts;
    private volatile RunbookSearchIndex searchIndex;
    /** The index on disk while it is written after the library was given; null when there is none to wait for. */
    private CompletableFuture<RunbookSearchIndex> indexing;
    private final List<Path> folders;
    /** The library this one adds runbooks to: searched as it was, its own index untouched; null when none. */
    private RunbookLibrary base;
    /** What lists say of a runbook added by {@link #withRunbooks}, by id. */
    private final Map<String, String> labels = new java.util.concurrent.ConcurrentHashMap<>();

    private RunbookLibrary(List<Runbook> runbooks, Map<String, Path> files, List<LibraryProblem> problems,
            List<Path> folders) {
        this.folders = List.copyOf(folders);
        this.runbooks = List.copyOf(runbooks);
        this.files = Map.copyOf(files);
        this.problems = List.copyOf(problems);
        Map<String, Runbook> ids = new LinkedHashMap<>();
        runbooks.forEach(r -> ids.put(r.id(), r));
        this.byId = Collections.unmodifiableMap(ids);
        this.links = new LinkResolver(this.runbooks, this.files);
        this.alerts = new AlertIndex(this.runbooks, links);
    }

    /** The file a runbook was read from (its {@link Runbook#path()}), absolute; empty for one not from a file. */
    public java.util.Optional<Path> file(String runbookPath) {
        return java.util.Optional.ofNullable(files.get(runbookPath));
    }

    public static RunbookLibrary load(Path root) {
        return load(List.of(root));
    }

    /** Reads every runbook under the given folders and files. Unreadable files become problems, never exceptions. */
    public static RunbookLibrary load(List<Path> roots) {
        RunbookFileReader reader = new RunbookFileReader();
        RunbookParser parser = new RunbookParser();
        List<Runbook> runbooks = new ArrayList<>();
        Map<String, Path> files = new LinkedHashMap<>();
        List<LibraryProblem> problems = new ArrayList<>();
        for (Path root : roots) {
            // Files are read on every core (the parser is thread-safe), then kept in the walk's order.
            List<Path> found = runbookFiles(root, problems);
            List<FileRead> reads = found.parallelStream().map(file -> read(reader, parser, displayPath(file), file)).toList();
            for (int i = 0; i < found.size(); i++) {
                FileRead read = reads.get(i);
                runbooks.addAll(read.runbooks());
                if (read.problem() == null) {
                    files.put(displayPath(found.get(i)), found.get(i).toAbsolutePath().normalize());
                } else {
                    problems.add(read.problem());
                }
            }
        }
        return new RunbookLibrary(runbooks, files, problems,
                roots.stream().filter(Files::isDirectory).map(root -> root.toAbsolutePath().normalize()).toList());
    }

    /**
     * A library of runbooks read before (the index on disk keeps them), with the files they came from; it
     * searches {@code searchIndex} (and closes it), or one built in memory when that is null.
     */
    static RunbookLibrary of(List<Runbook> runbooks, Map<String, Path> files, List<LibraryProblem> problems,
            List<Path> roots, RunbookSearchIndex searchIndex) {
        RunbookLibrary library = new RunbookLibrary(runbooks, files, problems,
                roots.stream().filter(Files::isDirectory).map(root -> root.toAbsolutePath().normalize()).toList());
        library.searchIndex = searchIndex;
        return library;
    }

    /**
     * As {@link #of}, with the index still being written: a search waits for it ({@link #searchReady} says whether
     * it would), so that it never answers from part of the library.
     */
    static RunbookLibrary indexing(List<Runbook> runbooks, Map<String, Path> files, List<LibraryProblem> problems,
            List<Path> roots, CompletableFuture<RunbookSearchIndex> index) {
        RunbookLibrary library = of(runbooks, files, problems, roots, null);
        library.indexing = index;
        return library;
    }

    /**
     * Whether a search answers at once: false while the search index of a large library opened for the first time
     * is still being written (the search then waits for it).
     */
    public boolean searchReady() {
        return (indexing == null || indexing.isDone()) && (base == null || base.searchReady());
    }

    /**
     * This library with {@code extra} runbooks it lacks (read from {@code extraFiles}, by runbook path), such as
     * the copies a handoff bundle carried. A runbook of this library keeps its own copy: an extra one with the
     * same id is left out. Searching finds the extra runbooks first, then this library's as before.
     */
    public RunbookLibrary withRunbooks(List<Runbook> extra, Map<String, Path> extraFiles, String label) {
        List<Runbook> added = extra.stream().filter(r -> !byId.containsKey(r.id())).toList();
        if (added.isEmpty()) {
            return this;
        }
        List<Runbook> all = new ArrayList<>(runbooks);
        all.addAll(added);
        Map<String, Path> allFiles = new LinkedHashMap<>(files);
        added.forEach(r -> {
            Path file = extraFiles.get(r.path());
            if (file != null) {
                allFiles.putIfAbsent(r.path(), file);
            }
        });
        RunbookLibrary combined = new RunbookLibrary(all, allFiles, problems, folders);
        combined.base = this;
        added.forEach(r -> combined.labels.put(r.id(), label));
        combined.searchIndex = RunbookSearchIndex.build(added.stream().map(RunbookLibrary::searchDocument).toList());
        return combined;
    }

    /** How lists mark a runbook that is not the responder's own (added by {@link #withRunbooks}). */
    public Optional<String> label(Runbook runbook) {
        return Optional.ofNullable(labels.get(runbook.id()));
    }

    /** The folders the library was read from (a runbook folder's baton.yaml configures its data sources). */
    public List<Path> folders() {
        return folders;
    }

    /**
     * A file as it was read: its runbooks, or the problem that kept it out ({@code problem} not null), and the
     * SHA-256 of the bytes read ({@link IndexManifest.Stamp#UNREADABLE} when none were; null when not asked for),
     * worked out when first asked for: a first open stamps its files after its list.
     */
    record FileRead(List<Runbook> runbooks, LibraryProblem problem, java.util.function.Supplier<String> hash) {
        String sha256() {
            return hash.get();
        }
    }

    /** Reads and parses one file, {@code display} being its path as the library shows it; never throws. */
    static FileRead read(RunbookFileReader reader, RunbookParser parser, String display, Path file) {
        return read(reader, parser, display, file, false);
    }

    /**
     * As {@link #read}, and, when {@code hash}, the SHA-256 of the very bytes parsed: a cache's stamp taken from
     * them, without reading the file a second time (nor a version of it other than the one parsed).
     */
    static FileRead read(RunbookFileReader reader, RunbookParser parser, String display, Path file, boolean hash) {
        java.util.function.Supplier<String> sha256 = hash ? () -> IndexManifest.Stamp.UNREADABLE : () -> null;
        try {
            byte[] bytes = reader.readBytes(file);
            if (hash) {
                sha256 = ContentHash.later(bytes);
            }
            return new FileRead(parser.parse(display, reader.decode(file, bytes)), null, sha256);
        } catch (RunbookReadException e) {
            return new FileRead(List.of(), new LibraryProblem(display, e.line(), e.getMessage()), sha256);
        } catch (RuntimeException | StackOverflowError e) {
            // The nesting bound should make this unreachable; if a file still breaks the parser,
            // it alone is left out and said, and every other file loads.
            org.slf4j.LoggerFactory.getLogger(RunbookLibrary.class).warn("Could not parse {}", display, e);
            return new FileRead(List.of(), new LibraryProblem(display, 1, "could not be parsed (" + e + "); not loaded"), sha256);
        }
    }

    static List<Path> runbookFiles(Path root, List<LibraryProblem> problems) {
        if (!Files.isDirectory(root)) {
            return List.of(root);
        }
        List<Path> found = new ArrayList<>();
        walkRunbookFiles(root, problems, (file, attrs) -> found.add(file));
        found.sort(null);
        return found;
    }

    /** Each runbook file under the folder {@code root} with the attributes the walk read, in no particular order. */
    static void walkRunbookFiles(Path root, List<LibraryProblem> problems,
            java.util.function.BiConsumer<Path, BasicFileAttributes> found) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    boolean skip = !dir.equals(root) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString());
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && RUNBOOK_EXTENSIONS.contains(extension(file))) {
                        found.accept(file, attrs);
                    } else if (attrs.isSymbolicLink()) {
                        linkedRunbook(root, file, problems).ifPresent(target -> found.accept(file, target));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    problems.add(new LibraryProblem(displayPath(file), 1, "cannot be read: " + e.getMessage()));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.add(new LibraryProblem(root.toString(), 1, "cannot be read: " + e.getMessage()));
        }
    }

    /**
     * The attributes of the runbook a symbolic link leads to, when it is a Markdown file inside the library
     * (it is read under the link's name, which may be the alert's). A link out of the library, to nothing, or
     * to a folder (whose runbooks would be read twice, or without end) is a problem, never a silent gap.
     */
    private static Optional<BasicFileAttributes> linkedRunbook(Path root, Path link, List<LibraryProblem> problems) {
        String where;
        try {
            where = Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            where = "?";
        }
        Path target;
        try {
            target = link.toRealPath();
        } catch (IOException e) {
            if (RUNBOOK_EXTENSIONS.contains(extension(link))) {
                problems.add(new LibraryProblem(displayPath(link), 1, "is a symbolic link to " + where
                        + ", which does not exist (or links back to itself); not read"));
            }
            return Optional.empty();
        }
        if (Files.isDirectory(target)) {
            problems.add(new LibraryProblem(displayPath(link), 1, "is a symbolic link to a folder (" + where
                    + "); not followed, so its runbooks are read once, where they are"));
            return Optional.empty();
        }
        if (!RUNBOOK_EXTENSIONS.contains(extension(link)) && !RUNBOOK_EXTENSIONS.contains(extension(target))) {
            return Optional.empty();
        }
        try {
            if (!target.startsWith(root.toRealPath())) {
                problems.add(new LibraryProblem(displayPath(link), 1, "is a symbolic link to " + where
                        + ", outside the runbook folder; not read"));
                return Optional.empty();
            }
            BasicFileAttributes attributes = Files.readAttributes(target, BasicFileAttributes.class);
            return attributes.isRegularFile() ? Optional.of(attributes) : Optional.empty();
        } catch (IOException e) {
            problems.add(new LibraryProblem(displayPath(link), 1, "cannot be read: " + e.getMessage()));
            return Optional.empty();
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static String displayPath(Path file) {
        // Walked files already start with their root, so the path reads as the responder typed it.
        return file.normalize().toString().replace('\\', '/');
    }

    public List<Runbook> runbooks() {
        return runbooks;
    }

    public Optional<Runbook> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The file a runbook was read from. */
    public Optional<Path> file(Runbook runbook) {
        return Optional.ofNullable(files.get(runbook.path()));
    }

    /** Files that could not be read at all. */
    public List<LibraryProblem> problems() {
        return problems;
    }

    public LinkTarget resolve(Runbook from, RunbookLink link) {
        return links.resolve(from, link.target());
    }

    /**
     * Runbooks for an alert name (case-insensitive): those that declare it, then those alert tables map it
     * to, then those named after it (file {@code KubePodCrashLooping.md} or that title).
     */
    public List<AlertMatch> forAlert(String alertName) {
        return forAlert(alertName, RESPONDER_LANGUAGE);
    }

    /** As {@link #forAlert(String)}, copies in {@code language} (an ISO 639 code) before other translations. */
    public List<AlertMatch> forAlert(String alertName, String language) {
        return alerts.find(alertName, language);
    }

    /** The files of the library that links from {@code from} to {@code targets} lead into (display paths). */
    Set<String> linkedFiles(Runbook from, List<String> targets) {
        Set<String> linked = new java.util.HashSet<>();
        for (String target : targets) {
            String file = links.targetFile(from, target);
            if (file != null) {
                linked.add(file);
            }
        }
        return linked;
    }

    /**
     * The runbook an alert's {@code runbook_url} annotation points at, through the responder's mappings of URL
     * prefixes to local folders; at the heading its anchor names. Empty when no mapping covers the URL or the
     * page is not in this library.
     */
    public Optional<AlertMatch> forRunbookUrl(String alertName, String url, List<RunbookUrlMapping> mappings) {
        return new RunbookUrls(runbooks, files).find(alertName, url, mappings);
    }

    /** Every alert name some runbook of the library answers, each once. */
    public List<String> alertNames() {
        return alerts.names();
    }

    /** Known alert names close to a mistyped one, closest first. */
    public List<String> alertSuggestions(String alertName, int limit) {
        return alerts.suggestions(alertName, limit);
    }

    /** The runbook an index's alert table or entry points at ({@code node-down.md}, or an id such as RB-03). */
    public Optional<Runbook> mappedRunbook(Runbook index, String target) {
        return alerts.target(index, target);
    }

    /** The runbook's own severity, else the one an index of the library gives it. */
    public Optional<String> severity(Runbook runbook) {
        if (runbook.severity() != null) {
            return Optional.of(runbook.severity());
        }
        return alerts.indexedSeverity(runbook);
    }

    /** Every problem a runbook author should fix: unreadable files, notices, broken links, unmapped alerts. */
    public List<LibraryProblem> lint() {
        return new RunbookLint(this, alerts).problems();
    }

    public List<SearchHit> search(String query, int limit) {
        if (base == null) {
            return searchIndex().search(query, limit);
        }
        List<SearchHit> hits = new ArrayList<>(searchIndex().search(query, limit));
        hits.addAll(base.search(query, limit));
        return List.copyOf(hits.subList(0, Math.min(limit, hits.size())));
    }

    private RunbookSearchIndex searchIndex() {
        RunbookSearchIndex index = searchIndex;
        if (index == null) {
            synchronized (this) {
                index = searchIndex;
                if (index == null && indexing != null) {
                    index = indexing.join();
                    searchIndex = index;
                } else if (index == null) {
                    index = RunbookSearchIndex.build(runbooks.stream().map(RunbookLibrary::searchDocument).toList());
                    searchIndex = index;
                }
            }
        }
        return index;
    }

    static SearchDocument searchDocument(Runbook runbook) {
        List<String> headings = new ArrayList<>();
        collectHeadings(runbook.sections(), headings);
        return new SearchDocument(runbook.id(), runbook.title(), runbook.alerts(), headings, runbook.text());
    }

    private static void collectHeadings(List<Section> sections, List<String> into) {
        for (Section section : sections) {
            into.add(section.title());
            collectHeadings(section.children(), into);
        }
    }

    @Override
    public void close() {
        // An index being written is waited for: its commit saves the next open from reading every file again.
        RunbookSearchIndex index = indexing != null ? indexing.join() : searchIndex;
        if (index != null) {
            index.close();
        }
    }
}
