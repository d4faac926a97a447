package io.github.javagrad.processor.model;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;

/**
 * What the reader hands to the analyses: one {@code @Differentiable} method with its names and
 * types resolved.
 *
 * @param element the annotated method
 * @param owner its class
 * @param name the method's name
 * @param parameters all parameters in order
 * @param wrt the parameters to differentiate with respect to, in declaration order
 * @param body the method body
 * @param userNames every identifier the user's method declares, so generated names avoid them
 * @param naming the generated names for this method
 * @param callSites source positions of the calls to other differentiable methods
 * @param resultType {@code DOUBLE}, {@code DOUBLE_ARRAY}, or null for void
 */
public record MethodModel(
    ExecutableElement element,
    ClassName owner,
    String name,
    List<Variable> parameters,
    List<Variable> wrt,
    List<Stmt> body,
    List<String> userNames,
    GeneratedNames naming,
    Map<Expr, CallSite> callSites,
    JType resultType) {

  /** Whether the method returns a double (rather than a double[] or nothing). */
  public boolean returnsScalar() {
    return resultType == JType.DOUBLE;
  }

  /** Whether the method returns void: its results are the arrays it writes into. */
  public boolean returnsVoid() {
    return resultType == null;
  }

  /** Where a call to another differentiable method stands in the source, for diagnostics. */
  public record CallSite(Tree tree, CompilationUnitTree unit) {}
}
