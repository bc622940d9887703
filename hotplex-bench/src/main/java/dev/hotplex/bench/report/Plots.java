package dev.hotplex.bench.report;

import dev.hotplex.bench.results.ScalePoint;
import dev.hotplex.bench.stats.Series;
import dev.hotplex.bench.stats.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/** The report's plots, written as PNG files with XChart. */
final class Plots {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 520;
  /** Points per distribution curve: enough to show the tail, few enough for a small file. */
  private static final int CURVE_POINTS = 400;

  private final Path dir;

  Plots(Path dir) {
    this.dir = dir;
  }

  /**
   * The cumulative distribution of each series (x: latency, y: share of turns at or below it).
   *
   * @return the file name, relative to the plots folder
   */
  String distribution(String name, String title, List<Series> series, double unitNanos, String unit,
      boolean logarithmic) throws IOException {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle("latency (" + unit + ")" + (logarithmic ? ", log scale" : "")).yAxisTitle("turns at or below (%)")
        .build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    chart.getStyler().setMarkerSize(0);
    chart.getStyler().setXAxisLogarithmic(logarithmic);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(100.0);
    chart.getStyler().setYAxisDecimalPattern("#");
    chart.getStyler().setYAxisTickMarkSpacingHint(60);
    for (Series s : series) {
      double[][] curve = cumulative(s.nanos(), unitNanos);
      chart.addSeries(s.label() + " (n=" + s.nanos().length + ")", curve[0], curve[1]);
    }
    return save(chart, name);
  }

  /** Median, p90 and p99 of each series side by side. */
  String percentiles(String name, String title, List<Series> series, double unitNanos, String unit)
      throws IOException {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .yAxisTitle(unit).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setXAxisLabelRotation(20);
    List<String> labels = series.stream().map(Series::label).toList();
    List<Summary> summaries = series.stream().map(Series::summary).toList();
    chart.addSeries("median", labels, summaries.stream().map(s -> (Number) (s.median() / unitNanos)).toList());
    chart.addSeries("p90", labels, summaries.stream().map(s -> (Number) (s.p90() / unitNanos)).toList());
    chart.addSeries("p99", labels, summaries.stream().map(s -> (Number) (s.p99() / unitNanos)).toList());
    return save(chart, name);
  }

  /** Per-session memory of idle sessions against their number. */
  String scaleMemory(String name, List<ScalePoint> idle) throws IOException {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Memory per idle session")
        .xAxisTitle("sessions (log scale)").yAxisTitle("KiB per session").build();
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    double[] sessions = idle.stream().mapToDouble(ScalePoint::sessions).toArray();
    chart.addSeries("Java heap (after GC)", sessions,
        idle.stream().mapToDouble(p -> p.heapBytesPerSession() / 1024).toArray());
    chart.addSeries("JVM resident memory (heap, stacks, buffers)", sessions,
        idle.stream().mapToDouble(p -> p.rssBytesPerSession() / 1024).toArray());
    chart.addSeries("goal: heap 4 KB", sessions, Arrays.stream(sessions).map(s -> 4096 / 1024.0).toArray());
    return save(chart, name);
  }

  /** {@code CURVE_POINTS} points of the empirical cumulative distribution. */
  static double[][] cumulative(long[] nanos, double unitNanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int points = Math.min(CURVE_POINTS, sorted.length);
    List<double[]> curve = new ArrayList<>();
    for (int i = 1; i <= points; i++) {
      int index = (int) Math.ceil((double) i / points * sorted.length) - 1;
      curve.add(new double[] {sorted[index] / unitNanos, 100.0 * (index + 1) / sorted.length});
    }
    return new double[][] {curve.stream().mapToDouble(p -> p[0]).toArray(),
        curve.stream().mapToDouble(p -> p[1]).toArray()};
  }

  private String save(Chart<?, ?> chart, String name) throws IOException {
    Files.createDirectories(dir);
    BitmapEncoder.saveBitmap(chart, dir.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
    return name + ".png";
  }
}
