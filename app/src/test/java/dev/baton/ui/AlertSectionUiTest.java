package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** Ctrl+L on an alert whose runbook is one heading of a long file opens the page at that heading. */
class AlertSectionUiTest extends ConsoleTest {
    @Override
    protected Path runbooks() {
        try {
            Path folder = Files.createTempDirectory("baton-alert-sections");
            StringBuilder page = new StringBuilder("# Storage alerts\n\nOne heading per alert.\n\n");
            for (int i = 1; i <= 12; i++) {
                page.append("## BatonVolume").append(i).append("Degraded\n\n")
                        .append("Volume ").append(i).append(" lost a replica.\n\n".repeat(6))
                        .append("```bash\nvolumectl status ").append(i).append("\n```\n\n");
            }
            page.append("#### BatonQuotaExceeded\n\nA tenant wrote past its quota.\n\n```bash\nquotactl show\n```\n");
            page.append("\nThe end.\n".repeat(40));
            Files.writeString(folder.resolve("storage-alerts.md"), page);
            return folder;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Where the heading naming the alert sits in the page's viewport, in pixels from its top; null until the
     * page is shown. On the FX thread.
     */
    private Number headingTop(String text) {
        var engine = fx.console().runbook().engine();
        if (engine.getDocument() == null || !"Storage alerts".equals(engine.getTitle())) {
            return null;
        }
        Object top = engine.executeScript("(function(){var hs=document.querySelectorAll('h4');"
                + "for(var i=0;i<hs.length;i++){if(hs[i].textContent.trim()==='" + text + "')"
                + "return hs[i].getBoundingClientRect().top;}return null;})()");
        return top instanceof Number n ? n : null;
    }

    @Test
    void ctrlLOnASectionAlertOpensThePageScrolledToItsHeading(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        robot.clickOn("#status");
        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        ConsoleFixture.waitFor(5, () -> robot.lookup("#alert-field").queryAs(javafx.scene.control.TextField.class).isFocused());
        robot.write("batonquotaexceeded").type(KeyCode.ENTER);
        ConsoleFixture.waitFor(20, () -> {
            Number top = headingTop("BatonQuotaExceeded");
            Number y = (Number) fx.console().runbook().engine().executeScript("window.scrollY");
            return top != null && Math.abs(top.doubleValue()) < 30 && y.intValue() > 500;
        });
        assertThat(((Number) ConsoleFixture.onFx(() -> fx.console().runbook().engine().executeScript("window.scrollY")))
                .intValue()).as("scrolled down to the alert, not left at the top").isGreaterThan(500);
        assertThat(ConsoleFixture.onFx(() -> fx.console().runbook().shownRunbookProperty().get().path()))
                .endsWith("storage-alerts.md");
        assertThat(ConsoleFixture.onFx(() -> ((javafx.scene.control.Label) robot.lookup("#status").query()).getText()))
                .contains("BatonQuotaExceeded");
    }
}
