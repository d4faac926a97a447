package io.github.javagrad.corpus;

import static java.lang.StrictMath.exp;
import static java.lang.StrictMath.log;
import static java.lang.StrictMath.sin;
import static java.lang.StrictMath.sqrt;

import io.github.javagrad.Differentiable;

/** StrictMath functions reached through single static imports. */
final class StrictMathFnsStaticImport {
  private StrictMathFnsStaticImport() {}

  /** d/dx = exp(x) sin(y) + 1/x, d/dy = exp(x) cos(y) + 1/(2 sqrt(y)). */
  @Differentiable
  static double f(double x, double y) {
    return exp(x) * sin(y) + log(x) + sqrt(y);
  }
}
