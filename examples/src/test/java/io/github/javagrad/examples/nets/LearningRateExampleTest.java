package io.github.javagrad.examples.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LearningRateExampleTest {

  private static final double[][] LOSSES = LearningRateExample.lossCurves();

  private static double ratio(double[] losses) {
    return losses[losses.length - 1] / losses[0];
  }

  @Test
  void allRunsStartFromTheSameLoss() {
    assertEquals(LOSSES[0][0], LOSSES[1][0], 0.0);
    assertEquals(LOSSES[0][0], LOSSES[2][0], 0.0);
  }

  @Test
  void tooHighExplodesAndEndsAboveTheStart() {
    double[] high = LOSSES[0];
    double max = Arrays.stream(high).max().getAsDouble();
    assertTrue(max > 100 * high[0], "max loss " + max);
    assertTrue(ratio(high) > 1, "final / initial " + ratio(high));
    int rises = 0;
    for (int e = 1; e < high.length; e++) {
      rises += high[e] > high[e - 1] ? 1 : 0;
    }
    assertTrue(rises >= 10, "the loss rose only " + rises + " times: no oscillation");
  }

  @Test
  void tooSmallBarelyMoves() {
    double r = ratio(LOSSES[1]);
    assertTrue(r > 0.9 && r < 1, "final / initial " + r);
  }

  @Test
  void aboutRightConverges() {
    double r = ratio(LOSSES[2]);
    assertTrue(r < 0.1, "final / initial " + r);
  }
}
