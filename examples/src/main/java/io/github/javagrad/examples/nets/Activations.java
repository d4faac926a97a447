package io.github.javagrad.examples.nets;

import io.github.javagrad.Differentiable;

/**
 * The logistic sigmoid as a {@link Differentiable} scalar method, called by the networks of this
 * package; javagrad chains through its generated pullback. Its derivative, generated as {@code
 * ActivationsGradients.sigmoid(x).dX()}, is the curve that seed 000 plots and seeds 002/003 blame
 * for vanishing gradients.
 */
public final class Activations {
  private Activations() {}

  /** {@code 1 / (1 + exp(-x))}. */
  @Differentiable
  static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
