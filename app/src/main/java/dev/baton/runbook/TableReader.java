package dev.baton.runbook;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.node.Link;
import org.commonmark.node.Node;

/** Reads GFM tables and recognises the two kinds runbooks index themselves with. */
final class TableReader {
    private static final String[] ALERT = {"alert", "alertname", "alerts"};
    private static final String[] TARGET = {"runbook", "file", "link", "playbook", "doc", "document", "procedure"};
    private static final String[] SEVERITY = {"severity", "priority", "level"};
    private static final String[] OWNER = {"owner", "team"};

    private TableReader() {
    }

    static MarkdownTable read(TableBlock table) {
        List<String> header = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> links = new ArrayList<>();
        collectRows(table, header, rows, links);
        return new MarkdownTable(header, rows, links, MarkdownText.line(table));
    }

    private static void collectRows(Node node, List<String> header, List<List<String>> rows, List<List<String>> links) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof org.commonmark.ext.gfm.tables.TableRow) {
                List<String> cells = new ArrayList<>();
                List<String> cellLinks = new ArrayList<>();
                boolean isHeader = false;
                for (Node cell = child.getFirstChild(); cell != null; cell = cell.getNext()) {
                    cells.add(MarkdownText.of(cell).strip());
                    cellLinks.add(firstLink(cell));
                    isHeader |= cell instanceof TableCell tc && tc.isHeader();
                }
                if (isHeader && header.isEmpty()) {
                    header.addAll(cells);
                } else {
                    rows.add(cells);
                    links.add(cellLinks);
                }
            } else {
                collectRows(child, header, rows, links);
            }
        }
    }

    private static String firstLink(Node node) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Link link) {
                return link.getDestination();
            }
            String nested = firstLink(child);
            if (!nested.isEmpty()) {
                return nested;
            }
        }
        return "";
    }

    /** Rows of a table whose header has an Alert or Alert Name column. */
    static List<AlertMapping> alertMappings(MarkdownTable table) {
        int alert = table.column(ALERT);
        if (alert < 0) {
            return List.of();
        }
        int target = table.column(TARGET);
        int severity = table.column(SEVERITY);
        int owner = table.column(OWNER);
        List<AlertMapping> mappings = new ArrayList<>();
        for (int r = 0; r < table.rows().size(); r++) {
            String name = cell(table.rows().get(r), alert);
            if (name == null || name.isBlank()) {
                continue;
            }
            String destination = target < 0 ? null : linkOrText(table, r, target);
            mappings.add(new AlertMapping(name, cell(table.rows().get(r), severity), destination,
                    cell(table.rows().get(r), owner), table.line() + 2 + r));
        }
        return mappings;
    }

    /** Rows of an index with a Severity column and a link to the runbook, but no alerts. */
    static List<IndexEntry> indexEntries(MarkdownTable table) {
        int severity = table.column(SEVERITY);
        if (severity < 0 || table.column(ALERT) >= 0) {
            return List.of();
        }
        List<IndexEntry> entries = new ArrayList<>();
        for (int r = 0; r < table.rows().size(); r++) {
            List<String> rowLinks = table.links().get(r);
            for (int c = 0; c < rowLinks.size(); c++) {
                if (!rowLinks.get(c).isEmpty()) {
                    entries.add(new IndexEntry(table.rows().get(r).get(c), rowLinks.get(c),
                            cell(table.rows().get(r), severity), table.line() + 2 + r));
                    break;
                }
            }
        }
        return entries;
    }

    private static String linkOrText(MarkdownTable table, int row, int column) {
        List<String> rowLinks = table.links().get(row);
        if (column < rowLinks.size() && !rowLinks.get(column).isEmpty()) {
            return rowLinks.get(column);
        }
        return cell(table.rows().get(row), column);
    }

    private static String cell(List<String> row, int column) {
        return column >= 0 && column < row.size() && !row.get(column).isBlank() ? row.get(column) : null;
    }
}
