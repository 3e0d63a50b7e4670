package dev.baton.runbook;

import dev.baton.runbook.RunbookFields.Field;
import dev.baton.runbook.RunbookFields.FieldLine;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.task.list.items.TaskListItemMarker;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.CustomNode;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;

/** Collects one runbook from a run of top-level Markdown blocks. */
final class RunbookBuilder extends AbstractVisitor {
    private final StepReader stepReader;
    private final Deque<SectionDraft> headingStack = new ArrayDeque<>();
    private final List<SectionDraft> rootSections = new ArrayList<>();

    private boolean reportedUnclosedFence;
    private String firstHeading;
    private String severity;
    /** The severity and alerts declared under the current heading: a file of several alerts gives each its own. */
    private String sectionSeverity;
    private final List<String> sectionAlerts = new ArrayList<>();
    private final java.util.Map<String, String> alertSeverities = new java.util.LinkedHashMap<>();
    private String owner;
    private Duration mttr;
    private final Set<String> alerts = new LinkedHashSet<>();
    private final List<Phase> phases = new ArrayList<>();
    private final List<StepsOnFirstLook.Block> stepBlocks = new ArrayList<>();
    private final List<ChecklistItem> checklist = new ArrayList<>();
    private final List<MarkdownTable> tables = new ArrayList<>();
    private final List<RunbookLink> links = new ArrayList<>();
    private final List<AlertMapping> alertMap = new ArrayList<>();
    private final List<IndexEntry> indexEntries = new ArrayList<>();
    private final List<Notice> notices = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    RunbookBuilder(StepReader stepReader) {
        this.stepReader = stepReader;
    }

    void add(Node block) {
        if (block instanceof Heading heading) {
            heading(heading);
        } else {
            block.accept(this);
        }
    }

    void addNotice(Notice notice) {
        notices.add(notice);
    }

    Runbook build(String path, String anchor, FrontMatter frontMatter, String fallbackTitle, String inheritedOwner) {
        endSection();
        String title = frontMatter.first("title").orElse(firstHeading != null ? firstHeading : fallbackTitle);
        Set<String> allAlerts = new LinkedHashSet<>(frontMatter.all("alerts"));
        allAlerts.addAll(frontMatter.all("alert"));
        allAlerts.addAll(frontMatter.all("alertname"));
        allAlerts.addAll(frontMatter.all("labels.alertname"));
        allAlerts.addAll(alerts);
        Duration target = frontMatter.first("mttr").flatMap(RunbookFields::duration).orElse(mttr);
        String ownerName = frontMatter.first("owner").orElse(owner != null ? owner : inheritedOwner);
        return new Runbook(path, anchor, title.strip(),
                frontMatter.first("severity").or(() -> frontMatter.first("labels.severity")).orElse(severity),
                List.copyOf(allAlerts), ownerName, target, phases,
                rootSections.stream().map(SectionDraft::toSection).toList(),
                steps(dev.baton.step.ConfirmPolicy.of(frontMatter.all("confirm"))), checklist, tables, links, alertMap, indexEntries,
                notices, text.toString(), alertSeverities);
    }

    String owner() {
        return owner;
    }

    /** The code blocks met, read as steps when they are first looked at. */
    private List<Step> steps(dev.baton.step.ConfirmPolicy policy) {
        StepReader reader = stepReader;
        return new StepsOnFirstLook(stepBlocks, block -> reader.read(block.number(), block.sectionPath(), block.label(),
                block.info(), block.literal(), block.line()), read -> withPolicy(read, policy));
    }

    /** The runbook's own {@code confirm:} list adds its warnings to the runnable steps it names. */
    private static List<Step> withPolicy(List<Step> steps, dev.baton.step.ConfirmPolicy policy) {
        if (policy.entries().isEmpty()) {
            return steps;
        }
        return steps.stream().map(step -> {
            List<dev.baton.step.StepWarning> added = step.runnable() ? policy.warnings(step.command()) : List.of();
            if (added.isEmpty()) {
                return step;
            }
            List<dev.baton.step.StepWarning> warnings = new java.util.ArrayList<>(step.warnings());
            warnings.addAll(added);
            return new Step(step.number(), step.sectionPath(), step.label(), step.language(), step.kind(),
                    step.command(), step.placeholders(), warnings, step.line(), "", null, step.changes());
        }).toList();
    }

