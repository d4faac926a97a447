package io.github.javagrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.javagrad.processor.Compilations.classLoaderOf;
import static io.github.javagrad.processor.Compilations.compile;
import static io.github.javagrad.processor.Compilations.contentOf;
import static io.github.javagrad.processor.Compilations.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.github.javagrad.processor.analysis.ScratchArrays;
import io.github.javagrad.processor.emit.MethodSplitter;
import io.github.javagrad.tape.ArrayPool;
import io.github.javagrad.tape.DoubleTape;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Local arrays and their adjoints that cannot escape a pullback come from the thread's {@link
 * ArrayPool}: the results must be bit for bit those of {@code new} (the same sources compiled with
 * pooling off), on the first call and on later calls that reuse dirty arrays, through recursion,
 * exceptions and threads; arrays that may escape keep {@code new}.
 */
class ArrayPoolingTest {
  private static final JavaFileObject SCRATCH = source("t.Scratch", """
      package t;

      import io.github.javagrad.Differentiable;

      final class Scratch {
        private Scratch() {}

        /** A vector, a matrix and an int array of its own, and a call that reads one of them. */
        @Differentiable(wrt = {"w", "m"})
        static double locals(double[] w, double[][] m, int n) {
          double[] h = new double[w.length];
          double[][] q = new double[m.length][w.length];
          int[] idx = new int[w.length];
          for (int i = 0; i < w.length; i++) {
            idx[i] = (i * 7 + n) % w.length;
            h[i] = Math.tanh(w[i] * n);
            for (int j = 0; j < m.length; j++) {
              q[j][i] = m[j][i % m[j].length] * h[i];
            }
          }
          double s = 0;
          for (int j = 0; j < m.length; j++) {
            for (int i = 0; i < w.length; i++) {
              s += q[j][idx[i]] * q[j][i];
            }
          }
          return s + lse(h);
        }

        @Differentiable
        static double lse(double[] v) {
          double max = v[0];
          for (int i = 1; i < v.length; i++) {
            max = Math.max(max, v[i]);
          }
          double sum = 0;
          for (int i = 0; i < v.length; i++) {
            sum += Math.exp(v[i] - max);
          }
          return Math.log(sum) + max;
        }

        /** Recursion through a method with a local array, which it passes to itself. */
        @Differentiable(wrt = "x")
        static double recursive(double[] x, int depth) {
          double[] t = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            t[i] = Math.sin(x[i]) * 1.5 + x[(i + 1) % x.length];
          }
          if (depth <= 0) {
            return lse(t);
          }
          return recursive(t, depth - 1) + t[0] * x[x.length - 1];
        }

        /** Throws mid-loop, after its arrays were taken. */
        @Differentiable
        static double throwing(double[] x) {
          double[] t = new double[x.length];
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            t[i] = x[i] * x[i];
            s += t[i];
            if (s > 10) {
              throw new IllegalStateException("too big at " + i);
            }
          }
          return s * t[0];
        }

        /** A size from an argument: a negative one throws as new does. */
        @Differentiable(wrt = "x")
        static double sized(double[] x, int n) {
          double[][] t = new double[n][x.length];
          double s = 0;
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < x.length; j++) {
              t[i][j] = x[j] * (i + 1);
              s += t[i][j] * x[j];
            }
          }
          return s;
        }

        /** An array declared in a branch: taken at most once per call. */
        @Differentiable
        static double branch(double[] x) {
          double s = x[0];
          if (s > 0) {
            double[] t = new double[x.length];
            for (int i = 0; i < x.length; i++) {
              t[i] = x[i] * s;
            }
            s += t[0] * t[x.length - 1];
          }
          return s * x[1];
        }

        /** Returns its result array: the pullback returns a copy of y, so y itself may be pooled. */
        @Differentiable
        static double[] returned(double[] x) {
          double[] y = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            y[i] = Math.exp(x[i]);
          }
          return y;
        }

        /** Passes its local to a method returning an array, which might return it: not pooled. */
        @Differentiable
        static double passedOn(double[] x) {
          double[] u = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            u[i] = x[i] * 2;
          }
          double[] e = returned(u);
          return e[0] + u[1];
        }
      }
      """);

  private static Compilation pooled;
  private static Compilation unpooled;
  private static ClassLoader loader;
  private static String generated;

  @BeforeAll
  static void compileBoth() {
    pooled = compile(SCRATCH);
    assertThat(pooled).succeededWithoutWarnings();
    unpooled = ScratchArrays.withoutPool(() -> compile(SCRATCH));
    assertThat(unpooled).succeededWithoutWarnings();
    loader = classLoaderOf(pooled);
    generated = contentOf(pooled.generatedSourceFile("t.ScratchGradients").orElseThrow());
  }

  /** The body of one generated method, from its signature to the next method's Javadoc. */
  private static String methodText(String signatureStart) {
    int start = generated.indexOf(signatureStart);
    assertTrue(start >= 0, signatureStart + " in\n" + generated);
    int end = generated.indexOf("/**", start);
    return generated.substring(start, end < 0 ? generated.length() : end);
  }

