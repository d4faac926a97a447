package io.github.javagrad.examples.nets;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the nets examples as PNG charts in {@code examples/target/charts} with XChart.
 *
 * <ul>
 *   <li>{@code sigmoid.png}: the sigmoid and its derivative over [-10, 10], the curve seed 000
 *       plots, with the derivative from javagrad's generated {@code ActivationsGradients};
 *   <li>{@code learning-rates.png}: the three loss curves of {@link LearningRateExample} (seed
 *       003);
 *   <li>{@code vanishing-gradient.png}: {@code |d h_N / d w_0|} against depth for {@link
 *       VanishingGradientExample} (seeds 002/003), on a log scale.
 * </ul>
 *
 * <p>Charts are rendered off screen, so this runs without a display.
 */
public final class NetCharts {
  static {
    // Before XChart loads AWT: draw into images only, even where a display exists.
    System.setProperty("java.awt.headless", "true");
  }

  private NetCharts() {}

  static final int WIDTH = 800;
  static final int HEIGHT = 500;

  /**
   * {@code x}, {@code sigmoid(x)} and javagrad's {@code sigmoid'(x)} at 101 points in [-10, 10].
   */
  static double[][] sigmoidCurves() {
    double[][] curves = new double[3][101];
    for (int k = 0; k <= 100; k++) {
      double x = -10 + k / 5.0;
      ActivationsGradients.Sigmoid s = ActivationsGradients.sigmoid(x);
      curves[0][k] = x;
      curves[1][k] = s.value();
      curves[2][k] = s.dX();
    }
    return curves;
  }

  static XYChart sigmoidChart() {
    XYChart chart = lineChart("The sigmoid and its derivative (by javagrad)", "x", "");
    double[][] c = sigmoidCurves();
    chart.addSeries("sigmoid(x)", c[0], c[1]).setMarker(SeriesMarkers.NONE);
    chart.addSeries("sigmoid'(x)", c[0], c[2]).setMarker(SeriesMarkers.NONE);
    chart.getStyler().setLegendPosition(LegendPosition.InsideNW);
    return chart;
  }

  static XYChart learningRateChart() {
    XYChart chart =
        lineChart("XOR training with three learning rates", "epoch", "loss (log scale)");
    double[][] losses = LearningRateExample.lossCurves();
    double[] epochs = new double[losses[0].length];
    for (int e = 0; e < epochs.length; e++) {
      epochs[e] = e;
    }
    for (int r = 0; r < losses.length; r++) {
      String name =
          "%s, eta = %s"
              .formatted(LearningRateExample.NAMES[r], LearningRateExample.LEARN_RATES[r]);
      chart.addSeries(name, epochs, losses[r]);
    }
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(LegendPosition.InsideSW);
    return chart;
  }

  static XYChart vanishingGradientChart() {
    XYChart chart =
        lineChart(
            "Gradient reaching the first layer of a chain of N layers",
            "depth N",
            "|d h_N / d w_0| (log scale)");
    double[] depth = new double[VanishingGradientExample.MAX_DEPTH];
    double[] bound = new double[depth.length];
    for (int n = 1; n <= depth.length; n++) {
      depth[n - 1] = n;
      bound[n - 1] = Math.pow(0.25, n);
    }
    chart.addSeries("ReLU", depth, VanishingGradientExample.gradientsByDepth(true));
    chart.addSeries("sigmoid", depth, VanishingGradientExample.gradientsByDepth(false));
    chart.addSeries("bound 0.25^N", depth, bound).setMarker(SeriesMarkers.NONE);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(LegendPosition.InsideSW);
    return chart;
  }

  private static XYChart lineChart(String title, String xTitle, String yTitle) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    chart.getStyler().setMarkerSize(4);
    return chart;
  }

  /** {@code examples/target/charts}: beside {@code target/classes}, wherever Maven runs from. */
  static Path directory() {
    try {
      Path classes =
          Path.of(NetCharts.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return classes.resolveSibling("charts");
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the three charts and returns their paths. */
  static List<Path> writeAll() {
    Path dir = directory();
    try {
      Files.createDirectories(dir);
      List<Path> paths =
          List.of(
              dir.resolve("sigmoid.png"),
              dir.resolve("learning-rates.png"),
              dir.resolve("vanishing-gradient.png"));
      List<XYChart> charts = List.of(sigmoidChart(), learningRateChart(), vanishingGradientChart());
      for (int k = 0; k < paths.size(); k++) {
        try (OutputStream out = Files.newOutputStream(paths.get(k))) {
          ChartEncoder.saveChart(charts.get(k), out, "png");
        }
      }
      return paths;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void main(String[] args) {
    System.out.println("== Charts: sigmoid (seed 000), learning rates (003), depth (002/003)");
    for (Path path : writeAll()) {
      System.out.println("wrote " + path);
    }
  }
}
