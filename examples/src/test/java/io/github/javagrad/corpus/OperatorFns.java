package io.github.javagrad.corpus;

import io.github.javagrad.Differentiable;

/** Arithmetic operators, promotions, casts, constants and grouping. */
final class OperatorFns {
  private OperatorFns() {}

  static final double SCALE = 2.5;
  static final double DERIVED = SCALE * 2 + 1;
  static final int THREE = 3;
  static final long BIG = 10_000_000_000L;
  private static final double HALF = 0.5;
  private static final int PRIVATE_TWO = 2;

  @Differentiable
  static double add(double x, double y) {
    return x + y;
  }

  @Differentiable
  static double sub(double x, double y) {
    return x - y;
  }

  @Differentiable
  static double mul(double x, double y) {
    return x * y;
  }

  @Differentiable
  static double div(double x, double y) {
    return x / y;
  }

  @Differentiable
  static double neg(double x) {
    return -x;
  }

  /** -(x*y) + (-x)*(-y) - -y: d/dx = -y + y = 0, d/dy = -x + x + 1 = 1. */
  @Differentiable
  static double negations(double x, double y) {
    return -(x * y) + -x * -y - -y;
  }

  /** The same variable used many times: d/dx = 3x^2 + 2. */
  @Differentiable
  static double repeatedUse(double x) {
    return x * x * x + x + x;
  }

  /** 3x^2 y - 2x + y/4 - 7. */
  @Differentiable
  static double polynomial(double x, double y) {
    return 3 * x * x * y - 2 * x + y / 4 - 7;
  }

  // ---------------------------------------------------------------- grouping and precedence

  @Differentiable
  static double divGrouped(double a, double b, double c) {
    return a / (b * c);
  }

  @Differentiable
  static double divLeftToRight(double a, double b, double c) {
    return a / b * c;
  }

  @Differentiable
  static double divDivDiv(double a, double b, double c) {
    return a / b / c;
  }

  @Differentiable
  static double subGrouped(double a, double b, double c) {
    return a - (b - c);
  }

  @Differentiable
  static double subLeftToRight(double a, double b, double c) {
    return a - b - c;
  }

  @Differentiable
  static double addMulPrecedence(double a, double b, double c) {
    return a + b * c;
  }

  @Differentiable
  static double addMulGrouped(double a, double b, double c) {
    return (a + b) * c;
  }

  @Differentiable
  static double negGrouped(double a, double b) {
    return -(a - b) * (a + b);
  }

  // ---------------------------------------------------------------- int and long promotion

  @Differentiable
  static double timesInt(double x, int n) {
    return x * n;
  }

  @Differentiable
  static double divByInt(double x, int n) {
    return x / n;
  }

  /** n / 2 is integer division before it is promoted: d/dx = n / 2 (truncated). */
  @Differentiable
  static double intDivisionFirst(double x, int n) {
    return n / 2 * x + x * (n / 2);
  }

  /** (n + 0.5) is double arithmetic; x * n * n is double from the left: d/dx = n + 0.5 + n^2. */
  @Differentiable
  static double mixedIntDouble(double x, int n) {
    return (n + 0.5) * x + x * n * n + n;
  }

  @Differentiable
  static double timesLong(double x, long m) {
    return x * m + m * m;
  }

  /** int * long is long arithmetic; % on ints and longs (with negative operands). */
  @Differentiable
  static double remainders(double x, int n, long m) {
    return x * (n % 3) + x * x * (m % 4) + (n * m) % 5;
  }

  /** 1 / 2 is 0 in int arithmetic; 1.0 / 2 is 0.5: d/dx = 0.5. */
  @Differentiable
  static double literalDivision(double x) {
    return 1 / 2 * x + 1.0 / 2 * x;
  }

  /** Literals of every kind: d/dx = 1e-3 + 2 + 3 + 0.5 = 5.501. */
  @Differentiable
  static double literals(double x) {
    return 1e-3 * x + x * 2 + x * 3L + x / 2 + 0x10;
  }

  // ---------------------------------------------------------------- casts

  /** (int) x is a constant for the derivative: d/dx = 0, d/dy = (int) x. */
  @Differentiable
  static double intCastTimes(double x, double y) {
    return (int) x * y;
  }

  /** k = (int) x; d/dx (k * x) = k. */
  @Differentiable
  static double intCastLocal(double x) {
    int k = (int) x;
    return k * x;
  }

  /** Truncation to long and back: d/dx = 0 for the cast part, 1 for the + x. */
  @Differentiable
  static double longCastRoundTrip(double x) {
    return (double) (long) (x * 2.5) + x;
  }

  /** (double) n widens an int; d/dx = n. */
  @Differentiable
  static double doubleCastOfInt(double x, int n) {
    return (double) n * x + (double) (n / 2);
  }

  /** Implicit widening by assignment: d/dx = n + (n + 2) - 2 = 2n. */
  @Differentiable
  static double implicitWidening(double x, int n) {
    double d = n;
    long l = n;
    double e = l + 2;
    return d * x + e * x - 2 * x;
  }

