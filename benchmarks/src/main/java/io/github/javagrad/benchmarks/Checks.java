package io.github.javagrad.benchmarks;

import java.util.List;

/**
 * The agreement check every benchmark runs in its {@code @Setup} (for the method it times) and
 * the smoke test runs for every method: the value and the flattened gradient against the
 * hand-written gradient's.
 */
public final class Checks {
  private Checks() {}

  /** The benchmark methods of every workload, in the order the table lists them. */
  public static final List<String> METHODS =
      List.of("objective", "handWritten", "javagrad", "javagradPullback", "finiteDifferences",
          "hipparchus");

  /**
   * Whether {@code method} is one of the slow peers (seconds per call on the big workloads), which
   * the benchmarks check on their timed calls rather than before timing.
   */
  public static boolean isSlowPeer(String method) {
    return method.equals("finiteDifferences") || method.equals("hipparchus");
  }

  /** The relative tolerance for methods that compute exact derivatives (AD, hand-written). */
  public static final double EXACT_TOLERANCE = 1e-8;

  /**
   * The relative tolerance for central finite differences: their truncation and rounding errors
   * are each about {@code cbrt(eps)^2 = 4e-11} of the function's scale, which relative to the
   * gradient's largest entry is far above 1e-8 on the big workloads.
   */
  public static final double FD_TOLERANCE = 1e-5;

  /**
   * Throws unless {@code got} (value first, then the flattened gradient) matches {@code ref} to
   * the tolerance for {@code method}. {@code got} may hold just the value (the objective).
   *
   * @return the relative error of the gradient (0 for the objective)
   */
  public static double agree(String workload, String method, double[] got, double[] ref) {
    double tolerance = method.equals("finiteDifferences") ? FD_TOLERANCE : EXACT_TOLERANCE;
    double valueError = Math.abs(got[0] - ref[0]) / Math.max(1, Math.abs(ref[0]));
    if (!(valueError <= EXACT_TOLERANCE)) {
      throw new IllegalStateException(workload + "." + method + ": value " + got[0]
          + " differs from the hand-written " + ref[0]);
    }
    if (got.length == 1) {
      return 0;
    }
    double[] g = java.util.Arrays.copyOfRange(got, 1, got.length);
    double[] r = java.util.Arrays.copyOfRange(ref, 1, ref.length);
    double error = Flat.relativeError(g, r);
    if (!(error <= tolerance)) {
      throw new IllegalStateException(workload + "." + method + ": gradient differs from the"
          + " hand-written one by " + error + " (relative, tolerance " + tolerance + ")");
    }
    return error;
  }

  /** {@code value} followed by {@code gradient}. */
  public static double[] withValue(double value, double[] gradient) {
    double[] out = new double[gradient.length + 1];
    out[0] = value;
    System.arraycopy(gradient, 0, out, 1, gradient.length);
    return out;
  }
}
