package io.github.javagrad.benchmarks;

import io.github.javagrad.Differentiable;
import java.util.Random;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Workload 4: the mean cross-entropy of a 2-layer perceptron over a batch of 64: 64 inputs, 128
 * tanh hidden units, 10 softmax outputs, differentiable in both weight matrices and both bias
 * vectors (9,610 parameters). Weights are stored output-major, {@code w1[hidden][input]} and {@code
 * w2[output][hidden]}, so that every inner loop walks a row.
 */
public final class Mlp {
  private Mlp() {}

  public static final int BATCH = 64;
  public static final int INPUTS = 64;
  public static final int HIDDEN = 128;
  public static final int OUTPUTS = 10;

  /**
   * The objective: {@code (1/B) sum_n [logsumexp(z_n) - z_n[label_n]]} with {@code z_n = w2
   * tanh(w1 x_n + b1) + b2}; the log-sum-exp is shifted by the largest logit.
   */
  @Differentiable(wrt = {"w1", "b1", "w2", "b2"})
  public static double loss(double[][] w1, double[] b1, double[][] w2, double[] b2,
      double[][] xs, int[] labels) {
    double[] h = new double[b1.length];
    double[] z = new double[b2.length];
    double total = 0;
    for (int n = 0; n < xs.length; n++) {
      for (int j = 0; j < b1.length; j++) {
        double a = b1[j];
        for (int i = 0; i < xs[n].length; i++) {
          a += w1[j][i] * xs[n][i];
        }
        h[j] = Math.tanh(a);
      }
      for (int k = 0; k < b2.length; k++) {
        double s = b2[k];
        for (int j = 0; j < b1.length; j++) {
          s += w2[k][j] * h[j];
        }
        z[k] = s;
      }
      double max = z[0];
      for (int k = 1; k < b2.length; k++) {
        max = Math.max(max, z[k]);
      }
      double sum = 0;
      for (int k = 0; k < b2.length; k++) {
        sum += Math.exp(z[k] - max);
      }
      total += max + Math.log(sum) - z[labels[n]];
    }
    return total / xs.length;
  }

  /** The hand-written gradient's output arrays, each the shape of its parameter. */
  public static final class Grad {
    public final double[][] w1;
    public final double[] b1;
    public final double[][] w2;
    public final double[] b2;

    public Grad(int inputs, int hidden, int outputs) {
      w1 = new double[hidden][inputs];
      b1 = new double[hidden];
      w2 = new double[outputs][hidden];
      b2 = new double[outputs];
    }

    /** Zeroes every entry. */
    public void clear() {
      for (double[] row : w1) {
        java.util.Arrays.fill(row, 0);
      }
      java.util.Arrays.fill(b1, 0);
      for (double[] row : w2) {
        java.util.Arrays.fill(row, 0);
      }
      java.util.Arrays.fill(b2, 0);
    }

    /** All partials flattened in parameter order (w1 rows, b1, w2 rows, b2). */
    public double[] flatten() {
      return Flat.concat(w1, b1, w2, b2);
    }
  }

  /** Per-call scratch of the hand-written gradient (reused across calls, as a trainer would). */
  public static final class Scratch {
    final double[] h;
    final double[] z;
    final double[] dh;

    public Scratch(int hidden, int outputs) {
      h = new double[hidden];
      z = new double[outputs];
      dh = new double[hidden];
    }
  }

  /**
   * Hand-written backpropagation, one sample at a time (forward, then backward at once, so no
   * activation is stored beyond the sample): {@code dz = (softmax(z) - onehot) / B}, {@code dW2
   * += dz h^T}, {@code dh = W2^T dz}, {@code da = dh (1 - h^2)}, {@code dW1 += da x^T}. Writes the
   * gradient into {@code g} (overwritten) and returns the loss.
   */
  public static double gradient(double[][] w1, double[] b1, double[][] w2, double[] b2,
      double[][] xs, int[] labels, Grad g, Scratch s) {
    g.clear();
    int hidden = b1.length;
    int outputs = b2.length;
    double[] h = s.h;
    double[] z = s.z;
    double[] dh = s.dh;
    double invB = 1.0 / xs.length;
    double total = 0;
    for (int n = 0; n < xs.length; n++) {
      double[] x = xs[n];
      for (int j = 0; j < hidden; j++) {
        double[] row = w1[j];
        double a = b1[j];
        for (int i = 0; i < x.length; i++) {
          a += row[i] * x[i];
        }
        h[j] = Math.tanh(a);
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < outputs; k++) {
        double[] row = w2[k];
        double v = b2[k];
        for (int j = 0; j < hidden; j++) {
          v += row[j] * h[j];
        }
        z[k] = v;
        max = Math.max(max, v);
      }
      double sum = 0;
      for (int k = 0; k < outputs; k++) {
        z[k] = Math.exp(z[k] - max); // z now holds the unnormalised probabilities
        sum += z[k];
      }
      int label = labels[n];
      total += max + Math.log(sum) - (Math.log(z[label]) + max);
      // backward
      java.util.Arrays.fill(dh, 0);
      double scale = invB / sum;
      for (int k = 0; k < outputs; k++) {
        double dz = z[k] * scale - (k == label ? invB : 0);
        g.b2[k] += dz;
        double[] row = w2[k];
        double[] grow = g.w2[k];
        for (int j = 0; j < hidden; j++) {
          grow[j] += dz * h[j];
          dh[j] += dz * row[j];
        }
      }
      for (int j = 0; j < hidden; j++) {
        double da = dh[j] * (1 - h[j] * h[j]);
        g.b1[j] += da;
        double[] grow = g.w1[j];
        for (int i = 0; i < x.length; i++) {
          grow[i] += da * x[i];
        }
      }
    }
    return total * invB;
  }

