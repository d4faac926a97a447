package io.github.javagrad.corpus;

import static io.github.javagrad.corpus.Check.close;
import static io.github.javagrad.corpus.Check.exact;
import static io.github.javagrad.corpus.Check.gradient;
import static io.github.javagrad.corpus.Check.gradientExact;

import io.github.javagrad.GradientCheck;
import io.github.javagrad.ValueAndGradient;
import java.util.function.DoubleFunction;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every supported {@code Math}/{@code StrictMath} function: the generated derivative against the
 * derivative written by hand at several points, against finite differences at fixed and random
 * points of its domain, and the conventions at non-differentiable points asserted exactly.
 */
class MathFunctionsTest {

  private static final double LN10 = Math.log(10);
  private static final double LN2 = Math.log(2);

  /** A one-argument case: generated gradient, original method, hand derivative, points, domain. */
  record Unary(
      String name,
      DoubleFunction<ValueAndGradient> generated,
      DoubleUnaryOperator original,
      DoubleUnaryOperator derivative,
      double[] points,
      double lower,
      double upper) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A two-argument case. */
  record Binary(
      String name,
      Generated2 generated,
      Original2 original,
      Original2 dFirst,
      Original2 dSecond,
      double[][] points,
      double[] lower,
      double[] upper) {
    @Override
    public String toString() {
      return name;
    }
  }

  @FunctionalInterface
  interface Generated2 {
    ValueAndGradient apply(double x, double y);
  }

  @FunctionalInterface
  interface Original2 {
    double apply(double x, double y);
  }

  private static double[] pts(double... p) {
    return p;
  }

  private static double sq(double v) {
    return v * v;
  }

