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
 * @param body the pullback's statements
 */
public record AdjointMethod(MethodModel method, Variable seed, List<Stmt> body) {}
