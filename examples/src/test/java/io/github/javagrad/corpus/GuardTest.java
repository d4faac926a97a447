package io.github.javagrad.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.javagrad.GradientCheck;
import io.github.javagrad.tape.DoubleTape;
import org.junit.jupiter.api.Test;

/**
 * Methods with {@code throw}: where the method returns, its gradient; where it throws, the same
 * exception (type and message), with no reverse sweep and the thread's tapes as they were.
 */
class GuardTest {

  @Test
  void checkedLog() {
    assertEquals(Math.log(2.5), GuardFnsGradients.checkedLog(2.5).value());
    assertArrayEquals(new double[] {1 / 2.5}, GuardFnsGradients.checkedLog(2.5).gradient());
    GradientCheck.of(p -> GuardFnsGradients.checkedLog(p[0])).assertAt(0.3);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GuardFnsGradients.checkedLog(-1));
    assertEquals("log of a non-positive number: -1.0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GuardFnsGradients.checkedLog(Double.NaN));
  }

  @Test
  void newtonSqrtConvergesToTheDerivativeOfSqrt() {
    double a = 7.3;
    var r = GuardFnsGradients.newtonSqrt(a, 100);
    assertEquals(GuardFns.newtonSqrt(a, 100), r.value());
    // the fixed point's derivative: d sqrt(a) / da = 1 / (2 sqrt a), to the iteration's accuracy
    assertEquals(1 / (2 * Math.sqrt(a)), r.gradient()[0], 1e-9);
    GradientCheck.of(p -> GuardFnsGradients.newtonSqrt(p[0], 100)).assertAt(a);
    int tape = DoubleTape.forThisThread().size();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> GuardFnsGradients.newtonSqrt(1e12, 3));
    assertEquals("no convergence after 3 iterations", e.getMessage());
    assertEquals(tape, DoubleTape.forThisThread().size());
    assertThrows(ArithmeticException.class, () -> GuardFnsGradients.newtonSqrt(-4, 100));
  }

  @Test
  void scaledCheckedReportsTheReassignedValue() {
    var r = GuardFnsGradients.scaledChecked(1.5, 2);
    assertEquals(9.0, r.value());
    // (x s)^2: d/dx = 2 x s^2, d/ds = 2 s x^2
    assertArrayEquals(new double[] {2 * 1.5 * 4, 2 * 2 * 2.25}, r.gradient());
    GradientCheck.of(p -> GuardFnsGradients.scaledChecked(p[0], p[1])).assertAt(-0.7, 1.3);
    ArithmeticException e =
        assertThrows(ArithmeticException.class, () -> GuardFnsGradients.scaledChecked(1e200, 1e200));
    assertEquals("overflow: Infinity", e.getMessage());
  }
}
