package io.github.javagrad.corpus;

import static io.github.javagrad.corpus.Check.d;
import static io.github.javagrad.corpus.Check.exact;
import static io.github.javagrad.corpus.Check.gradient;
import static io.github.javagrad.corpus.Check.positiveZero;
import static io.github.javagrad.corpus.Check.verify1;
import static io.github.javagrad.corpus.Check.verify2;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.javagrad.GradientCheck;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Activity: parameters that cannot influence the result get exactly +0.0 (not -0.0, not NaN, even
 * when their dead intermediates are NaN or infinite); int, long and boolean parameters and
 * parameters outside wrt get no partial at all.
 */
class ActivityTest {

  private static final double[][] PLANE = {
    {1.5, 0.5}, {0.5, 1.5}, {-0.5, 1.5}, {-1.5, 0.75}, {-1.5, -0.5}, {0.5, -1.5}, {2, -2.5}
  };
  private static final double[] SPECIAL_Y = {
    0.0, -0.0, 2.5, -2.5, 3, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
    Double.MIN_VALUE, Double.MAX_VALUE
  };

  @Test
  void unusedParameter() {
    verify2(ActivityFnsGradients::unusedParameter, ActivityFns::unusedParameter,
        (x, y) -> d(2 * x, 0), PLANE, -3, 3);
    for (double y : SPECIAL_Y) {
      positiveZero(ActivityFnsGradients.unusedParameter(1.5, y).dY(), "dY at y = " + y);
    }
  }

  @Test
  void parameterOnlyInACondition() {
    verify2(ActivityFnsGradients::onlyInCondition, ActivityFns::onlyInCondition,
        (x, y) -> d(y > 0 ? 2 : 3, 0), PLANE, -3, 3);
    for (double y : SPECIAL_Y) {
      positiveZero(ActivityFnsGradients.onlyInCondition(1.5, y).dY(), "dY at y = " + y);
    }
  }

  @Test
  void parameterOnlyThroughAnIntCast() {
    verify2(ActivityFnsGradients::onlyThroughIntCast, ActivityFns::onlyThroughIntCast,
        (x, y) -> d((int) y, 0), PLANE, -3, 3);
    for (double y : SPECIAL_Y) {
      positiveZero(ActivityFnsGradients.onlyThroughIntCast(1.5, y).dY(), "dY at y = " + y);
    }
  }

  @Test
  void parameterOnlyThroughPiecewiseConstants() {
    verify2(ActivityFnsGradients::onlyThroughSteps, ActivityFns::onlyThroughSteps,
        (x, y) -> d(Math.floor(y), 0),
        new double[][] {{1.5, 0.25}, {0.5, 1.75}, {-1.5, -0.25}, {2, -2.75}}, -3, 3);
    for (double y : SPECIAL_Y) {
      positiveZero(ActivityFnsGradients.onlyThroughSteps(1.5, y).dY(), "dY at y = " + y);
    }
  }

  @Test
  void parameterOnlyThroughAFlag() {
    verify2(ActivityFnsGradients::onlyThroughFlag, ActivityFns::onlyThroughFlag,
        (x, y) -> d(y > x ? 1 : 2, 0), PLANE, -3, 3);
    positiveZero(ActivityFnsGradients.onlyThroughFlag(1, Double.NaN).dY(), "dY at NaN");
  }

  @Test
  void parameterOverwrittenBeforeUse() {
    verify2(ActivityFnsGradients::overwrittenBeforeUse, ActivityFns::overwrittenBeforeUse,
        (x, y) -> d(2, 0), PLANE, -3, 3);
    for (double y : SPECIAL_Y) {
      positiveZero(ActivityFnsGradients.overwrittenBeforeUse(1.5, y).dY(), "dY at y = " + y);
    }
  }

