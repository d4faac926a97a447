// javagrad-fuzz: int=2 bool=true len=3 points=101
package fuzz;

import io.github.javagrad.Differentiable;

// FUZZ-7 (second half): Math calls and products inside array initialisers whose operands are
// overwritten afterwards; the reverse sweep must see the values they had when the array was built.
final class R_fuzz7_initialiserCalls {
  private R_fuzz7_initialiserCalls() {}

  @Differentiable
  static double tanhInInitialiser(double x0, double x1) {
    double x = x0 * x1;
    double[] a = {Math.tanh(x), x * x1, 2};
    x = 7;
    return a[0] + a[1] * x;
  }

  @Differentiable
  static double initialiserThenLoop(double x0, double x1) {
    double s = x1;
    double[] a = {Math.sin(s), s * x0, Math.sqrt(s * s + 1) / x0};
    double r = 0;
    for (int i = 0; i < 3; i++) {
      s = a[i] * s + Math.cos(s);
      a[i] = s * a[(i + 1) % 3];
      r += Math.exp(-s * s) + a[i];
    }
    return r + s + a[2];
  }
}
