package io.github.javagrad.benchmarks;

import java.util.Random;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Flattening helpers for the checks and the Hipparchus drivers.
 *
 * <p>The Hipparchus code makes zeros with {@code Gradient.constant(dim, 0)}, never with {@code
 * getField().getZero()}: the field of dimension n builds a {@code DSCompiler} for n parameters,
 * which for n = 1000 takes tens of seconds and a lot of memory (once per JVM).
 */
public final class Flat {
  private Flat() {}

  /** Concatenates arrays ({@code double[]} or {@code double[][]}, row by row) into one. */
  public static double[] concat(Object... parts) {
    int n = 0;
    for (Object p : parts) {
      if (p instanceof double[] v) {
        n += v.length;
      } else {
        for (double[] row : (double[][]) p) {
          n += row.length;
        }
      }
    }
    double[] out = new double[n];
    int at = 0;
    for (Object p : parts) {
      if (p instanceof double[] v) {
        System.arraycopy(v, 0, out, at, v.length);
        at += v.length;
      } else {
        for (double[] row : (double[][]) p) {
          System.arraycopy(row, 0, out, at, row.length);
          at += row.length;
        }
      }
    }
    return out;
  }

  /**
   * The parameters {@code flat} as Hipparchus {@link Gradient}s of dimension {@code dim}: entries
   * {@code start .. start + dim - 1} are the independent variables, every other entry a constant.
   */
  public static Gradient[] variables(double[] flat, int start, int dim) {
    Gradient[] vars = new Gradient[flat.length];
    for (int i = 0; i < flat.length; i++) {
      vars[i] =
          i >= start && i < start + dim
              ? Gradient.variable(dim, i - start, flat[i])
              : Gradient.constant(dim, flat[i]);
    }
    return vars;
  }

  /** The next {@code n} entries of {@code flat} from {@code at[0]}, which advances. */
  public static Gradient[] take(Gradient[] flat, int[] at, int n) {
    Gradient[] out = new Gradient[n];
    System.arraycopy(flat, at[0], out, 0, n);
    at[0] += n;
    return out;
  }

  /** The next {@code rows x cols} entries of {@code flat} from {@code at[0]}, row by row. */
  public static Gradient[][] take(Gradient[] flat, int[] at, int rows, int cols) {
    Gradient[][] out = new Gradient[rows][];
    for (int r = 0; r < rows; r++) {
      out[r] = take(flat, at, cols);
    }
    return out;
  }

  /** A {@code rows x cols} matrix of Gaussians with standard deviation {@code scale}. */
  public static double[][] gaussian(Random random, int rows, int cols, double scale) {
    double[][] m = new double[rows][cols];
    for (double[] row : m) {
      for (int j = 0; j < cols; j++) {
        row[j] = scale * random.nextGaussian();
      }
    }
    return m;
  }

  /** Zeroes every row. */
  public static void clear(double[][] m) {
    for (double[] row : m) {
      java.util.Arrays.fill(row, 0);
    }
  }

  /**
   * The normwise relative error {@code max_i |a_i - b_i| / max_i |b_i|} of {@code a} against the
   * reference {@code b}; NaN anywhere gives NaN.
   */
  public static double relativeError(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("lengths " + a.length + " and " + b.length);
    }
    double diff = 0;
    double scale = 0;
    for (int i = 0; i < a.length; i++) {
      double e = Math.abs(a[i] - b[i]);
      if (!(e <= diff)) {
        diff = e;
      }
      scale = Math.max(scale, Math.abs(b[i]));
    }
    return diff / scale;
  }
}
