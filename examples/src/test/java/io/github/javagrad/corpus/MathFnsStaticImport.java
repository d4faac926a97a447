package io.github.javagrad.corpus;

import static java.lang.Math.*;

import io.github.javagrad.Differentiable;

/** The same functions reached through {@code import static java.lang.Math.*}. */
final class MathFnsStaticImport {
  private MathFnsStaticImport() {}

  /** d/dx = cos(x) y - sin(x) y' ... here: cos(x) * exp(y), d/dy = sin(x) * exp(y). */
  @Differentiable
  static double sinExp(double x, double y) {
    return sin(x) * exp(y);
  }

  /** d/dx = 1/x + 1/(2 sqrt(x)) + 1/(3 cbrt(x)^2). */
  @Differentiable
  static double logSqrtCbrt(double x) {
    return log(x) + sqrt(x) + cbrt(x);
  }

  /** d/dx = y x^(y-1) + y/(x^2+y^2)... see the test for the full formula. */
  @Differentiable
  static double powAtan2Hypot(double x, double y) {
    return pow(x, y) + atan2(y, x) + hypot(x, y);
  }

  /** d/dx = sign(x) + [x > y] (max), d/dy = [y > x]. */
  @Differentiable
  static double absMax(double x, double y) {
    return abs(x) + max(x, y) + min(x, 0.5) * floor(y);
  }

  @Differentiable
  static double tanhTimesPi(double x) {
    return tanh(x) * PI + E;
  }

  @Differentiable
  static double trig(double x) {
    return tan(x) + asin(x) + acos(x) + atan(x) + sinh(x) + cosh(x) + expm1(x) + log10(x + 2)
        + log1p(x) + toDegrees(x) + toRadians(x) + copySign(x, -1.0) + signum(x) + ceil(x)
        + rint(x);
  }
}
