package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.incident.EventType;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The runbook page as the responder works down it: ticks keep the place, runs show beside their step. */
class RunbookPageUiTest extends IncidentConsoleTest {
    private Object scrollY() throws Exception {
        return ConsoleFixture.onFx(() -> fx.console().runbook().engine().executeScript("window.scrollY"));
    }

    private String tickClass(int item) throws Exception {
        return ConsoleFixture.onFx(() -> {
            var anchors = fx.console().runbook().engine().getDocument().getElementsByTagName("a");
            for (int i = 0; i < anchors.getLength(); i++) {
                Element anchor = (Element) anchors.item(i);
                if (("baton:tick/" + item).equals(anchor.getAttribute("href"))) {
                    return anchor.getAttribute("class") + " " + anchor.getTextContent();
                }
            }
            return "";
        });
    }

    @Test
    void tickingAChecklistItemKeepsThePagesScrollPosition() throws Exception {
        showDiskFull();
        ConsoleFixture.onFx(() -> fx.console().runbook().engine()
                .executeScript("document.querySelector('a[href=\"baton:tick/3\"]').scrollIntoView(true)"));
        until(10, () -> ((Number) scrollY()).intValue() > 200);
        Object before = scrollY();

        fx.click("baton:tick/3");

        until(20, () -> !events(EventType.CHECKLIST_TICKED).isEmpty());
        until(10, () -> tickClass(3).equals("task checked ☑"));
        assertThat(scrollY()).isEqualTo(before);
        assertThat(tickClass(2)).isEqualTo("task ☐");

        // A full re-render of the same page (the dark theme) comes back to the same place too.
        ConsoleFixture.onFx(() -> {
            fx.console().runbook().setDark(true);
            return null;
        });
        until(20, () -> "dark".equals(ConsoleFixture.onFx(() -> fx.console().runbook().engine()
                .executeScript("document.body.className"))) && ((Number) scrollY()).intValue() > 0);
        assertThat(scrollY()).isEqualTo(before);
        assertThat(tickClass(3)).isEqualTo("task checked ☑");
    }
}
