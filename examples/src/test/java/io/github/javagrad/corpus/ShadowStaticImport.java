package io.github.javagrad.corpus;

import static java.lang.Math.*;

import io.github.javagrad.Differentiable;

/**
 * With {@code import static java.lang.Math.*}, the class's own sin and its own constants PI and
 * E shadow the imported ones.
 */
final class ShadowStaticImport {
  private ShadowStaticImport() {}

  static final double PI = 3;
  static final double E = 10;

  /** Not Math.sin: 2x. */
  @Differentiable
  static double sin(double x) {
    return 2 * x;
  }

  /** sin is this class's (2x), cos is Math.cos: d/dx = 2 - sin(x) (the real sine). */
  @Differentiable
  static double ownSinAndImportedCos(double x) {
    return sin(x) + cos(x);
  }

  /** PI and E are this class's 3 and 10: d/dx = 3 + 10 cos(x) ... E * Math.sin, see the test. */
  @Differentiable
  static double ownConstants(double x) {
    return PI * x + E * java.lang.Math.sin(x) + exp(x);
  }
}
