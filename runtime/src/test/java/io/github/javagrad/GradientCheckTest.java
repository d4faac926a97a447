package io.github.javagrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.javagrad.GradientCheck.Entry;
import io.github.javagrad.GradientCheck.Result;
import io.github.javagrad.GradientCheck.Status;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class GradientCheckTest {

  /** A generated-style result record. */
  record VG(double value, double[] partials) implements ValueAndGradient {
    @Override
    public double[] gradient() {
      return partials.clone();
    }
  }

  /** f(a, b, c) = 3 * (a + b * c), written as Python would evaluate it. */
  static double linear(double a, double b, double c) {
    return 3 * (a + b * c);
  }

  static VG linearWithGradient(double a, double b, double c) {
    return new VG(linear(a, b, c), new double[] {3, 3 * c, 3 * b});
  }

  /** The same function with a deliberately wrong partial for b (3 * c + 1). */
  static VG linearWithWrongGradient(double a, double b, double c) {
    return new VG(linear(a, b, c), new double[] {3, 3 * c + 1, 3 * b});
  }

  /** (2 x1 + 3 x2)^2 + 3. */
  static double quadratic(double[] x) {
    double t = 2 * x[0] + 3 * x[1];
    return t * t + 3;
  }

  // ------------------------------------------------------------------ catching wrong gradients

  @Test
  void catchesWrongGradientAndNamesTheParameter() {
    GradientCheck check =
        GradientCheck.of(p -> linearWithWrongGradient(p[0], p[1], p[2]))
            .parameterNames("a", "b", "c");
    Result result = check.check(5, 3, 2);

    assertFalse(result.passed());
    List<Entry> entries = result.entries();
    assertEquals(3, entries.size());
    assertEquals(Status.PASSED, entries.get(0).status());
    assertEquals(Status.FAILED, entries.get(1).status());
    assertEquals(Status.PASSED, entries.get(2).status());
    Entry b = entries.get(1);
    assertEquals(1, b.index());
    assertEquals("b", b.name());
    assertEquals(7.0, b.analytic());
    assertEquals(6.0, b.numeric(), 1e-8);
    assertEquals(1.0, b.absoluteError(), 1e-8);
    assertEquals(1.0 / 7.0, b.relativeError(), 1e-8);
    assertEquals(1e-6 + 1e-5 * 7.0, b.tolerance(), 1e-15);

    String message = result.message();
    assertTrue(
        message.startsWith("gradient check failed at (5.0, 3.0, 2.0) for 1 of 3 parameters:\n"),
        message);
    assertTrue(message.contains("\n  b: analytic 7.0, numeric "), message);
    assertTrue(message.contains("|error| 1.0"), message);
    assertFalse(message.contains("\n  a:"), message);
    assertFalse(message.contains("\n  c:"), message);
  }

  @Test
  void assertAtThrowsAssertionErrorWithTheReport() {
    GradientCheck check =
        GradientCheck.of(p -> linearWithWrongGradient(p[0], p[1], p[2]))
            .parameterNames("a", "b", "c");
    AssertionError error = assertThrows(AssertionError.class, () -> check.assertAt(5, 3, 2));
    assertEquals(check.check(5, 3, 2).message(), error.getMessage());
    assertTrue(error.getMessage().contains("b: analytic 7.0"), error.getMessage());
  }

  @Test
  void catchesWrongHandWrittenGradientWithDefaultNames() {
    // d/dx sin(x) * y is cos(x) * y; the "gradient" below forgets the factor y.
    GradientCheck check =
        GradientCheck.of(
            p -> Math.sin(p[0]) * p[1], p -> new double[] {Math.cos(p[0]), Math.sin(p[0])});
    Result result = check.check(0.3, 2.5);
    assertFalse(result.passed());
    assertEquals(Status.FAILED, result.entries().get(0).status());
    assertEquals(Status.PASSED, result.entries().get(1).status());
    assertTrue(result.message().contains("\n  x[0]: analytic "), result.message());
    assertFalse(result.message().contains("x[1]"), result.message());
  }

  @Test
  void catchesSmallErrorsAboveTheTolerance() {
    // A relative error of 1e-4 is ten times the default relative tolerance.
    GradientCheck check =
        GradientCheck.of(p -> p[0] * p[0], p -> new double[] {2 * p[0] * (1 + 1e-4)});
    assertFalse(check.check(3).passed());
    assertTrue(check.relativeTolerance(1e-3).check(3).passed());
  }

  // ------------------------------------------------------------------ passing right gradients

  private static void assertPassesAt(
      ToDoubleFunction<double[]> f, Function<double[], double[]> gradient, double[]... points) {
    GradientCheck check = GradientCheck.of(f, gradient);
    for (double[] point : points) {
      Result result = check.check(point);
      assertTrue(result.passed(), result.message());
      assertTrue(result.message().startsWith("gradient check passed at "), result.message());
      for (Entry e : result.entries()) {
        assertEquals(Status.PASSED, e.status());
        assertTrue(e.absoluteError() <= e.tolerance(), e.toString());
      }
      check.assertAt(point);
      // Forward differences, with their looser defaults, pass as well.
      Result forward = check.forwardDifferences().check(point);
      assertTrue(forward.passed(), forward.message());
    }
  }

  @Test
  void passesExpTimesSin() {
    assertPassesAt(
        p -> Math.exp(p[0]) * Math.sin(p[1]),
        p -> new double[] {Math.exp(p[0]) * Math.sin(p[1]), Math.exp(p[0]) * Math.cos(p[1])},
        new double[] {0.5, 1.2},
        new double[] {-3, 10},
        new double[] {2, -0.7},
        new double[] {1e-8, 1e-8},
        new double[] {-1e-8, 3});
  }

  @Test
  void passesProducts() {
    assertPassesAt(
        p -> p[0] * p[1] * p[2] + p[0] * p[0],
        p -> new double[] {p[1] * p[2] + 2 * p[0], p[0] * p[2], p[0] * p[1]},
        new double[] {1, 2, 3},
        new double[] {1e6, -2.5, 3e6},
        new double[] {1e6, 1e6, 1e6},
        new double[] {-1e6, 4, 1e6},
        new double[] {1e-8, 1e-8, 1e-8},
        new double[] {0, 0, 0});
  }

  @Test
  void passesQuotientsLogsAndRoots() {
    assertPassesAt(
        p -> Math.log(p[0]) * p[1] + Math.sqrt(p[0]) / (1 + p[1] * p[1]),
        p -> {
          double x = p[0];
          double y = p[1];
          double d = 1 + y * y;
          return new double[] {
            y / x + 0.5 / Math.sqrt(x) / d, Math.log(x) - Math.sqrt(x) * 2 * y / (d * d)
          };
        },
        new double[] {1, 0},
        new double[] {2.5, -1.5},
        new double[] {1e6, 1e-8},
        new double[] {1e6, 3});
  }

  @Test
  void passesScaleDependentExp() {
    // Varies on the scale of x itself, as the automatic step rule assumes.
    assertPassesAt(
        p -> Math.exp(p[0] / 1e6) + Math.tanh(p[1]),
        p -> {
          double t = Math.tanh(p[1]);
          return new double[] {Math.exp(p[0] / 1e6) / 1e6, 1 - t * t};
        },
        new double[] {1e6, 0.1},
        new double[] {-2e6, -1e-8});
  }

  @Test
  void passesGeneratedStyleRecordAndUsesItsValue() {
    GradientCheck.of(p -> linearWithGradient(p[0], p[1], p[2]))
        .parameterNames("a", "b", "c")
        .assertAt(5, 3, 2);
  }

  @Test
  void fastOscillationAtLargeArgumentNeedsAnExplicitStep() {
    GradientCheck check = GradientCheck.of(p -> Math.sin(p[0]), p -> new double[] {Math.cos(p[0])});
    // The automatic step at 1e6 is about 6, far too coarse for sin.
    assertFalse(check.check(1e6).passed());
    // A power-of-two step keeps 1e6 + h exact.
    Result result = check.step(0x1p-20).check(1e6);
    assertTrue(result.passed(), result.message());
  }

  // ------------------------------------------------------------------ textbook numbers

  @Test
  void forwardDifferencesWithExplicitStepReproduceTextbookNumbersBitForBit() {
    GradientCheck check =
        GradientCheck.of(p -> linearWithGradient(p[0], p[1], p[2]))
            .forwardDifferences()
            .step(0.01);
    double[] numeric = check.numericGradient(5, 3, 2);
    // Python: (f(a + e, b, c) - f(a, b, c)) / e with e = 0.01.
    assertEquals(3.0000000000001137, numeric[0]);
    assertEquals(6.000000000000227, numeric[1]);
    assertEquals(8.99999999999963, numeric[2]);
    assertEquals(Double.doubleToLongBits(3.0000000000001137), Double.doubleToLongBits(numeric[0]));
    assertEquals(Double.doubleToLongBits(6.000000000000227), Double.doubleToLongBits(numeric[1]));
    assertEquals(Double.doubleToLongBits(8.99999999999963), Double.doubleToLongBits(numeric[2]));

    // The same numbers appear in the check's entries, and the check passes.
    Result result = check.check(5, 3, 2);
    assertTrue(result.passed(), result.message());
    assertEquals(8.99999999999963, result.entries().get(2).numeric());
  }

  @Test
  void forwardDifferencesThroughHandWrittenValueFunctionMatchToo() {
    GradientCheck check =
        GradientCheck.of(
                p -> linear(p[0], p[1], p[2]), p -> new double[] {3, 3 * p[2], 3 * p[1]})
            .forwardDifferences()
            .step(0.01);
    assertArrayEquals(
        new double[] {3.0000000000001137, 6.000000000000227, 8.99999999999963},
        check.numericGradient(5, 3, 2));
  }

  @Test
  void centralDifferencesWithExplicitStepFollowTheTextbookFormula() {
    double h = 0.02;
    double[] x = {1, 3};
    double[] numeric =
        GradientCheck.of(GradientCheckTest::quadratic, p -> new double[] {0, 0})
            .step(h)
            .numericGradient(x);
    double expected0 =
        (quadratic(new double[] {1 + h, 3}) - quadratic(new double[] {1 - h, 3})) / (2 * h);
    double expected1 =
        (quadratic(new double[] {1, 3 + h}) - quadratic(new double[] {1, 3 - h})) / (2 * h);
    assertEquals(44, numeric[0], 1e-9);
    assertEquals(66, numeric[1], 1e-9);
    assertEquals(expected0, numeric[0], 1e-9);
    assertEquals(expected1, numeric[1], 1e-9);
    assertEquals(expected0, numeric[0], 0.0); // no adjustment of h: bit for bit
  }

  @Test
  void automaticStepsAreSmallAndAccurate() {
    double[] central = GradientCheck.numericGradient(GradientCheckTest::quadratic, 1, 3);
    assertEquals(44, central[0], 1e-8);
    assertEquals(66, central[1], 1e-8);
    double[] forward =
        GradientCheck.of(GradientCheckTest::quadratic, p -> new double[2])
            .forwardDifferences()
            .numericGradient(1, 3);
    assertEquals(44, forward[0], 1e-5);
    assertEquals(66, forward[1], 1e-5);
    // Forward differences with the automatic step are less accurate than central ones here.
    assertNotEquals(central[0], forward[0]);
  }

  @Test
  void centralAutomaticStepIsExactForQuadraticsAtLargeArguments() {
    // Central differences of a quadratic have no truncation error; with an exact step the
    // result is within rounding of the true derivative 2e6.
    double[] g = GradientCheck.numericGradient(p -> p[0] * p[0], 1e6);
    assertEquals(2e6, g[0], 2e6 * 1e-10);
  }

  @Test
  void roundingNoiseOfAHugeValueNeedsALooserAbsoluteTolerance() {
    // f is about 1e12 but df/dy is only 3000: rounding error of f (ulp 1.2e-4) divided by the
    // small step in y (about 3e-5) swamps the default tolerance, as the class javadoc warns.
    GradientCheck check =
        GradientCheck.of(
            p -> p[0] * p[1] * p[2] + p[0] * p[0],
            p -> new double[] {p[1] * p[2] + 2 * p[0], p[0] * p[2], p[0] * p[1]});
    Result result = check.check(1e6, -2.5, 3e-3);
    assertFalse(result.passed());
    assertEquals(Status.FAILED, result.entries().get(1).status());
    assertTrue(check.absoluteTolerance(10).check(1e6, -2.5, 3e-3).passed());
  }

  // ------------------------------------------------------------------ tolerances and configuration

  @Test
  void forwardDifferencesGetLooserDefaultsUnlessSetExplicitly() {
    // analytic is off by 5e-4 relative: fails central defaults and passes forward defaults.
    GradientCheck check =
        GradientCheck.of(p -> p[0] * p[0], p -> new double[] {2 * p[0] * (1 + 5e-4)});
    assertFalse(check.check(2).passed());
    assertTrue(check.forwardDifferences().check(2).passed());
    // Explicit tolerances are kept under forward differences, in either order.
    assertFalse(check.relativeTolerance(1e-5).forwardDifferences().check(2).passed());
    assertFalse(check.forwardDifferences().relativeTolerance(1e-5).check(2).passed());
    // Switching back restores the central defaults.
    assertFalse(check.forwardDifferences().centralDifferences().check(2).passed());
  }

  @Test
  void absoluteToleranceCoversTinyPartials() {
    GradientCheck check = GradientCheck.of(p -> 0.0, p -> new double[] {5e-7});
    Result result = check.check(1);
    assertTrue(result.passed(), result.message());
    assertEquals(5e-7, result.entries().get(0).absoluteError());
    assertEquals(1.0, result.entries().get(0).relativeError());
    assertFalse(check.absoluteTolerance(1e-7).check(1).passed());
  }

  @Test
  void configurationReturnsNewInstancesAndLeavesTheOriginalAlone() {
    GradientCheck base = GradientCheck.of(p -> p[0] * p[0], p -> new double[] {2 * p[0] + 1e-3});
    GradientCheck loose = base.absoluteTolerance(1e-2);
    assertNotEquals(System.identityHashCode(base), System.identityHashCode(loose));
    assertTrue(loose.check(1).passed());
    assertFalse(base.check(1).passed());
    assertTrue(base.toString().contains("central differences"), base.toString());
    assertTrue(
        base.forwardDifferences().step(0.5).toString().contains("forward differences, step 0.5"));
  }

  // ------------------------------------------------------------------ non-finite values

  @Test
  void nonFiniteAnalyticValueIsNotComparedAndReported() {
    GradientCheck check =
        GradientCheck.of(p -> p[0] + p[1], p -> new double[] {1, Double.NaN})
            .parameterNames("u", "v");
    Result result = check.check(1, 2);
    assertFalse(result.passed());
    assertEquals(Status.PASSED, result.entries().get(0).status());
    Entry v = result.entries().get(1);
    assertEquals(Status.NOT_COMPARED_NON_FINITE, v.status());
    assertTrue(Double.isNaN(v.absoluteError()));
    assertTrue(result.message().contains("for 1 of 2 parameters"), result.message());
    assertTrue(result.message().contains("v: not compared"), result.message());
    assertTrue(result.message().contains("analytic = NaN"), result.message());
    assertThrows(AssertionError.class, () -> check.assertAt(1, 2));
  }

  @Test
  void nonFiniteValueAtTheShiftedPointIsNotComparedAndReported() {
    // sqrt is NaN left of 0: x - h is negative at x = 1e-8.
    GradientCheck check =
        GradientCheck.of(p -> Math.sqrt(p[0]), p -> new double[] {0.5 / Math.sqrt(p[0])});
    Result result = check.check(1e-8);
    assertFalse(result.passed());
    assertEquals(Status.NOT_COMPARED_NON_FINITE, result.entries().get(0).status());
    assertTrue(result.message().contains("f(x - h*e_x[0]) = NaN"), result.message());
    assertFalse(result.message().contains("f(x + h"), result.message());
    // Forward differences only look to the right and do compare.
    assertEquals(Status.FAILED, check.forwardDifferences().check(1e-8).entries().get(0).status());
  }

  @Test
  void nonFiniteValueAtThePointMarksEveryCoordinate() {
    GradientCheck check =
        GradientCheck.of(p -> new VG(Double.POSITIVE_INFINITY, new double[] {1, 2}))
            .forwardDifferences();
    Result result = check.check(1, 2);
    assertFalse(result.passed());
    for (Entry e : result.entries()) {
      assertEquals(Status.NOT_COMPARED_NON_FINITE, e.status());
    }
    assertTrue(result.message().contains("for 2 of 2 parameters"), result.message());
    assertTrue(result.message().contains("f(x) = Infinity"), result.message());
  }

  @Test
  void overflowingStepIsNotCompared() {
    GradientCheck check = GradientCheck.of(p -> 0.0, p -> new double[] {0});
    Result result = check.check(Double.MAX_VALUE);
    assertEquals(Status.NOT_COMPARED_NON_FINITE, result.entries().get(0).status());
    assertTrue(result.message().contains("finite range"), result.message());
  }

  @Test
  void overflowingDifferenceQuotientIsNotCompared() {
    GradientCheck check =
        GradientCheck.of(
                p -> p[0] > 0 ? Double.MAX_VALUE : -Double.MAX_VALUE, p -> new double[] {0})
            .step(0.5);
    Result result = check.check(0);
    assertEquals(Status.NOT_COMPARED_NON_FINITE, result.entries().get(0).status());
    assertTrue(result.message().contains("difference quotient = Infinity"), result.message());
  }

  // ------------------------------------------------------------------ argument validation

  @Test
  void gradientOfWrongLengthIsRejected() {
    GradientCheck check = GradientCheck.of(p -> p[0], p -> new double[] {1, 2});
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> check.check(1, 2, 3));
    assertTrue(e.getMessage().contains("length 2"), e.getMessage());
    assertTrue(e.getMessage().contains("dimension 3"), e.getMessage());
  }

  @Test
  void nonFinitePointIsRejectedNamingTheCoordinate() {
    GradientCheck check =
        GradientCheck.of(p -> p[0], p -> new double[] {1, 0}).parameterNames("a", "b");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> check.check(1, Double.NaN));
    assertTrue(e.getMessage().contains("coordinate 1 (b)"), e.getMessage());
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    IllegalArgumentException inf =
        assertThrows(
            IllegalArgumentException.class,
            () -> check.numericGradient(Double.NEGATIVE_INFINITY, 0));
    assertTrue(inf.getMessage().contains("coordinate 0 (a)"), inf.getMessage());
  }

  @Test
  void pointOfWrongDimensionForTheNamesIsRejected() {
    GradientCheck check =
        GradientCheck.of(p -> p[0], p -> new double[] {1, 0}).parameterNames("a", "b");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> check.check(1, 2, 3));
    assertTrue(e.getMessage().contains("3 coordinates"), e.getMessage());
    assertTrue(e.getMessage().contains("2 parameter names"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> check.check());
  }

  @Test
  void nullArgumentsAreRejectedWithTheirNames() {
    GradientCheck check = GradientCheck.of(p -> p[0], p -> new double[] {1});
    assertEquals(
        "f",
        assertThrows(
                NullPointerException.class,
                () -> GradientCheck.of((Function<double[], ValueAndGradient>) null))
            .getMessage());
    assertEquals(
        "value",
        assertThrows(NullPointerException.class, () -> GradientCheck.of(null, p -> p))
            .getMessage());
    assertEquals(
        "gradient",
        assertThrows(NullPointerException.class, () -> GradientCheck.of(p -> 0, null))
            .getMessage());
    assertEquals(
        "point",
        assertThrows(NullPointerException.class, () -> check.check((double[]) null))
            .getMessage());
    assertEquals(
        "names",
        assertThrows(NullPointerException.class, () -> check.parameterNames((String[]) null))
            .getMessage());
    assertEquals(
        "names[1]",
        assertThrows(NullPointerException.class, () -> check.parameterNames("a", null))
            .getMessage());
    assertEquals(
        "lower",
        assertThrows(
                NullPointerException.class,
                () -> check.checkAtRandomPoints(1, null, new double[] {1}, 0L))
            .getMessage());
    assertEquals(
        "upper",
        assertThrows(
                NullPointerException.class,
                () -> check.checkAtRandomPoints(1, new double[] {1}, null, 0L))
            .getMessage());
    assertThrows(
        NullPointerException.class,
        () -> GradientCheck.of(p -> 0, p -> null).check(1),
        "a null gradient array");
  }

  @Test
  void invalidConfigurationIsRejected() {
    GradientCheck check = GradientCheck.of(p -> p[0], p -> new double[] {1});
    assertThrows(IllegalArgumentException.class, () -> check.step(0));
    assertThrows(IllegalArgumentException.class, () -> check.step(-0.1));
    assertThrows(IllegalArgumentException.class, () -> check.step(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> check.step(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> check.absoluteTolerance(-1));
    assertThrows(IllegalArgumentException.class, () -> check.relativeTolerance(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> check.parameterNames());
    IllegalArgumentException dup =
        assertThrows(IllegalArgumentException.class, () -> check.parameterNames("a", "a"));
    assertTrue(dup.getMessage().contains("\"a\""), dup.getMessage());
  }

  @Test
  void functionsReceiveCopiesOfThePoint() {
    double[] point = {1, 2};
    GradientCheck check =
        GradientCheck.of(
            p -> {
              double v = p[0] * p[1];
              p[0] = 1e9; // a misbehaving function must not disturb the check
              return v;
            },
            p -> new double[] {p[1], p[0]});
    assertTrue(check.check(point).passed(), check.check(point).message());
    assertArrayEquals(new double[] {1, 2}, point);
  }

  // ------------------------------------------------------------------ random points

  @Test
  void randomPointsPassForARightGradientAndAreReproducible() {
    AtomicInteger calls = new AtomicInteger();
    GradientCheck check =
        GradientCheck.of(
                p -> {
                  calls.incrementAndGet();
                  return Math.exp(p[0]) * Math.sin(p[1]) + p[2] * p[0];
                },
                p ->
                    new double[] {
                      Math.exp(p[0]) * Math.sin(p[1]) + p[2],
                      Math.exp(p[0]) * Math.cos(p[1]),
                      p[0]
                    })
            .parameterNames("x", "y", "z");
    Result first = check.checkAtRandomPoints(20, -2, 2, 42L);
    assertTrue(first.passed(), first.message());
    assertTrue(first.message().contains("20 random points"), first.message());
    assertTrue(first.message().contains("seed 42"), first.message());
    // Central differences: 1 value + 2 per coordinate at each of the 20 points.
    assertEquals(20 * 7, calls.get());
    Result second = check.checkAtRandomPoints(20, -2, 2, 42L);
    assertArrayEquals(first.point(), second.point());
    for (double c : first.point()) {
      assertTrue(-2 <= c && c < 2, "coordinate " + c + " out of bounds");
    }
    Result other = check.checkAtRandomPoints(20, -2, 2, 43L);
    assertFalse(java.util.Arrays.equals(first.point(), other.point()));
    check.assertAtRandomPoints(20, -2, 2, 42L);
    check.assertAtRandomPoints(5, new double[] {-1, 0, 3}, new double[] {1, 0, 3}, 7L);
  }

  @Test
  void randomPointsReportTheFailingPointAndSeed() {
    // Wrong only where x > 1.5, so some random points pass before one fails.
    GradientCheck check =
        GradientCheck.of(p -> p[0] * p[1], p -> new double[] {p[1], p[0] > 1.5 ? 0 : p[0]})
            .parameterNames("x", "y");
    Result result = check.checkAtRandomPoints(200, new double[] {0, 1}, new double[] {2, 2}, 99L);
    assertFalse(result.passed());
    double[] failing = result.point();
    assertTrue(failing[0] > 1.5, java.util.Arrays.toString(failing));
    String message = result.message();
    assertTrue(
        message.startsWith(
            "gradient check failed at (" + failing[0] + ", " + failing[1] + ") for 1 of 2"),
        message);
    assertTrue(message.contains("\n  y: analytic 0.0"), message);
    assertTrue(message.contains("seed 99L"), message);
    assertTrue(message.contains("random point "), message);
    // The failing point reproduces on its own.
    assertFalse(check.check(failing).passed());
    // And the same seed finds the same point again.
    assertArrayEquals(
        failing,
        check.checkAtRandomPoints(200, new double[] {0, 1}, new double[] {2, 2}, 99L).point());
    AssertionError error =
        assertThrows(
            AssertionError.class,
            () -> check.assertAtRandomPoints(200, new double[] {0, 1}, new double[] {2, 2}, 99L));
    assertEquals(message, error.getMessage());
  }

  @Test
  void randomPointsValidateTheirArguments() {
    GradientCheck unnamed = GradientCheck.of(p -> p[0], p -> new double[] {1});
    IllegalStateException noDimension =
        assertThrows(IllegalStateException.class, () -> unnamed.checkAtRandomPoints(3, -1, 1, 0L));
    assertTrue(noDimension.getMessage().contains("parameterNames"), noDimension.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> unnamed.checkAtRandomPoints(0, new double[] {0}, new double[] {1}, 0L));
    assertThrows(
        IllegalArgumentException.class,
        () -> unnamed.checkAtRandomPoints(1, new double[] {0, 0}, new double[] {1}, 0L));
    assertThrows(
        IllegalArgumentException.class,
        () -> unnamed.checkAtRandomPoints(1, new double[] {1}, new double[] {0}, 0L));
    assertThrows(
        IllegalArgumentException.class,
        () -> unnamed.checkAtRandomPoints(1, new double[] {Double.NaN}, new double[] {0}, 0L));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            unnamed.checkAtRandomPoints(
                1, new double[] {-Double.MAX_VALUE}, new double[] {Double.MAX_VALUE}, 0L));
    GradientCheck named = unnamed.parameterNames("a");
    assertThrows(
        IllegalArgumentException.class,
        () -> named.checkAtRandomPoints(1, new double[] {0, 0}, new double[] {1, 1}, 0L));
    assertTrue(named.checkAtRandomPoints(3, -1, 1, 0L).passed());
  }
}
