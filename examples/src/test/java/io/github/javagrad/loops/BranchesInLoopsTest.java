package io.github.javagrad.loops;

import static io.github.javagrad.loops.Checks.assertClose;
import static io.github.javagrad.loops.Checks.filled;
import static io.github.javagrad.loops.Checks.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.javagrad.Differentiable;
import io.github.javagrad.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * if/else and the conditional operator inside loops: conditions on read-only data (re-decidable
 * in reverse), on the loop-carried value (overwritten, so the outcome must be remembered), on the
 * index, on an int counter that changes after the test, and on array elements overwritten later.
 */
class BranchesInLoopsTest {

  /** sum of x^2 for x > 0 and -x otherwise, with the conditional operator. */
  @Differentiable
  static double piecewiseSum(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] > 0 ? x[i] * x[i] : -x[i];
    }
    return s;
  }

  /** Halve s while it is above 1, else square it and add x: the condition reads s itself. */
  @Differentiable
  static double branchOnCarriedValue(double x, int n) {
    double s = x;
    for (int i = 0; i < n; i++) {
      if (s > 1) {
        s = s * 0.5;
      } else {
        s = s * s + x;
      }
    }
    return s;
  }

  /** Multiply on even iterations, add a sine on odd ones. */
  @Differentiable
  static double branchOnIndexParity(double x, double w, int n) {
    double s = x;
    for (int i = 0; i < n; i++) {
      if (i % 2 == 0) {
        s = s * w;
      } else {
        s = s + Math.sin(s);
      }
    }
    return s;
  }

  /** The counter changes before the test that reads it, in a while loop. */
  @Differentiable
  static double branchOnCounterAfterIncrement(double x, int n) {
    int k = 0;
    double s = x;
    while (k < n) {
      k++;
      if (k % 3 == 0) {
        s = s * x;
      } else {
        s = s + Math.sin(s);
      }
    }
    return s;
  }

  /** The test reads s, which the same iteration overwrites afterwards (linearly). */
  @Differentiable
  static double conditionReadsLaterOverwrittenValue(double x, int n) {
    double s = x;
    double t = 0;
    for (int i = 0; i < n; i++) {
      if (s > 1) {
        t = t + s * s;
      } else {
        t = t * x;
      }
      s = s * 0.7 + 0.5;
    }
    return t;
  }

  /** Nested conditionals in a loop. */
  @Differentiable
  static double nestedConditionals(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] > 0.5 ? (x[i] > 0.8 ? x[i] * x[i] : Math.sqrt(x[i])) : -x[i] * s;
    }
    return s;
  }

  /** Running maximum with its index; the gradient flows to the arg max only. */
  @Differentiable
  static double argMaxTimesWeight(double[] x, double[] w) {
    double best = x[0];
    int at = 0;
    for (int i = 1; i < x.length; i++) {
      if (x[i] > best) {
        best = x[i];
        at = i;
      }
    }
    return best * w[at];
  }

  /** A ReLU layer with Math.max and an L1 penalty with Math.abs. */
  @Differentiable
  static double reluWithPenalty(double[] x, double[] w, double b) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += Math.max(0, w[i] * x[i] + b) + 0.1 * Math.abs(w[i]);
    }
    return s;
  }

  /** if without else that writes an element of a local array conditionally, several passes. */
  @Differentiable
  static double conditionalInPlace(double[] x) {
    double[] a = x.clone();
    for (int k = 0; k < 4; k++) {
      for (int i = 0; i < a.length; i++) {
        if (a[i] > 0.5) {
          a[i] = a[i] * 0.5;
        } else {
          a[i] = a[i] * a[i] + 0.3;
        }
      }
    }
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i];
    }
    return s;
  }

  // ------------------------------------------------------------------ tests

  @Test
  void conditionalOperatorOnReadOnlyData() {
    double[] x = {1.5, -2, 0.5, -0.25};
    BranchesInLoopsTestGradients.PiecewiseSum g = BranchesInLoopsTestGradients.piecewiseSum(x);
    assertEquals(2.25 + 2 + 0.25 + 0.25, g.value(), 0.0);
    assertClose(new double[] {3, -1, 1, -1}, g.dX(), 0, "dX");
    GradientCheck.of(p -> BranchesInLoopsTestGradients.piecewiseSum(p))
        .assertAtRandomPoints(20, filled(5, -2), filled(5, 2), 1L);
  }

  @Test
  void conditionOnTheLoopCarriedValue() {
    for (double x : new double[] {0.3, 0.9, 1.7, 3.1}) {
      for (int n : new int[] {0, 1, 4, 9}) {
        double s = x;
        double ds = 1;
        for (int i = 0; i < n; i++) {
          if (s > 1) {
            ds = 0.5 * ds;
            s = s * 0.5;
          } else {
            ds = 2 * s * ds + 1;
            s = s * s + x;
          }
        }
        BranchesInLoopsTestGradients.BranchOnCarriedValue g =
            BranchesInLoopsTestGradients.branchOnCarriedValue(x, n);
        assertEquals(s, g.value(), 0.0);
        assertClose(ds, g.dX(), 1e-14, "x = " + x + ", n = " + n);
      }
    }
    GradientCheck.of(p -> BranchesInLoopsTestGradients.branchOnCarriedValue(p[0], 6))
        .parameterNames("x")
        .assertAtRandomPoints(30, 0.05, 3, 2L);
  }

  @Test
  void conditionOnTheIndex() {
    double x = 0.7;
    double w = 1.3;
    int n = 5;
    double s = x;
    double dX = 1;
    double dW = 0;
    for (int i = 0; i < n; i++) {
      if (i % 2 == 0) {
        dX *= w;
        dW = dW * w + s;
        s = s * w;
      } else {
        double c = 1 + Math.cos(s);
        dX *= c;
        dW *= c;
        s = s + Math.sin(s);
      }
    }
    BranchesInLoopsTestGradients.BranchOnIndexParity g =
        BranchesInLoopsTestGradients.branchOnIndexParity(x, w, n);
    assertEquals(s, g.value(), 0.0);
    assertClose(dX, g.dX(), 1e-14, "dX");
    assertClose(dW, g.dW(), 1e-14, "dW");
    GradientCheck.of(p -> BranchesInLoopsTestGradients.branchOnIndexParity(p[0], p[1], 7))
        .parameterNames("x", "w")
        .assertAtRandomPoints(20, -1.5, 1.5, 3L);
  }

  @Test
  void conditionOnACounterIncrementedBeforeTheTest() {
    double x = 0.6;
    int n = 7;
    double s = x;
    double ds = 1;
    for (int k = 1; k <= n; k++) {
      if (k % 3 == 0) {
        ds = ds * x + s;
        s = s * x;
      } else {
        ds = ds * (1 + Math.cos(s));
        s = s + Math.sin(s);
      }
    }
    BranchesInLoopsTestGradients.BranchOnCounterAfterIncrement g =
        BranchesInLoopsTestGradients.branchOnCounterAfterIncrement(x, n);
    assertEquals(s, g.value(), 0.0);
    assertClose(ds, g.dX(), 1e-14, "dX");
    GradientCheck.of(p -> BranchesInLoopsTestGradients.branchOnCounterAfterIncrement(p[0], 8))
        .parameterNames("x")
        .assertAtRandomPoints(20, -1, 1, 4L);
  }

  @Test
  void conditionOnAValueOverwrittenLaterInTheIteration() {
    for (double x : new double[] {0.2, 1.5, 2.9}) {
      int n = 6;
      double s = x;
      double ds = 1;
      double t = 0;
      double dt = 0;
      for (int i = 0; i < n; i++) {
        if (s > 1) {
          dt = dt + 2 * s * ds;
          t = t + s * s;
        } else {
          dt = dt * x + t;
          t = t * x;
        }
        ds = 0.7 * ds;
        s = s * 0.7 + 0.5;
      }
      BranchesInLoopsTestGradients.ConditionReadsLaterOverwrittenValue g =
          BranchesInLoopsTestGradients.conditionReadsLaterOverwrittenValue(x, n);
      assertEquals(t, g.value(), 0.0);
      assertClose(dt, g.dX(), 1e-14, "x = " + x);
    }
    GradientCheck.of(p -> BranchesInLoopsTestGradients.conditionReadsLaterOverwrittenValue(p[0], 6))
        .parameterNames("x")
        .assertAtRandomPoints(30, 0, 3, 5L);
  }

  @Test
  void nestedConditionalOperators() {
    double[] x = {0.9, 0.6, 0.2, 0.85};
    double s = 0;
    double[] ds = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      if (x[i] > 0.5) {
        if (x[i] > 0.8) {
          ds[i] += 2 * x[i];
          s += x[i] * x[i];
        } else {
          ds[i] += 0.5 / Math.sqrt(x[i]);
          s += Math.sqrt(x[i]);
        }
      } else {
        // s += -x_i s  =>  s' = s (1 - x_i)
        for (int j = 0; j < i; j++) {
          ds[j] *= 1 - x[i];
        }
        ds[i] += -s;
        s = s - x[i] * s;
      }
    }
    BranchesInLoopsTestGradients.NestedConditionals g =
        BranchesInLoopsTestGradients.nestedConditionals(x);
    assertEquals(s, g.value(), 1e-15);
    assertClose(ds, g.dX(), 1e-14, "dX");
    GradientCheck.of(p -> BranchesInLoopsTestGradients.nestedConditionals(p))
        .assertAtRandomPoints(20, filled(6, 0.01), filled(6, 1), 6L);
  }

  @Test
  void argMaxGetsTheWholeGradient() {
    double[] x = {0.5, 2.5, -1, 2};
    double[] w = {3, 0.25, 7, 1};
    BranchesInLoopsTestGradients.ArgMaxTimesWeight g =
        BranchesInLoopsTestGradients.argMaxTimesWeight(x, w);
    assertEquals(2.5 * 0.25, g.value(), 0.0);
    assertClose(new double[] {0, 0.25, 0, 0}, g.dX(), 0, "dX");
    assertClose(new double[] {0, 2.5, 0, 0}, g.dW(), 0, "dW");
    GradientCheck.of(p -> BranchesInLoopsTestGradients.argMaxTimesWeight(slice(p, 0, 4), slice(p, 4, 8)))
        .assertAtRandomPoints(20, filled(8, -2), filled(8, 2), 7L);
  }

  @Test
  void reluAndAbsInALoop() {
    double[] x = {1, -2, 0.5};
    double[] w = {0.5, 1.5, -3};
    double b = 0.25;
    // pre-activations: 0.75 (on), -2.75 (off), -1.25 (off)
    BranchesInLoopsTestGradients.ReluWithPenalty g =
        BranchesInLoopsTestGradients.reluWithPenalty(x, w, b);
    assertEquals(0.75 + 0.1 * 5, g.value(), 1e-15);
    assertClose(new double[] {0.5, 0, 0}, g.dX(), 0, "dX");
    assertClose(new double[] {1 + 0.1, 0.1, -0.1}, g.dW(), 1e-15, "dW");
    assertEquals(1.0, g.dB(), 0.0);
    GradientCheck.of(
            p ->
                BranchesInLoopsTestGradients.reluWithPenalty(slice(p, 0, 3), slice(p, 3, 6), p[6]))
        .assertAtRandomPoints(20, filled(7, -2), filled(7, 2), 8L);
  }

  @Test
  void conditionalUpdatesOfALocalArrayOverSeveralPasses() {
    double[] x = {0.3, 0.9, 1.7};
    double s = 0;
    double[] dX = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double a = x[i];
      double da = 1;
      for (int k = 0; k < 4; k++) {
        if (a > 0.5) {
          da *= 0.5;
          a = a * 0.5;
        } else {
          da *= 2 * a;
          a = a * a + 0.3;
        }
      }
      s += a;
      dX[i] = da;
    }
    BranchesInLoopsTestGradients.ConditionalInPlace g =
        BranchesInLoopsTestGradients.conditionalInPlace(x);
    assertEquals(s, g.value(), 1e-15);
    assertClose(dX, g.dX(), 1e-15, "dX");
    GradientCheck.of(p -> BranchesInLoopsTestGradients.conditionalInPlace(p))
        .assertAtRandomPoints(20, filled(4, 0.01), filled(4, 2), 9L);
  }
}
