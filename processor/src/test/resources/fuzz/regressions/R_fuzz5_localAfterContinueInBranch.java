// javagrad-fuzz: int=2 bool=true len=3 points=505
package fuzz;

import io.github.javagrad.Differentiable;

// FUZZ-5: a local declared after an if/else whose branch holds a continue: the normaliser copies
// the rest of the loop body into both paths, and the local's hoisted declaration was emitted twice.
final class R_fuzz5_localAfterContinueInBranch {
  private R_fuzz5_localAfterContinueInBranch() {}

  @Differentiable
  static double f(double x0, double x1) {
    double s = 0;
    for (int i = 0; i < 3; i++) {
      if (x1 > i - 1) {
        s += x1;
      } else {
        if (x0 > i) continue;
      }
      double v = Math.sqrt(x0 * x0 + 1);
      s += v * s;
    }
    return s;
  }

  @Differentiable
  static double g(double x0, double[] a) {
    double s = x0;
    for (double t : a) {
      if (t > 0.5) {
        if (x0 > t) continue;
      }
      double v = Math.sin(t * x0);
      s = 0.5 * s + v;
    }
    return s;
  }
}
