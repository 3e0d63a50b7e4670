package dev.baton.render;

import dev.baton.render.BatonUrls.Action;
import dev.baton.runbook.Step;
import dev.baton.runbook.StepKind;
import dev.baton.step.StepWarning;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import org.commonmark.ext.task.list.items.TaskListItemMarker;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Baton's rendering of the nodes that can act: code blocks become steps with their buttons, links
 * lead only where {@link LinkPolicy} allows, images are never loaded, task items are tick links.
 * One instance renders one page; it counts steps and checklist items in document order, the order in
 * which the parser numbered them.
 */
final class RunbookNodeRenderers implements NodeRenderer {
    private final HtmlNodeRendererContext context;
    private final HtmlWriter html;
    private final List<Step> steps;
    private final LinkPolicy links;
    private final IntPredicate ticked;
    private final java.util.function.IntFunction<List<StepHistory>> runs;
    private final java.util.function.IntFunction<StepRecall> recall;
    private int nextStep;
    private int nextTask;

    RunbookNodeRenderers(HtmlNodeRendererContext context, List<Step> steps, LinkPolicy links, IntPredicate ticked,
            java.util.function.IntFunction<List<StepHistory>> runs, java.util.function.IntFunction<StepRecall> recall) {
        this.runs = runs;
        this.recall = recall;
        this.context = context;
        this.html = context.getWriter();
        this.steps = steps;
        this.links = links;
        this.ticked = ticked;
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
        return Set.of(FencedCodeBlock.class, IndentedCodeBlock.class, Link.class, Image.class, TaskListItemMarker.class);
    }

    @Override
    public void render(Node node) {
        if (node instanceof Link link) {
            link(link);
        } else if (node instanceof Image image) {
            image(image);
        } else if (node instanceof TaskListItemMarker) {
            task();
        } else {
            step(nextStep < steps.size() ? steps.get(nextStep) : null);
            nextStep++;
        }
    }

    private void step(Step step) {
        if (step == null) {
            return; // the page and the parse disagree; render nothing rather than a wrong button
        }
        html.line();
        html.tag("div", Map.of("class", "step step-" + step.kind().name().toLowerCase(java.util.Locale.ROOT),
                "id", "step-" + step.number()));
        html.tag("div", Map.of("class", "step-bar"));
        html.tag("span", Map.of("class", "step-number"));
        html.text(step.number() + (step.language().isEmpty() ? "" : " · " + step.language()));
        html.tag("/span");
        String n = String.valueOf(step.number());
        if (step.runnable()) {
            button(Action.RUN, n, "Run", "Send to the active terminal");
            button(Action.RUN_IN, n, "Run in…", "Choose the terminal");
            if (step.runsOnNodes()) {
                button(Action.RUN_ON_NODE, n, "Run on node…", "Run on one or more nodes and capture the output");
            }
        }
        if (step.session() != null) {
            html.tag("span", Map.of("class", "step-session", "title", "Started in the terminal; each line after the"
                    + " first is typed once the client shows its prompt. Not run on nodes."));
            html.text("opens " + step.session().client() + ", types " + step.session().inner().size()
                    + (step.session().inner().size() == 1 ? " line" : " lines") + " at its prompt");
            html.tag("/span");
        } else if (!step.expectedOutput().isEmpty() && step.runnable()) {
            long lines = step.command().lines().filter(l -> !l.isBlank()).count();
            html.tag("span", Map.of("class", "step-session", "title", "The block mixes commands and their output:"
                    + " only the lines shown are sent; the output is kept below as what to expect"));
            html.text("sends " + lines + (lines == 1 ? " line" : " lines") + ", not the output");
            html.tag("/span");
        }
        if (dev.baton.query.QueryLanguage.of(step.language()).isPresent()) {
            button(Action.QUERY, n, "Query", "Run against Prometheus or Loki and show the answer beside the runbook");
        }
        if (step.kind() != StepKind.TEXT) {
            button(Action.COPY, n, "Copy", "Copy to the clipboard");
        }
        for (StepWarning warning : step.warnings()) {
            html.tag("span", Map.of("class", "warning warning-" + warning.kind().jsonName(), "title", warning.detail()));
            html.text("⚠ " + warning.kind().label() + warning.detail());
            html.tag("/span");
        }
        html.tag("/div");
        html.tag("pre");
        html.tag("code", Map.of("class", "language-" + (step.language().isEmpty() ? "text" : step.language())));
        html.raw(CodeHighlighter.highlight(step.command(), step.language()));
        html.tag("/code");
        html.tag("/pre");
        if (!step.expectedOutput().isEmpty()) {
            html.tag("div", Map.of("class", "step-expected", "id", "step-expected-" + step.number()));
            html.tag("div", Map.of("class", "expected-label"));
            html.text("Expected output");
            html.tag("/div");
            html.tag("pre");
            html.text(step.expectedOutput());
            html.tag("/pre");
            html.tag("/div");
        }
        history(step, runs.apply(step.number()));
        recall(step, recall.apply(step.number()));
        html.tag("/div");
        html.line();
    }

