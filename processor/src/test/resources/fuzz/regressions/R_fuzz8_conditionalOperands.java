// javagrad-fuzz: int=1 bool=true len=2 points=808
package fuzz;

import io.github.javagrad.Differentiable;

// FUZZ-8 (CORPUS-10 on main): a conditional whose value the reverse sweep needs (a Math argument,
// a factor, a call argument) read a variable that the statement or a later one overwrote.
final class R_fuzz8_conditionalOperands {
  private R_fuzz8_conditionalOperands() {}

  @Differentiable
  static double atanOfConditional(double x0, boolean flag) {
    x0 += Math.atan(flag ? x0 : 3);
    return x0;
  }

  @Differentiable
  static double sinThenOverwrite(double x0, double x1) {
    double y = Math.sin(x1 > 0 ? x0 : x1);
    x0 = 2;
    return y * x0;
  }

  @Differentiable
  static double factor(double x0, boolean flag) {
    x0 = (3 + x0) * (flag ? x0 : 4);
    return x0;
  }

  @Differentiable
  static double helper(double x0) {
    return Math.cos(x0);
  }

  @Differentiable
  static double callArgument(double x0, double x1, boolean flag) {
    double v = helper(flag ? x0 : x1);
    x0 = 5;
    return v * x0;
  }
}
