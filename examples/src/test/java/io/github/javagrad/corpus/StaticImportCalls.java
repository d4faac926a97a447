package io.github.javagrad.corpus;

import static io.github.javagrad.corpus.other.Kernels.sigmoid;
import static io.github.javagrad.corpus.other.Kernels.softplus;

import io.github.javagrad.Differentiable;

/** Calls into another package through static imports. */
final class StaticImportCalls {
  private StaticImportCalls() {}

  /** softplus(x y) + sigmoid(x)^2. */
  @Differentiable
  static double f(double x, double y) {
    double s = sigmoid(x);
    return softplus(x * y) + s * s;
  }
}
