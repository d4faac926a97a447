package io.github.javagrad.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.javagrad.processor.Compilations.assertNoProcessorCrash;
import static io.github.javagrad.processor.Compilations.classC;
import static io.github.javagrad.processor.Compilations.columnOf;
import static io.github.javagrad.processor.Compilations.compile;
import static io.github.javagrad.processor.Compilations.contentOf;
import static io.github.javagrad.processor.Compilations.javagrad;
import static io.github.javagrad.processor.Compilations.lineOf;
import static io.github.javagrad.processor.Compilations.source;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.testing.compile.Compilation;
import io.github.javagrad.GradientCheck;
import io.github.javagrad.ValueAndGradient;
import io.github.javagrad.processor.Compilations.DiskCompilation;
import io.github.javagrad.processor.diagnostics.Diagnostic;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.util.Elements;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The processor never throws out of {@code process()}, whatever the input; generated code is
 * warning-free, deterministic, and immune to user names that match generated ones.
 */
class RobustnessTest {

  // ------------------------------------------------------------------ broken input

  @Test
  void javacErrorInADifferentiableMethodIsLeftToJavac() {
    JavaFileObject file =
        classC(
            """
            @Differentiable
            static double f(double x) {
              double y = x;
              double y = 2 * x;
              return y;
            }""");
    Compilation compilation = compile(file);
    assertNoProcessorCrash(compilation);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("variable y is already defined")
        .inFile(file)
        .onLine(lineOf(file, "double y = 2"));
  }

  @Test
  void javacTypeErrorOutsideDifferentiableMethodsIsLeftToJavac() {
    JavaFileObject file =
        classC(
            """
            @Differentiable
            static double f(double x) {
              return x * x;
            }

            static int label() {
              return "one";
            }""");
    Compilation compilation = compile(file);
    assertNoProcessorCrash(compilation);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("incompatible types")
        .inFile(file)
        .onLine(lineOf(file, "return \"one\""));
  }

  @Test
  @Triggers({Diagnostic.UNSUPPORTED_PARAMETER_TYPE, Diagnostic.UNSUPPORTED_RETURN_TYPE})
  void unresolvableTypesInTheSignatureAreReportedWithoutCrashing() {
    JavaFileObject file =
        classC(
            """
            @Differentiable
            static double f(double x, Missing m) {
              return x;
            }

            @Differentiable
            static AlsoMissing g(double x) {
              return x;
            }""");
    Compilation compilation = compile(file);
    assertNoProcessorCrash(compilation);
    assertThat(compilation)
        .hadErrorContaining("[javagrad:JG104] parameter m has type Missing")
        .inFile(file)
        .onLine(lineOf(file, "double f("));
    assertThat(compilation)
        .hadErrorContaining("[javagrad:JG103] @Differentiable method C.g(double) returns AlsoMissing")
        .inFile(file)
        .onLine(lineOf(file, "AlsoMissing g("));
    assertThat(compilation).hadErrorContaining("cannot find symbol");
  }

  @Test
  void unresolvableSymbolsInTheBodyAreReportedWithoutCrashing() {
    JavaFileObject file =
        classC(
            """
            @Differentiable
            static double f(double x) {
              Missing q = x;
              return x + Nowhere.K + Elsewhere.g(x) + unknown(x) + alsoUnknown;
            }""");
    Compilation compilation = compile(file);
    assertNoProcessorCrash(compilation);
    assertThat(compilation).hadErrorCount(5);
    assertThat(compilation).hadErrorContaining("[javagrad:JG202] local variable q has type Missing");
    assertThat(compilation).hadErrorContaining("[javagrad:JG304] cannot resolve Nowhere.K");
    assertThat(compilation).hadErrorContaining("[javagrad:JG304] cannot resolve Elsewhere");
    assertThat(compilation).hadErrorContaining("[javagrad:JG307] calls unknown,");
    assertThat(compilation).hadErrorContaining("[javagrad:JG304] cannot resolve alsoUnknown");
  }

  @Test
  void callerOfAMethodWithErrorsGetsNoFollowOnErrors() {
    JavaFileObject file =
        classC(
            """
            @Differentiable
            static double caller(double x) {
              return 2 * callee(x);
            }

            @Differentiable
            static double callee(double x) {
              assert x > 1;
              return x;
            }""");
    Compilation compilation = compile(file);
    assertNoProcessorCrash(compilation);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[javagrad:JG201] Assert")
        .inFile(file)
        .onLine(lineOf(file, "assert x > 1"));
  }

