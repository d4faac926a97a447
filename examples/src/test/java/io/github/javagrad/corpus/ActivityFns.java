package io.github.javagrad.corpus;

import io.github.javagrad.Differentiable;

/** Inactive parameters and intermediates, and wrt subsets. */
final class ActivityFns {
  private ActivityFns() {}

  /** y is never read. */
  @Differentiable
  static double unusedParameter(double x, double y) {
    return x * x;
  }

  /** y only decides a branch. */
  @Differentiable
  static double onlyInCondition(double x, double y) {
    return y > 0 ? x * 2 : x * 3;
  }

  /** y only through an int cast. */
  @Differentiable
  static double onlyThroughIntCast(double x, double y) {
    int k = (int) y;
    return x * (int) y + k;
  }

  /** y only through piecewise-constant functions. */
  @Differentiable
  static double onlyThroughSteps(double x, double y) {
    return x * Math.floor(y) + Math.signum(y) + Math.rint(y) * Math.ceil(y);
  }

  /** y only through a comparison stored in a flag. */
  @Differentiable
  static double onlyThroughFlag(double x, double y) {
    boolean b = y > x;
    return b ? x : 2 * x;
  }

  /** y is overwritten before it is read. */
  @Differentiable
  static double overwrittenBeforeUse(double x, double y) {
    y = 2;
    return x * y;
  }

  /** An intermediate of y is overwritten before use: the exp never reaches the result. */
  @Differentiable
  static double inactiveIntermediate(double x, double y) {
    double t = Math.exp(y);
    t = 5;
    return x * t;
  }

  /** A dead intermediate that is NaN or infinite for y <= 0 must not pollute the gradient. */
  @Differentiable
  static double deadIntermediate(double x, double y) {
    double unused = Math.log(y) * x;
    double alsoUnused = Math.sqrt(y) / y;
    return x * 2;
  }

  /** y only matters on the branch that is not taken for x > 0. */
  @Differentiable
  static double activeOnlyOnOtherBranch(double x, double y) {
    return x > 0 ? x * x : x * y;
  }

  /** A callee called with constant arguments: CallFns.square(3) x = 9x; y only as an int. */
  @Differentiable
  static double constantCallArguments(double x, double y) {
    return CallFns.square(3) * x + CallFns.scaleBy(2, (int) y);
  }

  /** Int and boolean parameters never get partials. */
  @Differentiable
  static double intAndBooleanParameters(double x, int n, boolean b, long m) {
    return b ? x * n : x * m;
  }

  // ---------------------------------------------------------------- wrt subsets

  /** wrt x only: xy. */
  @Differentiable(wrt = {"x"})
  static double wrtX(double x, double y) {
    return x * y;
  }

  /** wrt lists y before x: the record keeps parameter order. sin(x) y^2. */
  @Differentiable(wrt = {"y", "x"})
  static double wrtBothReordered(double x, double y) {
    return Math.sin(x) * y * y;
  }

  /** wrt the middle one of three, with an int parameter in between: a b^2 c n. */
  @Differentiable(wrt = {"b"})
  static double wrtMiddle(double a, int n, double b, double c) {
    return a * b * b * c * n + Math.exp(a * c);
  }

  /** wrt an explicit empty-looking subset of two out of three. */
  @Differentiable(wrt = {"a", "c"})
  static double wrtTwoOfThree(double a, double b, double c) {
    return a * b + b * c + Math.log(b * b + 1) + a * c;
  }

  /** A sqrt overwritten before it is read: x, d/dy = 0 even at y = 0 where sqrt' is infinite. */
  @Differentiable
  static double killedSqrt(double x, double y) {
    double t = Math.sqrt(y);
    t = 1;
    return x * t;
  }

  /** The sqrt is killed on one path only: d/dy = 0 for x > 0, 1/(2 sqrt y) x otherwise. */
  @Differentiable
  static double killedOnOnePath(double x, double y) {
    double t = Math.sqrt(y);
    if (x > 0) {
      t = 1;
    }
    return x * t;
  }
}
