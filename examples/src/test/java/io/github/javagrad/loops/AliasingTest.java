package io.github.javagrad.loops;

import static io.github.javagrad.loops.Checks.assertClose;
import static io.github.javagrad.loops.Checks.filled;
import static io.github.javagrad.loops.Checks.matrix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.javagrad.Differentiable;
import io.github.javagrad.GradientCheck;
import io.github.javagrad.ValueAndGradient;
import org.junit.jupiter.api.Test;

/**
 * One array passed for several parameters. Array parameters are read-only, so passing x twice is
 * the function of x with both roles: its gradient is the sum of the two partials. And pullbacks
 * only add into the caller's adjoint arrays, so one adjoint array passed twice receives both.
 */
class AliasingTest {

  /** sum a_i b_i^2. */
  @Differentiable
  static double weightedSquares(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i] * b[i];
    }
    return s;
  }

  /** u^T M v. */
  @Differentiable
  static double bilinear(double[] u, double[][] m, double[] v) {
    double s = 0;
    for (int i = 0; i < u.length; i++) {
      for (int j = 0; j < v.length; j++) {
        s += u[i] * m[i][j] * v[j];
      }
    }
    return s;
  }

  /** sum (a_i b_i)^2 through a local copy of a updated in place, plus a scalar weight. */
  @Differentiable
  static double throughACopy(double[] a, double[] b, double w) {
    double[] c = a.clone();
    for (int i = 0; i < c.length; i++) {
      c[i] *= b[i];
      c[i] *= c[i];
    }
    double s = 0;
    for (double v : c) {
      s += v * w;
    }
    return s;
  }

  /** A value and a gradient, for checking a function of x built from an aliased call. */
  private record Aliased(double value, double[] gradient) implements ValueAndGradient {}

  // ------------------------------------------------------------------ tests

  @Test
  void sameArrayForTwoReadOnlyParametersGivesTheSumOfBothPartials() {
    double[] x = {0.5, -1.5, 2};
    AliasingTestGradients.WeightedSquares g = AliasingTestGradients.weightedSquares(x, x);
    // f(x, x) = sum x^3: the gradient is 3 x^2 = dA + dB (dA = x^2, dB = 2 x^2).
    assertEquals(0.125 - 3.375 + 8, g.value(), 0.0);
    assertClose(new double[] {0.25, 2.25, 4}, g.dA(), 0, "dA");
    assertClose(new double[] {0.5, 4.5, 8}, g.dB(), 0, "dB");
    for (int i = 0; i < x.length; i++) {
      assertEquals(3 * x[i] * x[i], g.dA()[i] + g.dB()[i], 1e-15);
    }
    // The inputs are untouched.
    assertArrayEquals(new double[] {0.5, -1.5, 2}, x, 0.0);
    GradientCheck.of(
            p -> {
              AliasingTestGradients.WeightedSquares r = AliasingTestGradients.weightedSquares(p, p);
              return new Aliased(r.value(), sum(r.dA(), r.dB()));
            })
        .assertAtRandomPoints(20, filled(4, -2), filled(4, 2), 1L);
  }

  @Test
  void sameVectorOnBothSidesOfABilinearForm() {
    double[] u = {1, -0.5, 2};
    double[][] m = {{2, -1, 0.5}, {0.25, 1, 3}, {-2, 0.5, 1.5}};
    AliasingTestGradients.Bilinear g = AliasingTestGradients.bilinear(u, m, u);
    // d(u^T M u)/du = (M + M^T) u = dU + dV.
    double[] expected = new double[3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        expected[i] += (m[i][j] + m[j][i]) * u[j];
      }
    }
    assertClose(expected, sum(g.dU(), g.dV()), 1e-15, "dU + dV");
    GradientCheck.of(
            p -> {
              double[][] fixed = {{2, -1, 0.5}, {0.25, 1, 3}, {-2, 0.5, 1.5}};
              AliasingTestGradients.Bilinear r = AliasingTestGradients.bilinear(p, fixed, p);
              return new Aliased(r.value(), sum(r.dU(), r.dV()));
            })
        .assertAtRandomPoints(20, filled(3, -2), filled(3, 2), 2L);
    // The matrix can be checked against finite differences with u and v distinct.
    GradientCheck.of(
            p ->
                AliasingTestGradients.bilinear(
                    Checks.slice(p, 0, 3), matrix(p, 3, 3, 3), Checks.slice(p, 12, 15)))
        .assertAtRandomPoints(5, filled(15, -2), filled(15, 2), 3L);
  }

  @Test
  void sameArrayThroughALocalCopyUpdatedInPlace() {
    double[] x = {0.5, -1.25, 1.5};
    double w = 0.75;
    AliasingTestGradients.ThroughACopy g = AliasingTestGradients.throughACopy(x, x, w);
    // f = w sum x^4: d/dx = 4 w x^3 = dA + dB; d/dw = sum x^4.
    double sum4 = 0;
    for (int i = 0; i < x.length; i++) {
      assertEquals(4 * w * Math.pow(x[i], 3), g.dA()[i] + g.dB()[i], 1e-14);
      sum4 += Math.pow(x[i], 4);
    }
    assertEquals(sum4, g.dW(), 1e-14);
    GradientCheck.of(
            p -> {
              double[] v = Checks.slice(p, 0, 3);
              AliasingTestGradients.ThroughACopy r = AliasingTestGradients.throughACopy(v, v, p[3]);
              double[] both = sum(r.dA(), r.dB());
              return new Aliased(r.value(), new double[] {both[0], both[1], both[2], r.dW()});
            })
        .assertAtRandomPoints(20, filled(4, -1.5), filled(4, 1.5), 4L);
  }

  @Test
  void oneAdjointArrayPassedTwiceToThePullbackReceivesBothPartials() {
    double[] a = {0.5, -1.5, 2};
    double[] b = {1.25, 0.5, -1};
    double seed = 2.5;
    double[] d = {10, 20, 30}; // already holds something: the pullback adds to it
    double value = AliasingTestGradients.weightedSquaresPullback(a, b, seed, d, d);
    assertEquals(0.5 * 1.5625 - 1.5 * 0.25 + 2, value, 0.0);
    for (int i = 0; i < 3; i++) {
      double dA = b[i] * b[i];
      double dB = 2 * a[i] * b[i];
      assertEquals(new double[] {10, 20, 30}[i] + seed * (dA + dB), d[i], 1e-15, "d[" + i + "]");
    }
  }

  @Test
  void pullbackAccumulatesAcrossCallsAndScalesBySeed() {
    double[] a = {0.5, -1.5, 2};
    double[] b = {1.25, 0.5, -1};
    double[] dA = new double[3];
    double[] dB = new double[3];
    AliasingTestGradients.weightedSquaresPullback(a, b, 1, dA, dB);
    AliasingTestGradients.weightedSquaresPullback(a, b, -3, dA, dB);
    for (int i = 0; i < 3; i++) {
      assertEquals(-2 * b[i] * b[i], dA[i], 1e-15);
      assertEquals(-2 * 2 * a[i] * b[i], dB[i], 1e-15);
    }
    // Same primal and same adjoint array for both parameters, with a scalar partial returned.
    double[] x = {1, 2};
    double[] d = new double[2];
    AliasingTestGradients.ThroughACopy r =
        AliasingTestGradients.throughACopyPullback(x, x, 0.5, 2, d, d);
    // value 0.5 (1 + 16); d/dx = 4 w x^3 times seed 2; dW = sum x^4 times 2.
    assertEquals(8.5, r.value(), 0.0);
    assertClose(new double[] {4, 32}, d, 1e-15, "d");
    assertEquals(34, r.dW(), 0.0);
    // The record carries the caller's arrays: the same accumulated values.
    assertArrayEquals(d, r.dA(), 0.0);
  }

  private static double[] sum(double[] p, double[] q) {
    double[] s = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      s[i] = p[i] + q[i];
    }
    return s;
  }
}
