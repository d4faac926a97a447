package io.github.javagrad;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The run-time shape checks generated pullbacks call before they touch any adjoint. */
class AdjointsTest {

  @Test
  void seedOfAVectorResultMustMatchItsLength() {
    assertDoesNotThrow(() -> Adjoints.checkSeed(new double[3], new double[3]));
    NullPointerException n = assertThrows(NullPointerException.class, () -> Adjoints.checkSeed(new double[3], null));
    assertEquals("seed must not be null", n.getMessage());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Adjoints.checkSeed(new double[3], new double[4]));
    assertEquals("seed has length 4 but the result has length 3", e.getMessage());
  }

  @Test
  void seedOfAMatrixResultMustMatchRowByRow() {
    double[][] result = {{1, 2}, {3}};
    assertDoesNotThrow(() -> Adjoints.checkSeed(result, new double[][] {{0, 0}, {0}}));
    IllegalArgumentException rows =
        assertThrows(IllegalArgumentException.class, () -> Adjoints.checkSeed(result, new double[][] {{0, 0}}));
    assertEquals("seed has 1 rows but the result has 2", rows.getMessage());
    IllegalArgumentException row =
        assertThrows(IllegalArgumentException.class, () -> Adjoints.checkSeed(result, new double[][] {{0, 0}, {0, 0}}));
    assertEquals("seed[1] has length 2 but the result's row has length 1", row.getMessage());
    IllegalArgumentException nullRow =
        assertThrows(IllegalArgumentException.class, () -> Adjoints.checkSeed(result, new double[][] {{0, 0}, null}));
    assertEquals("seed[1] is null but the result's row has length 1", nullRow.getMessage());
  }
}
