package io.github.javagrad.corpus;

import io.github.javagrad.Differentiable;

/** Reassigned locals and parameters, compound assignment, ++/-- and int counters. */
final class ReassignFns {
  private ReassignFns() {}

  /** x = x * x three times: x^8. */
  @Differentiable
  static double squareThrice(double x) {
    x = x * x;
    x = x * x;
    x = x * x;
    return x;
  }

  /** x *= x: x^2. */
  @Differentiable
  static double timesEqualsSelf(double x) {
    x *= x;
    return x;
  }

  /** x /= y: x / y. */
  @Differentiable
  static double divideEquals(double x, double y) {
    x /= y;
    return x;
  }

  /** ((x + y)^2 - y) / y via a chain of compound assignments. */
  @Differentiable
  static double compoundChain(double x, double y) {
    x += y;
    x *= x;
    x -= y;
    x /= y;
    return x;
  }

  /** Compound assignments whose right-hand side reads the target: x(1 + y)(x(1 + y) + y). */
  @Differentiable
  static double compoundReadsTarget(double x, double y) {
    x += x * y;
    x *= x + y;
    return x;
  }

  /** x - x / y, then y overwritten with itself squared: (x - x/y) * y^2. */
  @Differentiable
  static double compoundOnBoth(double x, double y) {
    x -= x / y;
    y *= y;
    return x * y;
  }

  /** An int parameter used, incremented, used, decremented twice, used again. */
  @Differentiable
  static double intCounter(double x, int n) {
    double y = x * n;
    n++;
    y = y * n;
    n--;
    n--;
    y = y + x * n;
    return y;
  }

  /** A local int counter with ++, *=, -=, /=, %= and %. */
  @Differentiable
  static double localCounter(double x) {
    int k = 0;
    k++;
    k++;
    double r = x * k;
    k *= 3;
    r = r + x * k;
    k -= 1;
    k /= 2;
    r = r * k;
    k %= 2;
    r = r + k * x * x;
    k = 7;
    k = k % 4;
    r = r + k * x;
    return r;
  }

  /** A long counter widened from an int parameter. */
  @Differentiable
  static double longCounter(double x, int n) {
    long m = n;
    m++;
    double r = x * m;
    m = m * m;
    r += x * m;
    m--;
    m %= 1000;
    return r * m;
  }

  /** Compound assignment on an int parameter: x (n + 2)^2. */
  @Differentiable
  static double intParameterCompound(double x, int n) {
    n += 2;
    n *= n;
    return x * n;
  }

  /** ++ and -- on a double: ((x + 1)^2 - 1) y. */
  @Differentiable
  static double doubleIncrement(double x, double y) {
    double t = x;
    t++;
    t = t * t;
    t--;
    x++;
    x--;
    return t * y + x - x;
  }

  /** sin(xy + x)^2 - xy, through one local overwritten again and again. */
  @Differentiable
  static double manyOverwrites(double x, double y) {
    double t = x;
    t = t * y;
    t = t + x;
    t = Math.sin(t);
    t = t * t;
    t = t - x * y;
    return t;
  }

  /** A long straight-line chain mixing doubles and ints (see the test's forward-mode mirror). */
  @Differentiable
  static double longChain(double x, double y) {
    double r = x;
    int k = 1;
    r = r * y;
    r = r + x;
    k++;
    r = r * k;
    r = Math.tanh(r);
    double s = r * x;
    r = s - y;
    k = k * k;
    r = r + k;
    s = s * s;
    r = r * s;
    k--;
    r = r / k;
    x = r;
    r = x * y + s;
    y = r - x;
    return y * 0.5 + r;
  }

  /** Swapping two parameters through a temporary: y^2 x. */
  @Differentiable
  static double swap(double x, double y) {
    double t = x;
    x = y;
    y = t;
    return x * x * y;
  }

  /** A parameter overwritten by a constant before use: dX must be 0. */
  @Differentiable
  static double overwrittenByConstant(double x, double y) {
    x = 3;
    return x * y;
  }

  /** Aliasing: x = y; y = 2x; x y = 2 y^2, independent of the original x. */
  @Differentiable
  static double aliasing(double x, double y) {
    x = y;
    y = 2 * x;
    return x * y;
  }

  /** A local used, then overwritten with an unrelated value: e^x + x^2 y^2. */
  @Differentiable
  static double overwriteAfterUse(double x, double y) {
    double a = x * y;
    double b = a * a;
    a = Math.exp(x);
    return a + b;
  }

  /** Reassignment inside branches, then used after the join. */
  @Differentiable
  static double reassignInBranches(double x, double y) {
    if (x > 0) {
      x *= 2;
    } else {
      x -= y;
    }
    x = x * y;
    return x;
  }

  /** var locals reassigned and compound-assigned. */
  @Differentiable
  static double varReassign(double x) {
    var t = x;
    t = t * t;
    t += x;
    var k = 2;
    k++;
    t *= k;
    return t;
  }

  /** An int parameter reassigned in a branch, then incremented: see the test. */
  @Differentiable
  static double intReassignedInBranch(double x, int n) {
    double r = x * n;
    if (x > 0) {
      n = n * 2;
      r = r * n;
    }
    n++;
    return r * n;
  }

  /** Compound assignments with int and long right-hand sides: d/dx = n (m + n) / 2. */
  @Differentiable
  static double compoundWithIntegers(double x, int n, long m) {
    x += n;
    x *= n;
    x -= m;
    x /= 2;
    m += n;
    return x * m;
  }

  /** Unary minus reassignments: -x^2. */
  @Differentiable
  static double negateReassign(double x) {
    x = -x;
    x = -x * x;
    return x;
  }

  /** A boolean reassigned with && ! ||, then used. */
  @Differentiable
  static double booleanReassigned(double x, double y) {
    boolean b = x > 0;
    b = b && y > 0;
    b = !b;
    b = b || x > 10;
    return b ? x * y : x + y;
  }

  /** Several declarators in one declaration: 12 x y. */
  @Differentiable
  static double multipleDeclarators(double x, double y) {
    double a = x * 2, b = y * 3;
    int i = 1, j = 2;
    return a * b * i * j;
  }
}
