package dev.baton.ui;

import dev.baton.runbook.FormatFixtures;
import java.nio.file.Path;

/** Every step of Baton's own format fixtures can be sent from the console. */
class FormatStepsUiTest extends EveryStepSendsUi {
    @Override
    protected Path runbooks() {
        return FormatFixtures.folder();
    }

    @Override
    protected int runnableSteps() {
        // Every runnable step the six fixtures hold.
        return 25;
    }
}
