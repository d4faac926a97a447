package io.github.javagrad.loops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

/** Small helpers shared by the loop tests: slicing flat points and comparing arrays. */
final class Checks {
  private Checks() {}

  /** {@code p[from..to)} as a new array: one array parameter taken out of a flat point. */
  static double[] slice(double[] p, int from, int to) {
    return Arrays.copyOfRange(p, from, to);
  }

  /** Rows of {@code cols} elements taken from {@code p}, starting at {@code from}. */
  static double[][] matrix(double[] p, int from, int rows, int cols) {
    double[][] m = new double[rows][];
    for (int i = 0; i < rows; i++) {
      m[i] = slice(p, from + i * cols, from + (i + 1) * cols);
    }
    return m;
  }

  /** Elementwise {@code |expected - actual| <= tol * max(1, |expected|)}, naming the index. */
  static void assertClose(double[] expected, double[] actual, double tol, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(
          expected[i], actual[i], tol * Math.max(1, Math.abs(expected[i])), what + "[" + i + "]");
    }
  }

  /** As {@link #assertClose(double[], double[], double, String)}, row by row. */
  static void assertClose(double[][] expected, double[][] actual, double tol, String what) {
    assertEquals(expected.length, actual.length, what + ": rows");
    for (int i = 0; i < expected.length; i++) {
      assertClose(expected[i], actual[i], tol, what + "[" + i + "]");
    }
  }

  /** {@code |expected - actual| <= tol * max(1, |expected|)}. */
  static void assertClose(double expected, double actual, double tol, String what) {
    assertEquals(expected, actual, tol * Math.max(1, Math.abs(expected)), what);
  }

  /** An array of n copies of v: a box bound for GradientCheck's random points. */
  static double[] filled(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  /** A reproducible random vector with entries in [lo, hi). */
  static double[] random(java.util.SplittableRandom r, int n, double lo, double hi) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextDouble(lo, hi);
    }
    return v;
  }
}