    private void endSection() {
        if (sectionSeverity != null) {
            sectionAlerts.forEach(alert -> alertSeverities.putIfAbsent(alert, sectionSeverity));
        }
        sectionSeverity = null;
        sectionAlerts.clear();
    }

    private void heading(Heading heading) {
        endSection();
        String title = MarkdownText.of(heading).strip();
        int line = MarkdownText.line(heading);
        if (firstHeading == null) {
            firstHeading = RunbookParser.runbookSectionTitle(title).orElse(title);
        }
        while (!headingStack.isEmpty() && headingStack.peek().level >= heading.getLevel()) {
            headingStack.pop();
        }
        SectionDraft section = new SectionDraft(heading.getLevel(), title, line);
        if (headingStack.isEmpty()) {
            rootSections.add(section);
        } else {
            headingStack.peek().children.add(section);
        }
        headingStack.push(section);
        RunbookFields.phase(title, line).ifPresent(phases::add);
        RunbookFields.field(title).ifPresent(field -> applyField(field));
        text.append(title).append('\n');
        heading.accept(this);
    }

    private List<String> sectionPath() {
        List<String> path = new ArrayList<>();
        headingStack.descendingIterator().forEachRemaining(s -> path.add(s.title));
        return path;
    }

    @Override
    public void visit(FencedCodeBlock block) {
        int line = MarkdownText.line(block);
        int opener = innerOpeningFence(block);
        if (opener >= 0 && !reportedUnclosedFence) {
            // "```bash" inside a block cannot close it: the author forgot to close this one, and it ran on
            // to swallow the next block's opening line.
            reportedUnclosedFence = true;
            notices.add(new Notice(line, "code block opened here is never closed: line " + (line + 1 + opener)
                    + " opens the next one inside it"));
        }
        if (block.getClosingFenceLength() == null && !reportedUnclosedFence) {
            // Once: the fences after an unclosed one pair up wrongly, and each would be reported again.
            reportedUnclosedFence = true;
            notices.add(new Notice(line, "code block opened here is never closed; it runs to the end of "
                    + (block.getParent() instanceof org.commonmark.node.Document ? "the file" : "its list item or quote")));
        }
        addStep(block, block.getInfo(), withoutFenceTab(block.getLiteral(), block.getFenceIndent()), line);
    }

