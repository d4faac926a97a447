package io.github.javagrad.processor.model;

import java.util.List;

/** A statement of the differentiable subset, or one the adjoint builder writes. */
public sealed interface Stmt {
  /** Where the statement came from; null for statements the adjoint builder invents. */
  SourceRef source();

  /** {@code double t = init;} ({@code init} null for a declaration without initializer). */
  record Declare(Variable variable, Expr init, SourceRef source) implements Stmt {}

  enum AssignOp {
    SET("="),
    ADD("+="),
    SUBTRACT("-="),
    MULTIPLY("*="),
    DIVIDE("/=");

    public final String symbol;

    AssignOp(String symbol) {
      this.symbol = symbol;
    }
  }

  record Assign(Variable variable, AssignOp op, Expr value, SourceRef source) implements Stmt {}

  /** {@code i++} or {@code i--} as a statement. */
  record Increment(Variable variable, boolean up, SourceRef source) implements Stmt {}

  record If(Expr condition, List<Stmt> thenStmts, List<Stmt> elseStmts, SourceRef source)
      implements Stmt {}

  record Return(Expr value, SourceRef source) implements Stmt {}

  /** A comment line in generated code. */
  record Comment(String text) implements Stmt {
    @Override
    public SourceRef source() {
      return null;
    }
  }

  /** {@code return new M(value, dA, ...)}: the pullback's result. */
  record ReturnResult(com.palantir.javapoet.ClassName record, List<Expr> components)
      implements Stmt {
    @Override
    public SourceRef source() {
      return null;
    }
  }

  /** {@code var p = OtherGradients.gPullback(...)}: binds a pullback result. */
  record BindPullback(Variable variable, Expr.PullbackCall call) implements Stmt {
    @Override
    public SourceRef source() {
      return null;
    }
  }
}
