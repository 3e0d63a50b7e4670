package dev.baton.ui;

import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a test JVM the way Baton ends: the JavaFX toolkit stopped before the JVM exits. TestFX leaves the
 * toolkit running, and a JVM that exits while its renderer and WebKit threads still run native code can
 * die of a signal after every test has passed, which fails the build with no test to blame.
 */
public final class FxToolkitShutdown implements TestExecutionListener {
    private static final Logger LOG = LoggerFactory.getLogger(FxToolkitShutdown.class);
    private static final String FX_THREAD = "JavaFX Application Thread";

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        Thread fxThread = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(FX_THREAD))
                .findFirst()
                .orElse(null);
        if (fxThread == null) {
            return;
        }
        Platform.exit();
        try {
            fxThread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (fxThread.isAlive()) {
            LOG.warn("the JavaFX toolkit did not stop within 30 s of the last test");
        }
    }
}
