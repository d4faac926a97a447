package io.github.javagrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.javagrad.processor.Compilations.classLoaderOf;
import static io.github.javagrad.processor.Compilations.compile;
import static io.github.javagrad.processor.Compilations.contentOf;
import static io.github.javagrad.processor.Compilations.invokeStatic;
import static io.github.javagrad.processor.Compilations.lineOf;
import static io.github.javagrad.processor.Compilations.methodOf;
import static io.github.javagrad.processor.Compilations.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.github.javagrad.GradientCheck;
import io.github.javagrad.ValueAndGradient;
import java.lang.reflect.Method;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code FastMath} of Commons Math 3 (and Hipparchus, same names) is a drop-in for {@code Math}:
 * its functions get Math's derivative rules, and the forward sweep keeps calling FastMath.
 */
class FastMathTest {

  private static final JavaFileObject MODEL = source("p.Model", """
      package p;

      import io.github.javagrad.Differentiable;
      import org.apache.commons.math3.util.FastMath;

      final class Model {
        private Model() {}

        @Differentiable
        static double f(double x, double y) {
          return FastMath.exp(0.5 * x) * FastMath.sin(y) + FastMath.pow(x, y) + FastMath.max(x, y);
        }
      }
      """);

  @Test
  void fastMathFunctionsDifferentiateLikeMath() throws Exception {
    Compilation c = compile(MODEL);
    assertThat(c).succeededWithoutWarnings();
    String generated = contentOf(c.generatedSourceFile("p.ModelGradients").orElseThrow());
    assertTrue(generated.contains("FastMath.exp("), generated);
    Method f = methodOf(classLoaderOf(c), "p.ModelGradients", "f");
    double x = 1.3;
    double y = 0.4;
    ValueAndGradient r = (ValueAndGradient) invokeStatic(f, x, y);
    // d/dx: 0.5 e^(x/2) sin y + y x^(y-1) + [x > y]; d/dy: e^(x/2) cos y + x^y ln x + [y > x]
    double dx = 0.5 * Math.exp(0.5 * x) * Math.sin(y) + y * Math.pow(x, y - 1) + 1;
    double dy = Math.exp(0.5 * x) * Math.cos(y) + Math.pow(x, y) * Math.log(x);
    assertEquals(dx, r.gradient()[0], 1e-14 * Math.abs(dx));
    assertEquals(dy, r.gradient()[1], 1e-14 * Math.abs(dy));
    GradientCheck.of(p -> (ValueAndGradient) invokeStatic(f, p[0], p[1])).assertAt(0.7, 1.9);
  }

  /**
   * A call javac accepts but whose argument types javagrad does not model ({@code Object}) is a
   * call of a method that is not {@code @Differentiable} (JG308), not a wrong argument count.
   */
  @Test
  void aCallWithAnObjectParameterIsReportedAsNotDifferentiable() {
    JavaFileObject file = source("p.Checks", """
        package p;

        import io.github.javagrad.Differentiable;

        final class Checks {
          private Checks() {}

          static void checkNotNull(Object o) {}

          @Differentiable
          static double norm(double[] x) {
            checkNotNull(x);
            return x[0] * x[0];
          }
        }
        """);
    Compilation c = compile(file);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining("[javagrad:JG308] calls Checks.checkNotNull(java.lang.Object), which is not @Differentiable")
        .inFile(file)
        .onLine(lineOf(file, "checkNotNull(x);"));
  }
}