  static Stream<Unary> unary() {
    double[] everywhere = pts(-2.5, -1, -0.3, 0.2, 0.7, 1.9, 3.1);
    double[] unit = pts(-0.9, -0.5, -0.1, 0.25, 0.6, 0.95);
    double[] positive = pts(0.01, 0.3, 1, 2.5, 17, 1e3);
    double[] notInteger = pts(-2.7, -1.2, -0.4, 0.3, 1.6, 2.2);
    return Stream.of(
        new Unary("sin", MathFnsGradients::sin, MathFns::sin, Math::cos, everywhere, -6, 6),
        new Unary("cos", MathFnsGradients::cos, MathFns::cos, x -> -Math.sin(x), everywhere, -6, 6),
        new Unary("tan", MathFnsGradients::tan, MathFns::tan, x -> 1 / sq(Math.cos(x)),
            pts(-1.4, -0.8, 0, 0.3, 1.2, 1.5), -1.4, 1.4),
        new Unary("asin", MathFnsGradients::asin, MathFns::asin, x -> 1 / Math.sqrt(1 - x * x),
            unit, -0.95, 0.95),
        new Unary("acos", MathFnsGradients::acos, MathFns::acos, x -> -1 / Math.sqrt(1 - x * x),
            unit, -0.95, 0.95),
        new Unary("atan", MathFnsGradients::atan, MathFns::atan, x -> 1 / (1 + x * x),
            pts(-40, -1, 0, 0.5, 3, 1e4), -10, 10),
        new Unary("sinh", MathFnsGradients::sinh, MathFns::sinh, Math::cosh, everywhere, -4, 4),
        new Unary("cosh", MathFnsGradients::cosh, MathFns::cosh, Math::sinh, everywhere, -4, 4),
        new Unary("tanh", MathFnsGradients::tanh, MathFns::tanh, x -> 1 / sq(Math.cosh(x)),
            everywhere, -4, 4),
        new Unary("exp", MathFnsGradients::exp, MathFns::exp, Math::exp,
            pts(-30, -1, 0, 0.5, 2, 20), -5, 5),
        new Unary("expm1", MathFnsGradients::expm1, MathFns::expm1, Math::exp,
            pts(-30, -1, -1e-9, 0, 1e-9, 0.5, 2, 20), -5, 5),
        new Unary("log", MathFnsGradients::log, MathFns::log, x -> 1 / x, positive, 0.05, 10),
        new Unary("log10", MathFnsGradients::log10, MathFns::log10, x -> 1 / (x * LN10),
            positive, 0.05, 10),
        new Unary("log1p", MathFnsGradients::log1p, MathFns::log1p, x -> 1 / (1 + x),
            pts(-0.99, -0.5, -1e-10, 0, 1e-10, 0.7, 40), -0.9, 10),
        new Unary("sqrt", MathFnsGradients::sqrt, MathFns::sqrt, x -> 0.5 / Math.sqrt(x),
            positive, 0.01, 10),
        new Unary("cbrt", MathFnsGradients::cbrt, MathFns::cbrt,
            x -> 1 / (3 * sq(Math.cbrt(x))), pts(-27, -8, -0.5, 0.001, 0.5, 8, 1000), 0.1, 10),
        new Unary("abs", MathFnsGradients::abs, MathFns::abs, Math::signum, everywhere, -3, 3),
        new Unary("signum", MathFnsGradients::signum, MathFns::signum, x -> 0, everywhere, -3, 3),
        new Unary("floor", MathFnsGradients::floor, MathFns::floor, x -> 0, notInteger, -3, 3),
        new Unary("ceil", MathFnsGradients::ceil, MathFns::ceil, x -> 0, notInteger, -3, 3),
        new Unary("rint", MathFnsGradients::rint, MathFns::rint, x -> 0, notInteger, -3, 3),
        new Unary("toRadians", MathFnsGradients::toRadians, MathFns::toRadians,
            x -> Math.PI / 180, pts(-720, -90, 0, 1, 45, 360), -400, 400),
        new Unary("toDegrees", MathFnsGradients::toDegrees, MathFns::toDegrees,
            x -> 180 / Math.PI, pts(-7, -1, 0, 0.5, Math.PI), -7, 7),
        new Unary("x*floor(x)", MathFnsGradients::xTimesFloor, MathFns::xTimesFloor,
            Math::floor, notInteger, -3, 3),
        new Unary("x*(signum+ceil+rint)", MathFnsGradients::xTimesSteps, MathFns::xTimesSteps,
            x -> Math.signum(x) + Math.ceil(x) + Math.rint(x), notInteger, -3, 3),
        new Unary("pow(x,3)", MathFnsGradients::powThree, MathFns::powThree, x -> 3 * x * x,
            pts(-2, -0.5, 0, 0.5, 1.5, 4), -3, 3),
        new Unary("pow(x,2.0)", MathFnsGradients::powTwo, MathFns::powTwo, x -> 2 * x,
            pts(-2, -0.5, 0, 0.5, 1.5, 4), -3, 3),
        new Unary("pow(x,1)", MathFnsGradients::powOne, MathFns::powOne, x -> 1,
            pts(-2, -0.5, 0, 0.5, 1.5, 4), -3, 3),
        new Unary("pow(x,0)", MathFnsGradients::powZero, MathFns::powZero, x -> 0,
            pts(-2, -0.5, 0, 0.5, 1.5, 4), -3, 3),
        new Unary("pow(x,0.5)", MathFnsGradients::powHalf, MathFns::powHalf,
            x -> 0.5 / Math.sqrt(x), positive, 0.01, 10),
        new Unary("pow(x,-2)", MathFnsGradients::powMinusTwo, MathFns::powMinusTwo,
            x -> -2 / (x * x * x), pts(-3, -0.5, 0.25, 1, 7), 0.2, 5),
        new Unary("pow(2,x)", MathFnsGradients::twoToThe, MathFns::twoToThe,
            x -> Math.pow(2, x) * LN2, pts(-10, -1, 0, 0.5, 3, 30), -5, 5),
        new Unary("pow(x,n=3) int exponent", x -> MathFnsGradients.powInt(x, 3),
            x -> MathFns.powInt(x, 3), x -> 3 * x * x, pts(-2, -0.5, 0, 0.5, 1.5, 4), -3, 3),
        new Unary("pow(x,n=-1) int exponent", x -> MathFnsGradients.powInt(x, -1),
            x -> MathFns.powInt(x, -1), x -> -1 / (x * x), pts(-2, -0.5, 0.5, 1.5, 4), 0.2, 3),
        new Unary("relu", MathFnsGradients::relu, MathFns::relu, x -> x > 0 ? 1 : 0,
            pts(-2, -0.1, 0.1, 3), -3, 3),
        new Unary("max(x,x)+min(x,x)", MathFnsGradients::maxSelf, MathFns::maxSelf, x -> 2,
            everywhere, -3, 3),
        new Unary("exp(sin(x))", MathFnsGradients::expOfSin, MathFns::expOfSin,
            x -> Math.exp(Math.sin(x)) * Math.cos(x), everywhere, -6, 6),
        new Unary("log(1+sqrt(1+x^2))", MathFnsGradients::logOnePlusSqrt, MathFns::logOnePlusSqrt,
            x -> {
              double r = Math.sqrt(1 + x * x);
              return (x / r) / (1 + r);
            },
            everywhere, -5, 5),
        new Unary("StrictMath.sin", MathFnsGradients::strictSin, MathFns::strictSin, Math::cos,
            everywhere, -6, 6),
        new Unary("StrictMath.cos", MathFnsGradients::strictCos, MathFns::strictCos,
            x -> -Math.sin(x), everywhere, -6, 6),
        new Unary("StrictMath.tan", MathFnsGradients::strictTan, MathFns::strictTan,
            x -> 1 / sq(Math.cos(x)), pts(-1.4, 0, 0.3, 1.2), -1.4, 1.4),
        new Unary("StrictMath.asin", MathFnsGradients::strictAsin, MathFns::strictAsin,
            x -> 1 / Math.sqrt(1 - x * x), unit, -0.95, 0.95),
        new Unary("StrictMath.acos", MathFnsGradients::strictAcos, MathFns::strictAcos,
            x -> -1 / Math.sqrt(1 - x * x), unit, -0.95, 0.95),
        new Unary("StrictMath.atan", MathFnsGradients::strictAtan, MathFns::strictAtan,
            x -> 1 / (1 + x * x), everywhere, -10, 10),
        new Unary("StrictMath.sinh", MathFnsGradients::strictSinh, MathFns::strictSinh,
            Math::cosh, everywhere, -4, 4),
        new Unary("StrictMath.cosh", MathFnsGradients::strictCosh, MathFns::strictCosh,
            Math::sinh, everywhere, -4, 4),
        new Unary("StrictMath.tanh", MathFnsGradients::strictTanh, MathFns::strictTanh,
            x -> 1 / sq(Math.cosh(x)), everywhere, -4, 4),
        new Unary("StrictMath.exp", MathFnsGradients::strictExp, MathFns::strictExp, Math::exp,
            everywhere, -5, 5),
        new Unary("StrictMath.expm1", MathFnsGradients::strictExpm1, MathFns::strictExpm1,
            Math::exp, everywhere, -5, 5),
        new Unary("StrictMath.log", MathFnsGradients::strictLog, MathFns::strictLog, x -> 1 / x,
            positive, 0.05, 10),
        new Unary("StrictMath.log10", MathFnsGradients::strictLog10, MathFns::strictLog10,
            x -> 1 / (x * LN10), positive, 0.05, 10),
        new Unary("StrictMath.log1p", MathFnsGradients::strictLog1p, MathFns::strictLog1p,
            x -> 1 / (1 + x), pts(-0.5, 0, 0.7, 40), -0.9, 10),
        new Unary("StrictMath.sqrt", MathFnsGradients::strictSqrt, MathFns::strictSqrt,
            x -> 0.5 / Math.sqrt(x), positive, 0.01, 10),
        new Unary("StrictMath.cbrt", MathFnsGradients::strictCbrt, MathFns::strictCbrt,
            x -> 1 / (3 * sq(Math.cbrt(x))), pts(-8, -0.5, 0.5, 27), 0.1, 10),
        new Unary("StrictMath.abs", MathFnsGradients::strictAbs, MathFns::strictAbs,
            Math::signum, everywhere, -3, 3),
        new Unary("StrictMath.toRadians", MathFnsGradients::strictToRadians,
            MathFns::strictToRadians, x -> Math.PI / 180, pts(-90, 0, 45), -400, 400),
        new Unary("StrictMath.toDegrees", MathFnsGradients::strictToDegrees,
            MathFns::strictToDegrees, x -> 180 / Math.PI, pts(-1, 0, 2), -7, 7),
        new Unary("StrictMath floor+ceil+rint+signum", MathFnsGradients::strictSteps,
            MathFns::strictSteps,
            x -> Math.floor(x) + Math.ceil(x) + Math.rint(x) + Math.signum(x), notInteger, -3, 3),
        new Unary("static import log+sqrt+cbrt", MathFnsStaticImportGradients::logSqrtCbrt,
            MathFnsStaticImport::logSqrtCbrt,
            x -> 1 / x + 0.5 / Math.sqrt(x) + 1 / (3 * sq(Math.cbrt(x))), positive, 0.1, 10),
        new Unary("static import tanh*PI+E", MathFnsStaticImportGradients::tanhTimesPi,
            MathFnsStaticImport::tanhTimesPi, x -> Math.PI / sq(Math.cosh(x)), everywhere, -4, 4),
        new Unary("static import trig", MathFnsStaticImportGradients::trig,
            MathFnsStaticImport::trig,
            x -> 1 / sq(Math.cos(x)) + 1 / Math.sqrt(1 - x * x) - 1 / Math.sqrt(1 - x * x)
                + 1 / (1 + x * x) + Math.cosh(x) + Math.sinh(x) + Math.exp(x)
                + 1 / ((x + 2) * LN10) + 1 / (1 + x) + 180 / Math.PI + Math.PI / 180
                - Math.signum(x),
            pts(-0.9, -0.3, 0.2, 0.45, 0.8), -0.9, 0.9),
        new Unary("pow(x,7/2) int division", MathFnsGradients::powIntDivisionExponent,
            MathFns::powIntDivisionExponent, x -> 3 * x * x, pts(-2, -0.5, 0, 0.5, 1.5), -3, 3),
        new Unary("pow(x,THREE) constant", MathFnsGradients::powConstantExponent,
            MathFns::powConstantExponent, x -> 3 * x * x, pts(-2, -0.5, 0, 0.5, 1.5), -3, 3),
        new Unary("pow(x,k) int local", MathFnsGradients::powLocalExponent,
            MathFns::powLocalExponent, x -> 4 * x * x * x, pts(-2, -0.5, 0, 0.5, 1.5), -3, 3),
        new Unary("pow(x,(int) 2.5)", MathFnsGradients::powIntCastExponent,
            MathFns::powIntCastExponent, x -> 2 * x, pts(-2, -0.5, 0, 0.5, 1.5), -3, 3),
        new Unary("pow(x,-(int) 1.5)", MathFnsGradients::powNegatedIntCastExponent,
            MathFns::powNegatedIntCastExponent, x -> -1 / (x * x), pts(-2, -0.5, 0.5, 1.5),
            0.2, 3),
        new Unary("pow(x,(long) 0.75)", MathFnsGradients::powLongCastExponent,
            MathFns::powLongCastExponent, x -> 0, pts(-2, -0.5, 0, 0.5, 1.5), -3, 3),
        new Unary("pow(x,x)", MathFnsGradients::powSelf, MathFns::powSelf,
            x -> Math.pow(x, x) * (Math.log(x) + 1), positive, 0.05, 4),
        new Unary("atan2/hypot/copySign/min of (x,x)", MathFnsGradients::selfArguments,
            MathFns::selfArguments, x -> Math.sqrt(2) * Math.signum(x) + 2, everywhere, -3, 3));
  }

