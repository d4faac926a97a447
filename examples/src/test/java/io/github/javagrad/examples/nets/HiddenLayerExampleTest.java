package io.github.javagrad.examples.nets;

import static io.github.javagrad.examples.nets.HiddenLayerExample.TARGET;
import static io.github.javagrad.examples.nets.HiddenLayerExample.W_IN;
import static io.github.javagrad.examples.nets.HiddenLayerExample.W_OUT;
import static io.github.javagrad.examples.nets.HiddenLayerExample.X;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.javagrad.GradientCheck;
import org.junit.jupiter.api.Test;

class HiddenLayerExampleTest {

  /**
   * The seed's formulas written as NumPy code (float64: {@code hidden_error_term =
   * np.dot(output_error_term, weights_hidden_output) * h * (1 - h)}, {@code del_w_in = learnrate *
   * hidden_error_term * x[:, None]}), printed with repr.
   */
  private static final double[] NUMPY_DEL_W_OUT = {0.008040473948045293, 0.005559180911682831};

  private static final double[][] NUMPY_DEL_W_IN = {
    {0.0001770055466373534, -0.0005111785059877155},
    {3.540110932747068e-05, -0.00010223570119754312},
    {-7.080221865494137e-05, 0.00020447140239508623}
  };

  @Test
  void seedFormulasReproduceNumPy() {
    HiddenLayerExample.Steps seed = HiddenLayerExample.seedSteps();
    assertArrayEquals(NUMPY_DEL_W_OUT, seed.wOut(), 0.0);
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(NUMPY_DEL_W_IN[i], seed.wIn()[i], 0.0);
    }
  }

  @Test
  void javagradStepEqualsTheSeedsBackpropagation() {
    HiddenLayerExample.Steps javagrad = HiddenLayerExample.javagradSteps();
    HiddenLayerExample.Steps seed = HiddenLayerExample.seedSteps();
    assertArrayEquals(seed.wOut(), javagrad.wOut(), 1e-15);
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(seed.wIn()[i], javagrad.wIn()[i], 1e-15);
    }
  }

  @Test
  void updatedWeightsAreTheSeedsWeightsPlusTheStep() {
    HiddenLayerExample.Steps next = HiddenLayerExample.updated(HiddenLayerExample.javagradSteps());
    assertArrayEquals(
        new double[] {0.1 + NUMPY_DEL_W_OUT[0], -0.3 + NUMPY_DEL_W_OUT[1]}, next.wOut(), 1e-15);
    assertEquals(0.5 + NUMPY_DEL_W_IN[0][0], next.wIn()[0][0], 1e-15);
    assertEquals(0.7 + NUMPY_DEL_W_IN[2][1], next.wIn()[2][1], 1e-15);
    double before = HiddenLayerExample.loss(W_IN, W_OUT, X, TARGET);
    double after = HiddenLayerExample.loss(next.wIn(), next.wOut(), X, TARGET);
    assertTrue(after < before, after + " >= " + before);
  }

  @Test
  void inputsAreNotDifferentiatedAndNotModified() {
    double[] x = X.clone();
    HiddenLayerExampleGradients.Loss g = HiddenLayerExampleGradients.loss(W_IN, W_OUT, x, TARGET);
    assertEquals(8, g.gradient().length);
    assertArrayEquals(X, x, 0.0);
    assertEquals(HiddenLayerExample.loss(W_IN, W_OUT, X, TARGET), g.value(), 0.0);
  }

  @Test
  void generatedGradientPassesGradientCheck() {
    double[] x = {0.5, 0.1, -0.2};
    GradientCheck check =
        GradientCheck.of(
                p -> {
                  double[][] wIn = {{p[0], p[1]}, {p[2], p[3]}, {p[4], p[5]}};
                  return HiddenLayerExampleGradients.loss(wIn, new double[] {p[6], p[7]}, x, 0.6);
                })
            .parameterNames(
                "wIn[0][0]",
                "wIn[0][1]",
                "wIn[1][0]",
                "wIn[1][1]",
                "wIn[2][0]",
                "wIn[2][1]",
                "wOut[0]",
                "wOut[1]");
    check.assertAt(0.5, -0.6, 0.1, -0.2, 0.1, 0.7, 0.1, -0.3);
    check.assertAtRandomPoints(20, -2, 2, 2L);
  }
}
