package io.github.javagrad.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;

/**
 * An expression of the differentiable subset, with names and types already resolved by the
 * reader. The adjoint builder adds a few kinds of its own (pullback calls, record accessors).
 */
public sealed interface Expr {
  JType type();

  /** A numeric or boolean literal, kept as written so generated code shows the user's text. */
  record Literal(String text, double value, JType type) implements Expr {
    public static Literal ofDouble(double v) {
      String text = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
      return new Literal(text, v, JType.DOUBLE);
    }

    public boolean isZero() {
      return value == 0.0 && type != JType.BOOLEAN;
    }

    public boolean isOne() {
      return value == 1.0 && type != JType.BOOLEAN;
    }
  }

  /** A read of a parameter or local variable. */
  record Local(Variable variable) implements Expr {
    @Override
    public JType type() {
      return variable.type();
    }
  }

  /** A {@code static final} constant such as {@code Math.PI} or {@code Demo.SCALE}. */
  record ConstantRef(ClassName owner, String field, JType type) implements Expr {}

  enum UnaryOp {
    NEGATE("-"),
    PLUS("+"),
    NOT("!");

    public final String symbol;

    UnaryOp(String symbol) {
      this.symbol = symbol;
    }
  }

  record Unary(UnaryOp op, Expr operand, JType type) implements Expr {}

  enum BinaryOp {
    MULTIPLY("*", 12),
    DIVIDE("/", 12),
    REMAINDER("%", 12),
    ADD("+", 11),
    SUBTRACT("-", 11),
    LESS("<", 9),
    LESS_EQUAL("<=", 9),
    GREATER(">", 9),
    GREATER_EQUAL(">=", 9),
    EQUAL("==", 8),
    NOT_EQUAL("!=", 8),
    AND("&&", 4),
    OR("||", 3);

    public final String symbol;
    /** Java operator precedence, higher binds tighter. */
    public final int precedence;

    BinaryOp(String symbol, int precedence) {
      this.symbol = symbol;
      this.precedence = precedence;
    }

    public boolean isComparison() {
      return precedence == 9 || precedence == 8;
    }

    public boolean isLogical() {
      return this == AND || this == OR;
    }
  }

  record Binary(BinaryOp op, Expr left, Expr right, JType type) implements Expr {}

  /** A call of a {@code java.lang.Math} or {@code StrictMath} function. */
  record MathCall(MathFunction function, ClassName owner, List<Expr> arguments, JType type)
      implements Expr {}

  /** A call of another {@code @Differentiable} method. */
  record DifferentiableCall(Callee callee, List<Expr> arguments) implements Expr {
    @Override
    public JType type() {
      return callee.resultType() == null ? JType.DOUBLE : callee.resultType();
    }
  }

  record Conditional(Expr condition, Expr whenTrue, Expr whenFalse, JType type) implements Expr {}

  record Cast(JType type, Expr operand) implements Expr {}

  /** {@code a[i]}; {@code a} is a variable or, for {@code double[][]}, another element. */
  record ArrayElement(Expr array, Expr index, JType type) implements Expr {
    /** The variable holding the outermost array. */
    public Variable base() {
      Expr e = array;
      while (e instanceof ArrayElement inner) {
        e = inner.array();
      }
      return ((Local) e).variable();
    }
  }

  /** {@code a.length}. */
  record ArrayLength(Expr array) implements Expr {
    @Override
    public JType type() {
      return JType.INT;
    }
  }

  /** {@code new double[n]}, {@code new double[n][m]}: zero-filled. */
  record NewArray(JType type, List<Expr> dimensions) implements Expr {}

  /** {@code {a, b, c}} or {@code new double[] {a, b, c}}. */
  record ArrayLiteral(JType type, List<Expr> elements) implements Expr {}

  /** {@code a.clone()}: a shallow copy (for {@code double[][]}, the rows are copied too). */
  record CopyOf(Expr array) implements Expr {
    @Override
    public JType type() {
      return array.type();
    }
  }

  // ---- kinds that only the adjoint builder creates ----

  /** {@code i--} or {@code i++} as a value, only in generated loop tests. */
  record PostStep(Variable variable, boolean up) implements Expr {
    @Override
    public JType type() {
      return variable.type();
    }
  }

  /** {@code tape.pop()}. */
  record TapePop(Variable tape, JType type) implements Expr {}

  /**
   * {@code arrayPool.method(arguments)}: a zero-filled scratch array from the thread's {@code
   * io.github.javagrad.tape.ArrayPool}, in place of a {@code new double[n]}, {@code new
   * double[n][m]}, {@code new int[n]} or {@code Adjoints.zerosLike(a)} whose array never leaves the
   * pullback ({@code method} is {@code doubles}, {@code ints} or {@code zerosLike}).
   */
  record PoolAllocation(Variable pool, String method, List<Expr> arguments, JType type)
      implements Expr {}

  /**
   * {@code OtherGradients.gPullback(args..., seed, adjointArrays...)}; the adjoint arrays are
   * those of the array parameters the callee differentiates, in order.
   */
  record PullbackCall(Callee callee, List<Expr> arguments, Expr seed, List<Expr> adjointArrays)
      implements Expr {
    @Override
    public JType type() {
      return JType.DOUBLE; // not a scalar; only ever bound to a PULLBACK variable
    }
  }

  /** {@code pullback.dX()}: one partial of a pullback result. */
  record PartialOf(Variable pullback, String accessor) implements Expr {
    @Override
    public JType type() {
      return JType.DOUBLE;
    }
  }

  /** A call of a static helper in the javagrad runtime, for derivatives with edge cases. */
  record RuntimeCall(ClassName owner, String method, List<Expr> arguments) implements Expr {
    @Override
    public JType type() {
      return JType.DOUBLE;
    }
  }
}
