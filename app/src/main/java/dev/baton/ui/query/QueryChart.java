package dev.baton.ui.query;

import dev.baton.query.QueryAnswer;
import dev.baton.query.Sample;
import dev.baton.query.Series;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;

/**
 * A range answer as lines over time: the {@link #SHOWN} series with the highest newest values (a
 * thousand lines are unreadable and slow to lay out), a legend, and the value under the pointer.
 */
final class QueryChart extends StackPane {
    static final int SHOWN = 10;
    /** Points drawn per line: about one per four pixels of a chart beside the runbook. */
    static final int MAX_POINTS = 180;
    private static final int LEGEND_CHARS = 60;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOVER = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final NumberAxis time = new NumberAxis();
    private final NumberAxis value = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(time, value);
    private final Label hover = new Label();
    private final Label note = new Label();
    private List<Series> shown = List.of();

    QueryChart() {
        setId("query-chart");
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        chart.setMinHeight(220);
        chart.setLegendVisible(true);
        time.setForceZeroInRange(false);
        value.setForceZeroInRange(false);
        time.setAutoRanging(true);
        time.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number seconds) {
                // Minutes repeat along a short axis; seconds tell its ticks apart.
                boolean shortAxis = time.getUpperBound() - time.getLowerBound() < 600;
                return (shortAxis ? CLOCK_SECONDS : CLOCK).format(Instant.ofEpochSecond(seconds.longValue()));
            }

            @Override
            public Number fromString(String text) {
                return 0;
            }
        });
        hover.setId("query-hover");
        hover.getStyleClass().add("query-hover");
        hover.setMouseTransparent(true);
        note.setMouseTransparent(true);
        javafx.scene.layout.VBox top = new javafx.scene.layout.VBox(2, hover, note);
        top.setMouseTransparent(true);
        top.setPickOnBounds(false);
        StackPane.setAlignment(top, javafx.geometry.Pos.TOP_RIGHT);
        top.setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        top.setStyle("-fx-padding: 4 16 0 0;");
        getChildren().addAll(chart, top);
        chart.setOnMouseMoved(event -> showValueAt(event.getSceneX(), event.getSceneY()));
        chart.setOnMouseExited(event -> hover.setText(""));
    }

    LineChart<Number, Number> chart() {
        return chart;
    }

    List<Series> shownSeries() {
        return shown;
    }

    void show(QueryAnswer.Metrics answer) {
        shown = answer.top(SHOWN);
        List<XYChart.Series<Number, Number>> lines = new ArrayList<>(shown.size());
        for (Series series : shown) {
            List<Sample> drawn = drawn(series.samples());
            List<XYChart.Data<Number, Number>> points = new ArrayList<>(drawn.size());
            for (Sample sample : drawn) {
                points.add(new XYChart.Data<>(sample.at().getEpochSecond(), sample.value()));
            }
            String name = series.name();
            lines.add(new XYChart.Series<>(name.length() > LEGEND_CHARS ? name.substring(0, LEGEND_CHARS) + "…" : name,
                    javafx.collections.FXCollections.observableArrayList(points)));
        }
        chart.getData().setAll(lines);
        hover.setText("");
        note.setText(answer.count() > SHOWN ? "top " + SHOWN + " of " + answer.count() + " series by newest value" : "");
    }

    /**
     * The finite samples, at most {@link #MAX_POINTS}: beyond that each stretch of time keeps its lowest
     * and highest sample, in time order, so a spike stays on the line while the chart lays out fewer points;
     * the first and the newest samples are always kept, so the line ends at the table's value. The hover
     * value uses every sample.
     */
    static List<Sample> drawn(List<Sample> samples) {
        List<Sample> finite = samples.stream().filter(s -> Double.isFinite(s.value())).toList();
        if (finite.size() <= MAX_POINTS) {
            return finite;
        }
        int buckets = (MAX_POINTS - 2) / 2;
        List<Sample> kept = new ArrayList<>(MAX_POINTS);
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * finite.size() / buckets);
            int to = (int) ((long) (b + 1) * finite.size() / buckets);
            int low = from;
            int high = from;
            for (int i = from; i < to; i++) {
                if (finite.get(i).value() < finite.get(low).value()) {
                    low = i;
                }
                if (finite.get(i).value() > finite.get(high).value()) {
                    high = i;
                }
            }
            kept.add(finite.get(Math.min(low, high)));
            if (low != high) {
                kept.add(finite.get(Math.max(low, high)));
            }
        }
        if (kept.get(0) != finite.get(0)) {
            kept.add(0, finite.get(0));
        }
        if (kept.get(kept.size() - 1) != finite.get(finite.size() - 1)) {
            kept.add(finite.get(finite.size() - 1));
        }
        return kept;
    }

    /** The shown series whose line is nearest the pointer, with its value at the nearest sample time. */
    private void showValueAt(double sceneX, double sceneY) {
        if (shown.isEmpty()) {
            return;
        }
        Point2D onX = time.sceneToLocal(sceneX, sceneY);
        Point2D onY = value.sceneToLocal(sceneX, sceneY);
        if (onX == null || onY == null) {
            return;
        }
        double seconds = time.getValueForDisplay(onX.getX()).doubleValue();
        double wanted = value.getValueForDisplay(onY.getY()).doubleValue();
        Series best = null;
        Sample bestSample = null;
        double bestDistance = Double.MAX_VALUE;
        for (Series series : shown) {
            Sample nearest = nearest(series.samples(), seconds);
            if (nearest != null && Math.abs(nearest.value() - wanted) < bestDistance) {
                bestDistance = Math.abs(nearest.value() - wanted);
                best = series;
                bestSample = nearest;
            }
        }
        if (best != null) {
            hover.setText(HOVER.format(bestSample.at()) + "  " + best.name() + " = " + QueryResultPane.shown(bestSample.value()));
        }
    }

    /** Samples are oldest first: a binary search for the one nearest {@code seconds}. */
    static Sample nearest(List<Sample> samples, double seconds) {
        if (samples.isEmpty()) {
            return null;
        }
        int low = 0;
        int high = samples.size() - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (samples.get(mid).at().getEpochSecond() < seconds) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        if (low > 0 && Math.abs(samples.get(low - 1).at().getEpochSecond() - seconds)
                <= Math.abs(samples.get(low).at().getEpochSecond() - seconds)) {
            return samples.get(low - 1);
        }
        return samples.get(low);
    }
}
