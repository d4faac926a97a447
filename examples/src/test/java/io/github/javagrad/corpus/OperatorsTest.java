package io.github.javagrad.corpus;

import static io.github.javagrad.corpus.Check.gradient;
import static io.github.javagrad.corpus.Check.gradientExact;

import io.github.javagrad.GradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** + - * / unary minus, int and long promotion, casts, constants, precedence and grouping. */
class OperatorsTest {

  private static final long SEED = 11L;

  private static final double[] LO2 = {-3, -3};
  private static final double[] HI2 = {3, 3};
  private static final double[] LO3 = {-3, -3, -3};
  private static final double[] HI3 = {3, 3, 3};

  // ---------------------------------------------------------------- basic operators

  @ParameterizedTest
  @CsvSource({"1, 2", "-3, 0.5", "0, 0", "1e10, -1e-10", "-0.25, 7"})
  void addSubMul(double x, double y) {
    gradientExact(OperatorFnsGradients.add(x, y), x + y, 1, 1);
    gradientExact(OperatorFnsGradients.sub(x, y), x - y, 1, -1);
    gradientExact(OperatorFnsGradients.mul(x, y), x * y, y, x);
    gradientExact(OperatorFnsGradients.neg(x), -x, -1);
  }

  @ParameterizedTest
  @CsvSource({"1, 2", "-3, 0.5", "0, -4", "1e10, -1e-10", "-0.25, 7"})
  void division(double x, double y) {
    gradient(OperatorFnsGradients.div(x, y), x / y, 1 / y, -x / (y * y));
  }

  @Test
  void basicOperatorsPassGradientCheck() {
    GradientCheck.of(p -> OperatorFnsGradients.add(p[0], p[1])).assertAtRandomPoints(20, LO2, HI2, SEED);
    GradientCheck.of(p -> OperatorFnsGradients.sub(p[0], p[1])).assertAtRandomPoints(20, LO2, HI2, SEED);
    GradientCheck.of(p -> OperatorFnsGradients.mul(p[0], p[1])).assertAtRandomPoints(20, LO2, HI2, SEED);
    GradientCheck.of(p -> OperatorFnsGradients.neg(p[0])).parameterNames("x").assertAtRandomPoints(20, -3, 3, SEED);
    GradientCheck.of(p -> OperatorFnsGradients.div(p[0], p[1]))
        .assertAtRandomPoints(20, new double[] {-3, 0.2}, new double[] {3, 3}, SEED);
    GradientCheck.of(p -> OperatorFnsGradients.div(p[0], p[1])).assertAt(1, 2);
    GradientCheck.of(p -> OperatorFnsGradients.div(p[0], p[1])).assertAt(-3, -0.5);
  }

