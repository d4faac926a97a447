package io.github.javagrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Generated companions of loop code compared as exact text with golden files, comments and layout
 * included: users read this code, step through it and review it in diffs.
 *
 * <p>Goldens live in {@code src/test/resources/goldens/LoopGoldenTest/<testMethod>/<File>.java}.
 * Run with {@code -Djavagrad.updateGoldens=true} to (re)write them, e.g. {@code mvn -pl
 * runtime,processor verify -Dtest=LoopGoldenTest -Djavagrad.updateGoldens=true}, then review the
 * diff by eye before committing.
 */
class LoopGoldenTest {
  private static final String UPDATE_PROPERTY = "javagrad.updateGoldens";
  private static final Path SOURCE_ROOT = Paths.get("src", "test", "resources", "goldens");

  /** Horner's rule: a counted loop reversed on its index; only p is taped, c and x are not. */
  @Test
  void horner(TestInfo test) {
    assertGolden(
        test,
        "p.Poly",
        """
        package p;

        import io.github.javagrad.Differentiable;

        class Poly {
          @Differentiable
          static double horner(double[] c, double x) {
            double p = 0;
            for (int i = c.length - 1; i >= 0; i--) {
              p = p * x + c[i];
            }
            return p;
          }
        }
        """,
        "p.PolyGradients");
  }

  /** A while loop whose trip count depends on the data: the reverse sweep counts iterations. */
  @Test
  void whileLoopWithDataDependentTripCount(TestInfo test) {
    assertGolden(
        test,
        "p.Growth",
        """
        package p;

        import io.github.javagrad.Differentiable;

        class Growth {
          @Differentiable
          static double grow(double x, double target) {
            double s = x;
            int k = 0;
            while (s < target) {
              s = s * 1.5 + x;
              k++;
            }
            return s * k;
          }
        }
        """,
        "p.GrowthGradients");
  }

  /** A loop with a break: the outcome of the if is recorded on a branch tape. */
  @Test
  void loopWithBreak(TestInfo test) {
    assertGolden(
        test,
        "p.Search",
        """
        package p;

        import io.github.javagrad.Differentiable;

        class Search {
          @Differentiable
          static double untilAbove(double[] a, double x, double limit) {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
              s = s * x + a[i];
              if (s > limit) {
                break;
              }
            }
            return s;
          }
        }
        """,
        "p.SearchGradients");
  }

  /** A tanh layer: array parameters, adjoint arrays as pullback parameters, nested loops. */
  @Test
  void matVecWithTanh(TestInfo test) {
    assertGolden(
        test,
        "p.Layer",
        """
        package p;

        import io.github.javagrad.Differentiable;

        class Layer {
          @Differentiable
          static double loss(double[][] w, double[] v, double[] t) {
            double loss = 0;
            for (int i = 0; i < w.length; i++) {
              double z = 0;
              for (int j = 0; j < v.length; j++) {
                z += w[i][j] * v[j];
              }
              double d = Math.tanh(z) - t[i];
              loss += d * d;
            }
            return loss;
          }
        }
        """,
        "p.LayerGradients");
  }

  // ------------------------------------------------------------------ golden machinery

  private static void assertGolden(
      TestInfo test, String sourceName, String source, String generatedName) {
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new DifferentiableProcessor())
            .withOptions("-Xlint:all", "-Werror")
            .compile(JavaFileObjects.forSourceString(sourceName, source));
    assertThat(compilation).succeededWithoutWarnings();
    String actual;
    try {
      actual =
          compilation.generatedSourceFile(generatedName).orElseThrow().getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String relative =
        test.getTestClass().orElseThrow().getSimpleName()
            + "/"
            + test.getTestMethod().orElseThrow().getName()
            + "/"
            + generatedName.substring(generatedName.lastIndexOf('.') + 1)
            + ".java";
    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      Path module = Paths.get(System.getProperty("basedir", System.getProperty("user.dir")));
      Path target = module.resolve(SOURCE_ROOT).resolve(relative);
      try {
        Files.createDirectories(target.getParent());
        Files.writeString(target, actual, UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      System.out.println("[goldens] wrote " + target);
      return;
    }
    String golden = readGolden(relative);
    if (golden == null) {
      throw new AssertionError(
          "No golden file for "
              + generatedName
              + ": it should be at processor/"
              + SOURCE_ROOT.resolve(relative).toString().replace('\\', '/')
              + ". Run the test with -D"
              + UPDATE_PROPERTY
              + "=true to write it, then review it.");
    }
    assertThat(compilation)
        .generatedSourceFile(generatedName)
        .contentsAsUtf8String()
        .isEqualTo(golden);
  }

  /** The golden's text from the test class path, or null when there is none. */
  private static String readGolden(String relative) {
    try (InputStream in =
        LoopGoldenTest.class.getClassLoader().getResourceAsStream("goldens/" + relative)) {
      return in == null ? null : new String(in.readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
