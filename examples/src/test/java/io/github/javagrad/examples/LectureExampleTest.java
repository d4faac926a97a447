package io.github.javagrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.javagrad.GradientCheck;
import io.github.javagrad.ValueAndGradient;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;

class LectureExampleTest {

  @Test
  void symmetricDifferenceIsTheLecturesQuotient() {
    LectureExample.Symmetric s = LectureExample.symmetric(1, 3);
    assertEquals(124.4404, s.fPlus(), 0.0);
    assertEquals(123.5604, s.fMinus(), 1e-12);
    assertEquals("124.4404", String.format("%.4f", s.fPlus()));
    assertEquals("123.5604", String.format("%.4f", s.fMinus()));
    assertEquals((s.fPlus() - s.fMinus()) / 0.02, s.quotient(), 0.0);
    assertEquals(43.9999, s.quotient(), 1e-4);
    assertEquals(44, s.quotient(), 1e-9);
  }

  @Test
  void forwardPassHasTheLecturesIntermediates() {
    assertEquals(new LectureExample.ForwardPass(2, 9, 11, 121, 124), LectureExample.forward(1, 3));
  }

  @Test
  void backwardPassHasTheLecturesLocalPartials() {
    LectureExample.BackwardPass b = LectureExample.backward(LectureExample.forward(1, 3), 1);
    assertEquals(new LectureExample.BackwardPass(1, 22, 1, 2, 44), b);
    assertEquals(b.dgde() * b.dedc() * b.dcda() * b.dadx1(), b.dgdx1(), 0.0);
  }

  @Test
  void generatedGradientIsTheLecturesAnswer() {
    LectureExampleGradients.F f = LectureExampleGradients.f(1, 3);
    assertEquals(124, f.value(), 0.0);
    assertEquals(44, f.dX1(), 0.0);
    assertEquals(66, f.dX2(), 0.0);
    // 2 (2 x1 + 3 x2) (2, 3) anywhere else.
    LectureExampleGradients.F g = LectureExampleGradients.f(-0.5, 2);
    assertEquals(2 * 5 * 2, g.dX1(), 0.0);
    assertEquals(2 * 5 * 3, g.dX2(), 0.0);
  }

  @Test
  void generatedGradientPassesGradientCheck() {
    GradientCheck check =
        GradientCheck.of(p -> LectureExampleGradients.f(p[0], p[1])).parameterNames("x1", "x2");
    check.assertAt(1, 3);
    check.assertAtRandomPoints(100, -5, 5, 3L);
  }

  @Test
  void everyNodeGradientPassesGradientCheck() {
    checkUnary("x1", x -> LectureExampleGradients.twice(x));
    checkUnary("x2", x -> LectureExampleGradients.thrice(x));
    checkUnary("c", x -> LectureExampleGradients.square(x));
    checkUnary("e", x -> LectureExampleGradients.plusThree(x));
    GradientCheck sum =
        GradientCheck.of(p -> LectureExampleGradients.sum(p[0], p[1])).parameterNames("a", "b");
    sum.assertAt(2, 9);
    sum.assertAtRandomPoints(50, -100, 100, 4L);
  }

  private static void checkUnary(
      String name, DoubleFunction<? extends ValueAndGradient> node) {
    GradientCheck check = GradientCheck.of(p -> node.apply(p[0])).parameterNames(name);
    check.assertAt(11);
    check.assertAtRandomPoints(50, -100, 100, 5L);
  }
}