  /** frac^2 + whole y with whole = (int)(x + y): d/dx = 2 frac, d/dy = 2 frac + whole. */
  @Differentiable
  static double castInMiddle(double x, double y) {
    int whole = (int) (x + y);
    double frac = x + y - whole;
    return frac * frac + whole * y;
  }

  // ---------------------------------------------------------------- constants

  /** d/dx = SCALE + DERIVED + HALF + THREE + PI + E + PRIVATE_TWO. */
  @Differentiable
  static double constants(double x) {
    return SCALE * x + x * DERIVED + HALF * x + THREE * x + Math.PI * x + x * Math.E
        + PRIVATE_TWO * x + BIG / 1_000_000_000L;
  }

  /** Constants in a nonlinear position: d/dx = SCALE cos(SCALE x) + 2 HALF x. */
  @Differentiable
  static double constantsInside(double x) {
    return Math.sin(SCALE * x) + HALF * x * x + java.lang.Math.PI;
  }

  // ---------------------------------------------------------------- var

  /** var infers double and int: d/dx = 2 x y^2 k, d/dy = 2 x^2 y k with k = 3. */
  @Differentiable
  static double withVar(double x, double y) {
    var t = x * y;
    var k = 3;
    var s = t * t;
    return s * k;
  }

  // ---------------------------------------------------------------- int Math, trivial bodies

  /** Math.abs/max/min on ints are int-valued factors: d/dx = |n| + max(n, m) + 2x min(n, m). */
  @Differentiable
  static double intMathFunctions(double x, int n, int m) {
    return x * Math.abs(n) + x * Math.max(n, m) + x * x * Math.min(n, m);
  }

  /** A constant body: d/dx = 0. */
  @Differentiable
  static double constantBody(double x) {
    return 3.0;
  }

  /** The identity: d/dx = 1. */
  @Differentiable
  static double identity(double x) {
    return x;
  }

  // ---------------------------------------------------------------- more constants and shapes

  static final boolean DOUBLE_IT = true;
  static final double LN2 = Math.log(2);

  /** A boolean class constant in an if and a ternary: 2x. */
  @Differentiable
  static double booleanConstant(double x) {
    double r = x;
    if (DOUBLE_IT) {
      r = r * 2;
    }
    return DOUBLE_IT ? r : -r;
  }

  /** A static final constant that is not a compile-time constant: x ln 2. */
  @Differentiable
  static double nonLiteralConstant(double x) {
    return x * LN2;
  }

  /** Redundant parentheses: x^2. */
  @Differentiable
  static double parenthesized(double x) {
    return (x * (x));
  }

  /** Statements spanning lines, with comments inside: 2(xy + x). */
  @Differentiable
  static double multiLine(double x,
      double y) {
    double r = x   // first part
        * y        /* second part */
        + x;
    return r
        * 2;
  }

  /** Twelve parameters. */
  @Differentiable
  static double manyParameters(double a, double b, double c, double d, double e, double f,
      double g, double h, double i, double j, double k, double l) {
    return a * b + c * d - e / f + Math.sin(g) * h + i * j * k - l;
  }

  // ---------------------------------------------------------------- literals, overflow, ternary types

  /** Literal forms whose exact value matters: d/dx = 1 + 8 + 5 + 1 + 3 - 0 + (1e-300 * 1e300). */
  @Differentiable
  static double literalForms(double x, int n) {
    long big = 9007199254740993L; // 2^53 + 1: not representable as a double
    big = big - 9007199254740992L;
    int octal = 010;
    int binary = 0b101;
    int under = 1_000;
    double hexFloat = 0x1.8p1;
    double negZero = -0.0;
    return x * big + x * octal + x * binary + x * under / 1000 + hexFloat * x + negZero * x
        + 1e-300 * x * 1e300 + 4.9e-324 * n;
  }

  /** int and long overflow in the integer parts: d/dx = Integer.MIN_VALUE + (Long.MIN_VALUE / 2^62). */
  @Differentiable
  static double integerOverflow(double x) {
    int k = 2147483647;
    k++;
    long m = 9223372036854775807L;
    m++;
    return x * k + x * (m / 4611686018427387904L);
  }

  /** An int class constant in int arithmetic: N / 2 = 1, N % 2 = 1, -N = -3: d/dx = -1. */
  @Differentiable
  static double intConstantArithmetic(double x) {
    return x * (THREE / 2) + x * (THREE % 2) + -THREE * x;
  }

  /** Ternaries mixing int and double branches, a cast ternary, (double) n / m. */
  @Differentiable
  static double mixedTernaries(double x, int n, int m, boolean c) {
    double r = c ? 1 : x;
    double s = c ? n : m;
    int k = (int) (c ? x : 2.5);
    return r * x + s * x + k * x + (double) n / m * x;
  }

  /** Nested casts: (double) (long) (int) (3x) + x, d/dx = 1. */
  @Differentiable
  static double nestedCasts(double x) {
    return (double) (long) (int) (x * 3) + x;
  }
}
