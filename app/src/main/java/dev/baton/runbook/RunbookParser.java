package dev.baton.runbook;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Parses a runbook file with commonmark-java. A file with several {@code Runbook: …} headings yields one
 * runbook per such section plus one for the rest of the file, so each can be found and addressed alone.
 * Thread-safe.
 */
public final class RunbookParser {
    public static final List<Extension> EXTENSIONS = List.of(
            TablesExtension.create(), TaskListItemsExtension.create());

    private static final Pattern RUNBOOK_SECTION = Pattern.compile("^\\s*runbook\\s*:\\s*(\\S.*)$", Pattern.CASE_INSENSITIVE);

    private final StepReader stepReader = new StepReader();

    /**
     * @throws RunbookReadException when the file nests block quotes or lists deeper than
     *                              {@link MarkdownNesting#LIMIT} (it would overflow the parser's stack)
     */
    public List<Runbook> parse(String path, SourceText source) throws RunbookReadException {
        MarkdownNesting.Deepest deepest = MarkdownNesting.deepest(source.text());
        if (deepest.tooDeep()) {
            throw new RunbookReadException(java.nio.file.Path.of(path), deepest.message(), deepest.line());
        }
        FrontMatter.Split split = FrontMatter.split(source.text());
        Markdown markdown = parseMarkdown(split.markdown());
        Node document = markdown.document();
        FrontMatter frontMatter = split.frontMatter();

        RunbookBuilder rest = new RunbookBuilder(stepReader);
        source.notices().forEach(n -> rest.addNotice(new Notice(1, n)));
        if (split.problem() != null) {
            rest.addNotice(split.problem());
        }
        markdown.notices().forEach(rest::addNotice);
        List<RunbookBlocks> parts = split(document);
        parts.get(0).blocks().forEach(rest::add);
        Runbook restRunbook = rest.build(path, "", frontMatter, fileTitle(path), null);
        List<Runbook> runbooks = new ArrayList<>();
        runbooks.add(restRunbook);
        for (RunbookBlocks part : parts.subList(1, parts.size())) {
            RunbookBuilder section = new RunbookBuilder(stepReader);
            part.blocks().forEach(section::add);
            runbooks.add(section.build(path, part.anchor(), FrontMatter.NONE, part.title(), restRunbook.owner()));
        }
        return List.copyOf(runbooks);
    }

    /**
     * The commonmark tree of a runbook file, with source positions; for rendering what was parsed.
     *
     * @throws IllegalArgumentException when the text nests too deeply to parse safely
     */
    public Node parseDocument(String text) {
        MarkdownNesting.Deepest deepest = MarkdownNesting.deepest(text);
        if (deepest.tooDeep()) {
            throw new IllegalArgumentException("line " + deepest.line() + ": " + deepest.message());
        }
        return parseMarkdown(FrontMatter.split(text).markdown()).document();
    }

    /** A file's commonmark tree, and why it was read differently from other files, if it was. */
    private record Markdown(Node document, List<Notice> notices) {}

    /** Markdown whose front matter, if any, has been blanked out (its lines kept, empty). */
    private static Markdown parseMarkdown(String markdown) {
        List<Notice> notices = new ArrayList<>();
        BoundedInlines inlines = new BoundedInlines();
        Node document;
        try {
            document = parse(parser(true, inlines), markdown, true);
        } catch (IllegalArgumentException tableRefused) {
            // The tables extension's only refusal: too many cells. Without tables nothing else is lost.
            inlines = new BoundedInlines();
            document = parse(parser(false, inlines), markdown, false);
            notices.add(new Notice(1, "tables are shown as text: " + tableRefused.getMessage()));
        }
        if (inlines.firstPlain() != null) {
            List<SourceSpan> spans = inlines.firstPlain().getSourceSpans();
            int line = spans.isEmpty() ? 1 : spans.get(0).getLineIndex() + 1;
            notices.add(new Notice(line, "from here on, text with too many emphasis marks and brackets to read in time "
                    + "is shown as plain text, without its links and emphasis; the steps are all read"));
        }
        return new Markdown(document, List.copyOf(notices));
    }

