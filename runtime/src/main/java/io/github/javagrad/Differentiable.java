package io.github.javagrad;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static method whose reverse-mode gradient javagrad generates at compile time.
 *
 * <p>For a method {@code m} in class {@code p.C}, the javagrad annotation processor writes
 * {@code p.CGradients} with a value-and-gradient method {@code m(...)} returning a record that
 * holds the value and one partial derivative per differentiable parameter, and a pullback
 * {@code mPullback(..., seed)} that scales the partials by an upstream adjoint.
 *
 * <p>Parameters of type {@code double} are differentiable; {@code int}, {@code long} and
 * {@code boolean} parameters never are. Anything the processor cannot differentiate exactly is a
 * compile error at its source position, never silently wrong code.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Differentiable {
  /**
   * Names of the parameters to differentiate with respect to. Empty (the default) means every
   * {@code double} parameter. Naming a parameter that does not exist, or one that is not a
   * {@code double}, is a compile error.
   */
  String[] wrt() default {};
}
