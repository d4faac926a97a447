// javagrad-fuzz: int=2 bool=true len=3 points=101
package fuzz;

import io.github.javagrad.Differentiable;

// FUZZ-1: loops that count their iterations (while, do, i += 2, a for with a break) inside if/else
// and switch branches outside other loops: the trip counter was declared inside the forward branch
// and read in the reverse branch.
final class R_fuzz1_loopsInBranches {
  private R_fuzz1_loopsInBranches() {}

  @Differentiable
  static double whileInIf(double x0, boolean flag) {
    double s = x0;
    if (flag) {
      int c = 2;
      while (c > 0) {
        c--;
        s = s * Math.sin(x0) + 0.5;
      }
    }
    return s;
  }

  @Differentiable
  static double doInSwitchCase(double x0, int n) {
    double s = 0.5;
    switch (n % 3) {
      case 0 -> s = x0;
      case 1, 2 -> {
        int c = n;
        do {
          c--;
          s += Math.tanh(x0 * s);
        } while (c > 0);
      }
      default -> s = -x0;
    }
    return s;
  }

  @Differentiable
  static double stepTwoInElse(double x0, double x1, double[] a) {
    double s = x1;
    if (x0 > 10) {
      s = x0;
    } else {
      for (int i = 0; i < a.length; i += 2) {
        s = s * a[i] + x0;
      }
    }
    return s;
  }

  @Differentiable
  static double breakInElseIf(double x0, double x1) {
    double s = x0;
    if (x1 > 10) {
      s = 2;
    } else if (x1 > -10) {
      for (int i = 0; i < 3; i++) {
        if (s > 100) break;
        s = s * x1 + 1;
      }
    } else {
      s = x1;
    }
    return s;
  }
}
