package dev.baton.render;

import dev.baton.runbook.HeadingSlug;
import dev.baton.runbook.Runbook;
import dev.baton.runbook.RunbookParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Document;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.node.Code;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders a runbook as a self-contained HTML page for a WebView with JavaScript off. Raw HTML in the
 * Markdown is shown as text, URLs are sanitised, nothing is loaded from anywhere, and a
 * Content-Security-Policy forbids scripts and remote loads should anything slip through.
 */
public final class RunbookHtmlRenderer {
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src 'none'; frame-src 'none'; "
                    + "object-src 'none'; form-action 'none'; base-uri 'none'";

    private final RunbookParser parser = new RunbookParser();
    private final String css = resource("runbook.css");

    /**
     * @param source the runbook file's text, as parsed
     * @param ticked whether checklist item N (1-based, the runbook's order) is ticked
     * @param dark   the dark theme
     */
    public String render(Runbook runbook, String source, LinkPolicy links, IntPredicate ticked, boolean dark) {
        return render(runbook, source, links, ticked, step -> List.of(), dark);
    }

    /** @param runs the earlier runs of step N (1-based), newest first, shown beside it */
    public String render(Runbook runbook, String source, LinkPolicy links, IntPredicate ticked,
            java.util.function.IntFunction<List<StepHistory>> runs, boolean dark) {
        return render(runbook, source, links, ticked, runs, step -> null, "", dark);
    }

    /**
     * @param recall what past incidents say of step N (1-based), or null: shown under its runs
     * @param notice a line above the runbook about where this copy came from (one from a handoff bundle); plain
     *               text, empty for none
     */
    public String render(Runbook runbook, String source, LinkPolicy links, IntPredicate ticked,
            java.util.function.IntFunction<List<StepHistory>> runs, java.util.function.IntFunction<StepRecall> recall,
            String notice, boolean dark) {
        Node document = parser.parseDocument(source);
        Document scope = new Document();
        for (Node block : parser.blocksOf(document, runbook.anchor())) {
            scope.appendChild(block);
        }
        List<String[]> toc = new ArrayList<>();
        HtmlRenderer renderer = HtmlRenderer.builder()
                .nodeRendererFactory(context -> new RunbookNodeRenderers(context, runbook.steps(), links, ticked, runs, recall))
                .attributeProviderFactory(context -> new HeadingIds(toc))
                .extensions(RunbookParser.EXTENSIONS)
                .escapeHtml(true)
                .sanitizeUrls(true)
                // A raw newline shows as a box in JavaFX's WebKit with some fonts; a space reads the same.
                .softbreak(" ")
                .build();
        String body = renderer.render(scope);
        String above = notice == null || notice.isBlank() ? ""
                : "<div class=\"copy-notice\" id=\"copy-notice\">" + CodeHighlighter.escape(notice) + "</div>";
        return page(runbook.title(), tocHtml(toc), above + body, dark);
    }

    /**
     * The incident notes as a page: the same escaping and policy as a runbook, and links shown as text
     * (with their address) so that the preview never navigates anywhere.
     */
    public String renderNotes(String markdown, boolean dark) {
        HtmlRenderer renderer = HtmlRenderer.builder()
                .nodeRendererFactory(InertLinks::new)
                .extensions(RunbookParser.EXTENSIONS)
                .escapeHtml(true)
                .sanitizeUrls(true)
                .softbreak(" ")
                .build();
        String body;
        try {
            body = renderer.render(parser.parseDocument(markdown));
        } catch (IllegalArgumentException e) {
            // Nested too deeply to parse safely: shown as the text it is.
            body = "<pre>" + CodeHighlighter.escape(markdown) + "</pre>";
        }
        return page("Notes", "", body, dark);
    }

    /** Links and images become their text followed by the address in brackets. */
    private static final class InertLinks implements org.commonmark.renderer.NodeRenderer {
        private final org.commonmark.renderer.html.HtmlNodeRendererContext context;

        InertLinks(org.commonmark.renderer.html.HtmlNodeRendererContext context) {
            this.context = context;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(org.commonmark.node.Link.class, org.commonmark.node.Image.class);
        }

        @Override
        public void render(Node node) {
            String destination = node instanceof org.commonmark.node.Link link ? link.getDestination()
                    : ((org.commonmark.node.Image) node).getDestination();
            var html = context.getWriter();
            html.tag("span", Map.of("class", "inert-link"));
            for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                context.render(child);
            }
            html.text(" <" + destination + ">");
            html.tag("/span");
        }
    }

    private String page(String title, String toc, String body, boolean dark) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + CONTENT_SECURITY_POLICY + "\">"
                + "<title>" + CodeHighlighter.escape(title) + "</title><style>" + css + "</style></head>"
                + "<body class=\"" + (dark ? "dark" : "light") + "\">" + toc + "<main>" + body + "</main></body></html>";
    }

    private static String tocHtml(List<String[]> toc) {
        if (toc.size() < 2) {
            return "";
        }
        StringBuilder out = new StringBuilder("<nav class=\"toc\"><div class=\"toc-title\">Contents</div><ul>");
        for (String[] entry : toc) {
            out.append("<li class=\"toc-").append(entry[0]).append("\"><a href=\"#").append(entry[1]).append("\">")
                    .append(CodeHighlighter.escape(entry[2])).append("</a></li>");
        }
        return out.append("</ul></nav>").toString();
    }

    /** The element id of a heading: its slug, prefixed so it never collides with Baton's own ids. */
    static String headingId(String headingText) {
        return "h-" + HeadingSlug.of(headingText);
    }

    /** Gives each heading an id for the table of contents and collects the contents as it goes. */
    private static final class HeadingIds implements AttributeProvider {
        private final List<String[]> toc;
        private final Set<String> used = new HashSet<>();

        HeadingIds(List<String[]> toc) {
            this.toc = toc;
        }

        @Override
        public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
            if (node instanceof Heading heading && heading.getLevel() <= 3) {
                String text = text(heading).strip();
                String base = headingId(text);
                String id = base;
                for (int i = 2; !used.add(id); i++) {
                    id = base + "-" + i;
                }
                attributes.put("id", id);
                if (heading.getLevel() == 2) {
                    // Sections only: sub-steps would make the contents longer than a pane is tall.
                    toc.add(new String[] {String.valueOf(heading.getLevel()), id, text});
                }
            }
        }

        private static String text(Node node) {
            StringBuilder out = new StringBuilder();
            node.accept(new AbstractVisitor() {
                @Override
                public void visit(Text text) {
                    out.append(text.getLiteral());
                }

                @Override
                public void visit(Code code) {
                    out.append(code.getLiteral());
                }
            });
            return out.toString();
        }
    }

    private static String resource(String name) {
        try (InputStream in = RunbookHtmlRenderer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
