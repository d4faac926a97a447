package io.github.javagrad.tape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BooleanTapeTest {

  @Test
  void popsInReverseOrderOfPushes() {
    BooleanTape tape = new BooleanTape();
    assertTrue(tape.isEmpty());
    tape.push(true);
    tape.push(false);
    tape.push(false);
    tape.push(true);
    assertEquals(4, tape.size());
    assertFalse(tape.isEmpty());
    assertTrue(tape.peek());
    assertEquals(4, tape.size());
    assertTrue(tape.pop());
    assertFalse(tape.pop());
    assertFalse(tape.peek());
    assertFalse(tape.pop());
    assertTrue(tape.pop());
    assertTrue(tape.isEmpty());
  }

  @Test
  void bitsAcrossWordBoundariesKeepTheirOrder() {
    BooleanTape tape = new BooleanTape(0);
    boolean[] pushed = new boolean[200];
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < pushed.length; i++) {
      pushed[i] = random.nextBoolean();
      tape.push(pushed[i]);
    }
    for (int i = pushed.length - 1; i >= 0; i--) {
      assertEquals(pushed[i], tape.peek(), "peek at " + i);
      assertEquals(pushed[i], tape.pop(), "pop at " + i);
    }
  }

  @Test
  void growsPastAMillionElements() {
    BooleanTape tape = new BooleanTape();
    int n = 1_500_000;
    for (int i = 0; i < n; i++) {
      tape.push(i % 3 == 0 || i % 7 == 0);
    }
    assertEquals(n, tape.size());
    assertTrue(tape.capacity() >= n);
    // Packed: capacity grows in 64-bit words.
    assertEquals(0, tape.capacity() % 64);
    for (int i = n - 1; i >= 0; i--) {
      assertEquals(i % 3 == 0 || i % 7 == 0, tape.pop(), "element " + i);
    }
    assertTrue(tape.isEmpty());
  }

  @Test
  void clearKeepsCapacityAndOverwritesStaleBits() {
    BooleanTape tape = new BooleanTape(128);
    for (int i = 0; i < 1000; i++) {
      tape.push(true);
    }
    int capacity = tape.capacity();
    tape.clear();
    assertTrue(tape.isEmpty());
    assertEquals(capacity, tape.capacity());
    for (int i = 0; i < 1000; i++) {
      tape.push(false);
    }
    assertEquals(capacity, tape.capacity(), "reuse within the old size must not grow");
    for (int i = 0; i < 1000; i++) {
      assertFalse(tape.pop(), "stale true bit at " + i);
    }
  }

  @Test
  void initialCapacityIsRoundedUpToWords() {
    assertEquals(0, new BooleanTape(0).capacity());
    assertEquals(64, new BooleanTape(1).capacity());
    assertEquals(128, new BooleanTape(65).capacity());
    assertEquals(1024, new BooleanTape().capacity());
    assertThrows(IllegalArgumentException.class, () -> new BooleanTape(-1));
  }

  @Test
  void underflowThrowsWithClearMessage() {
    BooleanTape tape = new BooleanTape();
    IllegalStateException pop = assertThrows(IllegalStateException.class, tape::pop);
    assertTrue(
        pop.getMessage().startsWith("tape underflow: pop on an empty BooleanTape"),
        pop.getMessage());
    IllegalStateException peek = assertThrows(IllegalStateException.class, tape::peek);
    assertTrue(peek.getMessage().startsWith("tape underflow: peek"), peek.getMessage());
    assertEquals(0, tape.size());
  }

  @Test
  void toStringShowsSizeAndCapacity() {
    BooleanTape tape = new BooleanTape(64);
    tape.push(true);
    assertEquals("BooleanTape[size=1, capacity=64]", tape.toString());
  }
}
