// javagrad-fuzz: int=3 bool=false len=4 points=4296566063823471375
package fuzz;

import io.github.javagrad.Differentiable;

final class R_wronggradient_86cf506dbf4008e7 {
  private R_wronggradient_86cf506dbf4008e7() {}

  @Differentiable
  static double m0(double x2, double x0, double x1) {
    double[] w0 = {0.5, 4, Math.copySign(x1 + x0, x2), 0.5};
    x0 *= 0.5;
    return w0[2];
  }
}
