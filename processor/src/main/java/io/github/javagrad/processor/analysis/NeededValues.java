package io.github.javagrad.processor.analysis;

import io.github.javagrad.processor.model.Expr;
import io.github.javagrad.processor.model.Expr.BinaryOp;
import io.github.javagrad.processor.model.JType;
import io.github.javagrad.processor.model.MathFunction;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The intermediate values a statement's derivative rules read: the other factor of a product, the
 * divisor, the argument of {@code sin}, the result of {@code exp}. Shared by the adjoint builder,
 * which binds the non-trivial ones to forward temporaries, and by the to-be-recorded analysis,
 * which then knows the reverse sweep reads those temporaries rather than the variables inside.
 */
public final class NeededValues {
  private NeededValues() {}

  /** The needed nodes of {@code root}'s active parts (identity set), outside conditional branches. */
  public static Set<Expr> of(Expr root, Activity activity) {
    Set<Expr> needed = Collections.newSetFromMap(new IdentityHashMap<>());
    collect(root, activity, needed);
    return needed;
  }

  /**
   * Whether the builder binds this needed node to a forward temporary: a non-trivial double
   * evaluated on every path, other than the statement's root.
   */
  public static boolean isBound(Expr node, Expr root) {
    return node != root && !Exprs.isLeaf(node) && node.type() == JType.DOUBLE;
  }

  private static void collect(Expr e, Activity activity, Set<Expr> needed) {
    if (!activity.isActive(e)) {
      return;
    }
    if (e instanceof Expr.Unary u) {
      collect(u.operand(), activity, needed);
    } else if (e instanceof Expr.Cast c) {
      collect(c.operand(), activity, needed);
    } else if (e instanceof Expr.Binary b) {
      boolean la = activity.isActive(b.left());
      boolean ra = activity.isActive(b.right());
      if (b.op() == BinaryOp.MULTIPLY) {
        if (la) {
          needed.add(b.right());
        }
        if (ra) {
          needed.add(b.left());
        }
      } else if (b.op() == BinaryOp.DIVIDE) {
        needed.add(b.right());
        if (ra) {
          needed.add(b);
        }
      }
      collect(b.left(), activity, needed);
      collect(b.right(), activity, needed);
    } else if (e instanceof Expr.MathCall m) {
      mathNeeds(m, activity, needed);
      m.arguments().forEach(a -> collect(a, activity, needed));
    } else if (e instanceof Expr.DifferentiableCall c) {
      needed.addAll(c.arguments());
      c.arguments().forEach(a -> collect(a, activity, needed));
    } else if (e instanceof Expr.ArrayLiteral l) {
      l.elements().forEach(x -> collect(x, activity, needed));
    }
    // Conditional: its branches are not evaluated on every path; nothing inside is bound.
  }

  private static void mathNeeds(Expr.MathCall m, Activity activity, Set<Expr> needed) {
    List<Expr> args = m.arguments();
    switch (m.function()) {
      case TAN, TANH, EXP, EXPM1, SQRT, CBRT -> needed.add(m);
      case TO_RADIANS, TO_DEGREES, SIGNUM, FLOOR, CEIL, RINT -> {}
      case POW -> {
        boolean constantExponent = !Double.isNaN(Exprs.constantValue(args.get(1)));
        needed.add(args.get(0));
        if (!constantExponent) {
          needed.add(args.get(1));
        }
        if (activity.isActive(args.get(1))) {
          needed.add(m);
        }
      }
      case HYPOT -> {
        needed.addAll(args);
        needed.add(m);
      }
      default -> needed.addAll(args);
    }
  }

  /** Whether {@code f}'s derivative is written in terms of its result. */
  static boolean usesResult(MathFunction f) {
    return switch (f) {
      case TAN, TANH, EXP, EXPM1, SQRT, CBRT, HYPOT, POW -> true;
      default -> false;
    };
  }
}
