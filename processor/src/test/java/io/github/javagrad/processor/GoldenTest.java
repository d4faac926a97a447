package io.github.javagrad.processor;

import static com.google.common.truth.Truth.assertThat;
import static io.github.javagrad.processor.Compilations.compile;
import static io.github.javagrad.processor.Compilations.source;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Generated companions compared as exact text with golden files, because the generated source is
 * part of the product: users read it, step through it and review it in diffs. See {@link Goldens}
 * for where the goldens live and how to regenerate them.
 */
class GoldenTest {
  private final Goldens goldens = Goldens.fromSystemProperties();

  @Test
  void seedFunction(TestInfo test) {
    Compilation compilation =
        compile(
            source(
                "p.Seed",
                """
                package p;

                import io.github.javagrad.Differentiable;

                class Seed {
                  @Differentiable
                  static double f(double a, double b, double c) {
                    return 3 * (a + b * c);
                  }
                }
                """));
    goldens.assertGeneratedMatch(compilation, test, "p.SeedGradients");
  }

  @Test
  void sigmoid(TestInfo test) {
    Compilation compilation =
        compile(
            source(
                "p.Activation",
                """
                package p;

                import io.github.javagrad.Differentiable;

                class Activation {
                  @Differentiable
                  static double sigmoid(double x) {
                    return 1 / (1 + Math.exp(-x));
                  }
                }
                """));
    goldens.assertGeneratedMatch(compilation, test, "p.ActivationGradients");
  }

  @Test
  void earlyReturnAfterNonTerminalIf(TestInfo test) {
    Compilation compilation =
        compile(
            source(
                "p.Piecewise",
                """
                package p;

                import io.github.javagrad.Differentiable;

                class Piecewise {
                  @Differentiable
                  static double softClip(double x, double limit) {
                    double y = x * x;
                    if (x > limit) {
                      y = y * limit;
                    }
                    if (y > 100) {
                      return 100;
                    }
                    return y + Math.sin(x);
                  }
                }
                """));
    goldens.assertGeneratedMatch(compilation, test, "p.PiecewiseGradients");
  }

  @Test
  void callToDifferentiableMethodOfAnotherClass(TestInfo test) {
    Compilation compilation =
        compile(
            source(
                "p.Model",
                """
                package p;

                import io.github.javagrad.Differentiable;

                class Model {
                  @Differentiable
                  static double loss(double w, double x, double target) {
                    double p = Activations.sigmoid(w * x);
                    double error = p - target;
                    return error * error;
                  }
                }
                """),
            source(
                "p.Activations",
                """
                package p;

                import io.github.javagrad.Differentiable;

                class Activations {
                  @Differentiable
                  static double sigmoid(double z) {
                    return 1 / (1 + Math.exp(-z));
                  }
                }
                """));
    goldens.assertGeneratedMatch(compilation, test, "p.ModelGradients", "p.ActivationsGradients");
  }

  @Test
  void reassignmentWhoseOldValueIsNeededIsSavedAndRestored(TestInfo test) {
    Compilation compilation =
        compile(
            source(
                "p.Square",
                """
                package p;

                import io.github.javagrad.Differentiable;

                class Square {
                  @Differentiable
                  static double squaredSine(double x) {
                    double y = Math.sin(x);
                    y = y * y;
                    return y;
                  }
                }
                """));
    goldens.assertGeneratedMatch(compilation, test, "p.SquareGradients");
  }

  @Test
  void reassignmentWhoseOldValueIsNotNeededSavesNothing(TestInfo test) {
    Compilation compilation =
        compile(
            source(
                "p.Affine",
                """
                package p;

                import io.github.javagrad.Differentiable;

                class Affine {
                  @Differentiable
                  static double scaledSine(double x) {
                    double y = Math.sin(x);
                    y = 3 * y + 1;
                    return y;
                  }
                }
                """));
    goldens.assertGeneratedMatch(compilation, test, "p.AffineGradients");
  }

  @Test
  void voidMethodWritingAnOutputArray(TestInfo test) {
    Compilation compilation =
        compile(
            source(
                "p.Layer",
                """
                package p;

                import io.github.javagrad.Differentiable;

                class Layer {
                  @Differentiable
                  static void affine(double[][] w, double[] x, double[] out) {
                    for (int i = 0; i < out.length; i++) {
                      out[i] = 0;
                      for (int j = 0; j < x.length; j++) {
                        out[i] += w[i][j] * x[j];
                      }
                    }
                  }
                }
                """));
    goldens.assertGeneratedMatch(compilation, test, "p.LayerGradients");
  }

  @Test
  void methodReturningAnArray(TestInfo test) {
    Compilation compilation =
        compile(
            source(
                "p.Softplus",
                """
                package p;

                import io.github.javagrad.Differentiable;

                class Softplus {
                  @Differentiable
                  static double[] softplus(double[] z) {
                    double[] y = new double[z.length];
                    for (int i = 0; i < z.length; i++) {
                      y[i] = Math.log1p(Math.exp(z[i]));
                    }
                    return y;
                  }
                }
                """));
    goldens.assertGeneratedMatch(compilation, test, "p.SoftplusGradients");
  }

  @Test
  void missingGoldenFailsWithThePathItShouldBeAt(TestInfo test) {
    Compilation compilation =
        compile(
            source(
                "p.Unrecorded",
                """
                package p;

                import io.github.javagrad.Differentiable;

                class Unrecorded {
                  @Differentiable
                  static double f(double x) {
                    return x;
                  }
                }
                """));
    AssertionError error =
        assertThrows(
            AssertionError.class,
            () ->
                Goldens.readOnly().assertGeneratedMatch(compilation, test, "p.UnrecordedGradients"));
    assertThat(error)
        .hasMessageThat()
        .contains(
            "it should be at processor/src/test/resources/goldens/GoldenTest/"
                + "missingGoldenFailsWithThePathItShouldBeAt/UnrecordedGradients.java");
    assertThat(error).hasMessageThat().contains("-Djavagrad.updateGoldens=true");
  }

  @Test
  void generatedCodeDifferingFromGoldenOnlyInACommentFails() {
    // One more line before the method moves the source line named in a generated comment
    // (Seed.java:8 becomes Seed.java:9); the code itself is the same.
    Compilation compilation =
        compile(
            source(
                "p.Seed",
                """
                package p;

                import io.github.javagrad.Differentiable;

                class Seed {

                  @Differentiable
                  static double f(double a, double b, double c) {
                    return 3 * (a + b * c);
                  }
                }
                """));
    AssertionError error =
        assertThrows(
            AssertionError.class,
            () ->
                Goldens.readOnly()
                    .assertGeneratedMatch(compilation, "GoldenTest/seedFunction", "p.SeedGradients"));
    assertThat(error).hasMessageThat().contains("Seed.java:9");
  }
}