  @Test
  void nonEscapingArraysComeFromThePoolAndAreReleasedInFinally() {
    String locals = methodText("public static double localsPullback(");
    for (String line : List.of(
        "ArrayPool arrayPool = ArrayPool.forThisThread();",
        "int arrayPoolMark = arrayPool.mark();",
        "double[] h = arrayPool.doubles(w.length);",
        "double[][] q = arrayPool.doubles(m.length, w.length);",
        "int[] idx = arrayPool.ints(w.length);",
        "arrayPool.release(arrayPoolMark);")) {
      assertTrue(locals.contains(line), line + " in\n" + locals);
    }
    assertFalse(locals.contains("new double"), locals);
    assertTrue(locals.matches("(?s).*double\\[] dH = arrayPool\\.doubles\\(h\\.length\\);.*"), locals);
    assertTrue(locals.contains("arrayPool.zerosLike(q)"), locals);
    // rows the generated code hoists out of loops are local aliases: the matrices stay pooled
    String sized = methodText("public static double sizedPullback(");
    for (String line : List.of("double[][] t = arrayPool.doubles(n, x.length);",
        "double[] tI = t[i];", "double[][] dT = arrayPool.zerosLike(t);", "double[] dTI = dT[i];")) {
      assertTrue(sized.contains(line), line + " in\n" + sized);
    }
    // the value-and-gradient method's arrays are the caller's result: never pooled
    String valueAndGradient = methodText("public static Locals locals(");
    assertTrue(valueAndGradient.contains("double[] dW = new double[w.length];"), valueAndGradient);
    assertTrue(valueAndGradient.contains("Adjoints.zerosLike(m)"), valueAndGradient);
  }

  @Test
  void arraysThatMayEscapeKeepNew() {
    String passedOn = methodText("public static double passedOnPullback(");
    assertTrue(passedOn.contains("double[] u = new double[x.length];"), passedOn);
    String returned = methodText("public static double[] returnedPullback(");
    assertTrue(returned.contains("double[] y = arrayPool.doubles(x.length);"), returned);
    assertTrue(returned.contains("Adjoints.copy(y)"), returned);
  }

  // ------------------------------------------------------------------ same results as new

