package io.github.javagrad.corpus;

import static io.github.javagrad.corpus.Check.close;
import static io.github.javagrad.corpus.Check.d;
import static io.github.javagrad.corpus.Check.exact;
import static io.github.javagrad.corpus.Check.gradient;
import static io.github.javagrad.corpus.Check.verify1;
import static io.github.javagrad.corpus.Check.verify2;

import io.github.javagrad.GradientCheck;
import io.github.javagrad.ValueAndGradient;
import io.github.javagrad.corpus.other.Kernels;
import io.github.javagrad.corpus.other.KernelsGradients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Calls between differentiable methods: in the class, across classes and packages (qualified and
 * statically imported), nested calls, int and boolean arguments, overloads, recursion through a
 * ternary, and pullbacks with seeds other than 1.
 */
class CallsTest {

  private static final double[] XS = {-2.5, -1, -0.3, 0.4, 1, 1.7};
  private static final double[][] PLANE = {
    {1.5, 0.5}, {0.5, 1.5}, {-0.5, 1.5}, {-1.5, 0.75}, {-1.5, -0.5}, {0.5, -1.5}, {2, -2.5}
  };

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  @Test
  void callWithinTheClass() {
    verify1(CallFnsGradients::squarePlus, CallFns::squarePlus, x -> 2 * x + 1, XS, -3, 3);
  }

  @Test
  void nestedCallsChainTheirDerivatives() {
    verify1(CallFnsGradients::composed, CallFns::composed,
        x -> 8 * Math.sin(x) * Math.cos(x), XS, -3, 3);
  }

  @Test
  void callsAsArgumentsOfCalls() {
    verify2(CallFnsGradients::nestedArguments, CallFns::nestedArguments,
        (x, y) -> d(4 * x * Math.sin(y) + 2 * x, 2 * x * x * Math.cos(y)), PLANE, -3, 3);
  }

  @Test
  void expressionsAsArguments() {
    // xy(y - x) + xy = x y^2 - x^2 y + x y
    verify2(CallFnsGradients::expressionArguments, CallFns::expressionArguments,
        (x, y) -> d(y * y - 2 * x * y + y, 2 * x * y - x * x + x), PLANE, -3, 3);
  }

  @Test
  void sameCalleeTwiceWithDifferentArguments() {
    verify2(CallFnsGradients::sameCalleeTwice, CallFns::sameCalleeTwice,
        (x, y) -> d(2 * x + 2 * (x + y), 2 * y + 2 * (x + y)), PLANE, -3, 3);
  }

  @Test
  void callResultsReassignedIntoTheParameter() {
    verify1(CallFnsGradients::reassignFromCalls, CallFns::reassignFromCalls,
        x -> 4 * x * x * x, XS, -2, 2);
  }

