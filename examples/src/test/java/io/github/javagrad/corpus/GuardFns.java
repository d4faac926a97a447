package io.github.javagrad.corpus;

import io.github.javagrad.Differentiable;

/** Guard clauses and checks that throw, in methods returning a value. */
final class GuardFns {
  private GuardFns() {}

  /** log(x) for x > 0; the caller's mistake is an exception, not a NaN. */
  @Differentiable
  static double checkedLog(double x) throws IllegalArgumentException {
    if (!(x > 0)) {
      throw new IllegalArgumentException("log of a non-positive number: " + x);
    }
    return Math.log(x);
  }

  /** Newton's iteration for sqrt(a); gives up loudly instead of returning a poor value. */
  @Differentiable
  static double newtonSqrt(double a, int maxIterations) {
    if (a < 0) {
      throw new ArithmeticException("negative: " + a);
    }
    double x = a > 1 ? a : 1;
    int k = 0;
    while (Math.abs(x * x - a) > 1e-12 * Math.max(1, a)) {
      x = 0.5 * (x + a / x);
      k++;
      if (k > maxIterations) {
        throw new IllegalStateException("no convergence after " + maxIterations + " iterations");
      }
    }
    return x;
  }

  /** Reads a reassigned parameter in the message: the exception must show the value at the throw. */
  @Differentiable
  static double scaledChecked(double x, double scale) {
    x = x * scale;
    if (Double.isInfinite(x)) {
      throw new ArithmeticException("overflow: " + x);
    }
    return x * x;
  }
}
