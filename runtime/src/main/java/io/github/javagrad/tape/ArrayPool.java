package io.github.javagrad.tape;

import java.util.Arrays;

/**
 * A per-thread stack of reusable scratch arrays, so that a generated gradient called again and
 * again (a training loop) does not allocate its local arrays and their adjoints on every call.
 *
 * <p>The pool is a stack of slots. A caller takes a {@link #mark()}, then asks for arrays, each
 * taking the next slot, and finally {@link #release(int) releases} everything above its mark:
 *
 * <pre>{@code
 * ArrayPool pool = ArrayPool.forThisThread();
 * int mark = pool.mark();
 * try {
 *   double[] xc = pool.doubles(d);         // as new double[d]
 *   double[][] q = pool.doubles(k, d);     // as new double[k][d]
 *   double[][] dQ = pool.zerosLike(q);     // as Adjoints.zerosLike(q)
 *   ...
 * } finally {
 *   pool.release(mark);
 * }
 * }</pre>
 *
 * <p>Every array handed out is exactly what the {@code new} expression it replaces would give:
 * zero-filled, of exactly the requested length (a matrix: of exactly the requested rows, each
 * its own array of the requested length), and a negative size throws {@link
 * NegativeArraySizeException}. A slot keeps its array after a release; the next request for that
 * slot reuses it (zeroing it again) when the length is the same, and otherwise allocates a new
 * array that the slot keeps from then on. A matrix slot keeps its rows in an array of its own, so
 * a row the caller replaced in the matrix it was given is never reused (nor zeroed) by the pool.
 *
 * <p>The arrays are valid until the release of a mark taken before they were handed out: they
 * must not outlive the call that asked for them. Generated pullbacks take their arrays here only
 * for locals that provably do not escape the call (never returned, stored or passed anywhere but
 * to other generated pullbacks and runtime helpers), and release in a {@code finally} block, so
 * that an exception leaves the pool as it was found. Nested calls (one pullback calling another,
 * recursion) take slots above their caller's and release them before returning: stack
 * discipline, as for the {@linkplain DoubleTape#forThisThread() tapes}.
 *
 * <p>Memory: the pool keeps, per thread, the arrays of the largest set of slots it has served
 * (like a tape keeps its capacity); they become garbage with the thread. Not thread-safe: use it
 * through {@link #forThisThread()}.
 */
public final class ArrayPool {

  private static final ThreadLocal<ArrayPool> THIS_THREAD = ThreadLocal.withInitial(ArrayPool::new);

  /**
   * The calling thread's pool, shared by every generated gradient that runs on this thread.
   *
   * @return this thread's pool
   */
  public static ArrayPool forThisThread() {
    return THIS_THREAD.get();
  }

  /** A matrix slot: the matrix handed out, and the rows the pool owns. */
  private static final class Matrix {
    final double[][] handedOut;
    final double[][] rows;

    Matrix(int n) {
      handedOut = new double[n][];
      rows = new double[n][];
    }
  }

  /** Slot i holds a double[], an int[] or a Matrix, or null. */
  private Object[] slots = new Object[16];
  private int top;

  /** Creates an empty pool; generated code uses {@link #forThisThread()}. */
  public ArrayPool() {}

  /**
   * The number of slots in use: a mark to {@link #release(int) release} to.
   *
   * @return the current mark
   */
  public int mark() {
    return top;
  }

  /**
   * Releases every slot taken since {@code mark} was returned by {@link #mark()}: the arrays they
   * handed out may be handed out again. The arrays themselves are kept for reuse.
   *
   * @param mark a mark returned earlier, no greater than the current one
   * @throws IllegalArgumentException if {@code mark} is negative or above the current mark
   */
  public void release(int mark) {
    if (mark < 0 || mark > top) {
      throw new IllegalArgumentException("cannot release an array pool of " + top + " slots to " + mark);
    }
    top = mark;
  }

