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

import com.google.testing.compile.Compilation;
import io.github.javagrad.processor.diagnostics.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The processor under build tools that wrap javac's processing environment, where {@code
 * Trees.instance} refuses the wrapper and javagrad must look through it.
 */
class WrappedEnvironmentTest {
  private static final JavaFileObject SOURCE =
      classC(
          """
          @Differentiable
          static double f(double x, double y) {
            return Math.sin(x) * y;
          }""");

  /** What javagrad generates for {@link #SOURCE} under plain javac. */
  private static String unwrappedCompanion() {
    Compilation plain = compile(SOURCE);
    assertThat(plain).succeededWithoutWarnings();
    return contentOf(plain.generatedSourceFile("p.CGradients").orElseThrow());
  }

  @Test
  void gradleStyleDelegatingEnvironmentGeneratesTheSameCode() {
    Compilation compilation =
        javagrad(new WrappingProcessor(Environments.GradleStyle::new)).compile(SOURCE);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("p.CGradients")
        .contentsAsUtf8String()
        .isEqualTo(unwrappedCompanion());
  }

  @Test
  void intellijStyleProxyEnvironmentGeneratesTheSameCode() {
    Compilation compilation =
        javagrad(new WrappingProcessor(Environments::intellijStyle)).compile(SOURCE);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("p.CGradients")
        .contentsAsUtf8String()
        .isEqualTo(unwrappedCompanion());
  }

  @Test
  void proxyInsideDelegatingWrapperIsSeenThrough() {
    Compilation compilation =
        javagrad(
                new WrappingProcessor(
                    env -> new Environments.GradleStyle(Environments.intellijStyle(env))))
            .compile(SOURCE);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("p.CGradients")
        .contentsAsUtf8String()
        .isEqualTo(unwrappedCompanion());
  }

  @Test
  @Triggers(Diagnostic.TREES_UNAVAILABLE)
  void environmentWithoutTreesGivesExactlyJG901AtTheMethod() {
    Compilation compilation =
        javagrad(new WrappingProcessor(Environments.Opaque::new)).compile(SOURCE);
    assertNoProcessorCrash(compilation);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[javagrad:JG901] javagrad needs the javac Tree API, which this compiler does not"
                + " provide (processing environment"
                + " io.github.javagrad.processor.Environments$Opaque)")
        .inFile(SOURCE)
        .onLine(lineOf(SOURCE, "double f("))
        .atColumn(columnOf(SOURCE, "double f(", "f("));
    assertThat(compilation)
        .hadErrorContaining(
            "hint: compile with javac (Maven, Gradle, or IntelliJ with the javac compiler); the"
                + " Eclipse compiler (ECJ) is not supported");
  }

  @Test
  @Triggers(Diagnostic.TREES_UNAVAILABLE)
  void environmentWithoutTreesReportsEveryAnnotatedMethod() {
    JavaFileObject file =
        classC(
            """
            @Differentiable
            static double f(double x) {
              return x;
            }

            @Differentiable
            static double g(double x) {
              return x;
            }""");
    Compilation compilation =
        javagrad(new WrappingProcessor(Environments.Opaque::new)).compile(file);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("[javagrad:JG901]")
        .inFile(file)
        .onLine(lineOf(file, "double f("));
    assertThat(compilation)
        .hadErrorContaining("[javagrad:JG901]")
        .inFile(file)
        .onLine(lineOf(file, "double g("));
  }

  @Test
  void environmentWithoutTreesIsHarmlessWhenNothingIsAnnotated() {
    JavaFileObject file = classC("static double f(double x) {\n  return x;\n}");
    Compilation compilation =
        javagrad(new WrappingProcessor(Environments.Opaque::new)).compile(file);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFiles()).isEmpty();
  }
}
