package io.github.javagrad.tape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TapeCapacityTest {

  private static final int MAX = TapeCapacity.MAX_ARRAY_LENGTH;

  @Test
  void doublesWithAMinimum() {
    assertEquals(8, TapeCapacity.grow(0, MAX, "T"));
    assertEquals(8, TapeCapacity.grow(1, MAX, "T"));
    assertEquals(32, TapeCapacity.grow(16, MAX, "T"));
  }

  @Test
  void growthNearTheLimitDoesNotOverflow() {
    assertEquals(MAX, TapeCapacity.grow(1 << 30, MAX, "T"));
    assertEquals(MAX, TapeCapacity.grow(MAX - 1, MAX, "T"));
    assertEquals(1 << 25, TapeCapacity.grow((1 << 24) + 1, 1 << 25, "T"));
  }

  @Test
  void growthAtTheLimitIsAnOverflowError() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> TapeCapacity.grow(MAX, MAX, "DoubleTape"));
    assertTrue(e.getMessage().startsWith("tape overflow: a DoubleTape"), e.getMessage());
  }
}
