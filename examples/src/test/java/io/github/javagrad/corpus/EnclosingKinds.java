package io.github.javagrad.corpus;

import io.github.javagrad.Differentiable;

/**
 * Calls between differentiable methods in every kind of type that can hold a static method (a
 * generic class, an interface, an enum, a record, each in its own file) and a static nested class.
 */
final class EnclosingKinds {
  private EnclosingKinds() {}

  /** A static nested class: its companion is EnclosingKinds_NestedGradients. */
  static final class Nested {
    private Nested() {}

    /** x^2 + 2x^3 through the generic holder and the interface. */
    @Differentiable
    static double f(double x) {
      return GenericHolder.f(x) + 2 * InterfaceHolder.f(x);
    }
  }

  /** Calls into the nested class, the enum and the record: 2(x^2 + 2x^3) + 2x + 5x. */
  @Differentiable
  static double callsAllKinds(double x) {
    return Nested.f(x) * 2 + EnumHolder.f(x) + RecordHolder.f(x);
  }
}