  private static Object[] arguments(Class<?>[] types, int variant) {
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      double base = 0.3 + 0.17 * i - 0.41 * variant;
      Class<?> t = types[i];
      if (t == double.class) {
        args[i] = 1.0 - 0.25 * variant;
      } else if (t == int.class) {
        args[i] = variant == 3 ? -1 : 1 + variant;
      } else if (t == double[].class) {
        args[i] = new double[] {base, -0.5 * base + 0.2, 0.7 - base, 0.1 * variant - 0.3, 0.05};
      } else if (t == double[][].class) {
        args[i] = new double[][] {{base, 0.2, -0.4}, {0.9, -base, 0.1}, {0.3, 0.5, base * base}};
      } else {
        throw new IllegalArgumentException("no argument of " + t);
      }
    }
    if (variant == 4 && types.length > 0 && types[0] == double[].class) {
      args[0] = new double[] {2, 2, 2, 2, 2}; // throwing(...) throws
    }
    return args;
  }

  /** What a call did: its result or exception, and every argument afterwards, bit for bit. */
  private static String outcome(Method m, Object[] args) throws ReflectiveOperationException {
    String result;
    try {
      result = describe(m.invoke(null, args));
    } catch (InvocationTargetException e) {
      result = "threw " + e.getCause();
    }
    return result + " / arguments after: " + describe(args);
  }

  private static String describe(Object value) throws ReflectiveOperationException {
    if (value != null && value.getClass().isRecord()) {
      List<Object> components = new ArrayList<>();
      for (RecordComponent rc : value.getClass().getRecordComponents()) {
        components.add(rc.getAccessor().invoke(value));
      }
      value = components.toArray();
    }
    // hex bits: equal strings mean equal doubles, bit for bit (signed zeros and NaNs included)
    return Arrays.deepToString(bits(new Object[] {value}));
  }

  private static Object[] bits(Object[] values) {
    Object[] out = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      if (v instanceof Double d) {
        out[i] = Long.toHexString(Double.doubleToRawLongBits(d));
      } else if (v instanceof double[] a) {
        out[i] = Arrays.stream(a).mapToObj(x -> Long.toHexString(Double.doubleToRawLongBits(x)))
            .toArray();
      } else if (v instanceof Object[] a) {
        out[i] = bits(a);
      } else {
        out[i] = v;
      }
    }
    return out;
  }

  private static List<Method> companionMethods(ClassLoader l) throws ClassNotFoundException {
    Class<?> companion = l.loadClass("t.ScratchGradients");
    List<Method> methods = new ArrayList<>(Arrays.asList(companion.getMethods()));
    methods.removeIf(m -> m.getDeclaringClass() != companion);
    methods.sort(Comparator.comparing(Method::toString));
    return methods;
  }

  /** Every outcome of every companion method, for each argument variant, in order. */
  private static List<String> outcomes(ClassLoader l) throws Exception {
    List<String> out = new ArrayList<>();
    for (Method m : companionMethods(l)) {
      for (int variant = 0; variant < 5; variant++) {
        out.add(m.getName() + " variant " + variant + ": "
            + outcome(m, arguments(m.getParameterTypes(), variant)));
      }
    }
    return out;
  }

  @Test
  void everyMethodGivesTheResultsOfNewBitForBitOnFirstAndLaterCalls() throws Exception {
    List<String> expected = outcomes(classLoaderOf(unpooled));
    assertTrue(expected.stream().anyMatch(s -> s.contains("NegativeArraySizeException")), "" + expected);
    assertTrue(expected.stream().anyMatch(s -> s.contains("too big at")), "" + expected);
    assertTrue(expected.size() >= 40, "" + expected.size());
    for (int round = 0; round < 3; round++) {
      // later rounds get the arrays earlier calls dirtied
      List<String> actual = outcomes(loader);
      for (int i = 0; i < expected.size(); i++) {
        assertEquals(expected.get(i), actual.get(i), "round " + round);
      }
      assertEquals(0, ArrayPool.forThisThread().mark(), "the pool is released");
      assertEquals(0, DoubleTape.forThisThread().size(), "the tape is truncated");
    }
  }

  @Test
  void anExceptionMidCallLeavesThePoolReleasedAndUsable() throws Exception {
    Method throwing = companionMethods(loader).stream()
        .filter(m -> m.getName().equals("throwingPullback")).findFirst().orElseThrow();
    double[] ok = {0.5, -1, 1.5};
    String before = outcome(throwing, new Object[] {ok.clone(), 1.0, new double[3]});
    int mark = ArrayPool.forThisThread().mark();
    for (int i = 0; i < 3; i++) {
      String thrown = outcome(throwing, new Object[] {new double[] {3, 3, 3}, 1.0, new double[3]});
      assertTrue(thrown.startsWith("threw java.lang.IllegalStateException: too big at 1"), thrown);
      assertEquals(mark, ArrayPool.forThisThread().mark());
    }
    Method sized = companionMethods(loader).stream()
        .filter(m -> m.getName().equals("sizedPullback")).findFirst().orElseThrow();
    String negative = outcome(sized, new Object[] {ok.clone(), -2, 1.0, new double[3]});
    assertTrue(negative.startsWith("threw java.lang.NegativeArraySizeException"), negative);
    assertEquals(mark, ArrayPool.forThisThread().mark());
    assertEquals(before, outcome(throwing, new Object[] {ok.clone(), 1.0, new double[3]}));
  }

  @Test
  void recursionTakesSlotsAboveTheCallersAndGivesTheResultsOfNew() throws Exception {
    Method pooledRecursive = companionMethods(loader).stream()
        .filter(m -> m.getName().equals("recursivePullback")).findFirst().orElseThrow();
    Method newRecursive = companionMethods(classLoaderOf(unpooled)).stream()
        .filter(m -> m.getName().equals("recursivePullback")).findFirst().orElseThrow();
    for (int depth = 0; depth < 6; depth++) {
      Object[] args = {new double[] {0.1, -0.7, 0.4, 1.1}, depth, 0.75, new double[4]};
      Object[] twin = {new double[] {0.1, -0.7, 0.4, 1.1}, depth, 0.75, new double[4]};
      assertEquals(outcome(newRecursive, twin), outcome(pooledRecursive, args), "depth " + depth);
      assertEquals(0, ArrayPool.forThisThread().mark());
    }
  }

  /** Split pullbacks (parts sharing a frame) pass the pool to their parts: same results. */
  @Test
  void finelySplitPullbacksGiveTheResultsOfNew() throws Exception {
    Compilation split = MethodSplitter.withLimits(0, 1, () -> compile(SCRATCH));
    assertThat(split).succeededWithoutWarnings();
    String source = contentOf(split.generatedSourceFile("t.ScratchGradients").orElseThrow());
    assertTrue(source.contains("PullbackPart1("), "nothing was split");
    assertTrue(source.contains("ArrayPool arrayPool"), source);
    List<String> expected = outcomes(classLoaderOf(unpooled));
    ClassLoader splitLoader = classLoaderOf(split);
    for (int round = 0; round < 2; round++) {
      assertEquals(expected, outcomes(splitLoader));
      assertEquals(0, ArrayPool.forThisThread().mark());
    }
  }

  @Test
  void eightThreadsGiveTheSequentialResults() throws Exception {
    List<String> expected = outcomes(loader);
    ExecutorService executor = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<String>>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(executor.submit(() -> {
          List<String> last = null;
          for (int round = 0; round < 20; round++) {
            last = outcomes(loader);
            if (!last.equals(expected)) {
              return last;
            }
          }
          return last;
        }));
      }
      for (Future<List<String>> f : futures) {
        assertEquals(expected, f.get(2, TimeUnit.MINUTES));
      }
    } finally {
      executor.shutdownNow();
    }
  }
}
