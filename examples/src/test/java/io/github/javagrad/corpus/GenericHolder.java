package io.github.javagrad.corpus;

import io.github.javagrad.Differentiable;

/** A differentiable method in a generic class. */
final class GenericHolder<T> {
  private GenericHolder() {}

  /** x^2. */
  @Differentiable
  static double f(double x) {
    return x * x;
  }
}
