// javagrad-fuzz: int=3 bool=true len=4 points=-8035110195027587116
package fuzz;

import io.github.javagrad.Differentiable;

final class R_nonfinitegradient_a767ba627b953b98 {
  private R_nonfinitegradient_a767ba627b953b98() {}

  @Differentiable
  static double m1(double x1, double x2, double x0) {
    for (int i0 = 0; i0 < 4; i0++) {
      int c2 = 4;
      while (c2 > 0) {
        c2--;
        x0 = x0 * x0;
      }
    }
    x2 = x0 = 0.0 < x0 ? 1 : 0.5;
    return x2;
  }
}
