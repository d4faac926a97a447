package io.github.javagrad.corpus;

import static io.github.javagrad.corpus.Check.close;
import static io.github.javagrad.corpus.Check.exact;
import static io.github.javagrad.corpus.Check.gradientExact;
import static io.github.javagrad.corpus.Check.positiveZero;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.javagrad.GradientCheck;
import io.github.javagrad.ValueAndGradient;
import io.github.javagrad.corpus.other.KernelsGradients;
import java.util.function.DoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NaN and infinite inputs propagate without exceptions: the gradient is NaN where the derivative
 * is undefined, and the limits IEEE arithmetic gives (0, +-Inf) where it is not; overflow,
 * underflow and subnormals; NaN and infinite seeds.
 */
class NumericsTest {

  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;

  static Stream<Arguments> smoothFunctions() {
    return Stream.of(
        Arguments.of("sin", (DoubleFunction<ValueAndGradient>) MathFnsGradients::sin),
        Arguments.of("cos", (DoubleFunction<ValueAndGradient>) MathFnsGradients::cos),
        Arguments.of("tan", (DoubleFunction<ValueAndGradient>) MathFnsGradients::tan),
        Arguments.of("asin", (DoubleFunction<ValueAndGradient>) MathFnsGradients::asin),
        Arguments.of("acos", (DoubleFunction<ValueAndGradient>) MathFnsGradients::acos),
        Arguments.of("atan", (DoubleFunction<ValueAndGradient>) MathFnsGradients::atan),
        Arguments.of("sinh", (DoubleFunction<ValueAndGradient>) MathFnsGradients::sinh),
        Arguments.of("cosh", (DoubleFunction<ValueAndGradient>) MathFnsGradients::cosh),
        Arguments.of("tanh", (DoubleFunction<ValueAndGradient>) MathFnsGradients::tanh),
        Arguments.of("exp", (DoubleFunction<ValueAndGradient>) MathFnsGradients::exp),
        Arguments.of("expm1", (DoubleFunction<ValueAndGradient>) MathFnsGradients::expm1),
        Arguments.of("log", (DoubleFunction<ValueAndGradient>) MathFnsGradients::log),
        Arguments.of("log10", (DoubleFunction<ValueAndGradient>) MathFnsGradients::log10),
        Arguments.of("log1p", (DoubleFunction<ValueAndGradient>) MathFnsGradients::log1p),
        Arguments.of("sqrt", (DoubleFunction<ValueAndGradient>) MathFnsGradients::sqrt),
        Arguments.of("cbrt", (DoubleFunction<ValueAndGradient>) MathFnsGradients::cbrt),
        Arguments.of("abs", (DoubleFunction<ValueAndGradient>) MathFnsGradients::abs),
        Arguments.of("pow(x,3)", (DoubleFunction<ValueAndGradient>) MathFnsGradients::powThree),
        Arguments.of("pow(x,0.5)", (DoubleFunction<ValueAndGradient>) MathFnsGradients::powHalf),
        Arguments.of("pow(2,x)", (DoubleFunction<ValueAndGradient>) MathFnsGradients::twoToThe),
        Arguments.of("relu", (DoubleFunction<ValueAndGradient>) MathFnsGradients::relu),
        Arguments.of("x*floor(x)", (DoubleFunction<ValueAndGradient>) MathFnsGradients::xTimesFloor),
        Arguments.of("exp(sin(x))", (DoubleFunction<ValueAndGradient>) MathFnsGradients::expOfSin),
        Arguments.of("composed call", (DoubleFunction<ValueAndGradient>) CallFnsGradients::composed),
        Arguments.of("recursion", (DoubleFunction<ValueAndGradient>) x -> CallFnsGradients.power(x, 4)),
        Arguments.of("x^8 by reassignment",
            (DoubleFunction<ValueAndGradient>) ReassignFnsGradients::squareThrice),
        Arguments.of("softplus (other package)",
            (DoubleFunction<ValueAndGradient>) KernelsGradients::softplus),
        Arguments.of("StrictMath.sin", (DoubleFunction<ValueAndGradient>) MathFnsGradients::strictSin),
        Arguments.of("StrictMath.log", (DoubleFunction<ValueAndGradient>) MathFnsGradients::strictLog));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("smoothFunctions")
  void nanInputGivesNaNValueAndNaNGradient(String name, DoubleFunction<ValueAndGradient> f) {
    ValueAndGradient r = f.apply(NAN);
    exact(NAN, r.value(), name + " value");
    exact(NAN, r.gradient()[0], name + " derivative");
  }

  @Test
  void nanInputToFunctionsWithAConstantDerivative() {
    // Piecewise constants have derivative 0 by convention, linear maps their constant.
    gradientExact(MathFnsGradients.floor(NAN), NAN, 0);
    gradientExact(MathFnsGradients.ceil(NAN), NAN, 0);
    gradientExact(MathFnsGradients.rint(NAN), NAN, 0);
    gradientExact(MathFnsGradients.signum(NAN), NAN, 0);
    close(Math.PI / 180, MathFnsGradients.toRadians(NAN).dX(), "toRadians'");
    exact(NAN, MathFnsGradients.toRadians(NAN).value(), "toRadians value");
    gradientExact(MathFnsGradients.powOne(NAN), NAN, 1);
    // pow(NaN, 0) is 1 in Java, and the derivative of u^0 is 0.
    gradientExact(MathFnsGradients.powZero(NAN), 1, 0);
    gradientExact(OperatorFnsGradients.add(NAN, 1), NAN, 1, 1);
  }

  @Test
  void nanInOneOfTwoParameters() {
    // d(xy)/dx = y is still defined; d/dy = x is NaN.
    gradientExact(OperatorFnsGradients.mul(NAN, 2), NAN, 2, NAN);
    gradientExact(MathFnsGradients.max(NAN, 1), NAN, NAN, NAN);
    gradientExact(MathFnsGradients.min(1, NAN), NAN, NAN, NAN);
    gradientExact(MathFnsGradients.hypot(NAN, 1), NAN, NAN, NAN);
    gradientExact(MathFnsGradients.atan2(NAN, 1), NAN, NAN, NAN);
    gradientExact(MathFnsGradients.pow(2, NAN), NAN, NAN, NAN);
    gradientExact(MathFnsGradients.pow(NAN, 2), NAN, NAN, NAN);
  }

  @Test
  void nanTakesTheBranchJavaTakes() {
    // NaN > y is false: the else branch, whose derivatives are constants.
    ValueAndGradient r = ControlFlowFnsGradients.ifElse(NAN, 1);
    exact(NAN, r.value(), "value");
    exact(1, r.gradient()[0], "dX");
    exact(1, r.gradient()[1], "dY");
    // x < 0 is false for NaN: the fall-through return x.
    gradientExact(ControlFlowFnsGradients.absByReturn(NAN), NAN, 1);
    // Nested control flow with NaN everywhere does not throw.
    ValueAndGradient n = ControlFlowFnsGradients.nested(NAN, NAN);
    exact(NAN, n.value(), "nested value");
    ValueAndGradient b = ControlFlowFnsGradients.booleanLogic(NAN, NAN, 4);
    exact(NAN, b.value(), "booleanLogic value");
  }

  @Test
  void infiniteInputsGiveTheIeeeLimits() {
    gradientExact(MathFnsGradients.exp(Double.NEGATIVE_INFINITY), 0, 0);
    gradientExact(MathFnsGradients.exp(INF), INF, INF);
    gradientExact(MathFnsGradients.atan(INF), Math.PI / 2, 0);
    gradientExact(MathFnsGradients.atan(-INF), -Math.PI / 2, 0);
    gradientExact(MathFnsGradients.tanh(INF), 1, 0);
    gradientExact(MathFnsGradients.tanh(-INF), -1, 0);
    gradientExact(MathFnsGradients.log(INF), INF, 0);
    gradientExact(MathFnsGradients.sqrt(INF), INF, 0);
    gradientExact(MathFnsGradients.abs(INF), INF, 1);
    gradientExact(MathFnsGradients.abs(-INF), INF, -1);
    gradientExact(MathFnsGradients.max(INF, 1), INF, 1, 0);
    gradientExact(MathFnsGradients.max(INF, INF), INF, 0.5, 0.5);
    gradientExact(OperatorFnsGradients.mul(INF, 2), INF, 2, INF);
    gradientExact(OperatorFnsGradients.add(INF, -INF), NAN, 1, 1);
    gradientExact(KernelsGradients.softplus(-INF), 0, 0);
  }

  @Test
  void infiniteInputsWhereTheDerivativeIsUndefined() {
    gradientExact(MathFnsGradients.sin(INF), NAN, NAN);
    gradientExact(MathFnsGradients.cos(-INF), NAN, NAN);
    gradientExact(MathFnsGradients.tan(INF), NAN, NAN);
    // 0 * Inf: x y at (Inf, 0) has dX = y = 0 but the value is NaN.
    gradientExact(OperatorFnsGradients.mul(INF, 0), NAN, 0, INF);
  }

  @Test
  void outOfDomainGivesNaNDerivativesWithoutExceptions() {
    gradientExact(MathFnsGradients.sqrt(-1), NAN, NAN);
    gradientExact(MathFnsGradients.asin(2), NAN, NAN);
    gradientExact(MathFnsGradients.acos(-2), NAN, NAN);
    gradientExact(MathFnsGradients.powHalf(-4), NAN, NAN);
    gradientExact(MathFnsGradients.log(-1), NAN, -1); // 1/x is still computed, as in PyTorch
    // pow(-8, 1/3.) is NaN in Java; its derivative too.
    ValueAndGradient p = MathFnsGradients.pow(-8, 1 / 3.0);
    exact(NAN, p.value(), "value");
    exact(NAN, p.gradient()[0], "dX");
    exact(NAN, p.gradient()[1], "dY");
    // A negative base with an integer exponent is fine for the base, NaN for the exponent.
    ValueAndGradient q = MathFnsGradients.pow(-2, 3);
    exact(-8, q.value(), "value");
    exact(12, q.gradient()[0], "dX");
    exact(NAN, q.gradient()[1], "dY = y log(x), log(-2) = NaN");
    // pow(0, negative): Inf value, exponent derivative Inf * log(0) = -Inf.
    ValueAndGradient z = MathFnsGradients.pow(0, -1);
    exact(INF, z.value(), "value");
    exact(-INF, z.gradient()[1], "dY");
  }

  @Test
  void overflowUnderflowAndSubnormals() {
    // Overflow of the value, finite derivative: x^2 at 1e200.
    gradientExact(OperatorFnsGradients.mul(1e200, 1e200), INF, 1e200, 1e200);
    gradientExact(MathFnsGradients.powTwo(1e200), INF, 2e200);
    // exp overflows together with its derivative.
    gradientExact(MathFnsGradients.exp(710), INF, INF);
    // Underflow to zero.
    gradientExact(MathFnsGradients.exp(-1000), 0, 0);
    // A subnormal input.
    double tiny = Double.MIN_VALUE;
    ValueAndGradient s = MathFnsGradients.sqrt(tiny);
    exact(Math.sqrt(tiny), s.value(), "value");
    close(0.5 / Math.sqrt(tiny), s.gradient()[0], "derivative");
    assertTrue(Double.isFinite(s.gradient()[0]));
    gradientExact(MathFnsGradients.sin(tiny), tiny, 1);
    // -0.0 keeps its sign through the derivative of 1/x.
    ValueAndGradient d = OperatorFnsGradients.div(1, -0.0);
    exact(-INF, d.value(), "value");
    exact(-INF, d.gradient()[0], "dX = 1/y");
    exact(-INF, d.gradient()[1], "dY = -x/y^2");
  }

  @Test
  void nanAndInfiniteSeeds() {
    // A NaN seed makes every active partial NaN and leaves inactive ones at +0.0.
    ActivityFnsGradients.UnusedParameter u = ActivityFnsGradients.unusedParameterPullback(2, 3, NAN);
    exact(4, u.value(), "value");
    exact(NAN, u.dX(), "dX");
    positiveZero(u.dY(), "dY");
    // An infinite seed times a zero derivative is NaN, times a non-zero one is +-Inf.
    exact(NAN, MathFnsGradients.cosPullback(0, INF).dX(), "Inf * -sin(0)");
    exact(INF, MathFnsGradients.expPullback(0, INF).dX(), "Inf * exp(0)");
    exact(-INF, OperatorFnsGradients.negPullback(5, INF).dX(), "Inf * -1");
    exact(0, MathFnsGradients.sinPullback(1, 0).dX(), "a zero seed");
  }

  @Test
  void gradientCheckRefusesToCompareAtNonFinitePoints() {
    GradientCheck.Result r =
        GradientCheck.of(p -> MathFnsGradients.log(p[0])).parameterNames("x").check(0);
    assertFalse(r.passed());
    assertEquals(GradientCheck.Status.NOT_COMPARED_NON_FINITE, r.entries().get(0).status());
  }
}
