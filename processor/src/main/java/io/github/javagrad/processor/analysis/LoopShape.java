package io.github.javagrad.processor.analysis;

import io.github.javagrad.processor.model.Expr;
import io.github.javagrad.processor.model.Expr.BinaryOp;
import io.github.javagrad.processor.model.JType;
import io.github.javagrad.processor.model.Stmt;
import io.github.javagrad.processor.model.Variable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A counted loop, {@code for (int i = first; i < bound; i++)} and its three siblings ({@code <=},
 * and downward with {@code >}, {@code >=}), whose trip count the reverse sweep can recompute: the
 * body never assigns the index or anything the bounds read, and never breaks out. Its reverse runs
 * the same index the other way, with no counter and nothing taped for control.
 *
 * @param index the loop variable
 * @param first the index's first value
 * @param bound the other side of the loop test
 * @param up whether the index counts up
 * @param inclusive whether the test is {@code <=} / {@code >=} rather than {@code <} / {@code >}
 */
public record LoopShape(Variable index, Expr first, Expr bound, boolean up, boolean inclusive) {

  /** The counted shape of {@code loop}, or null when it has none. */
  public static LoopShape of(Stmt.Loop loop) {
    if (loop.kind() != Stmt.LoopKind.FOR || loop.init().size() != 1 || loop.update().size() != 1) {
      return null;
    }
    if (!(loop.init().get(0) instanceof Stmt.Declare d) || d.variable().type() != JType.INT
        || d.init() == null) {
      return null;
    }
    Variable i = d.variable();
    Boolean up = step(loop.update().get(0), i);
    if (up == null || !(loop.condition() instanceof Expr.Binary cond)
        || !(cond.left() instanceof Expr.Local l) || l.variable() != i
        || cond.right().type() != JType.INT) {
      return null;
    }
    Expr bound = cond.right();
    Set<Variable> fixed = new HashSet<>(Exprs.variablesIn(bound));
    fixed.addAll(Exprs.variablesIn(d.init()));
    fixed.add(i);
    if (writesAny(loop.body(), fixed) || jumpsOut(loop.body())) {
      return null;
    }
    boolean matches = up
        ? cond.op() == BinaryOp.LESS || cond.op() == BinaryOp.LESS_EQUAL
        : cond.op() == BinaryOp.GREATER || cond.op() == BinaryOp.GREATER_EQUAL;
    if (!matches) {
      return null;
    }
    boolean inclusive = cond.op() == BinaryOp.LESS_EQUAL || cond.op() == BinaryOp.GREATER_EQUAL;
    return new LoopShape(i, d.init(), bound, up, inclusive);
  }

  /** Variables whose values the reverse loop's bounds read. */
  public Set<Variable> boundVariables() {
    Set<Variable> out = new HashSet<>(Exprs.variablesIn(first));
    out.addAll(Exprs.variablesIn(bound));
    return out;
  }

  /** TRUE for i++ / ++i / i += 1, FALSE for the downward forms, null otherwise. */
  private static Boolean step(Stmt update, Variable i) {
    if (update instanceof Stmt.Increment inc && inc.variable() == i) {
      return inc.up();
    }
    if (update instanceof Stmt.Assign a && a.variable() == i && a.value() instanceof Expr.Literal lit
        && lit.value() == 1) {
      if (a.op() == Stmt.AssignOp.ADD) {
        return Boolean.TRUE;
      }
      if (a.op() == Stmt.AssignOp.SUBTRACT) {
        return Boolean.FALSE;
      }
    }
    return null;
  }

  private static boolean writesAny(List<Stmt> body, Set<Variable> vars) {
    boolean[] found = {false};
    Exprs.forEachStatement(body, s -> {
      Variable w = Exprs.assignedBy(s);
      if (w != null && vars.contains(w)) {
        found[0] = true;
      }
    });
    return found[0];
  }

  /** A break of this loop (breaks inside nested loops are theirs). */
  private static boolean jumpsOut(List<Stmt> body) {
    for (Stmt s : body) {
      if (s instanceof Stmt.Break || s instanceof Stmt.Return) {
        return true;
      }
      if (s instanceof Stmt.If f && (jumpsOut(f.thenStmts()) || jumpsOut(f.elseStmts()))) {
        return true;
      }
    }
    return false;
  }
}
