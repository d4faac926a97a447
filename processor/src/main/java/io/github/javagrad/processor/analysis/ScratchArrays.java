package io.github.javagrad.processor.analysis;

import io.github.javagrad.processor.model.Expr;
import io.github.javagrad.processor.model.JType;
import io.github.javagrad.processor.model.Stmt;
import io.github.javagrad.processor.model.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which array declarations of a pullback may take their array from the thread's {@code ArrayPool}
 * instead of {@code new}: an escape analysis over the pullback's final statements (forward and
 * reverse sweep, as the adjoint builder wrote them).
 *
 * <p>A declaration {@code T[] v = new T[n]} ({@code new double[n][m]}, {@code new int[n]}, or an
 * adjoint's {@code Adjoints.zerosLike(a)}) qualifies when
 *
 * <ul>
 *   <li>it runs at most once per call: it is at the top of the body or inside {@code if}s, never
 *       inside a loop (a pooled array per iteration would hold a slot per iteration until the
 *       call ends);
 *   <li>{@code v} is declared once and never assigned again;
 *   <li>the array cannot escape the call: {@code v} (and, for a matrix, each row {@code v[i]}) is
 *       used only as the array of an element access or of {@code .length}, as the source of a
 *       copy ({@code clone}, {@code Adjoints.copy}), as an argument of another differentiable
 *       method or its pullback that returns a scalar or nothing (generated pullbacks and the
 *       differentiable subset store no array), as an argument of the runtime helpers that only
 *       read or write elements ({@code Adjoints.push/pop/copy/copyInto/accumulate/checkSeed
 *       /zerosLike}), or as the value of a local alias ({@code w = v}, {@code double[] row =
 *       v[i]}) that is itself used only in these ways. Any other use, such as a return, a row
 *       stored into another matrix, or a pullback result record, counts as an escape.
 * </ul>
 *
 * <p>The test is conservative: whatever it does not recognise is an escape.
 */
public final class ScratchArrays {
  private static final String ADJOINTS = "io.github.javagrad.Adjoints";
  /** Runtime helpers that read or write their array arguments' elements and keep no reference. */
  private static final Set<String> ELEMENT_HELPERS =
      Set.of("push", "pop", "copy", "copyInto", "accumulate", "checkSeed", "zerosLike");

  /** Test-only: set while pooling is switched off in this thread (see {@link #withoutPool}). */
  private static final ThreadLocal<Boolean> DISABLED = new ThreadLocal<>();

  private final Set<Variable> escaped = new HashSet<>();
  private final Map<Variable, Integer> definitions = new HashMap<>();
  /** For each array variable set to another array or a row, the variables holding those. */
  private final Map<Variable, Set<Variable>> aliases = new HashMap<>();

  private ScratchArrays() {}

  /**
   * The declarations of {@code body} whose array may come from the pool (compared by identity).
   *
   * @param body a pullback's statements
   * @return the qualifying {@link Stmt.Declare} statements
   */
  public static Set<Stmt.Declare> poolable(List<Stmt> body) {
    if (DISABLED.get() != null) {
      return Set.of();
    }
    ScratchArrays a = new ScratchArrays();
    a.statements(body);
    a.closeOverAliases();
    List<Stmt.Declare> candidates = new ArrayList<>();
    onceOnly(body, candidates);
    Set<Stmt.Declare> out = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Stmt.Declare d : candidates) {
      Variable v = d.variable();
      if (v.role() != Variable.Role.PARAMETER && !a.escaped.contains(v)
          && a.definitions.getOrDefault(v, 0) == 1) {
        out.add(d);
      }
    }
    return out;
  }

  /**
   * Runs {@code action} (a compilation, in this thread) with every array allocated by {@code new}
   * as before pooling: for tests, which compare pooled pullbacks with unpooled ones bit for bit.
   */
  public static <T> T withoutPool(java.util.function.Supplier<T> action) {
    Boolean before = DISABLED.get();
    DISABLED.set(Boolean.TRUE);
    try {
      return action.get();
    } finally {
      DISABLED.set(before);
    }
  }

  /** Whether {@code init} is an allocation the pool can serve exactly. */
  public static boolean isPoolableAllocation(JType type, Expr init) {
    if (init instanceof Expr.NewArray n) {
      int rank = switch (type) {
        case DOUBLE_ARRAY, INT_ARRAY -> 1;
        case DOUBLE_MATRIX -> 2;
        default -> -1;
      };
      return n.type() == type && n.dimensions().size() == rank;
    }
    return type == JType.DOUBLE_MATRIX && isAdjointsCall(init, "zerosLike")
        && ((Expr.RuntimeCall) init).arguments().size() == 1;
  }

  /** Declarations with a poolable allocation outside loops. */
  private static void onceOnly(List<Stmt> stmts, List<Stmt.Declare> out) {
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Declare d && d.init() != null
          && isPoolableAllocation(d.variable().type(), d.init())) {
        out.add(d);
      } else if (s instanceof Stmt.If f) {
        onceOnly(f.thenStmts(), out);
        onceOnly(f.elseStmts(), out);
      }
    }
  }

  private static boolean isAdjointsCall(Expr e, String method) {
    return e instanceof Expr.RuntimeCall r && r.owner().canonicalName().equals(ADJOINTS)
        && r.method().equals(method);
  }

  // ------------------------------------------------------------------ uses

  private void define(Variable v) {
    definitions.merge(v, 1, Integer::sum);
  }

  private void statements(List<Stmt> stmts) {
    for (Stmt s : stmts) {
      statement(s);
    }
  }

  private void statement(Stmt s) {
    if (s instanceof Stmt.Declare d) {
      define(d.variable());
      assigned(d.variable(), d.init());
    } else if (s instanceof Stmt.Assign a) {
      define(a.variable());
      assigned(a.variable(), a.value());
    } else if (s instanceof Stmt.Increment i) {
      define(i.variable());
    } else if (s instanceof Stmt.ArrayAssign a) {
      if (a.target().type().isArray()) {
        // a row replaced: the matrix then holds an array the pool did not hand out
        escaped.add(a.target().base());
      }
      arrayOperand(a.target().array());
      value(a.target().index());
      value(a.value());
    } else if (s instanceof Stmt.If f) {
      value(f.condition());
      statements(f.thenStmts());
      statements(f.elseStmts());
    } else if (s instanceof Stmt.Loop l) {
      statements(l.init());
      value(l.condition());
      statements(l.update());
      statements(l.body());
    } else if (s instanceof Stmt.Return r) {
      value(r.value());
    } else if (s instanceof Stmt.ReturnResult r) {
      r.components().forEach(this::value);
    } else if (s instanceof Stmt.CallStatement c) {
      value(c.call());
    } else if (s instanceof Stmt.Evaluate ev) {
      value(ev.call());
    } else if (s instanceof Stmt.TapePush p) {
      value(p.value());
    } else if (s instanceof Stmt.BindPullback b) {
      define(b.variable());
      value(b.call());
    } else if (s instanceof Stmt.Throw t) {
      value(t.replay());
    } else if (s instanceof Stmt.Comment || s instanceof Stmt.Break || s instanceof Stmt.Continue
        || s instanceof Stmt.JumpOut || s instanceof Stmt.CallPart) {
      // nothing read
    } else {
      throw new IllegalStateException("unknown statement " + s);
    }
  }

  /**
   * {@code v = value}: an array variable set to another array or to a row of a matrix ({@code
   * double[] row = m[i]}) is an alias, a local of the pullback like the array itself, so the
   * array escapes only if the alias does.
   */
  private void assigned(Variable v, Expr value) {
    if (v.type().isArray() && value != null && value.type().isArray()
        && (value instanceof Expr.Local || value instanceof Expr.ArrayElement)) {
      Variable base = value instanceof Expr.Local l ? l.variable() : ((Expr.ArrayElement) value).base();
      aliases.computeIfAbsent(v, k -> new HashSet<>()).add(base);
      arrayOperand(value);
      return;
    }
    value(value);
  }

  /** Adds to {@link #escaped} every array an escaping alias refers to, transitively. */
  private void closeOverAliases() {
    List<Variable> work = new ArrayList<>(escaped);
    while (!work.isEmpty()) {
      Set<Variable> targets = aliases.get(work.remove(work.size() - 1));
      if (targets != null) {
        for (Variable t : targets) {
          if (escaped.add(t)) {
            work.add(t);
          }
        }
      }
    }
  }

  /** An array whose elements (or length) are accessed: the reference itself goes nowhere. */
  private void arrayOperand(Expr e) {
    if (e instanceof Expr.Local) {
      return;
    }
    if (e instanceof Expr.ArrayElement a) {
      arrayOperand(a.array());
      value(a.index());
      return;
    }
    value(e);
  }

  /** An expression in a position where an array reference could be kept: a bare array escapes. */
  private void value(Expr e) {
    if (e == null) {
      return;
    }
    if (e instanceof Expr.Local l) {
      if (l.type().isArray()) {
        escaped.add(l.variable());
      }
    } else if (e instanceof Expr.ArrayElement a) {
      if (a.type().isArray()) {
        escaped.add(a.base()); // a row as a value
      }
      arrayOperand(a.array());
      value(a.index());
    } else if (e instanceof Expr.ArrayLength a) {
      arrayOperand(a.array());
    } else if (e instanceof Expr.CopyOf c) {
      arrayOperand(c.array());
    } else if (e instanceof Expr.DifferentiableCall c) {
      callArguments(c.callee().resultType(), c.arguments());
    } else if (e instanceof Expr.PullbackCall p) {
      callArguments(p.callee().resultType(), p.arguments());
      value(p.seed());
      callArguments(p.callee().resultType(), p.adjointArrays());
    } else if (e instanceof Expr.RuntimeCall r) {
      boolean elementsOnly = r.owner().canonicalName().equals(ADJOINTS)
          && ELEMENT_HELPERS.contains(r.method());
      for (Expr arg : r.arguments()) {
        if (elementsOnly) {
          arrayOperand(arg);
        } else {
          value(arg);
        }
      }
    } else if (e instanceof Expr.Unary u) {
      value(u.operand());
    } else if (e instanceof Expr.Binary b) {
      value(b.left());
      value(b.right());
    } else if (e instanceof Expr.MathCall m) {
      m.arguments().forEach(this::value);
    } else if (e instanceof Expr.Conditional c) {
      value(c.condition());
      value(c.whenTrue());
      value(c.whenFalse());
    } else if (e instanceof Expr.Cast c) {
      value(c.operand());
    } else if (e instanceof Expr.NewArray n) {
      n.dimensions().forEach(this::value);
    } else if (e instanceof Expr.ArrayLiteral l) {
      l.elements().forEach(this::value);
    } else if (e instanceof Expr.PoolAllocation p) {
      p.arguments().forEach(this::arrayOperand);
    } else if (e instanceof Expr.Literal || e instanceof Expr.ConstantRef
        || e instanceof Expr.PostStep || e instanceof Expr.TapePop
        || e instanceof Expr.PartialOf) {
      // no array reference
    } else {
      throw new IllegalStateException("unknown expression " + e);
    }
  }

  /**
   * Arguments of a differentiable method or its pullback: arrays stay in the callee's frame when
   * it returns a scalar or nothing; a callee returning an array might return one of them.
   */
  private void callArguments(JType result, List<Expr> arguments) {
    boolean keepsNone = result == null || !result.isArray();
    for (Expr arg : arguments) {
      if (keepsNone) {
        arrayOperand(arg);
      } else {
        value(arg);
      }
    }
  }
}
