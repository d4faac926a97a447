package io.github.javagrad.loops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.javagrad.Differentiable;
import io.github.javagrad.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * Argument checks of generated methods with array parameters: a null array is a
 * NullPointerException naming the parameter, a caller's adjoint array of the wrong shape an
 * IllegalArgumentException naming both lengths, and both are thrown before anything is added to
 * any adjoint array.
 */
class ArgumentChecksTest {

  /** sum_i idx[0] ((W v)_i + b)^2: a matrix, a vector, an int array and a scalar. */
  @Differentiable
  static double weighted(double[][] w, double[] v, int[] idx, double b) {
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      double z = b;
      for (int j = 0; j < v.length; j++) {
        z += w[i][j] * v[j];
      }
      s += idx[0] * z * z;
    }
    return s;
  }

  /** Only an array is differentiated: the pullback returns the bare value. */
  @Differentiable
  static double sumOfSquares(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    return s;
  }

  private static final double[][] W = {{1, 2, 3}, {4, 5, 6}};
  private static final double[] V = {0.5, -1, 0.25};
  private static final int[] IDX = {2};

  @Test
  void theFunctionsThemselvesWork() {
    // z = W v + 0.5 = (-0.25, -1); s = 2 (0.0625 + 1); dB = 2 * 2 (z0 + z1); dW_i = 4 z_i v.
    ArgumentChecksTestGradients.Weighted g = ArgumentChecksTestGradients.weighted(W, V, IDX, 0.5);
    assertEquals(2.125, g.value(), 1e-15);
    assertEquals(-5, g.dB(), 1e-15);
    assertArrayEquals(new double[] {-0.5, 1, -0.25}, g.dW()[0], 1e-15);
    assertArrayEquals(new double[] {-2, 4, -1}, g.dW()[1], 1e-15);
    GradientCheck.of(
            p ->
                ArgumentChecksTestGradients.weighted(
                    Checks.matrix(p, 0, 2, 3), Checks.slice(p, 6, 9), IDX, p[9]))
        .assertAtRandomPoints(5, Checks.filled(10, -1), Checks.filled(10, 1), 1L);
    assertEquals(2.0, ArgumentChecksTestGradients.sumOfSquares(new double[] {1}).dX()[0], 0.0);
  }

  @Test
  void nullArraysNameTheirParameter() {
    assertMessage("w", () -> ArgumentChecksTestGradients.weighted(null, V, IDX, 0));
    assertMessage("v", () -> ArgumentChecksTestGradients.weighted(W, null, IDX, 0));
    assertMessage("idx", () -> ArgumentChecksTestGradients.weighted(W, V, null, 0));
    assertMessage("x", () -> ArgumentChecksTestGradients.sumOfSquares(null));
    assertMessage(
        "w",
        () ->
            ArgumentChecksTestGradients.weightedPullback(
                null, V, IDX, 0, 1, new double[2][3], new double[3]));
    assertMessage(
        "idx",
        () ->
            ArgumentChecksTestGradients.weightedPullback(
                W, V, null, 0, 1, new double[2][3], new double[3]));
    assertMessage(
        "x", () -> ArgumentChecksTestGradients.sumOfSquaresPullback(null, 1, new double[1]));
  }

  @Test
  void nullAdjointArraysNameTheirParameter() {
    NullPointerException e =
        assertThrows(
            NullPointerException.class,
            () -> ArgumentChecksTestGradients.weightedPullback(W, V, IDX, 0, 1, null, new double[3]));
    assertTrue(e.getMessage().contains("dW"), e.getMessage());
    e =
        assertThrows(
            NullPointerException.class,
            () ->
                ArgumentChecksTestGradients.weightedPullback(
                    W, V, IDX, 0, 1, new double[2][3], null));
    assertTrue(e.getMessage().contains("dV"), e.getMessage());
    e =
        assertThrows(
            NullPointerException.class,
            () -> ArgumentChecksTestGradients.sumOfSquaresPullback(new double[2], 1, null));
    assertTrue(e.getMessage().contains("dX"), e.getMessage());
  }

  @Test
  void adjointOfTheWrongLengthNamesBothLengths() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ArgumentChecksTestGradients.sumOfSquaresPullback(
                    new double[] {1, 2, 3}, 1, new double[2]));
    assertMentions(e, "dX", "2", "3");
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ArgumentChecksTestGradients.sumOfSquaresPullback(
                    new double[] {1, 2}, 1, new double[5]));
    assertMentions(e, "dX", "5", "2");
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ArgumentChecksTestGradients.weightedPullback(
                    W, V, IDX, 0, 1, new double[2][3], new double[4]));
    assertMentions(e, "dV", "4", "3");
  }

  @Test
  void matrixAdjointOfTheWrongShapeNamesRowsAndLengths() {
    IllegalArgumentException rows =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ArgumentChecksTestGradients.weightedPullback(
                    W, V, IDX, 0, 1, new double[3][3], new double[3]));
    assertMentions(rows, "dW", "3", "2");
    IllegalArgumentException row =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ArgumentChecksTestGradients.weightedPullback(
                    W, V, IDX, 0, 1, new double[][] {{0, 0, 0}, {0, 0}}, new double[3]));
    assertMentions(row, "dW[1]", "2", "3");
  }

  @Test
  void nothingIsAddedBeforeACheckFails() {
    double[][] dW = {{1, 1, 1}, {1, 1, 1}};
    assertThrows(
        IllegalArgumentException.class,
        () -> ArgumentChecksTestGradients.weightedPullback(W, V, IDX, 0, 1, dW, new double[1]));
    assertArrayEquals(new double[] {1, 1, 1}, dW[0], 0.0);
    assertArrayEquals(new double[] {1, 1, 1}, dW[1], 0.0);
    double[] dV = {7, 7, 7};
    assertThrows(
        NullPointerException.class,
        () -> ArgumentChecksTestGradients.weightedPullback(W, V, null, 0, 1, dW, dV));
    assertArrayEquals(new double[] {7, 7, 7}, dV, 0.0);
  }

  @Test
  void emptyArraysAreFine() {
    ArgumentChecksTestGradients.SumOfSquares g =
        ArgumentChecksTestGradients.sumOfSquares(new double[0]);
    assertEquals(0.0, g.value(), 0.0);
    assertEquals(0, g.dX().length);
    assertEquals(0, g.gradient().length);
    ArgumentChecksTestGradients.Weighted w =
        ArgumentChecksTestGradients.weighted(new double[0][], new double[0], IDX, 3);
    assertEquals(0.0, w.value(), 0.0);
    assertEquals(0.0, w.dB(), 0.0);
  }

  private static void assertMessage(String expected, Runnable call) {
    NullPointerException e = assertThrows(NullPointerException.class, call::run);
    assertEquals(expected, e.getMessage());
  }

  private static void assertMentions(Exception e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "\"" + e.getMessage() + "\" should mention " + part);
    }
  }
}