  static Stream<Binary> binary() {
    double[][] plane = {{-2, 1}, {0.5, -1.5}, {1, 1.25}, {3, 0.25}, {-0.7, -2.2}, {2, -3}};
    double[][] positiveBase = {{0.5, 2}, {2, 0.5}, {1.5, -1.3}, {3, 3}, {0.1, 0}, {7, -0.5}};
    return Stream.of(
        new Binary("pow", MathFnsGradients::pow, MathFns::pow,
            (x, y) -> y * Math.pow(x, y - 1), (x, y) -> Math.pow(x, y) * Math.log(x),
            positiveBase, new double[] {0.1, -3}, new double[] {3, 3}),
        new Binary("StrictMath.pow", MathFnsGradients::strictPow, MathFns::strictPow,
            (x, y) -> y * Math.pow(x, y - 1), (x, y) -> Math.pow(x, y) * Math.log(x),
            positiveBase, new double[] {0.1, -3}, new double[] {3, 3}),
        new Binary("atan2(y,x)", MathFnsGradients::atan2, MathFns::atan2,
            (y, x) -> x / (x * x + y * y), (y, x) -> -y / (x * x + y * y),
            plane, new double[] {-3, -3}, new double[] {3, 3}),
        new Binary("StrictMath.atan2(y,x)", MathFnsGradients::strictAtan2, MathFns::strictAtan2,
            (y, x) -> x / (x * x + y * y), (y, x) -> -y / (x * x + y * y),
            plane, new double[] {-3, -3}, new double[] {3, 3}),
        new Binary("hypot", MathFnsGradients::hypot, MathFns::hypot,
            (x, y) -> x / Math.sqrt(x * x + y * y), (x, y) -> y / Math.sqrt(x * x + y * y),
            plane, new double[] {-3, -3}, new double[] {3, 3}),
        new Binary("StrictMath.hypot", MathFnsGradients::strictHypot, MathFns::strictHypot,
            (x, y) -> x / Math.sqrt(x * x + y * y), (x, y) -> y / Math.sqrt(x * x + y * y),
            plane, new double[] {-3, -3}, new double[] {3, 3}),
        new Binary("max", MathFnsGradients::max, MathFns::max,
            (x, y) -> x > y ? 1 : 0, (x, y) -> y > x ? 1 : 0,
            plane, new double[] {-3, -3}, new double[] {3, 3}),
        new Binary("StrictMath.max", MathFnsGradients::strictMax, MathFns::strictMax,
            (x, y) -> x > y ? 1 : 0, (x, y) -> y > x ? 1 : 0,
            plane, new double[] {-3, -3}, new double[] {3, 3}),
        new Binary("min", MathFnsGradients::min, MathFns::min,
            (x, y) -> x < y ? 1 : 0, (x, y) -> y < x ? 1 : 0,
            plane, new double[] {-3, -3}, new double[] {3, 3}),
        new Binary("StrictMath.min", MathFnsGradients::strictMin, MathFns::strictMin,
            (x, y) -> x < y ? 1 : 0, (x, y) -> y < x ? 1 : 0,
            plane, new double[] {-3, -3}, new double[] {3, 3}),
        new Binary("copySign(m,s)", MathFnsGradients::copySign, MathFns::copySign,
            (m, s) -> Math.signum(m) * Math.signum(s), (m, s) -> 0,
            plane, new double[] {-3, -3}, new double[] {3, 3}),
        new Binary("StrictMath.copySign(m,s)", MathFnsGradients::strictCopySign,
            MathFns::strictCopySign, (m, s) -> Math.signum(m) * Math.signum(s), (m, s) -> 0,
            plane, new double[] {-3, -3}, new double[] {3, 3}),
        new Binary("sin(x)*y", MathFnsGradients::sinTimes, MathFns::sinTimes,
            (x, y) -> Math.cos(x) * y, (x, y) -> Math.sin(x),
            plane, new double[] {-6, -3}, new double[] {6, 3}),
        new Binary("tanh(xy)PI+log1p(exp(-|x|))+hypot(x,E)", MathFnsGradients::mixed,
            MathFns::mixed,
            (x, y) -> Math.PI * y / sq(Math.cosh(x * y))
                - Math.signum(x) * Math.exp(-Math.abs(x)) / (1 + Math.exp(-Math.abs(x)))
                + x / Math.hypot(x, Math.E),
            (x, y) -> Math.PI * x / sq(Math.cosh(x * y)),
            plane, new double[] {-3, -3}, new double[] {3, 3}),
        new Binary("static import sin(x)*exp(y)", MathFnsStaticImportGradients::sinExp,
            MathFnsStaticImport::sinExp,
            (x, y) -> Math.cos(x) * Math.exp(y), (x, y) -> Math.sin(x) * Math.exp(y),
            plane, new double[] {-3, -3}, new double[] {3, 3}),
        new Binary("static import pow+atan2+hypot", MathFnsStaticImportGradients::powAtan2Hypot,
            MathFnsStaticImport::powAtan2Hypot,
            (x, y) -> y * Math.pow(x, y - 1) - y / (x * x + y * y) + x / Math.hypot(x, y),
            (x, y) -> Math.pow(x, y) * Math.log(x) + x / (x * x + y * y) + y / Math.hypot(x, y),
            positiveBase, new double[] {0.1, -3}, new double[] {3, 3}),
        new Binary("static import abs+max+min*floor", MathFnsStaticImportGradients::absMax,
            MathFnsStaticImport::absMax,
            (x, y) -> Math.signum(x) + (x > y ? 1 : 0) + (x < 0.5 ? Math.floor(y) : 0),
            (x, y) -> y > x ? 1 : 0,
            new double[][] {{-2, 1.5}, {0.7, -1.5}, {1.2, 0.3}, {3, 0.25}, {-0.7, -2.2}},
            new double[] {-3, -3}, new double[] {3, 3}),
        new Binary("StrictMath static imports exp*sin+log+sqrt",
            StrictMathFnsStaticImportGradients::f, StrictMathFnsStaticImport::f,
            (x, y) -> Math.exp(x) * Math.sin(y) + 1 / x,
            (x, y) -> Math.exp(x) * Math.cos(y) + 0.5 / Math.sqrt(y),
            new double[][] {{0.5, 2}, {2, 0.5}, {1.5, 1.3}, {3, 3}},
            new double[] {0.1, 0.1}, new double[] {3, 3}));
  }

