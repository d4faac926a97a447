/**
 * Typed primitive stacks ("tapes") that generated backward passes use to save intermediate values
 * during the forward sweep and replay them in reverse order.
 *
 * <p>{@link io.github.javagrad.tape.DoubleTape}, {@link io.github.javagrad.tape.IntTape},
 * {@link io.github.javagrad.tape.LongTape} and
 * {@link io.github.javagrad.tape.BooleanTape} store primitives without boxing or per-element
 * objects, grow by doubling, and keep their capacity on {@code clear()} so that one tape can be
 * reused across gradient calls without allocating. They are not thread-safe: use one tape per
 * gradient call (or per thread).
 *
 * <p>{@link io.github.javagrad.tape.ArrayPool} is a per-thread stack of reusable scratch arrays:
 * generated pullbacks take from it the local arrays (and adjoint arrays) that cannot outlive the
 * call, and give them back on exit, so that repeated gradient calls do not allocate them again.
 */
package io.github.javagrad.tape;
