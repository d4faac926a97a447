package io.github.javagrad.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.javagrad.ValueAndGradient;
import java.util.Arrays;

/**
 * Assertions shared by the corpus tests.
 *
 * <p>Hand-derived partials are compared with {@link #close} (a tolerance of {@code 1e-12 *
 * max(1, |expected|)}, which absorbs the rounding of a differently ordered but equivalent
 * formula and nothing else); edge conventions are compared with {@link #exact}, where {@code
 * 0.0 == -0.0} and NaN equals NaN. Values are always compared exactly with the original method's
 * result: the generated forward sweep must compute the very same double.
 */
final class Check {
  static final double TOLERANCE = 1e-12;

  private Check() {}

  /** {@code actual} is within {@code 1e-12 * max(1, |expected|)} of {@code expected}. */
  static void close(double expected, double actual, String what) {
    if (Double.isNaN(expected) || Double.isInfinite(expected)) {
      exact(expected, actual, what);
      return;
    }
    double tolerance = TOLERANCE * Math.max(1, Math.abs(expected));
    if (!(Math.abs(expected - actual) <= tolerance)) {
      fail(what + ": expected " + expected + " but was " + actual + " (tolerance " + tolerance
          + ")");
    }
  }

  /** Equal as doubles ({@code ==}), or both NaN. {@code 0.0} and {@code -0.0} are equal. */
  static void exact(double expected, double actual, String what) {
    boolean same = Double.isNaN(expected) ? Double.isNaN(actual) : expected == actual;
    if (!same) {
      fail(what + ": expected exactly " + expected + " but was " + actual);
    }
  }

  /** Exactly {@code +0.0}: the partial of an inactive parameter is a literal zero. */
  static void positiveZero(double actual, String what) {
    assertEquals(0, Double.compare(actual, 0.0), what + ": expected +0.0 but was " + actual);
  }

  /**
   * The generated value equals {@code expectedValue} exactly and each partial is {@link #close}
   * to the hand-derived one.
   */
  static void gradient(ValueAndGradient r, double expectedValue, double... expectedPartials) {
    exact(expectedValue, r.value(), "value");
    double[] g = r.gradient();
    assertEquals(expectedPartials.length, g.length, "gradient length " + Arrays.toString(g));
    for (int i = 0; i < g.length; i++) {
      close(expectedPartials[i], g[i], "partial " + i + " of " + Arrays.toString(g));
    }
  }

  /** Like {@link #gradient} but every partial must match exactly (see {@link #exact}). */
  static void gradientExact(
      ValueAndGradient r, double expectedValue, double... expectedPartials) {
    exact(expectedValue, r.value(), "value");
    double[] g = r.gradient();
    assertEquals(expectedPartials.length, g.length, "gradient length " + Arrays.toString(g));
    for (int i = 0; i < g.length; i++) {
      exact(expectedPartials[i], g[i], "partial " + i + " of " + Arrays.toString(g));
    }
  }
}