  /** The objective in Hipparchus's forward-mode field. */
  public static Gradient loss(Gradient[][] w1, Gradient[] b1, Gradient[][] w2, Gradient[] b2,
      double[][] xs, int[] labels) {
    Gradient[] h = new Gradient[b1.length];
    Gradient[] z = new Gradient[b2.length];
    Gradient total = Gradient.constant(b1[0].getFreeParameters(), 0);
    for (int n = 0; n < xs.length; n++) {
      for (int j = 0; j < b1.length; j++) {
        Gradient a = b1[j];
        for (int i = 0; i < xs[n].length; i++) {
          a = a.add(w1[j][i].multiply(xs[n][i]));
        }
        h[j] = a.tanh();
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < b2.length; k++) {
        Gradient s = b2[k];
        for (int j = 0; j < b1.length; j++) {
          s = s.add(w2[k][j].multiply(h[j]));
        }
        z[k] = s;
        max = Math.max(max, s.getValue());
      }
      // The shift by max has derivative 0 in total, so a constant shift gives the same gradient.
      Gradient sum = Gradient.constant(total.getFreeParameters(), 0);
      for (int k = 0; k < b2.length; k++) {
        sum = sum.add(z[k].subtract(max).exp());
      }
      total = total.add(sum.log().add(max)).subtract(z[labels[n]]);
    }
    return total.divide(xs.length);
  }

  /**
   * Hipparchus forward mode: strip-mined, {@code chunk} parameters per pass as a {@link Gradient}
   * of that dimension (all other parameters constants), {@code ceil(9610 / chunk)} passes. Writes
   * the flattened gradient (w1 rows, b1, w2 rows, b2) into {@code grad}; returns the value.
   */
  public static double hipparchus(double[][] w1, double[] b1, double[][] w2, double[] b2,
      double[][] xs, int[] labels, int chunk, double[] grad) {
    double[] flat = Flat.concat(w1, b1, w2, b2);
    int total = flat.length;
    double value = Double.NaN;
    for (int start = 0; start < total; start += chunk) {
      int dim = Math.min(chunk, total - start);
      Gradient[] vars = Flat.variables(flat, start, dim);
      int[] at = {0};
      Gradient[][] gw1 = Flat.take(vars, at, w1.length, w1[0].length);
      Gradient[] gb1 = Flat.take(vars, at, b1.length);
      Gradient[][] gw2 = Flat.take(vars, at, w2.length, w2[0].length);
      Gradient[] gb2 = Flat.take(vars, at, b2.length);
      Gradient y = loss(gw1, gb1, gw2, gb2, xs, labels);
      System.arraycopy(y.getGradient(), 0, grad, start, dim);
      value = y.getValue();
    }
    return value;
  }

  /** Central finite differences into {@code g} (overwritten); returns the value. */
  public static double finiteDifferences(double[][] w1, double[] b1, double[][] w2, double[] b2,
      double[][] xs, int[] labels, Grad g) {
    g.clear();
    FiniteDifferences.Objective f = () -> loss(w1, b1, w2, b2, xs, labels);
    FiniteDifferences.addGradient(f, w1, g.w1);
    FiniteDifferences.addGradient(f, b1, g.b1);
    FiniteDifferences.addGradient(f, w2, g.w2);
    FiniteDifferences.addGradient(f, b2, g.b2);
    return f.value();
  }

  /** Weights (Glorot-style scale), a batch of Gaussian inputs and random labels, fixed seed. */
  public static final class Data {
    public final double[][] w1;
    public final double[] b1;
    public final double[][] w2;
    public final double[] b2;
    public final double[][] xs;
    public final int[] labels;

    public Data(int batch, int inputs, int hidden, int outputs, long seed) {
      Random random = new Random(seed);
      w1 = Flat.gaussian(random, hidden, inputs, 1 / Math.sqrt(inputs));
      b1 = Flat.gaussian(random, 1, hidden, 0.1)[0];
      w2 = Flat.gaussian(random, outputs, hidden, 1 / Math.sqrt(hidden));
      b2 = Flat.gaussian(random, 1, outputs, 0.1)[0];
      xs = Flat.gaussian(random, batch, inputs, 1);
      labels = new int[batch];
      for (int n = 0; n < batch; n++) {
        labels[n] = random.nextInt(outputs);
      }
    }
  }
}
