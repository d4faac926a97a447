package io.github.javagrad.corpus;

import io.github.javagrad.Differentiable;

/** A differentiable static method in an interface. */
interface InterfaceHolder {
  /** x^3. */
  @Differentiable
  static double f(double x) {
    return x * x * x;
  }
}
