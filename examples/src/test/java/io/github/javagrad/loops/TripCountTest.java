package io.github.javagrad.loops;

import static io.github.javagrad.loops.Checks.assertClose;
import static io.github.javagrad.loops.Checks.filled;
import static io.github.javagrad.loops.Checks.slice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.javagrad.Differentiable;
import io.github.javagrad.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * Trip counts the reverse sweep cannot know in advance: while loops that stop at a target, counts
 * passed in as int, steps other than one, int updates that cannot be inverted, loops that run
 * zero times and do-while loops that run once.
 */
class TripCountTest {

  /** Doubles s until it reaches target: s = x 2^k. */
  @Differentiable
  static double doubleUntil(double x, double target) {
    double s = x;
    while (s < target) {
      s = s * 2;
    }
    return s;
  }

  /** Adds x to s until it reaches target, counting the steps k: returns s k = x (k + 1) k. */
  @Differentiable
  static double countedAdditions(double x, double target) {
    double s = x;
    int k = 0;
    while (s < target) {
      s += x;
      k++;
    }
    return s * k;
  }

  /** sum of x_i w^i over the first n elements (n from the caller), by a for loop on n. */
  @Differentiable
  static double firstN(double[] x, double w, int n) {
    double s = 0;
    double power = 1;
    for (int i = 0; i < n; i++) {
      s += x[i] * power;
      power *= w;
    }
    return s;
  }

  /** s_{k+1} = s_k / 2 + x, n times (n from the caller), counting up. */
  @Differentiable
  static double dampedUp(double x, int n) {
    double s = x;
    for (int i = 0; i < n; i++) {
      s = s * 0.5 + x;
    }
    return s;
  }

  /** The same counting down from 0 while i > n. */
  @Differentiable
  static double dampedDown(double x, int n) {
    double s = x;
    for (int i = 0; i > n; i--) {
      s = s * 0.5 + x;
    }
    return s;
  }

  /** The same with a stride: x_0 + x_3 w + x_6 w^2 + ... */
  @Differentiable
  static double everyThird(double[] x, double w) {
    double s = 0;
    double power = 1;
    for (int i = 0; i < x.length; i += 3) {
      s += x[i] * power;
      power *= w;
    }
    return s;
  }

  /** Visits indices 1, 2, 4, 8, ...: the index update i = 2 i has no inverse the tape can use. */
  @Differentiable
  static double powersOfTwoIndices(double[] x) {
    double s = 1;
    for (int i = 1; i < x.length; i = i * 2) {
      s = s * x[i] + x[i - 1];
    }
    return s;
  }

  /** x^steps where steps is the Collatz stopping time of m: int updates that are not invertible. */
  @Differentiable
  static double collatz(double x, int m) {
    double s = 1;
    while (m != 1) {
      if (m % 2 == 0) {
        m = m / 2;
      } else {
        m = 3 * m + 1;
      }
      s = s * x;
    }
    return s;
  }

  /** The trip count depends on x itself: x + n x^2 with n = floor(4 x), piecewise smooth. */
  @Differentiable
  static double boundFromTheInput(double x) {
    double s = x;
    for (int i = 0; i < (int) (4 * x); i++) {
      s += x * x;
    }
    return s;
  }

  /** A do-while runs its body once even when the condition is false at the start. */
  @Differentiable
  static double doWhile(double x, double target) {
    double s = x;
    do {
      s = s * s + 0.5;
    } while (s < target);
    return s;
  }

  /** Every loop form, each of which runs zero times on an empty array. */
  @Differentiable
  static double allLoopFormsOnEmpty(double[] x, double y) {
    double s = y;
    for (int i = 0; i < x.length; i++) {
      s = s * x[i];
    }
    for (int i = x.length - 1; i >= 0; i--) {
      s = s + x[i] * s;
    }
    for (double v : x) {
      s = s * Math.exp(v);
    }
    int j = 0;
    while (j < x.length) {
      s = s - x[j] * y;
      j++;
    }
    return s * y;
  }

  // ------------------------------------------------------------------ tests

  @Test
  void whileLoopStoppingAtATarget() {
    for (double x : new double[] {0.3, 1, 7.5, 20}) {
      double target = 10;
      double scale = 1;
      while (x * scale < target) {
        scale *= 2;
      }
      TripCountTestGradients.DoubleUntil g = TripCountTestGradients.doubleUntil(x, target);
      assertEquals(x * scale, g.value(), 0.0);
      assertEquals(scale, g.dX(), 0.0, "x = " + x);
      assertEquals(0.0, g.dTarget(), 0.0);
    }
    GradientCheck.of(p -> TripCountTestGradients.doubleUntil(p[0], p[1]))
        .parameterNames("x", "target")
        .assertAtRandomPoints(30, new double[] {0.01, 1}, new double[] {5, 100}, 1L);
  }