  // ---------------------------------------------------------------- table-driven checks

  @ParameterizedTest(name = "{0}")
  @MethodSource("unary")
  void unaryMatchesHandDerivative(Unary c) {
    for (double x : c.points()) {
      ValueAndGradient r = c.generated().apply(x);
      gradient(r, c.original().applyAsDouble(x), c.derivative().applyAsDouble(x));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unary")
  void unaryPassesGradientCheckAtFixedPoints(Unary c) {
    GradientCheck check = GradientCheck.of(p -> c.generated().apply(p[0])).parameterNames("x");
    for (double x : c.points()) {
      if (x >= c.lower() && x <= c.upper()) {
        check.assertAt(x);
      }
    }
    check.assertAt(c.lower() + 0.0123);
    check.assertAt(c.upper() - 0.0123);
    check.assertAt((c.lower() + c.upper()) / 2 + 0.0123);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unary")
  void unaryPassesGradientCheckAtRandomPoints(Unary c) {
    GradientCheck.of(p -> c.generated().apply(p[0]))
        .parameterNames("x")
        .assertAtRandomPoints(40, c.lower(), c.upper(), 20240601L);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("binary")
  void binaryMatchesHandDerivative(Binary c) {
    for (double[] p : c.points()) {
      ValueAndGradient r = c.generated().apply(p[0], p[1]);
      gradient(
          r,
          c.original().apply(p[0], p[1]),
          c.dFirst().apply(p[0], p[1]),
          c.dSecond().apply(p[0], p[1]));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("binary")
  void binaryPassesGradientCheckAtFixedPoints(Binary c) {
    GradientCheck check = GradientCheck.of(p -> c.generated().apply(p[0], p[1]));
    for (double[] p : c.points()) {
      check.assertAt(p);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("binary")
  void binaryPassesGradientCheckAtRandomPoints(Binary c) {
    GradientCheck.of(p -> c.generated().apply(p[0], p[1]))
        .assertAtRandomPoints(40, c.lower(), c.upper(), 7L);
  }

  // ---------------------------------------------------------------- conventions at edges

  @ParameterizedTest
  @ValueSource(doubles = {0.0, -0.0})
  void absHasDerivativeZeroAtZero(double zero) {
    gradientExact(MathFnsGradients.abs(zero), 0.0, 0.0);
    gradientExact(MathFnsGradients.strictAbs(zero), 0.0, 0.0);
  }

  @Test
  void maxAndMinSplitTheGradientAtTies() {
    gradientExact(MathFnsGradients.max(2, 2), 2, 0.5, 0.5);
    gradientExact(MathFnsGradients.min(2, 2), 2, 0.5, 0.5);
    gradientExact(MathFnsGradients.max(-0.25, -0.25), -0.25, 0.5, 0.5);
    gradientExact(MathFnsGradients.min(0, 0), 0, 0.5, 0.5);
    gradientExact(MathFnsGradients.strictMax(3, 3), 3, 0.5, 0.5);
    gradientExact(MathFnsGradients.strictMin(3, 3), 3, 0.5, 0.5);
  }

  @Test
  void reluAtZeroIsAHalf() {
    gradientExact(MathFnsGradients.relu(0), 0, 0.5);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-1, 0, 2.5, 7})
  void maxAndMinOfAVariableWithItselfHaveDerivativeOne(double x) {
    gradientExact(MathFnsGradients.maxSelf(x), 2 * x, 2);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-2, -1.5, -0.5, -0.0, 0, 0.5, 1, 2.5, 3})
  void piecewiseConstantFunctionsHaveDerivativeZeroEvenAtJumps(double x) {
    gradientExact(MathFnsGradients.signum(x), Math.signum(x), 0);
    gradientExact(MathFnsGradients.floor(x), Math.floor(x), 0);
    gradientExact(MathFnsGradients.ceil(x), Math.ceil(x), 0);
    gradientExact(MathFnsGradients.rint(x), Math.rint(x), 0);
    gradientExact(MathFnsGradients.xTimesFloor(x), x * Math.floor(x), Math.floor(x));
    gradientExact(
        MathFnsGradients.strictSteps(x),
        MathFns.strictSteps(x),
        Math.floor(x) + Math.ceil(x) + Math.rint(x) + Math.signum(x));
  }

  @Test
  void powWithExponentZeroHasBaseDerivativeZeroEvenAtZero() {
    gradientExact(MathFnsGradients.powZero(0), 1, 0);
    gradientExact(MathFnsGradients.powZero(-3), 1, 0);
    gradientExact(MathFnsGradients.powInt(0, 0), 1, 0);
    gradientExact(MathFnsGradients.pow(0, 0), 1, 0, 0);
    gradientExact(MathFnsGradients.pow(5, 0), 1, 0, Math.log(5));
    gradientExact(MathFnsGradients.strictPow(0, 0), 1, 0, 0);
  }

  @Test
  void powOfZeroHasExponentDerivativeZeroForNonNegativeExponents() {
    gradientExact(MathFnsGradients.pow(0, 2), 0, 0, 0);
    gradientExact(MathFnsGradients.pow(0, 1), 0, 1, 0);
    gradientExact(MathFnsGradients.pow(0, 3.5), 0, 0, 0);
    gradientExact(MathFnsGradients.pow(0, 0.5), 0, Double.POSITIVE_INFINITY, 0);
    gradientExact(MathFnsGradients.strictPow(0, 2), 0, 0, 0);
    // Constant exponents take the k * u^(k-1) path.
    gradientExact(MathFnsGradients.powThree(0), 0, 0);
    gradientExact(MathFnsGradients.powTwo(0), 0, 0);
    gradientExact(MathFnsGradients.powOne(0), 0, 1);
    gradientExact(MathFnsGradients.powHalf(0), 0, Double.POSITIVE_INFINITY);
  }

  @Test
  void hypotHasDerivativeZeroAtTheOrigin() {
    gradientExact(MathFnsGradients.hypot(0, 0), 0, 0, 0);
    gradientExact(MathFnsGradients.hypot(-0.0, 0), 0, 0, 0);
    gradientExact(MathFnsGradients.strictHypot(0, 0), 0, 0, 0);
    // On an axis, away from the origin, the derivative is the sign of that coordinate.
    gradientExact(MathFnsGradients.hypot(3, 0), 3, 1, 0);
    gradientExact(MathFnsGradients.hypot(0, -4), 4, 0, -1);
  }

  @Test
  void copySignHasDerivativeZeroAtZeroMagnitude() {
    gradientExact(MathFnsGradients.copySign(0, 1), 0, 0, 0);
    gradientExact(MathFnsGradients.copySign(0, -1), -0.0, 0, 0);
    gradientExact(MathFnsGradients.copySign(-0.0, 2), 0, 0, 0);
    gradientExact(MathFnsGradients.strictCopySign(0, -5), -0.0, 0, 0);
    // Away from zero: +-1, and never any derivative with respect to the sign source.
    gradientExact(MathFnsGradients.copySign(-2, 3), 2, -1, 0);
    gradientExact(MathFnsGradients.copySign(-2, -3), -2, 1, 0);
    gradientExact(MathFnsGradients.copySign(2, -0.0), -2, -1, 0);
  }

  @Test
  void derivativesAtTheEdgeOfTheDomainAreInfinite() {
    gradientExact(MathFnsGradients.sqrt(0), 0, Double.POSITIVE_INFINITY);
    gradientExact(MathFnsGradients.strictSqrt(0), 0, Double.POSITIVE_INFINITY);
    gradientExact(MathFnsGradients.log(0), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    gradientExact(
        MathFnsGradients.strictLog(0), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    gradientExact(MathFnsGradients.log10(0), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    gradientExact(MathFnsGradients.log1p(-1), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    gradientExact(MathFnsGradients.cbrt(0), 0, Double.POSITIVE_INFINITY);
    gradientExact(MathFnsGradients.asin(1), Math.PI / 2, Double.POSITIVE_INFINITY);
    gradientExact(MathFnsGradients.asin(-1), -Math.PI / 2, Double.POSITIVE_INFINITY);
    gradientExact(MathFnsGradients.acos(1), 0, Double.NEGATIVE_INFINITY);
    gradientExact(MathFnsGradients.acos(-1), Math.PI, Double.NEGATIVE_INFINITY);
  }

  @Test
  void derivativesAtZeroOfTheSmoothFunctions() {
    gradientExact(MathFnsGradients.sin(0), 0, 1);
    gradientExact(MathFnsGradients.cos(0), 1, -0.0);
    gradientExact(MathFnsGradients.tan(0), 0, 1);
    gradientExact(MathFnsGradients.atan(0), 0, 1);
    gradientExact(MathFnsGradients.tanh(0), 0, 1);
    gradientExact(MathFnsGradients.sinh(0), 0, 1);
    gradientExact(MathFnsGradients.cosh(0), 1, 0);
    gradientExact(MathFnsGradients.exp(0), 1, 1);
    gradientExact(MathFnsGradients.expm1(0), 0, 1);
    gradientExact(MathFnsGradients.log1p(0), 0, 1);
    gradientExact(MathFnsGradients.log(1), 0, 1);
    gradientExact(MathFnsGradients.twoToThe(0), 1, LN2);
  }

  @Test
  void toRadiansAndToDegreesScaleTheGradientByTheirConstant() {
    close(Math.PI / 180, MathFnsGradients.toRadians(12.5).dX(), "toRadians'");
    close(180 / Math.PI, MathFnsGradients.toDegrees(-0.4).dX(), "toDegrees'");
    exact(1, MathFnsGradients.toRadians(3).dX() * MathFnsGradients.toDegrees(3).dX() + 0.0 * 0,
        "toRadians' * toDegrees'");
  }
}
