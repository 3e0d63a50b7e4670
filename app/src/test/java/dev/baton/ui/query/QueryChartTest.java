package dev.baton.ui.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.query.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a long series is thinned for drawing: spikes kept, order kept, never more than the limit. */
class QueryChartTest {
    private static final Instant T0 = Instant.parse("2026-03-01T11:00:00Z");

    @Test
    void aLongSeriesKeepsItsSpikesInTimeOrderWithinTheLimit() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            samples.add(new Sample(T0.plusSeconds(i), i == 437 ? 900 : i == 612 ? -50 : i % 7));
        }
        samples.add(5, new Sample(T0.plusMillis(5500), Double.NaN));
        List<Sample> drawn = QueryChart.drawn(samples);
        assertThat(drawn.size()).isLessThanOrEqualTo(QueryChart.MAX_POINTS);
        assertThat(drawn).extracting(Sample::value).contains(900.0, -50.0).allMatch(Double::isFinite);
        assertThat(drawn.get(0)).isEqualTo(samples.get(0));
        assertThat(drawn.get(drawn.size() - 1)).isEqualTo(samples.get(samples.size() - 1));
        for (int i = 1; i < drawn.size(); i++) {
            assertThat(drawn.get(i).at()).isAfter(drawn.get(i - 1).at());
        }
    }

    @Test
    void aShortSeriesIsDrawnWhole() {
        List<Sample> samples = List.of(new Sample(T0, 1), new Sample(T0.plusSeconds(10), 2));
        assertThat(QueryChart.drawn(samples)).isEqualTo(samples);
    }

    @Test
    void theNearestSampleIsFoundOnEitherSide() {
        List<Sample> samples = List.of(new Sample(T0, 1), new Sample(T0.plusSeconds(10), 2), new Sample(T0.plusSeconds(20), 3));
        assertThat(QueryChart.nearest(samples, T0.getEpochSecond() + 4).value()).isEqualTo(1);
        assertThat(QueryChart.nearest(samples, T0.getEpochSecond() + 6).value()).isEqualTo(2);
        assertThat(QueryChart.nearest(samples, T0.getEpochSecond() + 99).value()).isEqualTo(3);
    }
}
