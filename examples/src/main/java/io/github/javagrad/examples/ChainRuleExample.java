package io.github.javagrad.examples;

import io.github.javagrad.Differentiable;
import io.github.javagrad.GradientCheck;

/**
 * The gradient of {@code f(a, b, c) = 3 (a + b c)} at {@code p = (5, 3, 2)}: exact from javagrad,
 * approximate from finite differences.
 *
 * <p>Reproduces seeds 000/001 ("Backpropagation honorable notes"), which estimate the gradient
 * with forward differences {@code (f(p + e e_i) - f(p)) / e}, {@code e = 0.01}, and print {@code
 * 33}, {@code 3.0000000000001137}, {@code 6.000000000000227} and {@code 8.99999999999963}. The
 * generated {@code ChainRuleExampleGradients.f} returns the value and the exact gradient {@code
 * (3, 6, 9)} from one backward sweep. {@link GradientCheck} with an explicit step computes the
 * seed's quotients bit for bit, and central differences beside them.
 */
public final class ChainRuleExample {
  private ChainRuleExample() {}

  /** The seeds' function. */
  @Differentiable
  static double f(double a, double b, double c) {
    return 3 * (a + b * c);
  }

  /** The seeds' step {@code e}. */
  static final double E = 0.01;

  /**
   * The example's numbers.
   *
   * @param exact javagrad's value and gradient at {@code (5, 3, 2)}
   * @param forward the seeds' forward differences with step {@code e}
   * @param central central differences {@code (f(p + e e_i) - f(p - e e_i)) / 2e}
   */
  record Numbers(ChainRuleExampleGradients.F exact, double[] forward, double[] central) {}

  /** Computes value, gradient and difference quotients at {@code (5, 3, 2)}. */
  static Numbers compute() {
    GradientCheck differences =
        GradientCheck.of(p -> ChainRuleExampleGradients.f(p[0], p[1], p[2])).step(E);
    return new Numbers(
        ChainRuleExampleGradients.f(5, 3, 2),
        differences.forwardDifferences().numericGradient(5, 3, 2),
        differences.centralDifferences().numericGradient(5, 3, 2));
  }

  public static void main(String[] args) {
    Numbers n = compute();
    System.out.println("== Chain rule: f(a, b, c) = 3 (a + b c) at p = (5, 3, 2), seeds 000/001");
    System.out.println("f(p) = " + n.exact().value());
    String row = "%-6s  %-9s  %-20s  %-20s%n";
    System.out.printf(row, "", "javagrad", "forward, e = 0.01", "central, e = 0.01");
    String[] names = {"df/da", "df/db", "df/dc"};
    double[] exact = n.exact().gradient();
    for (int i = 0; i < names.length; i++) {
      System.out.printf(row, names[i], exact[i], n.forward()[i], n.central()[i]);
    }
    System.out.println("f is linear in each variable, so neither quotient has truncation error;");
    System.out.println("their stray digits are floating-point rounding.");
  }
}
