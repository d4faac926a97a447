package io.github.javagrad.loops;

import static io.github.javagrad.loops.Checks.assertClose;
import static io.github.javagrad.loops.Checks.filled;
import static io.github.javagrad.loops.Checks.matrix;
import static io.github.javagrad.loops.Checks.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.javagrad.Differentiable;
import io.github.javagrad.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * Linear algebra written with loops: a tanh layer (mat-vec), a matrix product into a local
 * matrix, softmax cross-entropy with max subtraction, least squares, a quadratic form, a norm and
 * forward substitution. Each gradient is compared with its matrix-calculus formula.
 */
class LinearAlgebraTest {

  /** sum_i (tanh((W v)_i) - t_i)^2. */
  @Differentiable
  static double tanhLayerLoss(double[][] w, double[] v, double[] t) {
    double loss = 0;
    for (int i = 0; i < w.length; i++) {
      double z = 0;
      for (int j = 0; j < v.length; j++) {
        z += w[i][j] * v[j];
      }
      double d = Math.tanh(z) - t[i];
      loss += d * d;
    }
    return loss;
  }

  /** <A B, G>: the product into a local matrix, then the Frobenius inner product with G. */
  @Differentiable
  static double productInner(double[][] a, double[][] b, double[][] g) {
    int n = a.length;
    int m = b[0].length;
    double[][] c = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        for (int k = 0; k < b.length; k++) {
          c[i][j] += a[i][k] * b[k][j];
        }
      }
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        s += c[i][j] * g[i][j];
      }
    }
    return s;
  }

  /** -log softmax(z)[label], computed stably by subtracting the maximum. */
  @Differentiable
  static double softmaxCrossEntropy(double[] z, int label) {
    double max = z[0];
    for (int i = 1; i < z.length; i++) {
      if (z[i] > max) {
        max = z[i];
      }
    }
    double sum = 0;
    for (int i = 0; i < z.length; i++) {
      sum += Math.exp(z[i] - max);
    }
    return Math.log(sum) - (z[label] - max);
  }

  /** ||X w - y||^2. */
  @Differentiable
  static double leastSquares(double[][] x, double[] w, double[] y) {
    double loss = 0;
    for (int i = 0; i < x.length; i++) {
      double r = -y[i];
      for (int j = 0; j < w.length; j++) {
        r += x[i][j] * w[j];
      }
      loss += r * r;
    }
    return loss;
  }

  /** x^T A x. */
  @Differentiable
  static double quadraticForm(double[][] a, double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x.length; j++) {
        s += x[i] * a[i][j] * x[j];
      }
    }
    return s;
  }

  /** The Euclidean norm. */
  @Differentiable
  static double norm(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    return Math.sqrt(s);
  }

  /** c . y where L y = b, solved by forward substitution into a local array. */
  @Differentiable
  static double forwardSubstitution(double[][] l, double[] b, double[] c) {
    int n = b.length;
    double[] y = b.clone();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        y[i] -= l[i][j] * y[j];
      }
      y[i] /= l[i][i];
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += c[i] * y[i];
    }
    return s;
  }

  // ------------------------------------------------------------------ tests

  @Test
  void tanhLayer() {
    double[][] w = {{0.5, -1, 0.25}, {1.5, 0.75, -0.5}};
    double[] v = {0.3, -0.6, 1.2};
    double[] t = {0.1, -0.4};
    LinearAlgebraTestGradients.TanhLayerLoss g = LinearAlgebraTestGradients.tanhLayerLoss(w, v, t);
    double[][] dW = new double[2][3];
    double[] dV = new double[3];
    double[] dT = new double[2];
    double loss = 0;
    for (int i = 0; i < 2; i++) {
      double z = 0;
      for (int j = 0; j < 3; j++) {
        z += w[i][j] * v[j];
      }
      double h = Math.tanh(z);
      double d = h - t[i];
      loss += d * d;
      double dz = 2 * d * (1 - h * h);
      for (int j = 0; j < 3; j++) {
        dW[i][j] = dz * v[j];
        dV[j] += dz * w[i][j];
      }
      dT[i] = -2 * d;
    }
    assertEquals(loss, g.value(), 1e-15);
    assertClose(dW, g.dW(), 1e-14, "dW");
    assertClose(dV, g.dV(), 1e-14, "dV");
    assertClose(dT, g.dT(), 1e-14, "dT");
    GradientCheck.of(
            p ->
                LinearAlgebraTestGradients.tanhLayerLoss(
                    matrix(p, 0, 2, 3), slice(p, 6, 9), slice(p, 9, 11)))
        .assertAtRandomPoints(10, filled(11, -1.5), filled(11, 1.5), 1L);
  }

  @Test
  void matrixProduct() {
    double[][] a = {{1, 2, 0.5}, {-1, 0.25, 3}};
    double[][] b = {{0.5, 1, -2, 1.5}, {2, -0.5, 1, 0}, {-1, 0.75, 0.5, 2}};
    double[][] gm = {{1, -1, 0.5, 2}, {0.25, 3, -2, 1}};
    LinearAlgebraTestGradients.ProductInner g = LinearAlgebraTestGradients.productInner(a, b, gm);
    // d<AB, G>/dA = G B^T, /dB = A^T G, /dG = A B.
    double[][] dA = new double[2][3];
    double[][] dB = new double[3][4];
    double[][] dG = new double[2][4];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 4; j++) {
        for (int k = 0; k < 3; k++) {
          dA[i][k] += gm[i][j] * b[k][j];
          dB[k][j] += a[i][k] * gm[i][j];
          dG[i][j] += a[i][k] * b[k][j];
        }
      }
    }
    assertClose(dA, g.dA(), 1e-15, "dA");
    assertClose(dB, g.dB(), 1e-15, "dB");
    assertClose(dG, g.dG(), 1e-15, "dG");
    GradientCheck.of(
            p ->
                LinearAlgebraTestGradients.productInner(
                    matrix(p, 0, 2, 3), matrix(p, 6, 3, 4), matrix(p, 18, 2, 4)))
        .assertAtRandomPoints(5, filled(26, -2), filled(26, 2), 2L);
  }

  @Test
  void softmaxCrossEntropyGradientIsSoftmaxMinusOneHot() {
    double[] z = {0.5, -1, 2, 0.25};
    for (int label = 0; label < z.length; label++) {
      double sum = 0;
      for (double v : z) {
        sum += Math.exp(v);
      }
      double[] expected = new double[z.length];
      for (int i = 0; i < z.length; i++) {
        expected[i] = Math.exp(z[i]) / sum - (i == label ? 1 : 0);
      }
      LinearAlgebraTestGradients.SoftmaxCrossEntropy g =
          LinearAlgebraTestGradients.softmaxCrossEntropy(z, label);
      assertEquals(Math.log(sum) - z[label], g.value(), 1e-15);
      assertClose(expected, g.dZ(), 1e-15, "dZ, label " + label);
      int l = label;
      GradientCheck.of(p -> LinearAlgebraTestGradients.softmaxCrossEntropy(p, l))
          .assertAtRandomPoints(10, filled(4, -3), filled(4, 3), 3L + label);
    }
  }

  @Test
  void softmaxCrossEntropyIsStableForHugeLogits() {
    double[] z = {1000, 1001, 999};
    LinearAlgebraTestGradients.SoftmaxCrossEntropy g =
        LinearAlgebraTestGradients.softmaxCrossEntropy(z, 0);
    // Same as z - 1000 = (0, 1, -1).
    double sum = 1 + Math.E + Math.exp(-1);
    assertEquals(Math.log(sum), g.value(), 1e-13);
    assertClose(
        new double[] {1 / sum - 1, Math.E / sum, Math.exp(-1) / sum}, g.dZ(), 1e-15, "dZ");
    for (double d : g.dZ()) {
      assertTrue(Double.isFinite(d));
    }
    // The gradient sums to zero: shifting every logit changes nothing.
    assertEquals(0, g.dZ()[0] + g.dZ()[1] + g.dZ()[2], 1e-15);
  }

  @Test
  void leastSquares() {
    double[][] x = {{1, 0.5}, {-0.5, 2}, {1.5, -1}};
    double[] w = {0.75, -0.25};
    double[] y = {0.5, 1, -0.5};
    LinearAlgebraTestGradients.LeastSquares g = LinearAlgebraTestGradients.leastSquares(x, w, y);
    // r = X w - y; dW = 2 X^T r, dY = -2 r, dX = 2 r w^T.
    double[] r = new double[3];
    for (int i = 0; i < 3; i++) {
      r[i] = x[i][0] * w[0] + x[i][1] * w[1] - y[i];
    }
    double[] dW = new double[2];
    double[][] dX = new double[3][2];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 2; j++) {
        dW[j] += 2 * x[i][j] * r[i];
        dX[i][j] = 2 * r[i] * w[j];
      }
    }
    assertEquals(r[0] * r[0] + r[1] * r[1] + r[2] * r[2], g.value(), 1e-15);
    assertClose(dW, g.dW(), 1e-15, "dW");
    assertClose(new double[] {-2 * r[0], -2 * r[1], -2 * r[2]}, g.dY(), 1e-15, "dY");
    assertClose(dX, g.dX(), 1e-15, "dX");
    GradientCheck.of(
            p ->
                LinearAlgebraTestGradients.leastSquares(
                    matrix(p, 0, 3, 2), slice(p, 6, 8), slice(p, 8, 11)))
        .assertAtRandomPoints(10, filled(11, -2), filled(11, 2), 7L);
  }

  @Test
  void quadraticForm() {
    double[][] a = {{2, -1, 0.5}, {0.25, 1, 3}, {-2, 0.5, 1.5}};
    double[] x = {1, -0.5, 2};
    LinearAlgebraTestGradients.QuadraticForm g = LinearAlgebraTestGradients.quadraticForm(a, x);
    // dX = (A + A^T) x, dA = x x^T.
    double[] dX = new double[3];
    double[][] dA = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        dX[i] += (a[i][j] + a[j][i]) * x[j];
        dA[i][j] = x[i] * x[j];
      }
    }
    assertClose(dX, g.dX(), 1e-15, "dX");
    assertClose(dA, g.dA(), 0, "dA");
    GradientCheck.of(
            p -> LinearAlgebraTestGradients.quadraticForm(matrix(p, 0, 3, 3), slice(p, 9, 12)))
        .assertAtRandomPoints(10, filled(12, -2), filled(12, 2), 8L);
  }

  @Test
  void normHasTheUnitVectorAsGradient() {
    double[] x = {3, -4, 12};
    LinearAlgebraTestGradients.Norm g = LinearAlgebraTestGradients.norm(x);
    assertEquals(13, g.value(), 0.0);
    assertClose(new double[] {3.0 / 13, -4.0 / 13, 12.0 / 13}, g.dX(), 1e-16, "dX");
    GradientCheck.of(p -> LinearAlgebraTestGradients.norm(p))
        .assertAtRandomPoints(20, filled(5, -2), filled(5, 2), 9L);
  }

  @Test
  void forwardSubstitutionHasTheAdjointSolveAsGradient() {
    double[][] l = {{2, 0, 0}, {0.5, 1.5, 0}, {-1, 0.25, 4}};
    double[] b = {1, -2, 3};
    double[] c = {0.5, 1, -1};
    LinearAlgebraTestGradients.ForwardSubstitution g =
        LinearAlgebraTestGradients.forwardSubstitution(l, b, c);
    // y = L^{-1} b; s = c.y; dB = L^{-T} c (back substitution), dC = y, dL = -dB y^T (lower part).
    int n = 3;
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double r = b[i];
      for (int j = 0; j < i; j++) {
        r -= l[i][j] * y[j];
      }
      y[i] = r / l[i][i];
    }
    double[] u = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double r = c[i];
      for (int j = i + 1; j < n; j++) {
        r -= l[j][i] * u[j];
      }
      u[i] = r / l[i][i];
    }
    double[][] dL = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        dL[i][j] = -u[i] * y[j];
      }
    }
    assertEquals(c[0] * y[0] + c[1] * y[1] + c[2] * y[2], g.value(), 1e-15);
    assertClose(u, g.dB(), 1e-15, "dB");
    assertClose(y, g.dC(), 1e-15, "dC");
    assertClose(dL, g.dL(), 1e-15, "dL");
    // Keep the diagonal away from zero.
    double[] lo = filled(15, -1);
    double[] hi = filled(15, 1);
    for (int i : new int[] {0, 4, 8}) {
      lo[i] = 1;
      hi[i] = 3;
    }
    GradientCheck.of(
            p ->
                LinearAlgebraTestGradients.forwardSubstitution(
                    matrix(p, 0, 3, 3), slice(p, 9, 12), slice(p, 12, 15)))
        .assertAtRandomPoints(10, lo, hi, 10L);
  }
}
