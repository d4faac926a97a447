package io.github.javagrad.loops;

import static io.github.javagrad.loops.Checks.assertClose;
import static io.github.javagrad.loops.Checks.filled;
import static io.github.javagrad.loops.Checks.matrix;
import static io.github.javagrad.loops.Checks.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.javagrad.Differentiable;
import io.github.javagrad.GradientCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the reverse sweep records, read off the generated source: read-only inputs are never
 * pushed on a tape, an int counter gets no adjoint, values never overwritten are not taped, and a
 * linear recurrence tapes nothing at all. Each function's gradient is also checked two ways.
 *
 * <p>The generated companion of this class is read as a file from the build's generated test
 * sources ({@code target/generated-test-sources/test-annotations}, where javac writes what the
 * processor generates for test sources).
 */
class ActivityAndRecordingTest {

  /** Horner's rule: only p is overwritten and read in reverse, so only p is taped. */
  @Differentiable
  static double horner(double[] c, double x) {
    double p = 0;
    for (int i = c.length - 1; i >= 0; i--) {
      p = p * x + c[i];
    }
    return p;
  }

  /** An int counter that the result reads: it gets no adjoint. */
  @Differentiable
  static double counter(double x, double target) {
    double s = x;
    int k = 0;
    while (s < target) {
      s = s * 1.5 + x;
      k++;
    }
    return s * k;
  }

