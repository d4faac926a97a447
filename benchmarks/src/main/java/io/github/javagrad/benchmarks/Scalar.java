package io.github.javagrad.benchmarks;

import io.github.javagrad.Differentiable;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Workload 1: scalar straight-line code. The seeds' {@code f(a, b, c) = 3 (a + b c)} and the
 * logistic sigmoid {@code 1 / (1 + exp(-x))}.
 */
public final class Scalar {
  private Scalar() {}

  /** The seeds' function. */
  @Differentiable
  public static double f(double a, double b, double c) {
    return 3 * (a + b * c);
  }

  /** The logistic sigmoid. */
  @Differentiable
  public static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /** A value and three partials, the hand-written gradient's result. */
  public record Grad3(double value, double da, double db, double dc) {}

  /** A value and one derivative, the hand-written gradient's result. */
  public record Grad1(double value, double dx) {}

  /** Hand-written gradient of {@link #f}. */
  public static Grad3 fGradient(double a, double b, double c) {
    return new Grad3(3 * (a + b * c), 3, 3 * c, 3 * b);
  }

  /** Hand-written derivative of {@link #sigmoid}: {@code s (1 - s)}. */
  public static Grad1 sigmoidGradient(double x) {
    double s = 1 / (1 + Math.exp(-x));
    return new Grad1(s, s * (1 - s));
  }

  /** {@link #f} in Hipparchus's first-order forward-mode field. */
  public static Gradient f(Gradient a, Gradient b, Gradient c) {
    return a.add(b.multiply(c)).multiply(3);
  }

  /** {@link #sigmoid} in Hipparchus's first-order forward-mode field. */
  public static Gradient sigmoid(Gradient x) {
    return x.negate().exp().add(1).reciprocal();
  }

  /** Hipparchus forward mode: value and gradient of {@link #f}. */
  public static Grad3 fHipparchus(double a, double b, double c) {
    Gradient y = f(Gradient.variable(3, 0, a), Gradient.variable(3, 1, b), Gradient.variable(3, 2, c));
    return new Grad3(y.getValue(), y.getPartialDerivative(0), y.getPartialDerivative(1),
        y.getPartialDerivative(2));
  }

  /** Hipparchus forward mode: value and derivative of {@link #sigmoid}. */
  public static Grad1 sigmoidHipparchus(double x) {
    Gradient y = sigmoid(Gradient.variable(1, 0, x));
    return new Grad1(y.getValue(), y.getPartialDerivative(0));
  }

  /** Central finite differences of {@link #f}, step {@code cbrt(eps) max(1, |x|)}. */
  public static Grad3 fFiniteDifferences(double a, double b, double c) {
    double ha = FiniteDifferences.step(a);
    double hb = FiniteDifferences.step(b);
    double hc = FiniteDifferences.step(c);
    return new Grad3(
        f(a, b, c),
        (f(a + ha, b, c) - f(a - ha, b, c)) / (2 * ha),
        (f(a, b + hb, c) - f(a, b - hb, c)) / (2 * hb),
        (f(a, b, c + hc) - f(a, b, c - hc)) / (2 * hc));
  }

  /** Central finite differences of {@link #sigmoid}. */
  public static Grad1 sigmoidFiniteDifferences(double x) {
    double h = FiniteDifferences.step(x);
    return new Grad1(sigmoid(x), (sigmoid(x + h) - sigmoid(x - h)) / (2 * h));
  }
}
