package io.github.javagrad.examples.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.javagrad.GradientCheck;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class NetChartsTest {

  @Test
  void writesThreeReadablePngsUnderTargetCharts() throws IOException {
    List<Path> paths = NetCharts.writeAll();
    assertTrue(GraphicsEnvironment.isHeadless(), "charts must render without a display");
    assertEquals(3, paths.size());
    for (Path path : paths) {
      assertTrue(
          path.endsWith(Path.of("target", "charts", path.getFileName().toString())),
          path.toString());
      BufferedImage image = ImageIO.read(path.toFile());
      assertEquals(NetCharts.WIDTH, image.getWidth(), path.toString());
      assertEquals(NetCharts.HEIGHT, image.getHeight(), path.toString());
      // Background, plot area, grid, text and at least two differently coloured series.
      Set<Integer> colors = new HashSet<>();
      for (int y = 0; y < image.getHeight(); y += 2) {
        for (int x = 0; x < image.getWidth(); x += 2) {
          colors.add(image.getRGB(x, y));
        }
      }
      assertTrue(colors.size() > 20, path + " has only " + colors.size() + " colours");
    }
  }

  @Test
  void sigmoidDerivativeIsJavagradsAndPeaksAtAQuarter() {
    double[][] c = NetCharts.sigmoidCurves();
    assertEquals(101, c[0].length);
    assertEquals(-10, c[0][0], 1e-12);
    assertEquals(10, c[0][100], 1e-12);
    assertEquals(0.25, c[2][50], 1e-15);
    for (int k = 0; k < c[0].length; k++) {
      assertEquals(c[1][k] * (1 - c[1][k]), c[2][k], 1e-15, "x = " + c[0][k]);
      assertTrue(c[2][k] <= 0.25);
    }
  }

  @Test
  void generatedSigmoidGradientPassesGradientCheck() {
    GradientCheck.of(p -> ActivationsGradients.sigmoid(p[0]))
        .parameterNames("x")
        .assertAtRandomPoints(50, -10, 10, 3L);
  }
}
