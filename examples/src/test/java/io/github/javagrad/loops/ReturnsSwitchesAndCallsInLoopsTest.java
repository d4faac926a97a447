package io.github.javagrad.loops;

import static io.github.javagrad.loops.Checks.assertClose;
import static io.github.javagrad.loops.Checks.filled;
import static io.github.javagrad.loops.Checks.matrix;
import static io.github.javagrad.loops.Checks.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.javagrad.Differentiable;
import io.github.javagrad.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * Constructs that became supported while loops landed, inside loops: return from a loop (also
 * from an inner one, and twice in one body), switch statements and expressions, arrays passed to
 * differentiable calls (parameters, local arrays changed after the call, rows of a matrix, the same
 * array twice), and assignments and increments used as values.
 */
class ReturnsSwitchesAndCallsInLoopsTest {

  /** s = s w + x_i until s > 3, then s^2; s if it never gets there. */
  @Differentiable
  static double returnFromLoop(double[] x, double w) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s = s * w + x[i];
      if (s > 3) {
        return s * s;
      }
    }
    return s;
  }

  /** Two returns in one body. */
  @Differentiable
  static double twoReturns(double[] x, double w) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] < 0) {
        return -s;
      }
      s = s * w + x[i];
      if (s > 3) {
        return s * s;
      }
    }
    return s;
  }

  /** Return from an inner loop. */
  @Differentiable
  static double returnFromInnerLoop(double[] x, double w) {
    double s = 1;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x.length; j++) {
        s = s * w + x[i] * x[j];
        if (s > 10) {
          return s + x[i];
        }
      }
      s = Math.sin(s);
    }
    return -s;
  }

  /** while (true) left only by a return. */
  @Differentiable
  static double returnFromWhileTrue(double x) {
    double s = x;
    while (true) {
      s = s * 1.5 + 0.1;
      if (s > 4) {
        return s * x;
      }
    }
  }

  /** A switch statement on the index, with break and default. */
  @Differentiable
  static double switchStatement(double[] x, double w) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      switch (i % 3) {
        case 0:
          s = s * w + x[i];
          break;
        case 1:
          s = Math.sin(s) + x[i] * x[i];
          break;
        default:
          s = s - w * x[i];
      }
    }
    return s;
  }

  /** A switch expression on the index. */
  @Differentiable
  static double switchExpression(double[] x, double w) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += switch (i % 3) {
        case 0 -> x[i] * w;
        case 1 -> s * x[i];
        default -> Math.exp(x[i]);
      };
    }
    return s;
  }

  /** sum_i e_i^2 w. */
  @Differentiable
  static double weightedSquares(double[] v, double w) {
    double s = 0;
    for (double e : v) {
      s += e * e * w;
    }
    return s;
  }

  /** a . b. */
  @Differentiable
  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** The same array for both parameters of the callee. */
  @Differentiable
  static double selfDot(double[] x) {
    return dot(x, x);
  }

  /** A local array passed to a call, then changed: the callee's pullback must see the old one. */
  @Differentiable
  static double localChangedAfterCall(double[] x, double w) {
    double[] a = x.clone();
    for (int i = 0; i < a.length; i++) {
      a[i] = a[i] * w;
    }
    double s = weightedSquares(a, w);
    a[0] = 5 * w;
    return s + weightedSquares(a, 1);
  }

  /** Rows of a matrix passed to a call in a loop. */
  @Differentiable
  static double rowsToCall(double[][] m, double w) {
    double s = 0;
    for (int i = 0; i < m.length; i++) {
      s += dot(m[i], m[i]) * w;
    }
    return s;
  }

  /** A call on a local array that the loop keeps updating in place. */
  @Differentiable
  static double callsBetweenInPlaceUpdates(double[] x, double w) {
    double[] a = x.clone();
    double s = 0;
    for (int k = 0; k < 3; k++) {
      s += dot(a, x) * w;
      for (int i = 0; i < a.length; i++) {
        a[i] = a[i] * a[i] * w;
      }
    }
    return s;
  }

  /** x[i++] as the loop's only index update. */
  @Differentiable
  static double postIncrementIndex(double[] x) {
    double s = 0;
    int i = 0;
    while (i < x.length) {
      s = s * 0.5 + x[i++] * 2;
    }
    return s;
  }

  /** while ((n -= 1) > 0): the condition updates the counter. */
  @Differentiable
  static double updateInCondition(double x, int n) {
    double s = x;
    while ((n -= 1) > 0) {
      s = s * Math.sin(s) + x;
    }
    return s;
  }

  /** a = b = a x_i + 1: a chained assignment in a loop. */
  @Differentiable
  static double chainedAssignment(double[] x) {
    double a = 0;
    double b = 0;
    for (int i = 0; i < x.length; i++) {
      a = b = a * x[i] + 1;
    }
    return a + b;
  }

  // ------------------------------------------------------------------ tests

  @Test
  void returnFromALoop() {
    double[] x = {1, 0.5, 2, 4};
    double w = 1.5;
    // s = 1, 2, 5 > 3: returns 25 with s = (x0 w + x1) w + x2.
    ReturnsSwitchesAndCallsInLoopsTestGradients.ReturnFromLoop g =
        ReturnsSwitchesAndCallsInLoopsTestGradients.returnFromLoop(x, w);
    assertEquals(25, g.value(), 0.0);
    double s = 5;
    assertClose(new double[] {2 * s * w * w, 2 * s * w, 2 * s, 0}, g.dX(), 1e-15, "dX");
    assertEquals(2 * s * (2 * x[0] * w + x[1]), g.dW(), 1e-14);
    GradientCheck.of(
            p -> ReturnsSwitchesAndCallsInLoopsTestGradients.returnFromLoop(slice(p, 0, 5), p[5]))
        .assertAtRandomPoints(20, filled(6, 0), filled(6, 1.5), 1L);
  }

  @Test
  void twoReturnsInOneBody() {
    // x = {1, 2, -1}, w = 1: s = 1, 3, then x2 < 0 returns -s = -(x0 w + x1).
    ReturnsSwitchesAndCallsInLoopsTestGradients.TwoReturns g =
        ReturnsSwitchesAndCallsInLoopsTestGradients.twoReturns(new double[] {1, 2, -1}, 1);
    assertEquals(-3, g.value(), 0.0);
    assertClose(new double[] {-1, -1, 0}, g.dX(), 0, "dX");
    assertEquals(-1, g.dW(), 0.0);
    GradientCheck.of(
            p -> ReturnsSwitchesAndCallsInLoopsTestGradients.twoReturns(slice(p, 0, 5), p[5]))
        .assertAtRandomPoints(20, filled(6, -0.3), filled(6, 1.5), 2L);
  }

  @Test
  void returnFromAnInnerLoop() {
    double[] x = {1.5, 2, 0.5};
    double w = 1.2;
    // Forward mode by hand over (x_0..x_2, w).
    int n = x.length;
    double s = 1;
    double[] ds = new double[n + 1];
    double value = Double.NaN;
    double[] expected = null;
    outer:
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        for (int q = 0; q <= n; q++) {
          ds[q] *= w;
        }
        ds[n] += s;
        ds[i] += x[j];
        ds[j] += x[i];
        s = s * w + x[i] * x[j];
        if (s > 10) {
          value = s + x[i];
          expected = ds.clone();
          expected[i] += 1;
          break outer;
        }
      }
      for (int q = 0; q <= n; q++) {
        ds[q] *= Math.cos(s);
      }
      s = Math.sin(s);
    }
    ReturnsSwitchesAndCallsInLoopsTestGradients.ReturnFromInnerLoop g =
        ReturnsSwitchesAndCallsInLoopsTestGradients.returnFromInnerLoop(x, w);
    assertEquals(value, g.value(), 0.0);
    assertClose(expected, g.gradient(), 1e-14, "gradient");
    GradientCheck.of(
            p -> ReturnsSwitchesAndCallsInLoopsTestGradients.returnFromInnerLoop(slice(p, 0, 3), p[3]))
        .assertAtRandomPoints(20, filled(4, 0), filled(4, 2), 3L);
  }

  @Test
  void returnFromWhileTrue() {
    // 1 -> 1.6 -> 2.5 -> 3.85 -> 5.875 > 4: s = 1.5^4 x + 0.1 (1 + 1.5 + 2.25 + 3.375)
    ReturnsSwitchesAndCallsInLoopsTestGradients.ReturnFromWhileTrue g =
        ReturnsSwitchesAndCallsInLoopsTestGradients.returnFromWhileTrue(1);
    double s = 5.0625 + 0.1 * 8.125;
    assertEquals(s * 1, g.value(), 1e-14);
    assertEquals(s + 5.0625, g.dX(), 1e-14);
    GradientCheck.of(p -> ReturnsSwitchesAndCallsInLoopsTestGradients.returnFromWhileTrue(p[0]))
        .parameterNames("x")
        .assertAtRandomPoints(20, 0.1, 3, 4L);
  }

  @Test
  void switchStatementInALoop() {
    double[] x = {0.5, -1, 2, 0.25};
    double w = 1.5;
    // Forward mode by hand over (x_0..x_3, w).
    int n = x.length;
    double s = 0;
    double[] ds = new double[n + 1];
    for (int i = 0; i < n; i++) {
      if (i % 3 == 0) {
        for (int q = 0; q <= n; q++) {
          ds[q] *= w;
        }
        ds[n] += s;
        ds[i] += 1;
        s = s * w + x[i];
      } else if (i % 3 == 1) {
        for (int q = 0; q <= n; q++) {
          ds[q] *= Math.cos(s);
        }
        ds[i] += 2 * x[i];
        s = Math.sin(s) + x[i] * x[i];
      } else {
        ds[n] -= x[i];
        ds[i] -= w;
        s = s - w * x[i];
      }
    }
    ReturnsSwitchesAndCallsInLoopsTestGradients.SwitchStatement g =
        ReturnsSwitchesAndCallsInLoopsTestGradients.switchStatement(x, w);
    assertEquals(s, g.value(), 0.0);
    assertClose(ds, g.gradient(), 1e-15, "gradient");
    GradientCheck.of(
            p -> ReturnsSwitchesAndCallsInLoopsTestGradients.switchStatement(slice(p, 0, 5), p[5]))
        .assertAtRandomPoints(20, filled(6, -1), filled(6, 1), 5L);
  }

  @Test
  void switchExpressionInALoop() {
    double[] x = {0.5, -1, 2};
    double w = 1.5;
    // s0 = x0 w; s1 = s0 + s0 x1 = s0 (1 + x1); s2 = s1 + e^x2.
    ReturnsSwitchesAndCallsInLoopsTestGradients.SwitchExpression g =
        ReturnsSwitchesAndCallsInLoopsTestGradients.switchExpression(x, w);
    double s0 = x[0] * w;
    assertEquals(s0 * (1 + x[1]) + Math.exp(2), g.value(), 1e-15);
    assertClose(
        new double[] {w * (1 + x[1]), s0, Math.exp(2)}, g.dX(), 1e-15, "dX");
    assertEquals(x[0] * (1 + x[1]), g.dW(), 1e-15);
    GradientCheck.of(
            p -> ReturnsSwitchesAndCallsInLoopsTestGradients.switchExpression(slice(p, 0, 5), p[5]))
        .assertAtRandomPoints(20, filled(6, -1), filled(6, 1), 6L);
  }

  @Test
  void sameArrayForBothParametersOfACallee() {
    double[] x = {1, -2, 0.5};
    ReturnsSwitchesAndCallsInLoopsTestGradients.SelfDot g =
        ReturnsSwitchesAndCallsInLoopsTestGradients.selfDot(x);
    assertEquals(5.25, g.value(), 0.0);
    assertClose(new double[] {2, -4, 1}, g.dX(), 0, "dX");
    GradientCheck.of(p -> ReturnsSwitchesAndCallsInLoopsTestGradients.selfDot(p))
        .assertAtRandomPoints(10, filled(4, -2), filled(4, 2), 7L);
  }

  @Test
  void localArrayChangedAfterTheCall() {
    double[] x = {1, -2, 0.5};
    double w = 0.5;
    // s = w^3 sum x^2; then a = (5 w, x1 w, x2 w): + 25 w^2 + w^2 (x1^2 + x2^2).
    ReturnsSwitchesAndCallsInLoopsTestGradients.LocalChangedAfterCall g =
        ReturnsSwitchesAndCallsInLoopsTestGradients.localChangedAfterCall(x, w);
    double sq = 1 + 4 + 0.25;
    double tail = 4 + 0.25;
    assertEquals(w * w * w * sq + 25 * w * w + w * w * tail, g.value(), 1e-15);
    assertClose(
        new double[] {2 * w * w * w * 1, 2 * w * w * w * -2 + 2 * w * w * -2,
            2 * w * w * w * 0.5 + 2 * w * w * 0.5},
        g.dX(), 1e-15, "dX");
    assertEquals(3 * w * w * sq + 50 * w + 2 * w * tail, g.dW(), 1e-14);
    GradientCheck.of(
            p ->
                ReturnsSwitchesAndCallsInLoopsTestGradients.localChangedAfterCall(
                    slice(p, 0, 3), p[3]))
        .assertAtRandomPoints(20, filled(4, -1.5), filled(4, 1.5), 8L);
  }

  @Test
  void rowsOfAMatrixPassedToACall() {
    double[][] m = {{1, 2}, {-0.5, 3}};
    double w = 0.25;
    ReturnsSwitchesAndCallsInLoopsTestGradients.RowsToCall g =
        ReturnsSwitchesAndCallsInLoopsTestGradients.rowsToCall(m, w);
    assertEquals((1 + 4 + 0.25 + 9) * w, g.value(), 0.0);
    assertClose(new double[][] {{2 * w, 4 * w}, {-w, 6 * w}}, g.dM(), 0, "dM");
    assertEquals(14.25, g.dW(), 0.0);
    GradientCheck.of(
            p -> ReturnsSwitchesAndCallsInLoopsTestGradients.rowsToCall(matrix(p, 0, 2, 3), p[6]))
        .assertAtRandomPoints(10, filled(7, -2), filled(7, 2), 9L);
  }

  @Test
  void callsBetweenInPlaceUpdates() {
    double[] x = {0.5, -1, 1.5};
    double w = 0.8;
    // a^(0) = x, a^(k+1) = w (a^(k))^2; s = w sum_k a^(k) . x. Forward mode by hand.
    int n = x.length;
    double s = 0;
    double[] ds = new double[n + 1];
    double[] a = x.clone();
    double[][] da = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      da[i][i] = 1;
    }
    for (int k = 0; k < 3; k++) {
      double dot = 0;
      for (int i = 0; i < n; i++) {
        dot += a[i] * x[i];
        for (int q = 0; q <= n; q++) {
          ds[q] += w * da[i][q] * x[i];
        }
        ds[i] += w * a[i];
      }
      ds[n] += dot;
      s += dot * w;
      for (int i = 0; i < n; i++) {
        for (int q = 0; q <= n; q++) {
          da[i][q] *= 2 * a[i] * w;
        }
        da[i][n] += a[i] * a[i];
        a[i] = a[i] * a[i] * w;
      }
    }
    ReturnsSwitchesAndCallsInLoopsTestGradients.CallsBetweenInPlaceUpdates g =
        ReturnsSwitchesAndCallsInLoopsTestGradients.callsBetweenInPlaceUpdates(x, w);
    assertEquals(s, g.value(), 1e-15);
    assertClose(ds, g.gradient(), 1e-14, "gradient");
    GradientCheck.of(
            p ->
                ReturnsSwitchesAndCallsInLoopsTestGradients.callsBetweenInPlaceUpdates(
                    slice(p, 0, 3), p[3]))
        .assertAtRandomPoints(20, filled(4, -1.2), filled(4, 1.2), 10L);
  }

  @Test
  void postIncrementAsTheIndex() {
    double[] x = {1, 2, 3};
    // s = ((2 x0) 0.5 + 2 x1) 0.5 + 2 x2
    ReturnsSwitchesAndCallsInLoopsTestGradients.PostIncrementIndex g =
        ReturnsSwitchesAndCallsInLoopsTestGradients.postIncrementIndex(x);
    assertEquals(0.5 + 2 + 6, g.value(), 0.0);
    assertClose(new double[] {0.5, 1, 2}, g.dX(), 0, "dX");
    GradientCheck.of(p -> ReturnsSwitchesAndCallsInLoopsTestGradients.postIncrementIndex(p))
        .assertAtRandomPoints(10, filled(4, -2), filled(4, 2), 11L);
  }

  @Test
  void counterUpdatedInTheCondition() {
    for (int n : new int[] {0, 1, 2, 5}) {
      double x = 0.7;
      double s = x;
      double ds = 1;
      for (int k = 1; k < n; k++) {
        ds = ds * (Math.sin(s) + s * Math.cos(s)) + 1;
        s = s * Math.sin(s) + x;
      }
      ReturnsSwitchesAndCallsInLoopsTestGradients.UpdateInCondition g =
          ReturnsSwitchesAndCallsInLoopsTestGradients.updateInCondition(x, n);
      assertEquals(s, g.value(), 0.0, "n = " + n);
      assertClose(ds, g.dX(), 1e-14, "dX, n = " + n);
    }
    GradientCheck.of(p -> ReturnsSwitchesAndCallsInLoopsTestGradients.updateInCondition(p[0], 6))
        .parameterNames("x")
        .assertAtRandomPoints(10, -1, 1, 12L);
  }

  @Test
  void chainedAssignmentInALoop() {
    double[] x = {0.5, 2, -1};
    // a = ((0 x0 + 1) x1 + 1) x2 + 1 = b (x0 multiplies 0); value 2a.
    ReturnsSwitchesAndCallsInLoopsTestGradients.ChainedAssignment g =
        ReturnsSwitchesAndCallsInLoopsTestGradients.chainedAssignment(x);
    double a2 = x[1] + 1;
    assertEquals(2 * (a2 * x[2] + 1), g.value(), 0.0);
    assertClose(new double[] {0, 2 * x[2], 2 * a2}, g.dX(), 0, "dX");
    GradientCheck.of(p -> ReturnsSwitchesAndCallsInLoopsTestGradients.chainedAssignment(p))
        .assertAtRandomPoints(10, filled(4, -2), filled(4, 2), 13L);
  }
}