    /** The index of the first line of the block's text that opens a fence with a language, or -1. */
    private static int innerOpeningFence(FencedCodeBlock block) {
        String fence = String.valueOf(block.getFenceCharacter()).repeat(block.getOpeningFenceLength());
        String[] lines = block.getLiteral().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.startsWith(fence) && l.length() > fence.length() && Character.isLetter(l.charAt(fence.length()))) {
                return i;
            }
        }
        return -1;
    }

    private static final java.util.regex.Pattern LEADING_TAB = java.util.regex.Pattern.compile("(?m)^\\t");

    /**
     * A fence indented with a tab keeps that tab on every line of its text (commonmark-java strips only
     * spaces); a responder's shell would read the tab as completion. When every line starts with a tab,
     * the tab is the fence's indentation, so it goes (a Makefile's recipe tabs, beside unindented lines, stay).
     */
    static String withoutFenceTab(String literal, int fenceIndent) {
        if (fenceIndent == 0 || !literal.lines().filter(l -> !l.isBlank()).allMatch(l -> l.startsWith("\t"))) {
            return literal;
        }
        return LEADING_TAB.matcher(literal).replaceAll("");
    }

    @Override
    public void visit(IndentedCodeBlock block) {
        addStep(block, "", block.getLiteral(), MarkdownText.line(block));
    }

    private void addStep(Node block, String info, String literal, int line) {
        stepBlocks.add(new StepsOnFirstLook.Block(stepBlocks.size() + 1, sectionPath(), label(block), info, literal, line));
        text.append(literal).append('\n');
    }

    /**
     * The list item ("1. **Review Logs**") or the short sentence ending in a colon that introduces a code
     * block, so a step can be named in a list; empty when the heading names it better.
     */
    private static String label(Node block) {
        if (block.getParent() instanceof ListItem item && item.getFirstChild() instanceof Paragraph first) {
            return firstLine(first);
        }
        if (block.getPrevious() instanceof Paragraph previous) {
            String line = firstLine(previous);
            return line.endsWith(":") && line.length() <= 100 ? line.substring(0, line.length() - 1) : "";
        }
        return "";
    }

    private static String firstLine(Node node) {
        String line = MarkdownText.of(node).strip().split("\n", 2)[0];
        return line.length() > 120 ? line.substring(0, 119) + "…" : line;
    }

    @Override
    public void visit(Paragraph paragraph) {
        String plain = MarkdownText.of(paragraph);
        text.append(plain).append('\n');
        List<FieldLine> fields = plain.lines().map(RunbookFields::field).flatMap(Optional::stream).toList();
        boolean isIndexEntry = fields.stream().anyMatch(f -> f.field() == Field.FILE);
        if (isIndexEntry) {
            indexEntry(paragraph, fields);
        } else {
            fields.forEach(this::applyField);
        }
        visitChildren(paragraph);
    }

    private void indexEntry(Paragraph paragraph, List<FieldLine> fields) {
        String target = firstLinkTarget(paragraph);
        if (target == null) {
            return;
        }
        String entrySeverity = fields.stream().filter(f -> f.field() == Field.SEVERITY)
                .map(FieldLine::value).findFirst().orElse(null);
        String title = headingStack.isEmpty() ? target : headingStack.peek().title;
        indexEntries.add(new IndexEntry(title, target, entrySeverity, MarkdownText.line(paragraph)));
    }

    private static String firstLinkTarget(Node node) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Link link) {
                return link.getDestination();
            }
            String nested = firstLinkTarget(child);
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }

    private void applyField(FieldLine field) {
        switch (field.field()) {
            case SEVERITY -> RunbookFields.severity(field.value()).ifPresent(value -> {
                if (severity == null) {
                    severity = value;
                }
                sectionSeverity = value;
            });
            case OWNER -> {
                if (owner == null) {
                    owner = field.value();
                }
            }
            case MTTR -> {
                if (mttr == null) {
                    mttr = RunbookFields.duration(field.value()).orElse(null);
                }
            }
            case ALERT -> {
                List<String> names = RunbookFields.alertNames(field.value());
                alerts.addAll(names);
                sectionAlerts.addAll(names);
            }
            case FILE -> {
                // Only meaningful inside an index entry.
            }
        }
    }

    @Override
    public void visit(Link link) {
        links.add(new RunbookLink(link.getDestination(), MarkdownText.of(link).strip(), MarkdownText.line(link)));
        visitChildren(link);
    }

    @Override
    public void visit(CustomNode node) {
        if (node instanceof TaskListItemMarker marker) {
            Node item = marker.getParent();
            String itemText = MarkdownText.of(item).strip().split("\n", 2)[0];
            String section = String.join(" > ", sectionPath());
            checklist.add(new ChecklistItem(itemText, marker.isChecked(), section, MarkdownText.line(item)));
        }
        visitChildren(node);
    }

    @Override
    public void visit(CustomBlock block) {
        if (block instanceof TableBlock table) {
            MarkdownTable parsed = TableReader.read(table);
            tables.add(parsed);
            alertMap.addAll(TableReader.alertMappings(parsed));
            indexEntries.addAll(TableReader.indexEntries(parsed));
            parsed.rows().forEach(row -> text.append(String.join(" ", row)).append('\n'));
        }
        visitChildren(block);
    }

    private static final class SectionDraft {
        final int level;
        final String title;
        final int line;
        final List<SectionDraft> children = new ArrayList<>();

        SectionDraft(int level, String title, int line) {
            this.level = level;
            this.title = title;
            this.line = line;
        }

        Section toSection() {
            return new Section(level, title, line, children.stream().map(SectionDraft::toSection).toList());
        }
    }
}
