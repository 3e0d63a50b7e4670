package dev.baton.cli;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plain forms of the commands that scripts and alert hooks repeat, {@code search}, {@code alert} and
 * {@code run} on one node, read without picocli. Picocli's classes are in a class-file format too old for the class-data archive, so each start
 * loaded and verified them from the jar and read the commands' annotations by reflection: a third of a repeat
 * {@code baton search}. Any other form (help, version, an unknown or repeated option, an {@code @file}, a word
 * that starts with a dash) is left to picocli, which answers it as always. PlainCommandLineTest holds every form
 * read here to what picocli reads from it.
 */
final class PlainCommandLine {
    /** A command read from the arguments, ready to run. */
    sealed interface Invocation permits Search, Alert, Run {
        int run(PrintWriter out, PrintWriter err);
    }

    record Search(List<String> words, int limit, Path dir) implements Invocation {
        @Override
        public int run(PrintWriter out, PrintWriter err) {
            return SearchCommand.search(words, limit, LibraryOption.folder(dir), out, err);
        }
    }

    record Alert(String name, String url, Path dir) implements Invocation {
        @Override
        public int run(PrintWriter out, PrintWriter err) {
            return AlertCommand.lookUp(name, url, LibraryOption.folder(dir), out, err);
        }
    }

    /**
     * {@code run} on one {@code --node}, a {@code --step} or a {@code --command}, the values an alert hook gives
     * ({@code --var}, {@code --label}) and the SSH options a script gives.
     */
    record Run(String node, String step, String command, List<Path> inventories, Path knownHosts, List<Path> identities,
            boolean yes, Map<String, String> values, Map<String, String> labels) implements Invocation {
        Run {
            inventories = List.copyOf(inventories);
            identities = List.copyOf(identities);
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }

        @Override
        public int run(PrintWriter out, PrintWriter err) {
            try {
                return toCommand().call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                // As picocli's handler in BatonCommand answers an exception out of the command.
                err.println("baton: " + Printable.of(e.getMessage()));
                return 2;
            }
        }

        /** The command as picocli would have filled it from the same words. */
        RunCommand toCommand() {
            RunCommand run = new RunCommand();
            run.where = new RunCommand.Where();
            run.where.nodes = new ArrayList<>(List.of(node));
            run.what = new RunCommand.What();
            run.what.step = step;
            run.what.command = command;
            run.inventories = new ArrayList<>(inventories);
            run.knownHosts = knownHosts;
            run.identities = new ArrayList<>(identities);
            run.yes = yes;
            run.values = new LinkedHashMap<>(values);
            run.labels = new LinkedHashMap<>(labels);
            return run;
        }
    }

    private PlainCommandLine() {
    }

    /** The command, when the arguments are a plain search or alert; empty when picocli should read them. */
    static Optional<Invocation> parse(String... args) {
        if (args.length == 0) {
            return Optional.empty();
        }
        if (args[0].equals("run")) {
            return run(args);
        }
        Options options = new Options();
        List<String> words = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.isEmpty() || arg.charAt(0) == '@') {
                return Optional.empty(); // picocli reads "@file" as a file of arguments
            }
            if (arg.charAt(0) != '-') {
                words.add(arg);
                continue;
            }
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            String value;
            if (name.length() < arg.length()) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return Optional.empty();
            }
            if (!options.take(args[0], name, value)) {
                return Optional.empty();
            }
        }
        return switch (args[0]) {
            case "search" -> words.isEmpty() || options.url != null ? Optional.empty()
                    : Optional.of(new Search(List.copyOf(words), options.limit == null ? 10 : options.limit, options.dir));
            case "alert" -> words.size() > 1 || options.limit != null ? Optional.empty()
                    : Optional.of(new Alert(words.isEmpty() ? null : words.get(0), options.url, options.dir));
            default -> Optional.empty();
        };
    }

    /** A run on one node, each of its options in a form picocli reads the same; empty for anything else. */
    private static Optional<Invocation> run(String... args) {
        String node = null;
        String step = null;
        String command = null;
        Path knownHosts = null;
        List<Path> inventories = new ArrayList<>();
        List<Path> identities = new ArrayList<>();
        boolean yes = false;
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--yes")) {
                if (yes) {
                    return Optional.empty();
                }
                yes = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                return Optional.empty(); // a word, "@file", a short option
            }
            int equals = arg.indexOf('=');
            String name = equals > 0 ? arg.substring(0, equals) : arg;
            String value;
            if (equals > 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return Optional.empty();
            }
            if (value.isEmpty() || value.charAt(0) == '-' || value.charAt(0) == '@') {
                return Optional.empty();
            }
            try {
                switch (name) {
                    case "--node" -> {
                        if (node != null) {
                            return Optional.empty(); // several nodes: a fan-out, read by picocli
                        }
                        node = value;
                    }
                    case "--step", "--command" -> {
                        if (step != null || command != null) {
                            return Optional.empty();
                        }
                        if (name.equals("--step")) {
                            step = value;
                        } else {
                            command = value;
                        }
                    }
                    case "--known-hosts" -> {
                        if (knownHosts != null) {
                            return Optional.empty();
                        }
                        knownHosts = Path.of(value);
                    }
                    case "--var", "--label" -> {
                        // NAME=VALUE split at the first '=', a later value for a name replacing an earlier one,
                        // as picocli fills a map; an empty name or value is left to picocli.
                        int split = value.indexOf('=');
                        if (split <= 0 || split == value.length() - 1) {
                            return Optional.empty();
                        }
                        (name.equals("--var") ? values : labels).put(value.substring(0, split), value.substring(split + 1));
                    }
                    case "--inventory" -> inventories.add(Path.of(value));
                    case "--identity" -> identities.add(Path.of(value));
                    default -> {
                        return Optional.empty();
                    }
                }
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
        }
        if (node == null || (step == null && command == null)) {
            return Optional.empty();
        }
        return Optional.of(new Run(node, step, command, inventories, knownHosts, identities, yes, values, labels));
    }

    /** The options given so far; each at most once, as picocli allows. */
    private static final class Options {
        Path dir;
        Integer limit;
        String url;

        /** False for an option this command has not, one given twice, or a value picocli might read otherwise. */
        boolean take(String command, String name, String value) {
            if (value.isEmpty() || value.charAt(0) == '-' || value.charAt(0) == '@') {
                return false;
            }
            switch (name) {
                case "-d", "--dir" -> {
                    if (dir != null) {
                        return false;
                    }
                    try {
                        dir = Path.of(value);
                    } catch (InvalidPathException e) {
                        return false;
                    }
                    return true;
                }
                case "-n", "--limit" -> {
                    if (limit != null || !command.equals("search") || !value.matches("[0-9]{1,9}")) {
                        return false;
                    }
                    limit = Integer.parseInt(value);
                    return true;
                }
                case "--url" -> {
                    if (url != null || !command.equals("alert")) {
                        return false;
                    }
                    url = value;
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }
    }
}
