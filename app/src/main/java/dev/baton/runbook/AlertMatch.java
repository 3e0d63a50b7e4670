package dev.baton.runbook;

import java.util.Optional;

/**
 * A runbook found for an alert name.
 *
 * @param runbook  the runbook, when it is in the library
 * @param target   where the mapping points, as written (a file or an id such as RB-03)
 * @param source   the runbook that declared the mapping (itself, or an index)
 * @param section  the heading of the runbook that names the alert, when the runbook is a file of many
 *                 alerts ({@code ## HighErrorRate}); the page opens there
 */
public record AlertMatch(String alert, Optional<Runbook> runbook, String target, String severity, String source,
        Optional<Section> section) {

    public AlertMatch {
        section = section == null ? Optional.empty() : section;
    }

    /** A match at the top of its runbook. */
    public AlertMatch(String alert, Optional<Runbook> runbook, String target, String severity, String source) {
        this(alert, runbook, target, severity, source, Optional.empty());
    }

    AlertMatch at(Section heading) {
        return new AlertMatch(alert, runbook, target, severity, source, Optional.of(heading));
    }

    /**
     * Where the match is, as a link would say it: the runbook's id, and the heading's GitHub anchor when the
     * match is a section ({@code alerts.md#higherrorrate}); the target as written when the runbook is elsewhere.
     */
    public String location() {
        String where = runbook.map(Runbook::id).orElse(target);
        return section.map(s -> where + (where.contains("#") ? " › " + s.title() : "#" + HeadingSlug.githubSlug(s.title())))
                .orElse(where);
    }
}
