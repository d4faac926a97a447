package io.github.javagrad.examples;

import static io.github.javagrad.examples.NeuronStepExample.TARGET;
import static io.github.javagrad.examples.NeuronStepExample.W1;
import static io.github.javagrad.examples.NeuronStepExample.W2;
import static io.github.javagrad.examples.NeuronStepExample.X1;
import static io.github.javagrad.examples.NeuronStepExample.X2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.javagrad.GradientCheck;
import org.junit.jupiter.api.Test;

class NeuronStepExampleTest {

  /** del_w printed by seed 002's Python code (NumPy, float64) for the example's inputs. */
  private static final double SEED_DEL_W1 = -0.003963803079006883;

  private static final double SEED_DEL_W2 = -0.011891409237020648;

  @Test
  void seedFormulaReproducesTheSeedsPython() {
    double[] delW = NeuronStepExample.seedDelW();
    assertEquals(SEED_DEL_W1, delW[0], 0.0);
    assertEquals(SEED_DEL_W2, delW[1], 0.0);
  }

  @Test
  void javagradStepEqualsTheSeedsDelW() {
    NeuronStepExample.Step s = NeuronStepExample.step();
    assertEquals(s.delW1(), s.stepW1(), 1e-15);
    assertEquals(s.delW2(), s.stepW2(), 1e-15);
    assertEquals(-0.8 + SEED_DEL_W1, s.newW1(), 1e-15);
    assertEquals(0.5 + SEED_DEL_W2, s.newW2(), 1e-15);
  }

  @Test
  void lossAndGradientFollowTheDefinition() {
    NeuronStepExampleGradients.Loss loss =
        NeuronStepExampleGradients.loss(W1, W2, X1, X2, TARGET);
    double y = 1 / (1 + Math.exp(-0.07));
    assertEquals(0.5 * (0.2 - y) * (0.2 - y), loss.value(), 1e-16);
    // Only the weights are differentiated (wrt = {"w1", "w2"}).
    assertEquals(2, loss.gradient().length);
    double errorTerm = (0.2 - y) * y * (1 - y);
    assertEquals(-errorTerm * 0.1, loss.dW1(), 1e-15);
    assertEquals(-errorTerm * 0.3, loss.dW2(), 1e-15);
  }

  @Test
  void theStepLowersTheLoss() {
    NeuronStepExample.Step s = NeuronStepExample.step();
    double after = NeuronStepExample.loss(s.newW1(), s.newW2(), X1, X2, TARGET);
    assertTrue(after < s.loss().value(), after + " >= " + s.loss().value());
  }

  @Test
  void generatedGradientPassesGradientCheck() {
    GradientCheck atSeedInputs =
        GradientCheck.of(p -> NeuronStepExampleGradients.loss(p[0], p[1], X1, X2, TARGET))
            .parameterNames("w1", "w2");
    atSeedInputs.assertAt(W1, W2);
    atSeedInputs.assertAtRandomPoints(100, -3, 3, 6L);
    GradientCheck otherInputs =
        GradientCheck.of(p -> NeuronStepExampleGradients.loss(p[0], p[1], 1, 2, 0.5))
            .parameterNames("w1", "w2");
    otherInputs.assertAt(0.5, -0.5);
    otherInputs.assertAtRandomPoints(100, -3, 3, 7L);
  }
}
