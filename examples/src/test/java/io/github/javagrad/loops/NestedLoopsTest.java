package io.github.javagrad.loops;

import static io.github.javagrad.loops.Checks.assertClose;
import static io.github.javagrad.loops.Checks.filled;
import static io.github.javagrad.loops.Checks.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.javagrad.Differentiable;
import io.github.javagrad.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * Loops inside loops: triangular and rectangular index spaces, three levels, inner bounds that
 * depend on the outer index, inner while loops with data-dependent trip counts, enhanced for
 * inside enhanced for.
 */
class NestedLoopsTest {

  /** sum over i < j of x_i x_j. */
  @Differentiable
  static double pairProducts(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = i + 1; j < x.length; j++) {
        s += x[i] * x[j];
      }
    }
    return s;
  }

  /** sum over i, j, k of x_i y_j z_k (i + j + k + 1). */
  @Differentiable
  static double threeLevels(double[] x, double[] y, double[] z) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < y.length; j++) {
        for (int k = 0; k < z.length; k++) {
          s += x[i] * y[j] * z[k] * (i + j + k + 1);
        }
      }
    }
    return s;
  }

  /** sum_i p(x_i), p evaluated by Horner's rule with coefficients c (c[0] the constant). */
  @Differentiable
  static double polynomialAtPoints(double[] c, double[] x) {
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      double p = 0;
      for (int k = c.length - 1; k >= 0; k--) {
        p = p * x[i] + c[k];
      }
      total += p;
    }
    return total;
  }

  /** sum over i < j of 1 / |x_i - x_j|: a 1-D Coulomb energy. */
  @Differentiable
  static double coulomb(double[] x) {
    double e = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < i; j++) {
        e += 1 / Math.abs(x[i] - x[j]);
      }
    }
    return e;
  }

  /** sum_i v_i^2 where v_i = x_i doubled until it reaches limit: an inner while per element. */
  @Differentiable
  static double doubleUntil(double[] x, double limit) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double v = x[i];
      while (v < limit) {
        v = v * 2;
      }
      s += v * v;
    }
    return s;
  }

  /** sum over u in x, v in y of u v^2, with enhanced for loops. */
  @Differentiable
  static double enhancedPairs(double[] x, double[] y) {
    double s = 0;
    for (double u : x) {
      for (double v : y) {
        s += u * v * v;
      }
    }
    return s;
  }

  /**
   * Downward outer loop, inner loop from the outer index up: s = sum over i <= j of x_i x_j
   * w^(j - i), with the power built up by the inner loop.
   */
  @Differentiable
  static double bandedPowers(double[] x, double w) {
    double s = 0;
    for (int i = x.length - 1; i >= 0; i--) {
      double power = 1;
      for (int j = i; j < x.length; j++) {
        s += x[i] * x[j] * power;
        power = power * w;
      }
    }
    return s;
  }

  /** A running value carried through both loop levels: s = s * w + x_i y_j, row by row. */
  @Differentiable
  static double carriedThroughBothLevels(double[] x, double[] y, double w) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < y.length; j++) {
        s = Math.sin(s) * w + x[i] * y[j];
      }
    }
    return s;
  }

  // ------------------------------------------------------------------ tests

  @Test
  void pairProducts() {
    double[] x = {0.5, -1.25, 2, 0.75, 3};
    double sum = 0;
    double squares = 0;
    for (double v : x) {
      sum += v;
      squares += v * v;
    }
    NestedLoopsTestGradients.PairProducts g = NestedLoopsTestGradients.pairProducts(x);
    assertEquals((sum * sum - squares) / 2, g.value(), 1e-14);
    double[] expected = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      expected[i] = sum - x[i];
    }
    assertClose(expected, g.dX(), 1e-14, "dX");
    GradientCheck.of(p -> NestedLoopsTestGradients.pairProducts(p))
        .assertAtRandomPoints(20, filled(5, -2), filled(5, 2), 1L);
    assertEquals(0, NestedLoopsTestGradients.pairProducts(new double[] {7}).dX()[0], 0.0);
  }

  @Test
  void threeLevels() {
    double[] x = {0.5, -1, 2};
    double[] y = {1.5, 0.25};
    double[] z = {-0.5, 1, 3, 0.75};
    NestedLoopsTestGradients.ThreeLevels g = NestedLoopsTestGradients.threeLevels(x, y, z);
    // With S(a) = sum a_i and S1(a) = sum i a_i:
    // d/dx_i = (i + 1) S(y) S(z) + S1(y) S(z) + S(y) S1(z), and likewise for y and z.
    double[] dX = new double[x.length];
    double[] dY = new double[y.length];
    double[] dZ = new double[z.length];
    for (int i = 0; i < x.length; i++) {
      dX[i] = (i + 1) * sum(y) * sum(z) + indexed(y) * sum(z) + sum(y) * indexed(z);
    }
    for (int j = 0; j < y.length; j++) {
      dY[j] = (j + 1) * sum(x) * sum(z) + indexed(x) * sum(z) + sum(x) * indexed(z);
    }
    for (int k = 0; k < z.length; k++) {
      dZ[k] = (k + 1) * sum(x) * sum(y) + indexed(x) * sum(y) + sum(x) * indexed(y);
    }
    assertClose(dX, g.dX(), 1e-13, "dX");
    assertClose(dY, g.dY(), 1e-13, "dY");
    assertClose(dZ, g.dZ(), 1e-13, "dZ");
    GradientCheck.of(
            p ->
                NestedLoopsTestGradients.threeLevels(
                    slice(p, 0, 3), slice(p, 3, 5), slice(p, 5, 9)))
        .assertAtRandomPoints(10, filled(9, -2), filled(9, 2), 2L);
  }

  @Test
  void polynomialAtSeveralPoints() {
    double[] c = {1, -2, 0.5, 0.25};
    double[] x = {0.5, -1.5, 2};
    NestedLoopsTestGradients.PolynomialAtPoints g =
        NestedLoopsTestGradients.polynomialAtPoints(c, x);
    double value = 0;
    double[] dC = new double[c.length];
    double[] dX = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      for (int k = 0; k < c.length; k++) {
        value += c[k] * Math.pow(x[i], k);
        dC[k] += Math.pow(x[i], k);
        if (k > 0) {
          dX[i] += k * c[k] * Math.pow(x[i], k - 1);
        }
      }
    }
    assertEquals(value, g.value(), 1e-13);
    assertClose(dC, g.dC(), 1e-13, "dC");
    assertClose(dX, g.dX(), 1e-13, "dX");
    GradientCheck.of(p -> NestedLoopsTestGradients.polynomialAtPoints(slice(p, 0, 4), slice(p, 4, 7)))
        .assertAtRandomPoints(10, filled(7, -2), filled(7, 2), 3L);
  }

  @Test
  void coulombEnergy() {
    double[] x = {0.1, 1.3, -0.7, 2.2};
    NestedLoopsTestGradients.Coulomb g = NestedLoopsTestGradients.coulomb(x);
    double[] expected = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x.length; j++) {
        if (j != i) {
          double d = x[i] - x[j];
          expected[i] -= Math.signum(d) / (d * d);
        }
      }
    }
    assertClose(expected, g.dX(), 1e-13, "dX");
    // Points in disjoint intervals keep the pairs apart.
    GradientCheck.of(p -> NestedLoopsTestGradients.coulomb(p))
        .assertAtRandomPoints(
            10, new double[] {0, 1, 2, 3}, new double[] {0.5, 1.5, 2.5, 3.5}, 4L);
  }

  @Test
  void innerWhileWithDataDependentTripCount() {
    double[] x = {0.3, 1.7, 5, 0.01};
    double limit = 4;
    NestedLoopsTestGradients.DoubleUntil g = NestedLoopsTestGradients.doubleUntil(x, limit);
    double value = 0;
    double[] dX = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      // v = x 2^k with k the number of doublings; d(v^2)/dx = 2 v 2^k.
      double scale = 1;
      while (x[i] * scale < limit) {
        scale *= 2;
      }
      double v = x[i] * scale;
      value += v * v;
      dX[i] = 2 * v * scale;
    }
    assertEquals(value, g.value(), 0.0);
    assertClose(dX, g.dX(), 1e-15, "dX");
    assertEquals(0.0, g.dLimit(), 0.0);
    GradientCheck.of(p -> NestedLoopsTestGradients.doubleUntil(slice(p, 0, 4), p[4]))
        .assertAtRandomPoints(20, filled(5, 0.05), new double[] {3, 3, 3, 3, 9}, 5L);
  }

  @Test
  void enhancedForInsideEnhancedFor() {
    double[] x = {1, -2, 0.5};
    double[] y = {0.25, 3};
    NestedLoopsTestGradients.EnhancedPairs g = NestedLoopsTestGradients.enhancedPairs(x, y);
    double squares = 0.25 * 0.25 + 9;
    assertClose(new double[] {squares, squares, squares}, g.dX(), 1e-15, "dX");
    assertClose(new double[] {2 * 0.25 * sum(x), 2 * 3 * sum(x)}, g.dY(), 1e-15, "dY");
    GradientCheck.of(p -> NestedLoopsTestGradients.enhancedPairs(slice(p, 0, 3), slice(p, 3, 5)))
        .assertAtRandomPoints(10, filled(5, -2), filled(5, 2), 6L);
  }

  @Test
  void downwardOuterLoopWithInnerLoopFromTheOuterIndex() {
    double[] x = {0.5, -1, 2, 1.5};
    double w = 0.8;
    NestedLoopsTestGradients.BandedPowers g = NestedLoopsTestGradients.bandedPowers(x, w);
    double value = 0;
    double dW = 0;
    double[] dX = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      for (int j = i; j < x.length; j++) {
        value += x[i] * x[j] * Math.pow(w, j - i);
        dX[i] += x[j] * Math.pow(w, j - i);
        dX[j] += x[i] * Math.pow(w, j - i);
        if (j > i) {
          dW += x[i] * x[j] * (j - i) * Math.pow(w, j - i - 1);
        }
      }
    }
    assertEquals(value, g.value(), 1e-14);
    assertClose(dX, g.dX(), 1e-14, "dX");
    assertClose(dW, g.dW(), 1e-14, "dW");
    GradientCheck.of(p -> NestedLoopsTestGradients.bandedPowers(slice(p, 0, 4), p[4]))
        .assertAtRandomPoints(10, filled(5, -1.5), filled(5, 1.5), 7L);
  }

  @Test
  void valueCarriedThroughBothLevels() {
    double[] x = {0.5, -0.75};
    double[] y = {1.25, 0.5, -1};
    double w = 0.9;
    NestedLoopsTestGradients.CarriedThroughBothLevels g =
        NestedLoopsTestGradients.carriedThroughBothLevels(x, y, w);
    // The chain rule carried forward by hand: ds' = cos(s) w ds + sin(s) dw + y_j dx_i + x_i dy_j.
    int n = x.length + y.length + 1;
    double s = 0;
    double[] ds = new double[n]; // d s / d (x, y, w)
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < y.length; j++) {
        double c = Math.cos(s) * w;
        for (int q = 0; q < n; q++) {
          ds[q] *= c;
        }
        ds[n - 1] += Math.sin(s);
        ds[i] += y[j];
        ds[x.length + j] += x[i];
        s = Math.sin(s) * w + x[i] * y[j];
      }
    }
    assertEquals(s, g.value(), 0.0);
    assertClose(ds, g.gradient(), 1e-14, "gradient");
    GradientCheck.of(
            p ->
                NestedLoopsTestGradients.carriedThroughBothLevels(
                    slice(p, 0, 2), slice(p, 2, 5), p[5]))
        .assertAtRandomPoints(10, filled(6, -1.5), filled(6, 1.5), 8L);
  }

  private static double sum(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }

  private static double indexed(double[] a) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += i * a[i];
    }
    return s;
  }
}
