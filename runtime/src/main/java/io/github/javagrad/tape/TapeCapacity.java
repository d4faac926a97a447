package io.github.javagrad.tape;

/** Capacity arithmetic shared by the tapes. */
final class TapeCapacity {

  /** Default initial capacity, in elements, of a tape made with the no-argument constructor. */
  static final int DEFAULT_CAPACITY = 16;

  /**
   * Largest array length requested. Some VMs reserve header words in an array, so lengths close
   * to {@link Integer#MAX_VALUE} can fail even with enough memory.
   */
  static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

  /** Smallest capacity after a growth step, so that tiny or empty tapes do not grow by one. */
  private static final int MIN_GROWN_CAPACITY = 8;

  private TapeCapacity() {}

  /**
   * The next capacity after {@code current}: double it, at least {@value #MIN_GROWN_CAPACITY},
   * at most {@code max}, computed without int overflow.
   *
   * @param current the current capacity, {@code 0 <= current}
   * @param max the largest allowed capacity
   * @param tape the tape's class name, for the error message
   * @return a capacity greater than {@code current}
   * @throws IllegalStateException if {@code current >= max}
   */
  static int grow(int current, int max, String tape) {
    if (current >= max) {
      throw new IllegalStateException(
          "tape overflow: a " + tape + " cannot grow beyond " + max + " array elements");
    }
    long doubled = Math.max(2L * current, MIN_GROWN_CAPACITY);
    return (int) Math.min(doubled, max);
  }

  /**
   * Checks a constructor's initial capacity.
   *
   * @param capacity the requested capacity
   * @param max the largest allowed capacity
   * @return {@code capacity}
   * @throws IllegalArgumentException if {@code capacity} is negative or above {@code max}
   */
  static int checkInitial(int capacity, int max) {
    if (capacity < 0 || capacity > max) {
      throw new IllegalArgumentException(
          "initial capacity must be between 0 and " + max + ", got " + capacity);
    }
    return capacity;
  }

  /** The message for popping or peeking an empty tape. */
  static String underflow(String operation, String tape) {
    return "tape underflow: "
        + operation
        + " on an empty "
        + tape
        + " (more values read than were pushed; was the tape cleared or shared between calls?)";
  }
}
