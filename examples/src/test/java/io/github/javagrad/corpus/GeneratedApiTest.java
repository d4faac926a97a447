package io.github.javagrad.corpus;

import static io.github.javagrad.corpus.Check.close;
import static io.github.javagrad.corpus.Check.exact;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.javagrad.ValueAndGradient;
import io.github.javagrad.corpus.other.KernelsGradients;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties every generated method in the corpus must have, checked by reflection so that no
 * function is forgotten: the value equals the original method's result bit for bit; {@code
 * mPullback(..., seed)} is {@code seed} times {@code m(...)}'s gradient and has the same value;
 * {@code m(...)} equals {@code mPullback(..., 1.0)}; {@code gradient()} lists the record's partial
 * components in order; NaN and infinite inputs never throw.
 */
class GeneratedApiTest {

  private static final Class<?>[] COMPANIONS = {
    MathFnsGradients.class,
    MathFnsStaticImportGradients.class,
    StrictMathFnsStaticImportGradients.class,
    OperatorFnsGradients.class,
    ControlFlowFnsGradients.class,
    ReassignFnsGradients.class,
    CallFnsGradients.class,
    CallTargetsGradients.class,
    StaticImportCallsGradients.class,
    ShadowFnsGradients.class,
    ShadowStaticImportGradients.class,
    ShadowNestedMathGradients.class,
    ShadowNestedMath_MathGradients.class,
    ActivityFnsGradients.class,
    EnclosingKindsGradients.class,
    EnclosingKinds_NestedGradients.class,
    GenericHolderGradients.class,
    InterfaceHolderGradients.class,
    EnumHolderGradients.class,
    RecordHolderGradients.class,
    KernelsGradients.class,
  };

  /** One generated method: its value-and-gradient method, its pullback and the original. */
  record Generated(Method gradient, Method pullback, Method original) {
    @Override
    public String toString() {
      return original.getDeclaringClass().getSimpleName() + "." + original.getName()
          + Arrays.toString(original.getParameterTypes());
    }
  }

  static Stream<Generated> generated() throws ReflectiveOperationException {
    List<Generated> out = new ArrayList<>();
    for (Class<?> companion : COMPANIONS) {
      String name = companion.getName();
      String originalName = name.substring(0, name.length() - "Gradients".length());
      int lastDot = originalName.lastIndexOf('.');
      originalName =
          originalName.substring(0, lastDot + 1)
              + originalName.substring(lastDot + 1).replace('_', '$');
      Class<?> owner = Class.forName(originalName);
      for (Method pullback : companion.getDeclaredMethods()) {
        if (!Modifier.isStatic(pullback.getModifiers()) || !pullback.getName().endsWith("Pullback")) {
          continue;
        }
        Class<?>[] all = pullback.getParameterTypes();
        Class<?>[] params = Arrays.copyOf(all, all.length - 1);
        String base = pullback.getName().substring(0, pullback.getName().length() - 8);
        Method gradient = companion.getDeclaredMethod(base, params);
        Method original = owner.getDeclaredMethod(base, params);
        original.setAccessible(true);
        out.add(new Generated(gradient, pullback, original));
      }
    }
    assertTrue(out.size() > 250, "found only " + out.size() + " generated methods");
    return out.stream();
  }

  private static Object[] randomArguments(Class<?>[] types, SplittableRandom random) {
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      Class<?> t = types[i];
      if (t == double.class) {
        args[i] = random.nextDouble(-2.5, 2.5);
      } else if (t == int.class) {
        args[i] = random.nextInt(0, 5); // even/odd recurse until n == 0
      } else if (t == long.class) {
        args[i] = (long) random.nextInt(-3, 9);
      } else if (t == boolean.class) {
        args[i] = random.nextBoolean();
      } else {
        throw new AssertionError("unexpected parameter type " + t);
      }
    }
    return args;
  }

  private static Object[] withSeed(Object[] args, double seed) {
    Object[] out = Arrays.copyOf(args, args.length + 1);
    out[args.length] = seed;
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("generated")
  void valueSeedAndRecordShape(Generated g) throws ReflectiveOperationException {
    SplittableRandom random = new SplittableRandom(g.toString().hashCode());
    Class<?>[] types = g.original().getParameterTypes();
    for (int k = 0; k < 25; k++) {
      Object[] args = randomArguments(types, random);
      String at = " at " + Arrays.toString(args);
      double original = (double) g.original().invoke(null, args);
      ValueAndGradient r = (ValueAndGradient) g.gradient().invoke(null, args);
      exact(original, r.value(), "value equals the original method" + at);

      ValueAndGradient one = (ValueAndGradient) g.pullback().invoke(null, withSeed(args, 1.0));
      ValueAndGradient scaled = (ValueAndGradient) g.pullback().invoke(null, withSeed(args, 2.5));
      exact(original, one.value(), "pullback value" + at);
      exact(original, scaled.value(), "pullback value with seed 2.5" + at);
      double[] grad = r.gradient();
      double[] gradOne = one.gradient();
      double[] gradScaled = scaled.gradient();
      for (int i = 0; i < grad.length; i++) {
        exact(grad[i], gradOne[i], "m(...) == mPullback(..., 1.0), partial " + i + at);
        close(2.5 * grad[i], gradScaled[i], "mPullback(..., 2.5) = 2.5 m(...), partial " + i + at);
      }

      RecordComponent[] components = r.getClass().getRecordComponents();
      assertEquals("value", components[0].getName());
      assertEquals(grad.length, components.length - 1, "one component per partial");
      for (int i = 1; i < components.length; i++) {
        assertTrue(components[i].getName().startsWith("d"), components[i].getName());
        exact((double) components[i].getAccessor().invoke(r), grad[i - 1],
            "gradient()[" + (i - 1) + "] is component " + components[i].getName());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("generated")
  void nonFiniteInputsNeverThrow(Generated g) {
    Class<?>[] types = g.original().getParameterTypes();
    SplittableRandom random = new SplittableRandom(3);
    for (double special : new double[] {Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 0.0, -0.0, Double.MAX_VALUE, Double.MIN_VALUE}) {
      Object[] args = randomArguments(types, random);
      for (int i = 0; i < types.length; i++) {
        if (types[i] == double.class) {
          args[i] = special;
        }
      }
      Object[] call = args;
      ValueAndGradient r =
          (ValueAndGradient) assertDoesNotThrow(() -> g.gradient().invoke(null, call),
              "at " + Arrays.toString(call));
      double original =
          (double) assertDoesNotThrow(() -> g.original().invoke(null, call));
      exact(original, r.value(), "value at " + Arrays.toString(call));
    }
  }
}
