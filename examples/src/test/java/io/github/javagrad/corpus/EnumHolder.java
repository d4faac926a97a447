package io.github.javagrad.corpus;

import io.github.javagrad.Differentiable;

/** A differentiable static method in an enum. */
enum EnumHolder {
  ONE;

  /** 2x. */
  @Differentiable
  static double f(double x) {
    return 2 * x;
  }
}
