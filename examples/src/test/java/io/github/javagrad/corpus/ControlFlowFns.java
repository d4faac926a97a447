package io.github.javagrad.corpus;

import io.github.javagrad.Differentiable;

/** if/else, nesting, early returns, ternaries, flags and conditions on overwritten variables. */
final class ControlFlowFns {
  private ControlFlowFns() {}

  // ---------------------------------------------------------------- if / else

  /** x > y: r = xy; else r = x + y. */
  @Differentiable
  static double ifElse(double x, double y) {
    double r = 0;
    if (x > y) {
      r = x * y;
    } else {
      r = x + y;
    }
    return r;
  }

  /** Without braces, and without else on the second if. */
  @Differentiable
  static double noBraces(double x, double y) {
    double r = y;
    if (x > 0) r = r * x;
    else r = -r;
    if (y < 0) r = r * y;
    return r;
  }

  /** An else-if chain over an int and a double. */
  @Differentiable
  static double elseIfChain(double x, int mode) {
    double r = x;
    if (mode == 0) {
      r = x * x;
    } else if (mode == 1) {
      r = Math.sin(x);
    } else if (mode == 2 && x > 0) {
      r = Math.sqrt(x);
    } else {
      r = -3 * x;
    }
    return r;
  }

  /** Nested if/else with an early return in one nested else. */
  @Differentiable
  static double nested(double x, double y) {
    double r = x;
    if (x > 0) {
      if (y > 0) {
        r = r * y;
      } else {
        r = r - y * y;
      }
    } else {
      if (y > x) {
        r = Math.sin(r) * y;
      } else {
        return x * x * y;
      }
    }
    return r * 2;
  }

  /** Locals declared inside branches, with the same name in both. */
  @Differentiable
  static double blockLocals(double x, double y) {
    double r = 1;
    if (x > y) {
      double t = x * y;
      r = t * t;
    } else {
      double t = y - x;
      r = t * 3 + x;
    }
    if (r > 2) {
      double u = r * x;
      r = u + r;
    }
    return r;
  }

  /** An empty then-branch. */
  @Differentiable
  static double emptyThen(double x, double y) {
    double r = x * y;
    if (x > 0) {
    } else {
      r = r * x;
    }
    return r;
  }

  // ---------------------------------------------------------------- early returns

  /** |x| with an early return. */
  @Differentiable
  static double absByReturn(double x) {
    if (x < 0) {
      return -x;
    }
    return x;
  }

  /** A chain of guarded returns. */
  @Differentiable
  static double returnChain(double x) {
    if (x < -1) {
      return -x * x;
    }
    if (x < 0) {
      return x;
    }
    if (x < 1) {
      return x * x * x;
    }
    return Math.sqrt(x);
  }

  /** Returns on only some paths; the others fall through to more code. */
  @Differentiable
  static double someReturns(double x, double y) {
    double r = x * y;
    if (x > 0) {
      r = r + x;
      if (y > 0) {
        return r * r;
      }
      r = r * 3;
    }
    r = r - y;
    return r;
  }

  /** The then-branch assigns, the else-branch returns, code follows. */
  @Differentiable
  static double returnInElse(double x, double y) {
    double r = y;
    if (x > 1) {
      r = r * x;
    } else {
      return r + x * x;
    }
    r = r * x;
    return r;
  }

  /** An early return, then the parameter is overwritten. */
  @Differentiable
  static double returnThenReassign(double x) {
    if (x > 5) {
      return x;
    }
    x = x * x;
    return x * 2;
  }

  /** Both branches return; no statement after the if. */
  @Differentiable
  static double bothReturn(double x, double y) {
    double s = x + y;
    if (s > 0) {
      return s * x;
    } else {
      return s * y;
    }
  }

  /** A return inside two levels of nesting, after the returned variable was changed. */
  @Differentiable
  static double deepReturn(double x, double y) {
    double r = x;
    if (y > 0) {
      r = r * y;
      if (r > 1) {
        r = r * r;
        if (x > 2) {
          return r + y;
        }
        r = r - x;
      }
      r = r * 2;
    }
    return r * y;
  }

  // ---------------------------------------------------------------- ternaries

  @Differentiable
  static double ternary(double x, double y) {
    return x > y ? x * y : x - y;
  }

  @Differentiable
  static double nestedTernary(double x, double y) {
    return x > 0 ? (y > 0 ? x * y : x / (1 + y * y)) : (y > x ? Math.exp(x) * y : x * x);
  }

  /** Ternaries as operands. */
  @Differentiable
  static double ternaryOperands(double x, double y) {
    return 2 * (x > 0 ? x : -x) + y * (y > 1 ? y : 1);
  }

  /** The assigned variable appears inside a branch of the ternary. */
  @Differentiable
  static double ternaryAssignsItself(double x, double y, boolean c) {
    x = c ? x * 2 : y;
    return x * x;
  }

  /** x = x > y ? x * x : y, then both are used. */
  @Differentiable
  static double ternarySelfSquare(double x, double y) {
    x = x > y ? x * x : y;
    return x * y;
  }

