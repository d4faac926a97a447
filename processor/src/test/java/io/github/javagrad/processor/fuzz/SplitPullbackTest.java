package io.github.javagrad.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.github.javagrad.processor.emit.MethodSplitter;
import io.github.javagrad.processor.fuzz.Oracle.Case;
import io.github.javagrad.processor.fuzz.Oracle.Outcome;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HOSTILE-3: a pullback too large for one JVM method is split into part methods that share a
 * frame. Splitting must not change a single bit of any result, so these tests split small methods
 * as finely as possible (every statement that can move becomes its own part, every loop and
 * {@code if} is split inside) and compare them with the unsplit ones and with the oracle.
 */
class SplitPullbackTest {
  /** Split every pullback, into parts of one statement each. */
  private static <T> T finelySplit(java.util.function.Supplier<T> compilation) {
    return MethodSplitter.withLimits(0, 1, compilation);
  }

  private static String lastSplitSource;

  private static ClassLoader compile(String className, String source, boolean split) {
    java.util.function.Supplier<Compilation> c =
        () -> FuzzCompiler.withProcessor(List.of(FuzzCompiler.source(className, source)));
    Compilation compilation = split ? finelySplit(c) : c.get();
    assertEquals(Compilation.Status.SUCCESS, compilation.status(), Oracle.describe(compilation.diagnostics()));
    if (split) {
      String generated = FuzzCompiler.generatedSource(compilation, className + "Gradients");
      assertTrue(generated.contains("PullbackPart1("), "nothing was split");
      lastSplitSource = generated;
    }
    return FuzzCompiler.classLoaderOf(compilation);
  }

