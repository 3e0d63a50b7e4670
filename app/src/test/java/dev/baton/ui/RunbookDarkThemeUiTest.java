package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** In the dark theme every code block of the runbook page is light text on a dark ground, PromQL's too. */
class RunbookDarkThemeUiTest extends ConsoleTest {
    private static Path folder;

    @Override
    protected Path runbooks() {
        return folder;
    }

    @BeforeAll
    static void writeRunbook() throws Exception {
        folder = Files.createTempDirectory("baton-dark");
        Files.writeString(folder.resolve("latency.md"), """
                # Checkout latency

                The slowest routes over the last five minutes:

                ```promql
                histogram_quantile(0.99, sum by (le, route) (rate(http_request_duration_seconds_bucket{job="checkout"}[5m])))
                ```

                What the dashboard should show:

                ```text
                p99 under 300 ms on every route
                ```

                ```bash
                kubectl -n checkout top pods
                ```
                """);
    }

    @AfterAll
    static void removeRunbook() {
        deleteQuietly(folder);
    }

    private String script(String js) throws Exception {
        return String.valueOf(ConsoleFixture.onFx(() -> fx.console().runbook().engine().executeScript(js)));
    }

    @Test
    void everyCodeBlockIsReadableInTheDarkTheme(FxRobot robot) throws Exception {
        fx.waitForLibrary();
        fx.show(folder.resolve("latency.md").toString(), "Checkout latency");
        if (!script("document.body.className").equals("dark")) {
            robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D).release(KeyCode.D, KeyCode.SHIFT, KeyCode.CONTROL);
            ConsoleFixture.waitFor(10, () -> "dark".equals(fx.console().runbook().engine()
                    .executeScript("document.body ? document.body.className : ''")));
        }

        for (String block : new String[] {".step-query pre", ".step-text pre", ".step-shell pre"}) {
            assertThat(script("document.querySelectorAll('" + block + "').length")).as(block).isEqualTo("1");
            String background = script("getComputedStyle(document.querySelector('" + block + "')).backgroundColor");
            String text = script("getComputedStyle(document.querySelector('" + block + "')).color");
            assertThat(luminance(background)).as(block + " background " + background).isLessThan(0.1);
            assertThat(contrast(text, background)).as(block + ": " + text + " on " + background).isGreaterThan(7);
        }
        ConsoleFixture.onFx(() -> {
            javafx.stage.Stage stage = (javafx.stage.Stage) fx.console().getScene().getWindow();
            stage.setWidth(1280);
            stage.setHeight(720);
            return null;
        });
        ConsoleFixture.waitFor(5, () -> fx.console().getScene().getWidth() == 1280);
        Screenshots.save(fx.console().getScene(), "runbook-promql-1280-dark.png");
    }

    private static double contrast(String a, String b) {
        double one = luminance(a) + 0.05;
        double two = luminance(b) + 0.05;
        return Math.max(one, two) / Math.min(one, two);
    }

    /** WCAG relative luminance of a CSS rgb()/rgba() colour. */
    private static double luminance(String css) {
        Matcher m = Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)").matcher(css);
        assertThat(m.find()).as(css).isTrue();
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(m.group(i + 1)) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}
