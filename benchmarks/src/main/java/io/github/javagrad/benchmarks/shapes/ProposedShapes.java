package io.github.javagrad.benchmarks.shapes;

import io.github.javagrad.Derivatives;
import io.github.javagrad.tape.DoubleTape;

/**
 * javagrad's generated pullbacks for the benchmark workloads (processor of main at 4e44390), edited
 * by hand into the shape that /tmp/javagrad-bugs/bench.md proposes the processor should emit. Each
 * method keeps the generated code statement for statement except for the marked change, so that
 * {@link ShapeBench} measures what that change alone buys. Not generated, not part of the API.
 */
public final class ProposedShapes {
  private ProposedShapes() {}

  /**
   * Rosenbrock (BENCH-2): the loop-body locals {@code t}, {@code u} and the temporary {@code
   * product = 100 t} are recomputed in the reverse iteration from read-only {@code x} instead of
   * being pushed and popped (3 tape entries per iteration before); the tape is not used at all.
   */
  public static double rosenbrockPullback(double[] x, double seed, double[] dX) {
    double s = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double t = x[i + 1] - x[i] * x[i];
      double u = 1 - x[i];
      s += 100 * t * t + u * u;
    }
    double value = s;
    double dS = seed;
    for (int i = x.length - 1; i-- > 0;) {
      double t = x[i + 1] - x[i] * x[i]; // rematerialized
      double u = 1 - x[i]; // rematerialized
      double product = 100 * t; // rematerialized
      double dT = 100 * (dS * t);
      dT += product * dS;
      double dU = dS * u;
      dU += u * dS;
      dX[i] -= dU;
      dX[i + 1] += dT;
      double dProduct = -dT;
      dX[i] += dProduct * x[i];
      dX[i] += x[i] * dProduct;
    }
    return value;
  }

  /**
   * Logistic regression (BENCH-1): the accumulator {@code z += xs[i][j] * w[j]} no longer pushes
   * {@code z} on every inner iteration (the partial sums are never read in reverse); only the
   * push before {@code z = 0}, which overwrites the previous row's final {@code z}, is kept.
   */
  public static double logisticPullback(double[] w, double[][] xs, double[] ys, double lambda,
      double seed, double[] dW) {
    DoubleTape doubleTape = DoubleTape.forThisThread();
    double z = 0.0;
    double total = 0;
    for (int i = 0; i < xs.length; i++) {
      doubleTape.push(z);
      z = 0;
      for (int j = 0; j < w.length; j++) {
        z += xs[i][j] * w[j]; // no push
      }
      double exp = Math.exp(-Math.abs(z));
      doubleTape.push(exp);
      total += Math.max(z, 0) + Math.log1p(exp) - ys[i] * z;
    }
    double penalty = 0;
    for (int j2 = 0; j2 < w.length; j2++) {
      penalty += w[j2] * w[j2];
    }
    double product = 0.5 * lambda;
    double value = total / xs.length + product * penalty;
    double dTotal = seed / xs.length;
    double dPenalty = product * seed;
    for (int j2 = w.length - 1; j2 >= 0; j2--) {
      dW[j2] += dPenalty * w[j2];
      dW[j2] += w[j2] * dPenalty;
    }
    for (int i = xs.length - 1; i >= 0; i--) {
      double exp = doubleTape.pop();
      double dZ = dTotal * Derivatives.maxPartial(z, 0);
      dZ -= dTotal / (1 + exp) * exp * Math.signum(z);
      dZ -= ys[i] * dTotal;
      for (int j = w.length - 1; j >= 0; j--) {
        dW[j] += xs[i][j] * dZ; // no pop
      }
      z = doubleTape.pop();
    }
    return value;
  }

  /**
   * MLP (BENCH-1 and BENCH-3): the accumulators {@code a} (64 x 128 x 64 pushes per call) and
   * {@code sum} no longer push inside their inner loops, and the reverse of {@code h[j] =
   * tanh(a)} reads {@code tanh} from {@code h[j]} before restoring it instead of calling {@code
   * Math.tanh(a)} again.
   */
  public static double mlpPullback(double[][] w1, double[] b1, double[][] w2, double[] b2,
      double[][] xs, int[] labels, double seed, double[][] dW1, double[] dB1, double[][] dW2,
      double[] dB2) {
    DoubleTape doubleTape = DoubleTape.forThisThread();
    double a = 0.0;
    double max = 0.0;
    double sum = 0.0;
    double[] h = new double[b1.length];
    double[] z = new double[b2.length];
    double total = 0;
    for (int n = 0; n < xs.length; n++) {
      for (int j = 0; j < b1.length; j++) {
        doubleTape.push(a);
        a = b1[j];
        for (int i = 0; i < xs[n].length; i++) {
          a += w1[j][i] * xs[n][i]; // no push
        }
        doubleTape.push(h[j]);
        h[j] = Math.tanh(a);
      }
      for (int k = 0; k < b2.length; k++) {
        double s = b2[k];
        for (int j2 = 0; j2 < b1.length; j2++) {
          s += w2[k][j2] * h[j2];
        }
        doubleTape.push(z[k]);
        z[k] = s;
      }
      doubleTape.push(max);
      max = z[0];
      for (int k2 = 1; k2 < b2.length; k2++) {
        doubleTape.push(max);
        max = Math.max(max, z[k2]);
      }
      doubleTape.push(sum);
      sum = 0;
      for (int k3 = 0; k3 < b2.length; k3++) {
        double exp = Math.exp(z[k3] - max);
        doubleTape.push(exp);
        sum += exp; // no push
      }
      total += max + Math.log(sum) - z[labels[n]];
    }
    double[] dH = new double[h.length];
    double[] dZ = new double[z.length];
    double value = total / xs.length;
    double dTotal = seed / xs.length;
    for (int n = xs.length - 1; n >= 0; n--) {
      double dMax = dTotal;
      double dSum = dTotal / sum;
      dZ[labels[n]] -= dTotal;
      for (int k3 = b2.length - 1; k3 >= 0; k3--) {
        double exp = doubleTape.pop();
        double dDifference = dSum * exp;
        dZ[k3] += dDifference;
        dMax -= dDifference;
      }
      sum = doubleTape.pop();
      for (int k2 = b2.length - 1; k2 >= 1; k2--) {
        max = doubleTape.pop();
        dZ[k2] += dMax * Derivatives.maxPartial(z[k2], max);
        dMax = dMax * Derivatives.maxPartial(max, z[k2]);
      }
      max = doubleTape.pop();
      dZ[0] += dMax;
      for (int k = b2.length - 1; k >= 0; k--) {
        z[k] = doubleTape.pop();
        double dZElement = dZ[k];
        dZ[k] = 0.0;
        double dS = dZElement;
        for (int j2 = b1.length - 1; j2 >= 0; j2--) {
          dW2[k][j2] += dS * h[j2];
          dH[j2] += w2[k][j2] * dS;
        }
        dB2[k] += dS;
      }
      for (int j = b1.length - 1; j >= 0; j--) {
        double tanh = h[j]; // the result, read before the restore
        h[j] = doubleTape.pop();
        double dHElement = dH[j];
        dH[j] = 0.0;
        double dA = dHElement * (1 - tanh * tanh);
        for (int i = xs[n].length - 1; i >= 0; i--) {
          dW1[j][i] += dA * xs[n][i]; // no pop
        }
        a = doubleTape.pop();
        dB1[j] += dA;
      }
    }
    return value;
  }
}
