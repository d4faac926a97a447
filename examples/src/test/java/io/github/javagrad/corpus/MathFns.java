package io.github.javagrad.corpus;

import io.github.javagrad.Differentiable;

/** One {@code @Differentiable} method per supported {@code Math} and {@code StrictMath} function. */
final class MathFns {
  private MathFns() {}

  // ---------------------------------------------------------------- java.lang.Math, unary

  @Differentiable
  static double sin(double x) {
    return Math.sin(x);
  }

  @Differentiable
  static double cos(double x) {
    return Math.cos(x);
  }

  @Differentiable
  static double tan(double x) {
    return Math.tan(x);
  }

  @Differentiable
  static double asin(double x) {
    return Math.asin(x);
  }

  @Differentiable
  static double acos(double x) {
    return Math.acos(x);
  }

  @Differentiable
  static double atan(double x) {
    return Math.atan(x);
  }

  @Differentiable
  static double sinh(double x) {
    return Math.sinh(x);
  }

  @Differentiable
  static double cosh(double x) {
    return Math.cosh(x);
  }

  @Differentiable
  static double tanh(double x) {
    return Math.tanh(x);
  }

  @Differentiable
  static double exp(double x) {
    return Math.exp(x);
  }

  @Differentiable
  static double expm1(double x) {
    return Math.expm1(x);
  }

  @Differentiable
  static double log(double x) {
    return Math.log(x);
  }

  @Differentiable
  static double log10(double x) {
    return Math.log10(x);
  }

  @Differentiable
  static double log1p(double x) {
    return Math.log1p(x);
  }

  @Differentiable
  static double sqrt(double x) {
    return Math.sqrt(x);
  }

  @Differentiable
  static double cbrt(double x) {
    return Math.cbrt(x);
  }

  @Differentiable
  static double abs(double x) {
    return Math.abs(x);
  }

  @Differentiable
  static double signum(double x) {
    return Math.signum(x);
  }

  @Differentiable
  static double floor(double x) {
    return Math.floor(x);
  }

  @Differentiable
  static double ceil(double x) {
    return Math.ceil(x);
  }

  @Differentiable
  static double rint(double x) {
    return Math.rint(x);
  }

  @Differentiable
  static double toRadians(double x) {
    return Math.toRadians(x);
  }

  @Differentiable
  static double toDegrees(double x) {
    return Math.toDegrees(x);
  }

  /** Piecewise-constant factors contribute their value but no derivative: d/dx = floor(x). */
  @Differentiable
  static double xTimesFloor(double x) {
    return x * Math.floor(x);
  }

  /** d/dx = signum(x) + ceil(x) + rint(x) (the piecewise constants have derivative 0). */
  @Differentiable
  static double xTimesSteps(double x) {
    return x * (Math.signum(x) + Math.ceil(x) + Math.rint(x));
  }

  // ---------------------------------------------------------------- pow and its special cases

  @Differentiable
  static double pow(double x, double y) {
    return Math.pow(x, y);
  }

  @Differentiable
  static double powThree(double x) {
    return Math.pow(x, 3);
  }

  @Differentiable
  static double powTwo(double x) {
    return Math.pow(x, 2.0);
  }

  @Differentiable
  static double powOne(double x) {
    return Math.pow(x, 1);
  }

  @Differentiable
  static double powZero(double x) {
    return Math.pow(x, 0);
  }

  @Differentiable
  static double powHalf(double x) {
    return Math.pow(x, 0.5);
  }

  @Differentiable
  static double powMinusTwo(double x) {
    return Math.pow(x, -2);
  }

  /** The exponent is an int parameter: not differentiated, but not a constant either. */
  @Differentiable
  static double powInt(double x, int n) {
    return Math.pow(x, n);
  }

  /** A constant base: d/dx 2^x = 2^x ln 2. */
  @Differentiable
  static double twoToThe(double x) {
    return Math.pow(2, x);
  }

  // ---------------------------------------------------------------- binary

  @Differentiable
  static double atan2(double y, double x) {
    return Math.atan2(y, x);
  }

  @Differentiable
  static double hypot(double x, double y) {
    return Math.hypot(x, y);
  }

  @Differentiable
  static double max(double x, double y) {
    return Math.max(x, y);
  }

  @Differentiable
  static double min(double x, double y) {
    return Math.min(x, y);
  }

  /** max with an int literal, promoted to double: the ReLU. */
  @Differentiable
  static double relu(double x) {
    return Math.max(x, 0);
  }

  /** Both arguments are the same variable: at the (permanent) tie the halves add up to 1. */
  @Differentiable
  static double maxSelf(double x) {
    return Math.max(x, x) + Math.min(x, x);
  }

  @Differentiable
  static double copySign(double m, double s) {
    return Math.copySign(m, s);
  }

  // ---------------------------------------------------------------- compositions

  /** d/dx = cos(x) y, d/dy = sin(x). */
  @Differentiable
  static double sinTimes(double x, double y) {
    return Math.sin(x) * y;
  }

  /** d/dx = exp(sin(x)) cos(x). */
  @Differentiable
  static double expOfSin(double x) {
    return Math.exp(Math.sin(x));
  }

