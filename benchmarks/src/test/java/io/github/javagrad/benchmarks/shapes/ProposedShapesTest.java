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

    v = b.rosenbrockGenerated();
    g = b.dX.clone();
    assertEquals(v, b.rosenbrockCarry(), 0);
    assertArrayEquals(g, b.dX2, 1e-9); // dX[i] summed in another order
    assertEquals(v, b.rosenbrockDoubled(), 0);
    assertArrayEquals(g, b.dX2, 1e-9); // (-dU + p) + p rounds unlike -dU + 2 p
    assertEquals(v, b.rosenbrockCarryDoubled(), 0);
    assertArrayEquals(g, b.dX2, 1e-9);
    assertEquals(v, b.rosenbrockHandAdding(), 1e-9 * Math.abs(v));
    assertArrayEquals(g, b.dX2, 1e-9);
  }

  /** The GMM experiments sum the same terms in other orders: equal to rounding. */
  @Test
  void gmmShapesAgree() {
    ShapeBench b = new ShapeBench();
    double v = b.gmmGenerated();
    double[] g = b.gmmGrad.flatten();
    for (java.util.function.DoubleSupplier shape : java.util.List.<java.util.function.DoubleSupplier>of(
        b::gmmFused, b::gmmRecompute, b::gmmAllRows, b::gmmLocalTape, b::gmmCurrent,
        b::gmmUnguarded, b::gmmHand)) {
      assertEquals(v, shape.getAsDouble(), 1e-9 * Math.abs(v));
      double[] got = b.gmmGrad.flatten();
      for (int i = 0; i < g.length; i++) {
        assertEquals(g[i], got[i], 1e-9 * (1 + Math.abs(g[i])), "partial " + i);
      }
    }
  }
}
