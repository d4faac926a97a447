package io.github.javagrad.benchmarks;

import io.github.javagrad.Differentiable;
import java.util.Arrays;
import java.util.Random;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Workload 3: logistic-regression loss with an L2 penalty, 256 samples by 100 features,
 * differentiable in the weights: {@code (1/m) sum_i [log(1 + exp(z_i)) - y_i z_i] + (lambda/2)
 * ||w||^2} with {@code z_i = x_i . w}, the softplus written {@code max(z, 0) + log1p(exp(-|z|))}
 * so that it never overflows.
 */
public final class Logistic {
  private Logistic() {}

  public static final int SAMPLES = 256;
  public static final int FEATURES = 100;
  public static final double LAMBDA = 1e-2;

  /** The objective. */
  @Differentiable(wrt = {"w"})
  public static double loss(double[] w, double[][] xs, double[] ys, double lambda) {
    double total = 0;
    for (int i = 0; i < xs.length; i++) {
      double z = 0;
      for (int j = 0; j < w.length; j++) {
        z += xs[i][j] * w[j];
      }
      total += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - ys[i] * z;
    }
    double penalty = 0;
    for (int j = 0; j < w.length; j++) {
      penalty += w[j] * w[j];
    }
    return total / xs.length + 0.5 * lambda * penalty;
  }

  /**
   * Hand-written gradient {@code (1/m) X^T (sigmoid(z) - y) + lambda w}: writes it into {@code
   * grad} (overwritten) and returns the value. One pass over the data: each row's residual is
   * known as soon as its dot product is.
   */
  public static double gradient(double[] w, double[][] xs, double[] ys, double lambda,
      double[] grad) {
    int p = w.length;
    double penalty = 0;
    for (int j = 0; j < p; j++) {
      penalty += w[j] * w[j];
      grad[j] = lambda * w[j];
    }
    double invM = 1.0 / xs.length;
    double total = 0;
    for (int i = 0; i < xs.length; i++) {
      double[] x = xs[i];
      double z = 0;
      for (int j = 0; j < p; j++) {
        z += x[j] * w[j];
      }
      double e = Math.exp(-Math.abs(z));
      total += Math.max(z, 0) + Math.log1p(e) - ys[i] * z;
      double sigmoid = z >= 0 ? 1 / (1 + e) : e / (1 + e);
      double r = (sigmoid - ys[i]) * invM;
      for (int j = 0; j < p; j++) {
        grad[j] += r * x[j];
      }
    }
    return total * invM + 0.5 * lambda * penalty;
  }

  /** The objective in Hipparchus's forward-mode field. */
  public static Gradient loss(Gradient[] w, double[][] xs, double[] ys, double lambda) {
    Gradient zero = Gradient.constant(w[0].getFreeParameters(), 0);
    Gradient total = zero;
    for (int i = 0; i < xs.length; i++) {
      Gradient z = zero;
      for (int j = 0; j < w.length; j++) {
        z = z.add(w[j].multiply(xs[i][j]));
      }
      Gradient softplus =
          z.getReal() > 0
              ? z.add(z.negate().exp().log1p())
              : z.exp().log1p();
      total = total.add(softplus).subtract(z.multiply(ys[i]));
    }
    Gradient penalty = zero;
    for (int j = 0; j < w.length; j++) {
      penalty = penalty.add(w[j].square());
    }
    return total.divide(xs.length).add(penalty.multiply(0.5 * lambda));
  }

  /** Hipparchus forward mode with a {@link Gradient} of dimension p; gradient into grad. */
  public static double hipparchus(double[] w, double[][] xs, double[] ys, double lambda,
      double[] grad) {
    int p = w.length;
    Gradient[] vars = new Gradient[p];
    for (int j = 0; j < p; j++) {
      vars[j] = Gradient.variable(p, j, w[j]);
    }
    Gradient y = loss(vars, xs, ys, lambda);
    System.arraycopy(y.getGradient(), 0, grad, 0, p);
    return y.getValue();
  }

  /** Central finite differences into {@code grad} (overwritten); returns the value. */
  public static double finiteDifferences(double[] w, double[][] xs, double[] ys, double lambda,
      double[] grad) {
    Arrays.fill(grad, 0);
    FiniteDifferences.addGradient(() -> loss(w, xs, ys, lambda), w, grad);
    return loss(w, xs, ys, lambda);
  }

  /** Synthetic data with a fixed seed: Gaussian features, labels from a noisy linear model. */
  public static final class Data {
    public final double[] w;
    public final double[][] xs;
    public final double[] ys;

    public Data(int samples, int features, long seed) {
      Random random = new Random(seed);
      double[] truth = new double[features];
      for (int j = 0; j < features; j++) {
        truth[j] = random.nextGaussian() / Math.sqrt(features);
      }
      xs = new double[samples][features];
      ys = new double[samples];
      for (int i = 0; i < samples; i++) {
        double z = 0;
        for (int j = 0; j < features; j++) {
          xs[i][j] = random.nextGaussian();
          z += xs[i][j] * truth[j];
        }
        ys[i] = random.nextDouble() < 1 / (1 + Math.exp(-2 * z)) ? 1 : 0;
      }
      w = new double[features];
      for (int j = 0; j < features; j++) {
        w[j] = 0.3 * random.nextGaussian() / Math.sqrt(features);
      }
    }
  }
}