  /** Arguments of the given types, the same for every call with the same {@code variant}. */
  private static Object[] arguments(Class<?>[] types, int variant) {
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      double base = 0.3 + 0.17 * i - 0.41 * variant;
      Class<?> t = types[i];
      if (t == double.class) {
        args[i] = base;
      } else if (t == int.class) {
        args[i] = 3 + variant;
      } else if (t == long.class) {
        args[i] = 3L + variant;
      } else if (t == boolean.class) {
        args[i] = variant % 2 == 0;
      } else if (t == double[].class) {
        args[i] = new double[] {base, -0.5 * base + 0.2, 0.7 - base, 0.1 * variant - 0.3};
      } else if (t == double[][].class) {
        args[i] = new double[][] {{base, 0.2, -0.4}, {0.9, -base, 0.1}, {0.3, 0.5, base * base}};
      } else if (t == int[].class) {
        args[i] = new int[] {1, 2, 0, 3};
      } else {
        throw new IllegalArgumentException("no argument of " + t);
      }
    }
    return args;
  }

  /** What a call did: its result, or its exception, and every argument afterwards. */
  private static String outcome(Method m, Object[] args) throws ReflectiveOperationException {
    String result;
    try {
      result = describe(m.invoke(null, args));
    } catch (InvocationTargetException e) {
      result = "threw " + e.getCause().getClass().getName();
    }
    return result + " / arguments after: " + Arrays.deepToString(args);
  }

  private static String describe(Object value) throws ReflectiveOperationException {
    if (value != null && value.getClass().isRecord()) {
      List<Object> components = new ArrayList<>();
      for (RecordComponent rc : value.getClass().getRecordComponents()) {
        components.add(rc.getAccessor().invoke(value));
      }
      return Arrays.deepToString(components.toArray());
    }
    return Arrays.deepToString(new Object[] {value});
  }

  /** Every public method of the companion gives bit-for-bit the same outcome split and unsplit. */
  /** Returns the split companion's source. */
  private static String assertSameResults(String className, String source) throws Exception {
    Class<?> plain = compile(className, source, false).loadClass(className + "Gradients");
    Class<?> split = compile(className, source, true).loadClass(className + "Gradients");
    List<Method> methods = new ArrayList<>(Arrays.asList(plain.getMethods()));
    methods.removeIf(m -> m.getDeclaringClass() != plain);
    methods.sort(Comparator.comparing(Method::toString));
    assertTrue(methods.size() >= 4);
    for (Method m : methods) {
      Method twin = split.getMethod(m.getName(), m.getParameterTypes());
      for (int variant = 0; variant < 3; variant++) {
        Object[] args = arguments(m.getParameterTypes(), variant);
        assertEquals(outcome(m, args), outcome(twin, arguments(m.getParameterTypes(), variant)),
            m + " variant " + variant);
      }
    }
    return lastSplitSource;
  }

  @Test
  void finelySplitPullbacksOfEdgeCasesGiveIdenticalResults() throws Exception {
    assertSameResults("h.Edges", edges());
  }

  @Test
  void finelySplitPullbacksOfLoopsBranchesAndArraysGiveIdenticalResults() throws Exception {
    assertSameResults("h.Shapes", HostileInputsTest.shapes(24));
  }

  /**
   * Names the split must not clash with: a local named {@code frame}, methods named like the parts
   * and the frame class of another method's pullback; and a method with so many parameters that
   * its parts cannot take them all (a JVM method takes at most 255 slots), so they travel in the
   * frame.
   */
  @Test
  void finelySplitPullbacksAvoidClashesAndCarryManyParametersInTheFrame() throws Exception {
    StringBuilder many = new StringBuilder("  @Differentiable\n  static double many(int n");
    for (int i = 0; i < 126; i++) {
      many.append(", double x").append(i);
    }
    many.append(") {\n    double s = 0;\n    for (int i = 0; i < n; i++) {\n"
        + "      s = Math.sin(s) * x0 + x1 * i;\n    }\n    x2 = x2 * s;\n    return s");
    for (int i = 2; i < 126; i++) {
      many.append(" + x").append(i);
    }
    many.append(";\n  }\n");
    String source = "package h;\n\nimport io.github.javagrad.Differentiable;\n\nfinal class Names {\n"
        + "  private Names() {}\n\n"
        + "  @Differentiable\n  static double f(double x, double frame) {\n"
        + "    double fPullbackPart1 = x * frame;\n    double y = Math.sin(fPullbackPart1);\n"
        + "    for (int i = 0; i < 3; i++) {\n      y = y * x + frame;\n    }\n    return y * y;\n  }\n\n"
        + "  @Differentiable\n  static double fPullbackPart1(double x) {\n    return f(x, 2 * x) * x;\n  }\n\n"
        + "  @Differentiable\n  static double fPullbackFrame(double x) {\n    return x * fPullbackPart1(x);\n  }\n\n"
        + many
        + "}\n";
    String generated = assertSameResults("h.Names", source);
    for (String name : List.of("class FPullbackFrame_2 ", " fPullbackPart1_2(", "FPullbackFrame_2 frame2")) {
      assertTrue(generated.contains(name), name);
    }
  }

  /** Throws stay in the pullback (javac must see them end their path); the rest moves around them. */
  @Test
  void finelySplitPullbacksThatThrowGiveIdenticalResultsAndExceptions() throws Exception {
    String source = """
        package h;

        import io.github.javagrad.Differentiable;

        final class Throws {
          private Throws() {}

          @Differentiable
          static double guarded(double x, double y) {
            double s = x * y;
            if (x < 0) {
              throw new IllegalArgumentException("negative " + s);
            }
            s = Math.sin(s) + y;
            return s * x;
          }

          @Differentiable
          static double reassigned(double x, double y) {
            x = x * 2 + y;
            if (x < 0.2) {
              throw new ArithmeticException("small " + x);
            }
            double t = Math.exp(x);
            return t * y;
          }

          @Differentiable
          static double inLoop(double[] w, double x) {
            double s = 0;
            for (int i = 0; i < w.length; i++) {
              s += w[i] * x;
              if (s < -0.2) {
                throw new IllegalStateException("diverged at " + i);
              }
              s = Math.tanh(s);
            }
            return s;
          }
        }
        """;
    String generated = assertSameResults("h.Throws", source);
    assertTrue(generated.contains("throw Adjoints.replayed("), generated);
  }

  private static String edges() throws Exception {
    java.lang.reflect.Field f = HostileInputsTest.class.getDeclaredField("EDGES");
    f.setAccessible(true);
    return (String) f.get(null);
  }

  /**
   * Random programs of the fuzzer (loops, breaks, tapes, calls, arrays), every pullback split into
   * parts of one statement each or of a few, judged by the oracle against the original methods
   * and finite differences. {@code -Djavagrad.fuzz.splitPrograms=n} sets how many per target.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 40})
  void splitRandomProgramsPassTheOracle(int partTarget) {
    int programs = Integer.getInteger("javagrad.fuzz.splitPrograms", 40);
    long seed = Long.getLong("javagrad.fuzz.seed", DifferentialFuzzTest.DEFAULT_SEED) ^ (0x5b117L * partTarget);
    Oracle oracle = new Oracle(new Oracle.Stats());
    List<String> failures = new ArrayList<>();
    for (int from = 0; from < programs; from += 20) {
      List<Case> cases = new ArrayList<>();
      for (int i = from; i < Math.min(programs, from + 20); i++) {
        cases.add(DifferentialFuzzTest.caseOf(DifferentialFuzzTest.program(seed, i)));
      }
      List<Outcome> outcomes = MethodSplitter.withLimits(0, partTarget, () -> oracle.judgeAll(cases));
      for (int k = 0; k < cases.size(); k++) {
        Outcome o = outcomes.get(k);
        if (o.kind().processorBug) {
          failures.add(cases.get(k).className() + ": " + o.kind() + " " + o.where() + "\n" + o.detail()
              + "\n" + cases.get(k).source());
        }
      }
    }
    assertTrue(failures.isEmpty(), failures.size() + " failing programs:\n" + String.join("\n\n", failures));
  }
}
