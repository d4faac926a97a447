package io.github.javagrad.corpus;

import io.github.javagrad.Differentiable;

/** A differentiable static method in a record. */
record RecordHolder(double a) {
  /** 5x. */
  @Differentiable
  static double f(double x) {
    return 5 * x;
  }
}
