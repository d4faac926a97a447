package io.github.javagrad.loops;

import static io.github.javagrad.loops.Checks.assertClose;
import static io.github.javagrad.loops.Checks.filled;
import static io.github.javagrad.loops.Checks.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.javagrad.Differentiable;
import io.github.javagrad.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * break and continue at the top of the body, after writes, in else branches, in nested ifs, in
 * inner loops, in while, do-while and enhanced for loops, several in one body, and labelled.
 */
class BreakContinueTest {

  /** Sum of squares of the elements before the first negative one. */
  @Differentiable
  static double breakFirst(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] < 0) {
        break;
      }
      s += x[i] * x[i];
    }
    return s;
  }

  /** s = s w + x_i until s exceeds limit; the iteration that exceeds it has written s. */
  @Differentiable
  static double breakAfterWrite(double[] x, double w, double limit) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s = s * w + x[i];
      if (s > limit) {
        break;
      }
    }
    return s;
  }

  /** Break in the else branch, after a write in that branch. */
  @Differentiable
  static double breakInElse(double[] x, double w) {
    double s = 1;
    for (int i = 0; i < x.length; i++) {
      if (x[i] > 0) {
        s = s * x[i];
      } else {
        s = s + w * x[i];
        break;
      }
    }
    return s;
  }

  /** Skips negative elements; s = s w + x_i^2 for the others. */
  @Differentiable
  static double continueFirst(double[] x, double w) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] < 0) {
        continue;
      }
      s = s * w + x[i] * x[i];
    }
    return s;
  }

  /** Adds every element, then scales by w only after non-negative ones. */
  @Differentiable
  static double continueAfterWrite(double[] x, double w) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i];
      if (x[i] < 0) {
        continue;
      }
      s *= w;
    }
    return s;
  }

  /** Break out of the inner loop only: each row is summed up to its first negative element. */
  @Differentiable
  static double breakInner(double[][] m, double w) {
    double s = 0;
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[i].length; j++) {
        if (m[i][j] < 0) {
          break;
        }
        s = s + m[i][j] * w;
      }
      s = s * w;
    }
    return s;
  }

  /** Continue in the inner loop, break in the outer one. */
  @Differentiable
  static double continueInnerBreakOuter(double[][] m, double limit) {
    double s = 0;
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[i].length; j++) {
        if (j == i) {
          continue;
        }
        s += m[i][j] * m[j][i];
      }
      if (s > limit) {
        break;
      }
    }
    return s;
  }

  /** while (true) with the only exit a break. */
  @Differentiable
  static double whileTrue(double x) {
    double s = x;
    while (true) {
      if (s > 10) {
        break;
      }
      s = s * s + 1;
    }
    return s;
  }

  /** do-while with a continue (which jumps to the condition) and a break. */
  @Differentiable
  static double doWhileJumps(double x, int n) {
    double s = x;
    int k = 0;
    do {
      k++;
      if (k % 3 == 0) {
        continue;
      }
      s = Math.sin(s) + x;
      if (k > 20) {
        break;
      }
    } while (k < n);
    return s;
  }

  /** A while loop with both, the counter moved before the continue. */
  @Differentiable
  static double whileBoth(double[] a, double x) {
    int i = 0;
    double s = 1;
    while (i < a.length) {
      double v = a[i] * x;
      i++;
      if (v < 0.2) {
        continue;
      }
      s = s * v;
      if (s > 5) {
        break;
      }
    }
    return s;
  }

  /** Break in an if nested in another if. */
  @Differentiable
  static double nestedBreak(double[] a, double x) {
    double s = 1;
    for (int i = 0; i < a.length; i++) {
      if (a[i] > 0) {
        s = s * x;
        if (s > 5) {
          break;
        }
      }
    }
    return s;
  }

  /** Break in a nested if with statements after it, and an else. */
  @Differentiable
  static double nestedBreakElse(double[] a, double x) {
    double s = 1;
    for (int i = 0; i < a.length; i++) {
      if (a[i] > 0) {
        s = s * x;
        if (s > 5) {
          break;
        }
        s = s + 1;
      } else {
        s = s * 2;
      }
    }
    return s;
  }

  /** Enhanced for with continue and break. */
  @Differentiable
  static double enhancedForJumps(double[] x, double w) {
    double s = 0;
    for (double v : x) {
      if (v < 0) {
        continue;
      }
      if (v > 5) {
        break;
      }
      s = s * w + v;
    }
    return s;
  }

  /** Two breaks in one body. */
  @Differentiable
  static double twoBreaks(double[] x, double w) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] < 0) {
        break;
      }
      s = s * w + x[i];
      if (s > 5) {
        break;
      }
    }
    return s;
  }

  /** Break, then continue. */
  @Differentiable
  static double breakThenContinue(double[] x, double w) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] < 0) {
        break;
      }
      s = s * w + x[i];
      if (s > 5) {
        continue;
      }
      s = s * x[i];
    }
    return s;
  }

  /** Continue, then continue. */
  @Differentiable
  static double twoContinues(double[] x, double w) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] < 0) {
        continue;
      }
      s = s * w + x[i];
      if (s > 5) {
        continue;
      }
      s = s * x[i];
    }
    return s;
  }

  /** Break, statements, break, statements in a while loop. */
  @Differentiable
  static double breakStatementsBreak(double[] a, double x) {
    double s = 1;
    int i = 0;
    while (i < a.length) {
      if (a[i] < 0) {
        break;
      }
      s = s * 2 + x;
      if (s > 5) {
        break;
      }
      s = s + x;
      i++;
    }
    return s;
  }

  /** break out of both loops with a label. */
  @Differentiable
  static double labelledBreak(double[][] m, double w) {
    double s = 0;
    outer:
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[i].length; j++) {
        if (s > 4) {
          break outer;
        }
        s = s * w + m[i][j];
      }
      s = s * s * 0.5;
    }
    return s;
  }

  /** continue the outer loop from the inner one: the rest of the row and the sine are skipped. */
  @Differentiable
  static double labelledContinue(double[][] m, double w) {
    double s = 0;
    rows:
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[i].length; j++) {
        if (m[i][j] < 0) {
          continue rows;
        }
        s = s * w + m[i][j];
      }
      s = Math.sin(s);
    }
    return s;
  }

  // ------------------------------------------------------------------ tests

  @Test
  void breakAtTheTopOfTheBody() {
    double[] x = {1.5, 0.5, 2, -1, 3};
    BreakContinueTestGradients.BreakFirst g = BreakContinueTestGradients.breakFirst(x);
    assertEquals(1.5 * 1.5 + 0.25 + 4, g.value(), 0.0);
    assertClose(new double[] {3, 1, 4, 0, 0}, g.dX(), 0, "dX");
    // No negative element: all of them count.
    assertClose(
        new double[] {2, 4}, BreakContinueTestGradients.breakFirst(new double[] {1, 2}).dX(), 0,
        "dX");
    GradientCheck.of(p -> BreakContinueTestGradients.breakFirst(p))
        .assertAtRandomPoints(20, filled(5, -0.5), filled(5, 2), 1L);
  }

  @Test
  void breakAfterAWrite() {
    double[] x = {1, 2, 3, 4, 5};
    double w = 0.5;
    // s: 1, 2.5, 4.25 > 4: stops after i = 2 with s = (x0 w + x1) w + x2.
    BreakContinueTestGradients.BreakAfterWrite g =
        BreakContinueTestGradients.breakAfterWrite(x, w, 4);
    assertEquals(4.25, g.value(), 0.0);
    assertClose(new double[] {w * w, w, 1, 0, 0}, g.dX(), 0, "dX");
    assertEquals(2 * w * x[0] + x[1], g.dW(), 0.0);
    assertEquals(0.0, g.dLimit(), 0.0);
    GradientCheck.of(p -> BreakContinueTestGradients.breakAfterWrite(slice(p, 0, 5), p[5], p[6]))
        .assertAtRandomPoints(
            20, new double[] {0, 0, 0, 0, 0, 0.2, 1}, new double[] {2, 2, 2, 2, 2, 1.5, 6}, 2L);
  }

  @Test
  void breakInTheElseBranch() {
    double[] x = {2, 3, -0.5, 7};
    double w = 1.5;
    // s = 2 * 3 = 6, then s + w x2 and stop.
    BreakContinueTestGradients.BreakInElse g = BreakContinueTestGradients.breakInElse(x, w);
    assertEquals(6 + w * -0.5, g.value(), 0.0);
    assertClose(new double[] {3, 2, w, 0}, g.dX(), 0, "dX");
    assertEquals(-0.5, g.dW(), 0.0);
    GradientCheck.of(p -> BreakContinueTestGradients.breakInElse(slice(p, 0, 4), p[4]))
        .assertAtRandomPoints(20, filled(5, -1), filled(5, 2), 3L);
  }

  @Test
  void continueAtTheTopOfTheBody() {
    double[] x = {1, -2, 3, -4, 0.5};
    double w = 0.5;
    // s = (1 w + 9) w + 0.25 over the non-negative elements 1, 3, 0.5.
    BreakContinueTestGradients.ContinueFirst g = BreakContinueTestGradients.continueFirst(x, w);
    assertEquals((w + 9) * w + 0.25, g.value(), 0.0);
    assertClose(new double[] {2 * w * w, 0, 6 * w, 0, 1}, g.dX(), 0, "dX");
    assertEquals(2 * w + 9, g.dW(), 0.0);
    GradientCheck.of(p -> BreakContinueTestGradients.continueFirst(slice(p, 0, 5), p[5]))
        .assertAtRandomPoints(20, filled(6, -1), filled(6, 2), 4L);
  }

  @Test
  void continueAfterAWrite() {
    double[] x = {2, -1, 3};
    double w = 0.5;
    // s = 2 w; s = 2 w - 1 (no scaling); s = (2 w - 1 + 3) w.
    BreakContinueTestGradients.ContinueAfterWrite g =
        BreakContinueTestGradients.continueAfterWrite(x, w);
    assertEquals((2 * w - 1 + 3) * w, g.value(), 0.0);
    assertClose(new double[] {w * w, w, w}, g.dX(), 0, "dX");
    assertEquals(4 * w + 2, g.dW(), 0.0);
    GradientCheck.of(p -> BreakContinueTestGradients.continueAfterWrite(slice(p, 0, 3), p[3]))
        .assertAtRandomPoints(20, filled(4, -1), filled(4, 2), 5L);
  }

  @Test
  void breakOutOfTheInnerLoopOnly() {
    double[][] m = {{1, 2, -1, 4}, {-3, 5}, {0.5, 0.25}};
    double w = 2;
    // row 0: s = (1 w + 2 w) w; row 1: s = s w; row 2: s = (s + 0.5 w + 0.25 w) w.
    BreakContinueTestGradients.BreakInner g = BreakContinueTestGradients.breakInner(m, w);
    double expected = ((3 * w) * w * w + 0.75 * w) * w;
    assertEquals(expected, g.value(), 0.0);
    double[][] dM = {
      {w * w * w * w, w * w * w * w, 0, 0}, {0, 0}, {w * w, w * w},
    };
    assertClose(dM, g.dM(), 1e-15, "dM");
    // d/dw of 3 w^4 + 0.75 w^2
    assertEquals(12 * w * w * w + 1.5 * w, g.dW(), 1e-13);
    GradientCheck.of(
            p ->
                BreakContinueTestGradients.breakInner(
                    new double[][] {slice(p, 0, 4), slice(p, 4, 6), slice(p, 6, 8)}, p[8]))
        .assertAtRandomPoints(20, filled(9, -0.5), filled(9, 2), 6L);
  }

  @Test
  void continueInInnerBreakInOuter() {
    double[][] m = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    // row 0: m01 m10 + m02 m20 = 8 + 21 = 29 > 20: break after the first row.
    BreakContinueTestGradients.ContinueInnerBreakOuter g =
        BreakContinueTestGradients.continueInnerBreakOuter(m, 20);
    assertEquals(29, g.value(), 0.0);
    double[][] dM = {{0, 4, 7}, {2, 0, 0}, {3, 0, 0}};
    assertClose(dM, g.dM(), 0, "dM");
    // No break: the sum over all i != j of m_ij m_ji, whose gradient is 2 m^T off the diagonal.
    BreakContinueTestGradients.ContinueInnerBreakOuter all =
        BreakContinueTestGradients.continueInnerBreakOuter(m, 1e9);
    double[][] twice = {{0, 8, 14}, {4, 0, 16}, {6, 12, 0}};
    assertClose(twice, all.dM(), 0, "dM");
    GradientCheck.of(
            p ->
                BreakContinueTestGradients.continueInnerBreakOuter(
                    Checks.matrix(p, 0, 3, 3), p[9]))
        .assertAtRandomPoints(20, filled(10, 0), new double[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 8}, 7L);
  }

  @Test
  void whileTrueWithABreak() {
    // 2 -> 5 -> 26: ds/dx = 2 * 5 * 2 * 2.
    BreakContinueTestGradients.WhileTrue g = BreakContinueTestGradients.whileTrue(2);
    assertEquals(26, g.value(), 0.0);
    assertEquals(2 * 5 * 2 * 2, g.dX(), 0.0);
    assertEquals(1.0, BreakContinueTestGradients.whileTrue(11).dX(), 0.0);
    GradientCheck.of(p -> BreakContinueTestGradients.whileTrue(p[0]))
        .parameterNames("x")
        .assertAtRandomPoints(20, 0, 3, 8L);
  }

  @Test
  void doWhileWithContinueAndBreak() {
    double x = 0.4;
    for (int n : new int[] {0, 1, 3, 7, 40}) {
      // By hand: k = 1, 2, 4, 5, 7, ... update s (k = 3, 6, ... skip); stop when k >= n or k > 20.
      double s = x;
      double ds = 1;
      int k = 0;
      do {
        k++;
        if (k % 3 == 0) {
          continue;
        }
        ds = Math.cos(s) * ds + 1;
        s = Math.sin(s) + x;
        if (k > 20) {
          break;
        }
      } while (k < n);
      BreakContinueTestGradients.DoWhileJumps g = BreakContinueTestGradients.doWhileJumps(x, n);
      assertEquals(s, g.value(), 0.0);
      assertClose(ds, g.dX(), 1e-14, "dX, n = " + n);
      GradientCheck.of(p -> BreakContinueTestGradients.doWhileJumps(p[0], n))
          .parameterNames("x")
          .assertAtRandomPoints(5, -2, 2, 9L + n);
    }
  }

  @Test
  void whileLoopWithBoth() {
    double[] a = {1, 0.1, 2, 3, 4};
    double x = 1;
    // v: 1, 0.1 (skipped), 2, 3 -> s = 1 * 2 * 3 = 6 > 5: break.
    BreakContinueTestGradients.WhileBoth g = BreakContinueTestGradients.whileBoth(a, x);
    assertEquals(6, g.value(), 0.0);
    // s = a0 a2 a3 x^3
    assertClose(new double[] {6, 0, 3, 2, 0}, g.dA(), 1e-15, "dA");
    assertEquals(18, g.dX(), 1e-14);
    GradientCheck.of(p -> BreakContinueTestGradients.whileBoth(slice(p, 0, 5), p[5]))
        .assertAtRandomPoints(20, filled(6, 0), filled(6, 2), 11L);
  }

  @Test
  void breakInANestedIf() {
    BreakContinueTestGradients.NestedBreak g =
        BreakContinueTestGradients.nestedBreak(new double[] {1, 1, 1, 1}, 2);
    assertEquals(8, g.value(), 0.0);
    assertEquals(12, g.dX(), 0.0);
    GradientCheck.of(p -> BreakContinueTestGradients.nestedBreak(slice(p, 0, 5), p[5]))
        .assertAtRandomPoints(20, filled(6, -1), filled(6, 3), 12L);
  }

  @Test
  void breakInANestedIfWithAnElse() {
    // a = {1, 1}, x = 3: s = 3 + 1 = 4, then 12 > 5: break. value (x + 1) x, dX = 2x + 1.
    BreakContinueTestGradients.NestedBreakElse g =
        BreakContinueTestGradients.nestedBreakElse(new double[] {1, 1}, 3);
    assertEquals(12, g.value(), 0.0);
    assertEquals(7, g.dX(), 0.0);
    GradientCheck.of(p -> BreakContinueTestGradients.nestedBreakElse(slice(p, 0, 5), p[5]))
        .assertAtRandomPoints(20, filled(6, -1), filled(6, 3), 13L);
  }


  @Test
  void enhancedForWithContinueAndBreak() {
    double[] x = {1, -3, 2, 6, 4};
    double w = 0.5;
    // s = 1 w + 2; stop at 6.
    BreakContinueTestGradients.EnhancedForJumps g =
        BreakContinueTestGradients.enhancedForJumps(x, w);
    assertEquals(w + 2, g.value(), 0.0);
    assertClose(new double[] {w, 0, 1, 0, 0}, g.dX(), 0, "dX");
    assertEquals(1.0, g.dW(), 0.0);
    GradientCheck.of(p -> BreakContinueTestGradients.enhancedForJumps(slice(p, 0, 5), p[5]))
        .assertAtRandomPoints(20, filled(6, -1), new double[] {7, 7, 7, 7, 7, 1.5}, 10L);
  }

  @Test
  void twoBreaksInOneBody() {
    // x = {1, 2, 3}, w = 1: s = 1, 3, 6 -> break. s = (x0 w + x1) w + x2.
    BreakContinueTestGradients.TwoBreaks g =
        BreakContinueTestGradients.twoBreaks(new double[] {1, 2, 3}, 1);
    assertEquals(6, g.value(), 0.0);
    assertClose(new double[] {1, 1, 1}, g.dX(), 0, "dX");
    assertEquals(4, g.dW(), 0.0);
    GradientCheck.of(p -> BreakContinueTestGradients.twoBreaks(slice(p, 0, 5), p[5]))
        .assertAtRandomPoints(20, filled(6, -0.5), filled(6, 3), 14L);
  }

  @Test
  void breakThenContinue() {
    // x = {1, 2, -1}, w = 2: s = 1 -> 1 * 1 = 1; s = 1 * 2 + 2 = 4 -> 4 * 2 = 8; break at -1.
    BreakContinueTestGradients.BreakThenContinue g =
        BreakContinueTestGradients.breakThenContinue(new double[] {1, 2, -1}, 2);
    assertEquals(8, g.value(), 0.0);
    // s = (x0^2 w + x1) x1: d/dx0 = 2 x0 w x1, d/dx1 = x0^2 w + 2 x1, d/dw = x0^2 x1.
    assertClose(new double[] {8, 6, 0}, g.dX(), 0, "dX");
    assertEquals(2, g.dW(), 0.0);
    GradientCheck.of(p -> BreakContinueTestGradients.breakThenContinue(slice(p, 0, 5), p[5]))
        .assertAtRandomPoints(20, filled(6, -0.5), filled(6, 3), 15L);
  }

  @Test
  void twoContinues() {
    // x = {1, -1, 2, 3}, w = 2: s = 1 -> 1; skip; s = 4 -> 8; s = 19 > 5: continue.
    // s = (x0^2 w + x2) x2 w + x3.
    BreakContinueTestGradients.TwoContinues g =
        BreakContinueTestGradients.twoContinues(new double[] {1, -1, 2, 3}, 2);
    assertEquals(19, g.value(), 0.0);
    assertClose(new double[] {16, 0, 12, 1}, g.dX(), 0, "dX");
    assertEquals(12, g.dW(), 0.0);
    GradientCheck.of(p -> BreakContinueTestGradients.twoContinues(slice(p, 0, 5), p[5]))
        .assertAtRandomPoints(20, filled(6, -0.5), filled(6, 3), 16L);
  }

  @Test
  void breakStatementsBreak() {
    // a = {1, 1, 1}, x = 2: s = 2 + x, + x, then 2 s + x = 14 > 5. value 4 + 5x, dX = 5.
    BreakContinueTestGradients.BreakStatementsBreak g =
        BreakContinueTestGradients.breakStatementsBreak(new double[] {1, 1, 1}, 2);
    assertEquals(14, g.value(), 0.0);
    assertEquals(5, g.dX(), 0.0);
    GradientCheck.of(
            p -> BreakContinueTestGradients.breakStatementsBreak(slice(p, 0, 4), p[4]))
        .assertAtRandomPoints(20, filled(5, -0.5), filled(5, 3), 17L);
  }

  @Test
  void labelledBreakOutOfBothLoops() {
    double[][] m = {{1, 2, 3}, {0.5, 1, 2}, {1, 1, 1}};
    double w = 0.5;
    // Row 0: q = m00 w^2 + m01 w + m02 = 4.25, then s = q^2 / 2 > 4: break before row 1.
    double q = 4.25;
    BreakContinueTestGradients.LabelledBreak g = BreakContinueTestGradients.labelledBreak(m, w);
    assertEquals(q * q / 2, g.value(), 0.0);
    assertClose(new double[][] {{q * w * w, q * w, q}, {0, 0, 0}, {0, 0, 0}}, g.dM(), 0, "dM");
    assertEquals(q * (2 * m[0][0] * w + m[0][1]), g.dW(), 0.0);
    GradientCheck.of(
            p -> BreakContinueTestGradients.labelledBreak(Checks.matrix(p, 0, 3, 3), p[9]))
        .assertAtRandomPoints(20, filled(10, -0.5), filled(10, 2), 17L);
  }

  @Test
  void labelledContinueOfTheOuterLoop() {
    double[][] m = {{1, 2}, {3, -1}, {0.5, 2}};
    double w = 0.5;
    // Forward mode by hand over (m00, m01, m10, m11, m20, m21, w).
    double s = 0;
    double[] ds = new double[7];
    rows:
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 2; j++) {
        if (m[i][j] < 0) {
          continue rows;
        }
        for (int q = 0; q < 7; q++) {
          ds[q] *= w;
        }
        ds[6] += s;
        ds[2 * i + j] += 1;
        s = s * w + m[i][j];
      }
      for (int q = 0; q < 7; q++) {
        ds[q] *= Math.cos(s);
      }
      s = Math.sin(s);
    }
    BreakContinueTestGradients.LabelledContinue g =
        BreakContinueTestGradients.labelledContinue(m, w);
    assertEquals(s, g.value(), 0.0);
    assertClose(ds, g.gradient(), 1e-15, "gradient");
    GradientCheck.of(
            p -> BreakContinueTestGradients.labelledContinue(Checks.matrix(p, 0, 3, 2), p[6]))
        .assertAtRandomPoints(20, filled(7, -0.5), filled(7, 2), 18L);
  }
}
