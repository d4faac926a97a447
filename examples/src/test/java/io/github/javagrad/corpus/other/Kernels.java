package io.github.javagrad.corpus.other;

import io.github.javagrad.Differentiable;

/** Differentiable functions in another package, called from the corpus package. */
public final class Kernels {
  private Kernels() {}

  /** log(1 + e^x); d/dx = sigmoid(x). */
  @Differentiable
  public static double softplus(double x) {
    return Math.log1p(Math.exp(x));
  }

  /** 1 / (1 + e^-x); d/dx = s (1 - s). */
  @Differentiable
  public static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /** w x^2 n + w; d/dx = 2 w x n, d/dw = x^2 n + 1. */
  @Differentiable
  public static double weighted(double x, double w, int n) {
    return w * x * x * n + w;
  }

  /** Only w is differentiated: d/dw = x^3. */
  @Differentiable(wrt = {"w"})
  public static double weightOnly(double x, double w) {
    return w * x * x * x;
  }
}
