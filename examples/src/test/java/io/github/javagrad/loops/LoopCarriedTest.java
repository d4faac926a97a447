package io.github.javagrad.loops;

import static io.github.javagrad.loops.Checks.assertClose;
import static io.github.javagrad.loops.Checks.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.javagrad.Differentiable;
import io.github.javagrad.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * Scalar recurrences {@code s_{k+1} = f(s_k)}: the loop-carried value is overwritten every
 * iteration, so the reverse sweep must get every earlier value back. Each gradient is compared
 * with a hand-derived formula (a closed form, or the chain rule carried forward by hand) and with
 * finite differences at random points.
 */
class LoopCarriedTest {

  // ------------------------------------------------------------------ the differentiated code

  /** s_{k+1} = a sin(s_k), n times. */
  @Differentiable
  static double sineMap(double x, double a, int n) {
    double s = x;
    for (int k = 0; k < n; k++) {
      s = a * Math.sin(s);
    }
    return s;
  }

  /** s_{k+1} = s_k exp(-r s_k), n times (the Ricker map). */
  @Differentiable
  static double ricker(double x, double r, int n) {
    double s = x;
    for (int k = 0; k < n; k++) {
      s = s * Math.exp(r - s);
    }
    return s;
  }

  /** prod_i (1 + t_i x). */
  @Differentiable
  static double product(double[] t, double x) {
    double p = 1;
    for (int i = 0; i < t.length; i++) {
      p *= 1 + t[i] * x;
    }
    return p;
  }

  /** x^n by repeated multiplication. */
  @Differentiable
  static double power(double x, int n) {
    double s = 1;
    for (int i = 0; i < n; i++) {
      s = s * x;
    }
    return s;
  }

  /** (u, v) rotated n times by theta; returns u_n + 2 v_n. Two coupled loop-carried values. */
  @Differentiable
  static double rotate(double u, double v, double theta, int n) {
    double c = Math.cos(theta);
    double s = Math.sin(theta);
    for (int k = 0; k < n; k++) {
      double next = u * c - v * s;
      v = u * s + v * c;
      u = next;
    }
    return u + 2 * v;
  }

  /** Newton's iteration for sqrt(a) from x, 30 steps: converges to sqrt(a) whatever x > 0. */
  @Differentiable
  static double newtonSqrt(double a, double x) {
    double s = x;
    int k = 0;
    while (k < 30) {
      s = 0.5 * (s + a / s);
      k++;
    }
    return s;
  }

  /** s_{k+1} = sin(s_k) / 2 + a, 100 000 steps: converges to the fixed point s* = sin(s*)/2 + a. */
  @Differentiable
  static double fixedPoint(double x, double a) {
    double s = x;
    for (int k = 0; k < 100_000; k++) {
      s = 0.5 * Math.sin(s) + a;
    }
    return s;
  }

  /** x_{k+1} = 0.9999999 x_k + 1e-7 y, ten million steps; linear, so nothing need be taped. */
  @Differentiable
  static double tenMillionSteps(double x, double y) {
    double s = x;
    for (int k = 0; k < 10_000_000; k++) {
      s = s * 0.9999999 + 1e-7 * y;
    }
    return s;
  }

  /**
   * Euler's method for the logistic equation s' = r s (1 - s) on [0, 1], a million steps: every
   * step's s is needed in reverse, so a million values are taped.
   */
  @Differentiable
  static double logisticEuler(double x, double r) {
    double s = x;
    for (int k = 0; k < 1_000_000; k++) {
      s = s + 1e-6 * r * s * (1 - s);
    }
    return s;
  }

  // ------------------------------------------------------------------ tests

  @Test
  void sineMapMatchesTheChainRuleCarriedForward() {
    double[][] points = {{0.3, 1.7}, {-1.2, 0.9}, {2.5, -1.3}};
    for (double[] p : points) {
      for (int n : new int[] {0, 1, 2, 7, 50}) {
        double x = p[0];
        double a = p[1];
        double s = x;
        double dSdX = 1;
        double dSdA = 0;
        for (int k = 0; k < n; k++) {
          double c = Math.cos(s);
          dSdA = Math.sin(s) + a * c * dSdA;
          dSdX = a * c * dSdX;
          s = a * Math.sin(s);
        }
        LoopCarriedTestGradients.SineMap g = LoopCarriedTestGradients.sineMap(x, a, n);
        assertEquals(s, g.value(), 0.0);
        assertClose(dSdX, g.dX(), 1e-12, "dX, n = " + n);
        assertClose(dSdA, g.dA(), 1e-12, "dA, n = " + n);
      }
    }
    // Two steps written out: d/dx a sin(a sin x) = a cos(a sin x) a cos x.
    double x = 0.4;
    double a = 1.3;
    LoopCarriedTestGradients.SineMap g = LoopCarriedTestGradients.sineMap(x, a, 2);
    assertEquals(a * Math.cos(a * Math.sin(x)) * a * Math.cos(x), g.dX(), 1e-15);
    assertEquals(
        Math.sin(a * Math.sin(x)) + a * Math.cos(a * Math.sin(x)) * Math.sin(x), g.dA(), 1e-15);
  }

