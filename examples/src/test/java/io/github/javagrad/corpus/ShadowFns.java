package io.github.javagrad.corpus;

import io.github.javagrad.Differentiable;

/**
 * Names that shadow Math functions or collide with names the generator uses: locals and
 * parameters named exp, sin, value, seed, dX; a same-class method named exp.
 */
final class ShadowFns {
  private ShadowFns() {}

  /** A same-class method named exp: it is x^2, not Math.exp. */
  @Differentiable
  static double exp(double x) {
    return x * x;
  }

  /** exp(x) is this class's exp (x^2); Math.exp is the real one: d/dx = 2x + e^x. */
  @Differentiable
  static double ownExpAndMathExp(double x) {
    return exp(x) + Math.exp(x);
  }

  /** A local named exp: e^(2x) + 2x, d/dx = 2 e^(2x) + 2. */
  @Differentiable
  static double localNamedExp(double x) {
    double exp = x * 2;
    return Math.exp(exp) + exp;
  }

  /** A local named sin next to calls of Math.sin: sin(x) 3x + sin(3x). */
  @Differentiable
  static double localNamedSin(double x) {
    double sin = x * 3;
    return Math.sin(x) * sin + Math.sin(sin);
  }

  /** Parameters named sin and cos: d/dsin = cos(sin) cos(cos), d/dcos = -sin(sin) sin(cos). */
  @Differentiable
  static double parametersNamedSinAndCos(double sin, double cos) {
    return Math.sin(sin) * Math.cos(cos);
  }

  /** Locals named value, seed and dX: xy(x + 1) + 3y. */
  @Differentiable
  static double localsNamedLikeGeneratedCode(double x, double y) {
    double value = x * y;
    double seed = x + 1;
    double dX = y * 3;
    return value * seed + dX;
  }

  /** Parameters named seed and value: seed^2 value + value. */
  @Differentiable
  static double parametersNamedSeedAndValue(double seed, double value) {
    return seed * seed * value + value;
  }

  /** A local r next to a local dR (the adjoint name of r): r + 2r = 3x^2. */
  @Differentiable
  static double localNamedLikeAnAdjoint(double x) {
    double r = x * x;
    double dR = r * 2;
    return r + dR;
  }

  /** A parameter named dX next to a parameter x: x^2 dX. */
  @Differentiable
  static double parameterNamedLikeAnAdjoint(double x, double dX) {
    return x * x * dX;
  }

  /** Fully qualified java.lang.Math and java.lang.StrictMath. */
  @Differentiable
  static double fullyQualified(double x) {
    return java.lang.Math.sin(x) * java.lang.StrictMath.exp(x) + java.lang.Math.PI * x;
  }

  /** A method named value: its record is Value(value, dX). 5x. */
  @Differentiable
  static double value(double x) {
    return 5 * x;
  }

  /** A method named gradient: x^3. */
  @Differentiable
  static double gradient(double x) {
    return x * x * x;
  }

  /** Parameters whose partial names clash (d, D -> dD; x, X -> dX): d D x X. */
  @Differentiable
  static double partialNamesThatClash(double d, double D, double x, double X) {
    return d * D * x * X;
  }

  /** final parameters and locals: 2 x^2 y^2. */
  @Differentiable
  static double finals(final double x, double y) {
    final double t = x * y;
    final int k = 2;
    return t * t * k;
  }

  // ---------------------------------------------------------------- names that shadow types

  /** A parameter named Math (java.lang.Math must then be written out): Math sin(x). */
  @Differentiable
  static double parameterNamedMath(double Math, double x) {
    return Math * java.lang.Math.sin(x);
  }

  /** A local named Math: 2x sin(x). */
  @Differentiable
  static double localNamedMath(double x) {
    double Math = x * 2;
    return Math * java.lang.Math.sin(x);
  }

  /** A local named like the runtime class the generated max rule calls: 2x max(x, y). */
  @Differentiable
  static double localNamedDerivatives(double x, double y) {
    double Derivatives = x * 2;
    return Derivatives * java.lang.Math.max(x, y);
  }

  /** Parameters named seed, seed2 and value2: the generated seed must avoid all of them. */
  @Differentiable
  static double parametersNamedSeedAndSeed2(double seed, double seed2, double value2) {
    return seed * seed2 * value2;
  }

  /** A local named like the generated pullback temporary of the call exp(x): 3x * x^2. */
  @Differentiable
  static double localNamedLikeAPullbackTemporary(double x) {
    double expPullback = 3;
    double product = x * expPullback;
    return exp(x) * product;
  }

  // ---------------------------------------------------------------- locals over constants and methods

  static final double SCALE = 2.5;

  /** A local named like a class constant shadows it; ShadowFns.SCALE is the constant: 5x^2. */
  @Differentiable
  static double localShadowsConstant(double x) {
    double SCALE = x * 2;
    return SCALE * ShadowFns.SCALE * x;
  }

  /** A parameter named like a class constant: SCALE x. */
  @Differentiable
  static double parameterShadowsConstant(double SCALE, double x) {
    return SCALE * x;
  }

  /** A local named like a same-class method (exp): exp(x) is still the method, x^2 * 2. */
  @Differentiable
  static double localNamedLikeAMethod(double x) {
    double exp = 2;
    return exp(x) * exp;
  }

  // ---------------------------------------------------------------- names of generated-code classes

  /** A local named like the owner class: the value line calls this class's exp: (x + 1) x^2. */
  @Differentiable
  static double localNamedLikeTheClass(double x) {
    double ShadowFns = x + 1;
    return exp(x) * ShadowFns;
  }

  /** A local named like the companion class, which holds exp's pullback: (x + 1) x^2. */
  @Differentiable
  static double localNamedLikeTheCompanion(double x) {
    double ShadowFnsGradients = x + 1;
    return exp(x) * ShadowFnsGradients;
  }

  /** Locals named like another package's class and companion: 2 (x + 1) sigmoid(x). */
  @Differentiable
  static double localsNamedLikeAnotherPackagesClasses(double x) {
    double KernelsGradients = x + 1;
    double Kernels = 2;
    return io.github.javagrad.corpus.other.Kernels.sigmoid(x) * KernelsGradients * Kernels;
  }
}
