package io.github.javagrad.examples;

import io.github.javagrad.Differentiable;
import io.github.javagrad.GradientCheck;

/**
 * The slope of the sigmoid {@code 1 / (1 + exp(-x))}, and how it vanishes for large {@code x}.
 *
 * <p>Reproduces seeds 000/001/002: the forward differences {@code (sigmoid(x + e) - sigmoid(x)) /
 * e} with {@code e = 0.001} print {@code 0.1965664984852067} at {@code x = 1} and {@code
 * 2.0601298444944405e-09} at {@code x = 20}, and seed 002 differentiates by hand with {@code
 * sigmoid'(x) = sigmoid(x) (1 - sigmoid(x))}. javagrad's generated {@code
 * SigmoidExampleGradients.sigmoid} differentiates exactly, with no step to choose: {@code
 * 0.196611933241481...} at 1 and {@code 2.061153613941849e-9} at 20, eight orders of magnitude
 * below the peak {@code 0.25} at 0, which is the vanishing gradient the seeds warn about. At 20
 * javagrad's reverse sweep, which works out {@code exp(-x) / (1 + exp(-x))^2}, is correct to the
 * last digit, while the hand formula loses half of them to the cancellation in {@code 1 -
 * sigmoid(20)}.
 */
public final class SigmoidExample {
  private SigmoidExample() {}

  /** The logistic sigmoid; {@link NeuronStepExample} calls it too. */
  @Differentiable
  static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /** The seeds' step {@code e}. */
  static final double E = 0.001;

  /**
   * The slope of the sigmoid at one point, three ways.
   *
   * @param x the point
   * @param exact javagrad's derivative
   * @param forward the seeds' forward difference with step {@code e}
   * @param byHand seed 002's formula {@code sigmoid(x) (1 - sigmoid(x))}
   */
  record Slope(double x, double exact, double forward, double byHand) {}

  /** The slope at {@code x}: javagrad, the seeds' forward difference and the hand formula. */
  static Slope slope(double x) {
    double s = sigmoid(x);
    double forward =
        GradientCheck.of(p -> SigmoidExampleGradients.sigmoid(p[0]))
            .forwardDifferences()
            .step(E)
            .numericGradient(x)[0];
    return new Slope(x, SigmoidExampleGradients.sigmoid(x).dX(), forward, s * (1 - s));
  }

  public static void main(String[] args) {
    System.out.println("== Sigmoid: the slope of 1 / (1 + exp(-x)) vanishes, seeds 000/001/002");
    String row = "%-3s  %-22s  %-22s  %-22s%n";
    System.out.printf(row, "x", "javagrad", "forward, e = 0.001", "sigmoid (1 - sigmoid)");
    for (int x : new int[] {1, 20}) {
      Slope s = slope(x);
      System.out.printf(row, x, s.exact(), s.forward(), s.byHand());
    }
    System.out.println("At x = 20 the slope is about 1e-8 times its peak 0.25 at 0: it vanishes.");
    System.out.println("(1 - sigmoid(20) cancels, so there the hand formula has only 7 digits.)");
    System.out.println("sigmoid'(x) by javagrad for x = -10, -8, ..., 10:");
    for (int x = -10; x <= 10; x += 2) {
      SigmoidExampleGradients.Sigmoid s = SigmoidExampleGradients.sigmoid(x);
      System.out.printf("  x = %3d   sigmoid = %.6f   sigmoid' = %.3e%n", x, s.value(), s.dX());
    }
  }
}
