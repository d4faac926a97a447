package io.github.javagrad.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.github.javagrad.processor.Compilations.classC;
import static io.github.javagrad.processor.Compilations.classLoaderOf;
import static io.github.javagrad.processor.Compilations.columnOf;
import static io.github.javagrad.processor.Compilations.compile;
import static io.github.javagrad.processor.Compilations.invokeStatic;
import static io.github.javagrad.processor.Compilations.lineOf;
import static io.github.javagrad.processor.Compilations.methodOf;
import static io.github.javagrad.processor.Compilations.source;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.testing.compile.Compilation;
import io.github.javagrad.GradientCheck;
import io.github.javagrad.ValueAndGradient;
import io.github.javagrad.processor.Compilations.DiskCompilation;
import io.github.javagrad.processor.diagnostics.Diagnostic;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every diagnostic javagrad can report, with its text and its exact position. Columns are javac's
 * preferred positions: a method's or parameter's name, a statement's first keyword, a binary or
 * assignment operator, a call's opening parenthesis, a member select's dot.
 */
class DiagnosticsTest {

  /**
   * Compiles {@code file} and asserts that the processor reported exactly one error, containing
   * {@code text}, on the line containing {@code lineFragment} at the column of {@code marker}.
   */
  private static Compilation assertOnlyError(
      JavaFileObject file, String text, String lineFragment, String marker) {
    Compilation compilation = compile(file);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContainingMatch(textPattern(text))
        .inFile(file)
        .onLine(lineOf(file, lineFragment))
        .atColumn(columnOf(file, lineFragment, marker));
    return compilation;
  }

  /**
   * Compiles {@code file} and asserts that it failed with an error containing {@code text} on the
   * line containing {@code lineFragment} at the column of {@code marker}, among possibly others.
   */
  private static Compilation assertError(
      JavaFileObject file, String text, String lineFragment, String marker) {
    Compilation compilation = compile(file);
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContainingMatch(textPattern(text))
        .inFile(file)
        .onLine(lineOf(file, lineFragment))
        .atColumn(columnOf(file, lineFragment, marker));
    return compilation;
  }

  /**
   * A pattern for diagnostic text written as javagrad formats it, {@code "message\n  hint: ..."}.
   * javac indents the continuation lines of a multi-line message by its own rule, so the hint
   * line may start with any amount of whitespace.
   */
  private static String textPattern(String text) {
    String[] parts = text.split("\n  hint: ", -1);
    if (parts.length == 1) {
      return Pattern.quote(text);
    }
    return Pattern.quote(parts[0]) + "\\n\\s*hint: " + Pattern.quote(parts[1]);
  }

  /** A class {@code p.C} with one method {@code f(params)} whose body is {@code body}. */
  private static JavaFileObject method(String params, String body) {
    return classC(
        "@Differentiable\n"
            + "static double f(" + params + ") {\n"
            + body.stripTrailing().indent(2)
            + "}\n");
  }

  // ------------------------------------------------------------------ the method's declaration

  @Nested
  class Declarations {
    @Test
    @Triggers(Diagnostic.NOT_STATIC)
    void instanceMethodIsRejectedAtItsName() {
      assertOnlyError(
          classC("@Differentiable\ndouble f(double x) {\n  return x;\n}"),
          "[javagrad:JG101] @Differentiable method C.f(double) must be static",
          "double f(",
          "f(");
    }

    @Test
    @Triggers(Diagnostic.NO_BODY)
    void abstractMethodHasNoBody() {
      JavaFileObject file =
          source(
              "p.C",
              """
              package p;

              import io.github.javagrad.Differentiable;

              abstract class C {
                @Differentiable
                abstract double f(double x);
              }
              """);
      assertOnlyError(
          file,
          "[javagrad:JG102] @Differentiable method C.f(double) has no body to differentiate",
          "abstract double f(",
          "f(");
    }

    @Test
    @Triggers(Diagnostic.NO_BODY)
    void nativeMethodHasNoBody() {
      assertOnlyError(
          classC("@Differentiable\nstatic native double f(double x);"),
          "[javagrad:JG102] @Differentiable method C.f(double) has no body to differentiate",
          "native double f(",
          "f(");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_RETURN_TYPE)
    void nonDoubleReturnTypeIsRejected() {
      assertOnlyError(
          classC("@Differentiable\nstatic int f(double x) {\n  return 1;\n}"),
          "[javagrad:JG103] @Differentiable method C.f(double) returns int; javagrad"
              + " differentiates methods that return double, double[] or void\n"
              + "  hint: return the scalar you want the gradient of as a double, or write results"
              + " into a double[]",
          "static int f(",
          "f(");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_PARAMETER_TYPE)
    void objectParameterIsRejectedAtTheParameter() {
      assertOnlyError(
          classC("@Differentiable\nstatic double f(double x, String label) {\n  return x;\n}"),
          "[javagrad:JG104] parameter label has type java.lang.String, which a @Differentiable"
              + " method cannot take",
          "static double f(",
          "label");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_PARAMETER_TYPE)
    void floatParameterIsRejectedAtTheParameter() {
      assertOnlyError(
          classC("@Differentiable\nstatic double f(double x, float scale) {\n  return x;\n}"),
          "[javagrad:JG104] parameter scale has type float, which a @Differentiable method cannot"
              + " take",
          "static double f(",
          "scale");
    }

    @Test
    @Triggers(Diagnostic.GENERIC_METHOD)
    void genericMethodIsRejected() {
      assertOnlyError(
          classC("@Differentiable\nstatic <T> double f(double x) {\n  return x;\n}"),
          "[javagrad:JG109] @Differentiable method C.f(double) declares type parameters",
          "double f(",
          "f(");
    }

    @Test
    @Triggers(Diagnostic.PRIVATE_METHOD)
    void privateMethodIsRejected() {
      assertOnlyError(
          classC("@Differentiable\nprivate static double f(double x) {\n  return x;\n}"),
          "[javagrad:JG110] @Differentiable method C.f(double) is private, but its generated"
              + " gradient class must call it",
          "double f(",
          "f(");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_ENCLOSING_CLASS)
    void methodInPrivateNestedClassIsRejected() {
      JavaFileObject file =
          classC(
              """
              private static class Hidden {
                @Differentiable
                static double f(double x) {
                  return x;
                }
              }""");
      assertOnlyError(
          file,
          "[javagrad:JG111] @Differentiable method Hidden.f(double) is declared in private class"
              + " Hidden, which generated code cannot name",
          "double f(",
          "f(");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_ENCLOSING_CLASS)
    void methodInAnAuxiliaryClassIsRejected() {
      // Aux is a second top-level class of Main.java: generated code that names it makes javac
      // warn (-Xlint:auxiliaryclass), so javagrad refuses it instead (PT-5).
      JavaFileObject file =
          source(
              "p.Main",
              """
              package p;

              import io.github.javagrad.Differentiable;

              class Main {
              }

              class Aux {
                @Differentiable
                static double f(double x) {
                  return x;
                }
              }
              """);
      assertOnlyError(
          file,
          "[javagrad:JG111] @Differentiable method Aux.f(double) is declared in auxiliary class Aux"
              + " (declared in Main.java), which generated code cannot name\n"
              + "  hint: move it into a top-level class in its own file, or a static nested class"
              + " that is not private",
          "double f(",
          "f(");
    }

    @Test
    @Triggers(Diagnostic.VARARGS_METHOD)
    void varargsMethodIsRejected() {
      JavaFileObject file = classC("@Differentiable\nstatic double f(double... xs) {\n  return 0;\n}");
      Compilation compilation = compile(file);
      assertThat(compilation).failed();
      assertThat(compilation)
          .hadErrorContaining("[javagrad:JG112] @Differentiable method C.f(double[]) takes varargs")
          .inFile(file)
          .onLine(lineOf(file, "double f("))
          .atColumn(columnOf(file, "double f(", "f("));
    }

    @Test
    @Triggers(Diagnostic.THROWS_CLAUSE)
    void throwsClauseWithACheckedExceptionIsRejected() {
      assertOnlyError(
          classC(
              "@Differentiable\nstatic double f(double x)"
                  + " throws IllegalStateException, java.io.IOException {\n  return x;\n}"),
          "[javagrad:JG113] @Differentiable method C.f(double) declares the checked exception"
              + " java.io.IOException; exceptions are not differentiable control flow",
          "double f(",
          "f(");
    }