  @ParameterizedTest
  @CsvSource({"1, 2", "-3, 0.5", "0, 0", "2.5, -1"})
  void negations(double x, double y) {
    gradientExact(OperatorFnsGradients.negations(x, y), -(x * y) + -x * -y - -y, 0, 1);
    GradientCheck.of(p -> OperatorFnsGradients.negations(p[0], p[1])).assertAt(x, y);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-2, -0.5, 0, 1, 3.25})
  void repeatedUseAccumulates(double x) {
    gradient(OperatorFnsGradients.repeatedUse(x), x * x * x + x + x, 3 * x * x + 2);
    GradientCheck.of(p -> OperatorFnsGradients.repeatedUse(p[0])).assertAt(x);
  }

  @ParameterizedTest
  @CsvSource({"1, 2", "-3, 0.5", "0, 0", "2.5, -1", "10, 10"})
  void polynomial(double x, double y) {
    gradient(
        OperatorFnsGradients.polynomial(x, y),
        OperatorFns.polynomial(x, y),
        6 * x * y - 2,
        3 * x * x + 0.25);
    GradientCheck.of(p -> OperatorFnsGradients.polynomial(p[0], p[1]))
        .parameterNames("x", "y")
        .assertAtRandomPoints(30, -5, 5, SEED);
  }

  // ---------------------------------------------------------------- grouping

  @ParameterizedTest
  @CsvSource({"1, 2, 3", "-3, 0.5, 4", "2, -1, -0.25", "0, 5, 7"})
  void divisionGrouping(double a, double b, double c) {
    // a / (b c)
    gradient(
        OperatorFnsGradients.divGrouped(a, b, c),
        a / (b * c),
        1 / (b * c),
        -a / (b * b * c),
        -a / (b * c * c));
    // (a / b) c
    gradient(
        OperatorFnsGradients.divLeftToRight(a, b, c), a / b * c, c / b, -a * c / (b * b), a / b);
    // (a / b) / c
    gradient(
        OperatorFnsGradients.divDivDiv(a, b, c),
        a / b / c,
        1 / (b * c),
        -a / (b * b * c),
        -a / (b * c * c));
  }

  @ParameterizedTest
  @CsvSource({"1, 2, 3", "-3, 0.5, 4", "2, -1, -0.25"})
  void subtractionAndPrecedence(double a, double b, double c) {
    gradientExact(OperatorFnsGradients.subGrouped(a, b, c), a - (b - c), 1, -1, 1);
    gradientExact(OperatorFnsGradients.subLeftToRight(a, b, c), a - b - c, 1, -1, -1);
    gradientExact(OperatorFnsGradients.addMulPrecedence(a, b, c), a + b * c, 1, c, b);
    gradientExact(OperatorFnsGradients.addMulGrouped(a, b, c), (a + b) * c, c, c, a + b);
    // -(a - b)(a + b) = b^2 - a^2
    gradient(OperatorFnsGradients.negGrouped(a, b), -(a - b) * (a + b), -2 * a, 2 * b);
  }

  @Test
  void groupingPassesGradientCheck() {
    double[] lo = {-3, 0.3, 0.3};
    double[] hi = {3, 3, 3};
    GradientCheck.of(p -> OperatorFnsGradients.divGrouped(p[0], p[1], p[2]))
        .parameterNames("a", "b", "c").assertAtRandomPoints(30, lo, hi, SEED);
    GradientCheck.of(p -> OperatorFnsGradients.divLeftToRight(p[0], p[1], p[2]))
        .parameterNames("a", "b", "c").assertAtRandomPoints(30, lo, hi, SEED);
    GradientCheck.of(p -> OperatorFnsGradients.divDivDiv(p[0], p[1], p[2]))
        .parameterNames("a", "b", "c").assertAtRandomPoints(30, lo, hi, SEED);
    GradientCheck.of(p -> OperatorFnsGradients.subGrouped(p[0], p[1], p[2]))
        .assertAtRandomPoints(10, LO3, HI3, SEED);
    GradientCheck.of(p -> OperatorFnsGradients.subLeftToRight(p[0], p[1], p[2]))
        .assertAtRandomPoints(10, LO3, HI3, SEED);
    GradientCheck.of(p -> OperatorFnsGradients.addMulPrecedence(p[0], p[1], p[2]))
        .assertAtRandomPoints(10, LO3, HI3, SEED);
    GradientCheck.of(p -> OperatorFnsGradients.addMulGrouped(p[0], p[1], p[2]))
        .assertAtRandomPoints(10, LO3, HI3, SEED);
    GradientCheck.of(p -> OperatorFnsGradients.negGrouped(p[0], p[1]))
        .assertAtRandomPoints(10, LO2, HI2, SEED);
  }

  @Test
  void divisionGroupingsReallyDiffer() {
    // Guard against the two shapes being generated the same way.
    double g1 = OperatorFnsGradients.divGrouped(1, 2, 4).dC();
    double g2 = OperatorFnsGradients.divLeftToRight(1, 2, 4).dC();
    Check.exact(-1.0 / 32, g1, "d/dc a/(b*c)");
    Check.exact(0.5, g2, "d/dc a/b*c");
  }

  // ---------------------------------------------------------------- promotion

  @ParameterizedTest
  @CsvSource({"1.5, 3", "-2, -7", "0.25, 0", "4, 1", "-1, 2147483647"})
  void intPromotion(double x, int n) {
    gradientExact(OperatorFnsGradients.timesInt(x, n), x * n, n);
    if (n != 0) {
      gradient(OperatorFnsGradients.divByInt(x, n), x / n, 1.0 / n);
    }
    gradientExact(
        OperatorFnsGradients.intDivisionFirst(x, n), n / 2 * x + x * (n / 2), 2 * (n / 2));
    gradient(
        OperatorFnsGradients.mixedIntDouble(x, n),
        OperatorFns.mixedIntDouble(x, n),
        n + 0.5 + (double) n * n);
    GradientCheck.of(p -> OperatorFnsGradients.mixedIntDouble(p[0], n))
        .parameterNames("x")
        .assertAtRandomPoints(5, -3, 3, SEED);
  }

  @Test
  void intOverflowHappensInIntArithmetic() {
    // x * n * n multiplies left to right: (x * n) is double, so n * n never overflows there.
    int n = 100_000;
    gradient(OperatorFnsGradients.mixedIntDouble(2, n), OperatorFns.mixedIntDouble(2, n),
        n + 0.5 + (double) n * n);
  }

  @ParameterizedTest
  @CsvSource({"1.5, 3", "-2, -7", "0.5, 10000000000"})
  void longPromotion(double x, long m) {
    gradientExact(OperatorFnsGradients.timesLong(x, m), x * m + m * m, m);
    if (Math.abs(m) < 1000) { // for huge m the rounding of x * m + m * m swamps the quotient
      GradientCheck.of(p -> OperatorFnsGradients.timesLong(p[0], m)).assertAt(x);
    }
  }

  @ParameterizedTest
  @CsvSource({"1.5, 7, 9", "-2, -7, -9", "0.5, 3, 4", "2, -1, 10000000001"})
  void remaindersOnIntsAndLongs(double x, int n, long m) {
    gradientExact(
        OperatorFnsGradients.remainders(x, n, m),
        OperatorFns.remainders(x, n, m),
        (n % 3) + 2 * x * (m % 4));
    GradientCheck.of(p -> OperatorFnsGradients.remainders(p[0], n, m))
        .parameterNames("x")
        .assertAtRandomPoints(5, -3, 3, SEED);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-3, 0, 1.75})
  void literalsAndIntegerDivisionOfLiterals(double x) {
    gradientExact(OperatorFnsGradients.literalDivision(x), 1.0 / 2 * x, 0.5);
    gradient(OperatorFnsGradients.literals(x), OperatorFns.literals(x), 1e-3 + 2 + 3 + 0.5);
    GradientCheck.of(p -> OperatorFnsGradients.literals(p[0])).assertAt(x);
  }

  // ---------------------------------------------------------------- casts

  @ParameterizedTest
  @CsvSource({"2.7, 3", "-2.7, 3", "0.5, -1", "5.5, 0.125"})
  void intCastIsNotDifferentiated(double x, double y) {
    gradientExact(OperatorFnsGradients.intCastTimes(x, y), (int) x * y, 0, (int) x);
    gradientExact(OperatorFnsGradients.intCastLocal(x), (int) x * x, (int) x);
    gradientExact(OperatorFnsGradients.longCastRoundTrip(x), OperatorFns.longCastRoundTrip(x), 1);
    GradientCheck.of(p -> OperatorFnsGradients.intCastTimes(p[0], p[1])).assertAt(x, y);
    GradientCheck.of(p -> OperatorFnsGradients.intCastLocal(p[0])).assertAt(x);
    GradientCheck.of(p -> OperatorFnsGradients.longCastRoundTrip(p[0])).assertAt(x);
  }

  @ParameterizedTest
  @CsvSource({"2.5, 3", "-1, -4", "0, 7"})
  void wideningCasts(double x, int n) {
    gradientExact(OperatorFnsGradients.doubleCastOfInt(x, n), OperatorFns.doubleCastOfInt(x, n), n);
    gradientExact(
        OperatorFnsGradients.implicitWidening(x, n), OperatorFns.implicitWidening(x, n), 2 * n);
    GradientCheck.of(p -> OperatorFnsGradients.implicitWidening(p[0], n))
        .parameterNames("x")
        .assertAtRandomPoints(5, -3, 3, SEED);
  }

  @ParameterizedTest
  @CsvSource({"0.3, 0.4", "1.2, 2.5", "-0.7, -1.6", "-2.2, 3.9"})
  void castInTheMiddleOfAComputation(double x, double y) {
    int whole = (int) (x + y);
    double frac = x + y - whole;
    gradient(
        OperatorFnsGradients.castInMiddle(x, y),
        OperatorFns.castInMiddle(x, y),
        2 * frac,
        2 * frac + whole);
    GradientCheck.of(p -> OperatorFnsGradients.castInMiddle(p[0], p[1])).assertAt(x, y);
  }

  // ---------------------------------------------------------------- constants

  @ParameterizedTest
  @ValueSource(doubles = {-3, 0, 1.75})
  void constantsAreInlinedWithTheirValues(double x) {
    double k = 2.5 + 6 + 0.5 + 3 + Math.PI + Math.E + 2;
    gradient(OperatorFnsGradients.constants(x), OperatorFns.constants(x), k);
    gradient(
        OperatorFnsGradients.constantsInside(x),
        OperatorFns.constantsInside(x),
        2.5 * Math.cos(2.5 * x) + x);
    GradientCheck.of(p -> OperatorFnsGradients.constants(p[0])).assertAt(x);
    GradientCheck.of(p -> OperatorFnsGradients.constantsInside(p[0])).assertAt(x);
  }

  // ---------------------------------------------------------------- var

  @ParameterizedTest
  @CsvSource({"1, 2", "-0.5, 3", "0, 1"})
  void varLocals(double x, double y) {
    gradient(OperatorFnsGradients.withVar(x, y), OperatorFns.withVar(x, y),
        6 * x * y * y, 6 * x * x * y);
    GradientCheck.of(p -> OperatorFnsGradients.withVar(p[0], p[1]))
        .assertAtRandomPoints(10, LO2, HI2, SEED);
  }

  // ---------------------------------------------------------------- int Math, trivial bodies

  @ParameterizedTest
  @CsvSource({"-3, 5", "4, 4", "0, -7"})
  void intMathFunctionsAreConstantFactors(int n, int m) {
    Check.verify1(x -> OperatorFnsGradients.intMathFunctions(x, n, m),
        x -> OperatorFns.intMathFunctions(x, n, m),
        x -> Math.abs(n) + Math.max(n, m) + 2 * x * Math.min(n, m),
        new double[] {-2, 0, 1.5}, -3, 3);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-2, 0, 1.5, Double.NaN})
  void constantAndIdentityBodies(double x) {
    gradientExact(OperatorFnsGradients.constantBody(x), 3, 0);
    Check.positiveZero(OperatorFnsGradients.constantBody(x).dX(), "dX of a constant");
    gradientExact(OperatorFnsGradients.identity(x), x, 1);
  }

  @Test
  void moreConstantsAndShapes() {
    Check.verify1(OperatorFnsGradients::booleanConstant, OperatorFns::booleanConstant, x -> 2,
        new double[] {-2, 0, 1.5}, -3, 3);
    Check.verify1(OperatorFnsGradients::nonLiteralConstant, OperatorFns::nonLiteralConstant,
        x -> Math.log(2), new double[] {-2, 0, 1.5}, -3, 3);
    Check.verify1(OperatorFnsGradients::parenthesized, OperatorFns::parenthesized, x -> 2 * x,
        new double[] {-2, 0, 1.5}, -3, 3);
    Check.verify2(OperatorFnsGradients::multiLine, OperatorFns::multiLine,
        (x, y) -> Check.d(2 * y + 2, 2 * x), new double[][] {{2, 3}, {-1, 0.5}}, -3, 3);
  }

  @Test
  void twelveParameters() {
    double[] p = {1, 2, 3, 4, 5, 6, 0.5, 8, 9, 10, 11, 12};
    Check.gradient(
        OperatorFnsGradients.manyParameters(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8],
            p[9], p[10], p[11]),
        OperatorFns.manyParameters(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9],
            p[10], p[11]),
        p[1], p[0], p[3], p[2], -1 / p[5], p[4] / (p[5] * p[5]), Math.cos(p[6]) * p[7],
        Math.sin(p[6]), p[9] * p[10], p[8] * p[10], p[8] * p[9], -1);
    double[] lo = new double[12];
    double[] hi = new double[12];
    java.util.Arrays.fill(lo, -3);
    java.util.Arrays.fill(hi, 3);
    lo[5] = 0.5; // f, a divisor
    GradientCheck.of(q -> OperatorFnsGradients.manyParameters(q[0], q[1], q[2], q[3], q[4], q[5],
            q[6], q[7], q[8], q[9], q[10], q[11]))
        .parameterNames("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l")
        .assertAtRandomPoints(30, lo, hi, SEED);
  }

  // ---------------------------------------------------------------- literals, overflow, ternary types

  @Test
  void literalFormsKeepTheirExactValues() {
    double k = 1 + 8 + 5 + 1000 / 1000.0 + 3 - 0.0 + 1e-300 * 1e300;
    Check.verify1(x -> OperatorFnsGradients.literalForms(x, 1), x -> OperatorFns.literalForms(x, 1),
        x -> k, new double[] {-2, 0, 1.5}, -3, 3);
  }

  @Test
  void integerOverflowHappensAsInJava() {
    Check.verify1(OperatorFnsGradients::integerOverflow, OperatorFns::integerOverflow,
        x -> Integer.MIN_VALUE + (double) (Long.MIN_VALUE / 4611686018427387904L),
        new double[] {-2, 0, 1.5}, -3, 3);
  }

  @Test
  void intConstantArithmetic() {
    Check.verify1(OperatorFnsGradients::intConstantArithmetic, OperatorFns::intConstantArithmetic,
        x -> -1, new double[] {-2, 0, 1.5}, -3, 3);
  }

  @ParameterizedTest
  @CsvSource({"true, 3, 4", "false, 3, 4", "true, -5, 2", "false, 0, -7"})
  void ternariesMixingIntAndDouble(boolean c, int n, int m) {
    Check.verify1(x -> OperatorFnsGradients.mixedTernaries(x, n, m, c),
        x -> OperatorFns.mixedTernaries(x, n, m, c),
        x -> c ? 1 + n + (int) x + (double) n / m : 2 * x + m + 2 + (double) n / m,
        new double[] {-2.5, -0.5, 0.25, 1.5, 2.5}, -3, 3);
  }

  @Test
  void nestedCasts() {
    Check.verify1(OperatorFnsGradients::nestedCasts, OperatorFns::nestedCasts, x -> 1,
        new double[] {-2.2, 0.1, 1.7}, -3, 3);
  }
}