  @Test
  void sineMapPassesGradientCheck() {
    for (int n : new int[] {1, 3, 20}) {
      GradientCheck.of(p -> LoopCarriedTestGradients.sineMap(p[0], p[1], n))
          .parameterNames("x", "a")
          .assertAtRandomPoints(15, -2, 2, 11L + n);
    }
  }

  @Test
  void rickerMapMatchesTheChainRuleAndGradientCheck() {
    for (int n : new int[] {1, 5, 12}) {
      double x = 0.7;
      double r = 1.4;
      double s = x;
      double dSdX = 1;
      double dSdR = 0;
      for (int k = 0; k < n; k++) {
        double e = Math.exp(r - s);
        // d(s e^(r - s)) = e (1 - s) ds + s e dr
        dSdR = e * (1 - s) * dSdR + s * e;
        dSdX = e * (1 - s) * dSdX;
        s = s * e;
      }
      LoopCarriedTestGradients.Ricker g = LoopCarriedTestGradients.ricker(x, r, n);
      assertEquals(s, g.value(), 0.0);
      assertClose(dSdX, g.dX(), 1e-12, "dX, n = " + n);
      assertClose(dSdR, g.dR(), 1e-12, "dR, n = " + n);
      GradientCheck.of(p -> LoopCarriedTestGradients.ricker(p[0], p[1], n))
          .parameterNames("x", "r")
          .assertAtRandomPoints(15, new double[] {0.1, 0.5}, new double[] {2, 1.8}, 5L + n);
    }
  }