  @Test
  void counterThatOnlyTheForwardSweepNeeds() {
    double x = 0.7;
    TripCountTestGradients.CountedAdditions g = TripCountTestGradients.countedAdditions(x, 5);
    int k = 7; // 0.7 * 8 = 5.6 >= 5 after 7 additions
    assertEquals(x * (k + 1) * k, g.value(), 1e-13);
    assertEquals((k + 1) * k, g.dX(), 1e-13);
    assertEquals(0.0, g.dTarget(), 0.0);
    // Already at the target: zero iterations, k = 0, value 0.
    TripCountTestGradients.CountedAdditions none = TripCountTestGradients.countedAdditions(6, 5);
    assertEquals(0.0, none.value(), 0.0);
    assertEquals(0.0, none.dX(), 0.0);
    GradientCheck.of(p -> TripCountTestGradients.countedAdditions(p[0], p[1]))
        .parameterNames("x", "target")
        .assertAtRandomPoints(30, new double[] {0.2, 1}, new double[] {2, 20}, 2L);
  }

  @Test
  void countPassedAsInt() {
    double[] x = {1.5, -0.5, 2, 0.25, 3};
    double w = 0.6;
    for (int n = 0; n <= x.length; n++) {
      TripCountTestGradients.FirstN g = TripCountTestGradients.firstN(x, w, n);
      double[] dX = new double[x.length];
      double dW = 0;
      double value = 0;
      for (int i = 0; i < n; i++) {
        dX[i] = Math.pow(w, i);
        value += x[i] * Math.pow(w, i);
        dW += i == 0 ? 0 : i * x[i] * Math.pow(w, i - 1);
      }
      assertEquals(value, g.value(), 1e-14);
      assertClose(dX, g.dX(), 1e-15, "dX, n = " + n);
      assertClose(dW, g.dW(), 1e-14, "dW, n = " + n);
      int m = n;
      GradientCheck.of(p -> TripCountTestGradients.firstN(slice(p, 0, 5), p[5], m))
          .assertAtRandomPoints(5, filled(6, -2), filled(6, 2), 3L + n);
    }
    // n <= 0 runs no iteration: the gradient is zero.
    TripCountTestGradients.FirstN g = TripCountTestGradients.firstN(x, w, -3);
    assertArrayEquals(new double[x.length], g.dX(), 0.0);
    assertEquals(0.0, g.dW(), 0.0);
  }

