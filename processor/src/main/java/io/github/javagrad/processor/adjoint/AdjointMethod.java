package io.github.javagrad.processor.adjoint;

import io.github.javagrad.processor.model.MethodModel;
import io.github.javagrad.processor.model.Stmt;
import io.github.javagrad.processor.model.Variable;
import java.util.List;

/**
 * Stage 3's result: the body of a method's pullback, forward sweep and reverse sweep, ending in
 * {@code return new M(value, dA, ...)}.
 *
 * @param method the differentiated method
 * @param seed the pullback's extra parameter: the adjoint of the result
 * @param arrayAdjoints for each differentiated array parameter, in order, the pullback parameter
 *     its adjoint accumulates into
 * @param tapes the tapes the body uses, declared at its top
 * @param tapeMarks for each tape, a local holding its size on entry, to truncate to on exit
 * @param writtenParameters array parameters the method writes, which must not alias the others
 * @param arrayPool the thread's pool of scratch arrays, declared at the top of the body when
 *     some local arrays come from it ({@link io.github.javagrad.processor.model.Expr.PoolAllocation}), else null
 * @param arrayPoolMark the pool's mark on entry, to release to on exit; null when {@code
 *     arrayPool} is
 * @param body the pullback's statements
 */
public record AdjointMethod(
    MethodModel method,
    Variable seed,
    List<Variable> arrayAdjoints,
    List<Variable> tapes,
    List<Variable> tapeMarks,
    List<Variable> writtenParameters,
    Variable arrayPool,
    Variable arrayPoolMark,
    List<Stmt> body) {

  /** Whether every differentiated parameter is an array, so the pullback returns only the value. */
  public static boolean returnsValueOnly(MethodModel method) {
    return method.wrt().stream().allMatch(p -> p.type().isArray());
  }

  /** Whether the body takes arrays from the pool, which the pullback then marks and releases. */
  public boolean usesArrayPool() {
    return arrayPool != null;
  }

  /** Whether the method has array parameters to differentiate, whose adjoints the caller provides. */
  public boolean hasArrayAdjoints() {
    return !arrayAdjoints.isEmpty();
  }
}
