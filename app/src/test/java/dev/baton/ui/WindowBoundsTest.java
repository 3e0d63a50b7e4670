package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the window reopens: the saved place fitted to the screens there are now, without a display. */
class WindowBoundsTest {
    private static final WindowBounds LAPTOP = new WindowBounds(0, 0, 1280, 720);
    private static final WindowBounds BIG = new WindowBounds(0, 0, 2560, 1440);

    @Test
    void aWindowSavedOnABigScreenReopensWhollyOnASmallOne() {
        WindowBounds saved = new WindowBounds(1000, 600, 1440, 900);

        assertThat(WindowBounds.fit(saved, List.of(LAPTOP), LAPTOP)).isEqualTo(new WindowBounds(0, 0, 1280, 720));
    }

    @Test
    void aSmallerWindowPartlyOffTheScreenIsMovedBackOntoIt() {
        WindowBounds saved = new WindowBounds(900, 500, 800, 600);

        assertThat(WindowBounds.fit(saved, List.of(LAPTOP), LAPTOP)).isEqualTo(new WindowBounds(480, 120, 800, 600));
    }

    @Test
    void aWindowLeftAboveOrLeftOfTheScreenComesBackToItsEdge() {
        WindowBounds saved = new WindowBounds(-300, -50, 800, 600);

        assertThat(WindowBounds.fit(saved, List.of(LAPTOP), LAPTOP)).isEqualTo(new WindowBounds(0, 0, 800, 600));
    }

    @Test
    void aWindowThatFitsStaysWhereItWas() {
        WindowBounds saved = new WindowBounds(100, 50, 1000, 600);

        assertThat(WindowBounds.fit(saved, List.of(LAPTOP), LAPTOP)).isEqualTo(saved);
    }

    @Test
    void itIsFittedToTheScreenItLandsMostOnNotThePrimary() {
        WindowBounds right = new WindowBounds(1280, 0, 1920, 1080);
        WindowBounds saved = new WindowBounds(1900, 700, 1440, 900);

        assertThat(WindowBounds.fit(saved, List.of(LAPTOP, right), LAPTOP))
                .isEqualTo(new WindowBounds(1760, 180, 1440, 900));
    }

    @Test
    void aWindowOnAScreenThatIsGoneIsCentredOnThePrimary() {
        WindowBounds saved = new WindowBounds(3000, 200, 1440, 900);
        WindowBounds primary = new WindowBounds(0, 0, 1920, 1080);

        assertThat(WindowBounds.fit(saved, List.of(primary), primary)).isEqualTo(new WindowBounds(240, 90, 1440, 900));
    }

    @Test
    void withNoPlaceSavedTheWindowIsCentredAtItsSizeWithinThePrimary() {
        WindowBounds saved = new WindowBounds(Double.NaN, Double.NaN, 1440, 900);

        assertThat(WindowBounds.fit(saved, List.of(BIG), BIG)).isEqualTo(new WindowBounds(560, 270, 1440, 900));
        assertThat(WindowBounds.fit(saved, List.of(LAPTOP), LAPTOP)).isEqualTo(new WindowBounds(0, 0, 1280, 720));
    }

    @Test
    void theVisualBoundsOfAScreenWithAPanelAreKeptClearOf() {
        WindowBounds belowPanel = new WindowBounds(0, 27, 1280, 693);
        WindowBounds saved = new WindowBounds(0, 0, 1280, 720);

        assertThat(WindowBounds.fit(saved, List.of(belowPanel), belowPanel)).isEqualTo(new WindowBounds(0, 27, 1280, 693));
    }
}
