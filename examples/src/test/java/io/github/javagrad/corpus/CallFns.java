package io.github.javagrad.corpus;

import io.github.javagrad.Differentiable;
import io.github.javagrad.corpus.other.Kernels;

/** Calls between @Differentiable methods: same class, other classes, nesting, overloads, recursion. */
final class CallFns {
  private CallFns() {}

  @Differentiable
  static double square(double x) {
    return x * x;
  }

  /** 2 sin(x). */
  @Differentiable
  static double twiceSin(double x) {
    return Math.sin(x) * 2;
  }

  /** a b + a. */
  @Differentiable
  static double mulAdd(double a, double b) {
    return a * b + a;
  }

  /** x^2 + x through a call. */
  @Differentiable
  static double squarePlus(double x) {
    return square(x) + x;
  }

  /** square(twiceSin(x)) = 4 sin^2 x. */
  @Differentiable
  static double composed(double x) {
    return square(twiceSin(x));
  }

  /** Calls as arguments of calls: mulAdd(x^2, 2 sin y) = 2 x^2 sin y + x^2. */
  @Differentiable
  static double nestedArguments(double x, double y) {
    return mulAdd(square(x), twiceSin(y));
  }

  /** Arbitrary expressions as arguments: mulAdd(xy, y - x) = xy(y - x) + xy. */
  @Differentiable
  static double expressionArguments(double x, double y) {
    return mulAdd(x * y, y - x);
  }

  /** The same callee with different arguments: x^2 + y^2 + (x + y)^2. */
  @Differentiable
  static double sameCalleeTwice(double x, double y) {
    return square(x) + square(y) + square(x + y);
  }

  /** Call results reassigned into the parameter: x^4. */
  @Differentiable
  static double reassignFromCalls(double x) {
    x = square(x);
    x = square(x);
    return x;
  }

  /** A call in a condition, in a ternary branch and before an early return. */
  @Differentiable
  static double callsInControlFlow(double x, double y) {
    if (square(x) > 2) {
      return mulAdd(x, y);
    }
    double r = y > 0 ? square(y) : twiceSin(y);
    return r * x;
  }

  // ---------------------------------------------------------------- int and boolean arguments

  /** x n. */
  @Differentiable
  static double scaleBy(double x, int n) {
    return x * n;
  }

  /** on ? x^2 : x. */
  @Differentiable
  static double gate(double x, boolean on) {
    return on ? x * x : x;
  }

  /** scaleBy(x, n + 1) scaleBy(x, 2) + gate(y, n > 0) = 2(n + 1) x^2 + (n > 0 ? y^2 : y). */
  @Differentiable
  static double intAndBooleanArguments(double x, double y, int n) {
    return scaleBy(x, n + 1) * scaleBy(x, 2) + gate(y, n > 0);
  }

  // ---------------------------------------------------------------- other classes

  /** A same-package class: CallTargets.cube(x) + CallTargets.shifted(x, y). */
  @Differentiable
  static double otherClassSamePackage(double x, double y) {
    return CallTargets.cube(x) + CallTargets.shifted(x, y);
  }

  /** Another package, qualified: sigmoid(x) y + weighted(x, y, 3). */
  @Differentiable
  static double otherPackage(double x, double y) {
    return Kernels.sigmoid(x) * y + Kernels.weighted(x, y, 3);
  }

  // ---------------------------------------------------------------- wrt subsets

  /** x y^2, differentiated with respect to y only. */
  @Differentiable(wrt = {"y"})
  static double onlyY(double x, double y) {
    return x * y * y;
  }

  /**
   * Calls onlyY with an inactive first argument (a constant and an int), so its missing x partial
   * is not needed: 3 b^2 + n b^2. (With an active first argument see CORPUS-2.)
   */
  @Differentiable
  static double callWrtSubsetWithInactiveArgument(double b, int n) {
    return onlyY(3, b) + onlyY(n, b);
  }

  /** Kernels.weightOnly(x, w) = w x^3 with wrt = {"w"}, x a constant here: 8 w. */
  @Differentiable
  static double callOtherPackageWrtSubset(double w) {
    return Kernels.weightOnly(2, w);
  }

