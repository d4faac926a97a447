package io.github.javagrad.processor;


import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
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

  /**
   * Rosenbrock (BENCH-2): the body locals t and u and the temporary 100 t read only x and the
   * index, so nothing is taped; the reverse body then reads nothing the forward loop changes
   * but them, adds only into dX, and needs only dS = seed, so each reverse iteration runs right
   * after its forward one, in one loop, with t, u and 100 t taken from the forward iteration.
   */
  /**
   * Local arrays a counted loop overwrites whole (xc, then y read at the index after its write)
   * are saved whole before the loop and restored whole after its reverse: one array copy each way
   * instead of a tape push and pop per element. The loop over points runs this once per point.
   */
  @Test
  void arraysOverwrittenWholeAreSavedWhole(TestInfo test) {
    assertGolden(
        test,
        "p.Mix",
        """
        package p;

        import io.github.javagrad.Differentiable;

        class Mix {
          @Differentiable(wrt = {"mu", "q"})
          static double loss(double[][] x, double[] mu, double[] q) {
            int d = mu.length;
            double[] xc = new double[d];
            double[] y = new double[d];
            double s = 0;
            for (int n = 0; n < x.length; n++) {
              for (int i = 0; i < d; i++) {
                xc[i] = x[n][i] - mu[i];
                y[i] = q[i] * xc[i];
              }
              for (int i = 0; i < d; i++) {
                s += Math.exp(y[i] * xc[i]);
              }
            }
            return s;
          }
        }
        """,
        "p.MixGradients");
  }

  @Test
  void rosenbrockRecomputesBodyLocals(TestInfo test) {
    assertGolden(
        test,
        "p.Rosen",
        """
        package p;

        import io.github.javagrad.Differentiable;

        class Rosen {
          @Differentiable
          static double rosenbrock(double[] x) {
            double s = 0;
            for (int i = 0; i < x.length - 1; i++) {
              double t = x[i + 1] - x[i] * x[i];
              double u = 1 - x[i];
              s += 100 * t * t + u * u;
            }
            return s;
          }
        }
        """,
        "p.RosenGradients");
  }

  // ------------------------------------------------------------------ golden machinery

  private static void assertGolden(
      TestInfo test, String sourceName, String source, String generatedName) {
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new DifferentiableProcessor())
            .withOptions("-Xlint:all", "-Werror")
            .compile(JavaFileObjects.forSourceString(sourceName, source));
    // The same golden machinery as GoldenTest: exact text, -Djavagrad.updateGoldens=true rewrites.
    Goldens.fromSystemProperties().assertGeneratedMatch(compilation, test, generatedName);
  }
}
