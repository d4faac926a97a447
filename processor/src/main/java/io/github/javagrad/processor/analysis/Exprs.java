package io.github.javagrad.processor.analysis;

import io.github.javagrad.processor.model.Expr;
import io.github.javagrad.processor.model.JType;
import io.github.javagrad.processor.model.Stmt;
import io.github.javagrad.processor.model.Variable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Small queries over expressions and statements shared by the analyses. */
public final class Exprs {
  private Exprs() {}

  /** Every variable an expression reads, in any position. */
  public static Set<Variable> variablesIn(Expr e) {
    Set<Variable> out = new LinkedHashSet<>();
    visit(e, false, out::add);
    return out;
  }

  /**
   * The variables an expression reads where a change in their value changes the expression's
   * value differentiably: not in conditions, not under integer casts, not in piecewise-constant
   * functions, not in integer-typed subexpressions.
   */
  public static Set<Variable> differentiableVariablesIn(Expr e) {
    Set<Variable> out = new LinkedHashSet<>();
    visit(e, true, out::add);
    return out;
  }

  private static void visit(Expr e, boolean differentiableOnly, Consumer<Variable> sink) {
    if (differentiableOnly && !e.type().isDifferentiable()) {
      return;
    }
    if (e instanceof Expr.Local l) {
      sink.accept(l.variable());
    } else if (e instanceof Expr.ArrayElement a) {
      sink.accept(a.base());
      if (!differentiableOnly) {
        for (Expr x = a; x instanceof Expr.ArrayElement el; x = el.array()) {
          visit(el.index(), false, sink);
        }
      }
    } else if (e instanceof Expr.ArrayLength) {
      // An array's length never changes (array variables are never reassigned): nothing to track.
    } else if (e instanceof Expr.NewArray n) {
      if (!differentiableOnly) {
        n.dimensions().forEach(d -> visit(d, false, sink));
      }
    } else if (e instanceof Expr.ArrayLiteral l) {
      l.elements().forEach(x -> visit(x, differentiableOnly, sink));
    } else if (e instanceof Expr.CopyOf c) {
      visit(c.array(), differentiableOnly, sink);
    } else if (e instanceof Expr.Unary u) {
      visit(u.operand(), differentiableOnly, sink);
    } else if (e instanceof Expr.Binary b) {
      visit(b.left(), differentiableOnly, sink);
      visit(b.right(), differentiableOnly, sink);
    } else if (e instanceof Expr.MathCall m) {
      if (!(differentiableOnly && m.function().isPiecewiseConstant())) {
        for (int i = 0; i < m.arguments().size(); i++) {
          // copySign's result does not depend differentiably on the sign argument
          if (differentiableOnly && i == 1
              && m.function() == io.github.javagrad.processor.model.MathFunction.COPY_SIGN) {
            continue;
          }
          visit(m.arguments().get(i), differentiableOnly, sink);
        }
      }
    } else if (e instanceof Expr.DifferentiableCall c) {
      for (int i = 0; i < c.arguments().size(); i++) {
        if (!differentiableOnly || c.callee().differentiates(i)) {
          visit(c.arguments().get(i), differentiableOnly, sink);
        }
      }
    } else if (e instanceof Expr.Conditional c) {
      if (!differentiableOnly) {
        visit(c.condition(), false, sink);
      }
      visit(c.whenTrue(), differentiableOnly, sink);
      visit(c.whenFalse(), differentiableOnly, sink);
    } else if (e instanceof Expr.Cast c) {
      visit(c.operand(), differentiableOnly, sink);
    }
  }

  /** The value of a constant numeric literal, possibly negated, or NaN when e is not one. */
  public static double constantValue(Expr e) {
    if (e instanceof Expr.Literal l && l.type() != JType.BOOLEAN) {
      return l.value();
    }
    if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEGATE) {
      return -constantValue(u.operand());
    }
    if (e instanceof Expr.Cast c) {
      double v = constantValue(c.operand());
      if (Double.isNaN(v)) {
        return v;
      }
      return switch (c.type()) {
        case INT -> (int) v;
        case LONG -> (long) v;
        default -> v;
      };
    }
    return Double.NaN;
  }

  /** Whether the expression is a leaf whose value costs nothing to read again. */
  public static boolean isLeaf(Expr e) {
    return e instanceof Expr.Local || e instanceof Expr.Literal || e instanceof Expr.ConstantRef
        || e instanceof Expr.ArrayLength
        || (e instanceof Expr.ArrayElement a && isLeafIndex(a));
  }

  /** {@code x[i]} and {@code w[i][j]} with plain variable or literal indices: cheap to read again. */
  private static boolean isLeafIndex(Expr.ArrayElement a) {
    Expr x = a;
    while (x instanceof Expr.ArrayElement el) {
      if (!(el.index() instanceof Expr.Local || el.index() instanceof Expr.Literal)) {
        return false;
      }
      x = el.array();
    }
    return true;
  }

  /** The variable a statement writes, or null. */
  public static Variable assignedBy(Stmt s) {
    if (s instanceof Stmt.Declare d) {
      return d.variable();
    }
    if (s instanceof Stmt.Assign a) {
      return a.variable();
    }
    if (s instanceof Stmt.Increment i) {
      return i.variable();
    }
    if (s instanceof Stmt.ArrayAssign a) {
      return a.target().base();
    }
    return null;
  }

  /** Calls {@code action} on every statement, nested ones included, in program order. */
  public static void forEachStatement(List<Stmt> body, Consumer<Stmt> action) {
    for (Stmt s : body) {
      action.accept(s);
      if (s instanceof Stmt.If i) {
        forEachStatement(i.thenStmts(), action);
        forEachStatement(i.elseStmts(), action);
      } else if (s instanceof Stmt.Loop l) {
        forEachStatement(l.init(), action);
        forEachStatement(l.body(), action);
        forEachStatement(l.update(), action);
      }
    }
  }
}