  /** d/dx = (x / sqrt(1 + x^2)) / (1 + sqrt(1 + x^2)), the derivative of log(1 + sqrt(1 + x^2)). */
  @Differentiable
  static double logOnePlusSqrt(double x) {
    return Math.log(1 + Math.sqrt(1 + x * x));
  }

  /** Softplus with a tanh-based gate and the constant PI: every kind of node at once. */
  @Differentiable
  static double mixed(double x, double y) {
    return Math.tanh(x * y) * Math.PI + Math.log1p(Math.exp(-Math.abs(x))) + Math.hypot(x, Math.E);
  }

  // ---------------------------------------------------------------- java.lang.StrictMath

  @Differentiable
  static double strictSin(double x) {
    return StrictMath.sin(x);
  }

  @Differentiable
  static double strictCos(double x) {
    return StrictMath.cos(x);
  }

  @Differentiable
  static double strictTan(double x) {
    return StrictMath.tan(x);
  }

  @Differentiable
  static double strictAsin(double x) {
    return StrictMath.asin(x);
  }

  @Differentiable
  static double strictAcos(double x) {
    return StrictMath.acos(x);
  }

  @Differentiable
  static double strictAtan(double x) {
    return StrictMath.atan(x);
  }

  @Differentiable
  static double strictSinh(double x) {
    return StrictMath.sinh(x);
  }

  @Differentiable
  static double strictCosh(double x) {
    return StrictMath.cosh(x);
  }

  @Differentiable
  static double strictTanh(double x) {
    return StrictMath.tanh(x);
  }

  @Differentiable
  static double strictExp(double x) {
    return StrictMath.exp(x);
  }

  @Differentiable
  static double strictExpm1(double x) {
    return StrictMath.expm1(x);
  }

  @Differentiable
  static double strictLog(double x) {
    return StrictMath.log(x);
  }

  @Differentiable
  static double strictLog10(double x) {
    return StrictMath.log10(x);
  }

  @Differentiable
  static double strictLog1p(double x) {
    return StrictMath.log1p(x);
  }

  @Differentiable
  static double strictSqrt(double x) {
    return StrictMath.sqrt(x);
  }

  @Differentiable
  static double strictCbrt(double x) {
    return StrictMath.cbrt(x);
  }

  @Differentiable
  static double strictAbs(double x) {
    return StrictMath.abs(x);
  }

  @Differentiable
  static double strictToRadians(double x) {
    return StrictMath.toRadians(x);
  }

  @Differentiable
  static double strictToDegrees(double x) {
    return StrictMath.toDegrees(x);
  }

  @Differentiable
  static double strictPow(double x, double y) {
    return StrictMath.pow(x, y);
  }

  @Differentiable
  static double strictAtan2(double y, double x) {
    return StrictMath.atan2(y, x);
  }

  @Differentiable
  static double strictHypot(double x, double y) {
    return StrictMath.hypot(x, y);
  }

  @Differentiable
  static double strictMax(double x, double y) {
    return StrictMath.max(x, y);
  }

  @Differentiable
  static double strictMin(double x, double y) {
    return StrictMath.min(x, y);
  }

  @Differentiable
  static double strictCopySign(double m, double s) {
    return StrictMath.copySign(m, s);
  }

  /** d/dx = floor(x) + ceil(x) + rint(x) + signum(x), via StrictMath. */
  @Differentiable
  static double strictSteps(double x) {
    return x * (StrictMath.floor(x) + StrictMath.ceil(x) + StrictMath.rint(x) + StrictMath.signum(x));
  }

  // ---------------------------------------------------------------- exponent forms, self arguments

  static final int THREE = 3;

  /** 7 / 2 is int division: x^3. */
  @Differentiable
  static double powIntDivisionExponent(double x) {
    return Math.pow(x, 7 / 2);
  }

  /** A class constant exponent: x^3. */
  @Differentiable
  static double powConstantExponent(double x) {
    return Math.pow(x, THREE);
  }

  /** An int local as exponent: x^k with k = 4. */
  @Differentiable
  static double powLocalExponent(double x) {
    int k = 4;
    return Math.pow(x, k);
  }

  /** Both arguments of pow active and the same variable: x^x. */
  @Differentiable
  static double powSelf(double x) {
    return Math.pow(x, x);
  }

  /** Two-argument functions of (x, x): atan2 is constant, hypot is sqrt(2)|x|, copySign and min are x. */
  @Differentiable
  static double selfArguments(double x) {
    return Math.atan2(x, x) + Math.hypot(x, x) + Math.copySign(x, x) + Math.min(x, x);
  }

  /** (int) 2.5 is 2: x^2. */
  @Differentiable
  static double powIntCastExponent(double x) {
    return Math.pow(x, (int) 2.5);
  }

  /** -(int) 1.5 is -1: 1/x. */
  @Differentiable
  static double powNegatedIntCastExponent(double x) {
    return Math.pow(x, -(int) 1.5);
  }

  /** (long) 0.75 is 0: the constant 1. */
  @Differentiable
  static double powLongCastExponent(double x) {
    return Math.pow(x, (long) 0.75);
  }
}
