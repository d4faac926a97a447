package io.github.javagrad.corpus;

import static io.github.javagrad.corpus.Check.d;
import static io.github.javagrad.corpus.Check.gradient;
import static io.github.javagrad.corpus.Check.verify1;
import static io.github.javagrad.corpus.Check.verify2;

import io.github.javagrad.GradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * if/else (nested, without braces, else-if chains), early returns in several shapes, ternaries
 * (nested, as operands, assigning the variable they read), conditions on variables that are
 * overwritten later, and boolean flags. Each hand derivative is written per branch.
 */
class ControlFlowTest {

  /** Points in all four quadrants and on both sides of the diagonal, away from x = 0, y = 0, x = y. */
  private static final double[][] QUADRANTS = {
    {1.5, 0.5}, {0.5, 1.5}, {-0.5, 1.5}, {-1.5, 0.5}, {-1.5, -0.5}, {-0.5, -1.5},
    {0.5, -1.5}, {1.5, -0.5}, {2.5, 3.5}, {-3.5, -2.5}
  };

  // ---------------------------------------------------------------- if / else

  @Test
  void ifElse() {
    verify2(ControlFlowFnsGradients::ifElse, ControlFlowFns::ifElse,
        (x, y) -> x > y ? d(y, x) : d(1, 1), QUADRANTS, -4, 4);
  }

