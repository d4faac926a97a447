package io.github.javagrad.loops;

import static io.github.javagrad.loops.Checks.assertClose;
import static io.github.javagrad.loops.Checks.filled;
import static io.github.javagrad.loops.Checks.matrix;
import static io.github.javagrad.loops.Checks.slice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.javagrad.Differentiable;
import io.github.javagrad.GradientCheck;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Methods that return double[] or write into output arrays (void), called from loop code: a
 * two-layer network with a softmax, an output array refilled on every iteration, the pullbacks
 * of array methods called directly, and Arrays.fill / System.arraycopy between arrays.
 */
class ArrayMethodsTest {

  /** out_i = tanh((W v)_i). */
  @Differentiable
  static void layer(double[][] w, double[] v, double[] out) {
    for (int i = 0; i < w.length; i++) {
      double z = 0;
      for (int j = 0; j < v.length; j++) {
        z += w[i][j] * v[j];
      }
      out[i] = Math.tanh(z);
    }
  }

  /** softmax(z), with the maximum subtracted. */
  @Differentiable
  static double[] softmax(double[] z) {
    double m = z[0];
    for (int i = 1; i < z.length; i++) {
      m = Math.max(m, z[i]);
    }
    double[] e = new double[z.length];
    double sum = 0;
    for (int i = 0; i < z.length; i++) {
      e[i] = Math.exp(z[i] - m);
      sum += e[i];
    }
    for (int i = 0; i < z.length; i++) {
      e[i] /= sum;
    }
    return e;
  }

  /** -log softmax(layer(W2, layer(W1, x)))[label]. */
  @Differentiable
  static double twoLayerLoss(double[][] w1, double[][] w2, double[] x, int label) {
    double[] h = new double[w1.length];
    layer(w1, x, h);
    double[] o = new double[w2.length];
    layer(w2, h, o);
    double[] p = softmax(o);
    return -Math.log(p[label]);
  }

  /** The same output array refilled by a call on every iteration. */
  @Differentiable
  static double outputRefilled(double[][] w, double[] x) {
    double[] h = new double[w.length];
    double s = 0;
    for (int k = 0; k < 3; k++) {
      layer(w, x, h);
      for (int i = 0; i < h.length; i++) {
        s += h[i] * h[i] * (k + 1);
      }
    }
    return s;
  }

  /** Arrays.fill resets a work array on every iteration. */
  @Differentiable
  static double fillEveryIteration(double[] x, double w) {
    double[] a = new double[x.length];
    double s = 0;
    for (int k = 0; k < 3; k++) {
      Arrays.fill(a, w * k);
      for (int i = 0; i < a.length; i++) {
        a[i] += x[i] * a[i];
      }
      for (double v : a) {
        s += v * v;
      }
    }
    return s;
  }

