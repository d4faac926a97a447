package io.github.javagrad.examples;

import io.github.javagrad.Differentiable;
import io.github.javagrad.GradientCheck;

/**
 * Backpropagation through {@code f(x1, x2) = (2 x1 + 3 x2)^2 + 3} at {@code (1, 3)}, step by
 * step.
 *
 * <p>Reproduces seed 003 (FAU lecture notes "Feedforward Networks, Part 3"). The lecture first
 * approximates {@code df/dx1} with the symmetric quotient {@code (f(x1 + h/2) - f(x1 - h/2)) / h},
 * {@code h = 0.02}: {@code (124.4404 - 123.5604) / 0.02}, about {@code 43.9999}. It then runs
 * backpropagation by hand: the forward pass {@code a = 2 x1 = 2}, {@code b = 3 x2 = 9}, {@code c
 * = a + b = 11}, {@code e = c^2 = 121}, {@code g = e + 3 = 124}, and the backward pass multiplies
 * the local partials {@code dg/de = 1}, {@code de/dc = 2c = 22}, {@code dc/da = 1}, {@code da/dx1
 * = 2} into {@code df/dx1 = 44}.
 *
 * <p>Here javagrad computes everything: the generated {@code LectureExampleGradients.f} gives the
 * value {@code 124} and the gradient {@code (44, 66)} in one call. To show the individual steps,
 * each node of the lecture's graph is also a one-line {@code @Differentiable} method; the forward
 * pass calls them, and the backward pass feeds each node's adjoint into that node's generated
 * pullback, from {@code g} back to {@code x1}, exactly as the lecture's slide does.
 */
public final class LectureExample {
  private LectureExample() {}

  /** The lecture's function, written with its intermediates. */
  @Differentiable
  static double f(double x1, double x2) {
    double a = 2 * x1;
    double b = 3 * x2;
    double c = a + b;
    double e = Math.pow(c, 2);
    double g = e + 3;
    return g;
  }

  // The graph's nodes, one method each, so that javagrad gives each node's local partials.

  /** Node {@code a = 2 x1}. */
  @Differentiable
  static double twice(double x1) {
    return 2 * x1;
  }

  /** Node {@code b = 3 x2}. */
  @Differentiable
  static double thrice(double x2) {
    return 3 * x2;
  }

  /** Node {@code c = a + b}. */
  @Differentiable
  static double sum(double a, double b) {
    return a + b;
  }

  /** Node {@code e = c^2}. */
  @Differentiable
  static double square(double c) {
    return Math.pow(c, 2);
  }

  /** Node {@code g = e + 3}. */
  @Differentiable
  static double plusThree(double e) {
    return e + 3;
  }

  /** The lecture's half-step: its {@code h = 0.02} is split into {@code x1 +- h/2}. */
  static final double HALF_STEP = 0.01;

  /**
   * The lecture's forward pass values.
   *
   * @param a {@code 2 x1}
   * @param b {@code 3 x2}
   * @param c {@code a + b}
   * @param e {@code c^2}
   * @param g {@code e + 3}, the value of {@code f}
   */
  record ForwardPass(double a, double b, double c, double e, double g) {}

  /**
   * The lecture's backward pass: the local partials on the path from {@code g} to {@code x1}, and
   * the adjoint of {@code x1} they multiply into.
   *
   * @param dgde {@code dg/de}
   * @param dedc {@code de/dc}
   * @param dcda {@code dc/da}
   * @param dadx1 {@code da/dx1}
   * @param dgdx1 the adjoint of {@code x1}, {@code dg/dx1}
   */
  record BackwardPass(double dgde, double dedc, double dcda, double dadx1, double dgdx1) {}

  /**
   * The lecture's symmetric difference quotient for {@code df/dx1}.
   *
   * @param fPlus {@code f(x1 + h/2, x2)}
   * @param fMinus {@code f(x1 - h/2, x2)}
   * @param quotient {@code (fPlus - fMinus) / h}
   */
  record Symmetric(double fPlus, double fMinus, double quotient) {}

  /** The forward pass at {@code (x1, x2)}, node by node. */
  static ForwardPass forward(double x1, double x2) {
    double a = twice(x1);
    double b = thrice(x2);
    double c = sum(a, b);
    double e = square(c);
    return new ForwardPass(a, b, c, e, plusThree(e));
  }

  /**
   * The backward pass from {@code g} to {@code x1}: each node's pullback takes the adjoint of
   * the node's output and returns the adjoints of its inputs. A pullback seeded with 1 gives the
   * node's local partials.
   */
  static BackwardPass backward(ForwardPass p, double x1) {
    double gBar = 1;
    double eBar = LectureExampleGradients.plusThreePullback(p.e(), gBar).dE();
    double cBar = LectureExampleGradients.squarePullback(p.c(), eBar).dC();
    double aBar = LectureExampleGradients.sumPullback(p.a(), p.b(), cBar).dA();
    double x1Bar = LectureExampleGradients.twicePullback(x1, aBar).dX1();
    return new BackwardPass(
        LectureExampleGradients.plusThree(p.e()).dE(),
        LectureExampleGradients.square(p.c()).dC(),
        LectureExampleGradients.sum(p.a(), p.b()).dA(),
        LectureExampleGradients.twice(x1).dX1(),
        x1Bar);
  }

  /** The lecture's symmetric quotient for {@code df/dx1} at {@code (x1, x2)}. */
  static Symmetric symmetric(double x1, double x2) {
    // Central differences with step h/2 are (f(x1 + h/2) - f(x1 - h/2)) / (2 * h/2): the lecture's.
    double quotient =
        GradientCheck.of(p -> LectureExampleGradients.f(p[0], p[1]))
            .step(HALF_STEP)
            .numericGradient(x1, x2)[0];
    return new Symmetric(f(x1 + HALF_STEP, x2), f(x1 - HALF_STEP, x2), quotient);
  }

  public static void main(String[] args) {
    System.out.println("== Lecture: f(x1, x2) = (2 x1 + 3 x2)^2 + 3 at (1, 3), seed 003");
    Symmetric s = symmetric(1, 3);
    System.out.printf(
        "symmetric quotient, h = 0.02:  (f(1.01, 3) - f(0.99, 3)) / 0.02%n"
            + "                             = (%.4f - %.4f) / 0.02 = %s%n",
        s.fPlus(), s.fMinus(), s.quotient());
    ForwardPass p = forward(1, 3);
    System.out.println("forward pass:");
    System.out.printf(
        "  a = 2 x1 = %s   b = 3 x2 = %s   c = a + b = %s   e = c^2 = %s   g = e + 3 = %s%n",
        p.a(), p.b(), p.c(), p.e(), p.g());
    BackwardPass b = backward(p, 1);
    System.out.println("backward pass, each local partial from its node's generated pullback:");
    System.out.printf(
        "  dg/de = %s   de/dc = %s   dc/da = %s   da/dx1 = %s   so dg/dx1 = %s%n",
        b.dgde(), b.dedc(), b.dcda(), b.dadx1(), b.dgdx1());
    LectureExampleGradients.F g = LectureExampleGradients.f(1, 3);
    System.out.printf(
        "javagrad's generated f in one call: f = %s, df/dx1 = %s, df/dx2 = %s%n",
        g.value(), g.dX1(), g.dX2());
  }
}