  @Test
  void callerInAnotherClassOfAMethodWithErrorsGetsNoFollowOnErrors() {
    JavaFileObject caller =
        source(
            "p.Caller",
            """
            package p;

            import io.github.javagrad.Differentiable;

            class Caller {
              @Differentiable
              static double f(double x) {
                return Callee.g(x) * x;
              }
            }
            """);
    JavaFileObject callee =
        source(
            "p.Callee",
            """
            package p;

            import io.github.javagrad.Differentiable;

            class Callee {
              @Differentiable
              static double g(double x) {
                return x % 1.0;
              }
            }
            """);
    Compilation compilation = compile(caller, callee);
    assertNoProcessorCrash(compilation);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[javagrad:JG302]").inFile(callee);
  }

  // ------------------------------------------------------------------ internal failures

  /** A Gradle-style environment whose element utilities fail on one call, as a bug would. */
  private static ProcessingEnvironment withFailingGetAllMembers(ProcessingEnvironment env) {
    Elements real = env.getElementUtils();
    Elements failing =
        Environments.proxy(
            Elements.class,
            (proxy, method, args) -> {
              if (method.getName().equals("getAllMembers")) {
                throw new IllegalStateException("injected failure");
              }
              return Environments.forward(real, method, args);
            });
    return new Environments.GradleStyle(env) {
      @Override
      public Elements getElementUtils() {
        return failing;
      }
    };
  }