  // ---------------------------------------------------------------- overloads

  /** 3x. */
  @Differentiable
  static double scale(double x) {
    return 3 * x;
  }

  /** x y. */
  @Differentiable
  static double scale(double x, double y) {
    return x * y;
  }

  /** x k + k. */
  @Differentiable
  static double scale(double x, int k) {
    return x * k + k;
  }

  /** scale(x) + scale(x, y) + scale(x, 4) + scale(y, (double) 2) = 3x + xy + 4x + 4 + 2y. */
  @Differentiable
  static double useOverloads(double x, double y) {
    return scale(x) + scale(x, y) + scale(x, 4) + scale(y, (double) 2);
  }

  // ---------------------------------------------------------------- recursion

  /** x^(n + 1), recursing through a ternary. */
  @Differentiable
  static double power(double x, int n) {
    return n <= 0 ? x : x * power(x, n - 1);
  }

  /** 2^n sin(x / 2^n): the double argument changes on every level; d/dx = cos(x / 2^n). */
  @Differentiable
  static double halving(double x, int n) {
    return n <= 0 ? Math.sin(x) : halving(x / 2, n - 1) * 2;
  }

  /** Recursion on two doubles: fib-like a_n with a_0 = x, a_1 = y, a_n = a_{n-1} + a_{n-2} y. */
  @Differentiable
  static double twoVariableRecursion(double x, double y, int n) {
    return n <= 0 ? x : n == 1 ? y : twoVariableRecursion(x, y, n - 1)
        + twoVariableRecursion(x, y, n - 2) * y;
  }

  // ---------------------------------------------------------------- arguments reassigned later

  /** square(x) then x = 3x then square(x) again: 10 x^2. */
  @Differentiable
  static double argumentReassignedAfterCall(double x) {
    double r = square(x);
    x = x * 3;
    r = r + square(x);
    return r;
  }

  /** A call in a branch, its argument reassigned after the join. */
  @Differentiable
  static double callInBranchArgumentReassigned(double x) {
    double r = 0;
    if (x > 0) {
      r = square(x);
    }
    x = 2 * x;
    return r + square(x) + x;
  }

  // ---------------------------------------------------------------- more recursion and call shapes

  /** x^n for n >= 0, recursing through an if with an early return and a local. */
  @Differentiable
  static double powerByIf(double x, int n) {
    if (n <= 0) {
      return 1;
    }
    double rest = powerByIf(x, n - 1);
    return x * rest;
  }

  /** Mutual recursion: even(x, n) = x odd(x, n - 1), even(x, 0) = 1. */
  @Differentiable
  static double even(double x, int n) {
    return n == 0 ? 1 : x * odd(x, n - 1);
  }

  /** Mutual recursion: odd(x, n) = x + even(x, n - 1), odd(x, 0) = x. */
  @Differentiable
  static double odd(double x, int n) {
    return n == 0 ? x : x + even(x, n - 1);
  }

  /** The same variable for both parameters: mulAdd(x, x) = x^2 + x. */
  @Differentiable
  static double sameArgumentTwice(double x) {
    return mulAdd(x, x);
  }

  /** A ternary as an argument: mulAdd(x > y ? x : y, xy). */
  @Differentiable
  static double ternaryArgument(double x, double y) {
    return mulAdd(x > y ? x : y, x * y);
  }

  /** Calls in a ternary's condition and both branches. */
  @Differentiable
  static double callsInTernary(double x, double y) {
    return mulAdd(x, 1) > 2 ? mulAdd(y, x) : mulAdd(x, y);
  }

  // ---------------------------------------------------------------- deprecated callee

  /**
   * An old version kept for compatibility: 3x^2.
   *
   * @deprecated use {@link #squarePlus(double)}; kept to check that calling it from generated
   *     code compiles without a deprecation warning.
   */
  @Deprecated
  @Differentiable
  static double legacyModel(double x) {
    return 3 * x * x;
  }

  /** Calls the deprecated method: 3x^2 + x. */
  @Differentiable
  static double callsDeprecated(double x) {
    return legacyModel(x) + x;
  }
}
