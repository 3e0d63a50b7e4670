package dev.baton.bench;

import dev.baton.runbook.Runbook;
import dev.baton.runbook.RunbookLibrary;
import dev.baton.runbook.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Counts, per runbook collection, the runnable steps that would fail or do something else when sent as Baton
 * plans to send them. Each argument is a folder of Markdown (a collection checked out somewhere); the last
 * optional {@code --sample FILE} writes 25 runnable steps picked at random, block and sent text side by side,
 * for a look by eye. Prints the figures; asserts nothing.
 *
 * <p>A step "fails as sent" when what Baton would type:
 * <ul>
 * <li>holds a prompt ({@code $ }, {@code user@host:~$ }, {@code >>> }, {@code mysql> }, {@code =# }) — bash runs
 *     {@code $} or {@code user@host:~$} as a command;</li>
 * <li>holds a line of output: a column header ({@code NAME   READY   STATUS}), a log line, a first word
 *     ending in a colon ({@code Error:}, {@code Name:});</li>
 * <li>starts an interactive client ({@code redis-cli}, {@code psql}, {@code python3}, {@code kubectl exec -it …
 *     -- sh}) as a shell command while the block goes on with lines meant for that client;</li>
 * <li>is a query (PromQL, LogQL) or configuration (YAML, JSON) sent to a shell;</li>
 * <li>is not even valid for {@code bash -n}.</li>
 * </ul>
 * A client session step (kind SESSION) is judged by its client line and its inner lines: no prompt left in any.
 */
public final class StepHabitsBenchmark {
    private static final Pattern PROMPT = Pattern.compile(
            "\\s*(\\$|%|>>>|\\.\\.\\.|❯|mysql>|[\\w-]*=[#>]|irb\\([^)]*\\):\\d+:\\d+>|irb>|redis[\\w.:-]*>|[\\d.]+:\\d+>"
                    + "|[\\w.-]+@[\\w.-]+(:[^\\s$#]*)?[$#]|\\[[^\\]]+\\][$#]|\\([^)]+\\)\\s*[$#]|(sh|bash|zsh)-[\\d.]+[$#])(\\s.*)?");
    private static final Pattern LOG = Pattern.compile(
            "\\s*[\\[(]?(\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}|[IWEF]\\d{4} \\d{2}:\\d{2}:\\d{2}|level=|time=\").*");
    private static final Pattern HEADER = Pattern.compile("\\s*[A-Z][A-Z%()/_.-]*(\\s{2,}[A-Z%()/_.-]+(\\s[A-Z()%/_.-]+)?){2,}\\s*");
    private static final Pattern COLON_WORD = Pattern.compile("\\s*[A-Za-z][\\w -]{0,30}:(\\s.*)?");
    private static final Pattern CLIENT = Pattern.compile(
            "\\s*(sudo\\s+)?(redis-cli|psql|mysql|mongo|mongosh|python3?|irb|rails c(onsole)?|etcdctl\\s+-i|sqlite3"
                    + "|kubectl\\s+exec\\s+(-it|-ti|-i\\s+-t|-t\\s+-i|--stdin\\s+--tty)\\b.*--\\s*(ba|z)?sh"
                    + "|oc\\s+(rsh|exec\\s+-it)\\b.*|oc\\s+debug\\b.*|ssh\\s+\\S+|docker\\s+exec\\s+-it\\b.*\\s(ba)?sh)"
                    + "(\\s+(-h|-p|-U|-d|-u|--host|--port|-n|--user|--database)\\s*\\S+)*\\s*");
    private static final Pattern PROMQL = Pattern.compile(
            "\\s*(sum|rate|avg|max|min|count|increase|histogram_quantile|irate|topk|absent)\\s*(by\\s*\\([^)]*\\)\\s*)?\\(.*"
                    + "|\\s*[a-z_:]+\\{[a-z_]+=~?\".*|\\s*\\{[a-z_]+=~?\".*");
    private static final Pattern YAML = Pattern.compile("\\s*(- )?[\\w.\"/-]+:(\\s.*)?|\\s*- .*|\\s*---\\s*");

    private StepHabitsBenchmark() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        List<Path> collections = new ArrayList<>();
        Path sampleFile = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--sample")) {
                sampleFile = Path.of(args[++i]);
            } else {
                collections.add(Path.of(args[i]));
            }
        }
        List<String> runnable = new ArrayList<>();
        System.out.printf("%-36s %7s %8s %7s %6s  %s%n", "collection", "steps", "runnable", "fail", "%", "reasons");
        for (Path collection : collections) {
            RunbookLibrary library = RunbookLibrary.load(collection);
            int steps = 0;
            int runs = 0;
            int fails = 0;
            Map<String, Integer> reasons = new TreeMap<>();
            for (Runbook runbook : library.runbooks()) {
                Path file = library.file(runbook).orElse(null);
                List<String> source = file == null ? List.of() : Files.readAllLines(file, StandardCharsets.UTF_8);
                for (Step step : runbook.steps()) {
                    steps++;
                    if (!step.runnable()) {
                        continue;
                    }
                    runs++;
                    List<String> block = block(source, step.line());
                    String reason = failure(step, block);
                    if (!reason.isEmpty()) {
                        fails++;
                        reasons.merge(reason, 1, Integer::sum);
                    }
                    if (reason.equals(System.getProperty("show", "-"))) {
                        System.out.println("=== " + runbook.id() + "#" + step.number() + "\n" + step.command());
                    }
                    runnable.add(collection.getFileName() + "/" + runbook.id() + "#" + step.number() + " [" + step.kind()
                            + (reason.isEmpty() ? "" : ", FAILS: " + reason) + "]\n--- block\n" + String.join("\n", block)
                            + "\n--- sent\n" + step.command() + "\n");
                }
            }
            System.out.printf("%-36s %7d %8d %7d %5.1f%%  %s%n", collection.getFileName(), steps, runs, fails,
                    runs == 0 ? 0 : 100.0 * fails / runs, reasons);
        }
        if (sampleFile != null) {
            Collections.shuffle(runnable, new Random(26));
            Files.writeString(sampleFile, String.join("\n", runnable.subList(0, Math.min(25, runnable.size()))));
        }
    }

    /** The block's lines between its fences ({@code line} is the opening fence's, 1-based). */
    private static List<String> block(List<String> source, int line) {
        List<String> lines = new ArrayList<>();
        if (line < 1 || line > source.size()) {
            return lines;
        }
        String fence = source.get(line - 1).strip();
        String marker = fence.startsWith("~") ? "~~~" : "```";
        if (!fence.startsWith(marker)) {
            return lines; // an indented block: the parse's own text stands for it
        }
        for (int i = line; i < source.size() && !source.get(i).strip().startsWith(marker); i++) {
            lines.add(source.get(i));
        }
        return lines;
    }

    static String failure(Step step, List<String> block) throws IOException, InterruptedException {
        String sent = step.command();
        boolean session = step.kind().name().equals("SESSION");
        List<String> lines = sent.lines().toList();
        if (lines.stream().anyMatch(l -> PROMPT.matcher(l).matches())) {
            return "prompt sent";
        }
        if (session) {
            return ""; // the client is started and each inner line typed at its prompt
        }
        boolean hereDoc = sent.contains("<<"); // a here-document's YAML is the command's input
        if (lines.stream().anyMatch(l -> HEADER.matcher(l).matches() || LOG.matcher(l).matches()
                || !hereDoc && COLON_WORD.matcher(l).matches() && !l.strip().startsWith("http"))) {
            return "output sent";
        }
        for (int i = 0; i < lines.size(); i++) {
            if (CLIENT.matcher(lines.get(i)).matches() && !lines.get(i).stripTrailing().endsWith("\\")
                    && linesAfter(block, lines.get(i)) > 0) {
                return "client session sent as bash";
            }
        }
        List<String> content = lines.stream().filter(l -> !l.isBlank() && !l.strip().startsWith("#")).toList();
        if (!content.isEmpty() && PROMQL.matcher(content.get(0)).matches()) {
            return "query sent to a shell";
        }
        String first = content.isEmpty() ? "" : content.get(0).strip();
        String last = content.isEmpty() ? "" : content.get(content.size() - 1).strip();
        if (first.startsWith("{") && last.endsWith("}")
                || content.size() > 1 && content.stream().allMatch(l -> YAML.matcher(l).matches())) {
            return "config sent to a shell";
        }
        // Placeholders are asked for before sending: judge the step with each filled in as a plain word.
        String filled = dev.baton.step.Placeholders.asWords(sent);
        if (step.kind().name().equals("SHELL") && !bashAccepts(filled)) {
            return "bash -n fails";
        }
        return "";
    }

    /** Lines of the block after the one that holds {@code line}, blank ones aside. */
    private static long linesAfter(List<String> block, String line) {
        for (int i = 0; i < block.size(); i++) {
            if (block.get(i).contains(line.strip())) {
                return block.subList(i + 1, block.size()).stream().filter(l -> !l.isBlank()).count();
            }
        }
        return 0;
    }

    private static final Map<String, Boolean> CHECKED = new LinkedHashMap<>();

    private static boolean bashAccepts(String script) throws IOException, InterruptedException {
        Boolean known = CHECKED.get(script);
        if (known != null) {
            return known;
        }
        Process bash = new ProcessBuilder("bash", "-n").redirectErrorStream(true).start();
        bash.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        bash.getOutputStream().close();
        bash.getInputStream().readAllBytes();
        boolean ok = bash.waitFor(20, TimeUnit.SECONDS) && bash.exitValue() == 0;
        CHECKED.put(script, ok);
        return ok;
    }
}
