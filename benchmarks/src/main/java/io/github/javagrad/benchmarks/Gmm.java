package io.github.javagrad.benchmarks;

import io.github.javagrad.Differentiable;
import java.util.Arrays;
import java.util.Random;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Workload 5: the Gaussian mixture model objective of Microsoft's ADBench ({@code gmm_objective}),
 * d = 10, K = 25, n = 1000 points (1,650 parameters).
 *
 * <p>Parameters: {@code alphas[K]}, {@code means[K][d]}, {@code icf[K][d (d + 1) / 2]}: the first d
 * entries of {@code icf[k]} are the log-diagonal of the inverse Cholesky factor {@code Q_k}, the
 * rest its strictly-lower-triangular entries column by column (ADBench's order). The objective is
 *
 * <pre>
 *   sum_i logsumexp_k(alphas[k] + sum(Qdiag_k) - 0.5 ||Q_k (x_i - mu_k)||^2)
 *     - n logsumexp(alphas)
 *     + sum_k 0.5 gamma^2 (||exp(Qdiag_k)||^2 + ||Qoffdiag_k||^2) - m sum(Qdiag_k)
 * </pre>
 *
 * with gamma = 1, m = 0 in the benchmarks. ADBench's constants {@code -n d / 2 log(2 pi)} and the
 * Wishart normaliser {@code -K C(d, m, gamma)} are dropped: they do not depend on the parameters,
 * so they have no gradient.
 */
public final class Gmm {
  private Gmm() {}

  public static final int D = 10;
  public static final int K = 25;
  public static final int N = 1000;

  /** The objective (see the class comment). */
  @Differentiable(wrt = {"alphas", "means", "icf"})
  public static double objective(double[] alphas, double[][] means, double[][] icf,
      double[][] x, double gamma, int m) {
    int k = alphas.length;
    int d = means[0].length;
    double[][] qdiags = new double[k][d];
    double[] sumQs = new double[k];
    for (int ik = 0; ik < k; ik++) {
      for (int id = 0; id < d; id++) {
        qdiags[ik][id] = Math.exp(icf[ik][id]);
        sumQs[ik] += icf[ik][id];
      }
    }
    double[] xc = new double[d];
    double[] qxc = new double[d];
    double[] mainTerm = new double[k];
    double slse = 0;
    for (int ix = 0; ix < x.length; ix++) {
      for (int ik = 0; ik < k; ik++) {
        for (int id = 0; id < d; id++) {
          xc[id] = x[ix][id] - means[ik][id];
          qxc[id] = qdiags[ik][id] * xc[id];
        }
        int l = d;
        for (int i = 0; i < d; i++) {
          for (int j = i + 1; j < d; j++) {
            qxc[j] += icf[ik][l] * xc[i];
            l++;
          }
        }
        double sq = 0;
        for (int id = 0; id < d; id++) {
          sq += qxc[id] * qxc[id];
        }
        mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sq;
      }
      slse += logsumexp(mainTerm);
    }
    double prior = 0;
    for (int ik = 0; ik < k; ik++) {
      double frobenius = 0;
      for (int id = 0; id < d; id++) {
        frobenius += qdiags[ik][id] * qdiags[ik][id];
      }
      for (int l = d; l < icf[ik].length; l++) {
        frobenius += icf[ik][l] * icf[ik][l];
      }
      prior += 0.5 * gamma * gamma * frobenius - m * sumQs[ik];
    }
    return slse - x.length * logsumexp(alphas) + prior;
  }

  /** {@code log(sum_i exp(v_i))}, shifted by the largest entry. */
  @Differentiable
  public static double logsumexp(double[] v) {
    double max = v[0];
    for (int i = 1; i < v.length; i++) {
      max = Math.max(max, v[i]);
    }
    double sum = 0;
    for (int i = 0; i < v.length; i++) {
      sum += Math.exp(v[i] - max);
    }
    return Math.log(sum) + max;
  }

  /** Plain (non-differentiable) log-sum-exp for the hand-written gradient. */
  static double lse(double[] v) {
    double max = Double.NEGATIVE_INFINITY;
    for (double e : v) {
      max = Math.max(max, e);
    }
    double sum = 0;
    for (double e : v) {
      sum += Math.exp(e - max);
    }
    return Math.log(sum) + max;
  }

  /** The gradient's outputs, each the shape of its parameter. */
  public static final class Grad {
    public final double[] alphas;
    public final double[][] means;
    public final double[][] icf;

    public Grad(int d, int k) {
      alphas = new double[k];
      means = new double[k][d];
      icf = new double[k][d * (d + 1) / 2];
    }

    public void clear() {
      Arrays.fill(alphas, 0);
      Flat.clear(means);
      Flat.clear(icf);
    }

    /** All partials flattened in parameter order (alphas, means rows, icf rows). */
    public double[] flatten() {
      return Flat.concat(alphas, means, icf);
    }
  }

  /** Scratch of the hand-written gradient, reused across calls. */
  public static final class Scratch {
    final double[][] qdiags;
    final double[] sumQs;
    final double[][] dQdiags;
    final double[] dSumQs;
    final double[][] xc;
    final double[][] qxc;
    final double[] mainTerm;
    final double[] dxc;

    public Scratch(int d, int k) {
      qdiags = new double[k][d];
      sumQs = new double[k];
      dQdiags = new double[k][d];
      dSumQs = new double[k];
      xc = new double[k][d];
      qxc = new double[k][d];
      mainTerm = new double[k];
      dxc = new double[d];
    }
  }

  /**
   * Hand-written reverse mode, the way ADBench's manual gradient is organised: per point, a
   * forward pass over the K components that keeps each {@code x - mu_k} and {@code Q_k (x - mu_k)}
   * (K d values), then the backward pass with the softmax weights of the main terms; the adjoints
   * of {@code exp(Qdiag)} and {@code sum(Qdiag)} are accumulated over points and chained into
   * {@code icf} once at the end. Writes the gradient into {@code g} (overwritten), returns the
   * value.
   */
  public static double gradient(double[] alphas, double[][] means, double[][] icf,
      double[][] x, double gamma, int m, Grad g, Scratch s) {
    int k = alphas.length;
    int d = means[0].length;
    g.clear();
    Flat.clear(s.dQdiags);
    Arrays.fill(s.dSumQs, 0);
    for (int ik = 0; ik < k; ik++) {
      double sumQ = 0;
      for (int id = 0; id < d; id++) {
        s.qdiags[ik][id] = Math.exp(icf[ik][id]);
        sumQ += icf[ik][id];
      }
      s.sumQs[ik] = sumQ;
    }
    double[] mainTerm = s.mainTerm;
    double[] dxc = s.dxc;
    double slse = 0;
    for (int ix = 0; ix < x.length; ix++) {
      double[] xi = x[ix];
      for (int ik = 0; ik < k; ik++) {
        double[] xc = s.xc[ik];
        double[] qxc = s.qxc[ik];
        double[] mu = means[ik];
        double[] qdiag = s.qdiags[ik];
        double[] l = icf[ik];
        for (int id = 0; id < d; id++) {
          xc[id] = xi[id] - mu[id];
          qxc[id] = qdiag[id] * xc[id];
        }
        int li = d;
        for (int i = 0; i < d; i++) {
          double xci = xc[i];
          for (int j = i + 1; j < d; j++) {
            qxc[j] += l[li++] * xci;
          }
        }
        double sq = 0;
        for (int id = 0; id < d; id++) {
          sq += qxc[id] * qxc[id];
        }
        mainTerm[ik] = alphas[ik] + s.sumQs[ik] - 0.5 * sq;
      }
      double lse = lse(mainTerm);
      slse += lse;
      for (int ik = 0; ik < k; ik++) {
        double w = Math.exp(mainTerm[ik] - lse); // d lse / d mainTerm[ik]
        g.alphas[ik] += w;
        s.dSumQs[ik] += w;
        double[] xc = s.xc[ik];
        double[] qxc = s.qxc[ik];
        double[] qdiag = s.qdiags[ik];
        double[] dQdiag = s.dQdiags[ik];
        double[] l = icf[ik];
        double[] dl = g.icf[ik];
        double[] dMu = g.means[ik];
        // d mainTerm / d qxc = -qxc, so the adjoint of qxc is -w qxc (kept in qxc itself).
        for (int id = 0; id < d; id++) {
          qxc[id] *= -w;
          dQdiag[id] += qxc[id] * xc[id];
          dxc[id] = qdiag[id] * qxc[id];
        }
        int li = d;
        for (int i = 0; i < d; i++) {
          double xci = xc[i];
          double acc = 0;
          for (int j = i + 1; j < d; j++) {
            dl[li] += qxc[j] * xci;
            acc += l[li] * qxc[j];
            li++;
          }
          dxc[i] += acc;
        }
        for (int id = 0; id < d; id++) {
          dMu[id] -= dxc[id];
        }
      }
    }
    double lseAlphas = lse(alphas);
    for (int ik = 0; ik < k; ik++) {
      g.alphas[ik] -= x.length * Math.exp(alphas[ik] - lseAlphas);
    }
    double g2 = gamma * gamma;
    double prior = 0;
    for (int ik = 0; ik < k; ik++) {
      double[] qdiag = s.qdiags[ik];
      double[] dQdiag = s.dQdiags[ik];
      double[] l = icf[ik];
      double[] dl = g.icf[ik];
      double frobenius = 0;
      for (int id = 0; id < d; id++) {
        frobenius += qdiag[id] * qdiag[id];
        dQdiag[id] += g2 * qdiag[id];
      }
      for (int li = d; li < l.length; li++) {
        frobenius += l[li] * l[li];
        dl[li] += g2 * l[li];
      }
      prior += 0.5 * g2 * frobenius - m * s.sumQs[ik];
      double dSumQ = s.dSumQs[ik] - m;
      for (int id = 0; id < d; id++) {
        dl[id] += dQdiag[id] * qdiag[id] + dSumQ;
      }
    }
    return slse - x.length * lseAlphas + prior;
  }

  /** The objective in Hipparchus's forward-mode field. */
  public static Gradient objective(Gradient[] alphas, Gradient[][] means, Gradient[][] icf,
      double[][] x, double gamma, int m) {
    int k = alphas.length;
    int d = means[0].length;
    Gradient zero = Gradient.constant(alphas[0].getFreeParameters(), 0);
    Gradient[][] qdiags = new Gradient[k][d];
    Gradient[] sumQs = new Gradient[k];
    for (int ik = 0; ik < k; ik++) {
      sumQs[ik] = zero;
      for (int id = 0; id < d; id++) {
        qdiags[ik][id] = icf[ik][id].exp();
        sumQs[ik] = sumQs[ik].add(icf[ik][id]);
      }
    }
    Gradient[] xc = new Gradient[d];
    Gradient[] qxc = new Gradient[d];
    Gradient[] mainTerm = new Gradient[k];
    Gradient slse = zero;
    for (int ix = 0; ix < x.length; ix++) {
      for (int ik = 0; ik < k; ik++) {
        for (int id = 0; id < d; id++) {
          xc[id] = means[ik][id].negate().add(x[ix][id]);
          qxc[id] = qdiags[ik][id].multiply(xc[id]);
        }
        int l = d;
        for (int i = 0; i < d; i++) {
          for (int j = i + 1; j < d; j++) {
            qxc[j] = qxc[j].add(icf[ik][l].multiply(xc[i]));
            l++;
          }
        }
        Gradient sq = zero;
        for (int id = 0; id < d; id++) {
          sq = sq.add(qxc[id].square());
        }
        mainTerm[ik] = alphas[ik].add(sumQs[ik]).subtract(sq.multiply(0.5));
      }
      slse = slse.add(logsumexp(mainTerm));
    }
    Gradient prior = zero;
    for (int ik = 0; ik < k; ik++) {
      Gradient frobenius = zero;
      for (int id = 0; id < d; id++) {
        frobenius = frobenius.add(qdiags[ik][id].square());
      }
      for (int l = d; l < icf[ik].length; l++) {
        frobenius = frobenius.add(icf[ik][l].square());
      }
      prior = prior.add(frobenius.multiply(0.5 * gamma * gamma)).subtract(sumQs[ik].multiply(m));
    }
    return slse.subtract(logsumexp(alphas).multiply(x.length)).add(prior);
  }

  static Gradient logsumexp(Gradient[] v) {
    double max = Double.NEGATIVE_INFINITY;
    for (Gradient e : v) {
      max = Math.max(max, e.getValue());
    }
    Gradient sum = Gradient.constant(v[0].getFreeParameters(), 0);
    for (Gradient e : v) {
      sum = sum.add(e.subtract(max).exp());
    }
    return sum.log().add(max);
  }

  /**
   * Hipparchus forward mode, strip-mined: {@code chunk} parameters per pass as a {@link Gradient}
   * of that dimension, {@code ceil(1650 / chunk)} passes. Writes the flattened gradient (alphas,
   * means rows, icf rows) into {@code grad}; returns the value.
   */
  public static double hipparchus(double[] alphas, double[][] means, double[][] icf,
      double[][] x, double gamma, int m, int chunk, double[] grad) {
    double[] flat = Flat.concat(alphas, means, icf);
    int total = flat.length;
    double value = Double.NaN;
    for (int start = 0; start < total; start += chunk) {
      int dim = Math.min(chunk, total - start);
      Gradient[] vars = Flat.variables(flat, start, dim);
      int[] at = {0};
      Gradient[] ga = Flat.take(vars, at, alphas.length);
      Gradient[][] gm = Flat.take(vars, at, means.length, means[0].length);
      Gradient[][] gi = Flat.take(vars, at, icf.length, icf[0].length);
      Gradient y = objective(ga, gm, gi, x, gamma, m);
      System.arraycopy(y.getGradient(), 0, grad, start, dim);
      value = y.getValue();
    }
    return value;
  }

  /** Central finite differences into {@code g} (overwritten); returns the value. */
  public static double finiteDifferences(double[] alphas, double[][] means, double[][] icf,
      double[][] x, double gamma, int m, Grad g) {
    g.clear();
    FiniteDifferences.Objective f = () -> objective(alphas, means, icf, x, gamma, m);
    FiniteDifferences.addGradient(f, alphas, g.alphas);
    FiniteDifferences.addGradient(f, means, g.means);
    FiniteDifferences.addGradient(f, icf, g.icf);
    return f.value();
  }

  /** Parameters and points with a fixed seed (ADBench draws its inputs at random too). */
  public static final class Data {
    public final double[] alphas;
    public final double[][] means;
    public final double[][] icf;
    public final double[][] x;
    public final double gamma = 1;
    public final int m = 0;

    public Data(int d, int k, int n, long seed) {
      Random random = new Random(seed);
      alphas = Flat.gaussian(random, 1, k, 1)[0];
      means = Flat.gaussian(random, k, d, 1);
      icf = Flat.gaussian(random, k, d * (d + 1) / 2, 0.1);
      x = Flat.gaussian(random, n, d, 1);
    }
  }
}
