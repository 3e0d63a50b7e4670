package dev.baton.runbook;

import java.util.Optional;

/**
 * A runbook found for an alert name.
 *
 * @param runbook  the runbook, when it is in the library
 * @param target   where the mapping points, as written (a file or an id such as RB-03)
 * @param source   the runbook that declared the mapping (itself, or an index)
 */
public record AlertMatch(String alert, Optional<Runbook> runbook, String target, String severity, String source) {
}
