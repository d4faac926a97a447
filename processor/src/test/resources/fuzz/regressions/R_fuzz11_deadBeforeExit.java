// javagrad-fuzz: int=2 bool=true len=3 points=101
package fuzz;

import io.github.javagrad.Differentiable;

// FUZZ-11: an assignment overwritten later in a loop body was treated as dead although a break
// (or continue, or return) between the two can leave with the first value.
final class R_fuzz11_deadBeforeExit {
  private R_fuzz11_deadBeforeExit() {}

  @Differentiable
  static double breakBetween(double x0, double x1) {
    double x = x0;
    for (int i = 0; i < 3; i++) {
      x = 2 * x1 * x0;
      if (x1 > -100) break;
      x = 5;
    }
    return x;
  }

  @Differentiable
  static double continueBetween(double x0, double x1, int n) {
    double s = 0;
    for (int i = 0; i < n + 2; i++) {
      double x = Math.sin(x1) * x0;
      x = x * x1;
      if (i % 2 == 0) {
        s += x;
        continue;
      }
      x = 3;
      s += x;
    }
    return s;
  }

  @Differentiable
  static double returnBetween(double x0, double x1, boolean flag) {
    double x = Math.exp(x0) * x1;
    if (flag) {
      return x;
    }
    x = x1;
    return x;
  }
}