  /** System.arraycopy of part of x over a copy of y. */
  @Differentiable
  static double copyBetween(double[] x, double[] y) {
    double[] a = y.clone();
    System.arraycopy(x, 1, a, 0, 2);
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * a[i] * (i + 1);
    }
    return s;
  }

  // ------------------------------------------------------------------ tests

  @Test
  void twoLayerNetworkWithSoftmax() {
    double[][] w1 = {{0.5, -1}, {1.5, 0.25}, {-0.75, 1}};
    double[][] w2 = {{0.3, -0.6, 1.2}, {-1, 0.4, 0.7}};
    double[] x = {0.8, -0.3};
    int label = 1;
    // Backpropagation by hand.
    double[] h = new double[3];
    for (int i = 0; i < 3; i++) {
      h[i] = Math.tanh(w1[i][0] * x[0] + w1[i][1] * x[1]);
    }
    double[] o = new double[2];
    for (int i = 0; i < 2; i++) {
      o[i] = Math.tanh(w2[i][0] * h[0] + w2[i][1] * h[1] + w2[i][2] * h[2]);
    }
    double sum = Math.exp(o[0]) + Math.exp(o[1]);
    double[] p = {Math.exp(o[0]) / sum, Math.exp(o[1]) / sum};
    double[] dZ2 = new double[2];
    for (int i = 0; i < 2; i++) {
      dZ2[i] = (p[i] - (i == label ? 1 : 0)) * (1 - o[i] * o[i]);
    }
    double[][] dW2 = new double[2][3];
    double[] dH = new double[3];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        dW2[i][j] = dZ2[i] * h[j];
        dH[j] += w2[i][j] * dZ2[i];
      }
    }
    double[][] dW1 = new double[3][2];
    double[] dX = new double[2];
    for (int i = 0; i < 3; i++) {
      double dZ1 = dH[i] * (1 - h[i] * h[i]);
      for (int j = 0; j < 2; j++) {
        dW1[i][j] = dZ1 * x[j];
        dX[j] += w1[i][j] * dZ1;
      }
    }
    ArrayMethodsTestGradients.TwoLayerLoss g =
        ArrayMethodsTestGradients.twoLayerLoss(w1, w2, x, label);
    assertEquals(-Math.log(p[label]), g.value(), 1e-15);
    assertClose(dW1, g.dW1(), 1e-14, "dW1");
    assertClose(dW2, g.dW2(), 1e-14, "dW2");
    assertClose(dX, g.dX(), 1e-14, "dX");
    GradientCheck.of(
            q ->
                ArrayMethodsTestGradients.twoLayerLoss(
                    matrix(q, 0, 3, 2), matrix(q, 6, 2, 3), slice(q, 12, 14), label))
        .assertAtRandomPoints(10, filled(14, -1), filled(14, 1), 1L);
  }

  @Test
  void softmaxPullbackIsTheJacobianTransposeTimesTheSeed() {
    double[] z = {0.5, -1, 2};
    double[] seed = {1, -2, 0.5};
    double[] dZ = {10, 20, 30};
    double[] p = ArrayMethodsTestGradients.softmaxPullback(z, seed, dZ);
    double sum = Math.exp(0.5) + Math.exp(-1) + Math.exp(2);
    double ps = 0;
    for (int i = 0; i < 3; i++) {
      assertEquals(Math.exp(z[i]) / sum, p[i], 1e-16);
      ps += p[i] * seed[i];
    }
    // J = diag(p) - p p^T, so J^T seed = p (seed - p . seed); added to what dZ held.
    for (int i = 0; i < 3; i++) {
      assertEquals(new double[] {10, 20, 30}[i] + p[i] * (seed[i] - ps), dZ[i], 1e-14);
    }
  }

  @Test
  void voidLayerPullbackTakesTheOutputsAdjointAndConsumesIt() {
    double[][] w = {{0.5, -1}, {1.5, 0.25}};
    double[] v = {0.3, -0.6};
    double[] out = new double[2];
    double[][] dW = new double[2][2];
    double[] dV = new double[2];
    double[] dOut = {1, -2};
    ArrayMethodsTestGradients.layerPullback(w, v, out, dW, dV, dOut);
    for (int i = 0; i < 2; i++) {
      double h = Math.tanh(w[i][0] * v[0] + w[i][1] * v[1]);
      assertEquals(h, out[i], 0.0);
      double dz = new double[] {1, -2}[i] * (1 - h * h);
      assertArrayEquals(new double[] {dz * v[0], dz * v[1]}, dW[i], 1e-15);
    }
    // out is overwritten entirely: nothing flows to its earlier contents.
    assertArrayEquals(new double[] {0, 0}, dOut, 0.0);
  }

  @Test
  void outputArrayRefilledByACallOnEveryIteration() {
    double[][] w = {{0.5, -1}, {1.5, 0.25}};
    double[] x = {0.3, -0.6};
    // h is the same on every iteration: s = (1 + 2 + 3) sum h_i^2.
    double[] dX = new double[2];
    double[][] dW = new double[2][2];
    double value = 0;
    for (int i = 0; i < 2; i++) {
      double h = Math.tanh(w[i][0] * x[0] + w[i][1] * x[1]);
      value += 6 * h * h;
      double dz = 12 * h * (1 - h * h);
      for (int j = 0; j < 2; j++) {
        dW[i][j] = dz * x[j];
        dX[j] += dz * w[i][j];
      }
    }
    ArrayMethodsTestGradients.OutputRefilled g = ArrayMethodsTestGradients.outputRefilled(w, x);
    assertEquals(value, g.value(), 1e-15);
    assertClose(dW, g.dW(), 1e-14, "dW");
    assertClose(dX, g.dX(), 1e-14, "dX");
    GradientCheck.of(q -> ArrayMethodsTestGradients.outputRefilled(matrix(q, 0, 2, 2), slice(q, 4, 6)))
        .assertAtRandomPoints(10, filled(6, -1), filled(6, 1), 2L);
  }

  @Test
  void fillOnEveryIteration() {
    double[] x = {0.5, -1, 2};
    double w = 0.75;
    // a_i = w k (1 + x_i); s = sum_k sum_i (w k (1 + x_i))^2 = 5 w^2 sum (1 + x_i)^2.
    ArrayMethodsTestGradients.FillEveryIteration g =
        ArrayMethodsTestGradients.fillEveryIteration(x, w);
    double q = 0;
    double[] dX = new double[3];
    for (int i = 0; i < 3; i++) {
      q += (1 + x[i]) * (1 + x[i]);
      dX[i] = 10 * w * w * (1 + x[i]);
    }
    assertEquals(5 * w * w * q, g.value(), 1e-14);
    assertClose(dX, g.dX(), 1e-14, "dX");
    assertEquals(10 * w * q, g.dW(), 1e-14);
    GradientCheck.of(p -> ArrayMethodsTestGradients.fillEveryIteration(slice(p, 0, 3), p[3]))
        .assertAtRandomPoints(10, filled(4, -1), filled(4, 1), 3L);
  }

  @Test
  void arraycopyBetweenArrays() {
    double[] x = {1, 2, 3};
    double[] y = {4, 5, 6, 7};
    // a = (x1, x2, y2, y3); s = x1^2 + 2 x2^2 + 3 y2^2 + 4 y3^2.
    ArrayMethodsTestGradients.CopyBetween g = ArrayMethodsTestGradients.copyBetween(x, y);
    assertEquals(4 + 18 + 108 + 196, g.value(), 0.0);
    assertClose(new double[] {0, 4, 12}, g.dX(), 0, "dX");
    assertClose(new double[] {0, 0, 36, 56}, g.dY(), 0, "dY");
    GradientCheck.of(p -> ArrayMethodsTestGradients.copyBetween(slice(p, 0, 3), slice(p, 3, 7)))
        .assertAtRandomPoints(10, filled(7, -2), filled(7, 2), 4L);
  }
}
