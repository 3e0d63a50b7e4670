package dev.baton.handoff.violations;

import dev.baton.runbook.Seeds;
import java.nio.file.Path;

/** Breaks the opt-in rule on purpose: reads an external collection without the seeds tag. */
public final class ReadsSeedsUntagged {
    private ReadsSeedsUntagged() {
    }

    public static Path first() {
        return Seeds.file(Seeds.BLIXARD);
    }
}
