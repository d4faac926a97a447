package io.github.javagrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.javagrad.processor.Compilations.classLoaderOf;
import static io.github.javagrad.processor.Compilations.compile;
import static io.github.javagrad.processor.Compilations.contentOf;
import static io.github.javagrad.processor.Compilations.invokeStatic;
import static io.github.javagrad.processor.Compilations.lineOf;
import static io.github.javagrad.processor.Compilations.methodOf;
import static io.github.javagrad.processor.Compilations.source;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.github.javagrad.GradientCheck;
import io.github.javagrad.ValueAndGradient;
import io.github.javagrad.tape.DoubleTape;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code throw} in a method returning a value: on paths that throw, the gradient throws the very
 * exception the method throws (it calls the method again with its arguments at entry), and runs
 * no reverse sweep; on the other paths it is the gradient of the method.
 */
class ThrowTest {
  private static final JavaFileObject CHECKS = source("t.Checks", """
      package t;

      import io.github.javagrad.Differentiable;

      final class Checks {
        private Checks() {}

        @Differentiable
        static double guarded(double x, double y) throws IllegalArgumentException {
          if (x < 0) {
            throw new IllegalArgumentException("x must not be negative: " + x);
          }
          return Math.sqrt(x) * y;
        }

        /** The message reads the reassigned x: the replay must start from the value at entry. */
        @Differentiable
        static double reassigned(double x) {
          x = x * 2;
          if (x > 10) {
            throw new ArithmeticException("too big: " + x);
          }
          x = x + 1;
          return x * x;
        }

        @Differentiable
        static double inLoop(double[] w, double x) {
          double s = 0;
          for (int i = 0; i < w.length; i++) {
            s += w[i] * x;
            if (s > 100) {
              throw new IllegalStateException("diverged at " + i);
            }
            s = Math.tanh(s);
          }
          return s;
        }

        @Differentiable
        static double halving(double x) {
          int n = 0;
          while (x > 1) {
            x = x / 2;
            if (n++ > 50) {
              throw new IllegalStateException("no convergence after " + n);
            }
          }
          return x * x;
        }

        @Differentiable
        static double caller(double x) {
          return guarded(x, 2) + x;
        }

        @Differentiable
        static double[] scaled(double[] a) {
          if (a.length == 0) {
            throw new IllegalArgumentException("empty");
          }
          double[] r = new double[a.length];
          for (int i = 0; i < a.length; i++) {
            r[i] = a[i] * a[0];
          }
          return r;
        }

        @Differentiable
        static double inverse(double k) {
          if (k == 0) {
            throw new IllegalArgumentException("zero scale");
          }
          return 1 / k;
        }

        /** An inactive call that may throw mid-loop: the loop must not be fused with its reverse. */
        @Differentiable(wrt = "w")
        static double weighted(double[] w, double k) {
          double s = 0;
          for (int i = 0; i < w.length; i++) {
            s += w[i] * w[i] + inverse(k + i - 2);
          }
          return s;
        }

        @Differentiable
        static double unsupported(double x) {
          throw new UnsupportedOperationException("not yet");
        }
      }
      """);

  private static Compilation compilation;
  private static ClassLoader loader;

  @BeforeAll
  static void compileChecks() {
    compilation = compile(CHECKS);
    assertThat(compilation).succeededWithoutWarnings();
    loader = classLoaderOf(compilation);
  }

  private static Method gradient(String name) throws Exception {
    return methodOf(loader, "t.ChecksGradients", name);
  }

  private static Method original(String name) throws Exception {
    return methodOf(loader, "t.Checks", name);
  }

