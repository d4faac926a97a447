package io.github.javagrad.corpus;

import io.github.javagrad.Differentiable;

/** Callees in a second class of the same package. */
final class CallTargets {
  private CallTargets() {}

  /** x^3. */
  @Differentiable
  static double cube(double x) {
    return x * x * x;
  }

  /** exp(x - y) + y; calls back into CallFns. */
  @Differentiable
  static double shifted(double x, double y) {
    return Math.exp(x - y) + CallFns.square(y) / 2;
  }
}