  @Test
  void callsInConditionsTernariesAndEarlyReturns() {
    verify2(CallFnsGradients::callsInControlFlow, CallFns::callsInControlFlow,
        (x, y) -> {
          if (x * x > 2) {
            return d(y + 1, x);
          }
          return y > 0 ? d(y * y, 2 * x * y) : d(2 * Math.sin(y), 2 * x * Math.cos(y));
        },
        PLANE, -3, 3);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 0, -3})
  void intAndBooleanArguments(int n) {
    verify2((x, y) -> CallFnsGradients.intAndBooleanArguments(x, y, n),
        (x, y) -> CallFns.intAndBooleanArguments(x, y, n),
        (x, y) -> d(4.0 * (n + 1) * x, n > 0 ? 2 * y : 1), PLANE, -3, 3);
  }

  @Test
  void callIntoAnotherClassOfTheSamePackage() {
    verify2(CallFnsGradients::otherClassSamePackage, CallFns::otherClassSamePackage,
        (x, y) -> d(3 * x * x + Math.exp(x - y), -Math.exp(x - y) + y), PLANE, -3, 3);
  }

  @Test
  void callIntoAnotherPackageQualified() {
    // sigmoid(x) y + 3 y x^2 + y
    verify2(CallFnsGradients::otherPackage, CallFns::otherPackage,
        (x, y) -> {
          double s = sigmoid(x);
          return d(s * (1 - s) * y + 6 * y * x, s + 3 * x * x + 1);
        },
        PLANE, -3, 3);
  }

  @Test
  void callIntoAnotherPackageThroughStaticImports() {
    verify2(StaticImportCallsGradients::f, StaticImportCalls::f,
        (x, y) -> {
          double s = sigmoid(x);
          double t = sigmoid(x * y);
          return d(t * y + 2 * s * s * (1 - s), t * x);
        },
        PLANE, -3, 3);
  }

  @Test
  void theOtherPackagesOwnGradients() {
    verify1(KernelsGradients::softplus, Kernels::softplus, CallsTest::sigmoid, XS, -5, 5);
    verify1(KernelsGradients::sigmoid, Kernels::sigmoid,
        x -> sigmoid(x) * (1 - sigmoid(x)), XS, -5, 5);
    verify2((x, w) -> KernelsGradients.weighted(x, w, 3), (x, w) -> Kernels.weighted(x, w, 3),
        (x, w) -> d(6 * w * x, 3 * x * x + 1), PLANE, -3, 3);
  }

  // ---------------------------------------------------------------- wrt subsets

  @Test
  void wrtSubsetCalleeHasOnlyTheListedPartial() {
    CallFnsGradients.OnlyY r = CallFnsGradients.onlyY(2, 3);
    gradient(r, 18, 12);
    exact(12, r.dY(), "dY");
    GradientCheck.of(p -> CallFnsGradients.onlyY(2, p[0])).parameterNames("y")
        .assertAtRandomPoints(10, -3, 3, Check.SEED);
    KernelsGradients.WeightOnly k = KernelsGradients.weightOnly(2, 3);
    gradient(k, 24, 8);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 2, -5})
  void callingAWrtSubsetWithInactiveArguments(int n) {
    verify1(b -> CallFnsGradients.callWrtSubsetWithInactiveArgument(b, n),
        b -> CallFns.callWrtSubsetWithInactiveArgument(b, n), b -> 2 * (3 + n) * b, XS, -3, 3);
    verify1(CallFnsGradients::callOtherPackageWrtSubset, CallFns::callOtherPackageWrtSubset,
        w -> 8, XS, -3, 3);
  }

  // ---------------------------------------------------------------- overloads

  @Test
  void overloadsHaveTheirOwnRecords() {
    CallFnsGradients.ScaleOfDouble a = CallFnsGradients.scale(2.0);
    CallFnsGradients.ScaleOfDoubleDouble b = CallFnsGradients.scale(2.0, 5.0);
    CallFnsGradients.ScaleOfDoubleInt c = CallFnsGradients.scale(2.0, 5);
    gradient(a, 6, 3);
    gradient(b, 10, 5, 2);
    gradient(c, 15, 5);
    GradientCheck.of(p -> CallFnsGradients.scale(p[0])).parameterNames("x")
        .assertAtRandomPoints(10, -3, 3, Check.SEED);
    GradientCheck.of(p -> CallFnsGradients.scale(p[0], p[1])).parameterNames("x", "y")
        .assertAtRandomPoints(10, -3, 3, Check.SEED);
    GradientCheck.of(p -> CallFnsGradients.scale(p[0], 7)).parameterNames("x")
        .assertAtRandomPoints(10, -3, 3, Check.SEED);
  }

  @Test
  void callsResolveToTheRightOverload() {
    // 3x + xy + 4x + 4 + 2y
    verify2(CallFnsGradients::useOverloads, CallFns::useOverloads,
        (x, y) -> d(7 + y, x + 2), PLANE, -3, 3);
  }

  // ---------------------------------------------------------------- recursion

  @ParameterizedTest
  @ValueSource(ints = {-1, 0, 1, 2, 5, 9})
  void recursionThroughATernary(int n) {
    int e = Math.max(n, 0) + 1;
    verify1(x -> CallFnsGradients.power(x, n), x -> CallFns.power(x, n),
        x -> e * Math.pow(x, e - 1), XS, -1.5, 1.5);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 10})
  void recursionChangingTheDoubleArgument(int n) {
    double k = Math.pow(2, Math.max(n, 0));
    verify1(x -> CallFnsGradients.halving(x, n), x -> CallFns.halving(x, n),
        x -> Math.cos(x / k), XS, -3, 3);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 6})
  void recursionOnTwoVariables(int n) {
    verify2((x, y) -> CallFnsGradients.twoVariableRecursion(x, y, n),
        (x, y) -> CallFns.twoVariableRecursion(x, y, n),
        (x, y) -> {
          // forward mode by hand over the recurrence a_k = a_{k-1} + a_{k-2} y
          if (n <= 0) {
            return d(1, 0);
          }
          double a0 = x;
          double a0x = 1;
          double a0y = 0;
          double a1 = y;
          double a1x = 0;
          double a1y = 1;
          for (int k = 2; k <= n; k++) {
            double a = a1 + a0 * y;
            double ax = a1x + a0x * y;
            double ay = a1y + a0y * y + a0;
            a0 = a1;
            a0x = a1x;
            a0y = a1y;
            a1 = a;
            a1x = ax;
            a1y = ay;
          }
          return d(a1x, a1y);
        },
        PLANE, -2, 2);
  }

  // ---------------------------------------------------------------- pullback seeds

  @ParameterizedTest
  @ValueSource(doubles = {2.5, -1, 0, 1e-3, 1e6})
  void pullbackScalesEveryPartialBySeed(double seed) {
    for (double x : XS) {
      double expected = 8 * Math.sin(x) * Math.cos(x);
      CallFnsGradients.Composed p = CallFnsGradients.composedPullback(x, seed);
      exact(CallFns.composed(x), p.value(), "value does not depend on the seed");
      close(seed * expected, p.dX(), "seed * f'(x)");
    }
    for (double[] q : PLANE) {
      double x = q[0];
      double y = q[1];
      ValueAndGradient one = CallFnsGradients.nestedArguments(x, y);
      ValueAndGradient scaled = CallFnsGradients.nestedArgumentsPullback(x, y, seed);
      exact(one.value(), scaled.value(), "value");
      close(seed * one.gradient()[0], scaled.gradient()[0], "dX");
      close(seed * one.gradient()[1], scaled.gradient()[1], "dY");
      CallFnsGradients.Power pw = CallFnsGradients.powerPullback(x, 3, seed);
      close(seed * 4 * x * x * x, pw.dX(), "power dX");
      close(seed * Kernels.sigmoid(x) * (1 - Kernels.sigmoid(x)),
          KernelsGradients.sigmoidPullback(x, seed).dX(), "sigmoid dX");
    }
  }

  @Test
  void pullbackWithSeed2point5IsExactlyScaledForLinearFunctions() {
    exact(2.5 * 3, CallFnsGradients.scalePullback(1.25, 2.5).dX(), "d(3x) * 2.5");
    CallFnsGradients.ScaleOfDoubleDouble s = CallFnsGradients.scalePullback(1.25, -4.0, 2.5);
    exact(2.5 * -4.0, s.dX(), "dX");
    exact(2.5 * 1.25, s.dY(), "dY");
  }

  @Test
  void pullbackWithSeedOneEqualsTheGradientMethod() {
    for (double[] q : PLANE) {
      ValueAndGradient a = CallFnsGradients.callsInControlFlow(q[0], q[1]);
      ValueAndGradient b = CallFnsGradients.callsInControlFlowPullback(q[0], q[1], 1.0);
      exact(a.value(), b.value(), "value");
      exact(a.gradient()[0], b.gradient()[0], "dX");
      exact(a.gradient()[1], b.gradient()[1], "dY");
    }
  }

  // ---------------------------------------------------------------- arguments reassigned later

  @Test
  void argumentsReassignedAfterTheCall() {
    verify1(CallFnsGradients::argumentReassignedAfterCall, CallFns::argumentReassignedAfterCall,
        x -> 20 * x, XS, -3, 3);
    verify1(CallFnsGradients::callInBranchArgumentReassigned,
        CallFns::callInBranchArgumentReassigned, x -> x > 0 ? 10 * x + 2 : 8 * x + 2, XS, -3, 3);
  }

  // ---------------------------------------------------------------- kinds of enclosing types

  @Test
  void genericInterfaceEnumRecordAndNestedHolders() {
    verify1(GenericHolderGradients::f, GenericHolder::f, x -> 2 * x, XS, -3, 3);
    verify1(InterfaceHolderGradients::f, InterfaceHolder::f, x -> 3 * x * x, XS, -3, 3);
    verify1(EnumHolderGradients::f, EnumHolder::f, x -> 2, XS, -3, 3);
    verify1(RecordHolderGradients::f, RecordHolder::f, x -> 5, XS, -3, 3);
    verify1(EnclosingKinds_NestedGradients::f, EnclosingKinds.Nested::f, x -> 2 * x + 6 * x * x,
        XS, -3, 3);
    verify1(EnclosingKindsGradients::callsAllKinds, EnclosingKinds::callsAllKinds,
        x -> 4 * x + 12 * x * x + 7, XS, -3, 3);
  }

  // ---------------------------------------------------------------- more recursion and call shapes

  @ParameterizedTest
  @ValueSource(ints = {-1, 0, 1, 2, 6})
  void recursionThroughAnIfWithEarlyReturn(int n) {
    verify1(x -> CallFnsGradients.powerByIf(x, n), x -> CallFns.powerByIf(x, n),
        x -> n <= 0 ? 0 : n * Math.pow(x, n - 1), XS, -1.5, 1.5);
  }

  /** even/odd and their derivatives by hand, following the recurrences. */
  private static double[] evenOdd(double x, int n, boolean even) {
    if (n == 0) {
      return even ? d(1, 0) : d(x, 1);
    }
    double[] inner = evenOdd(x, n - 1, !even);
    return even
        ? d(x * inner[0], inner[0] + x * inner[1])
        : d(x + inner[0], 1 + inner[1]);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 5, 8})
  void mutualRecursion(int n) {
    verify1(x -> CallFnsGradients.even(x, n), x -> CallFns.even(x, n),
        x -> evenOdd(x, n, true)[1], XS, -2, 2);
    verify1(x -> CallFnsGradients.odd(x, n), x -> CallFns.odd(x, n),
        x -> evenOdd(x, n, false)[1], XS, -2, 2);
    for (double x : XS) {
      exact(evenOdd(x, n, true)[0], CallFns.even(x, n), "hand recurrence matches the value");
    }
  }

  @Test
  void sameVariableForBothParameters() {
    verify1(CallFnsGradients::sameArgumentTwice, CallFns::sameArgumentTwice, x -> 2 * x + 1, XS,
        -3, 3);
  }

  @Test
  void ternaryAsAnArgument() {
    verify2(CallFnsGradients::ternaryArgument, CallFns::ternaryArgument,
        (x, y) -> x > y ? d(2 * x * y + 1, x * x) : d(y * y, 2 * x * y + 1), PLANE, -3, 3);
  }

  @Test
  void callsInATernarysConditionAndBranches() {
    verify2(CallFnsGradients::callsInTernary, CallFns::callsInTernary,
        (x, y) -> x > 1 ? d(y, x + 1) : d(y + 1, x), PLANE, -3, 3);
  }

  // ---------------------------------------------------------------- deprecated callee

  @Test
  void callingADeprecatedMethodCompilesWithoutWarningsAndChains() {
    // That this file compiled under -Xlint:all -Werror is half of the test.
    verify1(CallFnsGradients::callsDeprecated, CallFns::callsDeprecated, x -> 6 * x + 1, XS, -3,
        3);
  }
}
