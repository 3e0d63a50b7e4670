package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.runbook.Seeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The library, the shell and WebKit start once the first frame is painted: not if the window is gone by then. */
@ExtendWith(ApplicationExtension.class)
class WindowClosedEarlyTest {
    @Test
    void aWindowClosedBeforeItsFirstFrameIsPaintedStartsNothing() throws Throwable {
        Path data = Files.createTempDirectory("baton-data");
        String previousData = System.getProperty("baton.data");
        System.setProperty("baton.data", data.toString());
        Stage stage = FxToolkit.registerPrimaryStage();
        AtomicInteger pulses = new AtomicInteger();
        try {
            BatonApp app = ConsoleFixture.onFx(() -> {
                BatonApp opened = new BatonApp(Seeds.shippedRunbooks());
                opened.start(stage);
                opened.stop();
                stage.getScene().addPostLayoutPulseListener(() -> {
                    pulses.incrementAndGet();
                    Platform.requestNextPulse();
                });
                return opened;
            });
            // What the second pulse queued has run by the end of the third.
            ConsoleFixture.waitFor(10, () -> pulses.get() >= 3);
            WaitForAsyncUtils.waitForFxEvents();
            WaitForAsyncUtils.checkException();
            Thread.sleep(500); // a shell, had one been started, would have had its tab by now
            assertThat(ConsoleFixture.onFx(() -> app.console().terminals().all())).isEmpty();
        } finally {
            ConsoleFixture.onFx(() -> {
                stage.hide();
                return null;
            });
            if (previousData == null) {
                System.clearProperty("baton.data");
            } else {
                System.setProperty("baton.data", previousData);
            }
            ConsoleTest.deleteQuietly(data);
        }
    }
}
