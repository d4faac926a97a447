package io.github.javagrad.corpus;

import static io.github.javagrad.corpus.Check.d;
import static io.github.javagrad.corpus.Check.positiveZero;
import static io.github.javagrad.corpus.Check.verify1;
import static io.github.javagrad.corpus.Check.verify2;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reassigning locals and parameters: x = x * x, x *= x, x /= y, compound chains, int and long
 * counters used in double expressions around ++ and --, and values overwritten many times.
 */
class ReassignmentTest {

  private static final double[] XS = {-2.5, -1, -0.3, 0.4, 1, 1.7};
  private static final double[][] PLANE = {
    {1.5, 0.5}, {0.5, 1.5}, {-0.5, 1.5}, {-1.5, 0.75}, {-1.5, -0.5}, {0.5, -1.5}, {2, -2.5}
  };

  @Test
  void squareThrice() {
    verify1(ReassignFnsGradients::squareThrice, ReassignFns::squareThrice,
        x -> 8 * Math.pow(x, 7), XS, -2, 2);
  }

  @Test
  void timesEqualsSelf() {
    verify1(ReassignFnsGradients::timesEqualsSelf, ReassignFns::timesEqualsSelf, x -> 2 * x, XS,
        -3, 3);
  }

  @Test
  void divideEquals() {
    verify2(ReassignFnsGradients::divideEquals, ReassignFns::divideEquals,
        (x, y) -> d(1 / y, -x / (y * y)), PLANE, new double[] {-3, 0.3}, new double[] {3, 3});
  }

  @Test
  void compoundChain() {
    verify2(ReassignFnsGradients::compoundChain, ReassignFns::compoundChain,
        (x, y) -> {
          double s = x + y;
          return d(2 * s / y, ((2 * s - 1) * y - (s * s - y)) / (y * y));
        },
        PLANE, new double[] {-3, 0.3}, new double[] {3, 3});
  }

  @Test
  void compoundReadingItsTarget() {
    // u = x(1 + y); f = u (u + y) = u^2 + u y
    verify2(ReassignFnsGradients::compoundReadsTarget, ReassignFns::compoundReadsTarget,
        (x, y) -> {
          double u = x * (1 + y);
          double dfdu = 2 * u + y;
          return d(dfdu * (1 + y), dfdu * x + u);
        },
        PLANE, -3, 3);
  }

