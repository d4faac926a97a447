package io.github.javagrad.processor.adjoint;

import static io.github.javagrad.processor.adjoint.Algebra.add;
import static io.github.javagrad.processor.adjoint.Algebra.div;
import static io.github.javagrad.processor.adjoint.Algebra.literal;
import static io.github.javagrad.processor.adjoint.Algebra.mul;
import static io.github.javagrad.processor.adjoint.Algebra.neg;
import static io.github.javagrad.processor.adjoint.Algebra.sub;

import com.palantir.javapoet.ClassName;
import io.github.javagrad.processor.analysis.Activity;
import io.github.javagrad.processor.model.Expr;
import io.github.javagrad.processor.model.JType;
import io.github.javagrad.processor.model.MathFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One derivative rule per {@code Math} function, as data: for each argument, how the adjoint of
 * the call becomes the adjoint of that argument. Rules are written inline ({@code s * Math.cos(u)})
 * except where a formula would be wrong at some point; those call {@code
 * io.github.javagrad.Derivatives}, whose javadoc states the convention (PyTorch's).
 *
 * <p>Conventions at non-differentiable points: {@code abs'(0) = 0}; {@code max} and {@code min}
 * split the gradient evenly at ties; {@code signum}, {@code floor}, {@code ceil} and {@code rint}
 * have derivative 0; {@code pow(u, 0)} has base derivative 0 even at u = 0; {@code pow(0, v)} has
 * exponent derivative 0 for v ≥ 0; {@code hypot} has derivative 0 at the origin; {@code
 * copySign(m, s)} has derivative 0 at m = 0. {@code sqrt}, {@code cbrt}, {@code log}, {@code
 * asin} and {@code acos} give infinite derivatives at the edge of their domain, as the
 * mathematics does.
 */
final class DerivativeRules {
  static final ClassName DERIVATIVES = ClassName.get("io.github.javagrad", "Derivatives");
  static final ClassName ADJOINTS = ClassName.get("io.github.javagrad", "Adjoints");

  private DerivativeRules() {}

  /** The adjoint of argument {@code argument} is {@code times(adjoint of the call)}. */
  record Partial(int argument, UnaryOperator<Expr> rule) {
    Expr times(Expr seed) {
      return rule.apply(seed);
    }
  }

  /** Partials for the active arguments of {@code m}; {@code value} reads a node's value. */
  static List<Partial> partials(Expr.MathCall m, Activity activity, Function<Expr, Expr> value) {
    List<Partial> out = new ArrayList<>();
    List<Expr> args = m.arguments();
    // Values are fetched only when a rule needs them: fetching may bind a reverse-sweep local.
    Lazy u = new Lazy(() -> value.apply(args.get(0)));
    Lazy v = new Lazy(() -> value.apply(args.get(1)));
    Lazy y = new Lazy(() -> value.apply(m));
    boolean uActive = activity.isActive(args.get(0));
    boolean vActive = args.size() > 1 && activity.isActive(args.get(1));
    ClassName math = m.owner();
    switch (m.function()) {
      case SIN -> out.add(new Partial(0, s -> mul(s, call(math, MathFunction.COS, u.get()))));
      case COS -> out.add(new Partial(0, s -> neg(mul(s, call(math, MathFunction.SIN, u.get())))));
      case TAN -> {
        out.add(new Partial(0, s -> mul(s, add(literal(1), mul(y.get(), y.get())))));
      }
      case ASIN -> out.add(new Partial(0, s -> div(s, call(math, MathFunction.SQRT, sub(literal(1), mul(u.get(), u.get()))))));
      case ACOS -> out.add(new Partial(0, s -> neg(div(s, call(math, MathFunction.SQRT, sub(literal(1), mul(u.get(), u.get())))))));
      case ATAN -> out.add(new Partial(0, s -> div(s, add(literal(1), mul(u.get(), u.get())))));
      case ATAN2 -> {
        Expr squares = add(mul(u.get(), u.get()), mul(v.get(), v.get()));
        if (uActive) {
          out.add(new Partial(0, s -> div(mul(s, v.get()), squares)));
        }
        if (vActive) {
          out.add(new Partial(1, s -> neg(div(mul(s, u.get()), squares))));
        }
      }
      case SINH -> out.add(new Partial(0, s -> mul(s, call(math, MathFunction.COSH, u.get()))));
      case COSH -> out.add(new Partial(0, s -> mul(s, call(math, MathFunction.SINH, u.get()))));
      case TANH -> {
        out.add(new Partial(0, s -> mul(s, sub(literal(1), mul(y.get(), y.get())))));
      }
      case EXP -> {
        out.add(new Partial(0, s -> mul(s, y.get())));
      }
      case EXPM1 -> {
        out.add(new Partial(0, s -> mul(s, add(y.get(), literal(1)))));
      }
      case LOG -> out.add(new Partial(0, s -> div(s, u.get())));
      case LOG10 -> out.add(new Partial(0, s -> div(s, mul(u.get(), new Expr.ConstantRef(DERIVATIVES, "LN_10", JType.DOUBLE)))));
      case LOG1P -> out.add(new Partial(0, s -> div(s, add(literal(1), u.get()))));
      case SQRT -> {
        out.add(new Partial(0, s -> div(s, mul(literal(2), y.get()))));
      }
      case CBRT -> {
        out.add(new Partial(0, s -> div(s, mul(mul(literal(3), y.get()), y.get()))));
      }
      case POW -> pow(m, u, v, uActive, vActive, value, out);
      case HYPOT -> {
        if (uActive) {
          out.add(new Partial(0, s -> mul(s, runtime("hypotPartial", u.get(), y.get()))));
        }
        if (vActive) {
          out.add(new Partial(1, s -> mul(s, runtime("hypotPartial", v.get(), y.get()))));
        }
      }
      case ABS -> out.add(new Partial(0, s -> mul(s, call(math, MathFunction.SIGNUM, u.get()))));
      case MAX, MIN -> {
        String partial = m.function() == MathFunction.MAX ? "maxPartial" : "minPartial";
        if (uActive) {
          out.add(new Partial(0, s -> mul(s, runtime(partial, u.get(), v.get()))));
        }
        if (vActive) {
          out.add(new Partial(1, s -> mul(s, runtime(partial, v.get(), u.get()))));
        }
      }
      case COPY_SIGN -> out.add(new Partial(0, s -> mul(s, runtime("copySignPartial", u.get(), v.get()))));
      case TO_RADIANS -> out.add(new Partial(0, s -> call(math, MathFunction.TO_RADIANS, s)));
      case TO_DEGREES -> out.add(new Partial(0, s -> call(math, MathFunction.TO_DEGREES, s)));
      case SIGNUM, FLOOR, CEIL, RINT -> {
        // derivative 0 wherever it exists; the activity analysis never gets here
      }
      case IS_NAN, IS_INFINITE, IS_FINITE -> {
        // booleans carry no derivative; the activity analysis never gets here
      }
    }
    out.removeIf(p -> !activity.isActive(args.get(p.argument())));
    return out;
  }

  private static void pow(
      Expr.MathCall m, Lazy u, Lazy v, boolean uActive, boolean vActive,
      Function<Expr, Expr> value, List<Partial> out) {
    if (uActive) {
      double k = Algebra.constantValue(m.arguments().get(1));
      if (!Double.isNaN(k)) {
        if (k == 1) {
          out.add(new Partial(0, s -> s));
        } else if (k == 2) {
          out.add(new Partial(0, s -> mul(s, mul(literal(2), u.get()))));
        } else if (k != 0) {
          out.add(new Partial(0, s -> mul(s, mul(literal(k), call(m.owner(), MathFunction.POW, u.get(), literal(k - 1))))));
        }
      } else {
        out.add(new Partial(0, s -> mul(s, runtime("powBasePartial", u.get(), v.get()))));
      }
    }
    if (vActive) {
      Lazy y = new Lazy(() -> value.apply(m));
      out.add(new Partial(1, s -> mul(s, runtime("powExponentPartial", u.get(), v.get(), y.get()))));
    }
  }

  /** A value computed on first use, then reused. */
  private static final class Lazy {
    private final java.util.function.Supplier<Expr> supplier;
    private Expr value;

    Lazy(java.util.function.Supplier<Expr> supplier) {
      this.supplier = supplier;
    }

    Expr get() {
      if (value == null) {
        value = supplier.get();
      }
      return value;
    }
  }

  private static Expr call(ClassName owner, MathFunction f, Expr... args) {
    return new Expr.MathCall(f, owner, List.of(args), JType.DOUBLE);
  }

  private static Expr runtime(String method, Expr... args) {
    return new Expr.RuntimeCall(DERIVATIVES, method, List.of(args));
  }
}
