package io.github.javagrad.tape;

import java.util.Arrays;

/**
 * A growable last-in-first-out stack of {@code boolean} values, packed 64 to a {@code long} in a
 * plain {@code long[]} without boxing or per-element objects.
 *
 * <p>Memory: 1 bit per value pushed (64 times less than a {@code boolean[]}, which uses a byte
 * per element), in one backing array whose length doubles when it is full, so the array is at
 * most about twice the largest size the tape has reached (plus the array header and rounding up
 * to whole 64-bit words). {@link #clear()} keeps the array, so a tape reused across gradient calls
 * allocates only while it is still growing.
 *
 * <p>Not thread-safe: use one tape per gradient call (or per thread).
 */
public final class BooleanTape {

  private static final ThreadLocal<BooleanTape> THIS_THREAD = ThreadLocal.withInitial(BooleanTape::new);

  /**
   * The calling thread's tape, reused by every generated gradient that runs on this thread, so
   * that a gradient called in a training loop allocates nothing once the tape has grown to its
   * working size. Generated code pops exactly what it pushed, so nested gradient calls (one
   * method's pullback calling another's) share it safely. Its capacity stays with the thread.
   *
   * @return this thread's tape
   */
  public static BooleanTape forThisThread() {
    return THIS_THREAD.get();
  }

  /** Words needed for {@code Integer.MAX_VALUE} bits, the largest possible size. */
  private static final int MAX_WORDS = 1 << 25;

  private long[] words;
  private int size;

  /** Creates an empty tape with a small default capacity. */
  public BooleanTape() {
    this(TapeCapacity.DEFAULT_CAPACITY * Long.SIZE);
  }

  /**
   * Creates an empty tape that holds at least {@code initialCapacity} values before it first grows
   * (the capacity is rounded up to a multiple of 64).
   *
   * @param initialCapacity the initial capacity in values, from 0 to {@code Integer.MAX_VALUE}
   * @throws IllegalArgumentException if {@code initialCapacity} is negative
   */
  public BooleanTape(int initialCapacity) {
    TapeCapacity.checkInitial(initialCapacity, Integer.MAX_VALUE);
    words = new long[(int) ((initialCapacity + 63L) >>> 6)];
  }

  /**
   * Pushes a value on top of the tape, growing it if it is full.
   *
   * @param x the value
   * @throws IllegalStateException if the tape already holds {@code Integer.MAX_VALUE} values
   */
  public void push(boolean x) {
    if (size == Integer.MAX_VALUE) {
      throw new IllegalStateException(
          "tape overflow: a BooleanTape cannot hold more than " + Integer.MAX_VALUE + " values");
    }
    int word = size >>> 6;
    if (word == words.length) {
      words = Arrays.copyOf(words, TapeCapacity.grow(words.length, MAX_WORDS, "BooleanTape"));
    }
    long mask = 1L << size; // the shift uses the low 6 bits of size
    if (x) {
      words[word] |= mask;
    } else {
      words[word] &= ~mask;
    }
    size++;
  }

  /**
   * Removes and returns the value on top of the tape, the one pushed last.
   *
   * @return the top value
   * @throws IllegalStateException if the tape is empty ("tape underflow: ...")
   */
  public boolean pop() {
    if (size == 0) {
      throw new IllegalStateException(TapeCapacity.underflow("pop", "BooleanTape"));
    }
    size--;
    return (words[size >>> 6] & (1L << size)) != 0;
  }

  /**
   * Returns the value on top of the tape without removing it.
   *
   * @return the top value
   * @throws IllegalStateException if the tape is empty ("tape underflow: ...")
   */
  public boolean peek() {
    if (size == 0) {
      throw new IllegalStateException(TapeCapacity.underflow("peek", "BooleanTape"));
    }
    int top = size - 1;
    return (words[top >>> 6] & (1L << top)) != 0;
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
   * The number of values the tape holds before it next grows, a multiple of 64 (capped at {@code
   * Integer.MAX_VALUE}).
   *
   * @return the capacity
   */
  public int capacity() {
    return (int) Math.min((long) words.length * Long.SIZE, Integer.MAX_VALUE);
  }

  /** Describes the tape's size and capacity, not its contents. */
  @Override
  public String toString() {
    return "BooleanTape[size=" + size + ", capacity=" + capacity() + "]";
  }
}