  /** What calling {@code m} throws (the test fails if it returns). */
  private static Throwable thrownBy(Method m, Object... args) {
    try {
      m.invoke(null, args);
    } catch (InvocationTargetException e) {
      return e.getCause();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError(m + " returned instead of throwing");
  }

  private static void assertSameException(Throwable expected, Throwable actual) {
    assertEquals(expected.getClass(), actual.getClass(), actual.toString());
    assertEquals(expected.getMessage(), actual.getMessage());
  }

  private static GradientCheck checkOf(Method m) {
    return GradientCheck.of(p -> (ValueAndGradient) invokeStatic(m, p[0]));
  }

  @Test
  void aGuardClauseThrowsTheMethodsOwnExceptionAndOtherwiseDifferentiates() throws Exception {
    Method g = gradient("guarded");
    ValueAndGradient r = (ValueAndGradient) invokeStatic(g, 4.0, 3.0);
    assertEquals(6.0, r.value());
    assertArrayEquals(new double[] {3 / (2 * 2.0), 2.0}, r.gradient()); // y / (2 sqrt x), sqrt x
    GradientCheck.of(p -> (ValueAndGradient) invokeStatic(g, p[0], p[1])).assertAt(4.0, 3.0);
    Throwable e = thrownBy(g, -1.0, 3.0);
    assertSameException(thrownBy(original("guarded"), -1.0, 3.0), e);
    assertEquals("x must not be negative: -1.0", e.getMessage());
  }

  @Test
  void theReplayStartsFromTheArgumentsAtEntry() throws Exception {
    Method g = gradient("reassigned");
    ValueAndGradient r = (ValueAndGradient) invokeStatic(g, 2.0);
    assertEquals(25.0, r.value()); // (2x + 1)^2
    assertArrayEquals(new double[] {4 * (2 * 2.0 + 1)}, r.gradient());
    checkOf(g).assertAt(2.0);
    Throwable e = thrownBy(g, 6.0);
    assertEquals("too big: 12.0", e.getMessage());
    assertSameException(thrownBy(original("reassigned"), 6.0), e);
    String generated = contentOf(compilation.generatedSourceFile("t.ChecksGradients").orElseThrow());
    assertTrue(generated.contains("double xAtEntry = x;"), generated);
    assertTrue(generated.contains("throw Adjoints.replayed(Checks.reassigned(xAtEntry));"), generated);
  }

  @Test
  void aThrowInsideALoopLeavesTheThreadsTapeAsItWas() throws Exception {
    Method g = gradient("inLoop");
    double[] w = {0.5, -0.25, 0.75};
    double x = 0.8;
    ValueAndGradient r = (ValueAndGradient) invokeStatic(g, w, x);
    // s_k = tanh(s_{k-1} + w_k x): forward-mode by hand for d/dx and d/dw_k
    double s = 0;
    double ds = 0;
    double[] dsdw = new double[3];
    for (int k = 0; k < 3; k++) {
      double t = Math.tanh(s + w[k] * x);
      double d = 1 - t * t;
      ds = d * (ds + w[k]);
      for (int j = 0; j < 3; j++) {
        dsdw[j] = d * (dsdw[j] + (j == k ? x : 0));
      }
      s = t;
    }
    assertEquals(s, r.value(), 1e-15);
    double[] grad = r.gradient();
    assertEquals(dsdw[0], grad[0], 1e-14);
    assertEquals(dsdw[1], grad[1], 1e-14);
    assertEquals(dsdw[2], grad[2], 1e-14);
    assertEquals(ds, grad[3], 1e-14);
    int before = DoubleTape.forThisThread().size();
    Throwable e = thrownBy(g, new double[] {1, 200, 1}, 1.0);
    assertSameException(new IllegalStateException("diverged at 1"), e);
    assertEquals(before, DoubleTape.forThisThread().size(), "the tape was not truncated");
  }

  @Test
  void aThrowInAnUncountedLoop() throws Exception {
    Method g = gradient("halving");
    ValueAndGradient r = (ValueAndGradient) invokeStatic(g, 5.0);
    assertEquals(0.390625, r.value()); // (5 / 8)^2
    assertArrayEquals(new double[] {2 * 5.0 / 64}, r.gradient());
    checkOf(g).assertAt(5.0);
    Throwable e = thrownBy(g, 1e30);
    assertSameException(thrownBy(original("halving"), 1e30), e);
  }

  @Test
  void aCalleesExceptionComesThroughTheCaller() throws Exception {
    Method g = gradient("caller");
    ValueAndGradient r = (ValueAndGradient) invokeStatic(g, 4.0);
    assertEquals(8.0, r.value());
    assertArrayEquals(new double[] {2 / (2 * 2.0) + 1}, r.gradient());
    checkOf(g).assertAt(4.0);
    assertSameException(thrownBy(original("caller"), -2.0), thrownBy(g, -2.0));
  }

  @Test
  void aMethodReturningAnArrayThrowsBeforeTouchingTheAdjoints() throws Exception {
    Method pullback = gradient("scaledPullback");
    double[] dA = {};
    Throwable e = thrownBy(pullback, new double[0], new double[0], dA);
    assertSameException(new IllegalArgumentException("empty"), e);
    double[] a = {2, 3};
    double[] dA2 = new double[2];
    double[] r = (double[]) invokeStatic(pullback, a, new double[] {1, 1}, dA2);
    assertArrayEquals(new double[] {4, 6}, r);
    // r0 = a0^2, r1 = a1 a0: dA0 = 2 a0 + a1, dA1 = a0
    assertArrayEquals(new double[] {2 * 2 + 3, 2}, dA2);
  }

  @Test
  void anExceptionFromACalleeMidLoopLeavesTheCallersAdjointsUntouched() throws Exception {
    Method pullback = gradient("weightedPullback");
    double[] w = {1, 2, 3};
    double[] dW = {5, 5, 5};
    double value = (double) invokeStatic(pullback, w, 4.0, 1.0, dW);
    assertEquals(1 + 4 + 9 + 1 / 2.0 + 1 / 3.0 + 1 / 4.0, value, 1e-14);
    assertArrayEquals(new double[] {5 + 2, 5 + 4, 5 + 6}, dW); // 2 w_i
    double[] untouched = {5, 5, 5};
    Throwable e = thrownBy(pullback, w, 1.0, 1.0, untouched); // k + i - 2 == 0 at i = 1
    assertSameException(new IllegalArgumentException("zero scale"), e);
    assertArrayEquals(new double[] {5, 5, 5}, untouched, "adjoints accumulated before the throw");
    Method g = gradient("weighted");
    GradientCheck.of(p -> (ValueAndGradient) invokeStatic(g, new double[] {p[0], p[1], p[2]}, 4.0))
        .assertAt(1, 2, 3);
  }

  @Test
  void aMethodThatAlwaysThrowsGetsAGradientThatAlwaysThrows() throws Exception {
    assertSameException(new UnsupportedOperationException("not yet"), thrownBy(gradient("unsupported"), 1.0));
  }

  @Test
  void throwInAVoidMethodIsJG201() {
    JavaFileObject file = source("t.Out", """
        package t;

        import io.github.javagrad.Differentiable;

        final class Out {
          private Out() {}

          @Differentiable
          static void square(double[] a, double[] out) {
            out[0] = a[0] * a[0];
            if (a[0] < 0) {
              throw new IllegalArgumentException("negative");
            }
          }
        }
        """);
    Compilation c = compile(file);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining("[javagrad:JG201] Throw in a method returning void is not supported")
        .inFile(file)
        .onLine(lineOf(file, "throw new"));
  }

  @Test
  void aLoopLeftOnlyByThrowIsJG201() {
    JavaFileObject file = source("t.Forever", """
        package t;

        import io.github.javagrad.Differentiable;

        final class Forever {
          private Forever() {}

          @Differentiable
          static double f(double x) {
            while (true) {
              x = x * 0.5;
              if (x < 1e-3) {
                throw new IllegalStateException("small");
              }
            }
          }
        }
        """);
    Compilation c = compile(file);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining("[javagrad:JG201] A loop that is left only by throw (or never)")
        .inFile(file)
        .onLine(lineOf(file, "while (true)"));
  }
}
