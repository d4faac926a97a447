package io.github.javagrad;

/**
 * Partial derivatives with edge cases, called from generated gradients where an inline formula
 * would be wrong at some point. Each follows PyTorch's convention at points where the function is
 * not differentiable, and propagates NaN when an argument is NaN.
 *
 * <p>Generated code writes every other derivative inline ({@code Math.cos(x)}, {@code 1 - y * y}).
 */
public final class Derivatives {
  /** {@code Math.log(10)}, for the derivative of {@code log10}. */
  public static final double LN_10 = Math.log(10);

  private Derivatives() {}

  /**
   * {@code ∂ max(u, v) / ∂u}: 1 where {@code u > v}, 0 where {@code u < v}, and 1/2 at a tie,
   * splitting the gradient evenly between the two arguments as PyTorch's {@code maximum} does.
   * NaN if either argument is NaN.
   */
  public static double maxPartial(double u, double v) {
    if (u > v) {
      return 1;
    }
    if (u < v) {
      return 0;
    }
    return u == v ? 0.5 : Double.NaN;
  }

  /** {@code ∂ min(u, v) / ∂u}: 1 where {@code u < v}, 0 where {@code u > v}, 1/2 at a tie. */
  public static double minPartial(double u, double v) {
    return maxPartial(v, u);
  }

  /**
   * {@code ∂ pow(u, v) / ∂u = v * pow(u, v - 1)}, and 0 when {@code v == 0} (where the formula
   * gives {@code 0 * pow(0, -1) = NaN} at {@code u = 0} although {@code pow(u, 0)} is constant).
   */
  public static double powBasePartial(double u, double v) {
    return v == 0 ? 0 : v * Math.pow(u, v - 1);
  }

  /**
   * {@code ∂ pow(u, v) / ∂v = pow(u, v) * log(u)}, given the result {@code y = pow(u, v)}; 0 at
   * {@code u == 0, v >= 0}, where the formula gives {@code 0 * -inf = NaN} (PyTorch's masking).
   */
  public static double powExponentPartial(double u, double v, double y) {
    return u == 0 && v >= 0 ? 0 : y * Math.log(u);
  }

  /**
   * {@code ∂ hypot(u, v) / ∂u = u / hypot(u, v)}, given the result {@code y}; 0 at the origin,
   * the minimum-norm subgradient, as for PyTorch's {@code norm}.
   */
  public static double hypotPartial(double u, double y) {
    return y == 0 ? 0 : u / y;
  }

  /**
   * {@code ∂ copySign(m, s) / ∂m}: {@code ±1} according to whether the signs of {@code m} and
   * {@code s} agree, and 0 at {@code m == 0} (the subgradient of {@code |m|} PyTorch uses).
   */
  public static double copySignPartial(double m, double s) {
    return Math.signum(m) * Math.copySign(1.0, s);
  }
}
