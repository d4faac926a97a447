package io.github.javagrad.processor.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code java.lang.Math} / {@code StrictMath} functions javagrad differentiates, and the
 * {@code Double} predicates ({@code isNaN}, ...) it reads in conditions.
 */
public enum MathFunction {
  SIN("sin", 1),
  COS("cos", 1),
  TAN("tan", 1),
  ASIN("asin", 1),
  ACOS("acos", 1),
  ATAN("atan", 1),
  ATAN2("atan2", 2),
  SINH("sinh", 1),
  COSH("cosh", 1),
  TANH("tanh", 1),
  EXP("exp", 1),
  EXPM1("expm1", 1),
  LOG("log", 1),
  LOG10("log10", 1),
  LOG1P("log1p", 1),
  SQRT("sqrt", 1),
  CBRT("cbrt", 1),
  POW("pow", 2),
  HYPOT("hypot", 2),
  ABS("abs", 1),
  MAX("max", 2),
  MIN("min", 2),
  SIGNUM("signum", 1),
  FLOOR("floor", 1),
  CEIL("ceil", 1),
  RINT("rint", 1),
  COPY_SIGN("copySign", 2),
  TO_RADIANS("toRadians", 1),
  TO_DEGREES("toDegrees", 1),
  /** {@code Double.isNaN}: a boolean, read in conditions; no derivative. */
  IS_NAN("isNaN", 1),
  IS_INFINITE("isInfinite", 1),
  IS_FINITE("isFinite", 1);

  private final String javaName;
  private final int arity;

  MathFunction(String javaName, int arity) {
    this.javaName = javaName;
    this.arity = arity;
  }

  public String javaName() {
    return javaName;
  }

  public int arity() {
    return arity;
  }

  /** abs, max and min also have int and long overloads, which keep the argument type. */
  public boolean hasIntegralOverloads() {
    return this == ABS || this == MAX || this == MIN;
  }

  /** Piecewise-constant functions: derivative zero wherever it exists (PyTorch convention). */
  public boolean isPiecewiseConstant() {
    return this == SIGNUM || this == FLOOR || this == CEIL || this == RINT;
  }

  /** {@code Double.isNaN}, {@code isInfinite}, {@code isFinite}: boolean-valued, never active. */
  public boolean isPredicate() {
    return this == IS_NAN || this == IS_INFINITE || this == IS_FINITE;
  }

  /** The Math function of this name (not a Double predicate). */
  public static Optional<MathFunction> named(String name) {
    return Arrays.stream(values()).filter(f -> !f.isPredicate() && f.javaName.equals(name)).findFirst();
  }

  /** The Double predicate of this name. */
  public static Optional<MathFunction> predicateNamed(String name) {
    return Arrays.stream(values()).filter(f -> f.isPredicate() && f.javaName.equals(name)).findFirst();
  }
}
