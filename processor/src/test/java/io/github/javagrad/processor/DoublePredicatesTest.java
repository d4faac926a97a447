package io.github.javagrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.javagrad.processor.Compilations.classLoaderOf;
import static io.github.javagrad.processor.Compilations.compile;
import static io.github.javagrad.processor.Compilations.invokeStatic;
import static io.github.javagrad.processor.Compilations.methodOf;
import static io.github.javagrad.processor.Compilations.source;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import io.github.javagrad.GradientCheck;
import io.github.javagrad.ValueAndGradient;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/** {@code Double.isNaN}, {@code isInfinite} and {@code isFinite} decide branches; no derivative. */
class DoublePredicatesTest {

  @Test
  void predicatesDecideBranchesLikeInTheOriginal() throws Exception {
    Compilation c = compile(source("p.Safe", """
        package p;

        import io.github.javagrad.Differentiable;

        final class Safe {
          private Safe() {}

          @Differentiable
          static double safeLog(double x) {
            if (Double.isNaN(x) || Double.isInfinite(x)) {
              return x;
            }
            boolean finite = Double.isFinite(x * x);
            return finite ? Math.log(x * x + 1) : 0;
          }
        }
        """));
    assertThat(c).succeededWithoutWarnings();
    Method f = methodOf(classLoaderOf(c), "p.SafeGradients", "safeLog");
    ValueAndGradient r = (ValueAndGradient) invokeStatic(f, 2.0);
    assertEquals(Math.log(5), r.value());
    assertArrayEquals(new double[] {2 * 2.0 / 5}, r.gradient()); // 2x / (x^2 + 1)
    GradientCheck.of(p -> (ValueAndGradient) invokeStatic(f, p[0])).assertAt(-0.6);
    // the identity branch: derivative 1, NaN and infinity pass through
    ValueAndGradient nan = (ValueAndGradient) invokeStatic(f, Double.NaN);
    assertEquals(Double.NaN, nan.value());
    assertArrayEquals(new double[] {1.0}, nan.gradient());
    ValueAndGradient inf = (ValueAndGradient) invokeStatic(f, Double.POSITIVE_INFINITY);
    assertArrayEquals(new double[] {1.0}, inf.gradient());
    // x * x overflows: the isFinite branch gives the constant 0
    ValueAndGradient big = (ValueAndGradient) invokeStatic(f, 1e200);
    assertEquals(0.0, big.value());
    assertArrayEquals(new double[] {0.0}, big.gradient());
  }
}