  /**
   * A zero-filled {@code double[n]}, as {@code new double[n]}, from the next slot.
   *
   * @param n the length
   * @return an array of length {@code n}, all zeros
   * @throws NegativeArraySizeException if {@code n} is negative
   */
  public double[] doubles(int n) {
    if (n < 0) {
      throw new NegativeArraySizeException(Integer.toString(n));
    }
    int slot = take();
    if (slots[slot] instanceof double[] a && a.length == n) {
      Arrays.fill(a, 0.0);
      return a;
    }
    double[] a = new double[n];
    slots[slot] = a;
    return a;
  }

  /**
   * A zero-filled {@code int[n]}, as {@code new int[n]}, from the next slot.
   *
   * @param n the length
   * @return an array of length {@code n}, all zeros
   * @throws NegativeArraySizeException if {@code n} is negative
   */
  public int[] ints(int n) {
    if (n < 0) {
      throw new NegativeArraySizeException(Integer.toString(n));
    }
    int slot = take();
    if (slots[slot] instanceof int[] a && a.length == n) {
      Arrays.fill(a, 0);
      return a;
    }
    int[] a = new int[n];
    slots[slot] = a;
    return a;
  }

  /**
   * A zero-filled rectangular {@code double[rows][cols]}, as {@code new double[rows][cols]}, from
   * the next slot: {@code rows} distinct row arrays, each of length {@code cols}.
   *
   * @param rows the number of rows
   * @param cols the length of each row
   * @return the matrix, all zeros
   * @throws NegativeArraySizeException if {@code rows} or {@code cols} is negative (even when
   *     {@code rows} is 0, as for {@code new})
   */
  public double[][] doubles(int rows, int cols) {
    if (rows < 0) {
      throw new NegativeArraySizeException(Integer.toString(rows));
    }
    if (cols < 0) {
      throw new NegativeArraySizeException(Integer.toString(cols));
    }
    Matrix m = matrix(take(), rows);
    for (int i = 0; i < rows; i++) {
      m.handedOut[i] = row(m, i, cols);
    }
    return m.handedOut;
  }

  /**
   * A zero matrix with the shape of {@code like} (possibly ragged), as {@code
   * io.github.javagrad.Adjoints.zerosLike(like)}, from the next slot.
   *
   * @param like the matrix whose shape to copy
   * @return a matrix with {@code like.length} rows, row {@code i} of length {@code like[i].length},
   *     all zeros
   * @throws NullPointerException if {@code like} or one of its rows is null
   */
  public double[][] zerosLike(double[][] like) {
    int rows = like.length;
    for (double[] r : like) {
      // checked before any slot is taken, as zerosLike throws before allocating the rows
      java.util.Objects.requireNonNull(r);
    }
    Matrix m = matrix(take(), rows);
    for (int i = 0; i < rows; i++) {
      m.handedOut[i] = row(m, i, like[i].length);
    }
    return m.handedOut;
  }

  /** The number of slots that hold an array, used or not (for tests). */
  int retainedSlots() {
    int n = 0;
    for (Object o : slots) {
      if (o != null) {
        n++;
      }
    }
    return n;
  }

  private Matrix matrix(int slot, int rows) {
    if (slots[slot] instanceof Matrix m && m.handedOut.length == rows) {
      return m;
    }
    Matrix m = new Matrix(rows);
    if (slots[slot] instanceof Matrix old) {
      // keep the old rows: most are likely the right length again
      System.arraycopy(old.rows, 0, m.rows, 0, Math.min(rows, old.rows.length));
    }
    slots[slot] = m;
    return m;
  }

  private static double[] row(Matrix m, int i, int cols) {
    double[] r = m.rows[i];
    if (r != null && r.length == cols) {
      Arrays.fill(r, 0.0);
    } else {
      r = new double[cols];
      m.rows[i] = r;
    }
    return r;
  }

  private int take() {
    if (top == slots.length) {
      slots = Arrays.copyOf(slots, slots.length * 2);
    }
    return top++;
  }

  /** Describes the pool's use, not its arrays. */
  @Override
  public String toString() {
    return "ArrayPool[mark=" + top + ", slots=" + slots.length + "]";
  }
}
