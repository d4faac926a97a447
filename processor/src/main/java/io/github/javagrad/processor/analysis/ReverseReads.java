package io.github.javagrad.processor.analysis;

import io.github.javagrad.processor.model.Expr;
import io.github.javagrad.processor.model.Expr.BinaryOp;
import io.github.javagrad.processor.model.MathFunction;
import io.github.javagrad.processor.model.Variable;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which primal values the reverse sweep of an expression reads, following the derivative rules:
 * {@code a + b} needs nothing, {@code a * b} needs both factors, {@code exp(u)} its result or,
 * failing that, u. This is what makes the to-be-recorded analysis precise: a value nobody reads
 * in reverse is never saved.
 */
public final class ReverseReads {
  private ReverseReads() {}

  /**
   * Variables whose values at the statement (before it writes) the reverse sweep reads. Values
   * the builder binds to forward temporaries are read from those, not from the variables inside
   * them: {@code tanh(z)} needs its result, which is a temporary, so z is not read.
   */
  public static Set<Variable> of(Expr root, Activity activity) {
    Set<Variable> out = new LinkedHashSet<>();
    for (Expr needed : NeededValues.of(root, activity)) {
      if (!NeededValues.isBound(needed, root)) {
        out.addAll(Exprs.variablesIn(needed));
      }
    }
    structural(root, activity, out);
    return out;
  }

  /** Reads that do not come from derivative values: indices, conditions, conditional branches. */
  private static void structural(Expr e, Activity activity, Set<Variable> out) {
    if (!activity.isActive(e)) {
      return;
    }
    if (e instanceof Expr.ArrayElement a) {
      for (Expr x = a; x instanceof Expr.ArrayElement el; x = el.array()) {
        out.addAll(Exprs.variablesIn(el.index()));
      }
    } else if (e instanceof Expr.Conditional c) {
      // recomputed in reverse where needed: everything its branches' rules read
      out.addAll(Exprs.variablesIn(c.condition()));
      collect(c.whenTrue(), activity, out);
      collect(c.whenFalse(), activity, out);
    } else if (e instanceof Expr.ArrayLiteral l) {
      l.elements().forEach(x -> structural(x, activity, out));
    } else if (e instanceof Expr.Unary u) {
      structural(u.operand(), activity, out);
    } else if (e instanceof Expr.Cast c) {
      structural(c.operand(), activity, out);
    } else if (e instanceof Expr.Binary b) {
      structural(b.left(), activity, out);
      structural(b.right(), activity, out);
    } else if (e instanceof Expr.MathCall m) {
      m.arguments().forEach(a -> structural(a, activity, out));
    } else if (e instanceof Expr.DifferentiableCall c) {
      c.arguments().forEach(a -> structural(a, activity, out));
    }
  }

  private static void collect(Expr e, Activity activity, Set<Variable> out) {
    if (!activity.isActive(e)) {
      return;
    }
    if (e instanceof Expr.ArrayElement a) {
      // dX[i] += ... needs the index as it was
      for (Expr x = a; x instanceof Expr.ArrayElement el; x = el.array()) {
        out.addAll(Exprs.variablesIn(el.index()));
      }
    } else if (e instanceof Expr.ArrayLiteral l) {
      l.elements().forEach(x -> collect(x, activity, out));
    } else if (e instanceof Expr.Unary u) {
      collect(u.operand(), activity, out);
    } else if (e instanceof Expr.Cast c) {
      collect(c.operand(), activity, out);
    } else if (e instanceof Expr.Binary b) {
      boolean leftActive = activity.isActive(b.left());
      boolean rightActive = activity.isActive(b.right());
      if (b.op() == BinaryOp.MULTIPLY) {
        if (leftActive) {
          out.addAll(Exprs.variablesIn(b.right()));
        }
        if (rightActive) {
          out.addAll(Exprs.variablesIn(b.left()));
        }
      } else if (b.op() == BinaryOp.DIVIDE) {
        if (leftActive || rightActive) {
          out.addAll(Exprs.variablesIn(b.right()));
        }
        if (rightActive) {
          out.addAll(Exprs.variablesIn(b.left())); // the quotient, if it must be recomputed
        }
      }
      collect(b.left(), activity, out);
      collect(b.right(), activity, out);
    } else if (e instanceof Expr.MathCall m) {
      if (!isLinear(m.function())) {
        m.arguments().forEach(a -> out.addAll(Exprs.variablesIn(a)));
      }
      m.arguments().forEach(a -> collect(a, activity, out));
    } else if (e instanceof Expr.DifferentiableCall c) {
      c.arguments().forEach(a -> out.addAll(Exprs.variablesIn(a)));
      c.arguments().forEach(a -> collect(a, activity, out));
    } else if (e instanceof Expr.Conditional c) {
      out.addAll(Exprs.variablesIn(c.condition()));
      collect(c.whenTrue(), activity, out);
      collect(c.whenFalse(), activity, out);
    }
  }

  /** Whether the derivative of the expression's root is written in terms of its own result. */
  public static boolean rootUsesResult(Expr root, Activity activity) {
    if (!activity.isActive(root)) {
      return false;
    }
    if (root instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE) {
      return activity.isActive(b.right());
    }
    if (root instanceof Expr.MathCall m) {
      return usesResult(m.function());
    }
    return false;
  }

  /** Functions whose derivative is cheapest from their result: exp' = exp, tanh' = 1 - tanh². */
  public static boolean usesResult(MathFunction f) {
    return NeededValues.usesResult(f);
  }

  public static boolean isLinear(MathFunction f) {
    return f == MathFunction.TO_RADIANS || f == MathFunction.TO_DEGREES;
  }
}
