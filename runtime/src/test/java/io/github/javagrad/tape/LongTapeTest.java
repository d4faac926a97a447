package io.github.javagrad.tape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LongTapeTest {

  @Test
  void popsInReverseOrderOfPushes() {
    LongTape tape = new LongTape();
    assertTrue(tape.isEmpty());
    tape.push(1);
    tape.push(Long.MIN_VALUE);
    tape.push(0);
    tape.push(Long.MAX_VALUE);
    assertEquals(4, tape.size());
    assertFalse(tape.isEmpty());
    assertEquals(Long.MAX_VALUE, tape.peek());
    assertEquals(4, tape.size());
    assertEquals(Long.MAX_VALUE, tape.pop());
    assertEquals(0, tape.pop());
    assertEquals(Long.MIN_VALUE, tape.pop());
    assertEquals(1, tape.pop());
    assertTrue(tape.isEmpty());
  }

  @Test
  void growsPastAMillionElements() {
    LongTape tape = new LongTape();
    int n = 1_500_000;
    for (int i = 0; i < n; i++) {
      tape.push(i * 3_000_000_000L - 7);
    }
    assertEquals(n, tape.size());
    assertTrue(tape.capacity() >= n);
    for (int i = n - 1; i >= 0; i--) {
      assertEquals(i * 3_000_000_000L - 7, tape.pop());
    }
    assertTrue(tape.isEmpty());
  }

  @Test
  void growsFromZeroCapacity() {
    LongTape tape = new LongTape(0);
    assertEquals(0, tape.capacity());
    tape.push(7);
    assertEquals(7, tape.peek());
    assertTrue(tape.capacity() >= 1);
  }

  @Test
  void clearKeepsCapacityForReuse() {
    LongTape tape = new LongTape(4);
    for (int i = 0; i < 100; i++) {
      tape.push(i);
    }
    int capacity = tape.capacity();
    tape.clear();
    assertTrue(tape.isEmpty());
    assertEquals(0, tape.size());
    assertEquals(capacity, tape.capacity());
    for (int i = 0; i < 100; i++) {
      tape.push(-i);
    }
    assertEquals(capacity, tape.capacity(), "reuse within the old size must not grow");
    assertEquals(-99, tape.pop());
    assertEquals(99, tape.size());
  }

  @Test
  void underflowThrowsWithClearMessage() {
    LongTape tape = new LongTape();
    IllegalStateException pop = assertThrows(IllegalStateException.class, tape::pop);
    assertTrue(
        pop.getMessage().startsWith("tape underflow: pop on an empty LongTape"), pop.getMessage());
    IllegalStateException peek = assertThrows(IllegalStateException.class, tape::peek);
    assertTrue(peek.getMessage().startsWith("tape underflow: peek"), peek.getMessage());
    tape.push(1);
    tape.pop();
    assertThrows(IllegalStateException.class, tape::pop);
    assertEquals(0, tape.size(), "a failed pop leaves the size alone");
  }

  @Test
  void rejectsInvalidInitialCapacity() {
    assertThrows(IllegalArgumentException.class, () -> new LongTape(-1));
    assertThrows(IllegalArgumentException.class, () -> new LongTape(Integer.MAX_VALUE));
  }

  @Test
  void toStringShowsSizeAndCapacity() {
    LongTape tape = new LongTape(8);
    tape.push(1);
    assertEquals("LongTape[size=1, capacity=8]", tape.toString());
  }
}