  /** A tanh layer: the weights, the input and the targets are read-only. */
  @Differentiable
  static double layer(double[][] w, double[] v, double[] t) {
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

  /** e is computed once and never overwritten; s only accumulates (its old value is not read). */
  @Differentiable
  static double neverOverwritten(double[] c, double x) {
    double e = Math.exp(x);
    double s = 0;
    for (int i = 0; i < c.length; i++) {
      s += e * c[i] * Math.sin(c[i] * e);
    }
    return s;
  }

  /** A linear recurrence: no value is needed in reverse, so nothing is taped. */
  @Differentiable
  static double linear(double x, double y, int n) {
    double s = x;
    for (int k = 0; k < n; k++) {
      s = s * 0.5 + y;
    }
    return s;
  }

  /** v = x[i] in the body is read again from x in reverse instead of being taped. */
  @Differentiable
  static double elementLocal(double[] x, double w) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double v = x[i];
      s = s * w + v * v;
    }
    return s;
  }

  /** Rosenbrock (BENCH-2): t, u and 100 t are computed again in reverse from x, never taped. */
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

  /**
   * Rematerialized locals reading earlier ones (b reads a, which nothing else in reverse reads),
   * a parameter and a local fixed outside the loop, and an outer loop's index and local from an
   * inner loop; h reads the running sum s, which changes, so it is taped.
   */
  @Differentiable
  static double chained(double[][] m, double[] x, double w) {
    double scale = w * 2;
    double s = 0;
    for (int i = 0; i < m.length; i++) {
      double a = x[i] * scale;
      double b = a - w * x[i];
      for (int j = 0; j < m[i].length; j++) {
        double c = m[i][j] * b + m[i][j] / (i + 1);
        s += c * c * x[j];
      }
      double h = s * b;
      s += h * h * 0.01;
    }
    return s;
  }

  /**
   * GMM's scratch arrays: xc and q are overwritten whole at the start of every row, so the
   * partial updates q[j] += ... after that save nothing (the whole overwrite's saves restore q).
   */
  @Differentiable
  static double scratchRows(double[][] x, double[] mu, double[] l) {
    int d = mu.length;
    double[] xc = new double[d];
    double[] q = new double[d];
    double total = 0;
    for (int r = 0; r < x.length; r++) {
      for (int k = 0; k < d; k++) {
        xc[k] = x[r][k] - mu[k];
        q[k] = l[k] * xc[k];
      }
      for (int i = 0; i < d; i++) {
        for (int j = i + 1; j < d; j++) {
          q[j] += l[d + i] * xc[i];
        }
      }
      double sq = 0;
      for (int k = 0; k < d; k++) {
        sq += q[k] * q[k];
      }
      total += Math.log(1 + sq);
    }
    return total;
  }

  /**
   * Not overwritten whole: the first loop stops one short of the end, and the second reads p in
   * reverse inside the overwrite, so every later write to p saves as before.
   */
  @Differentiable
  static double partialRows(double[][] x, double[] w) {
    int d = w.length;
    double[] p = new double[d];
    double[] q = new double[d];
    double total = 0;
    for (int r = 0; r < x.length; r++) {
      for (int k = 0; k < d - 1; k++) {
        p[k] = x[r][k] * w[k];
      }
      for (int k = 0; k < d; k++) {
        q[k] = x[r][k] * w[k];
        total += q[k] * q[k];
      }
      for (int k = 0; k < d; k++) {
        p[k] += w[k];
        q[k] += w[k];
      }
      for (int k = 0; k < d; k++) {
        total += p[k] * p[k] + q[k] * q[k];
      }
    }
    return total;
  }

  /** Fused: the reverse of the loop needs only dS = seed and adds into dX and dW. */
  @Differentiable
  static double weightedTerms(double[] x, double w) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double v = x[i] * w - 1;
      s += v * v * x[i];
    }
    double c = Math.exp(w);
    return s + c;
  }

  /** Not fused: dS = 2 s seed needs the loop's result, so the reverse loop runs afterwards. */
  @Differentiable
  static double squaredSum(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double v = x[i] * x[i] - 1;
      s += v * v;
    }
    return s * s;
  }

  /**
   * dX[i] += ... over the inner j loop is summed in a local and added once after it. x may be
   * one shorter than c: the last row's inner loop runs zero times and never reads x[i], so its
   * reverse must not touch dX[i] either.
   */
  @Differentiable
  static double upperTriangle(double[] x, double[] c) {
    double s = 0;
    for (int i = 0; i < c.length; i++) {
      double r = 0;
      for (int j = i + 1; j < c.length; j++) {
        r += c[j] * x[i];
      }
      s += r * r;
    }
    return s;
  }

  /**
   * BENCH-3: h[j] = tanh(a) and e[r][j] = exp(...): the reverse reads the results back from the
   * elements, before restoring them, instead of calling tanh and exp again; the rows of e are
   * written one element per inner iteration, so nothing of e is saved.
   */
  @Differentiable
  static double tanhRows(double[][] w, double[] x) {
    double[] h = new double[w.length];
    double[][] e = new double[2][w.length];
    double total = 0;
    for (int r = 0; r < 2; r++) {
      for (int j = 0; j < w.length; j++) {
        double a = 0;
        for (int i = 0; i < x.length; i++) {
          a += w[j][i] * x[i] * (r + 1);
        }
        h[j] = Math.tanh(a);
        e[r][j] = Math.exp(h[j] * 0.5);
      }
      for (int j = 0; j < w.length; j++) {
        total += h[j] * e[r][j];
      }
    }
    return total;
  }

  // ------------------------------------------------------------------ the generated source

  private static String generated;

  @BeforeAll
  static void readGeneratedSource() throws IOException {
    Path module = Paths.get(System.getProperty("basedir", System.getProperty("user.dir")));
    String file = "io/github/javagrad/loops/ActivityAndRecordingTestGradients.java";
    for (String dir :
        new String[] {
          "target/generated-test-sources/test-annotations", "target/generated-sources/annotations"
        }) {
      Path p = module.resolve(dir).resolve(file);
      if (Files.exists(p)) {
        generated = Files.readString(p, StandardCharsets.UTF_8);
        return;
      }
    }
    fail("generated source " + file + " not found under " + module.resolve("target"));
  }

  /** The text of the generated pullback of {@code method}, from its signature to its end. */
  private static String pullback(String method) {
    Matcher m = Pattern.compile("public static \\w+ " + method + "Pullback\\(").matcher(generated);
    assertTrue(m.find(), "no pullback for " + method);
    int end = generated.indexOf("\n    }\n", m.start());
    return generated.substring(m.start(), end);
  }

  /** The argument of every {@code xxxTape.push(...)} in {@code code}. */
  private static List<String> pushes(String code) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("(\\w+)\\.push\\((.*)\\);").matcher(code);
    while (m.find()) {
      out.add(m.group(2));
    }
    return out;
  }

  private static void assertNoPushMentions(String method, String... names) {
    for (String push : pushes(pullback(method))) {
      for (String name : names) {
        assertFalse(
            Pattern.compile("\\b" + name + "\\b").matcher(push).find(),
            method + ": a tape push mentions " + name + ": push(" + push + ")");
      }
    }
  }

  // ------------------------------------------------------------------ tests

  @Test
  void hornerTapesOnlyTheAccumulator() {
    String code = pullback("horner");
    assertEquals(List.of("p"), pushes(code), code);
    assertNoPushMentions("horner", "c", "x");
    // And the gradient: dC_k = x^k, dX = p'(x).
    double[] c = {1, -2, 0.5, 3};
    double x = 0.75;
    ActivityAndRecordingTestGradients.Horner g = ActivityAndRecordingTestGradients.horner(c, x);
    assertEquals(1 - 2 * x + 0.5 * x * x + 3 * x * x * x, g.value(), 1e-15);
    assertClose(new double[] {1, x, x * x, x * x * x}, g.dC(), 1e-15, "dC");
    assertEquals(-2 + x + 9 * x * x, g.dX(), 1e-15);
    GradientCheck.of(p -> ActivityAndRecordingTestGradients.horner(slice(p, 0, 4), p[4]))
        .assertAtRandomPoints(10, filled(5, -2), filled(5, 2), 1L);
  }

  @Test
  void intCounterHasNoAdjoint() {
    String code = pullback("counter");
    assertFalse(Pattern.compile("\\bdK\\b").matcher(code).find(), code);
    assertFalse(code.contains("IntTape"), code);
    // s_k = 1.5 s_{k-1} + x from s_0 = x: s_k = x (3 * 1.5^k - 2); value s_k k.
    double x = 0.5;
    int k = 0;
    double s = x;
    while (s < 10) {
      s = s * 1.5 + x;
      k++;
    }
    ActivityAndRecordingTestGradients.Counter g = ActivityAndRecordingTestGradients.counter(x, 10);
    assertEquals(s * k, g.value(), 0.0);
    assertEquals(k * (3 * Math.pow(1.5, k) - 2), g.dX(), 1e-12);
    assertEquals(0.0, g.dTarget(), 0.0);
    GradientCheck.of(p -> ActivityAndRecordingTestGradients.counter(p[0], p[1]))
        .parameterNames("x", "target")
        .assertAtRandomPoints(20, new double[] {0.1, 1}, new double[] {1, 50}, 2L);
  }

  @Test
  void readOnlyArraysAreNeverTaped() {
    assertNoPushMentions("layer", "w", "v", "t");
    assertNoPushMentions("neverOverwritten", "c");
    assertNoPushMentions("elementLocal", "x");
    double[][] w = {{0.5, -1}, {1.5, 0.25}, {-0.75, 1}};
    double[] v = {0.3, -0.6};
    double[] t = {0.1, -0.4, 0.2};
    ActivityAndRecordingTestGradients.Layer g = ActivityAndRecordingTestGradients.layer(w, v, t);
    double[] dV = new double[2];
    for (int i = 0; i < 3; i++) {
      double h = Math.tanh(w[i][0] * v[0] + w[i][1] * v[1]);
      double dz = 2 * (h - t[i]) * (1 - h * h);
      dV[0] += dz * w[i][0];
      dV[1] += dz * w[i][1];
    }
    assertClose(dV, g.dV(), 1e-15, "dV");
    GradientCheck.of(
            p ->
                ActivityAndRecordingTestGradients.layer(
                    matrix(p, 0, 3, 2), slice(p, 6, 8), slice(p, 8, 11)))
        .assertAtRandomPoints(10, filled(11, -1.5), filled(11, 1.5), 3L);
  }

  @Test
  void valuesNeverOverwrittenAreNotTaped() {
    assertNoPushMentions("neverOverwritten", "e", "s");
    double[] c = {0.5, -1, 2};
    double x = 0.3;
    double e = Math.exp(x);
    double dX = 0;
    double[] dC = new double[3];
    for (int i = 0; i < 3; i++) {
      // term = e c sin(c e): d/dc = e sin(ce) + e c cos(ce) e; d/de = c sin(ce) + c^2 e cos(ce)
      double ce = c[i] * e;
      dC[i] = e * Math.sin(ce) + e * ce * Math.cos(ce);
      dX += (c[i] * Math.sin(ce) + c[i] * ce * Math.cos(ce)) * e;
    }
    ActivityAndRecordingTestGradients.NeverOverwritten g =
        ActivityAndRecordingTestGradients.neverOverwritten(c, x);
    assertClose(dC, g.dC(), 1e-15, "dC");
    assertClose(dX, g.dX(), 1e-14, "dX");
    GradientCheck.of(p -> ActivityAndRecordingTestGradients.neverOverwritten(slice(p, 0, 3), p[3]))
        .assertAtRandomPoints(10, filled(4, -1.5), filled(4, 1.5), 4L);
  }

  @Test
  void linearRecurrenceTapesNothing() {
    String code = pullback("linear");
    assertFalse(code.contains("Tape"), code);
    // s_n = x / 2^n + y (2 - 2 / 2^n)
    ActivityAndRecordingTestGradients.Linear g = ActivityAndRecordingTestGradients.linear(3, 1, 6);
    assertEquals(Math.pow(0.5, 6), g.dX(), 0.0);
    assertEquals(2 - 2 * Math.pow(0.5, 6), g.dY(), 1e-15);
    GradientCheck.of(p -> ActivityAndRecordingTestGradients.linear(p[0], p[1], 6))
        .parameterNames("x", "y")
        .assertAtRandomPoints(10, -2, 2, 5L);
  }

  @Test
  void elementCopiedIntoABodyLocalIsReadAgainNotTaped() {
    String code = pullback("elementLocal");
    // s is taped (s * w needs it back); v is recomputed from x[i].
    assertEquals(List.of("s"), pushes(code), code);
    double[] x = {1, -0.5, 2};
    double w = 0.5;
    // s = (x0^2 w + x1^2) w + x2^2
    ActivityAndRecordingTestGradients.ElementLocal g =
        ActivityAndRecordingTestGradients.elementLocal(x, w);
    assertClose(new double[] {2 * x[0] * w * w, 2 * x[1] * w, 2 * x[2]}, g.dX(), 1e-15, "dX");
    assertEquals(2 * x[0] * x[0] * w + x[1] * x[1], g.dW(), 1e-15);
    GradientCheck.of(p -> ActivityAndRecordingTestGradients.elementLocal(slice(p, 0, 3), p[3]))
        .assertAtRandomPoints(10, filled(4, -2), filled(4, 2), 6L);
  }

  @Test
  void rosenbrockLocalsAreComputedAgainNotTaped() {
    String code = pullback("rosenbrock");
    assertFalse(code.contains("Tape"), code);
    double[] x = {1.2, -0.7, 0.4, 2.0};
    double[] dX = new double[4];
    for (int i = 0; i < 3; i++) {
      double t = x[i + 1] - x[i] * x[i];
      dX[i] += -400 * t * x[i] - 2 * (1 - x[i]);
      dX[i + 1] += 200 * t;
    }
    assertClose(dX, ActivityAndRecordingTestGradients.rosenbrock(x).dX(), 1e-12, "dX");
    GradientCheck.of(p -> ActivityAndRecordingTestGradients.rosenbrock(p))
        .assertAtRandomPoints(10, filled(5, -2), filled(5, 2), 7L);
  }

  @Test
  void chainedRematerializedLocalsStayCorrect() {
    String code = pullback("chained");
    // Only what reads the running sum is taped, never a, b, c or scale.
    assertNoPushMentions("chained", "a", "b", "c", "scale");
    // a is computed again in the reverse iteration for b, which reads it, although nothing else does.
    assertEquals(2L, Pattern.compile("(?m)^\\s+double a = x\\[i\\] \\* scale;").matcher(code).results().count(),
        code);
    GradientCheck.of(
            p ->
                ActivityAndRecordingTestGradients.chained(
                    matrix(p, 0, 3, 2), slice(p, 6, 9), p[9]))
        .assertAtRandomPoints(10, filled(10, -1.5), filled(10, 1.5), 8L);
  }

  @Test
  void wholeOverwriteRestartsAnArraysReadFlag() {
    String code = pullback("scratchRows");
    // xc and q are overwritten whole for each row: saved whole, one array copy each
    // (Adjoints.push); 1 + sq is taped for the log's derivative; q[j] += ... saves nothing.
    assertEquals(List.of("doubleTape, xc", "doubleTape, q", "sum"), pushes(code), code);
    GradientCheck.of(
            p ->
                ActivityAndRecordingTestGradients.scratchRows(
                    matrix(p, 0, 2, 3), slice(p, 6, 9), slice(p, 9, 15)))
        .assertAtRandomPoints(10, filled(15, -1.5), filled(15, 1.5), 9L);
  }

  @Test
  void partialOrReadOverwritesKeepTheirSaves() {
    String code = pullback("partialRows");
    // p[k] = ... covers all but the last element: saved per element; q[k] = ... covers q and is
    // read only at its index after the write: saved whole; the partial updates p[k] += w[k],
    // q[k] += w[k] save per element.
    assertEquals(List.of("p[k]", "doubleTape, q", "p[k3]", "q[k3]"), pushes(code), code);
    GradientCheck.of(
            p ->
                ActivityAndRecordingTestGradients.partialRows(matrix(p, 0, 3, 3), slice(p, 9, 12)))
        .assertAtRandomPoints(10, filled(12, -1.5), filled(12, 1.5), 10L);
  }

  @Test
  void aLoopWhoseReverseNeedsOnlyTheSeedRunsOnce() {
    String code = pullback("weightedTerms");
    assertFalse(code.contains("Tape"), code);
    assertEquals(1, Pattern.compile("(?m)^\\s+for \\(").matcher(code).results().count(), code);
    double[] x = {0.5, -1.25, 2};
    double w = 0.75;
    double[] dX = new double[3];
    double dW = Math.exp(w);
    for (int i = 0; i < 3; i++) {
      double v = x[i] * w - 1;
      dX[i] = 2 * v * w * x[i] + v * v;
      dW += 2 * v * x[i] * x[i];
    }
    ActivityAndRecordingTestGradients.WeightedTerms g =
        ActivityAndRecordingTestGradients.weightedTerms(x, w);
    assertClose(dX, g.dX(), 1e-14, "dX");
    assertEquals(dW, g.dW(), 1e-14);
    // A pullback adds into the caller's arrays, whatever they held.
    double[] into = {1, 2, 3};
    ActivityAndRecordingTestGradients.weightedTermsPullback(x, w, 2.0, into);
    assertClose(new double[] {1 + 2 * dX[0], 2 + 2 * dX[1], 3 + 2 * dX[2]}, into, 1e-14, "into");
    GradientCheck.of(p -> ActivityAndRecordingTestGradients.weightedTerms(slice(p, 0, 3), p[3]))
        .assertAtRandomPoints(10, filled(4, -1.5), filled(4, 1.5), 11L);
  }

  @Test
  void aLoopWhoseReverseNeedsItsResultStaysTwoLoops() {
    String code = pullback("squaredSum");
    assertEquals(2, Pattern.compile("(?m)^\\s+for \\(").matcher(code).results().count(), code);
    GradientCheck.of(p -> ActivityAndRecordingTestGradients.squaredSum(p))
        .assertAtRandomPoints(10, filled(4, -1.5), filled(4, 1.5), 12L);
  }

  @Test
  void anInvariantElementIsSummedInALocalOverTheInnerLoop() {
    String code = pullback("upperTriangle");
    assertTrue(code.contains("dXSum += "), code);
    assertTrue(code.contains("if (dXSum != 0.0) {"), code);
    double[] x = {0.5, -1.25};
    double[] c = {0.3, 1.5, -0.75};
    double[] dX = new double[2];
    double[] dC = new double[3];
    for (int i = 0; i < 3; i++) {
      double r = 0;
      for (int j = i + 1; j < 3; j++) {
        r += c[j] * x[i];
      }
      for (int j = i + 1; j < 3; j++) {
        dX[i] += 2 * r * c[j];
        dC[j] += 2 * r * x[i];
      }
    }
    ActivityAndRecordingTestGradients.UpperTriangle g =
        ActivityAndRecordingTestGradients.upperTriangle(x, c);
    assertClose(dX, g.dX(), 1e-14, "dX");
    assertClose(dC, g.dC(), 1e-14, "dC");
    GradientCheck.of(
            p -> ActivityAndRecordingTestGradients.upperTriangle(slice(p, 0, 2), slice(p, 2, 5)))
        .assertAtRandomPoints(10, filled(5, -1.5), filled(5, 1.5), 13L);
  }

  @Test
  void elementResultsAreReadBackNotComputedAgain() {
    String code = pullback("tanhRows");
    // Once each, in the forward sweep (source comments aside).
    for (String call : List.of("Math.tanh(", "Math.exp(")) {
      assertEquals(1, code.lines().filter(l -> !l.trim().startsWith("//") && l.contains(call))
          .count(), code);
    }
    assertNoPushMentions("tanhRows", "e");
    GradientCheck.of(
            p -> ActivityAndRecordingTestGradients.tanhRows(matrix(p, 0, 3, 2), slice(p, 6, 8)))
        .assertAtRandomPoints(10, filled(8, -1.5), filled(8, 1.5), 14L);
  }
}
