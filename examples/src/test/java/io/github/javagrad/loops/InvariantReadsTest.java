package io.github.javagrad.loops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.javagrad.Differentiable;
import io.github.javagrad.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * Loops whose rows and elements the generated code loads once before the loop ({@code
 * InvariantReads}): the gradients are those of the formulas, and a hoisted load throws exactly
 * when the original loop would have read out of bounds, never when the loop does not run.
 */
class InvariantReadsTest {

  /** sum_i sum_{j > i} w[i][j] x[i] x[j]: the row w[i] and x[i] are fixed in the j loop. */
  @Differentiable
  static double upperForm(double[][] w, double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = i + 1; j < x.length; j++) {
        s += w[i][j] * x[i] * x[j];
      }
    }
    return s;
  }

  /**
   * Reads row {@code k} of {@code w} only in a loop over {@code n} columns: with n = 0 the row is
   * never read, so an index past {@code w}'s rows must not throw.
   */
  @Differentiable
  static double rowSum(double[][] w, double[] x, int k, int n) {
    double s = x[0];
    for (int j = 0; j < n; j++) {
      s += w[k][j] * x[j];
    }
    return s;
  }

  /** The element is read behind ?: only: not loaded before the loop, which may not read it. */
  @Differentiable
  static double guardedElement(double[] v, double[] x, int k) {
    double s = 0;
    for (int j = 0; j < x.length; j++) {
      s += k < v.length ? v[k] * x[j] : x[j];
    }
    return s;
  }

  /** v[0] changes in the loop: it must be read again in every iteration. */
  @Differentiable
  static double runningProduct(double[] x) {
    double[] v = new double[1];
    v[0] = 1;
    double s = 0;
    for (int j = 0; j < x.length; j++) {
      s += v[0] * x[j];
      v[0] = v[0] * x[j];
    }
    return s;
  }

  @Test
  void upperFormMatchesItsFormula() {
    double[][] w = {{0, 2, -1}, {0, 0, 3}, {0, 0, 0}};
    double[] x = {0.5, -1.5, 2.0};
    var r = InvariantReadsTestGradients.upperForm(w, x);
    assertEquals(2 * 0.5 * -1.5 - 0.5 * 2.0 + 3 * -1.5 * 2.0, r.value(), 1e-15);
    // d/dx_k = sum_{j>k} w[k][j] x_j + sum_{i<k} w[i][k] x_i; d/dw[i][j] = x_i x_j for j > i
    double[] dx = {2 * -1.5 - 1 * 2.0, 2 * 0.5 + 3 * 2.0, -1 * 0.5 + 3 * -1.5};
    assertArrayEquals(dx, r.dX(), 1e-15);
    assertEquals(0.5 * -1.5, r.dW()[0][1], 1e-15);
    assertEquals(-1.5 * 2.0, r.dW()[1][2], 1e-15);
    assertEquals(0.0, r.dW()[1][0]);
    GradientCheck.of(p -> InvariantReadsTestGradients.upperForm(
            new double[][] {{p[0], p[1], p[2]}, {p[3], p[4], p[5]}, {p[6], p[7], p[8]}},
            new double[] {p[9], p[10], p[11]}))
        .assertAt(0.1, 2, -1, 0.3, 0.2, 3, -0.4, 0.5, 0.6, 0.5, -1.5, 2.0);
  }

  @Test
  void aRowTheLoopNeverReadsIsNeverLoaded() {
    double[][] w = {{1, 2}};
    double[] x = {3, 4};
    // k = 5 is past w's rows, but n = 0: the original reads no row, and neither does the gradient
    var r = InvariantReadsTestGradients.rowSum(w, x, 5, 0);
    assertEquals(3.0, r.value());
    assertArrayEquals(new double[] {1, 0}, r.dX());
    // with n = 2 the original reads w[5] and throws; so does the gradient, with the same message
    var original = assertThrows(ArrayIndexOutOfBoundsException.class,
        () -> InvariantReadsTest.rowSum(w, x, 5, 2));
    var generated = assertThrows(ArrayIndexOutOfBoundsException.class,
        () -> InvariantReadsTestGradients.rowSum(w, x, 5, 2));
    assertEquals(original.getMessage(), generated.getMessage());
    r = InvariantReadsTestGradients.rowSum(w, x, 0, 2);
    assertEquals(3 + 1 * 3 + 2 * 4, r.value());
    assertArrayEquals(new double[] {1 + 1, 2}, r.dX());
    assertArrayEquals(new double[] {3, 4}, r.dW()[0]);
    GradientCheck.of(p -> InvariantReadsTestGradients.rowSum(
            new double[][] {{p[0], p[1]}}, new double[] {p[2], p[3]}, 0, 2))
        .assertAt(1, 2, 3, 4);
  }

  @Test
  void anElementBehindAConditionalIsReadOnlyWhenTheConditionHolds() {
    double[] v = {2};
    double[] x = {1, 3};
    var r = InvariantReadsTestGradients.guardedElement(v, x, 7);
    assertEquals(4.0, r.value());
    assertArrayEquals(new double[] {1, 1}, r.dX());
    r = InvariantReadsTestGradients.guardedElement(v, x, 0);
    assertEquals(8.0, r.value());
    assertArrayEquals(new double[] {4}, r.dV());
    assertArrayEquals(new double[] {2, 2}, r.dX());
    GradientCheck.of(p -> InvariantReadsTestGradients.guardedElement(
            new double[] {p[0]}, new double[] {p[1], p[2]}, 0))
        .assertAt(2, 1, 3);
  }

  @Test
  void anElementTheLoopWritesIsReadInEveryIteration() {
    double[] x = {2, 3, 5};
    // s = x0 + x0 x1 + x0 x1 x2
    var r = InvariantReadsTestGradients.runningProduct(x);
    assertEquals(2 + 6 + 30, r.value(), 1e-15);
    assertArrayEquals(new double[] {1 + 3 + 15, 2 + 10, 6}, r.gradient(), 1e-15);
    GradientCheck.of(p -> InvariantReadsTestGradients.runningProduct(p)).assertAt(2, 3, 5);
  }
}