  /** A ternary in a condition, and int and boolean ternaries. */
  @Differentiable
  static double ternaryMisc(double x, double y, int n) {
    double r = x;
    if ((x > 0 ? x : y) > 1) {
      r = r * y;
    }
    int k = n > 0 ? n : -n;
    boolean b = x > 0 ? y > 0 : y < 0;
    double s = b ? r * k : r + k;
    return s;
  }

  /** Ternary chained as an else-if (right-associative). */
  @Differentiable
  static double ternaryChain(double x) {
    return x < -1 ? -x : x < 1 ? x * x : x < 2 ? 2 * x - 1 : Math.log(x) + 3 - Math.log(2);
  }

  // ---------------------------------------------------------------- conditions and overwrites

  /** The condition variable is overwritten after the if. */
  @Differentiable
  static double conditionThenOverwrite(double x, double y) {
    double r = y;
    if (x > 1) {
      r = r * x;
    }
    x = -x * 3;
    r = r + x;
    return r;
  }

  /** The condition variable is overwritten inside the taken branch, flipping the condition. */
  @Differentiable
  static double conditionOverwrittenInBranch(double x, double y) {
    double r = y;
    if (x > 1) {
      x = x - 5;
      r = r * x;
    }
    return r + x;
  }

  /** The condition variable is overwritten in the else branch so the condition would now hold. */
  @Differentiable
  static double conditionOverwrittenInElse(double x, double y) {
    double r = 0;
    if (x > 0) {
      r = x * y;
    } else {
      x = x + 10;
      r = x * x;
    }
    return r * x;
  }

  /** Two ifs on the same variable, the first changing it so the second flips. */
  @Differentiable
  static double sequentialIfs(double x) {
    double r = 1;
    if (x < 0) {
      x = -x;
      r = r * 2;
    }
    if (x > 1) {
      r = r * x;
      x = 0.5 * x;
    }
    if (x > 1) {
      r = r + x * x;
    }
    return r * x;
  }

  /** The local the condition reads is reassigned in the branch and the loop of ifs after it. */
  @Differentiable
  static double conditionOnLocal(double x, double y) {
    double t = x - y;
    double r = 0;
    if (t > 0) {
      r = t * x;
      t = -t;
    } else {
      r = t * y;
      t = t * t + 1;
    }
    if (t > 0) {
      r = r + t * x;
    }
    return r;
  }

  // ---------------------------------------------------------------- flags and boolean logic

  /** A boolean flag computed early, the variable changed, the flag read later. */
  @Differentiable
  static double branchFlag(double x, double y) {
    boolean positive = x > 0;
    x = x * y;
    if (positive) {
      x = x * x;
    }
    positive = !positive;
    if (positive) {
      x = x + y;
    }
    return x;
  }

  /** && || ! and comparisons of every kind. */
  @Differentiable
  static double booleanLogic(double x, double y, int n) {
    boolean both = x > 0 && y > 0;
    boolean either = x >= 1 || y <= -1;
    boolean same = x == y;
    boolean different = n != 3;
    double r = x;
    if (!both && either) {
      r = r * y;
    }
    if (both || !different) {
      r = r + x * x;
    }
    if (same) {
      r = r * 10;
    }
    if (n % 2 == 0 && !(x < y)) {
      r = r - y;
    }
    return r;
  }

  /** A boolean parameter as a flag. */
  @Differentiable
  static double booleanParameter(double x, double y, boolean square) {
    double r = x + y;
    if (square) {
      r = r * r;
    }
    return square ? r : r * y;
  }

  // ---------------------------------------------------------------- branches that guard a domain

  /** The log is only evaluated (and differentiated) for x > 0. */
  @Differentiable
  static double guardedLog(double x) {
    return x > 0 ? Math.log(x) : x;
  }

  /** The sqrt is only evaluated for x > 0: at x <= 0 the derivative is 1, not NaN. */
  @Differentiable
  static double guardedSqrt(double x) {
    double r = x;
    if (x > 0) {
      r = Math.sqrt(x);
    }
    return r;
  }

  /** Sibling blocks declare t with different types. */
  @Differentiable
  static double siblingBlocksOfDifferentTypes(double x, double y) {
    double r = 0;
    if (x > y) {
      double t = x * y;
      t = t * t;
      r = t;
    } else {
      int t = 3;
      t = t * 2;
      r = x * t;
    }
    return r;
  }

  /** A ternary whose condition reads the variable it assigns, then a compound with a ternary. */
  @Differentiable
  static double ternaryConditionOnTarget(double x, double y) {
    x = x > 0 ? x * 2 : -x;
    x *= x > 1 ? x : y;
    return x;
  }

  /** Five levels of nesting with returns at several depths. */
  @Differentiable
  static double deep(double a, double b) {
    double r = a;
    if (a > 0) {
      r = r * b;
      if (b > 0) {
        r = r + a;
        if (a > b) {
          r = r * r;
          if (r > 10) {
            return r - b;
          } else {
            r = r * 3;
            if (b > 1) {
              return r + b * b;
            }
          }
        } else {
          r = Math.sin(r);
        }
      } else {
        if (a > 2) {
          return a * b * b;
        }
        r = r - 1;
      }
    } else {
      return b * Math.exp(a);
    }
    return r * a;
  }
}
