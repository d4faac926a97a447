package io.github.javagrad.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;

/**
 * A {@code @Differentiable} method called from another one, with the names of its generated
 * pullback, so the caller can chain through it without seeing its source.
 *
 * @param owner the class declaring the method
 * @param methodName the method's name
 * @param parameterTypes its parameter types
 * @param partialAccessors per parameter, the accessor of its partial on the result record, or
 *     null where the parameter is not differentiated
 * @param companion the generated companion class holding the pullback
 * @param pullbackName the pullback method's name
 * @param resultRecord the pullback's result record
 * @param resultType {@code DOUBLE}, {@code DOUBLE_ARRAY}, or null for void
 * @param writtenParameters for a void callee, the array parameters its body writes; null when
 *     unknown (no source)
 */
public record Callee(
    ClassName owner,
    String methodName,
    List<JType> parameterTypes,
    List<String> partialAccessors,
    ClassName companion,
    String pullbackName,
    ClassName resultRecord,
    JType resultType,
    java.util.Set<Integer> writtenParameters) {

  /**
   * Whether a void callee may write the array at this parameter: read from its source when
   * available; for a callee known only from its class file, every array parameter may be.
   */
  public boolean mayWrite(int parameterIndex) {
    return resultType == null && parameterTypes.get(parameterIndex) != null
        && parameterTypes.get(parameterIndex).isArray()
        && (writtenParameters == null || writtenParameters.contains(parameterIndex));
  }

  public boolean differentiates(int parameterIndex) {
    return partialAccessors.get(parameterIndex) != null;
  }

  /** Whether every differentiated parameter is an array: the pullback then returns the value. */
  public boolean returnsValueOnly() {
    if (resultType != JType.DOUBLE) {
      return true;
    }
    for (int i = 0; i < parameterTypes.size(); i++) {
      if (differentiates(i) && !parameterTypes.get(i).isArray()) {
        return false;
      }
    }
    return true;
  }
}