    /** Unchecked exceptions in a throws clause are documentation: the gradient is generated. */
    @Test
    void throwsClauseWithOnlyUncheckedExceptionsIsAccepted() throws Exception {
      Compilation compilation =
          compile(
              classC(
                  "@Differentiable\nstatic double f(double x)"
                      + " throws IllegalArgumentException, ArithmeticException, AssertionError {\n"
                      + "  return x * x;\n}"));
      assertThat(compilation).succeededWithoutWarnings();
      java.lang.reflect.Method f = methodOf(classLoaderOf(compilation), "p.CGradients", "f");
      io.github.javagrad.ValueAndGradient r =
          (io.github.javagrad.ValueAndGradient) invokeStatic(f, 1.5);
      org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {3.0}, r.gradient());
      io.github.javagrad.GradientCheck.of(
              x -> (io.github.javagrad.ValueAndGradient) invokeStatic(f, x[0]))
          .assertAt(-0.75);
    }

    @Test
    @Triggers({Diagnostic.NOT_STATIC, Diagnostic.PRIVATE_METHOD, Diagnostic.THROWS_CLAUSE})
    void everySignatureProblemOfOneMethodIsReported() {
      JavaFileObject file =
          classC("@Differentiable\nprivate double f(double x) throws Exception {\n  return x;\n}");
      Compilation compilation = compile(file);
      assertThat(compilation).hadErrorCount(3);
      long column = columnOf(file, "double f(", "f(");
      for (String id : new String[] {"[javagrad:JG101]", "[javagrad:JG110]", "[javagrad:JG113]"}) {
        assertThat(compilation)
            .hadErrorContaining(id)
            .inFile(file)
            .onLine(lineOf(file, "double f("))
            .atColumn(column);
      }
    }

    @Test
    @Triggers(Diagnostic.MISSING_RETURN)
    void methodWhosePathsDoNotAllReturnIsRejectedAtItsName() {
      JavaFileObject file =
          classC(
              "@Differentiable\nstatic double f(double x) {\n  if (x > 0) {\n    return x;\n  }\n}");
      assertOnlyError(
          file,
          "[javagrad:JG213] not every path through C.f(double) ends in a return javagrad can"
              + " follow\n"
              + "  hint: end the method with a return statement (after any loop)",
          "double f(",
          "f(");
    }

    @Test
    @Triggers(Diagnostic.MISSING_RETURN)
    void ifWithoutBracesAsTheLastStatementIsRejected() {
      // javac may add its own "missing return statement" (flow analysis, which JDK 17 skips once
      // a processor has reported an error); javagrad's error is the one asserted.
      assertError(
          method("double x", "if (x > 0) return x;"),
          "[javagrad:JG213] not every path through C.f(double) ends in a return javagrad can"
              + " follow",
          "double f(",
          "f(");
    }

    @Test
    @Triggers(Diagnostic.MISSING_RETURN)
    void methodWithEmptyBodyIsRejected() {
      assertOnlyError(
          classC("@Differentiable\nstatic double f(double x) {\n}"),
          "[javagrad:JG213] not every path through C.f(double) ends in a return",
          "double f(",
          "f(");
    }

    @Test
    @Triggers(Diagnostic.METHOD_TOO_LARGE)
    void methodWhoseGradientCannotBeSplitUnderTheJvmLimitIsRejectedAtItsName() {
      // One statement, an initializer of 7000 elements, is too large for a part method of its own.
      String elements = String.join(", ", java.util.Collections.nCopies(7000, "x"));
      JavaFileObject file = classC("@Differentiable\nstatic double f(double x) {\n"
          + "  double[] a = {" + elements + "};\n  return a[0] + a[6999];\n}");
      assertOnlyError(
          file,
          "[javagrad:JG117] the generated gradient of C.f(double) would exceed the JVM's 64 KB"
              + " limit on a method's code, and javagrad cannot split it\n"
              + "  hint: split the method into smaller @Differentiable methods that call one"
              + " another",
          "double f(",
          "f(");
    }

    @Test
    @Triggers(Diagnostic.NOTHING_TO_DIFFERENTIATE)
    void methodWithoutDoubleParameterHasNothingToDifferentiate() {
      assertOnlyError(
          classC("@Differentiable\nstatic double f(int n, long m, boolean b) {\n  return n;\n}"),
          "[javagrad:JG108] @Differentiable method C.f(int, long, boolean) has no double parameter"
              + " to differentiate with respect to",
          "double f(",
          "f(");
    }
    @Test
    @Triggers(Diagnostic.GENERATED_NAME_CLASH)
    void methodsWhoseNamesDifferOnlyInTheFirstLettersCaseClash() {
      JavaFileObject file =
          classC(
              """
              @Differentiable
              static double f(double x) {
                return x;
              }

              @Differentiable
              static double F(double x, double y) {
                return x * y;
              }""");
      assertOnlyError(
          file,
          "[javagrad:JG114] @Differentiable method C.F(double, double) would get the generated name"
              + " record F, which C.f(double) already has\n"
              + "  hint: rename one of the two methods",
          "double F(",
          "F(");
    }

    @Test
    @Triggers(Diagnostic.GENERATED_NAME_CLASH)
    void methodNamedLikeAnotherMethodsPullbackClashes() {
      JavaFileObject file =
          classC(
              """
              @Differentiable
              static double g(double x, double y) {
                return x * y;
              }

              @Differentiable
              static double gPullback(double x, double y, double seed) {
                return x + y + seed;
              }""");
      assertOnlyError(
          file,
          "[javagrad:JG114] @Differentiable method C.gPullback(double, double, double) would get the"
              + " generated name method gPullback(double,double,double), which C.g(double, double)"
              + " already has",
          "double gPullback(",
          "gPullback(");
    }

    @Test
    @Triggers(Diagnostic.GENERATED_NAME_CLASH)
    void methodNamedLikeAnotherMethodsPullbackWithFewerParametersClashes() {
      // fPullback(double, double) is both f's pullback (x, seed) and fPullback's own gradient
      // method (x, y).
      JavaFileObject file =
          classC(
              """
              @Differentiable
              static double f(double x) {
                return x;
              }

              @Differentiable
              static double fPullback(double x, double y) {
                return x * y;
              }""");
      assertOnlyError(
          file,
          "[javagrad:JG114] @Differentiable method C.fPullback(double, double) would get the"
              + " generated name method fPullback(double,double), which C.f(double) already has\n"
              + "  hint: rename one of the two methods",
          "double fPullback(",
          "fPullback(");
    }

    @Test
    @Triggers(Diagnostic.COMPANION_CLASH)
    void nestedClassAndTopLevelClassWithTheSameCompanionNameClash() {
      JavaFileObject outer =
          classC(
              """
              static class In {
                @Differentiable
                static double f(double x) {
                  return x * x;
                }
              }""");
      JavaFileObject topLevel =
          source(
              "p.C_In",
              """
              package p;

              import io.github.javagrad.Differentiable;

              class C_In {
                @Differentiable
                static double g(double x) {
                  return x * 3;
                }
              }
              """);
      Compilation compilation = compile(outer, topLevel);
      assertThat(compilation).failed();
      assertThat(compilation).hadErrorCount(1);
      assertThat(compilation)
          .hadErrorContainingMatch(
              textPattern(
                  "[javagrad:JG115] the gradient class p.C_InGradients of p.C_In clashes with the"
                      + " one of p.C.In\n"
                      + "  hint: rename one of the classes (nested class A.B and top-level class A_B"
                      + " both map to A_BGradients)"))
          .inFile(topLevel)
          .onLine(lineOf(topLevel, "class C_In"))
          .atColumn(columnOf(topLevel, "class C_In", "class"));
    }