    /** The step's last runs under it: when, where, how it ended, how long, and its output a click away. */
    private void history(Step step, List<StepHistory> last) {
        if (last == null || last.isEmpty()) {
            return;
        }
        html.tag("div", Map.of("class", "step-runs", "id", "step-runs-" + step.number()));
        for (StepHistory run : last) {
            html.tag("div", Map.of("class", run.failed() ? "step-run failed" : "step-run"));
            html.tag("span", Map.of("class", "run-when"));
            html.text(run.when());
            html.tag("/span");
            html.text(" · ");
            html.tag("span", Map.of("class", "run-where"));
            html.text(run.where());
            html.tag("/span");
            html.text(" · ");
            html.tag("span", Map.of("class", "run-status"));
            html.text(run.status());
            html.tag("/span");
            if (!run.duration().isEmpty()) {
                html.text(" · " + run.duration());
            }
            if (!run.by().isEmpty()) {
                html.text(" · ");
                html.tag("span", Map.of("class", "run-by"));
                html.text("by " + run.by());
                html.tag("/span");
            }
            String seq = String.valueOf(run.seq());
            if (run.hasOutput()) {
                html.text(" ");
                html.tag("a", Map.of("class", "run-action", "href", BatonUrls.of(Action.OUTPUT, seq),
                        "title", "Show this run's output"));
                html.text("Output");
                html.tag("/a");
            }
            html.text(" ");
            html.tag("a", Map.of("class", "run-action", "href", BatonUrls.of(Action.RERUN, seq),
                    "title", "Run this step again on " + run.where()));
            html.text("Re-run");
            html.tag("/a");
            html.tag("/div");
        }
        html.tag("/div");
    }

    /** What past incidents say of the step: how often it ran and failed, and a warning when it keeps failing. */
    private void recall(Step step, StepRecall memory) {
        if (memory == null) {
            return;
        }
        html.tag("div", Map.of("class", memory.failing() ? "step-memory failing" : "step-memory",
                "id", "step-memory-" + step.number(), "title", memory.lastOutput()));
        if (memory.failing()) {
            html.tag("strong");
            html.text("Failed the last three times it ran. ");
            html.tag("/strong");
        }
        html.text(memory.summary());
        html.tag("/div");
    }

    private void button(Action action, String number, String label, String title) {
        html.tag("a", Map.of("class", "step-action action-" + action.name().toLowerCase(java.util.Locale.ROOT),
                "href", BatonUrls.of(action, number), "title", title));
        html.text(label);
        html.tag("/a");
    }

    private void link(Link link) {
        String href = links.href(link.getDestination());
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("title", links.title(link.getDestination()));
        if (href != null) {
            attributes.put("href", href);
        } else {
            attributes.put("class", "dead-link");
        }
        html.tag(href != null ? "a" : "span", attributes);
        renderChildren(link);
        html.tag(href != null ? "/a" : "/span");
    }

    /** Images are shown as their description and address, never fetched: a runbook must not phone home. */
    private void image(Image image) {
        html.tag("span", Map.of("class", "image-placeholder", "title", image.getDestination()));
        html.text("[image: ");
        renderChildren(image);
        html.text("]");
        html.tag("/span");
    }

    private void task() {
        nextTask++;
        boolean checked = ticked.test(nextTask);
        html.tag("a", Map.of("class", TaskMarks.cssClass(checked), "href",
                BatonUrls.of(Action.TICK, String.valueOf(nextTask)), "title", TaskMarks.title(checked)));
        html.text(TaskMarks.mark(checked));
        html.tag("/a");
        html.text(" ");
    }

    private void renderChildren(Node parent) {
        for (Node child = parent.getFirstChild(); child != null; ) {
            Node next = child.getNext();
            context.render(child);
            child = next;
        }
    }
}
