package dev.baton.ui;

import dev.baton.runbook.Seeds;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;

/** Every step of the five external seed collections can be sent (opt-in: -Dbaton.seeds=DIR). */
@Tag(Seeds.TAG)
class SeedStepsUiTest extends EveryStepSendsUi {
    @Override
    protected Path runbooks() {
        return Seeds.folder();
    }

    @Override
    protected int runnableSteps() {
        // 62 runnable steps in the five collections when this test was written.
        return 62;
    }
}
