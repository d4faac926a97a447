package io.github.javagrad.examples.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.javagrad.GradientCheck;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class VanishingGradientExampleTest {

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  private static double sigmoidSlope(double x) {
    return sigmoid(x) * (1 - sigmoid(x));
  }

  /**
   * With x = 1 and unit weights, dh_20/dw_0 = sigmoid'(1) prod_{k=1}^{19} sigmoid'(h_k). Every h_k
   * lies in [h*, sigmoid(1)] (h* = 0.659 the fixed point), where the slope is between
   * sigmoid'(sigmoid(1)) = 0.2193 and 1/4.
   */
  @Test
  void sigmoidGradientAtDepthTwentyIsBetweenTheAnalyticBounds() {
    double g = VanishingGradientExample.firstLayerGradient(20, false);
    double upper = Math.pow(0.25, 19) * sigmoidSlope(1);
    double lower = Math.pow(sigmoidSlope(sigmoid(1)), 19) * sigmoidSlope(1);
    assertTrue(g < upper, g + " >= " + upper);
    assertTrue(g > lower, g + " <= " + lower);
    assertTrue(g < 1e-13, "|dh_20/dw_0| = " + g);
  }

  @Test
  void sigmoidGradientIsTheProductOfTheSlopes() {
    double h = 1;
    double product = 1;
    for (int k = 0; k < 20; k++) {
      product *= sigmoidSlope(h);
      h = sigmoid(h);
    }
    assertEquals(product, VanishingGradientExample.firstLayerGradient(20, false), 1e-12 * product);
  }

  @Test
  void eachSigmoidLayerShrinksTheGradientByAboutTheFixedPointSlope() {
    double[] g = VanishingGradientExample.gradientsByDepth(false);
    double fixedPoint = 0.6590460684;
    for (int n = 10; n < g.length; n++) {
      assertEquals(fixedPoint * (1 - fixedPoint), g[n] / g[n - 1], 1e-6, "depth " + (n + 1));
    }
  }

  @Test
  void reluGradientDoesNotVanish() {
    double[] g = VanishingGradientExample.gradientsByDepth(true);
    assertEquals(30, g.length);
    for (int n = 0; n < g.length; n++) {
      assertEquals(1.0, g[n], 1e-15, "depth " + (n + 1));
    }
  }

  @Test
  void generatedGradientPassesGradientCheckForSmallDepths() {
    for (int depth = 1; depth <= 4; depth++) {
      for (boolean relu : new boolean[] {false, true}) {
        GradientCheck.of(p -> VanishingGradientExampleGradients.output(p, 0.7, relu))
            .assertAtRandomPoints(20, filled(depth, -2), filled(depth, 2), depth);
      }
    }
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }
}
