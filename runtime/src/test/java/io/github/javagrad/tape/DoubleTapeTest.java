package io.github.javagrad.tape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DoubleTapeTest {

  @Test
  void popsInReverseOrderOfPushes() {
    DoubleTape tape = new DoubleTape();
    assertTrue(tape.isEmpty());
    tape.push(1.5);
    tape.push(-0.0);
    tape.push(Double.NaN);
    tape.push(3e300);
    assertEquals(4, tape.size());
    assertFalse(tape.isEmpty());
    assertEquals(3e300, tape.peek());
    assertEquals(4, tape.size());
    assertEquals(3e300, tape.pop());
    assertTrue(Double.isNaN(tape.pop()));
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(tape.pop()));
    assertEquals(1.5, tape.pop());
    assertTrue(tape.isEmpty());
  }

  @Test
  void growsPastAMillionElements() {
    DoubleTape tape = new DoubleTape();
    int n = 1_500_000;
    for (int i = 0; i < n; i++) {
      tape.push(i * 0.5);
    }
    assertEquals(n, tape.size());
    assertTrue(tape.capacity() >= n);
    for (int i = n - 1; i >= 0; i--) {
      assertEquals(i * 0.5, tape.pop());
    }
    assertTrue(tape.isEmpty());
  }

  @Test
  void growsFromZeroCapacity() {
    DoubleTape tape = new DoubleTape(0);
    assertEquals(0, tape.capacity());
    tape.push(7);
    assertEquals(7, tape.peek());
    assertTrue(tape.capacity() >= 1);
  }

  @Test
  void clearKeepsCapacityForReuse() {
    DoubleTape tape = new DoubleTape(4);
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
    DoubleTape tape = new DoubleTape();
    IllegalStateException pop = assertThrows(IllegalStateException.class, tape::pop);
    assertTrue(
        pop.getMessage().startsWith("tape underflow: pop on an empty DoubleTape"),
        pop.getMessage());
    IllegalStateException peek = assertThrows(IllegalStateException.class, tape::peek);
    assertTrue(peek.getMessage().startsWith("tape underflow: peek"), peek.getMessage());
    tape.push(1);
    tape.pop();
    assertThrows(IllegalStateException.class, tape::pop);
    assertEquals(0, tape.size(), "a failed pop leaves the size alone");
  }

  @Test
  void rejectsInvalidInitialCapacity() {
    assertThrows(IllegalArgumentException.class, () -> new DoubleTape(-1));
    assertThrows(IllegalArgumentException.class, () -> new DoubleTape(Integer.MAX_VALUE));
  }

  @Test
  void toStringShowsSizeAndCapacity() {
    DoubleTape tape = new DoubleTape(8);
    tape.push(1);
    assertEquals("DoubleTape[size=1, capacity=8]", tape.toString());
  }

  @Test
  void pushAllAndPopAllMatchElementwisePushesAndPops() {
    DoubleTape bulk = new DoubleTape(0);
    DoubleTape single = new DoubleTape(0);
    bulk.push(-1);
    single.push(-1);
    double[] a = new double[1000];
    for (int i = 0; i < a.length; i++) {
      a[i] = i * 0.5;
    }
    bulk.pushAll(a); // grows from capacity 0 past several doublings in one call
    for (double v : a) {
      single.push(v);
    }
    assertEquals(single.size(), bulk.size());
    bulk.push(7);
    assertEquals(7, bulk.pop());
    double[] back = new double[1000];
    bulk.popAll(back);
    assertArrayEquals(a, back);
    assertEquals(-1, bulk.pop()); // what was under the array is still there
    bulk.pushAll(new double[0]);
    assertTrue(bulk.isEmpty());
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> bulk.popAll(new double[1]));
    assertTrue(e.getMessage().startsWith("tape underflow: popAll"), e.getMessage());
  }
}
