package io.github.javagrad.benchmarks;

/**
 * Central finite differences written as a hand loop over the coordinates of the differentiated
 * arrays: {@code (f(x + h e_i) - f(x - h e_i)) / 2h} with GradientCheck's step {@code h =
 * cbrt(2^-52) max(1, |x_i|)}, made exactly representable. The loop perturbs the caller's arrays in
 * place and restores each coordinate, so it allocates nothing; the cost is {@code 2 n} objective
 * calls for {@code n} parameters.
 */
public final class FiniteDifferences {
  private FiniteDifferences() {}

  private static final double BASE_STEP = Math.cbrt(Math.ulp(1.0));

  /** The step for coordinate value {@code x}, made exactly representable. */
  public static double step(double x) {
    double h = BASE_STEP * Math.max(1, Math.abs(x));
    double t = x + h;
    return t - x;
  }

  /** An objective evaluated at the caller's (perturbed) arrays. */
  @FunctionalInterface
  public interface Objective {
    double value();
  }

  /**
   * Adds the central differences of {@code f} with respect to every coordinate of {@code x} into
   * {@code grad} (same length).
   */
  public static void addGradient(Objective f, double[] x, double[] grad) {
    for (int i = 0; i < x.length; i++) {
      double xi = x[i];
      double h = step(xi);
      x[i] = xi + h;
      double plus = f.value();
      x[i] = xi - h;
      double minus = f.value();
      x[i] = xi;
      grad[i] += (plus - minus) / (2 * h);
    }
  }

  /** {@link #addGradient(Objective, double[], double[])} for each row of a matrix. */
  public static void addGradient(Objective f, double[][] x, double[][] grad) {
    for (int r = 0; r < x.length; r++) {
      addGradient(f, x[r], grad[r]);
    }
  }
}
