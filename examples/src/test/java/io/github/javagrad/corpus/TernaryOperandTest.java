package io.github.javagrad.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.javagrad.Differentiable;
import io.github.javagrad.GradientCheck;
import org.junit.jupiter.api.Test;

/** Regression (CORPUS-10): a conditional used as an operand, reading a variable that is overwritten. */
class TernaryOperandTest {

  static final class Fns {
    private Fns() {}

    /** y := x * (x > 0 ? y : 1); at x > 0: x y, d/dx = y, d/dy = x. */
    @Differentiable
    static double factor(double x, double y) {
      y = x * (x > 0 ? y : 1);
      return y;
    }

    /** Same, with a local instead of the parameter. */
    @Differentiable
    static double local(double x, double y) {
      double t = y;
      t = x * (x > 0 ? t : 1);
      return t;
    }

    /** The ternary's variable is overwritten by a later statement: sin(x), d/dx = cos(x). */
    @Differentiable
    static double laterOverwrite(double x, double y) {
      double t = Math.sin(y > 0 ? x : 1);
      x = x * 3;
      return t;
    }

    /** The ternary as the argument of sin: y := sin(x > 0 ? y : 1) * x. */
    @Differentiable
    static double inCall(double x, double y) {
      y = Math.sin(x > 0 ? y : 1) * x;
      return y;
    }
  }

  @Test
  void factor() {
    TernaryOperandTest_FnsGradients.Factor r = TernaryOperandTest_FnsGradients.factor(2, 3);
    assertEquals(6.0, r.value());
    assertEquals(3.0, r.dX()); // y, the old value
    assertEquals(2.0, r.dY());
    GradientCheck.of(p -> TernaryOperandTest_FnsGradients.factor(p[0], p[1])).assertAt(2, 3);
  }

  @Test
  void local() {
    assertEquals(3.0, TernaryOperandTest_FnsGradients.local(2, 3).dX());
  }

  @Test
  void laterOverwrite() {
    // cos(2) = -0.416; reading the overwritten x gives cos(6) = 0.960
    assertEquals(Math.cos(2), TernaryOperandTest_FnsGradients.laterOverwrite(2, 1).dX(), 1e-15);
  }

  @Test
  void inCall() {
    // sin(y) x: d/dx = sin(y), d/dy = cos(y) x
    TernaryOperandTest_FnsGradients.InCall r = TernaryOperandTest_FnsGradients.inCall(2, 3);
    assertEquals(Math.sin(3), r.dX(), 1e-15);
    assertEquals(Math.cos(3) * 2, r.dY(), 1e-15);
  }
}
