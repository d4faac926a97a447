package io.github.javagrad.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.javagrad.GradientCheck;
import org.junit.jupiter.api.Test;

class ChainRuleExampleTest {

  @Test
  void valueAndGradientAreTheHandValues() {
    ChainRuleExampleGradients.F f = ChainRuleExample.compute().exact();
    assertEquals(33, f.value(), 0.0);
    assertEquals(3, f.dA(), 0.0);
    assertEquals(6, f.dB(), 0.0);
    assertEquals(9, f.dC(), 0.0);
    assertArrayEquals(new double[] {3, 6, 9}, f.gradient(), 0.0);
  }

  @Test
  void forwardDifferencesReproduceTheSeedsDigits() {
    double[] fd = ChainRuleExample.compute().forward();
    assertEquals(3.0000000000001137, fd[0], 0.0);
    assertEquals(6.000000000000227, fd[1], 0.0);
    assertEquals(8.99999999999963, fd[2], 0.0);
  }

  @Test
  void centralDifferencesAreCloseToTheGradient() {
    double[] cd = ChainRuleExample.compute().central();
    assertArrayEquals(new double[] {3, 6, 9}, cd, 1e-12);
    // (f(c + e) - f(c - e)) / 2e, written out as the seeds would.
    double e = ChainRuleExample.E;
    assertEquals(
        (ChainRuleExample.f(5, 3, 2 + e) - ChainRuleExample.f(5, 3, 2 - e)) / (2 * e), cd[2], 0.0);
  }

  @Test
  void pullbackScalesTheGradientBySeed() {
    ChainRuleExampleGradients.F f = ChainRuleExampleGradients.fPullback(5, 3, 2, -2.5);
    assertEquals(33, f.value(), 0.0);
    assertArrayEquals(new double[] {-7.5, -15, -22.5}, f.gradient(), 0.0);
  }

  @Test
  void generatedGradientPassesGradientCheck() {
    GradientCheck check =
        GradientCheck.of(p -> ChainRuleExampleGradients.f(p[0], p[1], p[2]))
            .parameterNames("a", "b", "c");
    check.assertAt(5, 3, 2);
    check.assertAtRandomPoints(100, -10, 10, 1L);
  }
}