    /**
     * Tables as {@link TablesExtension} reads them, its start looked for only where a table can start; or, for a
     * file whose tables the parser refuses (more than a million cells), no tables, so that its steps still count.
     * A parser per file, as its inline pass counts what that file spent.
     */
    private static Parser parser(boolean tables, BoundedInlines inlines) {
        Parser.Builder builder = Parser.builder()
                .extensions(List.of(TaskListItemsExtension.create()))
                .inlineParserFactory(inlines)
                .includeSourceSpans(IncludeSourceSpans.BLOCKS);
        if (tables) {
            builder.customBlockParserFactory(new DelimiterRowTables());
        }
        return builder.build();
    }

    private static Node parse(Parser parser, String markdown, boolean tables) {
        LongParagraphs.Broken broken = LongParagraphs.breakUp(markdown, tables);
        Node document = parser.parse(broken.markdown());
        LongParagraphs.restoreLines(document, broken);
        return document;
    }

    /** The top-level blocks of one runbook of a file, {@code anchor} empty for the file's own runbook. */
    public List<Node> blocksOf(Node document, String anchor) {
        return split(document).stream().filter(p -> p.anchor().equals(anchor)).findFirst()
                .map(RunbookBlocks::blocks).orElse(List.of());
    }

    private record RunbookBlocks(String anchor, String title, List<Node> blocks) {}

    /** The file's own blocks first (anchor ""), then one entry per {@code Runbook: …} section. */
    private static List<RunbookBlocks> split(Node document) {
        List<Node> blocks = new ArrayList<>();
        for (Node n = document.getFirstChild(); n != null; n = n.getNext()) {
            blocks.add(n);
        }
        List<Heading> sectionHeadings = runbookSectionHeadings(blocks);
        if (sectionHeadings.isEmpty()) {
            return List.of(new RunbookBlocks("", "", blocks));
        }
        int splitLevel = sectionHeadings.get(0).getLevel();
        List<Node> rest = new ArrayList<>();
        Map<Heading, List<Node>> sections = new LinkedHashMap<>();
        List<Node> current = rest;
        for (Node block : blocks) {
            if (block instanceof Heading heading && heading.getLevel() <= splitLevel) {
                current = sectionHeadings.contains(heading) ? new ArrayList<>() : rest;
                if (current != rest) {
                    sections.put(heading, current);
                }
            }
            current.add(block);
        }
        List<RunbookBlocks> parts = new ArrayList<>();
        parts.add(new RunbookBlocks("", "", rest));
        Set<String> anchors = new HashSet<>();
        sections.forEach((heading, sectionBlocks) -> {
            String title = runbookSectionTitle(MarkdownText.of(heading).strip()).orElseThrow();
            parts.add(new RunbookBlocks(unique(HeadingSlug.of(title), anchors), title, sectionBlocks));
        });
        return parts;
    }

    /**
     * The headings that start a runbook of their own: {@code Runbook: …} headings at the shallowest level
     * they appear, unless the only one is the file's first heading (then the file is that runbook).
     */
    private static List<Heading> runbookSectionHeadings(List<Node> blocks) {
        List<Heading> candidates = new ArrayList<>();
        Heading firstHeading = null;
        for (Node block : blocks) {
            if (block instanceof Heading heading) {
                if (firstHeading == null) {
                    firstHeading = heading;
                }
                if (runbookSectionTitle(MarkdownText.of(heading)).isPresent()) {
                    candidates.add(heading);
                }
            }
        }
        int level = candidates.stream().mapToInt(Heading::getLevel).min().orElse(0);
        List<Heading> atLevel = candidates.stream().filter(h -> h.getLevel() == level).toList();
        if (atLevel.size() == 1 && atLevel.get(0) == firstHeading) {
            return List.of();
        }
        return atLevel;
    }

    static Optional<String> runbookSectionTitle(String heading) {
        Matcher m = RUNBOOK_SECTION.matcher(heading);
        return m.matches() ? Optional.of(m.group(1).strip()) : Optional.empty();
    }

    private static String unique(String anchor, Set<String> taken) {
        String candidate = anchor;
        for (int i = 2; !taken.add(candidate); i++) {
            candidate = anchor + "-" + i;
        }
        return candidate;
    }

    private static String fileTitle(String path) {
        String name = path.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
