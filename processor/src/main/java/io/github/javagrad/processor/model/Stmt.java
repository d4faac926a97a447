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

  /** {@code a[i] op= value}. */
  record ArrayAssign(Expr.ArrayElement target, AssignOp op, Expr value, SourceRef source)
      implements Stmt {}

  enum LoopKind {
    FOR,
    WHILE,
    DO_WHILE
  }

  /**
   * A loop. {@code for} keeps its parts; {@code while} and {@code do} have empty init and update.
   * An enhanced for is read as a counted for over the array's indices.
   */
  record Loop(
      LoopKind kind,
      List<Stmt> init,
      Expr condition,
      List<Stmt> update,
      List<Stmt> body,
      SourceRef source)
      implements Stmt {}

  /** A call of a void {@code @Differentiable} method, which writes its results into arrays. */
  record CallStatement(Expr.DifferentiableCall call, SourceRef source) implements Stmt {}

  /**
   * A labelled {@code break} or {@code continue} that leaves {@code levels} loops (2 or more);
   * rewritten into flags and plain breaks before analysis.
   */
  record JumpOut(int levels, boolean isContinue, SourceRef source) implements Stmt {}

  /**
   * {@code throw e;}. The reader keeps only where it is ({@code replay} null): the exception is
   * not modelled. The adjoint builder fills in {@code replay}, a call of the original method with
   * the arguments it was called with, which throws the same exception again (the method is pure),
   * wrapped so that the statement is a {@code throw} for javac.
   */
  record Throw(Expr replay, SourceRef source) implements Stmt {}

  /** {@code break} of the innermost loop. */
  record Break(SourceRef source) implements Stmt {}

  /** {@code continue} of the innermost loop. */
  record Continue(SourceRef source) implements Stmt {}

  /** A call of a runtime helper as a statement, {@code Adjoints.accumulate(dX, dY)}. */
  record Evaluate(Expr call) implements Stmt {
    @Override
    public SourceRef source() {
      return null;
    }
  }

  /** {@code tape.push(value)}. */
  record TapePush(Variable tape, Expr value) implements Stmt {
    @Override
    public SourceRef source() {
      return null;
    }
  }

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

  /**
   * A call of part {@code part} of a pullback too large for one JVM method: the splitter moves
   * runs of statements into private helper methods. {@code returns}: the part ends in a return,
   * so the call returns its result.
   */
  record CallPart(int part, boolean returns) implements Stmt {
    @Override
    public SourceRef source() {
      return null;
    }
  }
}