    @Test
    @Triggers(Diagnostic.COMPANION_CLASH)
    void userClassNamedLikeTheCompanionClashes() {
      JavaFileObject file = method("double x", "return x * x;");
      JavaFileObject userClass = source("p.CGradients", "package p;\n\nclass CGradients {\n}\n");
      Compilation compilation = compile(file, userClass);
      assertThat(compilation).failed();
      assertThat(compilation).hadErrorCount(1);
      assertThat(compilation)
          .hadErrorContaining(
              "[javagrad:JG115] the gradient class p.CGradients of p.C clashes with an existing"
                  + " class of that name")
          .inFile(file)
          .onLine(lineOf(file, "class C"))
          .atColumn(columnOf(file, "class C", "class"));
    }
  }


  // ------------------------------------------------------------------ wrt

  @Nested
  class Wrt {
    @Test
    @Triggers(Diagnostic.WRT_UNKNOWN_PARAMETER)
    void unknownNameIsReportedAtTheWrtValue() {
      assertOnlyError(
          classC("@Differentiable(wrt = \"y\")\nstatic double f(double x) {\n  return x;\n}"),
          "[javagrad:JG105] wrt names \"y\", which is not a parameter of C.f(double)",
          "@Differentiable(wrt",
          "\"y\"");
    }

    @Test
    @Triggers(Diagnostic.WRT_UNKNOWN_PARAMETER)
    void unknownNameInAListIsReportedAtThatName() {
      assertOnlyError(
          classC(
              "@Differentiable(wrt = {\"x\", \"z\"})\n"
                  + "static double f(double x, double y) {\n  return x * y;\n}"),
          "[javagrad:JG105] wrt names \"z\", which is not a parameter of C.f(double, double)",
          "@Differentiable(wrt",
          "\"z\"");
    }

    @Test
    @Triggers(Diagnostic.WRT_NOT_DIFFERENTIABLE)
    void intParameterCannotBeDifferentiated() {
      assertOnlyError(
          classC(
              "@Differentiable(wrt = \"n\")\n"
                  + "static double f(double x, int n) {\n  return x * n;\n}"),
          "[javagrad:JG106] wrt names \"n\", which has type int; only double, double[] and"
              + " double[][] parameters can be differentiated\n"
              + "  hint: remove it from wrt, or make the parameter a double",
          "@Differentiable(wrt",
          "\"n\"");
    }

    @Test
    @Triggers(Diagnostic.SCALAR_WRT_OF_ARRAY_RESULT)
    void scalarParameterOfAVoidMethodCannotBeDifferentiated() {
      assertOnlyError(
          classC(
              """
              @Differentiable(wrt = "k")
              static void scale(double[] out, double k) {
                out[0] = k * out[0];
              }"""),
          "[javagrad:JG116] wrt names scalar parameter \"k\" of a method returning void; such"
              + " methods differentiate their array parameters\n"
              + "  hint: pass the value in a double[] of length 1, or return a double",
          "@Differentiable(wrt",
          "\"k\"");
    }

    @Test
    @Triggers(Diagnostic.SCALAR_WRT_OF_ARRAY_RESULT)
    void scalarParameterOfAnArrayReturningMethodCannotBeDifferentiated() {
      assertOnlyError(
          classC(
              """
              @Differentiable(wrt = "k")
              static double[] scaled(double[] x, double k) {
                double[] y = x.clone();
                y[0] = k * y[0];
                return y;
              }"""),
          "[javagrad:JG116] wrt names scalar parameter \"k\" of a method returning double[]",
          "@Differentiable(wrt",
          "\"k\"");
    }

    @Test
    @Triggers(Diagnostic.WRT_DUPLICATE)
    void duplicateNameIsRejected() {
      assertOnlyError(
          classC(
              "@Differentiable(wrt = {\"x\", \"x\"})\nstatic double f(double x) {\n  return x;\n}"),
          "[javagrad:JG107] wrt names \"x\" twice",
          "@Differentiable(wrt",
          "\"x\"}");
    }
  }

  // ------------------------------------------------------------------ statements

  @Nested
  class Statements {
    @Test
    @Triggers(Diagnostic.UNSUPPORTED_STATEMENT)
    void switchOnDoubleIsRejectedAtTheSelector() {
      JavaFileObject file =
          method("double x", "switch ((int) x + x) {\n  default:\n    x = 2;\n}\nreturn x;");
      assertOnlyError(
          file,
          "[javagrad:JG201] A switch on double is not supported in a @Differentiable method\n"
              + "  hint: switch on an int, or use if/else",
          "switch (",
          "(");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_STATEMENT)
    void fallingThroughToTheNextCaseIsRejectedAtTheCase() {
      JavaFileObject file =
          method(
              "double x, int k",
              """
              switch (k) {
                case 1:
                  x = 2;
                case 2:
                  x = 3;
                  break;
                default:
                  x = 4;
              }
              return x;""");
      assertOnlyError(
          file,
          "[javagrad:JG201] Falling through to the next case is not supported in a @Differentiable"
              + " method\n"
              + "  hint: end each case with break, return or continue",
          "case 1:",
          "case");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_STATEMENT)
    void breakBeforeTheEndOfACaseIsRejected() {
      JavaFileObject file =
          method(
              "double x, int k",
              """
              switch (k) {
                case 1:
                  if (x > 0) {
                    break;
                  }
                  x = 2;
                  break;
                default:
                  x = 3;
              }
              return x;""");
      assertOnlyError(
          file,
          "[javagrad:JG201] A break inside a case other than at its end is not supported in a"
              + " @Differentiable method\n"
              + "  hint: end the case with its only break, or use if/else",
          "case 1:",
          "case");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_STATEMENT)
    void forEachOverAComputedArrayIsRejected() {
      JavaFileObject file =
          method("double x", "for (double v : new double[] {x, 2 * x}) {\n  x += v;\n}\nreturn x;");
      assertOnlyError(
          file,
          "[javagrad:JG201] A for-each loop over new double[]{x, 2 * x} is not supported in a"
              + " @Differentiable method\n"
              + "  hint: loop over a double[] or int[] variable, or index the rows with a counted"
              + " for loop",
          "for (double v",
          "new");
    }

    @Test
    @Triggers(Diagnostic.LABELED_JUMP)
    void labelOnABlockIsRejectedAtTheLabel() {
      JavaFileObject file =
          method(
              "double x",
              """
              done:
              {
                if (x > 10) {
                  break done;
                }
                x = x * 2;
              }
              return x;""");
      assertOnlyError(
          file,
          "[javagrad:JG211] a label on something other than a loop is not supported\n"
              + "  hint: label only loops, and break or continue to them",
          "done:",
          "done");
    }

    @Test
    void labelledBreakAndContinueOutOfNestedLoopsCompile() {
      JavaFileObject file =
          method(
              "double x",
              """
              outer:
              for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                  if (x > 10) {
                    break outer;
                  }
                  if (x < -10) {
                    continue outer;
                  }
                  x = x * 2;
                }
              }
              return x;""");
      assertThat(Compilations.compile(file)).succeededWithoutWarnings();
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_STATEMENT)
    void tryIsRejected() {
      JavaFileObject file = method("double x", "try {\n  x = 2;\n} finally {\n  x = 3;\n}\nreturn x;");
      assertOnlyError(
          file,
          "[javagrad:JG201] Try/catch is not supported in a @Differentiable method\n"
              + "  hint: exceptions are not differentiable control flow; remove the try",
          "try {",
          "try");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_STATEMENT)
    void throwInAVoidMethodIsRejectedAtTheThrowNotTheIf() {
      JavaFileObject file =
          classC("@Differentiable\nstatic void f(double[] x, double[] y) {\n  y[0] = x[0];\n"
              + "  if (x[0] < 0) throw new IllegalArgumentException();\n}");
      assertOnlyError(
          file,
          "[javagrad:JG201] Throw in a method returning void is not supported in a @Differentiable"
              + " method\n  hint: it may have written its output arrays already; validate the inputs"
              + " before the call, or return a double or double[]",
          "throw new",
          "throw");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_STATEMENT)
    void aLoopLeftOnlyByThrowIsRejectedAtTheLoop() {
      JavaFileObject file =
          method("double x", "for (;;) {\n  x = x / 2;\n  if (x < 1) throw new IllegalStateException();\n}");
      assertOnlyError(
          file,
          "[javagrad:JG201] A loop that is left only by throw (or never) is not supported in a"
              + " @Differentiable method\n  hint: give it a condition, a break or a return: the"
              + " gradient runs its reverse sweep after it",
          "for (;;)",
          "for");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_STATEMENT)
    void synchronizedIsRejected() {
      JavaFileObject file =
          method("double x", "synchronized (C.class) {\n  x = 2;\n}\nreturn x;");
      assertOnlyError(
          file,
          "[javagrad:JG201] Synchronized is not supported in a @Differentiable method\n"
              + "  hint: gradient code has no shared state; remove the lock",
          "synchronized (",
          "synchronized");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_STATEMENT)
    void assertIsRejected() {
      JavaFileObject file = method("double x", "assert x > 0;\nreturn x;");
      assertOnlyError(
          file,
          "[javagrad:JG201] Assert is not supported in a @Differentiable method\n"
              + "  hint: check arguments before calling the method",
          "assert x",
          "assert");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_STATEMENT)
    void localClassIsRejected() {
      JavaFileObject file = method("double x", "class Local {\n}\nreturn x;");
      assertOnlyError(
          file,
          "[javagrad:JG201] A local class is not supported in a @Differentiable method\n"
              + "  hint: declare the class outside the method",
          "class Local",
          "class");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_STATEMENT)
    void localRecordIsRejected() {
      JavaFileObject file = method("double x", "record Point(double a) {\n}\nreturn x;");
      assertOnlyError(file, "[javagrad:JG201]", "record Point", "record");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_STATEMENT)
    void callWhoseResultIsUnusedIsRejected() {
      JavaFileObject file = method("double x", "Math.sin(x);\nreturn x;");
      assertOnlyError(
          file,
          "[javagrad:JG201] A call whose result is not used is not supported in a @Differentiable"
              + " method\n"
              + "  hint: a @Differentiable method has no side effects; use the call's value or"
              + " remove it",
          "Math.sin(x);",
          "Math");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_STATEMENT)
    void objectCreationAsStatementIsRejected() {
      JavaFileObject file = method("double x", "new Object();\nreturn x;");
      assertOnlyError(
          file,
          "[javagrad:JG201] This expression statement is not supported in a @Differentiable"
              + " method\n"
              + "  hint: use assignments, increments, if/else and return",
          "new Object();",
          "new");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_LOCAL_TYPE)
    void localOfUnsupportedPrimitiveTypeIsRejectedAtItsType() {
      JavaFileObject file = method("double x", "short s = 1;\nreturn x;");
      assertOnlyError(
          file,
          "[javagrad:JG202] local variable s has type short, which a @Differentiable method cannot"
              + " use",
          "short s",
          "short");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_LOCAL_TYPE)
    void localOfObjectTypeIsRejectedAtItsType() {
      JavaFileObject file = method("double x, int n", "Integer boxed = n;\nreturn x;");
      assertOnlyError(
          file,
          "[javagrad:JG202] local variable boxed has type Integer, which a @Differentiable method"
              + " cannot use",
          "Integer boxed",
          "Integer");
    }

    @Test
    @Triggers(Diagnostic.MISSING_INITIALIZER)
    void arrayLocalWithoutArrayIsRejectedAtItsName() {
      JavaFileObject file = method("double x", "double[] a;\nreturn x;");
      Compilation compilation =
          assertOnlyError(
              file,
              "[javagrad:JG203] array variable a is declared without an array",
              "double[] a;",
              "a;");
      assertThat(compilation)
          .hadErrorContaining(
              "hint: create the array where it is declared, e.g. double[] a = new double[n];");
    }

    @Test
    void scalarLocalAssignedAfterItsDeclarationIsAcceptedAndDifferentiated() throws Exception {
      JavaFileObject file = method("double x", "double y;\ny = x * 2;\nreturn y;");
      Compilation compilation = compile(file);
      assertThat(compilation).succeededWithoutWarnings();
      Method f = Compilations.methodOf(classLoaderOf(compilation), "p.CGradients", "f");
      for (double x : new double[] {-1.5, 0, 3.25}) {
        ValueAndGradient result = (ValueAndGradient) invokeStatic(f, x);
        assertThat(result.value()).isEqualTo(2 * x);
        assertThat(result.gradient()).usingExactEquality().containsExactly(2.0);
      }
    }

    @Test
    void scalarLocalAssignedInBothBranchesIsAcceptedAndDifferentiated() throws Exception {
      JavaFileObject file =
          method(
              "double x",
              """
              double y;
              if (x > 0) {
                y = x * x;
              } else {
                y = Math.sin(x);
              }
              return y * x;""");
      Compilation compilation = compile(file);
      assertThat(compilation).succeededWithoutWarnings();
      Method f = Compilations.methodOf(classLoaderOf(compilation), "p.CGradients", "f");
      GradientCheck check = GradientCheck.of(p -> (ValueAndGradient) invokeStatic(f, p[0]));
      for (double x : new double[] {-1.5, -0.25, 0.5, 2}) {
        check.assertAt(x);
      }
    }

    @Test
    @Triggers(Diagnostic.WRITE_TO_ARRAY_PARAMETER)
    void writeToAnArrayParameterOfADoubleMethodIsRejected() {
      JavaFileObject file = method("double x, double[] w", "w[0] = x;\nreturn x * w[1];");
      assertOnlyError(
          file,
          "[javagrad:JG207] writes to array parameter w of a method that returns a value\n"
              + "  hint: write into a new local array copied from w, or make the method void so the"
              + " array is an output",
          "w[0] = x",
          "[0]");
    }

    @Test
    @Triggers(Diagnostic.WRITE_TO_ARRAY_PARAMETER)
    void compoundWriteToAnArrayParameterOfAnArrayMethodIsRejected() {
      JavaFileObject file =
          classC(
              """
              @Differentiable
              static double[] twice(double[] w) {
                w[0] *= 2;
                return w.clone();
              }""");
      assertOnlyError(
          file,
          "[javagrad:JG207] writes to array parameter w of a method that returns a value",
          "w[0] *= 2",
          "[0]");
    }

    @Test
    void voidMethodMayWriteItsArrayParametersAsOutputs() throws Exception {
      // out is read and written: an in-out parameter. Its adjoint array holds the upstream
      // gradient on entry and the adjoint of out's initial values on return; x's adjoint array
      // has x's partials added to it.
      JavaFileObject file =
          classC(
              """
              @Differentiable
              static void update(double[] x, double[] out) {
                for (int i = 0; i < x.length; i++) {
                  out[i] = out[i] * x[i] + Math.sin(x[i]);
                }
              }""");
      Compilation compilation = compile(file);
      assertThat(compilation).succeededWithoutWarnings();
      ClassLoader loader = classLoaderOf(compilation);
      Method update = Compilations.methodOf(loader, "p.C", "update");
      Method pullback = Compilations.methodOf(loader, "p.CGradients", "updatePullback");
      // z = (x0, x1, out0, out1) on entry; the checked function is weights . out on return.
      double[] weights = {0.75, -1.5};
      GradientCheck check =
          GradientCheck.of(
              z -> {
                double[] out = {z[2], z[3]};
                invokeStatic(update, new double[] {z[0], z[1]}, out);
                return weights[0] * out[0] + weights[1] * out[1];
              },
              z -> {
                double[] out = {z[2], z[3]};
                double[] dX = new double[2];
                double[] dOut = weights.clone();
                invokeStatic(pullback, new double[] {z[0], z[1]}, out, dX, dOut);
                return new double[] {dX[0], dX[1], dOut[0], dOut[1]};
              });
      check.assertAt(0.5, -1.25, 2.0, 0.3);
      check.assertAt(-0.7, 1.1, -0.4, 1.6);
      // The pullback runs the method too: its outputs receive the method's results.
      double[] byMethod = {2.0, 0.3};
      invokeStatic(update, new double[] {0.5, -1.25}, byMethod);
      double[] byPullback = {2.0, 0.3};
      invokeStatic(
          pullback, new double[] {0.5, -1.25}, byPullback, new double[2], new double[2]);
      assertThat(byPullback).usingExactEquality().containsExactly(byMethod[0], byMethod[1]).inOrder();
    }

    @Test
    @Triggers(Diagnostic.ARRAY_REASSIGNED)
    void reassignedArrayVariableIsRejected() {
      JavaFileObject file =
          method("double x", "double[] a = new double[2];\na = new double[3];\nreturn x * a.length;");
      assertOnlyError(
          file,
          "[javagrad:JG208] reassigns array variable a; javagrad tracks each array variable as one"
              + " array\n"
              + "  hint: write its elements instead, or declare a new array variable",
          "a = new double[3]",
          "a =");
    }

    @Test
    @Triggers(Diagnostic.ARRAY_ALIAS)
    void secondNameForAnArrayIsRejected() {
      JavaFileObject file = method("double x, double[] w", "double[] v = w;\nreturn x * v[0];");
      assertOnlyError(
          file,
          "[javagrad:JG209] 'w' makes a second name for an existing array\n"
              + "  hint: copy it with .clone(), or index the original directly (e.g. w[i][j])",
          "double[] v",
          "w;");
    }

    @Test
    @Triggers(Diagnostic.ARRAY_ALIAS)
    void cloneOfAMatrixIsRejectedBecauseItSharesRows() {
      JavaFileObject file =
          method("double x, double[][] m", "double[][] copy = m.clone();\nreturn x * copy[0][0];");
      assertOnlyError(
          file,
          "[javagrad:JG209] 'm.clone()' (a double[][] clone shares its rows) makes a second name"
              + " for an existing array",
          "double[][] copy",
          "(");
    }

    @Test
    @Triggers(Diagnostic.ARRAY_IN_LOOP)
    void arrayDeclaredInsideALoopIsRejected() {
      JavaFileObject file =
          method(
              "double x",
              """
              for (int i = 0; i < 3; i++) {
                double[] t = new double[2];
                t[0] = x;
                x += t[0];
              }
              return x;""");
      assertOnlyError(
          file,
          "[javagrad:JG212] declares array t inside a loop; each iteration would make a new array\n"
              + "  hint: declare the array before the loop and overwrite its elements in the loop",
          "double[] t",
          "t =");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_ASSIGNMENT_TARGET)
    void assignmentToStaticFieldIsRejected() {
      JavaFileObject file =
          classC(
              """
              static double last;

              @Differentiable
              static double f(double x) {
                last = x;
                return x;
              }""");
      assertOnlyError(
          file,
          "[javagrad:JG206] cannot assign to last; a @Differentiable method may only assign its own"
              + " locals and parameters",
          "last = x;",
          "last");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_ASSIGNMENT_TARGET)
    void compoundAssignmentToQualifiedFieldIsRejected() {
      JavaFileObject file =
          classC(
              """
              static double total;

              @Differentiable
              static double f(double x) {
                C.total += x;
                return x;
              }""");
      assertOnlyError(
          file,
          "[javagrad:JG206] cannot assign to C.total;",
          "C.total += x;",
          ".total");
    }
  }

  // ------------------------------------------------------------------ expressions

  @Nested
  class Expressions {
    @Test
    @Triggers(Diagnostic.ASSIGNMENT_AS_EXPRESSION)
    void assignmentUsedAsValueInAStatementThatAlsoReadsItsVariableIsRejected() {
      JavaFileObject file = method("double x", "double y = 1;\ndouble z = (y = x) + y;\nreturn z;");
      assertOnlyError(
          file,
          "[javagrad:JG204] an assignment used as a value (the statement also reads y, which it"
              + " changes) is not supported yet\n"
              + "  hint: write the assignment as a statement of its own",
          "double z",
          "z =");
    }

    @Test
    @Triggers(Diagnostic.ASSIGNMENT_AS_EXPRESSION)
    void assignmentUsedAsValueInAConditionalBranchIsRejectedAtItsOperator() {
      JavaFileObject file =
          method("double x", "double y = 1;\ndouble z = x > 0 ? (y *= x) : 0;\nreturn z + y;");
      assertOnlyError(
          file,
          "[javagrad:JG204] an assignment used as a value (y *= x) is not supported yet",
          "double z",
          "*=");
    }

    @Test
    void assignmentUsedAsValueInAStatementThatReadsItNowhereElseIsAccepted() {
      JavaFileObject file = method("double x", "double y = 1;\ndouble z = (y = x) * 2;\nreturn z + y;");
      assertThat(compile(file)).succeededWithoutWarnings();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"n++", "n--", "++n", "--n"})
    @Triggers(Diagnostic.INCREMENT_AS_EXPRESSION)
    void incrementUsedAsValueInAConditionalBranchIsRejected(String increment) {
      JavaFileObject file =
          method("double x, int n", "double m = x > 0 ? " + increment + " : 0;\nreturn x * m;");
      String operator = increment.replace("n", "");
      assertOnlyError(
          file,
          "[javagrad:JG205] " + increment + " used as a value is not supported yet\n"
              + "  hint: write the increment as a statement of its own, then use the variable",
          "double m",
          operator);
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_EXPRESSION)
    void objectCreationIsRejected() {
      JavaFileObject file = method("double x", "var random = new java.util.Random();\nreturn x;");
      assertOnlyError(
          file,
          "[javagrad:JG301] Creating an object is not supported in a @Differentiable method\n"
              + "  hint: a @Differentiable method computes with doubles; pass objects' values in as"
              + " parameters",
          "var random",
          "new");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_EXPRESSION)
    void arrayOfObjectsIsRejected() {
      JavaFileObject file = method("double x", "var names = new String[2];\nreturn x;");
      assertOnlyError(
          file,
          "[javagrad:JG301] An array of String is not supported in a @Differentiable method\n"
              + "  hint: use double[], double[][] or int[]",
          "var names",
          "new");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_EXPRESSION)
    void arrayOfRankThreeIsRejected() {
      JavaFileObject file = method("double x", "var cube = new double[2][2][2];\nreturn x;");
      assertOnlyError(
          file,
          "[javagrad:JG301] An array of rank 3 is not supported in a @Differentiable method",
          "var cube",
          "new");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_CONSTANT_TYPE)
    void indexingAConstantArrayIsRejectedAtTheConstant() {
      JavaFileObject file =
          classC(
              """
              static final double[] WEIGHTS = {1, 2};

              @Differentiable
              static double f(double x) {
                return x * WEIGHTS[0];
              }""");
      // Only the first error is asserted: a follow-on JG301 "Indexing WEIGHTS" at the '[' comes
      // with it today (PT-15).
      assertError(
          file,
          "[javagrad:JG316] reads constant C.WEIGHTS of type double[]; a @Differentiable method"
              + " reads double, int, long and boolean constants\n"
              + "  hint: pass the value in as a parameter",
          "return x",
          "WEIGHTS");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_EXPRESSION)
    void indexingAComputedArrayIsRejected() {
      JavaFileObject file = method("double x, double[] w", "return x * w.clone()[0];");
      assertOnlyError(
          file,
          "[javagrad:JG301] Indexing w.clone() is not supported in a @Differentiable method\n"
              + "  hint: index a double[], double[][] or int[] variable",
          "return x",
          "[");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_EXPRESSION)
    void passingAComputedArrayIsRejected() {
      JavaFileObject file =
          classC(
              """
              @Differentiable
              static double sum(double[] v) {
                return v[0] + v[1];
              }

              @Differentiable
              static double f(double x, double[] w) {
                return x * sum(w.clone());
              }""");
      assertOnlyError(
          file,
          "[javagrad:JG301] Passing a computed array (w.clone()) is not supported in a"
              + " @Differentiable method\n"
              + "  hint: store it in a local array variable first and pass the variable",
          "return x",
          "()");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_EXPRESSION)
    void lambdaIsRejected() {
      // The local's type is rejected too (JG202); the lambda has its own error where it starts.
      JavaFileObject file =
          method("double x", "java.util.function.DoubleUnaryOperator f = v -> v;\nreturn x;");
      Compilation compilation =
          assertError(
              file,
              "[javagrad:JG301] A lambda or method reference is not supported in a @Differentiable"
                  + " method",
              "f = v",
              "v ->");
      assertThat(compilation).hadErrorContaining("hint: call @Differentiable methods directly");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_EXPRESSION)
    void methodReferenceIsRejected() {
      JavaFileObject file =
          method("double x", "java.util.function.DoubleUnaryOperator f = Math::sin;\nreturn x;");
      assertError(
          file, "[javagrad:JG301] A lambda or method reference is not supported", "f = Math", "Math::");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"text\"", "'c'", "null"})
    @Triggers(Diagnostic.UNSUPPORTED_EXPRESSION)
    void nonNumericLiteralIsRejected(String literal) {
      JavaFileObject file = method("double x", "var v = " + literal + ";\nreturn x;");
      assertOnlyError(
          file,
          "[javagrad:JG301] This literal (" + literal + ") is not supported in a @Differentiable"
              + " method\n"
              + "  hint: use double, int, long or boolean values",
          "var v",
          literal);
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_EXPRESSION)
    void thisIsRejected() {
      JavaFileObject file = method("double x", "boolean same = this == this;\nreturn x;");
      assertError(
          file,
          "[javagrad:JG301] 'this' is not supported in a @Differentiable method\n"
              + "  hint: a @Differentiable method is static; pass values in as parameters",
          "boolean same",
          "this");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_EXPRESSION)
    void castToObjectTypeIsRejected() {
      JavaFileObject file = method("double x", "var o = (Object) x;\nreturn x;");
      assertOnlyError(
          file,
          "[javagrad:JG301] The cast (Object) is not supported in a @Differentiable method\n"
              + "  hint: casts between double, int and long are supported",
          "var o",
          "(");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_EXPRESSION)
    void memberAccessOnAValueIsRejected() {
      JavaFileObject file = method("double x, double y", "return y.value;");
      assertOnlyError(
          file,
          "[javagrad:JG301] Member access on a value (y.value) is not supported in a"
              + " @Differentiable method",
          "return y",
          ".value");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_EXPRESSION)
    void methodCallOnAValueIsRejected() {
      JavaFileObject file = method("double x", "return x.doubleValue();");
      assertOnlyError(
          file,
          "[javagrad:JG301] Calling a method on a value (x.doubleValue) is not supported in a"
              + " @Differentiable method",
          "return x",
          "(");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_EXPRESSION)
    void switchExpressionWithoutDefaultIsRejected() {
      JavaFileObject file =
          method("double x, int k", "double y = switch (k) {\n  case 1 -> x;\n};\nreturn y;");
      assertOnlyError(
          file,
          "[javagrad:JG301] A switch expression without default is not supported in a"
              + " @Differentiable method\n"
              + "  hint: add a default case",
          "double y",
          "switch");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_EXPRESSION)
    void switchExpressionCaseWithABlockIsRejectedAtTheCase() {
      JavaFileObject file =
          method(
              "double x, int k",
              """
              double y = switch (k) {
                case 1 -> {
                  yield x;
                }
                default -> 2 * x;
              };
              return y;""");
      assertOnlyError(
          file,
          "[javagrad:JG301] A switch expression case with a block or yield is not supported in a"
              + " @Differentiable method\n"
              + "  hint: give each case a single expression: case 1 -> a * x;",
          "case 1 ->",
          "case");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '#',
        value = {
          "double b = k & 1;   # &",
          "double b = k | 1;   # |",
          "double b = k ^ 1;   # ^",
          "double b = k << 1;  # <<",
          "double b = k >> 1;  # >>",
          "double b = k >>> 1; # >>>",
          "double b = ~k;      # ~",
        })
    @Triggers(Diagnostic.UNSUPPORTED_OPERATOR)
    void bitwiseOperatorIsRejectedAtTheOperator(String statement, String operator) {
      JavaFileObject file = method("double x, int k", statement + "\nreturn x * b;");
      assertOnlyError(
          file,
          "[javagrad:JG302] operator " + operator + " is not supported on values in a"
              + " @Differentiable method\n"
              + "  hint: use arithmetic, comparisons and && / || instead of bitwise operators",
          "double b",
          operator);
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_OPERATOR)
    void remainderOnDoublesIsRejected() {
      JavaFileObject file = method("double x", "return x % 2.0;");
      assertOnlyError(
          file,
          "[javagrad:JG302] operator % is not supported on double values\n"
              + "  hint: % on doubles has no derivative in javagrad; use it on int or long values",
          "return x",
          "%");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_OPERATOR)
    void remainderAssignmentOnDoublesIsRejected() {
      JavaFileObject file = method("double x", "double y = x;\ny %= 2;\nreturn y;");
      assertOnlyError(
          file,
          "[javagrad:JG302] operator %= is not supported on double values",
          "y %= 2",
          "%=");
    }

    @Test
    void remainderOnIntsIsAccepted() {
      assertThat(compile(method("double x, int k", "int r = k % 2;\nreturn x * r;")))
          .succeededWithoutWarnings();
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_OPERATOR)
    void arithmeticOnBooleansIsRejected() {
      JavaFileObject file = method("double x, boolean b", "double y = b + 1;\nreturn x * y;");
      assertOnlyError(
          file,
          "[javagrad:JG302] operator + is not supported on boolean values\n"
              + "  hint: use && and || to combine conditions",
          "double y",
          "+");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_OPERATOR)
    void incrementOfBooleanIsRejected() {
      JavaFileObject file = method("double x, boolean b", "b++;\nreturn x;");
      assertOnlyError(
          file, "[javagrad:JG302] operator ++ is not supported on boolean values", "b++", "++");
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_OPERATOR)
    void compoundAssignmentToBooleanIsRejected() {
      JavaFileObject file = method("double x, boolean b", "b += 1;\nreturn x;");
      assertOnlyError(
          file, "[javagrad:JG302] operator += is not supported on boolean values", "b += 1", "+=");
    }

    @Test
    @Triggers(Diagnostic.FLOAT_NOT_SUPPORTED)
    void floatLocalIsRejectedAtItsType() {
      JavaFileObject file = method("double x", "float y = 1;\nreturn x * y;");
      assertOnlyError(
          file,
          "[javagrad:JG303] float (local variable y) is not supported\n"
              + "  hint: use double; javagrad differentiates double-precision code only",
          "float y",
          "float");
    }

    @Test
    @Triggers(Diagnostic.FLOAT_NOT_SUPPORTED)
    void floatLiteralIsRejected() {
      JavaFileObject file = method("double x", "return x * 2.5f;");
      assertOnlyError(
          file, "[javagrad:JG303] float (literal 2.5F) is not supported", "return x", "2.5f");
    }

    @Test
    @Triggers(Diagnostic.FLOAT_NOT_SUPPORTED)
    void floatCastIsRejected() {
      JavaFileObject file = method("double x", "return x * (float) x;");
      assertOnlyError(
          file, "[javagrad:JG303] float (cast to float) is not supported", "return x", "(float");
    }

    @Test
    @Triggers(Diagnostic.UNKNOWN_IDENTIFIER)
    void unknownNameIsRejected() {
      JavaFileObject file = method("double x", "return x * rate;");
      assertOnlyError(
          file,
          "[javagrad:JG304] cannot resolve rate\n"
              + "  hint: a @Differentiable method may read its parameters, its locals and static"
              + " final constants",
          "return x",
          "rate");
    }

    @Test
    @Triggers(Diagnostic.UNKNOWN_IDENTIFIER)
    void unknownQualifiedNameIsRejected() {
      JavaFileObject file = method("double x", "return x * Nowhere.RATE;");
      assertOnlyError(
          file, "[javagrad:JG304] cannot resolve Nowhere.RATE", "return x", ".RATE");
    }

    @Test
    @Triggers(Diagnostic.UNKNOWN_IDENTIFIER)
    void unknownFieldOfKnownClassIsRejected() {
      JavaFileObject file = method("double x", "return x * Math.TAU_NOT;");
      assertOnlyError(
          file, "[javagrad:JG304] cannot resolve Math.TAU_NOT", "return x", ".TAU_NOT");
    }

    @Test
    @Triggers(Diagnostic.UNKNOWN_IDENTIFIER)
    void callOnUnknownClassIsRejectedAtTheClassName() {
      JavaFileObject file = method("double x", "return Nowhere.g(x);");
      assertOnlyError(file, "[javagrad:JG304] cannot resolve Nowhere", "return", "Nowhere");
    }

    @Test
    @Triggers(Diagnostic.FIELD_NOT_CONSTANT)
    void nonFinalStaticFieldIsRejected() {
      JavaFileObject file =
          classC(
              """
              static double rate = 0.1;

              @Differentiable
              static double f(double x) {
                return x * rate;
              }""");
      assertOnlyError(
          file,
          "[javagrad:JG305] reads field C.rate, which is not a static final constant\n"
              + "  hint: pass the value in as a parameter",
          "return x",
          "rate");
    }

    @Test
    @Triggers(Diagnostic.FIELD_NOT_CONSTANT)
    void instanceFieldIsRejected() {
      JavaFileObject file =
          classC(
              """
              final double rate = 0.1;

              @Differentiable
              static double f(double x) {
                return x * rate;
              }""");
      assertOnlyError(
          file,
          "[javagrad:JG305] reads field C.rate, which is not a static final constant",
          "return x",
          "rate");
    }

    @Test
    @Triggers(Diagnostic.FIELD_NOT_CONSTANT)
    void qualifiedNonFinalFieldOfAnotherClassIsRejected() {
      JavaFileObject file =
          classC(
              """
              static class Settings {
                static double rate = 0.1;
              }

              @Differentiable
              static double f(double x) {
                return x * Settings.rate;
              }""");
      assertOnlyError(
          file,
          "[javagrad:JG305] reads field Settings.rate, which is not a static final constant",
          "return x",
          ".rate");
    }

    @Test
    @Triggers(Diagnostic.PRIVATE_CONSTANT)
    void privateConstantWithoutCompileTimeValueIsRejected() {
      JavaFileObject file =
          classC(
              """
              private static final double ROOT_TWO = Math.sqrt(2);

              @Differentiable
              static double f(double x) {
                return x * ROOT_TWO;
              }""");
      Compilation compilation =
          assertOnlyError(
              file,
              "[javagrad:JG306] reads private constant C.ROOT_TWO, which is not a compile-time"
                  + " constant the generated class can inline",
              "return x",
              "ROOT_TWO");
      assertThat(compilation)
          .hadErrorContaining(
              "hint: make the constant package-private, or give it a literal value");
    }

    @Test
    void privateCompileTimeConstantIsAccepted() {
      JavaFileObject file =
          classC(
              """
              private static final double HALF = 0.5;

              @Differentiable
              static double f(double x) {
                return x * HALF;
              }""");
      assertThat(compile(file)).succeededWithoutWarnings();
    }

    @Test
    @Triggers(Diagnostic.UNSUPPORTED_CONSTANT_TYPE)
    void stringConstantIsRejected() {
      JavaFileObject file =
          classC(
              """
              static final String LABEL = "loss";

              @Differentiable
              static double f(double x) {
                var label = LABEL;
                return x;
              }""");
      assertOnlyError(
          file,
          "[javagrad:JG316] reads constant C.LABEL of type java.lang.String; a @Differentiable"
              + " method reads double, int, long and boolean constants\n"
              + "  hint: pass the value in as a parameter",
          "var label",
          "LABEL");
    }

    @Test
    @Triggers(Diagnostic.TYPE_MISMATCH)
    void doubleAssignedToIntIsRejectedAtTheValue() {
      JavaFileObject file = method("double x", "int n = x;\nreturn n;");
      assertOnlyError(
          file,
          "[javagrad:JG313] 'x' has type double where int is needed\n"
              + "  hint: add an explicit conversion",
          "int n",
          "x;");
    }

    @Test
    @Triggers(Diagnostic.TYPE_MISMATCH)
    void doubleAddedToIntIsRejectedAtTheRightHandSide() {
      JavaFileObject file = method("double x, int n", "n += x / 2;\nreturn x * n;");
      assertOnlyError(
          file,
          "[javagrad:JG313] the right-hand side has type double where int is needed",
          "n += x",
          "/ 2");
    }

    @Test
    @Triggers(Diagnostic.TYPE_MISMATCH)
    void numericConditionIsRejected() {
      JavaFileObject file = method("double x, int n", "if (n) {\n  return x;\n}\nreturn 0;");
      assertOnlyError(
          file,
          "[javagrad:JG313] '(n)' has type int where boolean is needed",
          "if (n)",
          "(n)");
    }

    @Test
    @Triggers(Diagnostic.TYPE_MISMATCH)
    void booleanReturnedAsDoubleIsRejected() {
      JavaFileObject file = method("double x, boolean b", "return b;");
      assertOnlyError(
          file,
          "[javagrad:JG313] 'b' has type boolean where double is needed",
          "return b",
          "b;");
    }

    @Test
    @Triggers(Diagnostic.TYPE_MISMATCH)
    void booleanArgumentToMathFunctionIsRejected() {
      JavaFileObject file = method("double x, boolean b", "return Math.sin(b);");
      assertOnlyError(
          file,
          "[javagrad:JG313] 'b' has type boolean where double is needed",
          "return Math",
          "b)");
    }
  }

  // ------------------------------------------------------------------ calls

  @Nested
  class Calls {
    @Test
    @Triggers(Diagnostic.UNKNOWN_METHOD)
    void unknownMethodIsRejected() {
      JavaFileObject file = method("double x", "return 2 * square(x);");
      assertOnlyError(
          file,
          "[javagrad:JG307] calls square, which is neither a Math function javagrad differentiates"
              + " nor a @Differentiable method\n"
              + "  hint: annotate square with @Differentiable, or compute its value outside and pass"
              + " it in as a parameter",
          "return 2",
          "(x)");
    }

    @Test
    @Triggers(Diagnostic.UNKNOWN_METHOD)
    void unknownMethodOfKnownClassIsRejected() {
      JavaFileObject file = method("double x", "return 2 * C.square(x);");
      assertOnlyError(
          file,
          "[javagrad:JG307] calls C.square, which is neither a Math function",
          "return 2",
          "(x)");
    }

    @Test
    @Triggers(Diagnostic.NOT_DIFFERENTIABLE_CALLEE)
    void callToMethodWithoutAnnotationIsRejected() {
      JavaFileObject file =
          classC(
              """
              static double square(double x) {
                return x * x;
              }

              @Differentiable
              static double f(double x) {
                return 2 * square(x);
              }""");
      assertOnlyError(
          file,
          "[javagrad:JG308] calls C.square(double), which is not @Differentiable\n"
              + "  hint: annotate it with @Differentiable so javagrad can chain through its"
              + " gradient",
          "return 2",
          "(x)");
    }

    @Test
    @Triggers(Diagnostic.NOT_DIFFERENTIABLE_CALLEE)
    void callToLibraryMethodIsRejected() {
      JavaFileObject file = method("double x", "return Double.sum(x, x);");
      assertOnlyError(
          file,
          "[javagrad:JG308] calls Double.sum(double, double), which is not @Differentiable",
          "return Double",
          "(x");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Math, random()", "Math, round(x)", "Math, ulp(x)", "StrictMath, random()"})
    @Triggers(Diagnostic.UNSUPPORTED_MATH_FUNCTION)
    void mathFunctionWithoutDerivativeIsRejected(String owner, String call) {
      JavaFileObject file = method("double x", "return x + " + owner + "." + call + ";");
      String name = call.substring(0, call.indexOf('('));
      assertOnlyError(
          file,
          "[javagrad:JG309] calls " + owner + "." + name + ", which javagrad has no derivative"
              + " for\n"
              + "  hint: supported: sin cos tan asin acos atan atan2 sinh cosh tanh exp expm1 log"
              + " log10 log1p sqrt cbrt pow hypot abs max min signum floor ceil rint copySign"
              + " toRadians toDegrees",
          "return x",
          "(");
    }

    @Test
    @Triggers(Diagnostic.WRONG_ARGUMENT_COUNT)
    void mathFunctionWithTooManyArgumentsIsRejected() {
      JavaFileObject file = method("double x", "return Math.sin(x, x);");
      assertOnlyError(
          file,
          "[javagrad:JG310] calls Math.sin with 2 argument(s); it takes 1\n"
              + "  hint: check the call against the method's declaration",
          "return Math",
          "(");
    }

    @Test
    @Triggers(Diagnostic.WRONG_ARGUMENT_COUNT)
    void differentiableMethodWithTooFewArgumentsIsRejected() {
      JavaFileObject file =
          classC(
              """
              @Differentiable
              static double g(double x, double y) {
                return x * y;
              }

              @Differentiable
              static double f(double x) {
                return g(x);
              }""");
      assertOnlyError(
          file,
          "[javagrad:JG310] calls C.g(double, double) with 1 argument(s); it takes 2",
          "return g",
          "(");
    }

    @Test
    @Triggers(Diagnostic.AMBIGUOUS_CALL)
    void callMatchingTwoOverloadsIsAmbiguous() {
      JavaFileObject file =
          classC(
              """
              @Differentiable
              static double g(double x, long n) {
                return x * n;
              }

              @Differentiable
              static double g(long n, double x) {
                return x * n;
              }

              @Differentiable
              static double f(double x) {
                return x * g(1, 2);
              }""");
      assertOnlyError(
          file,
          "[javagrad:JG311] the call g matches more than one @Differentiable overload\n"
              + "  hint: add a cast to the arguments so exactly one overload applies",
          "x * g(1, 2)",
          "(1");
    }

    @Test
    @Triggers(Diagnostic.CALLEE_NOT_ACCESSIBLE)
    void callToPrivateDifferentiableMethodIsRejectedAtTheCall() {
      JavaFileObject file =
          classC(
              """
              @Differentiable
              private static double g(double x) {
                return x * x;
              }

              @Differentiable
              static double f(double x) {
                return 2 * g(x);
              }""");
      Compilation compilation = compile(file);
      // The callee itself is rejected too (JG110): two errors, one for each method.
      assertThat(compilation).hadErrorCount(2);
      assertThat(compilation)
          .hadErrorContainingMatch(
              textPattern(
                  "[javagrad:JG312] calls C.g(double), which is private; the generated gradient"
                      + " class cannot call it\n"
                      + "  hint: make C.g(double) package-private"))
          .inFile(file)
          .onLine(lineOf(file, "return 2"))
          .atColumn(columnOf(file, "return 2", "(x)"));
      assertThat(compilation)
          .hadErrorContaining("[javagrad:JG110]")
          .inFile(file)
          .onLineContaining("double g(");
    }
    @Test
    @Triggers(Diagnostic.ACTIVE_ARGUMENT_NOT_DIFFERENTIATED)
    void activeArgumentToAParameterOutsideTheCalleesWrtIsRejected() {
      JavaFileObject file =
          classC(
              """
              @Differentiable(wrt = "x")
              static double scale(double x, double factor) {
                return x * factor;
              }

              @Differentiable
              static double f(double x, double y) {
                return scale(x, x * y);
              }""");
      assertOnlyError(
          file,
          "[javagrad:JG315] passes a value that depends on the differentiated inputs to parameter #2"
              + " of C.scale, which that method does not differentiate (see its wrt)\n"
              + "  hint: add that parameter to the wrt list of C.scale (methods returning void or"
              + " double[] differentiate array parameters only), or pass a value that does not"
              + " depend on the inputs",
          "return scale",
          "(");
    }

    @Test
    void constantArgumentToAParameterOutsideTheCalleesWrtIsAccepted() {
      JavaFileObject file =
          classC(
              """
              @Differentiable(wrt = "x")
              static double scale(double x, double factor) {
                return x * factor;
              }

              @Differentiable
              static double f(double x, double y) {
                return scale(x * y, 3);
              }""");
      assertThat(compile(file)).succeededWithoutWarnings();
    }

    @Test
    @Triggers(Diagnostic.CALLEE_PARAMETER_NAMES_UNAVAILABLE)
    void calleeCompiledWithoutParameterNamesAndWithWrtIsRejected(@TempDir Path classes)
        throws Exception {
      // The callee's class comes from an earlier compilation without -g and -parameters (and
      // without javagrad), so its parameters are arg0, arg1 and its wrt list names none of them.
      JavaFileObject callee =
          source(
              "q.Lib",
              """
              package q;

              import io.github.javagrad.Differentiable;

              public class Lib {
                @Differentiable(wrt = "x")
                public static double scale(double x, double factor) {
                  return x * factor;
                }
              }
              """);
      Compilation library = javac().withOptions("-g:none").compile(callee);
      assertThat(library).succeeded();
      Compilations.writeClassFiles(library, classes);
      JavaFileObject caller =
          source(
              "p.C",
              """
              package p;

              import io.github.javagrad.Differentiable;
              import q.Lib;

              class C {
                @Differentiable
                static double f(double x) {
                  return Lib.scale(x, 2);
                }
              }
              """);
      Compilation compilation =
          Compilations.javagrad().withClasspath(Compilations.testClassPathAnd(classes)).compile(caller);
      assertThat(compilation).hadErrorCount(1);
      assertThat(compilation)
          .hadErrorContainingMatch(
              textPattern(
                  "[javagrad:JG314] calls Lib.scale(double, double), whose class file has no"
                      + " parameter names, so its wrt list cannot be matched\n"
                      + "  hint: compile the callee's class with -parameters or -g (Maven and Gradle"
                      + " use -g by default)"))
          .inFile(caller)
          .onLine(lineOf(caller, "return Lib"))
          .atColumn(columnOf(caller, "return Lib", "("));
    }
  }


  // ------------------------------------------------------------------ reporting as a whole

  @Nested
  class Reporting {
    @Test
    @Triggers({
      Diagnostic.UNSUPPORTED_STATEMENT,
      Diagnostic.FLOAT_NOT_SUPPORTED,
      Diagnostic.UNKNOWN_METHOD
    })
    void everyErrorInOneMethodIsReportedInOneCompile() {
      JavaFileObject file =
          method(
              "double x",
              """
              assert x > 1;
              double y = x * 2.0f;
              return square(y);""");
      Compilation compilation = compile(file);
      assertThat(compilation).hadErrorCount(3);
      assertThat(compilation)
          .hadErrorContaining("[javagrad:JG201] Assert")
          .inFile(file)
          .onLineContaining("assert x > 1");
      assertThat(compilation)
          .hadErrorContaining("[javagrad:JG303] float (literal 2.0F)")
          .inFile(file)
          .onLineContaining("double y");
      assertThat(compilation)
          .hadErrorContaining("[javagrad:JG307] calls square")
          .inFile(file)
          .onLineContaining("return square");
    }

    @Test
    void errorsInSeveralMethodsAreAllReported() {
      JavaFileObject file =
          classC(
              """
              @Differentiable
              static double f(double x) {
                return x % 2.0;
              }

              @Differentiable
              static double g(double x) {
                return x * 1.5f;
              }""");
      Compilation compilation = compile(file);
      assertThat(compilation).hadErrorCount(2);
      assertThat(compilation).hadErrorContaining("[javagrad:JG302]").inFile(file).onLineContaining("x % 2.0");
      assertThat(compilation).hadErrorContaining("[javagrad:JG303]").inFile(file).onLineContaining("x * 1.5f");
    }

    @Test
    void errorsAreReportedInTheFileThatHasThem() {
      JavaFileObject good =
          source(
              "p.Good",
              """
              package p;

              import io.github.javagrad.Differentiable;

              class Good {
                @Differentiable
                static double f(double x) {
                  return x * x;
                }
              }
              """);
      JavaFileObject bad =
          source(
              "p.Bad",
              """
              package p;

              import io.github.javagrad.Differentiable;

              class Bad {
                @Differentiable
                static double f(double x) {
                  return x % 2.0;
                }
              }
              """);
      Compilation compilation = compile(good, bad);
      assertThat(compilation).hadErrorCount(1);
      assertThat(compilation)
          .hadErrorContaining("[javagrad:JG302]")
          .inFile(bad)
          .onLineContaining("x % 2.0");
    }

    @Test
    void methodWithErrorsIsSkippedWhileItsSiblingsAreGenerated(@TempDir Path dir) throws Exception {
      JavaFileObject file =
          classC(
              """
              @Differentiable
              static double good(double x) {
                return x * x;
              }

              @Differentiable
              static double bad(double x) {
                return x % 2.0;
              }

              @Differentiable
              static double alsoGood(double x) {
                return Math.sin(x);
              }""");
      DiskCompilation compilation = Compilations.compileToDisk(dir, file);
      assertThat(compilation.success()).isFalse();
      Path companion = compilation.generatedSource("p.CGradients");
      assertThat(Files.exists(companion)).isTrue();
      String generated = Files.readString(companion, UTF_8);
      assertThat(generated).contains("public static Good good(double x)");
      assertThat(generated).contains("public static AlsoGood alsoGood(double x)");
      assertThat(generated).doesNotContain("bad(");
      assertThat(generated).doesNotContain("record Bad");
    }

    @Test
    void classWhoseOnlyMethodHasErrorsGetsNoCompanion(@TempDir Path dir) throws Exception {
      JavaFileObject file = method("double x", "return x % 2.0;");
      DiskCompilation compilation = Compilations.compileToDisk(dir, file);
      assertThat(compilation.success()).isFalse();
      assertThat(Files.exists(compilation.generatedSource("p.CGradients"))).isFalse();
    }
  }
}
