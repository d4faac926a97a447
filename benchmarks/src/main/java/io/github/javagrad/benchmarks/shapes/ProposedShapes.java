package io.github.javagrad.benchmarks.shapes;

import io.github.javagrad.Derivatives;
import io.github.javagrad.tape.DoubleTape;

/**
 * Experiments on the shape of generated code: javagrad's generated pullbacks for the benchmark
 * workloads, copied and edited by hand, each changing one thing (the method's javadoc says what),
 * to measure what that change would buy before the processor is taught to make it. {@link
 * ShapeBench} times them against the generated and hand-written gradients; ProposedShapesTest
 * checks they compute what the generated pullbacks compute. The benchmarks README's findings cite
 * them. The first three are the shapes of an earlier round, now what the processor emits. Not
 * generated, not part of the API.
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

  /**
   * Rosenbrock (BENCH-4): the generated fused loop with the addition into {@code dX[i + 1]}
   * carried in a local to the next iteration, where it joins the addition into {@code dX[i]}
   * (the same element), as the hand-written gradient's {@code carry} does.
   */
  public static double rosenbrockCarry(double[] x, double seed, double[] dX) {
    double s = 0;
    double dS = seed;
    double dXCarry = 0.0;
    int i = 0;
    for (; i < x.length - 1; i++) {
      double t = x[i + 1] - x[i] * x[i];
      double u = 1 - x[i];
      double product = 100 * t;
      s += product * t + u * u;
      double dT = 100 * (dS * t);
      dT += product * dS;
      double dU = dS * u;
      dU += u * dS;
      double dProduct = -dT;
      dX[i] += dXCarry + (-dU + dProduct * x[i] + x[i] * dProduct);
      dXCarry = dT;
    }
    if (i > 0) {
      dX[i] += dXCarry;
    }
    return s;
  }

  /**
   * GMM (BENCH-5): the generated pullback with the loop over points fused: each point's forward
   * iteration is followed at once by its reverse (the tape holds one point's 21 K values, not n
   * points'), and the call {@code logsumexp(mainTerm)} becomes the call of its pullback, which
   * returns the same value (the forward no longer runs twice).
   */
  public static double gmmFused(double[] alphas, double[][] means, double[][] icf,
      double[][] x, double gamma, int m, double seed, double[] dAlphas, double[][] dMeans,
      double[][] dIcf) {
    io.github.javagrad.tape.IntTape intTape = io.github.javagrad.tape.IntTape.forThisThread();
    DoubleTape doubleTape = DoubleTape.forThisThread();
    int doubleTapeStart = doubleTape.size();
    int intTapeStart = intTape.size();
    try {
      int l = 0;
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
      double dSlse = seed;
      double[][] dQdiags = io.github.javagrad.Adjoints.zerosLike(qdiags);
      double[] dSumQs = new double[sumQs.length];
      double[] dXc = new double[xc.length];
      double[] dQxc = new double[qxc.length];
      double[] dMainTerm = new double[mainTerm.length];
      for (int ix = 0; ix < x.length; ix++) {
        for (int ik2 = 0; ik2 < k; ik2++) {
          for (int id2 = 0; id2 < d; id2++) {
            doubleTape.push(xc[id2]);
            xc[id2] = x[ix][id2] - means[ik2][id2];
            doubleTape.push(qxc[id2]);
            qxc[id2] = qdiags[ik2][id2] * xc[id2];
          }
          intTape.push(l);
          l = d;
          for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
              qxc[j] += icf[ik2][l] * xc[i];
              l++;
            }
          }
          double sq = 0;
          for (int id3 = 0; id3 < d; id3++) {
            sq += qxc[id3] * qxc[id3];
          }
          doubleTape.push(mainTerm[ik2]);
          mainTerm[ik2] = alphas[ik2] + sumQs[ik2] - 0.5 * sq;
        }
        slse += io.github.javagrad.benchmarks.GmmGradients.logsumexpPullback(mainTerm, dSlse,
            dMainTerm);
        for (int ik2 = k; ik2-- > 0;) {
          mainTerm[ik2] = doubleTape.pop();
          double dMainTermElement = dMainTerm[ik2];
          dMainTerm[ik2] = 0.0;
          dAlphas[ik2] += dMainTermElement;
          dSumQs[ik2] += dMainTermElement;
          double dSq = -(0.5 * dMainTermElement);
          for (int id3 = d; id3-- > 0;) {
            dQxc[id3] += dSq * qxc[id3] + qxc[id3] * dSq;
          }
          for (int i = d; i-- > 0;) {
            double dXcSum = 0.0;
            for (int j = d; j-- > i + 1;) {
              l--;
              dIcf[ik2][l] += dQxc[j] * xc[i];
              dXcSum += icf[ik2][l] * dQxc[j];
            }
            if (dXcSum != 0.0) {
              dXc[i] += dXcSum;
            }
          }
          l = intTape.pop();
          for (int id2 = d; id2-- > 0;) {
            qxc[id2] = doubleTape.pop();
            double dQxcElement = dQxc[id2];
            dQxc[id2] = 0.0;
            dQdiags[ik2][id2] += dQxcElement * xc[id2];
            dXc[id2] += qdiags[ik2][id2] * dQxcElement;
            xc[id2] = doubleTape.pop();
            double dXcElement = dXc[id2];
            dXc[id2] = 0.0;
            dMeans[ik2][id2] -= dXcElement;
          }
        }
      }
      double prior = 0;
      for (int ik3 = 0; ik3 < k; ik3++) {
        double frobenius = 0;
        for (int id4 = 0; id4 < d; id4++) {
          frobenius += qdiags[ik3][id4] * qdiags[ik3][id4];
        }
        for (int l2 = d; l2 < icf[ik3].length; l2++) {
          frobenius += icf[ik3][l2] * icf[ik3][l2];
        }
        double product = 0.5 * gamma * gamma;
        prior += product * frobenius - m * sumQs[ik3];
      }
      double value = slse - x.length
          * io.github.javagrad.benchmarks.GmmGradients.logsumexpPullback(alphas,
              -(x.length * seed), dAlphas) + prior;
      double dPrior = seed;
      for (int ik3 = k; ik3-- > 0;) {
        double product = 0.5 * gamma * gamma;
        double dFrobenius = product * dPrior;
        dSumQs[ik3] -= m * dPrior;
        for (int l2 = icf[ik3].length - 1; l2 >= d; l2--) {
          dIcf[ik3][l2] += dFrobenius * icf[ik3][l2] + icf[ik3][l2] * dFrobenius;
        }
        for (int id4 = d; id4-- > 0;) {
          dQdiags[ik3][id4] += dFrobenius * qdiags[ik3][id4] + qdiags[ik3][id4] * dFrobenius;
        }
      }
      for (int ik = k; ik-- > 0;) {
        for (int id = d; id-- > 0;) {
          double exp = qdiags[ik][id];
          double dQdiagsElement = dQdiags[ik][id];
          dQdiags[ik][id] = 0.0;
          dIcf[ik][id] += dSumQs[ik] + dQdiagsElement * exp;
        }
      }
      return value;
    } finally {
      doubleTape.truncate(doubleTapeStart);
      intTape.truncate(intTapeStart);
    }
  }
  /**
   * GMM: {@link #gmmFused} with every loop-invariant row ({@code icf[ik]}, {@code x[ix]}, ...) and
   * element ({@code xc[i]}) loaded once before the loop that reads it (what InvariantReads now
   * emits, unguarded).
   */
  public static double gmmAllRows(double[] alphas, double[][] means, double[][] icf,
      double[][] x, double gamma, int m, double seed, double[] dAlphas, double[][] dMeans,
      double[][] dIcf) {
    io.github.javagrad.tape.IntTape intTape = io.github.javagrad.tape.IntTape.forThisThread();
    DoubleTape doubleTape = DoubleTape.forThisThread();
    int doubleTapeStart = doubleTape.size();
    int intTapeStart = intTape.size();
    try {
      int l = 0;
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
      double dSlse = seed;
      double[][] dQdiags = io.github.javagrad.Adjoints.zerosLike(qdiags);
      double[] dSumQs = new double[sumQs.length];
      double[] dXc = new double[xc.length];
      double[] dQxc = new double[qxc.length];
      double[] dMainTerm = new double[mainTerm.length];
      for (int ix = 0; ix < x.length; ix++) {
        double[] xRow = x[ix];
        for (int ik2 = 0; ik2 < k; ik2++) {
          double[] meansRow = means[ik2];
          double[] qdiagsRow = qdiags[ik2];
          double[] icfRow = icf[ik2];
          for (int id2 = 0; id2 < d; id2++) {
            doubleTape.push(xc[id2]);
            xc[id2] = xRow[id2] - meansRow[id2];
            doubleTape.push(qxc[id2]);
            qxc[id2] = qdiagsRow[id2] * xc[id2];
          }
          intTape.push(l);
          l = d;
          for (int i = 0; i < d; i++) {
            double xci = xc[i];
            for (int j = i + 1; j < d; j++) {
              qxc[j] += icfRow[l] * xci;
              l++;
            }
          }
          double sq = 0;
          for (int id3 = 0; id3 < d; id3++) {
            sq += qxc[id3] * qxc[id3];
          }
          doubleTape.push(mainTerm[ik2]);
          mainTerm[ik2] = alphas[ik2] + sumQs[ik2] - 0.5 * sq;
        }
        slse += io.github.javagrad.benchmarks.GmmGradients.logsumexpPullback(mainTerm, dSlse,
            dMainTerm);
        for (int ik2 = k; ik2-- > 0;) {
          mainTerm[ik2] = doubleTape.pop();
          double dMainTermElement = dMainTerm[ik2];
          dMainTerm[ik2] = 0.0;
          dAlphas[ik2] += dMainTermElement;
          dSumQs[ik2] += dMainTermElement;
          double dSq = -(0.5 * dMainTermElement);
          for (int id3 = d; id3-- > 0;) {
            dQxc[id3] += dSq * qxc[id3] + qxc[id3] * dSq;
          }
          double[] dIcfRow = dIcf[ik2];
          double[] icfRow = icf[ik2];
          for (int i = d; i-- > 0;) {
            double dXcSum = 0.0;
            double xci = xc[i];
            for (int j = d; j-- > i + 1;) {
              l--;
              dIcfRow[l] += dQxc[j] * xci;
              dXcSum += icfRow[l] * dQxc[j];
            }
            if (dXcSum != 0.0) {
              dXc[i] += dXcSum;
            }
          }
          l = intTape.pop();
          double[] dQdiagsRow = dQdiags[ik2];
          double[] qdiagsRow = qdiags[ik2];
          double[] dMeansRow = dMeans[ik2];
          for (int id2 = d; id2-- > 0;) {
            qxc[id2] = doubleTape.pop();
            double dQxcElement = dQxc[id2];
            dQxc[id2] = 0.0;
            dQdiagsRow[id2] += dQxcElement * xc[id2];
            dXc[id2] += qdiagsRow[id2] * dQxcElement;
            xc[id2] = doubleTape.pop();
            double dXcElement = dXc[id2];
            dXc[id2] = 0.0;
            dMeansRow[id2] -= dXcElement;
          }
        }
      }
      double prior = 0;
      for (int ik3 = 0; ik3 < k; ik3++) {
        double frobenius = 0;
        for (int id4 = 0; id4 < d; id4++) {
          frobenius += qdiags[ik3][id4] * qdiags[ik3][id4];
        }
        for (int l2 = d; l2 < icf[ik3].length; l2++) {
          frobenius += icf[ik3][l2] * icf[ik3][l2];
        }
        double product = 0.5 * gamma * gamma;
        prior += product * frobenius - m * sumQs[ik3];
      }
      double value = slse - x.length
          * io.github.javagrad.benchmarks.GmmGradients.logsumexpPullback(alphas,
              -(x.length * seed), dAlphas) + prior;
      double dPrior = seed;
      for (int ik3 = k; ik3-- > 0;) {
        double product = 0.5 * gamma * gamma;
        double dFrobenius = product * dPrior;
        dSumQs[ik3] -= m * dPrior;
        for (int l2 = icf[ik3].length - 1; l2 >= d; l2--) {
          dIcf[ik3][l2] += dFrobenius * icf[ik3][l2] + icf[ik3][l2] * dFrobenius;
        }
        for (int id4 = d; id4-- > 0;) {
          dQdiags[ik3][id4] += dFrobenius * qdiags[ik3][id4] + qdiags[ik3][id4] * dFrobenius;
        }
      }
      for (int ik = k; ik-- > 0;) {
        for (int id = d; id-- > 0;) {
          double exp = qdiags[ik][id];
          double dQdiagsElement = dQdiags[ik][id];
          dQdiags[ik][id] = 0.0;
          dIcf[ik][id] += dSumQs[ik] + dQdiagsElement * exp;
        }
      }
      return value;
    } finally {
      doubleTape.truncate(doubleTapeStart);
      intTape.truncate(intTapeStart);
    }
  }
  /**
   * GMM: {@link #gmmAllRows} with the tape inlined into a local array and index (what the tape's
   * field updates per push and pop cost).
   */
  static final double[] BUF = new double[1 << 20];

  public static double gmmLocalTape(double[] alphas, double[][] means, double[][] icf,
      double[][] x, double gamma, int m, double seed, double[] dAlphas, double[][] dMeans,
      double[][] dIcf) {
    io.github.javagrad.tape.IntTape intTape = io.github.javagrad.tape.IntTape.forThisThread();
    DoubleTape doubleTape = DoubleTape.forThisThread();
    int doubleTapeStart = doubleTape.size();
    int intTapeStart = intTape.size();
    double[] buf = BUF; int bp = 0;
    try {
      int l = 0;
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
      double dSlse = seed;
      double[][] dQdiags = io.github.javagrad.Adjoints.zerosLike(qdiags);
      double[] dSumQs = new double[sumQs.length];
      double[] dXc = new double[xc.length];
      double[] dQxc = new double[qxc.length];
      double[] dMainTerm = new double[mainTerm.length];
      for (int ix = 0; ix < x.length; ix++) {
        double[] xRow = x[ix];
        for (int ik2 = 0; ik2 < k; ik2++) {
          double[] meansRow = means[ik2];
          double[] qdiagsRow = qdiags[ik2];
          double[] icfRow = icf[ik2];
          for (int id2 = 0; id2 < d; id2++) {
            buf[bp++] = (xc[id2]);
            xc[id2] = xRow[id2] - meansRow[id2];
            buf[bp++] = (qxc[id2]);
            qxc[id2] = qdiagsRow[id2] * xc[id2];
          }
          intTape.push(l);
          l = d;
          for (int i = 0; i < d; i++) {
            double xci = xc[i];
            for (int j = i + 1; j < d; j++) {
              qxc[j] += icfRow[l] * xci;
              l++;
            }
          }
          double sq = 0;
          for (int id3 = 0; id3 < d; id3++) {
            sq += qxc[id3] * qxc[id3];
          }
          buf[bp++] = (mainTerm[ik2]);
          mainTerm[ik2] = alphas[ik2] + sumQs[ik2] - 0.5 * sq;
        }
        slse += io.github.javagrad.benchmarks.GmmGradients.logsumexpPullback(mainTerm, dSlse,
            dMainTerm);
        for (int ik2 = k; ik2-- > 0;) {
          mainTerm[ik2] = buf[--bp];
          double dMainTermElement = dMainTerm[ik2];
          dMainTerm[ik2] = 0.0;
          dAlphas[ik2] += dMainTermElement;
          dSumQs[ik2] += dMainTermElement;
          double dSq = -(0.5 * dMainTermElement);
          for (int id3 = d; id3-- > 0;) {
            dQxc[id3] += dSq * qxc[id3] + qxc[id3] * dSq;
          }
          double[] dIcfRow = dIcf[ik2];
          double[] icfRow = icf[ik2];
          for (int i = d; i-- > 0;) {
            double dXcSum = 0.0;
            double xci = xc[i];
            for (int j = d; j-- > i + 1;) {
              l--;
              dIcfRow[l] += dQxc[j] * xci;
              dXcSum += icfRow[l] * dQxc[j];
            }
            if (dXcSum != 0.0) {
              dXc[i] += dXcSum;
            }
          }
          l = intTape.pop();
          double[] dQdiagsRow = dQdiags[ik2];
          double[] qdiagsRow = qdiags[ik2];
          double[] dMeansRow = dMeans[ik2];
          for (int id2 = d; id2-- > 0;) {
            qxc[id2] = buf[--bp];
            double dQxcElement = dQxc[id2];
            dQxc[id2] = 0.0;
            dQdiagsRow[id2] += dQxcElement * xc[id2];
            dXc[id2] += qdiagsRow[id2] * dQxcElement;
            xc[id2] = buf[--bp];
            double dXcElement = dXc[id2];
            dXc[id2] = 0.0;
            dMeansRow[id2] -= dXcElement;
          }
        }
      }
      double prior = 0;
      for (int ik3 = 0; ik3 < k; ik3++) {
        double frobenius = 0;
        for (int id4 = 0; id4 < d; id4++) {
          frobenius += qdiags[ik3][id4] * qdiags[ik3][id4];
        }
        for (int l2 = d; l2 < icf[ik3].length; l2++) {
          frobenius += icf[ik3][l2] * icf[ik3][l2];
        }
        double product = 0.5 * gamma * gamma;
        prior += product * frobenius - m * sumQs[ik3];
      }
      double value = slse - x.length
          * io.github.javagrad.benchmarks.GmmGradients.logsumexpPullback(alphas,
              -(x.length * seed), dAlphas) + prior;
      double dPrior = seed;
      for (int ik3 = k; ik3-- > 0;) {
        double product = 0.5 * gamma * gamma;
        double dFrobenius = product * dPrior;
        dSumQs[ik3] -= m * dPrior;
        for (int l2 = icf[ik3].length - 1; l2 >= d; l2--) {
          dIcf[ik3][l2] += dFrobenius * icf[ik3][l2] + icf[ik3][l2] * dFrobenius;
        }
        for (int id4 = d; id4-- > 0;) {
          dQdiags[ik3][id4] += dFrobenius * qdiags[ik3][id4] + qdiags[ik3][id4] * dFrobenius;
        }
      }
      for (int ik = k; ik-- > 0;) {
        for (int id = d; id-- > 0;) {
          double exp = qdiags[ik][id];
          double dQdiagsElement = dQdiags[ik][id];
          dQdiags[ik][id] = 0.0;
          dIcf[ik][id] += dSumQs[ik] + dQdiagsElement * exp;
        }
      }
      return value;
    } finally {
      doubleTape.truncate(doubleTapeStart);
      intTape.truncate(intTapeStart);
    }
  }
  /**
   * GMM: {@link #gmmFused} with xc and qxc computed again at the start of each reverse iteration
   * instead of taped (recomputation instead of storage; slower here).
   */
  public static double gmmRecompute(double[] alphas, double[][] means, double[][] icf,
      double[][] x, double gamma, int m, double seed, double[] dAlphas, double[][] dMeans,
      double[][] dIcf) {
    io.github.javagrad.tape.IntTape intTape = io.github.javagrad.tape.IntTape.forThisThread();
    DoubleTape doubleTape = DoubleTape.forThisThread();
    int doubleTapeStart = doubleTape.size();
    int intTapeStart = intTape.size();
    try {
      int l = 0;
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
      double dSlse = seed;
      double[][] dQdiags = io.github.javagrad.Adjoints.zerosLike(qdiags);
      double[] dSumQs = new double[sumQs.length];
      double[] dXc = new double[xc.length];
      double[] dQxc = new double[qxc.length];
      double[] dMainTerm = new double[mainTerm.length];
      for (int ix = 0; ix < x.length; ix++) {
        for (int ik2 = 0; ik2 < k; ik2++) {
          for (int id2 = 0; id2 < d; id2++) {
            xc[id2] = x[ix][id2] - means[ik2][id2];
            qxc[id2] = qdiags[ik2][id2] * xc[id2];
          }
          l = d;
          for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
              qxc[j] += icf[ik2][l] * xc[i];
              l++;
            }
          }
          double sq = 0;
          for (int id3 = 0; id3 < d; id3++) {
            sq += qxc[id3] * qxc[id3];
          }
          doubleTape.push(mainTerm[ik2]);
          mainTerm[ik2] = alphas[ik2] + sumQs[ik2] - 0.5 * sq;
        }
        slse += io.github.javagrad.benchmarks.GmmGradients.logsumexpPullback(mainTerm, dSlse,
            dMainTerm);
        for (int ik2 = k; ik2-- > 0;) {
          mainTerm[ik2] = doubleTape.pop();
          double dMainTermElement = dMainTerm[ik2];
          dMainTerm[ik2] = 0.0;
          dAlphas[ik2] += dMainTermElement;
          dSumQs[ik2] += dMainTermElement;
          for (int id2 = 0; id2 < d; id2++) {
            xc[id2] = x[ix][id2] - means[ik2][id2];
            qxc[id2] = qdiags[ik2][id2] * xc[id2];
          }
          l = d;
          for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
              qxc[j] += icf[ik2][l] * xc[i];
              l++;
            }
          }
          double dSq = -(0.5 * dMainTermElement);
          for (int id3 = d; id3-- > 0;) {
            dQxc[id3] += dSq * qxc[id3] + qxc[id3] * dSq;
          }
          for (int i = d; i-- > 0;) {
            double dXcSum = 0.0;
            for (int j = d; j-- > i + 1;) {
              l--;
              dIcf[ik2][l] += dQxc[j] * xc[i];
              dXcSum += icf[ik2][l] * dQxc[j];
            }
            if (dXcSum != 0.0) {
              dXc[i] += dXcSum;
            }
          }
          for (int id2 = d; id2-- > 0;) {
            double dQxcElement = dQxc[id2];
            dQxc[id2] = 0.0;
            dQdiags[ik2][id2] += dQxcElement * xc[id2];
            dXc[id2] += qdiags[ik2][id2] * dQxcElement;
            double dXcElement = dXc[id2];
            dXc[id2] = 0.0;
            dMeans[ik2][id2] -= dXcElement;
          }
        }
      }
      double prior = 0;
      for (int ik3 = 0; ik3 < k; ik3++) {
        double frobenius = 0;
        for (int id4 = 0; id4 < d; id4++) {
          frobenius += qdiags[ik3][id4] * qdiags[ik3][id4];
        }
        for (int l2 = d; l2 < icf[ik3].length; l2++) {
          frobenius += icf[ik3][l2] * icf[ik3][l2];
        }
        double product = 0.5 * gamma * gamma;
        prior += product * frobenius - m * sumQs[ik3];
      }
      double value = slse - x.length
          * io.github.javagrad.benchmarks.GmmGradients.logsumexpPullback(alphas,
              -(x.length * seed), dAlphas) + prior;
      double dPrior = seed;
      for (int ik3 = k; ik3-- > 0;) {
        double product = 0.5 * gamma * gamma;
        double dFrobenius = product * dPrior;
        dSumQs[ik3] -= m * dPrior;
        for (int l2 = icf[ik3].length - 1; l2 >= d; l2--) {
          dIcf[ik3][l2] += dFrobenius * icf[ik3][l2] + icf[ik3][l2] * dFrobenius;
        }
        for (int id4 = d; id4-- > 0;) {
          dQdiags[ik3][id4] += dFrobenius * qdiags[ik3][id4] + qdiags[ik3][id4] * dFrobenius;
        }
      }
      for (int ik = k; ik-- > 0;) {
        for (int id = d; id-- > 0;) {
          double exp = qdiags[ik][id];
          double dQdiagsElement = dQdiags[ik][id];
          dQdiags[ik][id] = 0.0;
          dIcf[ik][id] += dSumQs[ik] + dQdiagsElement * exp;
        }
      }
      return value;
    } finally {
      doubleTape.truncate(doubleTapeStart);
      intTape.truncate(intTapeStart);
    }
  }

  /**
   * Rosenbrock: the generated fused loop with {@code a * b + b * a} written {@code 2 * (a * b)}
   * (the same double: IEEE multiplication commutes and {@code p + p == 2 * p} exactly).
   */
  public static double rosenbrockDoubled(double[] x, double seed, double[] dX) {
    double s = 0;
    double dS = seed;
    for (int i = 0; i < x.length - 1; i++) {
      double t = x[i + 1] - x[i] * x[i];
      double u = 1 - x[i];
      double product = 100 * t;
      s += product * t + u * u;
      double dT = 100 * (dS * t);
      dT += product * dS;
      double dU = 2 * (dS * u);
      dX[i + 1] += dT;
      double dProduct = -dT;
      dX[i] += -dU + 2 * (dProduct * x[i]);
    }
    return s;
  }


  /** GMM's generated pullback as InvariantReads first emitted it: conditional loads {@code t ? icf[k] : null}. */
    public static double gmmCurrent(double[] alphas, double[][] means, double[][] icf,
            double[][] x, double gamma, int m, double seed, double[] dAlphas, double[][] dMeans,
            double[][] dIcf) {
        java.util.Objects.requireNonNull(alphas, "alphas");
        java.util.Objects.requireNonNull(means, "means");
        java.util.Objects.requireNonNull(icf, "icf");
        java.util.Objects.requireNonNull(x, "x");
        io.github.javagrad.Adjoints.checkShape("dAlphas", alphas, dAlphas);
        io.github.javagrad.Adjoints.checkShape("dMeans", means, dMeans);
        io.github.javagrad.Adjoints.checkShape("dIcf", icf, dIcf);
        DoubleTape doubleTape = DoubleTape.forThisThread();
        int doubleTapeStart = doubleTape.size();
        io.github.javagrad.tape.IntTape intTape = io.github.javagrad.tape.IntTape.forThisThread();
        int intTapeStart = intTape.size();
        try {
            int l = 0;
            int k = alphas.length;
            int d = means[0].length;
            double[][] qdiags = new double[k][d];
            double[] sumQs = new double[k];
            for (int ik = 0; ik < k; ik++) {
                double[] qdiagsIk = 0 < d ? qdiags[ik] : null;
                double[] icfIk = 0 < d ? icf[ik] : null;
                for (int id = 0; id < d; id++) {
                    qdiagsIk[id] = Math.exp(icfIk[id]);
                    sumQs[ik] += icfIk[id];
                }
            }
            double[] xc = new double[d];
            double[] qxc = new double[d];
            double[] mainTerm = new double[k];
            double slse = 0;
            for (int ix = 0; ix < x.length; ix++) {
                for (int ik2 = 0; ik2 < k; ik2++) {
                    double[] xIx = 0 < d ? x[ix] : null;
                    double[] meansIk2 = 0 < d ? means[ik2] : null;
                    double[] qdiagsIk2 = 0 < d ? qdiags[ik2] : null;
                    for (int id2 = 0; id2 < d; id2++) {
                        doubleTape.push(xc[id2]);
                        xc[id2] = xIx[id2] - meansIk2[id2];
                        doubleTape.push(qxc[id2]);
                        qxc[id2] = qdiagsIk2[id2] * xc[id2];
                    }
                    intTape.push(l);
                    l = d;
                    for (int i = 0; i < d; i++) {
                        double[] icfIk2 = i + 1 < d ? icf[ik2] : null;
                        double xcI = i + 1 < d ? xc[i] : 0.0;
                        for (int j = i + 1; j < d; j++) {
                            qxc[j] += icfIk2[l] * xcI;
                            l++;
                        }
                    }
                    double sq = 0;
                    for (int id3 = 0; id3 < d; id3++) {
                        sq += qxc[id3] * qxc[id3];
                    }
                    doubleTape.push(mainTerm[ik2]);
                    mainTerm[ik2] = alphas[ik2] + sumQs[ik2] - 0.5 * sq;
                }
                slse += io.github.javagrad.benchmarks.Gmm.logsumexp(mainTerm);
            }
            double prior = 0;
            for (int ik3 = 0; ik3 < k; ik3++) {
                double frobenius = 0;
                double[] qdiagsIk3 = 0 < d ? qdiags[ik3] : null;
                for (int id4 = 0; id4 < d; id4++) {
                    frobenius += qdiagsIk3[id4] * qdiagsIk3[id4];
                }
                double[] icfIk3 = d < icf[ik3].length ? icf[ik3] : null;
                for (int l2 = d; l2 < icf[ik3].length; l2++) {
                    frobenius += icfIk3[l2] * icfIk3[l2];
                }
                double product = 0.5 * gamma * gamma;
                prior += product * frobenius - m * sumQs[ik3];
            }
            double[][] dQdiags = io.github.javagrad.Adjoints.zerosLike(qdiags);
            double[] dSumQs = new double[sumQs.length];
            double[] dXc = new double[xc.length];
            double[] dQxc = new double[qxc.length];
            double[] dMainTerm = new double[mainTerm.length];
            double value = slse - x.length * io.github.javagrad.benchmarks.Gmm.logsumexp(alphas) + prior;
            // Gmm.java:83  return slse - x.length * logsumexp(alphas) + prior;
            double dSlse = seed;
            io.github.javagrad.benchmarks.GmmGradients.logsumexpPullback(alphas, -(x.length * seed), dAlphas);
            double dPrior = seed;
            // Gmm.java:73  for (int ik = 0; ik < k; ik++) {
            for (int ik3 = k; ik3-- > 0;) {
                // Gmm.java:81  prior += 0.5 * gamma * gamma * frobenius - m * sumQs[ik];
                double product = 0.5 * gamma * gamma;
                double dFrobenius = product * dPrior;
                dSumQs[ik3] -= m * dPrior;
                // Gmm.java:78  for (int l = d; l < icf[ik].length; l++) {
                double[] dIcfIk3 = icf[ik3].length - 1 >= d ? dIcf[ik3] : null;
                double[] icfIk3_2 = icf[ik3].length - 1 >= d ? icf[ik3] : null;
                for (int l2 = icf[ik3].length - 1; l2 >= d; l2--) {
                    // Gmm.java:79  frobenius += icf[ik][l] * icf[ik][l];
                    dIcfIk3[l2] += dFrobenius * icfIk3_2[l2] + icfIk3_2[l2] * dFrobenius;
                }
                // Gmm.java:75  for (int id = 0; id < d; id++) {
                double[] dQdiagsIk3 = d > 0 ? dQdiags[ik3] : null;
                double[] qdiagsIk3_2 = d > 0 ? qdiags[ik3] : null;
                for (int id4 = d; id4-- > 0;) {
                    // Gmm.java:76  frobenius += qdiags[ik][id] * qdiags[ik][id];
                    dQdiagsIk3[id4] += dFrobenius * qdiagsIk3_2[id4] + qdiagsIk3_2[id4] * dFrobenius;
                }
            }
            // Gmm.java:51  for (int ix = 0; ix < x.length; ix++) {
            for (int ix = x.length - 1; ix >= 0; ix--) {
                // Gmm.java:70  slse += logsumexp(mainTerm);
                io.github.javagrad.benchmarks.GmmGradients.logsumexpPullback(mainTerm, dSlse, dMainTerm);
                // Gmm.java:52  for (int ik = 0; ik < k; ik++) {
                for (int ik2 = k; ik2-- > 0;) {
                    // Gmm.java:68  mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sq;
                    mainTerm[ik2] = doubleTape.pop();
                    double dMainTermElement = dMainTerm[ik2];
                    dMainTerm[ik2] = 0.0;
                    dAlphas[ik2] += dMainTermElement;
                    dSumQs[ik2] += dMainTermElement;
                    double dSq = -(0.5 * dMainTermElement);
                    // Gmm.java:65  for (int id = 0; id < d; id++) {
                    for (int id3 = d; id3-- > 0;) {
                        // Gmm.java:66  sq += qxc[id] * qxc[id];
                        dQxc[id3] += dSq * qxc[id3] + qxc[id3] * dSq;
                    }
                    // Gmm.java:58  for (int i = 0; i < d; i++) {
                    for (int i = d; i-- > 0;) {
                        // Gmm.java:59  for (int j = i + 1; j < d; j++) {
                        double dXcSum = 0.0;
                        double[] dIcfIk2 = d > i + 1 ? dIcf[ik2] : null;
                        double[] icfIk2_2 = d > i + 1 ? icf[ik2] : null;
                        double xcI2 = d > i + 1 ? xc[i] : 0.0;
                        for (int j = d; j-- > i + 1;) {
                            // Gmm.java:61  l++;
                            l--;
                            // Gmm.java:60  qxc[j] += icf[ik][l] * xc[i];
                            dIcfIk2[l] += dQxc[j] * xcI2;
                            dXcSum += icfIk2_2[l] * dQxc[j];
                        }
                        if (dXcSum != 0.0) {
                            dXc[i] += dXcSum;
                        }
                    }
                    // Gmm.java:57  int l = d;
                    l = intTape.pop();
                    // Gmm.java:53  for (int id = 0; id < d; id++) {
                    double[] dQdiagsIk2 = d > 0 ? dQdiags[ik2] : null;
                    double[] qdiagsIk2_2 = d > 0 ? qdiags[ik2] : null;
                    double[] dMeansIk2 = d > 0 ? dMeans[ik2] : null;
                    for (int id2 = d; id2-- > 0;) {
                        // Gmm.java:55  qxc[id] = qdiags[ik][id] * xc[id];
                        qxc[id2] = doubleTape.pop();
                        double dQxcElement = dQxc[id2];
                        dQxc[id2] = 0.0;
                        dQdiagsIk2[id2] += dQxcElement * xc[id2];
                        dXc[id2] += qdiagsIk2_2[id2] * dQxcElement;
                        // Gmm.java:54  xc[id] = x[ix][id] - means[ik][id];
                        xc[id2] = doubleTape.pop();
                        double dXcElement = dXc[id2];
                        dXc[id2] = 0.0;
                        dMeansIk2[id2] -= dXcElement;
                    }
                }
            }
            // Gmm.java:41  for (int ik = 0; ik < k; ik++) {
            for (int ik = k; ik-- > 0;) {
                // Gmm.java:42  for (int id = 0; id < d; id++) {
                double[] qdiagsIk4 = d > 0 ? qdiags[ik] : null;
                double[] dQdiagsIk = d > 0 ? dQdiags[ik] : null;
                double[] dIcfIk = d > 0 ? dIcf[ik] : null;
                double dSumQsIk = d > 0 ? dSumQs[ik] : 0.0;
                for (int id = d; id-- > 0;) {
                    // Gmm.java:43  qdiags[ik][id] = Math.exp(icf[ik][id]);
                    double exp = qdiagsIk4[id];
                    double dQdiagsElement = dQdiagsIk[id];
                    dQdiagsIk[id] = 0.0;
                    dIcfIk[id] += dSumQsIk + dQdiagsElement * exp;
                }
            }
            return value;
        } finally {
            doubleTape.truncate(doubleTapeStart);
            intTape.truncate(intTapeStart);
        }
    }
  /** The same with unguarded loads (not exact: would throw where a loop that never runs reads nothing). */
    public static double gmmUnguarded(double[] alphas, double[][] means, double[][] icf,
            double[][] x, double gamma, int m, double seed, double[] dAlphas, double[][] dMeans,
            double[][] dIcf) {
        java.util.Objects.requireNonNull(alphas, "alphas");
        java.util.Objects.requireNonNull(means, "means");
        java.util.Objects.requireNonNull(icf, "icf");
        java.util.Objects.requireNonNull(x, "x");
        io.github.javagrad.Adjoints.checkShape("dAlphas", alphas, dAlphas);
        io.github.javagrad.Adjoints.checkShape("dMeans", means, dMeans);
        io.github.javagrad.Adjoints.checkShape("dIcf", icf, dIcf);
        DoubleTape doubleTape = DoubleTape.forThisThread();
        int doubleTapeStart = doubleTape.size();
        io.github.javagrad.tape.IntTape intTape = io.github.javagrad.tape.IntTape.forThisThread();
        int intTapeStart = intTape.size();
        try {
            int l = 0;
            int k = alphas.length;
            int d = means[0].length;
            double[][] qdiags = new double[k][d];
            double[] sumQs = new double[k];
            for (int ik = 0; ik < k; ik++) {
                double[] qdiagsIk = qdiags[ik];
                double[] icfIk = icf[ik];
                for (int id = 0; id < d; id++) {
                    qdiagsIk[id] = Math.exp(icfIk[id]);
                    sumQs[ik] += icfIk[id];
                }
            }
            double[] xc = new double[d];
            double[] qxc = new double[d];
            double[] mainTerm = new double[k];
            double slse = 0;
            for (int ix = 0; ix < x.length; ix++) {
                for (int ik2 = 0; ik2 < k; ik2++) {
                    double[] xIx = x[ix];
                    double[] meansIk2 = means[ik2];
                    double[] qdiagsIk2 = qdiags[ik2];
                    for (int id2 = 0; id2 < d; id2++) {
                        doubleTape.push(xc[id2]);
                        xc[id2] = xIx[id2] - meansIk2[id2];
                        doubleTape.push(qxc[id2]);
                        qxc[id2] = qdiagsIk2[id2] * xc[id2];
                    }
                    intTape.push(l);
                    l = d;
                    for (int i = 0; i < d; i++) {
                        double[] icfIk2 = icf[ik2];
                        double xcI = xc[i];
                        for (int j = i + 1; j < d; j++) {
                            qxc[j] += icfIk2[l] * xcI;
                            l++;
                        }
                    }
                    double sq = 0;
                    for (int id3 = 0; id3 < d; id3++) {
                        sq += qxc[id3] * qxc[id3];
                    }
                    doubleTape.push(mainTerm[ik2]);
                    mainTerm[ik2] = alphas[ik2] + sumQs[ik2] - 0.5 * sq;
                }
                slse += io.github.javagrad.benchmarks.Gmm.logsumexp(mainTerm);
            }
            double prior = 0;
            for (int ik3 = 0; ik3 < k; ik3++) {
                double frobenius = 0;
                double[] qdiagsIk3 = qdiags[ik3];
                for (int id4 = 0; id4 < d; id4++) {
                    frobenius += qdiagsIk3[id4] * qdiagsIk3[id4];
                }
                double[] icfIk3 = icf[ik3];
                for (int l2 = d; l2 < icf[ik3].length; l2++) {
                    frobenius += icfIk3[l2] * icfIk3[l2];
                }
                double product = 0.5 * gamma * gamma;
                prior += product * frobenius - m * sumQs[ik3];
            }
            double[][] dQdiags = io.github.javagrad.Adjoints.zerosLike(qdiags);
            double[] dSumQs = new double[sumQs.length];
            double[] dXc = new double[xc.length];
            double[] dQxc = new double[qxc.length];
            double[] dMainTerm = new double[mainTerm.length];
            double value = slse - x.length * io.github.javagrad.benchmarks.Gmm.logsumexp(alphas) + prior;
            // Gmm.java:83  return slse - x.length * logsumexp(alphas) + prior;
            double dSlse = seed;
            io.github.javagrad.benchmarks.GmmGradients.logsumexpPullback(alphas, -(x.length * seed), dAlphas);
            double dPrior = seed;
            // Gmm.java:73  for (int ik = 0; ik < k; ik++) {
            for (int ik3 = k; ik3-- > 0;) {
                // Gmm.java:81  prior += 0.5 * gamma * gamma * frobenius - m * sumQs[ik];
                double product = 0.5 * gamma * gamma;
                double dFrobenius = product * dPrior;
                dSumQs[ik3] -= m * dPrior;
                // Gmm.java:78  for (int l = d; l < icf[ik].length; l++) {
                double[] dIcfIk3 = dIcf[ik3];
                double[] icfIk3_2 = icf[ik3];
                for (int l2 = icf[ik3].length - 1; l2 >= d; l2--) {
                    // Gmm.java:79  frobenius += icf[ik][l] * icf[ik][l];
                    dIcfIk3[l2] += dFrobenius * icfIk3_2[l2] + icfIk3_2[l2] * dFrobenius;
                }
                // Gmm.java:75  for (int id = 0; id < d; id++) {
                double[] dQdiagsIk3 = dQdiags[ik3];
                double[] qdiagsIk3_2 = qdiags[ik3];
                for (int id4 = d; id4-- > 0;) {
                    // Gmm.java:76  frobenius += qdiags[ik][id] * qdiags[ik][id];
                    dQdiagsIk3[id4] += dFrobenius * qdiagsIk3_2[id4] + qdiagsIk3_2[id4] * dFrobenius;
                }
            }
            // Gmm.java:51  for (int ix = 0; ix < x.length; ix++) {
            for (int ix = x.length - 1; ix >= 0; ix--) {
                // Gmm.java:70  slse += logsumexp(mainTerm);
                io.github.javagrad.benchmarks.GmmGradients.logsumexpPullback(mainTerm, dSlse, dMainTerm);
                // Gmm.java:52  for (int ik = 0; ik < k; ik++) {
                for (int ik2 = k; ik2-- > 0;) {
                    // Gmm.java:68  mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sq;
                    mainTerm[ik2] = doubleTape.pop();
                    double dMainTermElement = dMainTerm[ik2];
                    dMainTerm[ik2] = 0.0;
                    dAlphas[ik2] += dMainTermElement;
                    dSumQs[ik2] += dMainTermElement;
                    double dSq = -(0.5 * dMainTermElement);
                    // Gmm.java:65  for (int id = 0; id < d; id++) {
                    for (int id3 = d; id3-- > 0;) {
                        // Gmm.java:66  sq += qxc[id] * qxc[id];
                        dQxc[id3] += dSq * qxc[id3] + qxc[id3] * dSq;
                    }
                    // Gmm.java:58  for (int i = 0; i < d; i++) {
                    for (int i = d; i-- > 0;) {
                        // Gmm.java:59  for (int j = i + 1; j < d; j++) {
                        double dXcSum = 0.0;
                        double[] dIcfIk2 = dIcf[ik2];
                        double[] icfIk2_2 = icf[ik2];
                        double xcI2 = xc[i];
                        for (int j = d; j-- > i + 1;) {
                            // Gmm.java:61  l++;
                            l--;
                            // Gmm.java:60  qxc[j] += icf[ik][l] * xc[i];
                            dIcfIk2[l] += dQxc[j] * xcI2;
                            dXcSum += icfIk2_2[l] * dQxc[j];
                        }
                        if (dXcSum != 0.0) {
                            dXc[i] += dXcSum;
                        }
                    }
                    // Gmm.java:57  int l = d;
                    l = intTape.pop();
                    // Gmm.java:53  for (int id = 0; id < d; id++) {
                    double[] dQdiagsIk2 = dQdiags[ik2];
                    double[] qdiagsIk2_2 = qdiags[ik2];
                    double[] dMeansIk2 = dMeans[ik2];
                    for (int id2 = d; id2-- > 0;) {
                        // Gmm.java:55  qxc[id] = qdiags[ik][id] * xc[id];
                        qxc[id2] = doubleTape.pop();
                        double dQxcElement = dQxc[id2];
                        dQxc[id2] = 0.0;
                        dQdiagsIk2[id2] += dQxcElement * xc[id2];
                        dXc[id2] += qdiagsIk2_2[id2] * dQxcElement;
                        // Gmm.java:54  xc[id] = x[ix][id] - means[ik][id];
                        xc[id2] = doubleTape.pop();
                        double dXcElement = dXc[id2];
                        dXc[id2] = 0.0;
                        dMeansIk2[id2] -= dXcElement;
                    }
                }
            }
            // Gmm.java:41  for (int ik = 0; ik < k; ik++) {
            for (int ik = k; ik-- > 0;) {
                // Gmm.java:42  for (int id = 0; id < d; id++) {
                double[] qdiagsIk4 = qdiags[ik];
                double[] dQdiagsIk = dQdiags[ik];
                double[] dIcfIk = dIcf[ik];
                double dSumQsIk = dSumQs[ik];
                for (int id = d; id-- > 0;) {
                    // Gmm.java:43  qdiags[ik][id] = Math.exp(icf[ik][id]);
                    double exp = qdiagsIk4[id];
                    double dQdiagsElement = dQdiagsIk[id];
                    dQdiagsIk[id] = 0.0;
                    dIcfIk[id] += dSumQsIk + dQdiagsElement * exp;
                }
            }
            return value;
        } finally {
            doubleTape.truncate(doubleTapeStart);
            intTape.truncate(intTapeStart);
        }
    }
  /** Rosenbrock: {@link #rosenbrockCarry} and {@link #rosenbrockDoubled} together. */
  public static double rosenbrockCarryDoubled(double[] x, double seed, double[] dX) {
    double s = 0;
    double dS = seed;
    double dXCarry = 0.0;
    int i = 0;
    for (; i < x.length - 1; i++) {
      double t = x[i + 1] - x[i] * x[i];
      double u = 1 - x[i];
      double product = 100 * t;
      s += product * t + u * u;
      double dT = 100 * (dS * t);
      dT += product * dS;
      double dU = 2 * (dS * u);
      double dProduct = -dT;
      dX[i] += dXCarry + (-dU + 2 * (dProduct * x[i]));
      dXCarry = dT;
    }
    if (i > 0) {
      dX[i] += dXCarry;
    }
    return s;
  }

  /**
   * Rosenbrock: the hand-written gradient under the pullback's contract, adding into {@code grad}
   * instead of overwriting it (what that contract alone costs).
   */
  public static double rosenbrockHandAdding(double[] x, double[] grad) {
    int n = x.length;
    double s = 0;
    double carry = 0;
    for (int i = 0; i < n - 1; i++) {
      double xi = x[i];
      double t = x[i + 1] - xi * xi;
      double u = 1 - xi;
      s += 100 * t * t + u * u;
      grad[i] += carry - 400 * t * xi - 2 * u;
      carry = 200 * t;
    }
    grad[n - 1] += carry;
    return s;
  }

}