  @Test
  void extremeCountsRunZeroTimesInReverseToo() {
    // The reverse of a counted loop must not compute n - 1 (or n + 1) where that overflows:
    // a loop that ran zero times would run 2^31 times backwards.
    for (int n : new int[] {Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -1, 0}) {
      TripCountTestGradients.DampedUp g = TripCountTestGradients.dampedUp(1, n);
      assertEquals(1.0, g.value(), 0.0, "n = " + n);
      assertEquals(1.0, g.dX(), 0.0, "n = " + n);
    }
    for (int n : new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE - 1, 1, 0}) {
      TripCountTestGradients.DampedDown g = TripCountTestGradients.dampedDown(1, n);
      assertEquals(1.0, g.value(), 0.0, "n = " + n);
      assertEquals(1.0, g.dX(), 0.0, "n = " + n);
    }
    // And counts that do run: s_n = x (2 - 2^-n), so ds/dx = 2 - 2^-n.
    for (int n = 1; n <= 5; n++) {
      assertEquals(2 - Math.pow(0.5, n), TripCountTestGradients.dampedUp(1, n).dX(), 0.0);
      assertEquals(2 - Math.pow(0.5, n), TripCountTestGradients.dampedDown(1, -n).dX(), 0.0);
      int m = n;
      GradientCheck.of(p -> TripCountTestGradients.dampedDown(p[0], -m))
          .parameterNames("x")
          .assertAtRandomPoints(3, -2, 2, 20L + n);
    }
  }

  @Test
  void strideOfThree() {
    double[] x = {1, 2, 3, 4, 5, 6, 7};
    double w = 0.5;
    TripCountTestGradients.EveryThird g = TripCountTestGradients.everyThird(x, w);
    assertEquals(1 + 4 * w + 7 * w * w, g.value(), 1e-15);
    assertClose(new double[] {1, 0, 0, w, 0, 0, w * w}, g.dX(), 1e-15, "dX");
    assertEquals(4 + 2 * 7 * w, g.dW(), 1e-15);
    GradientCheck.of(p -> TripCountTestGradients.everyThird(slice(p, 0, 7), p[7]))
        .assertAtRandomPoints(10, filled(8, -2), filled(8, 2), 4L);
  }

  @Test
  void indexDoubledEachIteration() {
    double[] x = {0.5, 1.5, -1, 2, 0.75, 3, 1.25, -0.5, 2.5};
    // Visits i = 1, 2, 4, 8: s = ((((1 x1 + x0) x2 + x1) x4 + x3) x8 + x7
    double s1 = x[1] + x[0];
    double s2 = s1 * x[2] + x[1];
    double s4 = s2 * x[4] + x[3];
    double s8 = s4 * x[8] + x[7];
    TripCountTestGradients.PowersOfTwoIndices g = TripCountTestGradients.powersOfTwoIndices(x);
    assertEquals(s8, g.value(), 1e-15);
    double d4 = x[8]; // ds8/ds4
    double d2 = d4 * x[4];
    double d1 = d2 * x[2];
    double[] expected = new double[x.length];
    expected[0] = d1;
    expected[1] = d1 + d2; // through s1 = x1 + x0 and s2 = s1 x2 + x1
    expected[2] = d2 * s1;
    expected[3] = d4;
    expected[4] = d4 * s2;
    expected[7] = 1;
    expected[8] = s4;
    assertClose(expected, g.dX(), 1e-15, "dX");
    GradientCheck.of(p -> TripCountTestGradients.powersOfTwoIndices(p))
        .assertAtRandomPoints(10, filled(9, -1.5), filled(9, 1.5), 5L);
  }

  @Test
  void collatzStoppingTime() {
    // 6 -> 3 -> 10 -> 5 -> 16 -> 8 -> 4 -> 2 -> 1: eight steps; 27 takes 111.
    TripCountTestGradients.Collatz six = TripCountTestGradients.collatz(1.1, 6);
    assertEquals(Math.pow(1.1, 8), six.value(), 1e-14);
    assertEquals(8 * Math.pow(1.1, 7), six.dX(), 1e-13);
    TripCountTestGradients.Collatz long27 = TripCountTestGradients.collatz(1.01, 27);
    assertClose(Math.pow(1.01, 111), long27.value(), 1e-13, "value");
    assertClose(111 * Math.pow(1.01, 110), long27.dX(), 1e-13, "dX");
    // m = 1 runs no iteration.
    assertEquals(0.0, TripCountTestGradients.collatz(3, 1).dX(), 0.0);
    GradientCheck.of(p -> TripCountTestGradients.collatz(p[0], 27))
        .parameterNames("x")
        .assertAtRandomPoints(10, 0.9, 1.02, 6L);
  }

  @Test
  void boundComputedFromTheDifferentiatedInput() {
    for (double x : new double[] {0.1, 0.3, 0.8, 1.3}) {
      int n = (int) (4 * x);
      TripCountTestGradients.BoundFromTheInput g = TripCountTestGradients.boundFromTheInput(x);
      assertClose(x + n * x * x, g.value(), 1e-15, "value");
      // Piecewise: inside each piece the count is constant.
      assertClose(1 + 2 * n * x, g.dX(), 1e-15, "dX");
    }
    // Away from the jumps at multiples of 1/4.
    GradientCheck check =
        GradientCheck.of(p -> TripCountTestGradients.boundFromTheInput(p[0])).parameterNames("x");
    for (double x : new double[] {0.1, 0.4, 0.6, 0.9, 1.1, 1.4}) {
      check.assertAt(x);
    }
  }

  @Test
  void doWhileRunsOnce() {
    // Condition false at once: one iteration, s = x^2 + 0.5.
    TripCountTestGradients.DoWhile once = TripCountTestGradients.doWhile(0.5, -1);
    assertEquals(0.75, once.value(), 0.0);
    assertEquals(1.0, once.dX(), 0.0);
    assertEquals(0.0, once.dTarget(), 0.0);
    // 1.1 -> 1.71 -> 3.4241 -> ...: three iterations to pass 3.
    double x = 1.1;
    double s1 = x * x + 0.5;
    double s2 = s1 * s1 + 0.5;
    TripCountTestGradients.DoWhile twice = TripCountTestGradients.doWhile(x, 3);
    assertEquals(s2, twice.value(), 0.0);
    assertEquals(2 * s1 * 2 * x, twice.dX(), 1e-14);
    GradientCheck.of(p -> TripCountTestGradients.doWhile(p[0], p[1]))
        .parameterNames("x", "target")
        .assertAtRandomPoints(20, new double[] {0.1, 1}, new double[] {1.2, 30}, 7L);
  }

  @Test
  void loopsThatRunZeroTimes() {
    TripCountTestGradients.AllLoopFormsOnEmpty g =
        TripCountTestGradients.allLoopFormsOnEmpty(new double[0], 3);
    assertEquals(9.0, g.value(), 0.0);
    assertEquals(0, g.dX().length);
    assertEquals(6.0, g.dY(), 0.0);
    assertArrayEquals(new double[] {6.0}, g.gradient(), 0.0);
    // And the same code with elements, against finite differences.
    GradientCheck.of(p -> TripCountTestGradients.allLoopFormsOnEmpty(slice(p, 0, 3), p[3]))
        .assertAtRandomPoints(10, filled(4, -1), filled(4, 1), 8L);
  }
}
