package io.github.javagrad.processor.adjoint;

import io.github.javagrad.processor.model.Expr;
import io.github.javagrad.processor.model.JType;
import io.github.javagrad.processor.model.Naming;
import io.github.javagrad.processor.model.Stmt;
import io.github.javagrad.processor.model.Variable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads what a loop reads but never changes once, before the loop: the rows {@code w[i]} of
 * matrices indexed by values the loop does not assign, and elements {@code v[i]} of arrays the
 * loop does not write. {@code qxc[j] += icf[k][l] * xc[i]} over {@code j} becomes {@code
 * qxc[j] += icfK[l] * xcI}.
 *
 * <p>The JIT cannot do this itself: it cannot tell that a store into one {@code double[]} leaves
 * another unchanged, so it loads {@code xc[i]} (and often the row {@code icf[k]}) again in every
 * iteration. javagrad can: array variables never alias (JG208, JG209), and the loop body is
 * ours. ADBench's GMM pullback ran 1.3x faster with its rows and elements hoisted by hand.
 *
 * <p>Exactness: a hoisted read happens before the loop, so it must not throw where the loop would
 * not have read. Only reads the first iteration certainly makes are hoisted (in a statement at the
 * top of a body without jumps, outside conditional operators), and the loads and the loop go
 * inside an {@code if} on the loop's first test, {@code if (i + 1 < d) { double[] icfK = icf[k];
 * for (int j = i + 1; j < d; j++) ... }}. If the loop runs, the load happens as it would have in
 * the first iteration, throwing the same exception for an index out of bounds; if it does not,
 * nothing is read. (A conditional load, {@code i + 1 < d ? icf[k] : null}, is exact too and ran
 * as fast; both cost GMM's pullback 5-10% against unguarded loads, which are not exact.)
 */
final class InvariantReads {
  private final Names names;

  private InvariantReads(Names names) {
    this.names = names;
  }

  /** {@code body} with the invariant reads of its loops hoisted, innermost loops first. */
  static List<Stmt> hoist(List<Stmt> body, Names names) {
    return new InvariantReads(names).list(body);
  }

  private List<Stmt> list(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Loop l) {
        out.addAll(loop(new Stmt.Loop(
            l.kind(), l.init(), l.condition(), l.update(), list(l.body()), l.source())));
      } else if (s instanceof Stmt.If f) {
        out.add(new Stmt.If(
            f.condition(), list(f.thenStmts()), list(f.elseStmts()), f.source()));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /** The declarations of {@code l}'s hoisted reads followed by the loop reading them. */
  private List<Stmt> loop(Stmt.Loop l) {
    Expr firstTest = firstTest(l);
    if (firstTest == null || hasJump(l.body())) {
      return List.of(l);
    }
    Effects effects = new Effects();
    effects.statements(l.init());
    effects.statements(l.update());
    effects.statements(l.body());
    effects.expr(l.condition());
    if (effects.unknown) {
      return List.of(l);
    }

    // Rows first, then elements (which may read a hoisted row).
    Map<Expr, Variable> rows = new LinkedHashMap<>();
    Map<Expr, Variable> elements = new LinkedHashMap<>();
    for (Stmt s : l.body()) {
      for (Expr read : firstIterationReads(s)) {
        if (!(read instanceof Expr.ArrayElement el)) {
          continue;
        }
        if (isRow(el, effects) && !rows.containsKey(el)) {
          rows.put(el, new Variable(names.newName(elementName(el)), el.type(),
              Variable.Role.TEMPORARY));
        } else if (isElement(el, effects) && !elements.containsKey(el)) {
          elements.put(el, new Variable(names.newName(elementName(el)), el.type(),
              Variable.Role.TEMPORARY));
        }
      }
    }
    if (rows.isEmpty() && elements.isEmpty()) {
      return List.of(l);
    }
    Map<Expr, Variable> all = new LinkedHashMap<>(elements);
    all.putAll(rows);
    List<Stmt> loads = new ArrayList<>();
    for (Map.Entry<Expr, Variable> row : rows.entrySet()) {
      loads.add(new Stmt.Declare(row.getValue(), row.getKey(), null));
    }
    for (Map.Entry<Expr, Variable> element : elements.entrySet()) {
      loads.add(new Stmt.Declare(element.getValue(), replace(element.getKey(), rows), null));
    }
    List<Stmt> body = new ArrayList<>();
    for (Stmt s : l.body()) {
      body.add(replace(s, all));
    }
    loads.add(new Stmt.Loop(l.kind(), l.init(), l.condition(), l.update(), body, l.source()));
    if (firstTest instanceof Expr.Literal always && always.text().equals("true")) {
      return loads;
    }
    // The loop runs at all only if its first test holds: then, and only then, load.
    return List.of(new Stmt.If(firstTest, loads, List.of(), null));
  }

  // ------------------------------------------------------------------ what may be hoisted

  /** {@code w[i]} of a matrix whose rows the loop never replaces, {@code i} unchanged by it. */
  private static boolean isRow(Expr.ArrayElement el, Effects effects) {
    return el.array() instanceof Expr.Local a
        && a.variable().type() == JType.DOUBLE_MATRIX
        && !effects.rowsWritten.contains(a.variable())
        && !effects.usedWhole.contains(a.variable())
        && invariant(el.index(), effects);
  }

  /** {@code v[i]} or {@code w[i][j]} of an array the loop never writes, indices unchanged. */
  private static boolean isElement(Expr.ArrayElement el, Effects effects) {
    if (el.type().isArray()) {
      return false;
    }
    Variable base = el.base();
    if (effects.written.contains(base) || effects.usedWhole.contains(base)) {
      return false;
    }
    for (Expr x = el; x instanceof Expr.ArrayElement e; x = e.array()) {
      if (!invariant(e.index(), effects)) {
        return false;
      }
    }
    return true;
  }

  /** Plain arithmetic over variables the loop does not assign. */
  private static boolean invariant(Expr e, Effects effects) {
    if (e instanceof Expr.Literal || e instanceof Expr.ConstantRef) {
      return true;
    }
    if (e instanceof Expr.Local l) {
      return !effects.assigned.contains(l.variable());
    }
    if (e instanceof Expr.Unary u) {
      return invariant(u.operand(), effects);
    }
    if (e instanceof Expr.Binary b) {
      return invariant(b.left(), effects) && invariant(b.right(), effects);
    }
    if (e instanceof Expr.Cast c) {
      return invariant(c.operand(), effects);
    }
    if (e instanceof Expr.ArrayLength a) {
      return a.array() instanceof Expr.Local l && !effects.usedWhole.contains(l.variable());
    }
    return false;
  }

  /**
   * The loop's test as it is first evaluated, {@code i + 1 < d} for {@code for (int j = i + 1; j
   * < d; j++)} and {@code d > i + 1} for {@code for (int j = d; j-- > i + 1;)}; {@code true} for
   * a do-while; null when it cannot be written side-effect free.
   */
  private static Expr firstTest(Stmt.Loop l) {
    if (l.kind() == Stmt.LoopKind.DO_WHILE) {
      return new Expr.Literal("true", 1, JType.BOOLEAN);
    }
    if (l.condition() == null || l.init().size() > 1) {
      return null;
    }
    Variable index = null;
    Expr start = null;
    if (l.init().size() == 1) {
      Stmt init = l.init().get(0);
      if (init instanceof Stmt.Declare d && d.init() != null) {
        index = d.variable();
        start = d.init();
      } else {
        // for (i = 0; ...) with i declared outside: skipping the loop would skip i = 0.
        return null;
      }
      if (!pure(start, null)) {
        return null;
      }
    }
    if (!pure(l.condition(), index)) {
      return null;
    }
    return index == null ? l.condition() : substitute(l.condition(), index, start);
  }

  /** Whether evaluating {@code e} once more changes nothing; {@code i--} only of {@code index}. */
  private static boolean pure(Expr e, Variable index) {
    if (e instanceof Expr.Literal || e instanceof Expr.Local || e instanceof Expr.ConstantRef) {
      return true;
    }
    if (e instanceof Expr.PostStep p) {
      return p.variable() == index;
    }
    if (e instanceof Expr.Unary u) {
      return pure(u.operand(), index);
    }
    if (e instanceof Expr.Binary b) {
      return pure(b.left(), index) && pure(b.right(), index);
    }
    if (e instanceof Expr.Cast c) {
      return pure(c.operand(), index);
    }
    if (e instanceof Expr.ArrayLength a) {
      return pure(a.array(), index);
    }
    if (e instanceof Expr.ArrayElement a) {
      return pure(a.array(), index) && pure(a.index(), index);
    }
    return false;
  }

  /** {@code e} with {@code start} for {@code index} (also for {@code index--}, its old value). */
  private static Expr substitute(Expr e, Variable index, Expr start) {
    if (e instanceof Expr.Local l && l.variable() == index
        || e instanceof Expr.PostStep p && p.variable() == index) {
      return start;
    }
    if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), substitute(u.operand(), index, start), u.type());
    }
    if (e instanceof Expr.Binary b) {
      return new Expr.Binary(b.op(), substitute(b.left(), index, start),
          substitute(b.right(), index, start), b.type());
    }
    if (e instanceof Expr.Cast c) {
      return new Expr.Cast(c.type(), substitute(c.operand(), index, start));
    }
    if (e instanceof Expr.ArrayLength a) {
      return new Expr.ArrayLength(substitute(a.array(), index, start));
    }
    if (e instanceof Expr.ArrayElement a) {
      return new Expr.ArrayElement(substitute(a.array(), index, start),
          substitute(a.index(), index, start), a.type());
    }
    return e;
  }

  private static boolean hasJump(List<Stmt> body) {
    boolean[] found = {false};
    io.github.javagrad.processor.analysis.Exprs.forEachStatement(body, s -> {
      if (s instanceof Stmt.Break || s instanceof Stmt.Continue || s instanceof Stmt.JumpOut
          || s instanceof Stmt.Return || s instanceof Stmt.Throw
          || s instanceof Stmt.ReturnResult || s instanceof Stmt.CallPart) {
        found[0] = true;
      }
    });
    return found[0];
  }

  /**
   * The array reads a top-level statement of the body certainly evaluates: not those behind
   * {@code ?:}, {@code &&} or {@code ||}, nor those in nested blocks.
   */
  private static List<Expr> firstIterationReads(Stmt s) {
    List<Expr> out = new ArrayList<>();
    if (s instanceof Stmt.Declare d && d.init() != null) {
      certain(d.init(), out);
    } else if (s instanceof Stmt.Assign a) {
      certain(a.value(), out);
    } else if (s instanceof Stmt.ArrayAssign a) {
      // The target's rows and indices are read; its element is written.
      certain(a.target().array(), out);
      certain(a.target().index(), out);
      certain(a.value(), out);
    } else if (s instanceof Stmt.TapePush p) {
      certain(p.value(), out);
    }
    return out;
  }

  private static void certain(Expr e, List<Expr> out) {
    if (e instanceof Expr.ArrayElement a) {
      out.add(a);
      certain(a.array(), out);
      certain(a.index(), out);
    } else if (e instanceof Expr.Unary u) {
      certain(u.operand(), out);
    } else if (e instanceof Expr.Binary b) {
      certain(b.left(), out);
      if (!b.op().isLogical()) {
        certain(b.right(), out);
      }
    } else if (e instanceof Expr.Conditional c) {
      certain(c.condition(), out);
    } else if (e instanceof Expr.Cast c) {
      certain(c.operand(), out);
    } else if (e instanceof Expr.MathCall m) {
      m.arguments().forEach(x -> certain(x, out));
    } else if (e instanceof Expr.ArrayLength a) {
      certain(a.array(), out);
    }
  }

  // ------------------------------------------------------------------ rewriting

  private static Stmt replace(Stmt s, Map<Expr, Variable> hoisted) {
    if (s instanceof Stmt.Declare d) {
      return d.init() == null ? d
          : new Stmt.Declare(d.variable(), replace(d.init(), hoisted), d.source());
    }
    if (s instanceof Stmt.Assign a) {
      return new Stmt.Assign(a.variable(), a.op(), replace(a.value(), hoisted), a.source());
    }
    if (s instanceof Stmt.ArrayAssign a) {
      Expr.ArrayElement target = new Expr.ArrayElement(replace(a.target().array(), hoisted),
          replace(a.target().index(), hoisted), a.target().type());
      return new Stmt.ArrayAssign(target, a.op(), replace(a.value(), hoisted), a.source());
    }
    if (s instanceof Stmt.TapePush p) {
      return new Stmt.TapePush(p.tape(), replace(p.value(), hoisted));
    }
    if (s instanceof Stmt.Evaluate ev) {
      return new Stmt.Evaluate(replace(ev.call(), hoisted));
    }
    if (s instanceof Stmt.If f) {
      return new Stmt.If(replace(f.condition(), hoisted), replaceAll(f.thenStmts(), hoisted),
          replaceAll(f.elseStmts(), hoisted), f.source());
    }
    if (s instanceof Stmt.Loop l) {
      // Inside a nested loop the hoisted value is still the same: the outer loop never changes it.
      return new Stmt.Loop(l.kind(), replaceAll(l.init(), hoisted),
          l.condition() == null ? null : replace(l.condition(), hoisted),
          replaceAll(l.update(), hoisted), replaceAll(l.body(), hoisted), l.source());
    }
    return s;
  }

  private static List<Stmt> replaceAll(List<Stmt> stmts, Map<Expr, Variable> hoisted) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      out.add(replace(s, hoisted));
    }
    return out;
  }

  private static Expr replace(Expr e, Map<Expr, Variable> hoisted) {
    Variable v = hoisted.get(e);
    if (v != null) {
      return new Expr.Local(v);
    }
    if (e instanceof Expr.ArrayElement a) {
      return new Expr.ArrayElement(replace(a.array(), hoisted), replace(a.index(), hoisted),
          a.type());
    }
    if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), replace(u.operand(), hoisted), u.type());
    }
    if (e instanceof Expr.Binary b) {
      return new Expr.Binary(b.op(), replace(b.left(), hoisted), replace(b.right(), hoisted),
          b.type());
    }
    if (e instanceof Expr.Conditional c) {
      return new Expr.Conditional(replace(c.condition(), hoisted),
          replace(c.whenTrue(), hoisted), replace(c.whenFalse(), hoisted), c.type());
    }
    if (e instanceof Expr.Cast c) {
      return new Expr.Cast(c.type(), replace(c.operand(), hoisted));
    }
    if (e instanceof Expr.MathCall m) {
      return new Expr.MathCall(m.function(), m.owner(), replaceList(m.arguments(), hoisted),
          m.type());
    }
    if (e instanceof Expr.ArrayLength a) {
      return new Expr.ArrayLength(replace(a.array(), hoisted));
    }
    if (e instanceof Expr.RuntimeCall r) {
      return new Expr.RuntimeCall(r.owner(), r.method(), replaceList(r.arguments(), hoisted));
    }
    if (e instanceof Expr.DifferentiableCall c) {
      return new Expr.DifferentiableCall(c.callee(), replaceList(c.arguments(), hoisted));
    }
    return e;
  }

  private static List<Expr> replaceList(List<Expr> es, Map<Expr, Variable> hoisted) {
    List<Expr> out = new ArrayList<>();
    for (Expr e : es) {
      out.add(replace(e, hoisted));
    }
    return out;
  }

  // ------------------------------------------------------------------ names

  /**
   * Named after what it holds: {@code xc[i]} → {@code xcI}, the row {@code icf[k]} → {@code
   * icfK}, {@code w[i][0]} → {@code wI0}, other indices {@code xcElement}.
   */
  private static String elementName(Expr.ArrayElement el) {
    List<String> parts = new ArrayList<>();
    for (Expr x = el; x instanceof Expr.ArrayElement e; x = e.array()) {
      if (e.index() instanceof Expr.Local l) {
        parts.add(0, Naming.capitalize(l.variable().name()));
      } else if (e.index() instanceof Expr.Literal lit && lit.text().matches("\\d+")) {
        parts.add(0, lit.text());
      } else {
        return el.base().name() + "Element";
      }
    }
    return el.base().name() + String.join("", parts);
  }

  // ------------------------------------------------------------------ what the loop changes

  /** Variables a loop assigns, arrays whose elements or rows it writes, arrays it uses whole. */
  private static final class Effects {
    final Set<Variable> assigned = new HashSet<>();
    final Set<Variable> written = new HashSet<>();
    final Set<Variable> rowsWritten = new HashSet<>();
    /** Arrays passed to calls or named other than as {@code a[i]} or {@code a.length}. */
    final Set<Variable> usedWhole = new HashSet<>();
    /** A statement this class does not model: nothing is hoisted. */
    boolean unknown;

    void statements(List<Stmt> stmts) {
      for (Stmt s : stmts) {
        statement(s);
      }
    }

    void statement(Stmt s) {
      if (s instanceof Stmt.Declare d) {
        assigned.add(d.variable());
        expr(d.init());
      } else if (s instanceof Stmt.Assign a) {
        assigned.add(a.variable());
        expr(a.value());
      } else if (s instanceof Stmt.Increment i) {
        assigned.add(i.variable());
      } else if (s instanceof Stmt.ArrayAssign a) {
        Variable base = a.target().base();
        written.add(base);
        if (a.target().type().isArray()) {
          rowsWritten.add(base);
        }
        expr(a.target());
        expr(a.value());
      } else if (s instanceof Stmt.If f) {
        expr(f.condition());
        statements(f.thenStmts());
        statements(f.elseStmts());
      } else if (s instanceof Stmt.Loop l) {
        statements(l.init());
        expr(l.condition());
        statements(l.update());
        statements(l.body());
      } else if (s instanceof Stmt.TapePush p) {
        expr(p.value());
      } else if (s instanceof Stmt.Evaluate ev) {
        expr(ev.call());
      } else if (s instanceof Stmt.CallStatement c) {
        expr(c.call());
      } else if (s instanceof Stmt.BindPullback b) {
        assigned.add(b.variable());
        expr(b.call());
      } else if (s instanceof Stmt.Comment) {
        // nothing
      } else {
        // Anything else (returns, jumps, parts) may do what it likes: hoist nothing of it.
        unknown = true;
      }
    }

    void expr(Expr e) {
      if (e == null) {
        return;
      }
      if (e instanceof Expr.Local l) {
        if (l.variable().type().isArray()) {
          usedWhole.add(l.variable());
        }
      } else if (e instanceof Expr.ArrayElement a) {
        if (!(a.array() instanceof Expr.Local)) {
          expr(a.array());
        }
        expr(a.index());
      } else if (e instanceof Expr.ArrayLength a) {
        if (!(a.array() instanceof Expr.Local)) {
          expr(a.array());
        }
      } else if (e instanceof Expr.PostStep p) {
        assigned.add(p.variable());
      } else if (e instanceof Expr.Unary u) {
        expr(u.operand());
      } else if (e instanceof Expr.Binary b) {
        expr(b.left());
        expr(b.right());
      } else if (e instanceof Expr.Conditional c) {
        expr(c.condition());
        expr(c.whenTrue());
        expr(c.whenFalse());
      } else if (e instanceof Expr.Cast c) {
        expr(c.operand());
      } else if (e instanceof Expr.MathCall m) {
        m.arguments().forEach(this::expr);
      } else if (e instanceof Expr.DifferentiableCall c) {
        c.arguments().forEach(this::expr);
      } else if (e instanceof Expr.PullbackCall p) {
        p.arguments().forEach(this::expr);
        expr(p.seed());
        p.adjointArrays().forEach(this::expr);
      } else if (e instanceof Expr.RuntimeCall r) {
        r.arguments().forEach(this::expr);
      } else if (e instanceof Expr.CopyOf c) {
        expr(c.array());
      } else if (e instanceof Expr.ArrayLiteral l) {
        l.elements().forEach(this::expr);
      } else if (e instanceof Expr.NewArray n) {
        n.dimensions().forEach(this::expr);
      }
    }
  }
}
