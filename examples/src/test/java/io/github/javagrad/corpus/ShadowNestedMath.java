package io.github.javagrad.corpus;

import io.github.javagrad.Differentiable;

/** A nested class named Math: Math.sin here is not java.lang.Math.sin. */
final class ShadowNestedMath {
  private ShadowNestedMath() {}

  /** Shadows java.lang.Math inside ShadowNestedMath. */
  static final class Math {
    private Math() {}

    /** x^3. */
    @Differentiable
    static double sin(double x) {
      return x * x * x;
    }

    /** 3x. */
    @Differentiable
    static double exp(double x) {
      return 3 * x;
    }
  }

  /** Math.sin(x) + java.lang.Math.sin(x) + Math.exp(x): d/dx = 3x^2 + cos(x) + 3. */
  @Differentiable
  static double useNestedMath(double x) {
    return Math.sin(x) + java.lang.Math.sin(x) + Math.exp(x) + java.lang.Math.exp(0.5 * x);
  }
}
