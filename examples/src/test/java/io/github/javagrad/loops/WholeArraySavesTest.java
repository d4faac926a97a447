package io.github.javagrad.loops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.javagrad.Differentiable;
import io.github.javagrad.GradientCheck;
import io.github.javagrad.tape.DoubleTape;
import org.junit.jupiter.api.Test;

/**
 * Local arrays a loop overwrites whole, whose earlier values the reverse sweep needs, are saved
 * whole before the loop and restored whole after its reverse (one array copy each way). The
 * gradients are those of the formulas, and the tape is left as it was found.
 */
class WholeArraySavesTest {

  /** sum_n sum_i exp(q_i (x_ni - mu_i)^2), with xc and y overwritten whole for every point. */
  @Differentiable(wrt = {"mu", "q"})
  static double loss(double[][] x, double[] mu, double[] q) {
    int d = mu.length;
    double[] xc = new double[d];
    double[] y = new double[d];
    double s = 0;
    for (int n = 0; n < x.length; n++) {
      for (int i = 0; i < d; i++) {
        xc[i] = x[n][i] - mu[i];
        y[i] = q[i] * xc[i];
      }
      for (int i = 0; i < d; i++) {
        s += Math.exp(y[i] * xc[i]);
      }
    }
    return s;
  }

  /**
   * A state carried across points: one loop reads h, the next overwrites it whole. The first
   * loop's reverse needs the previous point's h, which the whole restore after the second loop's
   * reverse gives back.
   */
  @Differentiable(wrt = "w")
  static double carried(double[][] x, double[] w) {
    int d = w.length;
    double[] h = new double[d];
    double s = 0;
    for (int n = 0; n < x.length; n++) {
      for (int i = 0; i < d; i++) {
        s += h[i] * w[i];
      }
      for (int i = 0; i < d; i++) {
        h[i] = Math.tanh(x[n][i] * w[i]);
      }
    }
    return s;
  }

  @Test
  void lossMatchesItsFormula() {
    double[][] x = {{0.5, -1.0, 0.25}, {1.5, 0.0, -0.75}};
    double[] mu = {0.2, -0.4, 0.1};
    double[] q = {-0.5, 0.3, -1.2};
    double value = 0;
    double[] dMu = new double[3];
    double[] dQ = new double[3];
    for (double[] p : x) {
      for (int i = 0; i < 3; i++) {
        double c = p[i] - mu[i];
        double e = Math.exp(q[i] * c * c);
        value += e;
        dMu[i] += e * q[i] * 2 * c * -1;
        dQ[i] += e * c * c;
      }
    }
    int tape = DoubleTape.forThisThread().size();
    var r = WholeArraySavesTestGradients.loss(x, mu, q);
    assertEquals(tape, DoubleTape.forThisThread().size());
    assertEquals(value, r.value(), 1e-14);
    assertArrayEquals(dMu, r.dMu(), 1e-14);
    assertArrayEquals(dQ, r.dQ(), 1e-14);
    GradientCheck.of(p -> WholeArraySavesTestGradients.loss(
            x, new double[] {p[0], p[1], p[2]}, new double[] {p[3], p[4], p[5]}))
        .assertAt(0.2, -0.4, 0.1, -0.5, 0.3, -1.2);
  }

  @Test
  void carriedStateMatchesItsFormula() {
    double[][] x = {{0.5, -1.0}, {1.5, 0.25}, {-0.5, 2.0}};
    double[] w = {0.7, -0.3};
    // s = sum_{n >= 1} sum_i h_{n-1,i} w_i with h_{n,i} = tanh(x_ni w_i)
    double value = 0;
    double[] dW = new double[2];
    for (int n = 1; n < x.length; n++) {
      for (int i = 0; i < 2; i++) {
        double h = Math.tanh(x[n - 1][i] * w[i]);
        value += h * w[i];
        dW[i] += h + w[i] * (1 - h * h) * x[n - 1][i];
      }
    }
    var r = WholeArraySavesTestGradients.carried(x, w);
    assertEquals(value, r.value(), 1e-14);
    assertArrayEquals(dW, r.gradient(), 1e-14);
    GradientCheck.of(p -> WholeArraySavesTestGradients.carried(x, p)).assertAt(0.7, -0.3);
  }
}
