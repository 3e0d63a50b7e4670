package dev.baton.bench;

import dev.baton.runbook.AlertMatch;
import dev.baton.runbook.RunbookLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Opt-in check over runbook collections checked out beside Baton (not part of any build): every heading
 * that names an alert ({@code ## HighErrorRate}, {@code ##### Alert Name: "KubeAPIDown"}) is looked up as
 * {@code baton alert} would, and counted as found when the lookup answers with that file, and as found at
 * its heading when the match is that heading (or the heading is the file's title). Prints one line per
 * collection and every miss.
 *
 * <pre>java -cp app/target/baton.jar:bench/target/classes dev.baton.bench.AlertSectionsCheck DIR...</pre>
 *
 * The headings are read here with a pattern of their own, not with the code under test.
 */
public final class AlertSectionsCheck {
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern PREFIX = Pattern.compile("(?i)^alert(?:\\s*name)?\\s*:\\s*");
    /** An alert name as rules write them: at least two words run together, CamelCase. */
    private static final Pattern ALERT = Pattern.compile("[A-Z][A-Za-z0-9]*[a-z0-9][A-Z][A-Za-z0-9]*");

    private AlertSectionsCheck() {
    }

    record Named(Path file, String alert, boolean title) {}

    public static void main(String[] args) throws IOException {
        for (String arg : args) {
            Path root = Path.of(arg).toAbsolutePath().normalize();
            List<Named> named = headings(root);
            int found = 0;
            int atHeading = 0;
            List<String> misses = new ArrayList<>();
            try (RunbookLibrary library = RunbookLibrary.load(root)) {
                for (Named n : named) {
                    Optional<AlertMatch> match = library.forAlert(n.alert()).stream()
                            .filter(m -> m.runbook().flatMap(library::file).map(f -> f.equals(n.file())).orElse(false))
                            .findFirst();
                    if (match.isEmpty()) {
                        misses.add("not found: " + n.alert() + " in " + root.relativize(n.file()));
                        continue;
                    }
                    found++;
                    if (n.title() || heading(match.get()).map(h -> h.contains(n.alert())).orElse(false)) {
                        atHeading++;
                    } else {
                        misses.add("not at its heading: " + n.alert() + " in " + root.relativize(n.file()));
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%s: %d alert-named headings, %d found, %d found at their heading%n",
                    root.getFileName(), named.size(), found, atHeading);
            misses.forEach(m -> System.out.println("  " + m));
        }
    }

    /** The heading a match opens at, read by reflection so that this check also runs against older builds. */
    private static Optional<String> heading(AlertMatch match) {
        try {
            Object section = ((Optional<?>) AlertMatch.class.getMethod("section").invoke(match)).orElse(null);
            return section == null ? Optional.empty()
                    : Optional.of((String) section.getClass().getMethod("title").invoke(section));
        } catch (ReflectiveOperationException e) {
            return Optional.empty();
        }
    }

    private static List<Named> headings(Path root) throws IOException {
        List<Named> named = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md") && Files.isRegularFile(f)).sorted().toList()) {
                boolean inFence = false;
                boolean first = true;
                for (String line : Files.readAllLines(file)) {
                    if (line.strip().startsWith("```") || line.strip().startsWith("~~~")) {
                        inFence = !inFence;
                        continue;
                    }
                    Matcher m = inFence ? null : HEADING.matcher(line);
                    if (m == null || !m.matches()) {
                        continue;
                    }
                    String text = PREFIX.matcher(m.group(2).replaceAll("[`\"*]", "").strip()).replaceFirst("").strip();
                    if (ALERT.matcher(text).matches()) {
                        named.add(new Named(file, text, first));
                    }
                    first = false;
                }
            }
        }
        return named;
    }
}
