package io.github.javagrad.benchmarks;

import io.github.javagrad.Differentiable;
import java.util.Random;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Workload 2: the Rosenbrock function {@code sum_{i<n-1} 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2} in
 * {@code n = 1000} dimensions, a loop over a {@code double[]}.
 */
public final class Rosenbrock {
  private Rosenbrock() {}

  /** The benchmarks' dimension. */
  public static final int N = 1000;

  /** The objective. */
  @Differentiable
  public static double rosenbrock(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double t = x[i + 1] - x[i] * x[i];
      double u = 1 - x[i];
      s += 100 * t * t + u * u;
    }
    return s;
  }

  /**
   * Hand-written gradient, one fused pass: writes the gradient into {@code grad} (overwriting it)
   * and returns the value.
   */
  public static double gradient(double[] x, double[] grad) {
    int n = x.length;
    double s = 0;
    double carry = 0; // 200 t_{i-1}, the contribution of term i-1 to x_i
    for (int i = 0; i < n - 1; i++) {
      double xi = x[i];
      double t = x[i + 1] - xi * xi;
      double u = 1 - xi;
      s += 100 * t * t + u * u;
      grad[i] = carry - 400 * t * xi - 2 * u;
      carry = 200 * t;
    }
    grad[n - 1] = carry;
    return s;
  }

  /** The objective in Hipparchus's forward-mode field; x's Gradients all have dimension n. */
  public static Gradient rosenbrock(Gradient[] x) {
    Gradient s = Gradient.constant(x[0].getFreeParameters(), 0);
    for (int i = 0; i < x.length - 1; i++) {
      Gradient t = x[i + 1].subtract(x[i].square());
      Gradient u = x[i].negate().add(1);
      s = s.add(t.square().multiply(100)).add(u.square());
    }
    return s;
  }

  /**
   * Hipparchus forward mode: one pass with a {@link Gradient} of dimension n (the n directional
   * derivatives carried together). Writes the gradient into {@code grad}, returns the value.
   */
  public static double hipparchus(double[] x, double[] grad) {
    int n = x.length;
    Gradient[] vars = new Gradient[n];
    for (int i = 0; i < n; i++) {
      vars[i] = Gradient.variable(n, i, x[i]);
    }
    Gradient y = rosenbrock(vars);
    System.arraycopy(y.getGradient(), 0, grad, 0, n);
    return y.getValue();
  }

  /** Central finite differences into {@code grad} (overwritten); returns the value. */
  public static double finiteDifferences(double[] x, double[] grad) {
    java.util.Arrays.fill(grad, 0);
    FiniteDifferences.addGradient(() -> rosenbrock(x), x, grad);
    return rosenbrock(x);
  }

  /** A point near the valley with a fixed seed. */
  public static double[] point(int n, long seed) {
    Random random = new Random(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 1 + 0.5 * random.nextGaussian();
    }
    return x;
  }
}
