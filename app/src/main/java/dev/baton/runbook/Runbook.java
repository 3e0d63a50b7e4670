package dev.baton.runbook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One runbook: a whole file, or one {@code Runbook: …} section of a file that holds several.
 *
 * @param path     the file, as given to the library (relative to its root when loaded from a folder)
 * @param anchor   the section's slug when the file holds several runbooks, otherwise empty
 * @param severity as declared by the runbook (the library may know it from an index instead)
 * @param alerts   the alerts this runbook itself answers
 * @param text     the readable text, for search
 * @param alertSeverities the severity each alert has in its own section, for files that describe several
 */
public record Runbook(
        String path,
        String anchor,
        String title,
        String severity,
        List<String> alerts,
        String owner,
        Duration mttr,
        List<Phase> phases,
        List<Section> sections,
        List<Step> steps,
        List<ChecklistItem> checklist,
        List<MarkdownTable> tables,
        List<RunbookLink> links,
        List<AlertMapping> alertMap,
        List<IndexEntry> indexEntries,
        List<Notice> notices,
        String text,
        java.util.Map<String, String> alertSeverities) {

    public Runbook {
        alerts = List.copyOf(alerts);
        phases = List.copyOf(phases);
        sections = List.copyOf(sections);
        // Kept as given when read on first look (a copy would read them now).
        steps = steps instanceof StepsOnFirstLook ? steps : List.copyOf(steps);
        checklist = List.copyOf(checklist);
        tables = List.copyOf(tables);
        links = List.copyOf(links);
        alertMap = List.copyOf(alertMap);
        indexEntries = List.copyOf(indexEntries);
        notices = List.copyOf(notices);
        alertSeverities = java.util.Map.copyOf(alertSeverities);
    }

    /** The alert's severity: its own section's, else the runbook's. */
    public String severityOf(String alert) {
        return alertSeverities.getOrDefault(alert, severity);
    }

    /** {@code path} or {@code path#anchor}: how a step, a link or the CLI addresses this runbook. */
    public String id() {
        return anchor.isEmpty() ? path : path + "#" + anchor;
    }

    public Optional<Step> step(int number) {
        return number >= 1 && number <= steps.size() ? Optional.of(steps.get(number - 1)) : Optional.empty();
    }

    public Optional<Duration> mttrTarget() {
        return Optional.ofNullable(mttr);
    }
}
