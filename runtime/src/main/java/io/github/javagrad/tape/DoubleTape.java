package io.github.javagrad.tape;

import java.util.Arrays;

/**
 * A growable last-in-first-out stack of {@code double} values, stored in a plain {@code double[]}
 * without boxing or per-element objects.
 *
 * <p>Memory: 8 bytes per value pushed, in one backing array whose length doubles when it is
 * full, so the array is at most about twice the largest size the tape has reached (plus the
 * array header).
 * {@link #clear()} keeps the array, so a tape reused across gradient calls allocates only while it
 * is still growing.
 *
 * <p>Not thread-safe: use one tape per gradient call (or per thread).
 */
public final class DoubleTape {

  private static final ThreadLocal<DoubleTape> THIS_THREAD = ThreadLocal.withInitial(DoubleTape::new);

  /**
   * The calling thread's tape, reused by every generated gradient that runs on this thread, so
   * that a gradient called in a training loop allocates nothing once the tape has grown to its
   * working size. Generated code pops exactly what it pushed, so nested gradient calls (one
   * method's pullback calling another's) share it safely. Its capacity stays with the thread.
   *
   * @return this thread's tape
   */
  public static DoubleTape forThisThread() {
    return THIS_THREAD.get();
  }

  private double[] data;
  private int size;

  /** Creates an empty tape with a small default capacity. */
  public DoubleTape() {
    this(TapeCapacity.DEFAULT_CAPACITY);
  }

  /**
   * Creates an empty tape that holds {@code initialCapacity} values before it first grows.
   *
   * @param initialCapacity the initial capacity, from 0 to {@code Integer.MAX_VALUE - 8}
   * @throws IllegalArgumentException if {@code initialCapacity} is out of range
   */
  public DoubleTape(int initialCapacity) {
    data = new double[TapeCapacity.checkInitial(initialCapacity, TapeCapacity.MAX_ARRAY_LENGTH)];
  }

  /**
   * Pushes a value on top of the tape, growing it if it is full.
   *
   * @param x the value
   * @throws IllegalStateException if the tape already holds {@code Integer.MAX_VALUE - 8} values
   */
  public void push(double x) {
    if (size == data.length) {
      data =
          Arrays.copyOf(
              data, TapeCapacity.grow(data.length, TapeCapacity.MAX_ARRAY_LENGTH, "DoubleTape"));
    }
    data[size++] = x;
  }

  /**
   * Pushes every element of {@code values}, first to last, as {@code values.length} calls of
   * {@link #push} would, with one array copy.
   */
  public void pushAll(double[] values) {
    int n = values.length;
    if (n > data.length - size) {
      int capacity = data.length;
      while (n > capacity - size) {
        capacity = TapeCapacity.grow(capacity, TapeCapacity.MAX_ARRAY_LENGTH, "DoubleTape");
      }
      data = Arrays.copyOf(data, capacity);
    }
    System.arraycopy(values, 0, data, size, n);
    size += n;
  }

  /**
   * Pops {@code into.length} values into {@code into}, last into the last element, as many
   * calls of {@link #pop} would: undoes {@link #pushAll} of an array of the same length.
   *
   * @throws IllegalStateException if the tape holds fewer values
   */
  public void popAll(double[] into) {
    int n = into.length;
    if (n > size) {
      throw new IllegalStateException(TapeCapacity.underflow("popAll", "DoubleTape"));
    }
    size -= n;
    System.arraycopy(data, size, into, 0, n);
  }

  /**
   * Removes and returns the value on top of the tape, the one pushed last.
   *
   * @return the top value
   * @throws IllegalStateException if the tape is empty ("tape underflow: ...")
   */
  public double pop() {
    if (size == 0) {
      throw new IllegalStateException(TapeCapacity.underflow("pop", "DoubleTape"));
    }
    return data[--size];
  }

  /**
   * Returns the value on top of the tape without removing it.
   *
   * @return the top value
   * @throws IllegalStateException if the tape is empty ("tape underflow: ...")
   */
  public double peek() {
    if (size == 0) {
      throw new IllegalStateException(TapeCapacity.underflow("peek", "DoubleTape"));
    }
    return data[size - 1];
  }

  /**
   * The number of values on the tape.
   *
   * @return the size
   */
  public int size() {
    return size;
  }

  /**
   * Whether the tape holds no values.
   *
   * @return {@code size() == 0}
   */
  public boolean isEmpty() {
    return size == 0;
  }

  /** Removes all values, keeping the capacity so that the tape can be reused without allocation. */
  public void clear() {
    size = 0;
  }

  /**
   * Drops everything above the first {@code mark} values: generated gradients call this on exit,
   * so one that throws leaves the thread's tape as it found it. The capacity is kept, so a
   * gradient called again does not allocate (call {@link #clear()} on a new tape to drop it).
   *
   * @param mark a size the tape had earlier
   */
  public void truncate(int mark) {
    if (mark < 0 || mark > size) {
      throw new IllegalArgumentException("cannot truncate a tape of size " + size + " to " + mark);
    }
    size = mark;
  }

  /**
   * The number of values the tape holds before it next grows.
   *
   * @return the capacity
   */
  public int capacity() {
    return data.length;
  }

  /** Describes the tape's size and capacity, not its contents. */
  @Override
  public String toString() {
    return "DoubleTape[size=" + size + ", capacity=" + data.length + "]";
  }
}
