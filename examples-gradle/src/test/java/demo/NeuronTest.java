package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.javagrad.GradientCheck;
import org.junit.jupiter.api.Test;

class NeuronTest {
  @Test
  void sigmoidDerivativeIsSigmoidTimesOneMinusSigmoid() {
    NeuronGradients.Sigmoid s = NeuronGradients.sigmoid(1.0);
    double sig = 1 / (1 + Math.exp(-1.0));
    assertEquals(sig, s.value(), 1e-15);
    assertEquals(sig * (1 - sig), s.dX(), 1e-15);
  }

  @Test
  void lossGradientMatchesTheChainRuleAndFiniteDifferences() {
    double w = 0.5, b = -0.25, x = 2.0, y = 1.0;
    NeuronGradients.Loss g = NeuronGradients.loss(w, b, x, y);
    double s = 1 / (1 + Math.exp(-(w * x + b)));
    double dz = 2 * (s - y) * s * (1 - s);
    assertEquals((s - y) * (s - y), g.value(), 1e-15);
    assertEquals(dz * x, g.dW(), 1e-15);
    assertEquals(dz, g.dB(), 1e-15);

    GradientCheck.of(p -> NeuronGradients.loss(p[0], p[1], x, y))
        .parameterNames("w", "b")
        .assertAt(w, b);
  }
}