  @Test
  void compoundOnBothParameters() {
    // (x - x/y) y^2 = x y^2 - x y
    verify2(ReassignFnsGradients::compoundOnBoth, ReassignFns::compoundOnBoth,
        (x, y) -> d(y * y - y, 2 * x * y - x), PLANE, new double[] {-3, 0.3},
        new double[] {3, 3});
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, -4, 1000})
  void intCounterAroundIncrements(int n) {
    // y = x n (n + 1) + x (n - 1)
    verify1(x -> ReassignFnsGradients.intCounter(x, n), x -> ReassignFns.intCounter(x, n),
        x -> (double) n * (n + 1) + (n - 1), XS, -3, 3);
  }

  @Test
  void localIntCounter() {
    // k: 2 -> r = 2x; k = 6 -> r = 8x; k = 5 / 2 = 2 -> r = 16x; k %= 2 -> 0; k = 7 % 4 = 3
    verify1(ReassignFnsGradients::localCounter, ReassignFns::localCounter, x -> 19, XS, -3, 3);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 2, -3, 50_000})
  void longCounter(int n) {
    long m = n + 1L;
    // r = x m + x m^2, times (m^2 - 1) % 1000
    verify1(x -> ReassignFnsGradients.longCounter(x, n), x -> ReassignFns.longCounter(x, n),
        x -> (double) (m + m * m) * ((m * m - 1) % 1000), XS, -3, 3);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, -2, 7})
  void compoundOnIntParameter(int n) {
    verify1(x -> ReassignFnsGradients.intParameterCompound(x, n),
        x -> ReassignFns.intParameterCompound(x, n), x -> (n + 2) * (n + 2), XS, -3, 3);
  }

  @Test
  void incrementAndDecrementOnDoubles() {
    verify2(ReassignFnsGradients::doubleIncrement, ReassignFns::doubleIncrement,
        (x, y) -> d(2 * (x + 1) * y, (x + 1) * (x + 1) - 1), PLANE, -3, 3);
  }

  @Test
  void manyOverwritesOfOneLocal() {
    verify2(ReassignFnsGradients::manyOverwrites, ReassignFns::manyOverwrites,
        (x, y) -> {
          double a = x * y + x;
          double g = 2 * Math.sin(a) * Math.cos(a);
          return d(g * (y + 1) - y, g * x - x);
        },
        PLANE, -3, 3);
  }

  @Test
  void longStraightLineChain() {
    verify2(ReassignFnsGradients::longChain, ReassignFns::longChain,
        (x0, y0) -> {
          // Forward mode by hand, mirroring longChain line by line: (value, d/dx0, d/dy0).
          double x = x0;
          double xx = 1;
          double xy = 0;
          double y = y0;
          double yx = 0;
          double yy = 1;
          double r = x;
          double rx = xx;
          double ry = xy;
          int k = 1;
          rx = rx * y + r * yx; // r = r * y
          ry = ry * y + r * yy;
          r = r * y;
          rx += xx; // r = r + x
          ry += xy;
          r = r + x;
          k++;
          rx *= k; // r = r * k
          ry *= k;
          r = r * k;
          double t = Math.tanh(r); // r = tanh(r)
          double dt = 1 - t * t;
          rx *= dt;
          ry *= dt;
          r = t;
          double s = r * x; // s = r * x
          double sx = rx * x + r * xx;
          double sy = ry * x + r * xy;
          r = s - y; // r = s - y
          rx = sx - yx;
          ry = sy - yy;
          k = k * k;
          r = r + k;
          double s2 = s * s; // s = s * s
          double s2x = 2 * s * sx;
          double s2y = 2 * s * sy;
          s = s2;
          sx = s2x;
          sy = s2y;
          double rx2 = rx * s + r * sx; // r = r * s
          double ry2 = ry * s + r * sy;
          r = r * s;
          rx = rx2;
          ry = ry2;
          k--;
          r = r / k; // r = r / k
          rx /= k;
          ry /= k;
          x = r; // x = r
          xx = rx;
          xy = ry;
          double r2 = x * y + s; // r = x * y + s
          rx = xx * y + x * yx + sx;
          ry = xy * y + x * yy + sy;
          r = r2;
          y = r - x; // y = r - x
          yx = rx - xx;
          yy = ry - xy;
          return d(yx * 0.5 + rx, yy * 0.5 + ry);
        },
        PLANE, -2, 2);
  }

  @Test
  void swapThroughATemporary() {
    verify2(ReassignFnsGradients::swap, ReassignFns::swap, (x, y) -> d(y * y, 2 * x * y), PLANE,
        -3, 3);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-2, 0, 1.5})
  void parameterOverwrittenByAConstantHasZeroPartial(double x) {
    verify2(ReassignFnsGradients::overwrittenByConstant, ReassignFns::overwrittenByConstant,
        (a, b) -> d(0, 3), PLANE, -3, 3);
    positiveZero(ReassignFnsGradients.overwrittenByConstant(x, 2).dX(), "dX");
  }

  @Test
  void aliasingThroughReassignment() {
    verify2(ReassignFnsGradients::aliasing, ReassignFns::aliasing, (x, y) -> d(0, 4 * y), PLANE,
        -3, 3);
    positiveZero(ReassignFnsGradients.aliasing(1, 2).dX(), "dX");
  }

  @Test
  void localOverwrittenAfterItsLastUse() {
    verify2(ReassignFnsGradients::overwriteAfterUse, ReassignFns::overwriteAfterUse,
        (x, y) -> d(Math.exp(x) + 2 * x * y * y, 2 * x * x * y), PLANE, -3, 3);
  }

  @Test
  void reassignedInBranchesUsedAfterTheJoin() {
    verify2(ReassignFnsGradients::reassignInBranches, ReassignFns::reassignInBranches,
        (x, y) -> x > 0 ? d(2 * y, 2 * x) : d(y, x - 2 * y), PLANE, -3, 3);
  }

  @Test
  void varLocalsReassigned() {
    // (x^2 + x) * 3
    verify1(ReassignFnsGradients::varReassign, ReassignFns::varReassign, x -> 6 * x + 3, XS, -3,
        3);
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 0, -2})
  void intReassignedInABranch(int n) {
    // x > 0: 2 n^2 x (2n + 1); else x n (n + 1)
    verify1(x -> ReassignFnsGradients.intReassignedInBranch(x, n),
        x -> ReassignFns.intReassignedInBranch(x, n),
        x -> x > 0 ? 2.0 * n * n * (2 * n + 1) : (double) n * (n + 1), XS, -3, 3);
  }

  @ParameterizedTest
  @ValueSource(ints = {3, -2, 0})
  void compoundAssignmentsWithIntegerRightHandSides(int n) {
    long m = 7;
    verify1(x -> ReassignFnsGradients.compoundWithIntegers(x, n, m),
        x -> ReassignFns.compoundWithIntegers(x, n, m), x -> n * (m + n) / 2.0, XS, -3, 3);
  }

  @Test
  void unaryMinusReassignments() {
    verify1(ReassignFnsGradients::negateReassign, ReassignFns::negateReassign, x -> -2 * x, XS, -3,
        3);
  }

  @Test
  void booleanReassignedThenUsed() {
    verify2(ReassignFnsGradients::booleanReassigned, ReassignFns::booleanReassigned,
        (x, y) -> {
          boolean b = !(x > 0 && y > 0) || x > 10;
          return b ? d(y, x) : d(1, 1);
        },
        new double[][] {{2, 3}, {2, -3}, {11, 3}, {-1, 2}, {-1, -2}}, -12, 12);
  }

  @Test
  void multipleDeclaratorsInOneDeclaration() {
    verify2(ReassignFnsGradients::multipleDeclarators, ReassignFns::multipleDeclarators,
        (x, y) -> d(12 * y, 12 * x), PLANE, -3, 3);
  }
}