  @Test
  @Triggers(Diagnostic.INTERNAL_ERROR)
  void internalFailureInOneMethodBecomesJG999AtThatMethod() {
    // Reading Math.sin resolves the name Math through the element utilities, which fail here;
    // x * x needs no name resolution.
    JavaFileObject file =
        classC(
            """
            @Differentiable
            static double square(double x) {
              return x * x;
            }

            @Differentiable
            static double sine(double x) {
              return Math.sin(x);
            }""");
    Compilation compilation =
        javagrad(new WrappingProcessor(RobustnessTest::withFailingGetAllMembers)).compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[javagrad:JG999] internal error in javagrad while differentiating C.sine(double):"
                + " IllegalStateException: injected failure at ")
        .inFile(file)
        .onLine(lineOf(file, "double sine("))
        .atColumn(columnOf(file, "double sine(", "sine"));
    assertThat(compilation)
        .hadErrorContaining(
            "hint: this is a javagrad bug; please report it with the method's source. Methods"
                + " without errors are still generated where possible");
  }

  @Test
  void internalFailureInOneMethodStillGeneratesTheOthers(@TempDir Path dir) throws IOException {
    JavaFileObject file =
        classC(
            """
            @Differentiable
            static double square(double x) {
              return x * x;
            }

            @Differentiable
            static double sine(double x) {
              return Math.sin(x);
            }""");
    DiskCompilation compilation =
        Compilations.compileToDisk(
            dir, new WrappingProcessor(RobustnessTest::withFailingGetAllMembers), file);
    assertThat(compilation.success()).isFalse();
    String generated = Files.readString(compilation.generatedSource("p.CGradients"), UTF_8);
    assertThat(generated).contains("public static Square square(double x)");
    assertThat(generated).doesNotContain("sine");
  }

  @Test
  @Triggers(Diagnostic.INTERNAL_ERROR)
  void failureToWriteTheCompanionBecomesJG999AtTheClass() {
    JavaFileObject file = classC("@Differentiable\nstatic double f(double x) {\n  return x * x;\n}");
    Compilation compilation =
        javagrad(
                new WrappingProcessor(
                    env -> {
                      Filer real = env.getFiler();
                      Filer full =
                          Environments.proxy(
                              Filer.class,
                              (proxy, method, args) -> {
                                if (method.getName().equals("createSourceFile")) {
                                  throw new IOException("disk full");
                                }
                                return Environments.forward(real, method, args);
                              });
                      return new Environments.GradleStyle(env) {
                        @Override
                        public Filer getFiler() {
                          return full;
                        }
                      };
                    }))
            .compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[javagrad:JG999] internal error in javagrad while differentiating p.C: could not write"
                + " p.CGradients: IOException: disk full")
        .inFile(file)
        .onLine(lineOf(file, "class C"));
  }

  @Test
  @Triggers(Diagnostic.INTERNAL_ERROR)
  void failureOutsideAnyMethodBecomesJG999ForTheRound() {
    // Only the first round fails: javac runs another round after it, which must work as usual.
    JavaFileObject file = classC("@Differentiable\nstatic double f(double x) {\n  return x * x;\n}");
    AtomicBoolean failed = new AtomicBoolean();
    Compilation compilation =
        javagrad(
                new WrappingProcessor(
                    env -> env,
                    round ->
                        Environments.proxy(
                            RoundEnvironment.class,
                            (proxy, method, args) -> {
                              if (method.getName().equals("getElementsAnnotatedWith")
                                  && !failed.getAndSet(true)) {
                                throw new IllegalStateException("injected round failure");
                              }
                              return Environments.forward(round, method, args);
                            })))
            .compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[javagrad:JG999] internal error in javagrad while differentiating this round:"
                + " IllegalStateException: injected round failure");
  }

  @Test
  void internalErrorNamesTheFailureButPrintsNoStackTrace() {
    JavaFileObject file = classC("@Differentiable\nstatic double f(double x) {\n  return Math.abs(x);\n}");
    Compilation compilation =
        javagrad(new WrappingProcessor(RobustnessTest::withFailingGetAllMembers)).compile(file);
    String message = compilation.errors().get(0).getMessage(Locale.ROOT);
    assertThat(message).contains("[javagrad:JG999]");
    // One frame names where it failed; a stack trace would be one "at" line per frame.
    assertThat(message.lines().filter(l -> l.strip().startsWith("at ")).count()).isEqualTo(0);
    assertThat(message.lines().count()).isEqualTo(2);
  }

  // ------------------------------------------------------------------ generated code quality

  private static final JavaFileObject WIDE =
      source(
          "p.Wide",
          """
          package p;

          import static java.lang.Math.cos;
          import static java.lang.Math.sin;

          import io.github.javagrad.Differentiable;

          public class Wide {
            static final double K = 2.5;
            private static final double HALF = 0.5;
            static final int N = 3;

            @Differentiable
            static double mix(double x, double y, int n, long m, boolean flag) {
              double a = sin(x) * cos(y) + Math.pow(x, 2) - StrictMath.exp(-y);
              int k = n * 2 + N;
              long j = m + k;
              k++;
              j--;
              double b = flag ? a * K : a / HALF;
              if (k > 3 && !flag || j == 0) {
                b += Math.sqrt(x * x + 1);
              } else if (n < 0) {
                b -= Math.abs(y);
              } else {
                b *= 2;
              }
              b /= 1 + Math.hypot(x, y);
              double c = (double) k * b + (int) x;
              c = Math.max(c, b) + Math.min(a, 0) + Math.atan2(y, x) + Math.log1p(x * x);
              if (c > 100) {
                return c;
              }
              return c * Inner.g(x) + Math.PI;
            }

            @Differentiable
            static double twice(double x) {
              return 2 * x;
            }

            @Differentiable
            static double twice(double x, double y) {
              return twice(x) * y;
            }

            static class Inner {
              @Differentiable
              static double g(double x) {
                return Math.cbrt(x) + Wide.twice(x, 2);
              }
            }

            interface Shape {
              @Differentiable
              static double area(double r) {
                return Math.PI * r * r;
              }
            }
          }
          """);

  @Test
  void generatedCodeCompilesWithoutWarningsUnderXlintAll() {
    Compilation compilation = compile(WIDE);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFiles()).hasSize(3);
  }

  @Test
  void generatedGradientsOfTheWideExampleMatchFiniteDifferences() throws Exception {
    Compilation compilation = compile(WIDE);
    assertThat(compilation).succeededWithoutWarnings();
    Companion mix = new Companion(compilation, "p.WideGradients", "mix");
    for (double[] point : new double[][] {{0.3, 0.7}, {-0.4, 1.3}, {1.1, -0.2}}) {
      for (int n : new int[] {-1, 0, 2}) {
        for (boolean flag : new boolean[] {false, true}) {
          GradientCheck.of(x -> mix.call(x[0], x[1], n, 5L, flag)).assertAt(point);
        }
      }
    }
  }

  @Test
  void compilingTheSameSourceTwiceGivesByteIdenticalOutput() {
    Map<String, String> first = generatedSources(compile(WIDE));
    Map<String, String> second = generatedSources(compile(WIDE));
    assertThat(first).hasSize(3);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void generatedOutputDoesNotDependOnTheOrderOfSourceFiles() {
    JavaFileObject a =
        source(
            "p.A",
            """
            package p;

            import io.github.javagrad.Differentiable;

            class A {
              @Differentiable
              static double f(double x) {
                return B.g(x) * B.h(x);
              }
            }
            """);
    JavaFileObject b =
        source(
            "p.B",
            """
            package p;

            import io.github.javagrad.Differentiable;

            class B {
              @Differentiable
              static double h(double x) {
                return x * x;
              }

              @Differentiable
              static double g(double x) {
                return Math.exp(x);
              }
            }
            """);
    Map<String, String> forward = generatedSources(javagrad().compile(a, b));
    Map<String, String> backward = generatedSources(javagrad().compile(b, a));
    assertThat(forward).hasSize(2);
    assertThat(backward).isEqualTo(forward);
  }

  private static Map<String, String> generatedSources(Compilation compilation) {
    assertThat(compilation).succeededWithoutWarnings();
    Map<String, String> sources = new LinkedHashMap<>();
    for (JavaFileObject f : compilation.generatedSourceFiles()) {
      sources.put(f.toUri().getPath(), contentOf(f));
    }
    return sources;
  }

  // ------------------------------------------------------------------ name clashes

  @ParameterizedTest(name = "local {0}")
  @ValueSource(strings = {"seed", "value", "dX", "exp", "sum", "dSum", "product", "dY", "sigmoid"})
  void localNamedLikeAGeneratedNameDoesNotClash(String name) throws Exception {
    // sigmoid(x) + 3 * (y + name) * name with name = y * z: the generated pullback binds exp and
    // sum, and names the adjoints dX, dY, dZ, dSum, the seed and the value.
    JavaFileObject file =
        classC(
            """
            @Differentiable
            static double f(double x, double y, double z) {
              double NAME = y * z;
              return 1 / (1 + Math.exp(-x)) + 3 * (y + NAME) * NAME;
            }"""
                .replace("NAME", name));
    assertGradientIsRight(file);
  }

  @ParameterizedTest(name = "parameter {0}")
  @ValueSource(strings = {"seed", "value", "dX", "exp", "sum", "dSum", "product", "dY"})
  void parameterNamedLikeAGeneratedNameDoesNotClash(String name) throws Exception {
    JavaFileObject file =
        classC(
            """
            @Differentiable
            static double f(double x, double y, double NAME) {
              return 1 / (1 + Math.exp(-x)) + 3 * (y + y * NAME) * NAME;
            }"""
                .replace("NAME", name));
    assertGradientIsRight(file);
  }

  @Test
  void localsNamedLikeEveryGeneratedNameAtOnceDoNotClash() throws Exception {
    JavaFileObject file =
        classC(
            """
            @Differentiable
            static double f(double x, double y, double z) {
              double seed = y * z;
              double value = seed + 1;
              double exp = value * x;
              double sum = exp - y;
              double dSum = sum * sum;
              double dX = dSum / (1 + z * z);
              return 1 / (1 + Math.exp(-x)) + 3 * (y + dX) * seed;
            }""");
    assertGradientIsRight(file);
  }

  /** Compiles {@code p.C.f(double, double, double)} and checks its generated gradient. */
  private static void assertGradientIsRight(JavaFileObject file) throws Exception {
    Compilation compilation = compile(file);
    assertThat(compilation).succeededWithoutWarnings();
    Companion f = new Companion(compilation, "p.CGradients", "f");
    Method original = f.loader.loadClass("p.C").getDeclaredMethod("f", double.class, double.class, double.class);
    original.setAccessible(true);
    for (double[] point : new double[][] {{0.5, -1.25, 2.0}, {-1.5, 0.75, 0.3}}) {
      ValueAndGradient result = f.call(point[0], point[1], point[2]);
      assertThat(result.value())
          .isEqualTo((double) original.invoke(null, point[0], point[1], point[2]));
      GradientCheck.of(x -> f.call(x[0], x[1], x[2])).assertAt(point);
    }
  }

  /** A generated value-and-gradient method, called reflectively. */
  private static final class Companion {
    final ClassLoader loader;
    final Method method;

    Companion(Compilation compilation, String className, String methodName) throws Exception {
      loader = Compilations.classLoaderOf(compilation);
      Class<?> companion = loader.loadClass(className);
      List<Method> candidates =
          Arrays.stream(companion.getMethods()).filter(m -> m.getName().equals(methodName)).toList();
      assertThat(candidates).hasSize(1);
      method = candidates.get(0);
    }

    ValueAndGradient call(Object... args) {
      try {
        return (ValueAndGradient) method.invoke(null, args);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
  }

}
