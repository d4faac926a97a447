package io.github.javagrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.javagrad.GradientCheck;
import org.junit.jupiter.api.Test;

class SigmoidExampleTest {

  /** sigmoid'(20) = exp(-20) / (1 + exp(-20))^2 to 17 digits (from 40-digit arithmetic). */
  private static final double SLOPE_AT_20 = 2.0611536139418493e-9;

  @Test
  void forwardDifferencesReproduceTheSeedsDigits() {
    assertEquals(0.1965664984852067, SigmoidExample.slope(1).forward(), 0.0);
    assertEquals(2.0601298444944405e-09, SigmoidExample.slope(20).forward(), 0.0);
  }

  @Test
  void javagradGivesTheExactSlope() {
    // sigmoid(1) (1 - sigmoid(1)) = 0.196611933241481852537...; allow one rounding.
    assertEquals(0.19661193324148185, SigmoidExample.slope(1).exact(), Math.ulp(0.2));
    assertEquals(0.19661193324148185, SigmoidExample.slope(1).byHand(), 0.0);
    assertEquals(SLOPE_AT_20, SigmoidExample.slope(20).exact(), 2 * Math.ulp(SLOPE_AT_20));
    assertEquals(0.25, SigmoidExampleGradients.sigmoid(0).dX(), 0.0);
    assertEquals(0.5, SigmoidExampleGradients.sigmoid(0).value(), 0.0);
  }

  @Test
  void theSlopeVanishesAndTheHandFormulaCancelsAt20() {
    SigmoidExample.Slope at20 = SigmoidExample.slope(20);
    assertTrue(at20.exact() < 1e-8 * SigmoidExampleGradients.sigmoid(0).dX());
    double handError = Math.abs(at20.byHand() - SLOPE_AT_20) / SLOPE_AT_20;
    assertTrue(handError > 1e-8 && handError < 1e-7, "relative error " + handError);
  }

  @Test
  void generatedGradientPassesGradientCheck() {
    GradientCheck check =
        GradientCheck.of(p -> SigmoidExampleGradients.sigmoid(p[0])).parameterNames("x");
    check.assertAt(1);
    check.assertAt(0);
    check.assertAtRandomPoints(100, -10, 10, 2L);
    // Far out the slope is tiny, so the default absolute tolerance (1e-6) would pass anything.
    // At -20 the values are tiny too and a purely relative check works.
    check.absoluteTolerance(0).assertAt(-20);
    // At 20 the values are near 1, so the quotient carries rounding of about 2e-16 / h ~ 2e-12.
    check.absoluteTolerance(1e-11).assertAt(20);
  }
}
