package io.github.javagrad;

/**
 * Array helpers called from generated gradients: zero adjoints shaped like their primal arrays,
 * and element-wise accumulation where a whole array flows into another ({@code y = x.clone()}).
 */
public final class Adjoints {
  private Adjoints() {}

  /** A zero matrix with the same (possibly ragged) row lengths as {@code m}. */
  public static double[][] zerosLike(double[][] m) {
    double[][] z = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      z[i] = new double[m[i].length];
    }
    return z;
  }

  /** Pushes every element of {@code a} on the tape, to be restored by {@link #pop(io.github.javagrad.tape.DoubleTape, double[])}. */
  public static void push(io.github.javagrad.tape.DoubleTape tape, double[] a) {
    tape.pushAll(a);
  }

  /** Pushes every element of {@code m}, row by row. */
  public static void push(io.github.javagrad.tape.DoubleTape tape, double[][] m) {
    for (double[] row : m) {
      push(tape, row);
    }
  }

  /** Restores into {@code a} the elements {@link #push(io.github.javagrad.tape.DoubleTape, double[])} saved. */
  public static void pop(io.github.javagrad.tape.DoubleTape tape, double[] a) {
    tape.popAll(a);
  }

  /** Restores into {@code m} the elements pushed row by row. */
  public static void pop(io.github.javagrad.tape.DoubleTape tape, double[][] m) {
    for (int i = m.length - 1; i >= 0; i--) {
      pop(tape, m[i]);
    }
  }

  /** A copy of {@code a}. */
  public static double[] copy(double[] a) {
    return a.clone();
  }

  /** A deep copy of {@code m}: its rows are copied too. */
  public static double[][] copy(double[][] m) {
    double[][] c = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }

  /** Writes {@code from}'s values back into {@code into}, element by element. */
  public static void copyInto(double[] into, double[] from) {
    System.arraycopy(from, 0, into, 0, from.length);
  }

  /** Writes {@code from}'s values back into {@code into}, row by row. */
  public static void copyInto(double[][] into, double[][] from) {
    for (int i = 0; i < from.length; i++) {
      copyInto(into[i], from[i]);
    }
  }

  /** {@code into[i] += from[i]} for every i. */
  public static void accumulate(double[] into, double[] from) {
    for (int i = 0; i < from.length; i++) {
      into[i] += from[i];
    }
  }

  /** {@code into[i][j] += from[i][j]} for every i, j. */
  public static void accumulate(double[][] into, double[][] from) {
    for (int i = 0; i < from.length; i++) {
      accumulate(into[i], from[i]);
    }
  }

  /**
   * Where a method throws, its generated gradient calls it again with the arguments it was called
   * with, so that the caller gets the very exception the method throws: {@code throw
   * Adjoints.replayed(Model.f(x))}. The call throws; this method is reached only if it did not.
   *
   * @param result what the method returned when called again
   * @return an error saying the method was not deterministic
   */
  public static AssertionError replayed(double result) {
    return notReplayed(Double.toString(result));
  }

  /** As {@link #replayed(double)}, for methods returning {@code double[]}. */
  public static AssertionError replayed(double[] result) {
    return notReplayed(java.util.Arrays.toString(result));
  }

  private static AssertionError notReplayed(String result) {
    return new AssertionError("a @Differentiable method threw, but returned " + result
        + " when called again with the same arguments; it must be deterministic");
  }

  /**
   * Checks the upstream gradient of a pullback returning {@code double[]} against the result it
   * was computed for (its length is known only after the forward sweep).
   *
   * @throws NullPointerException when {@code seed} is null
   * @throws IllegalArgumentException naming both lengths when they differ
   */
  public static void checkSeed(double[] result, double[] seed) {
    if (seed == null) {
      throw new NullPointerException("seed must not be null");
    }
    if (seed.length != result.length) {
      throw new IllegalArgumentException(
          "seed has length " + seed.length + " but the result has length " + result.length);
    }
  }

  /** As {@link #checkSeed(double[], double[])}, row by row. */
  public static void checkSeed(double[][] result, double[][] seed) {
    if (seed == null) {
      throw new NullPointerException("seed must not be null");
    }
    if (seed.length != result.length) {
      throw new IllegalArgumentException(
          "seed has " + seed.length + " rows but the result has " + result.length);
    }
    for (int i = 0; i < result.length; i++) {
      if (seed[i] == null || seed[i].length != result[i].length) {
        throw new IllegalArgumentException(
            "seed[" + i + "] " + (seed[i] == null ? "is null" : "has length " + seed[i].length)
                + " but the result's row has length " + result[i].length);
      }
    }
  }

  /**
   * Checks a caller-provided adjoint array before a gradient accumulates into it.
   *
   * @throws NullPointerException naming the parameter when {@code adjoint} is null
   * @throws IllegalArgumentException naming both lengths when the shapes differ
   */
  public static void checkShape(String name, double[] primal, double[] adjoint) {
    if (adjoint == null) {
      throw new NullPointerException(name + " must not be null");
    }
    if (adjoint.length != primal.length) {
      throw new IllegalArgumentException(
          name + " has length " + adjoint.length + " but its parameter has length " + primal.length);
    }
  }

  /**
   * Checks that an output array of a void gradient is not also passed for another array
   * parameter: the generated code assumes they are distinct, as its gradient would otherwise be
   * wrong.
   *
   * @throws IllegalArgumentException naming both parameters when they are the same array
   */
  public static void checkDistinct(String output, Object out, String otherName, Object other) {
    if (out == other) {
      throw new IllegalArgumentException(
          output + " and " + otherName + " are the same array; pass a separate output array");
    }
  }

  /** As {@link #checkShape(String, double[], double[])}, row by row. */
  public static void checkShape(String name, double[][] primal, double[][] adjoint) {
    if (adjoint == null) {
      throw new NullPointerException(name + " must not be null");
    }
    if (adjoint.length != primal.length) {
      throw new IllegalArgumentException(
          name + " has " + adjoint.length + " rows but its parameter has " + primal.length);
    }
    for (int i = 0; i < primal.length; i++) {
      if (adjoint[i] == null || adjoint[i].length != primal[i].length) {
        throw new IllegalArgumentException(
            name + "[" + i + "] has length " + (adjoint[i] == null ? "null" : adjoint[i].length)
                + " but its parameter's row has length " + primal[i].length);
      }
    }
  }

  /**
   * The partials of a result record in parameter order, flattened into one new array: a {@code
   * Double} adds one entry, a {@code double[]} its elements, a {@code double[][]} its rows in order.
   * For {@link ValueAndGradient#gradient()} of methods with array parameters.
   */
  public static double[] flatten(java.util.List<?> parts) {
    int size = 0;
    for (Object p : parts) {
      if (p instanceof double[] a) {
        size += a.length;
      } else if (p instanceof double[][] m) {
        for (double[] row : m) {
          size += row.length;
        }
      } else {
        size++;
      }
    }
    double[] out = new double[size];
    int at = 0;
    for (Object p : parts) {
      if (p instanceof double[] a) {
        System.arraycopy(a, 0, out, at, a.length);
        at += a.length;
      } else if (p instanceof double[][] m) {
        for (double[] row : m) {
          System.arraycopy(row, 0, out, at, row.length);
          at += row.length;
        }
      } else {
        out[at++] = (Double) p;
      }
    }
    return out;
  }
}