  @Test
  void productHasTheLogarithmicDerivative() {
    double[] t = {0.5, -0.25, 2, 1.5};
    double x = 0.8;
    double p = 1;
    double sum = 0;
    for (double ti : t) {
      p *= 1 + ti * x;
      sum += ti / (1 + ti * x);
    }
    LoopCarriedTestGradients.Product g = LoopCarriedTestGradients.product(t, x);
    assertEquals(p, g.value(), 1e-15);
    double[] dT = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      dT[i] = p * x / (1 + t[i] * x);
    }
    assertClose(dT, g.dT(), 1e-14, "dT");
    assertClose(p * sum, g.dX(), 1e-14, "dX");
    GradientCheck.of(q -> LoopCarriedTestGradients.product(slice(q, 0, 4), q[4]))
        .parameterNames("t[0]", "t[1]", "t[2]", "t[3]", "x")
        .assertAtRandomPoints(20, -1.5, 1.5, 3L);
  }

  @Test
  void repeatedMultiplicationIsAPower() {
    for (int n = 0; n <= 9; n++) {
      LoopCarriedTestGradients.Power g = LoopCarriedTestGradients.power(1.25, n);
      assertEquals(Math.pow(1.25, n), g.value(), 1e-14);
      assertEquals(n == 0 ? 0 : n * Math.pow(1.25, n - 1), g.dX(), 1e-13, "n = " + n);
      int m = n;
      GradientCheck.of(p -> LoopCarriedTestGradients.power(p[0], m))
          .parameterNames("x")
          .assertAtRandomPoints(10, -1.5, 1.5, 17L);
    }
    // A negative count runs no iteration.
    assertEquals(0.0, LoopCarriedTestGradients.power(3, -4).dX(), 0.0);
    assertEquals(1.0, LoopCarriedTestGradients.power(3, -4).value(), 0.0);
  }

  @Test
  void coupledRotationMatchesTheClosedForm() {
    double u = 0.6;
    double v = -1.1;
    double theta = 0.37;
    for (int n : new int[] {0, 1, 4, 25}) {
      double c = Math.cos(n * theta);
      double s = Math.sin(n * theta);
      // u_n = u c - v s, v_n = u s + v c; result u_n + 2 v_n.
      LoopCarriedTestGradients.Rotate g = LoopCarriedTestGradients.rotate(u, v, theta, n);
      assertClose(u * c - v * s + 2 * (u * s + v * c), g.value(), 1e-13, "value");
      assertClose(c + 2 * s, g.dU(), 1e-13, "dU");
      assertClose(-s + 2 * c, g.dV(), 1e-13, "dV");
      double dTheta = n * ((-u * s - v * c) + 2 * (u * c - v * s));
      assertClose(dTheta, g.dTheta(), 1e-12, "dTheta, n = " + n);
      GradientCheck.of(p -> LoopCarriedTestGradients.rotate(p[0], p[1], p[2], n))
          .parameterNames("u", "v", "theta")
          .assertAtRandomPoints(10, -2, 2, 23L + n);
    }
  }

  @Test
  void newtonsIterationHasTheDerivativeOfTheSquareRoot() {
    for (double a : new double[] {0.5, 2, 10}) {
      LoopCarriedTestGradients.NewtonSqrt g = LoopCarriedTestGradients.newtonSqrt(a, 1.0);
      assertEquals(Math.sqrt(a), g.value(), 1e-15);
      // At the fixed point the iteration map has slope 0 in s, so the start does not matter...
      assertEquals(0.0, g.dX(), 1e-14);
      // ...and d sqrt(a) / da = 1 / (2 sqrt(a)).
      assertEquals(0.5 / Math.sqrt(a), g.dA(), 1e-14);
    }
    GradientCheck.of(p -> LoopCarriedTestGradients.newtonSqrt(p[0], p[1]))
        .parameterNames("a", "x")
        .assertAtRandomPoints(15, new double[] {0.2, 0.5}, new double[] {5, 3}, 31L);
  }

  @Test
  void aHundredThousandStepsReachTheFixedPointWithTheImplicitFunctionDerivative() {
    for (double a : new double[] {-0.7, 0.1, 1.3}) {
      LoopCarriedTestGradients.FixedPoint g = LoopCarriedTestGradients.fixedPoint(2.0, a);
      double s = g.value();
      assertEquals(0.5 * Math.sin(s) + a, s, 1e-15, "a fixed point");
      // s* = sin(s*)/2 + a  =>  ds*/da = 1 / (1 - cos(s*)/2); the start is forgotten (0.5^100000).
      assertEquals(1 / (1 - 0.5 * Math.cos(s)), g.dA(), 1e-14);
      assertEquals(0.0, g.dX(), 0.0);
    }
    GradientCheck.of(p -> LoopCarriedTestGradients.fixedPoint(p[0], p[1]))
        .parameterNames("x", "a")
        .assertAtRandomPoints(3, -2, 2, 37L);
  }

  @Test
  void tenMillionStepsOfALinearRecurrence() {
    double c = 0.9999999;
    double cn = Math.pow(c, 10_000_000); // about 1/e
    double x = 0.25;
    double y = 3;
    LoopCarriedTestGradients.TenMillionSteps g = LoopCarriedTestGradients.tenMillionSteps(x, y);
    // s_n = c^n x + 1e-7 y (1 - c^n) / (1 - c)
    double gain = 1e-7 * (1 - cn) / (1 - c);
    assertClose(cn * x + gain * y, g.value(), 1e-8, "value");
    assertClose(cn, g.dX(), 1e-8, "dX");
    assertClose(gain, g.dY(), 1e-8, "dY");
    // The value is linear in x and y, so a large step has no truncation error; the automatic step
    // (6e-6) would drown in the rounding of ten million additions.
    GradientCheck.of(p -> LoopCarriedTestGradients.tenMillionSteps(p[0], p[1]))
        .parameterNames("x", "y")
        .step(0.25)
        .assertAtRandomPoints(2, -3, 3, 41L);
  }

  @Test
  void aMillionTapedStepsOfEulersMethod() {
    double x = 0.2;
    double r = 1.5;
    LoopCarriedTestGradients.LogisticEuler g = LoopCarriedTestGradients.logisticEuler(x, r);
    // Exact solution at t = 1: s = x e^r / (1 - x + x e^r); Euler with h = 1e-6 is within ~1e-6.
    double e = Math.exp(r);
    double d = 1 - x + x * e;
    double s = x * e / d;
    assertClose(s, g.value(), 1e-5, "value");
    assertClose(e / (d * d), g.dX(), 1e-5, "dX");
    assertClose(s * (1 - s), g.dR(), 1e-5, "dR");
    GradientCheck.of(p -> LoopCarriedTestGradients.logisticEuler(p[0], p[1]))
        .parameterNames("x", "r")
        .assertAtRandomPoints(1, new double[] {0.1, 0.5}, new double[] {0.9, 2}, 43L);
  }
}