  @Test
  void inactiveIntermediate() {
    verify2(ActivityFnsGradients::inactiveIntermediate, ActivityFns::inactiveIntermediate,
        (x, y) -> d(5, 0), PLANE, -3, 3);
    // Also where exp(y) overflows: the killed exp has no reverse code at all (CORPUS-6).
    for (double y : new double[] {0.0, -0.0, 2.5, -2.5, 3, 700, 1000, -1e300, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      positiveZero(ActivityFnsGradients.inactiveIntermediate(1.5, y).dY(), "dY at y = " + y);
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {-1, 0, -0.0, 2, Double.NaN, Double.NEGATIVE_INFINITY})
  void deadNaNIntermediatesDoNotPolluteTheGradient(double y) {
    ActivityFnsGradients.DeadIntermediate r = ActivityFnsGradients.deadIntermediate(1.5, y);
    exact(3, r.value(), "value");
    exact(2, r.dX(), "dX");
    positiveZero(r.dY(), "dY");
  }

  @Test
  void parameterActiveOnlyOnTheBranchNotTaken() {
    verify2(ActivityFnsGradients::activeOnlyOnOtherBranch, ActivityFns::activeOnlyOnOtherBranch,
        (x, y) -> x > 0 ? d(2 * x, 0) : d(y, x), PLANE, -3, 3);
    for (double y : SPECIAL_Y) {
      positiveZero(ActivityFnsGradients.activeOnlyOnOtherBranch(1.5, y).dY(), "dY at y = " + y);
    }
  }

  @Test
  void calleeWithConstantArguments() {
    verify2(ActivityFnsGradients::constantCallArguments, ActivityFns::constantCallArguments,
        (x, y) -> d(9, 0), PLANE, -3, 3);
    positiveZero(ActivityFnsGradients.constantCallArguments(1, 2.5).dY(), "dY");
  }

  @Test
  void intLongAndBooleanParametersHaveNoPartial() {
    ActivityFnsGradients.IntAndBooleanParameters r =
        ActivityFnsGradients.intAndBooleanParameters(2, 3, true, 7L);
    gradient(r, 6, 3);
    gradient(ActivityFnsGradients.intAndBooleanParameters(2, 3, false, 7L), 14, 7);
    assertEquals(
        Arrays.asList("value", "dX"), componentNames(ActivityFnsGradients.IntAndBooleanParameters.class));
  }

  // ---------------------------------------------------------------- wrt

  @Test
  void wrtSubsetReportsOnlyTheListedParameters() {
    ActivityFnsGradients.WrtX r = ActivityFnsGradients.wrtX(2, 5);
    gradient(r, 10, 5);
    assertEquals(Arrays.asList("value", "dX"), componentNames(ActivityFnsGradients.WrtX.class));
    GradientCheck.of(p -> ActivityFnsGradients.wrtX(p[0], 5)).parameterNames("x")
        .assertAtRandomPoints(10, -3, 3, Check.SEED);
    verify1(x -> ActivityFnsGradients.wrtX(x, -1.5), x -> ActivityFns.wrtX(x, -1.5), x -> -1.5,
        new double[] {-2, 0, 3}, -3, 3);
  }

  @Test
  void wrtOrderDoesNotChangeParameterOrder() {
    assertEquals(Arrays.asList("value", "dX", "dY"),
        componentNames(ActivityFnsGradients.WrtBothReordered.class));
    ActivityFnsGradients.WrtBothReordered r = ActivityFnsGradients.wrtBothReordered(0.5, 3);
    assertArrayEquals(new double[] {r.dX(), r.dY()}, r.gradient());
    verify2(ActivityFnsGradients::wrtBothReordered, ActivityFns::wrtBothReordered,
        (x, y) -> d(Math.cos(x) * y * y, 2 * Math.sin(x) * y), PLANE, -3, 3);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, -2, 0})
  void wrtTheMiddleParameter(int n) {
    assertEquals(Arrays.asList("value", "dB"), componentNames(ActivityFnsGradients.WrtMiddle.class));
    double a = 1.25;
    double c = -0.5;
    verify1(b -> ActivityFnsGradients.wrtMiddle(a, n, b, c), b -> ActivityFns.wrtMiddle(a, n, b, c),
        b -> 2 * a * b * c * n, new double[] {-2, 0, 0.5, 3}, -3, 3);
  }

  @Test
  void wrtTwoOfThree() {
    assertEquals(Arrays.asList("value", "dA", "dC"),
        componentNames(ActivityFnsGradients.WrtTwoOfThree.class));
    double b = 0.75;
    verify2((a, c) -> ActivityFnsGradients.wrtTwoOfThree(a, b, c),
        (a, c) -> ActivityFns.wrtTwoOfThree(a, b, c), (a, c) -> d(b + c, b + a), PLANE, -3, 3);
  }

  private static java.util.List<String> componentNames(Class<? extends Record> type) {
    return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
  }

  @Test
  void killedDefinitionsHaveNoReverseCode() {
    verify2(ActivityFnsGradients::killedSqrt, ActivityFns::killedSqrt, (x, y) -> d(1, 0), PLANE,
        new double[] {-3, 0.1}, new double[] {3, 3});
    for (double y : new double[] {0.0, -0.0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      ActivityFnsGradients.KilledSqrt r = ActivityFnsGradients.killedSqrt(1.5, y);
      exact(1.5, r.value(), "value");
      exact(1, r.dX(), "dX");
      positiveZero(r.dY(), "dY at y = " + y);
    }
  }

  @Test
  void definitionKilledOnOnePathOnly() {
    verify2(ActivityFnsGradients::killedOnOnePath, ActivityFns::killedOnOnePath,
        (x, y) -> x > 0 ? d(1, 0) : d(Math.sqrt(y), x * 0.5 / Math.sqrt(y)),
        new double[][] {{1.5, 0.5}, {-1.5, 0.5}, {0.5, 2}, {-0.5, 2}},
        new double[] {-3, 0.1}, new double[] {3, 3});
  }
}
