package demo;

import io.github.javagrad.Differentiable;

/** A logistic neuron; javagrad writes {@code demo.NeuronGradients} for it at compile time. */
final class Neuron {
  private Neuron() {}

  @Differentiable
  static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /** Squared error of a neuron with weight w and bias b on one example (x, y). */
  @Differentiable(wrt = {"w", "b"})
  static double loss(double w, double b, double x, double y) {
    double error = sigmoid(w * x + b) - y;
    return error * error;
  }
}
