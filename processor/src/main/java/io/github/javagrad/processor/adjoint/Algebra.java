package io.github.javagrad.processor.adjoint;

import io.github.javagrad.processor.model.Expr;
import io.github.javagrad.processor.model.Expr.BinaryOp;
import io.github.javagrad.processor.model.JType;

/**
 * Builds adjoint expressions with the simplifications a person would make by hand: no {@code * 1},
 * no {@code -(-x)}, negative literals folded.
 */
final class Algebra {
  private Algebra() {}

  static Expr mul(Expr a, Expr b) {
    if (isLiteral(a, 1)) {
      return b;
    }
    if (isLiteral(b, 1)) {
      return a;
    }
    if (isLiteral(a, -1)) {
      return neg(b);
    }
    if (isLiteral(b, -1)) {
      return neg(a);
    }
    if (a instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEGATE) {
      return neg(mul(u.operand(), b));
    }
    if (b instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEGATE) {
      return neg(mul(a, u.operand()));
    }
    return new Expr.Binary(BinaryOp.MULTIPLY, a, b, JType.DOUBLE);
  }

  static Expr div(Expr a, Expr b) {
    if (isLiteral(b, 1)) {
      return a;
    }
    if (a instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEGATE) {
      return neg(div(u.operand(), b));
    }
    return new Expr.Binary(BinaryOp.DIVIDE, a, b, JType.DOUBLE);
  }

  static Expr add(Expr a, Expr b) {
    if (b instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEGATE) {
      return new Expr.Binary(BinaryOp.SUBTRACT, a, u.operand(), JType.DOUBLE);
    }
    return new Expr.Binary(BinaryOp.ADD, a, b, JType.DOUBLE);
  }

  static Expr sub(Expr a, Expr b) {
    return new Expr.Binary(BinaryOp.SUBTRACT, a, b, JType.DOUBLE);
  }

  static Expr neg(Expr a) {
    if (a instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEGATE) {
      return u.operand();
    }
    if (a instanceof Expr.Literal l && l.type() != JType.BOOLEAN) {
      String text = l.text().startsWith("-") ? l.text().substring(1) : "-" + l.text();
      return new Expr.Literal(text, -l.value(), l.type());
    }
    return new Expr.Unary(Expr.UnaryOp.NEGATE, a, a.type());
  }

  static Expr.Literal literal(double v) {
    return Expr.Literal.ofDouble(v);
  }

  /** The value of a constant numeric literal, possibly negated or cast, or NaN. */
  static double constantValue(Expr e) {
    return io.github.javagrad.processor.analysis.Exprs.constantValue(e);
  }

  private static boolean isLiteral(Expr e, double v) {
    return e instanceof Expr.Literal l && l.type() != JType.BOOLEAN && l.value() == v;
  }
}
