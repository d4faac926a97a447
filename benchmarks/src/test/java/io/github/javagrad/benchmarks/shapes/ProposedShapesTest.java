package io.github.javagrad.benchmarks.shapes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The hand-edited shapes compute exactly what the generated pullbacks compute. */
class ProposedShapesTest {

  @Test
  void sameGradients() {
    ShapeBench b = new ShapeBench();
    double v = b.rosenbrockGenerated();
    double[] g = b.dX.clone();
    assertEquals(v, b.rosenbrockProposed(), 0);
    assertArrayEquals(g, b.dX, 0);

    v = b.logisticGenerated();
    g = b.dW.clone();
    assertEquals(v, b.logisticProposed(), 0);
    assertArrayEquals(g, b.dW, 0);

    v = b.mlpGenerated();
    g = b.mlpGrad.flatten();
    assertEquals(v, b.mlpProposed(), 0);
    assertArrayEquals(g, b.mlpGrad.flatten(), 0);
  }
}