  @Test
  void ifWithoutBraces() {
    verify2(ControlFlowFnsGradients::noBraces, ControlFlowFns::noBraces,
        (x, y) -> {
          if (x > 0) {
            return y < 0 ? d(y * y, 2 * x * y) : d(y, x);
          }
          return y < 0 ? d(0, -2 * y) : d(0, -1);
        },
        QUADRANTS, -4, 4);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, -7})
  void elseIfChain(int mode) {
    verify1(x -> ControlFlowFnsGradients.elseIfChain(x, mode),
        x -> ControlFlowFns.elseIfChain(x, mode),
        x -> switch (mode) {
          case 0 -> 2 * x;
          case 1 -> Math.cos(x);
          case 2 -> x > 0 ? 0.5 / Math.sqrt(x) : -3;
          default -> -3;
        },
        new double[] {-2.5, -0.5, 0.25, 1.5, 4}, -4, 4);
  }

  @Test
  void nestedIfElseWithReturnInNestedElse() {
    verify2(ControlFlowFnsGradients::nested, ControlFlowFns::nested,
        (x, y) -> {
          if (x > 0) {
            return y > 0 ? d(2 * y, 2 * x) : d(2, -4 * y);
          }
          return y > x ? d(2 * Math.cos(x) * y, 2 * Math.sin(x)) : d(2 * x * y, x * x);
        },
        QUADRANTS, -4, 4);
  }

  @Test
  void localsDeclaredInBranches() {
    verify2(ControlFlowFnsGradients::blockLocals, ControlFlowFns::blockLocals,
        (x, y) -> {
          if (x > y) {
            double r = x * x * y * y;
            return r > 2
                ? d(3 * x * x * y * y + 2 * x * y * y, 2 * x * x * x * y + 2 * x * x * y)
                : d(2 * x * y * y, 2 * x * x * y);
          }
          double r = 3 * y - 2 * x;
          return r > 2 ? d(-2 * (x + 1) + r, 3 * (x + 1)) : d(-2, 3);
        },
        new double[][] {
          {1.5, 0.5}, {0.5, 0.25}, {2, 1.5}, {-1, 2}, {0.5, 1.5}, {-1.5, -0.5}, {-2, -1.9}
        },
        -3, 3);
  }

  @Test
  void emptyThenBranch() {
    verify2(ControlFlowFnsGradients::emptyThen, ControlFlowFns::emptyThen,
        (x, y) -> x > 0 ? d(y, x) : d(2 * x * y, x * x), QUADRANTS, -4, 4);
  }

  // ---------------------------------------------------------------- early returns

  @Test
  void absByEarlyReturn() {
    verify1(ControlFlowFnsGradients::absByReturn, ControlFlowFns::absByReturn,
        x -> x < 0 ? -1 : 1, new double[] {-3, -0.5, 0.5, 2}, -3, 3);
  }

  @Test
  void chainOfGuardedReturns() {
    verify1(ControlFlowFnsGradients::returnChain, ControlFlowFns::returnChain,
        x -> x < -1 ? -2 * x : x < 0 ? 1 : x < 1 ? 3 * x * x : 0.5 / Math.sqrt(x),
        new double[] {-3, -1.5, -0.5, 0.25, 0.75, 1.5, 9}, -3, 3);
  }

  @Test
  void returnsOnSomePathsOnly() {
    verify2(ControlFlowFnsGradients::someReturns, ControlFlowFns::someReturns,
        (x, y) -> {
          if (x > 0) {
            double r = x * y + x;
            return y > 0 ? d(2 * r * (y + 1), 2 * r * x) : d(3 * (y + 1), 3 * x - 1);
          }
          return d(y, x - 1);
        },
        QUADRANTS, -4, 4);
  }

  @Test
  void returnInElseThenMoreCode() {
    verify2(ControlFlowFnsGradients::returnInElse, ControlFlowFns::returnInElse,
        (x, y) -> x > 1 ? d(2 * x * y, x * x) : d(2 * x, 1), QUADRANTS, -4, 4);
  }

  @Test
  void returnThenReassignParameter() {
    verify1(ControlFlowFnsGradients::returnThenReassign, ControlFlowFns::returnThenReassign,
        x -> x > 5 ? 1 : 4 * x, new double[] {-2, 0.5, 4.5, 5.5, 10}, -10, 10);
  }

  @Test
  void bothBranchesReturn() {
    verify2(ControlFlowFnsGradients::bothReturn, ControlFlowFns::bothReturn,
        (x, y) -> x + y > 0 ? d(2 * x + y, x) : d(y, x + 2 * y), QUADRANTS, -4, 4);
  }

  @Test
  void returnTwoLevelsDeep() {
    verify2(ControlFlowFnsGradients::deepReturn, ControlFlowFns::deepReturn,
        (x, y) -> {
          if (y <= 0) {
            return d(y, x);
          }
          if (x * y > 1) {
            return x > 2
                ? d(2 * x * y * y, 2 * x * x * y + 1)
                : d(4 * x * y * y * y - 2 * y, 6 * x * x * y * y - 2 * x);
          }
          return d(2 * y * y, 4 * x * y);
        },
        new double[][] {
          {3, 1}, {2.5, 0.75}, {1.5, 1.5}, {0.5, 0.5}, {-1, 2}, {1, -1}, {-2, -2}
        },
        -4, 4);
  }

  // ---------------------------------------------------------------- ternaries

  @Test
  void ternary() {
    verify2(ControlFlowFnsGradients::ternary, ControlFlowFns::ternary,
        (x, y) -> x > y ? d(y, x) : d(1, -1), QUADRANTS, -4, 4);
  }

  @Test
  void nestedTernary() {
    verify2(ControlFlowFnsGradients::nestedTernary, ControlFlowFns::nestedTernary,
        (x, y) -> {
          if (x > 0) {
            double q = 1 + y * y;
            return y > 0 ? d(y, x) : d(1 / q, -2 * x * y / (q * q));
          }
          return y > x ? d(Math.exp(x) * y, Math.exp(x)) : d(2 * x, 0);
        },
        QUADRANTS, -4, 4);
  }

  @Test
  void ternariesAsOperands() {
    verify2(ControlFlowFnsGradients::ternaryOperands, ControlFlowFns::ternaryOperands,
        (x, y) -> d(x > 0 ? 2 : -2, y > 1 ? 2 * y : 1), QUADRANTS, -4, 4);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void ternaryReadingTheVariableItAssigns(boolean c) {
    verify2((x, y) -> ControlFlowFnsGradients.ternaryAssignsItself(x, y, c),
        (x, y) -> ControlFlowFns.ternaryAssignsItself(x, y, c),
        (x, y) -> c ? d(8 * x, 0) : d(0, 2 * y), QUADRANTS, -4, 4);
  }

  @Test
  void ternarySquaringItsOwnTarget() {
    verify2(ControlFlowFnsGradients::ternarySelfSquare, ControlFlowFns::ternarySelfSquare,
        (x, y) -> x > y ? d(2 * x * y, x * x) : d(0, 2 * y), QUADRANTS, -4, 4);
  }

  @ParameterizedTest
  @ValueSource(ints = {3, -2, 0})
  void ternaryInConditionAndIntAndBooleanTernaries(int n) {
    verify2((x, y) -> ControlFlowFnsGradients.ternaryMisc(x, y, n),
        (x, y) -> ControlFlowFns.ternaryMisc(x, y, n),
        (x, y) -> {
          boolean cond = (x > 0 ? x : y) > 1;
          double[] dr = cond ? d(y, x) : d(1, 0);
          int k = Math.abs(n);
          boolean b = x > 0 ? y > 0 : y < 0;
          return b ? d(dr[0] * k, dr[1] * k) : dr;
        },
        new double[][] {
          {1.5, 0.5}, {0.5, 1.5}, {-0.5, 1.5}, {-1.5, 0.5}, {-1.5, -0.5}, {0.5, -1.5},
          {1.5, -0.5}, {2.5, 3.5}, {-3.5, -2.5}, {0.75, 2}
        },
        -4, 4);
  }

  @Test
  void ternaryChainRightAssociative() {
    verify1(ControlFlowFnsGradients::ternaryChain, ControlFlowFns::ternaryChain,
        x -> x < -1 ? -1 : x < 1 ? 2 * x : x < 2 ? 2 : 1 / x,
        new double[] {-3, -1.5, -0.5, 0.5, 1.5, 2.5, 7}, -4, 4);
  }

  // ---------------------------------------------------------------- conditions and overwrites

  @Test
  void conditionVariableOverwrittenAfterTheIf() {
    verify2(ControlFlowFnsGradients::conditionThenOverwrite, ControlFlowFns::conditionThenOverwrite,
        (x, y) -> x > 1 ? d(y - 3, x) : d(-3, 1), QUADRANTS, -4, 4);
  }

  @Test
  void conditionVariableOverwrittenInsideTheTakenBranch() {
    verify2(ControlFlowFnsGradients::conditionOverwrittenInBranch,
        ControlFlowFns::conditionOverwrittenInBranch,
        (x, y) -> x > 1 ? d(y + 1, x - 5) : d(1, 1), QUADRANTS, -4, 4);
  }

  @Test
  void conditionVariableOverwrittenInsideTheElseBranch() {
    verify2(ControlFlowFnsGradients::conditionOverwrittenInElse,
        ControlFlowFns::conditionOverwrittenInElse,
        (x, y) -> x > 0 ? d(2 * x * y, x * x) : d(3 * (x + 10) * (x + 10), 0),
        QUADRANTS, -4, 4);
  }

  @Test
  void sequentialIfsOnAChangingVariable() {
    verify1(ControlFlowFnsGradients::sequentialIfs, ControlFlowFns::sequentialIfs,
        x -> {
          double a = Math.abs(x);
          double c = x < 0 ? 2 : 1;
          double s = x < 0 ? -1 : 1;
          if (a > 2) {
            return s * (c * a + 3 * a * a / 8);
          }
          return a > 1 ? s * c * a : s * c;
        },
        new double[] {-3, -1.5, -0.5, 0.5, 1.5, 3}, -4, 4);
  }

  @Test
  void conditionOnALocalReassignedInBothBranches() {
    verify2(ControlFlowFnsGradients::conditionOnLocal, ControlFlowFns::conditionOnLocal,
        (x, y) -> {
          double t = x - y;
          if (t > 0) {
            return d(2 * x - y, -x);
          }
          return d(y + 2 * t * x + t * t + 1, x - 2 * y - 2 * t * x);
        },
        QUADRANTS, -4, 4);
  }

  // ---------------------------------------------------------------- flags and boolean logic

  @Test
  void booleanFlagReadAfterTheVariableChanged() {
    verify2(ControlFlowFnsGradients::branchFlag, ControlFlowFns::branchFlag,
        (x, y) -> x > 0 ? d(2 * x * y * y, 2 * x * x * y) : d(y, x + 1), QUADRANTS, -4, 4);
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 4, 5, -2})
  void booleanLogic(int n) {
    Check.H2 hand =
        (x, y) -> {
          // forward mode by hand: r and its partials (rx, ry)
          double r = x;
          double rx = 1;
          double ry = 0;
          boolean both = x > 0 && y > 0;
          boolean either = x >= 1 || y <= -1;
          if (!both && either) {
            rx = rx * y;
            ry = r + ry * y;
            r = r * y;
          }
          if (both || n == 3) {
            rx = rx + 2 * x;
            r = r + x * x;
          }
          if (x == y) {
            rx *= 10;
            ry *= 10;
          }
          if (n % 2 == 0 && x >= y) {
            ry = ry - 1;
          }
          return d(rx, ry);
        };
    verify2((x, y) -> ControlFlowFnsGradients.booleanLogic(x, y, n),
        (x, y) -> ControlFlowFns.booleanLogic(x, y, n), hand,
        new double[][] {
          {1.5, 0.5}, {0.5, 1.5}, {-0.5, 1.5}, {-1.5, 0.5}, {-1.5, -0.5}, {0.5, -1.5},
          {1.5, -0.5}, {2.5, 3.5}, {-3.5, -2.5}, {1.25, -1.25}
        },
        -4, 4);
    // x == y exactly: the *10 branch (not checkable by finite differences: x = y is a jump).
    for (double v : new double[] {-2, 0.5, 3}) {
      gradient(ControlFlowFnsGradients.booleanLogic(v, v, n), ControlFlowFns.booleanLogic(v, v, n),
          hand.at(v, v));
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void booleanParameter(boolean square) {
    verify2((x, y) -> ControlFlowFnsGradients.booleanParameter(x, y, square),
        (x, y) -> ControlFlowFns.booleanParameter(x, y, square),
        (x, y) -> square ? d(2 * (x + y), 2 * (x + y)) : d(y, x + 2 * y), QUADRANTS, -4, 4);
  }

  @Test
  void boundariesTakeTheBranchJavaTakes() {
    // At x == y, ifElse takes the else branch (x > y is false).
    gradient(ControlFlowFnsGradients.ifElse(2, 2), 4, 1, 1);
    // At x == 0, absByReturn takes the fall-through branch.
    gradient(ControlFlowFnsGradients.absByReturn(0), 0, 1);
    // At x == 1, conditionOverwrittenInBranch does not enter the branch.
    gradient(ControlFlowFnsGradients.conditionOverwrittenInBranch(1, 3), 4, 1, 1);
    // Finite differences agree one-sidedly where the function is smooth on that side.
    GradientCheck.of(p -> ControlFlowFnsGradients.returnChain(p[0])).forwardDifferences()
        .parameterNames("x").assertAt(1);
  }

  // ---------------------------------------------------------------- guarded domains and more

  @Test
  void branchesGuardingADomainDoNotLeakNaN() {
    verify1(ControlFlowFnsGradients::guardedLog, ControlFlowFns::guardedLog,
        x -> x > 0 ? 1 / x : 1, new double[] {-3, -1, 0.5, 2}, -3, 3);
    verify1(ControlFlowFnsGradients::guardedSqrt, ControlFlowFns::guardedSqrt,
        x -> x > 0 ? 0.5 / Math.sqrt(x) : 1, new double[] {-3, -1, 0.5, 2}, -3, 3);
    gradient(ControlFlowFnsGradients.guardedLog(0), 0, 1);
    gradient(ControlFlowFnsGradients.guardedSqrt(0), 0, 1);
    gradient(ControlFlowFnsGradients.guardedSqrt(-0.0), -0.0, 1);
  }

  @Test
  void siblingBlocksDeclaringTheSameNameWithDifferentTypes() {
    verify2(ControlFlowFnsGradients::siblingBlocksOfDifferentTypes,
        ControlFlowFns::siblingBlocksOfDifferentTypes,
        (x, y) -> x > y ? d(2 * x * y * y, 2 * x * x * y) : d(6, 0), QUADRANTS, -4, 4);
  }

  @Test
  void ternaryConditionReadingItsOwnTarget() {
    verify2(ControlFlowFnsGradients::ternaryConditionOnTarget,
        ControlFlowFns::ternaryConditionOnTarget,
        (x, y) -> {
          if (x > 0) {
            return 2 * x > 1 ? d(8 * x, 0) : d(2 * y, 2 * x);
          }
          return -x > 1 ? d(2 * x, 0) : d(-y, -x);
        },
        new double[][] {{2, 5}, {0.25, 5}, {-2, 5}, {-0.5, 5}, {1.5, -1}, {0.1, -3}, {-0.9, 2}},
        -4, 4);
  }

  @Test
  void fiveLevelsOfNestingWithReturnsAtSeveralDepths() {
    verify2(ControlFlowFnsGradients::deep, ControlFlowFns::deep,
        (a, b) -> {
          // forward mode by hand: (r, ra, rb)
          double r = a;
          double ra = 1;
          double rb = 0;
          if (a <= 0) {
            return d(b * Math.exp(a), Math.exp(a));
          }
          ra = b; // r = a b
          rb = a;
          r = a * b;
          if (b > 0) {
            r = r + a;
            ra = ra + 1;
            if (a > b) {
              ra = 2 * r * ra;
              rb = 2 * r * rb;
              r = r * r;
              if (r > 10) {
                return d(ra, rb - 1);
              }
              r = 3 * r;
              ra = 3 * ra;
              rb = 3 * rb;
              if (b > 1) {
                return d(ra, rb + 2 * b);
              }
            } else {
              ra = Math.cos(r) * ra;
              rb = Math.cos(r) * rb;
              r = Math.sin(r);
            }
          } else {
            if (a > 2) {
              return d(b * b, 2 * a * b);
            }
            r = r - 1;
          }
          return d(ra * a + r, rb * a);
        },
        new double[][] {
          {-1, 2}, {3, 1.5}, {1.2, 0.3}, {1.5, 1.25}, {0.5, 2}, {3, -1}, {1.5, -2}, {0.9, 0.2}
        },
        -4, 4);
  }
}
