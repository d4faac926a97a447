package io.github.javagrad.loops;

import static io.github.javagrad.loops.Checks.assertClose;
import static io.github.javagrad.loops.Checks.filled;
import static io.github.javagrad.loops.Checks.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.javagrad.Differentiable;
import io.github.javagrad.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * Local arrays written several times in place: scaling passes, a[i] += a[j], prefix sums,
 * a[i] = a[i-1] w (which forgets the input), swaps whose index patterns overlap, stencils reading
 * both neighbours, scatters with repeated indices, several writes to one element per iteration,
 * compound assignments and increments, and a matrix updated against its own transpose.
 */
class InPlaceArraysTest {

  /** a = c; K passes of a[i] = a[i] x; returns sum a. */
  @Differentiable
  static double scaledPasses(double[] c, double x, int passes) {
    double[] a = c.clone();
    for (int k = 0; k < passes; k++) {
      for (int i = 0; i < a.length; i++) {
        a[i] = a[i] * x;
      }
    }
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i];
    }
    return s;
  }

  /** Squares every element in three passes (x^8), then in one more separate loop (x^16). */
  @Differentiable
  static double repeatedSquaring(double[] x) {
    double[] a = x.clone();
    for (int k = 0; k < 3; k++) {
      for (int i = 0; i < a.length; i++) {
        a[i] = a[i] * a[i];
      }
    }
    for (int i = 0; i < a.length; i++) {
      a[i] = a[i] * a[i];
    }
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }

  /** a[i] += a[j] for every j < i, then sum of w_i a_i. */
  @Differentiable
  static double addEarlier(double[] x, double[] w) {
    double[] a = x.clone();
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < i; j++) {
        a[i] += a[j];
      }
    }
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += w[i] * a[i];
    }
    return s;
  }

  /** Prefix sums in place, then the sum of their squares. */
  @Differentiable
  static double prefixSumSquares(double[] x) {
    double[] a = x.clone();
    for (int i = 1; i < a.length; i++) {
      a[i] += a[i - 1];
    }
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * a[i];
    }
    return s;
  }

  /** a[i] = a[i-1] w: every element but the first is overwritten without being read. */
  @Differentiable
  static double geometricOverwrite(double[] x, double w, double[] c) {
    double[] a = x.clone();
    for (int i = 1; i < a.length; i++) {
      a[i] = a[i - 1] * w;
    }
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += c[i] * a[i];
    }
    return s;
  }

  /** a[i] = a[i-1] w + a[i] a[i-1]: reads the new previous element and the old current one. */
  @Differentiable
  static double nonlinearChain(double[] x, double w) {
    double[] a = x.clone();
    for (int i = 1; i < a.length; i++) {
      a[i] = a[i - 1] * w + a[i] * a[i - 1];
    }
    return a[a.length - 1];
  }

  /** Reverses the array in place by swaps, then a weighted sum of squares. */
  @Differentiable
  static double reverseBySwaps(double[] x) {
    double[] a = x.clone();
    int n = a.length;
    for (int i = 0; i < n / 2; i++) {
      double t = a[i];
      a[i] = a[n - 1 - i];
      a[n - 1 - i] = t;
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += (i + 1) * a[i] * a[i];
    }
    return s;
  }

  /** a[i] = a[i] a[n-1-i]: the second half reads elements the first half already changed. */
  @Differentiable
  static double mirrorProducts(double[] x) {
    double[] a = x.clone();
    int n = a.length;
    for (int i = 0; i < n; i++) {
      a[i] = a[i] * a[n - 1 - i];
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += (i + 1) * a[i];
    }
    return s;
  }

  /** Gauss-Seidel-like sweeps: a[i] += w a[i-1] a[i+1], three times. */
  @Differentiable
  static double stencilSweeps(double[] x, double w) {
    double[] a = x.clone();
    for (int k = 0; k < 3; k++) {
      for (int i = 1; i + 1 < a.length; i++) {
        a[i] += w * a[i - 1] * a[i + 1];
      }
    }
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }

  /** out[idx[k]] = x_k w: with repeated indices, the last write wins. */
  @Differentiable
  static double scatterOverwrite(double[] x, int[] idx, double w) {
    double[] out = new double[3];
    for (int k = 0; k < x.length; k++) {
      out[idx[k]] = x[k] * w;
    }
    double s = 0;
    for (int i = 0; i < out.length; i++) {
      s += out[i] * out[i];
    }
    return s;
  }

  /** out[idx[k]] += x_k^2: repeated indices accumulate. */
  @Differentiable
  static double scatterAdd(double[] x, int[] idx) {
    double[] out = new double[3];
    for (int k = 0; k < x.length; k++) {
      out[idx[k]] += x[k] * x[k];
    }
    return out[0] * out[1] + out[2];
  }

  /** Several writes to one element per iteration, with every compound form. */
  @Differentiable
  static double compoundForms(double[] x, double y) {
    double[] a = x.clone();
    for (int i = 0; i < a.length; i++) {
      a[i] += y;
      a[i] *= a[i];
      a[i]++;
      a[i] -= x[i] * y;
      a[i] /= 1 + y * y;
      a[i]--;
    }
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * a[i];
    }
    return s;
  }

  /** A matrix copied, then m[i][j] = m[i][j] m[j][i] in place, row by row. */
  @Differentiable
  static double transposeProducts(double[][] m) {
    int n = m.length;
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i][j] = m[i][j];
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i][j] = a[i][j] * a[j][i];
      }
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        s += a[i][j] * (i + 2 * j + 1);
      }
    }
    return s;
  }

  /** An array initialised from expressions of the inputs, then updated in place. */
  @Differentiable
  static double initialisedThenUpdated(double x, double y) {
    double[] v = {x, x * y, Math.sin(y), 1};
    for (int i = 1; i < v.length; i++) {
      v[i] = v[i] * v[i - 1] + v[i];
    }
    return v[3];
  }

  // ------------------------------------------------------------------ tests

  @Test
  void scalingPasses() {
    double[] c = {1, -2, 0.5};
    double x = 1.5;
    for (int passes = 0; passes <= 4; passes++) {
      InPlaceArraysTestGradients.ScaledPasses g = InPlaceArraysTestGradients.scaledPasses(c, x, passes);
      double xk = Math.pow(x, passes);
      assertClose(-0.5 * xk, g.value(), 1e-15, "value");
      assertClose(new double[] {xk, xk, xk}, g.dC(), 1e-15, "dC");
      assertClose(passes == 0 ? 0 : -0.5 * passes * Math.pow(x, passes - 1), g.dX(), 1e-14, "dX");
    }
    GradientCheck.of(p -> InPlaceArraysTestGradients.scaledPasses(slice(p, 0, 3), p[3], 3))
        .assertAtRandomPoints(20, filled(4, -1.5), filled(4, 1.5), 1L);
  }

  @Test
  void repeatedSquaringGivesThe16thPower() {
    double[] x = {0.9, -1.1, 1.05};
    InPlaceArraysTestGradients.RepeatedSquaring g = InPlaceArraysTestGradients.repeatedSquaring(x);
    double[] expected = new double[3];
    double value = 0;
    for (int i = 0; i < 3; i++) {
      value += Math.pow(x[i], 16);
      expected[i] = 16 * Math.pow(x[i], 15);
    }
    assertClose(value, g.value(), 1e-14, "value");
    assertClose(expected, g.dX(), 1e-14, "dX");
    GradientCheck.of(p -> InPlaceArraysTestGradients.repeatedSquaring(p))
        .assertAtRandomPoints(20, filled(3, -1.1), filled(3, 1.1), 2L);
  }

  @Test
  void addingEveryEarlierElement() {
    double[] x = {1, -0.5, 2, 0.25, 3};
    double[] w = {0.5, 1, -1, 2, 0.75};
    InPlaceArraysTestGradients.AddEarlier g = InPlaceArraysTestGradients.addEarlier(x, w);
    // b_i = x_i + sum_{j<i} 2^(i-1-j) x_j, so d/dx_j = w_j + sum_{i>j} w_i 2^(i-1-j) and d/dw = b.
    double[] dX = new double[x.length];
    double[] b = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      dX[j] = w[j];
      b[j] = x[j];
      for (int i = j + 1; i < x.length; i++) {
        dX[j] += w[i] * Math.pow(2, i - 1 - j);
      }
      for (int i = 0; i < j; i++) {
        b[j] += Math.pow(2, j - 1 - i) * x[i];
      }
    }
    assertClose(dX, g.dX(), 1e-15, "dX");
    assertClose(b, g.dW(), 1e-15, "dW");
    GradientCheck.of(p -> InPlaceArraysTestGradients.addEarlier(slice(p, 0, 5), slice(p, 5, 10)))
        .assertAtRandomPoints(10, filled(10, -2), filled(10, 2), 3L);
  }

  @Test
  void prefixSums() {
    double[] x = {1, 2, -0.5, 3};
    // b = (1, 3, 2.5, 5.5); d/dx_j of sum b_i^2 = 2 sum_{i >= j} b_i.
    InPlaceArraysTestGradients.PrefixSumSquares g = InPlaceArraysTestGradients.prefixSumSquares(x);
    assertEquals(1 + 9 + 6.25 + 30.25, g.value(), 0.0);
    assertClose(new double[] {24, 22, 16, 11}, g.dX(), 0, "dX");
    GradientCheck.of(p -> InPlaceArraysTestGradients.prefixSumSquares(p))
        .assertAtRandomPoints(20, filled(6, -2), filled(6, 2), 4L);
  }

  @Test
  void overwrittenElementsGetNoGradient() {
    double[] x = {2, 100, -100, 7};
    double w = 0.5;
    double[] c = {1, 2, 3, 4};
    // a_i = x_0 w^i: only x_0 matters.
    InPlaceArraysTestGradients.GeometricOverwrite g =
        InPlaceArraysTestGradients.geometricOverwrite(x, w, c);
    assertEquals(2 * (1 + 2 * w + 3 * w * w + 4 * w * w * w), g.value(), 0.0);
    assertClose(new double[] {1 + 2 * w + 3 * w * w + 4 * w * w * w, 0, 0, 0}, g.dX(), 0, "dX");
    assertEquals(2 * (2 + 6 * w + 12 * w * w), g.dW(), 0.0);
    assertClose(new double[] {2, 2 * w, 2 * w * w, 2 * w * w * w}, g.dC(), 0, "dC");
    GradientCheck.of(
            p ->
                InPlaceArraysTestGradients.geometricOverwrite(
                    slice(p, 0, 4), p[4], slice(p, 5, 9)))
        .assertAtRandomPoints(10, filled(9, -1.5), filled(9, 1.5), 5L);
  }

  @Test
  void chainReadingTheNewPreviousAndTheOldCurrentElement() {
    double[] x = {0.5, 1.5, -0.75, 1.25};
    double w = 0.8;
    // Forward mode by hand: da_i = da_{i-1} (w + x_i) + a_{i-1} dx_i, and dw adds a_{i-1}.
    int n = x.length;
    double a = x[0];
    double[] da = new double[n + 1]; // d a / d (x_0..x_3, w)
    da[0] = 1;
    for (int i = 1; i < n; i++) {
      double[] next = new double[n + 1];
      for (int q = 0; q <= n; q++) {
        next[q] = da[q] * (w + x[i]);
      }
      next[i] += a;
      next[n] += a;
      da = next;
      a = a * w + x[i] * a;
    }
    InPlaceArraysTestGradients.NonlinearChain g = InPlaceArraysTestGradients.nonlinearChain(x, w);
    assertEquals(a, g.value(), 0.0);
    assertClose(da, g.gradient(), 1e-15, "gradient");
    GradientCheck.of(p -> InPlaceArraysTestGradients.nonlinearChain(slice(p, 0, 4), p[4]))
        .assertAtRandomPoints(20, filled(5, -1.5), filled(5, 1.5), 6L);
  }

  @Test
  void swapsWithOverlappingIndexPatterns() {
    double[] x = {1, 2, 3, 4, 5};
    // reversed: (5, 4, 3, 2, 1); s = sum (i+1) a_i^2, so x_j sits at i = n-1-j with weight n-j.
    InPlaceArraysTestGradients.ReverseBySwaps g = InPlaceArraysTestGradients.reverseBySwaps(x);
    assertEquals(25 + 2 * 16 + 3 * 9 + 4 * 4 + 5, g.value(), 0.0);
    assertClose(new double[] {2 * 5 * 1, 2 * 4 * 2, 2 * 3 * 3, 2 * 2 * 4, 2 * 5}, g.dX(), 0, "dX");
    GradientCheck.of(p -> InPlaceArraysTestGradients.reverseBySwaps(p))
        .assertAtRandomPoints(10, filled(6, -2), filled(6, 2), 7L);
  }

  @Test
  void mirrorProductsReadAlreadyChangedElements() {
    double[] x = {2, 3, 5};
    // a0 = x0 x2; a1 = x1^2; a2 = x2 a0 = x0 x2^2. s = a0 + 2 a1 + 3 a2.
    InPlaceArraysTestGradients.MirrorProducts g = InPlaceArraysTestGradients.mirrorProducts(x);
    assertEquals(10 + 2 * 9 + 3 * 50, g.value(), 0.0);
    assertClose(new double[] {5 + 3 * 25, 4 * 3, 2 + 3 * 2 * 2 * 5}, g.dX(), 0, "dX");
    GradientCheck.of(p -> InPlaceArraysTestGradients.mirrorProducts(p))
        .assertAtRandomPoints(10, filled(4, -2), filled(4, 2), 8L);
    GradientCheck.of(p -> InPlaceArraysTestGradients.mirrorProducts(p))
        .assertAtRandomPoints(10, filled(5, -2), filled(5, 2), 9L);
  }

  @Test
  void stencilSweepsReadingBothNeighbours() {
    double[] x = {0.5, -1, 0.75, 1.25, -0.5};
    double w = 0.3;
    // Forward mode by hand over (x_0..x_4, w).
    int n = x.length;
    double[] a = x.clone();
    double[][] da = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      da[i][i] = 1;
    }
    for (int k = 0; k < 3; k++) {
      for (int i = 1; i + 1 < n; i++) {
        for (int q = 0; q <= n; q++) {
          da[i][q] += w * (da[i - 1][q] * a[i + 1] + a[i - 1] * da[i + 1][q]);
        }
        da[i][n] += a[i - 1] * a[i + 1];
        a[i] += w * a[i - 1] * a[i + 1];
      }
    }
    double[] expected = new double[n + 1];
    double value = 0;
    for (int i = 0; i < n; i++) {
      value += a[i];
      for (int q = 0; q <= n; q++) {
        expected[q] += da[i][q];
      }
    }
    InPlaceArraysTestGradients.StencilSweeps g = InPlaceArraysTestGradients.stencilSweeps(x, w);
    assertEquals(value, g.value(), 1e-15);
    assertClose(expected, g.gradient(), 1e-14, "gradient");
    GradientCheck.of(p -> InPlaceArraysTestGradients.stencilSweeps(slice(p, 0, 5), p[5]))
        .assertAtRandomPoints(10, filled(6, -1.5), filled(6, 1.5), 10L);
  }

  @Test
  void scatterWithRepeatedIndicesLastWriteWins() {
    double[] x = {1, 2, 3, 4};
    int[] idx = {0, 2, 0, 2};
    double w = 0.5;
    // out = (x2 w, 0, x3 w): x0 and x1 were overwritten.
    InPlaceArraysTestGradients.ScatterOverwrite g =
        InPlaceArraysTestGradients.scatterOverwrite(x, idx, w);
    assertEquals((9 + 16) * w * w, g.value(), 0.0);
    assertClose(new double[] {0, 0, 2 * 3 * w * w, 2 * 4 * w * w}, g.dX(), 0, "dX");
    assertEquals(2 * (9 + 16) * w, g.dW(), 0.0);
    GradientCheck.of(p -> InPlaceArraysTestGradients.scatterOverwrite(slice(p, 0, 4), idx, p[4]))
        .assertAtRandomPoints(10, filled(5, -2), filled(5, 2), 11L);
  }

  @Test
  void scatterAddWithRepeatedIndices() {
    double[] x = {1, 2, 3, 4};
    int[] idx = {0, 1, 0, 2};
    // out = (1 + 9, 4, 16); value = 10 * 4 + 16.
    InPlaceArraysTestGradients.ScatterAdd g = InPlaceArraysTestGradients.scatterAdd(x, idx);
    assertEquals(56, g.value(), 0.0);
    assertClose(new double[] {2 * 1 * 4, 2 * 2 * 10, 2 * 3 * 4, 2 * 4}, g.dX(), 0, "dX");
    GradientCheck.of(p -> InPlaceArraysTestGradients.scatterAdd(p, idx))
        .assertAtRandomPoints(10, filled(4, -2), filled(4, 2), 12L);
  }

  @Test
  void compoundAssignmentsAndIncrementsOnElements() {
    double[] x = {0.5, -1.5, 2};
    double y = 0.75;
    // a = ((x + y)^2 + 1 - x y) / (1 + y^2) - 1; s = sum a^2.
    double q = 1 + y * y;
    double value = 0;
    double[] dX = new double[3];
    double dY = 0;
    for (int i = 0; i < 3; i++) {
      double u = (x[i] + y) * (x[i] + y) + 1 - x[i] * y;
      double a = u / q - 1;
      value += a * a;
      dX[i] = 2 * a * (2 * (x[i] + y) - y) / q;
      dY += 2 * a * ((2 * (x[i] + y) - x[i]) / q - u * 2 * y / (q * q));
    }
    InPlaceArraysTestGradients.CompoundForms g = InPlaceArraysTestGradients.compoundForms(x, y);
    assertEquals(value, g.value(), 1e-14);
    assertClose(dX, g.dX(), 1e-14, "dX");
    assertClose(dY, g.dY(), 1e-14, "dY");
    GradientCheck.of(p -> InPlaceArraysTestGradients.compoundForms(slice(p, 0, 3), p[3]))
        .assertAtRandomPoints(20, filled(4, -2), filled(4, 2), 13L);
  }

  @Test
  void matrixUpdatedAgainstItsOwnTranspose() {
    double[][] m = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    // Row-major order: for i < j, a_ij = m_ij m_ji first, then a_ji = m_ji a_ij = m_ji^2 m_ij;
    // the diagonal becomes m_ii^2.
    int n = 3;
    double value = 0;
    double[][] dM = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double wij = i + 2 * j + 1;
        if (i == j) {
          value += wij * m[i][i] * m[i][i];
          dM[i][i] += 2 * wij * m[i][i];
        } else if (i < j) {
          value += wij * m[i][j] * m[j][i];
          dM[i][j] += wij * m[j][i];
          dM[j][i] += wij * m[i][j];
        } else {
          // a_ij with i > j = m_ij^2 m_ji
          value += wij * m[i][j] * m[i][j] * m[j][i];
          dM[i][j] += 2 * wij * m[i][j] * m[j][i];
          dM[j][i] += wij * m[i][j] * m[i][j];
        }
      }
    }
    InPlaceArraysTestGradients.TransposeProducts g =
        InPlaceArraysTestGradients.transposeProducts(m);
    assertEquals(value, g.value(), 0.0);
    assertClose(dM, g.dM(), 0, "dM");
    GradientCheck.of(p -> InPlaceArraysTestGradients.transposeProducts(Checks.matrix(p, 0, 3, 3)))
        .assertAtRandomPoints(10, filled(9, -1.5), filled(9, 1.5), 14L);
  }

  @Test
  void initialiserOfExpressionsThenUpdatedInPlace() {
    double x = 0.7;
    double y = -1.2;
    // v1 = x y (x + 1); v2 = sin y (v1 + 1); v3 = v2 + 1.
    double v1 = x * y * x + x * y;
    double v2 = Math.sin(y) * v1 + Math.sin(y);
    InPlaceArraysTestGradients.InitialisedThenUpdated g =
        InPlaceArraysTestGradients.initialisedThenUpdated(x, y);
    assertEquals(v2 + 1, g.value(), 1e-15);
    double dv1dx = 2 * x * y + y;
    double dv1dy = x * x + x;
    assertEquals(Math.sin(y) * dv1dx, g.dX(), 1e-15);
    assertEquals(Math.cos(y) * (v1 + 1) + Math.sin(y) * dv1dy, g.dY(), 1e-15);
    GradientCheck.of(p -> InPlaceArraysTestGradients.initialisedThenUpdated(p[0], p[1]))
        .parameterNames("x", "y")
        .assertAtRandomPoints(20, -2, 2, 15L);
  }
}
