package io.github.javagrad.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.javagrad.GradientCheck;
import io.github.javagrad.ValueAndGradient;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

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

  // ---------------------------------------------------------------- both ways at once

  /** Seed of every random gradient check in the corpus that does not choose its own. */
  static final long SEED = 20240611L;

  /** A generated gradient of one double. */
  @FunctionalInterface
  interface G1 {
    ValueAndGradient at(double x);
  }

  /** A generated gradient of two doubles. */
  @FunctionalInterface
  interface G2 {
    ValueAndGradient at(double x, double y);
  }

  /** An original method of two doubles. */
  @FunctionalInterface
  interface F2 {
    double at(double x, double y);
  }

  /** Hand-derived partials of a function of two doubles. */
  @FunctionalInterface
  interface H2 {
    double[] at(double x, double y);
  }

  /**
   * Checks a one-parameter gradient two ways: against the hand derivative {@code df} (and the
   * original {@code f} for the value) at every point, and against finite differences at every
   * point and at 30 random points of {@code [lower, upper]}.
   */
  static void verify1(
      G1 g, DoubleUnaryOperator f, DoubleUnaryOperator df, double[] points, double lower,
      double upper) {
    GradientCheck check = GradientCheck.of(p -> g.at(p[0])).parameterNames("x");
    for (double x : points) {
      gradient(g.at(x), f.applyAsDouble(x), df.applyAsDouble(x));
      check.assertAt(x);
    }
    check.assertAtRandomPoints(30, lower, upper, SEED);
  }

  /** {@link #verify1} for two parameters. */
  static void verify2(G2 g, F2 f, H2 h, double[][] points, double[] lower, double[] upper) {
    GradientCheck check = GradientCheck.of(p -> g.at(p[0], p[1]));
    for (double[] p : points) {
      gradient(g.at(p[0], p[1]), f.at(p[0], p[1]), h.at(p[0], p[1]));
      check.assertAt(p);
    }
    check.assertAtRandomPoints(30, lower, upper, SEED);
  }

  /** {@link #verify2} with the same box {@code [lower, upper]} for both coordinates. */
  static void verify2(G2 g, F2 f, H2 h, double[][] points, double lower, double upper) {
    verify2(g, f, h, points, new double[] {lower, lower}, new double[] {upper, upper});
  }

  /** Shorthand for a partials array. */
  static double[] d(double... partials) {
    return partials;
  }
}
