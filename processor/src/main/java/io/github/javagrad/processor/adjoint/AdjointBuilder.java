package io.github.javagrad.processor.adjoint;

import io.github.javagrad.processor.analysis.Activity;
import io.github.javagrad.processor.analysis.Exprs;
import io.github.javagrad.processor.analysis.MethodAnalysis;
import io.github.javagrad.processor.analysis.Recording;
import io.github.javagrad.processor.analysis.ReturnNormalizer;
import io.github.javagrad.processor.model.Expr;
import io.github.javagrad.processor.model.Expr.BinaryOp;
import io.github.javagrad.processor.model.JType;
import io.github.javagrad.processor.model.MethodModel;
import io.github.javagrad.processor.model.Naming;
import io.github.javagrad.processor.model.Stmt;
import io.github.javagrad.processor.model.Variable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stage 3: writes a method's pullback as a forward sweep followed by a reverse sweep.
 *
 * <p>Every statement yields a pair, its forward code and its adjoint code; {@link #sweep} keeps
 * the forward parts in order and prepends the adjoint parts, which is the whole of reversal. An
 * {@code if} whose branches return (a terminal if, see {@link ReturnNormalizer}) holds each
 * branch's reverse sweep inside the branch, so early returns cost no flags. Values the reverse
 * reads are either the variables themselves (restored from a save where the forward overwrote
 * them), forward temporaries bound for intermediate results, or recomputed pure expressions.
 */
public final class AdjointBuilder {
  private final MethodModel method;
  private final Activity activity;
  private final Recording recording;
  private final Names names;
  private final Map<Variable, Variable> adjoints = new HashMap<>();
  private final Variable seed;
  private final Variable value;

  private AdjointBuilder(MethodAnalysis analysis) {
    this.method = analysis.method();
    this.activity = analysis.activity();
    this.recording = analysis.recording();
    this.names = new Names(method.userNames());
    this.seed = new Variable(names.newName("seed"), JType.DOUBLE, Variable.Role.ADJOINT);
    this.value = new Variable(names.newName("value"), JType.DOUBLE, Variable.Role.TEMPORARY);
  }

  public static AdjointMethod build(MethodAnalysis analysis) {
    AdjointBuilder builder = new AdjointBuilder(analysis);
    List<Stmt> body = builder.level(analysis.body(), true);
    return new AdjointMethod(analysis.method(), builder.seed, body);
  }

  // ------------------------------------------------------------------ blocks

  /** Forward and adjoint code of a statement list; the adjoint part is already reversed. */
  private record Sweep(List<Stmt> forward, List<Stmt> reverse) {}

  /** A statement list in terminal form: prefix, then a return or a terminal if. */
  private List<Stmt> level(List<Stmt> stmts, boolean top) {
    Stmt terminal = stmts.get(stmts.size() - 1);
    List<Stmt> prefix = stmts.subList(0, stmts.size() - 1);
    List<Stmt> hoisted = new ArrayList<>();
    Sweep sweep = sweep(prefix, hoisted);

    List<Stmt> reverse = new ArrayList<>();
    if (terminal instanceof Stmt.Return r) {
      reverse.addAll(returnStatement(r, top));
    } else {
      Stmt.If f = (Stmt.If) terminal;
      reverse.add(
          new Stmt.If(
              f.condition(), level(f.thenStmts(), false), level(f.elseStmts(), false), f.source()));
    }
    reverse.addAll(sweep.reverse());

    List<Variable> declaredHere = new ArrayList<>();
    if (top) {
      declaredHere.addAll(method.parameters());
      reverse.add(resultStatement());
    }
    declaredHere.addAll(declaredIn(prefix));

    List<Stmt> out = new ArrayList<>(hoisted);
    out.addAll(sweep.forward());
    if (top && !(terminal instanceof Stmt.Return)) {
      out.add(new Stmt.Declare(value, null, null));
    }
    out.addAll(declareAdjoints(declaredHere, reverse));
    return out;
  }

  /** Statements without returns: forward in order, adjoints prepended. */
  private Sweep sweep(List<Stmt> stmts, List<Stmt> hoisted) {
    List<Stmt> forward = new ArrayList<>();
    List<Stmt> reverse = new ArrayList<>();
    for (Stmt s : stmts) {
      Sweep one = statement(s, hoisted);
      forward.addAll(one.forward());
      reverse.addAll(0, one.reverse());
    }
    return new Sweep(forward, reverse);
  }

  private Sweep statement(Stmt s, List<Stmt> hoisted) {
    if (s instanceof Stmt.Declare || s instanceof Stmt.Assign) {
      return assignment(s);
    }
    if (s instanceof Stmt.Increment inc) {
      List<Stmt> reverse =
          recording.inverts(s)
              ? List.of(
                  new Stmt.Comment(inc.source().comment()),
                  new Stmt.Increment(inc.variable(), !inc.up(), null))
              : List.of();
      return new Sweep(List.of(s), reverse);
    }
    if (s instanceof Stmt.If f) {
      return branch(f, hoisted);
    }
    throw new IllegalStateException("unexpected statement in a sweep: " + s);
  }

  /** A non-terminal if: both sweeps branch, on the recorded outcome or the re-evaluated condition. */
  private Sweep branch(Stmt.If f, List<Stmt> hoisted) {
    Sweep thenSweep = sweep(f.thenStmts(), hoisted);
    Sweep elseSweep = sweep(f.elseStmts(), hoisted);
    List<Stmt> thenReverse = declareAdjoints(declaredIn(f.thenStmts()), thenSweep.reverse());
    List<Stmt> elseReverse = declareAdjoints(declaredIn(f.elseStmts()), elseSweep.reverse());

    List<Stmt> forward = new ArrayList<>();
    Expr reverseCondition = f.condition();
    Expr forwardCondition = f.condition();
    if (recording.recordsBranch(f)) {
      Variable flag =
          new Variable(
              names.newName("thenAtLine" + f.source().line()), JType.BOOLEAN, Variable.Role.BRANCH);
      forward.add(new Stmt.Declare(flag, f.condition(), null));
      forwardCondition = new Expr.Local(flag);
      reverseCondition = forwardCondition;
    }
    forward.add(new Stmt.If(forwardCondition, thenSweep.forward(), elseSweep.forward(), f.source()));

    if (thenReverse.isEmpty() && elseReverse.isEmpty()) {
      return new Sweep(forward, List.of());
    }
    // The reverse branch is a different block from the forward one: locals of the forward
    // branch that the reverse reads move up to the enclosing level.
    Set<Variable> readInReverse = new LinkedHashSet<>();
    collectVariables(thenReverse, readInReverse);
    collectVariables(elseReverse, readInReverse);
    hoist(forward, readInReverse, hoisted, false);
    if (thenReverse.isEmpty()) {
      reverseCondition = new Expr.Unary(Expr.UnaryOp.NOT, reverseCondition, JType.BOOLEAN);
      thenReverse = elseReverse;
      elseReverse = List.of();
    }
    Stmt reverse = new Stmt.If(reverseCondition, thenReverse, elseReverse, f.source());
    return new Sweep(forward, List.of(new Stmt.Comment(f.source().comment()), reverse));
  }

  /** Turns declarations of {@code needed} inside branches into assignments, declared up front. */
  private void hoist(List<Stmt> stmts, Set<Variable> needed, List<Stmt> hoisted, boolean nested) {
    for (int i = 0; i < stmts.size(); i++) {
      Stmt s = stmts.get(i);
      if (nested && s instanceof Stmt.Declare d && needed.contains(d.variable())) {
        hoisted.add(new Stmt.Declare(d.variable(), zero(d.variable().type()), null));
        stmts.set(i, new Stmt.Assign(d.variable(), Stmt.AssignOp.SET, d.init(), d.source()));
      } else if (s instanceof Stmt.If f) {
        hoist(f.thenStmts(), needed, hoisted, true);
        hoist(f.elseStmts(), needed, hoisted, true);
      }
    }
  }

  // ------------------------------------------------------------------ statements

  private List<Stmt> returnStatement(Stmt.Return r, boolean top) {
    List<Stmt> out = new ArrayList<>();
    Expr root = r.value();
    Bindings bindings = bind(root, new Expr.Local(value));
    out.addAll(bindings.forward);
    Expr computed = bindings.rewrite(root);
    out.add(
        top
            ? new Stmt.Declare(value, computed, r.source())
            : new Stmt.Assign(value, Stmt.AssignOp.SET, computed, r.source()));
    if (activity.isActive(root)) {
      List<Stmt> reverse = new ArrayList<>();
      reverse.add(new Stmt.Comment(r.source().comment()));
      propagate(root, new Expr.Local(seed), new Context(null, reverse, new ArrayList<>(), bindings, root));
      out.addAll(reverse);
    }
    return out;
  }

  private Stmt resultStatement() {
    List<Expr> components = new ArrayList<>();
    components.add(new Expr.Local(value));
    for (Variable p : method.wrt()) {
      components.add(activity.isActive(p) ? new Expr.Local(adjointOf(p)) : zero(JType.DOUBLE));
    }
    return new Stmt.ReturnResult(method.naming().resultRecord(), components);
  }

  /** {@code double v = e}, {@code v = e} and {@code v op= e}. */
  private Sweep assignment(Stmt s) {
    Variable v = Exprs.assignedBy(s);
    Expr root = Recording.rootOf(s);
    boolean activeTarget = activity.isActive(v);
    List<Stmt> forward = new ArrayList<>();
    List<Stmt> reverse = new ArrayList<>();
    reverse.add(new Stmt.Comment(s.source().comment()));

    Variable saved = null;
    if (recording.saves(s)) {
      saved =
          new Variable(
              names.newName(v.name() + "BeforeLine" + s.source().line()), v.type(),
              Variable.Role.SAVED);
      forward.add(new Stmt.Declare(saved, new Expr.Local(v), null));
      reverse.add(new Stmt.Assign(v, Stmt.AssignOp.SET, new Expr.Local(saved), null));
    }
    if (recording.inverts(s) && s instanceof Stmt.Assign a) {
      Stmt.AssignOp inverse =
          a.op() == Stmt.AssignOp.ADD ? Stmt.AssignOp.SUBTRACT : Stmt.AssignOp.ADD;
      reverse.add(new Stmt.Assign(v, inverse, a.value(), null));
    }

    boolean propagates = activeTarget && activity.isActive(root);
    Expr rootResult = recording.mayUseTargetAsResult(s) ? new Expr.Local(v) : null;
    Bindings bindings = propagates ? bind(root, rootResult) : new Bindings();
    forward.addAll(bindings.forward);
    forward.add(rewriteStatement(s, bindings));

    if (propagates && readsInsideConditional(root, v)) {
      // The old value's adjoint depends on the branch taken: take the new value's adjoint aside,
      // restart the variable's adjoint from zero and accumulate into it like any other.
      Variable dv = adjointOf(v);
      Variable incoming =
          new Variable(names.newName(dv.name() + "New"), JType.DOUBLE, Variable.Role.ADJOINT);
      reverse.add(new Stmt.Declare(incoming, new Expr.Local(dv), null));
      reverse.add(new Stmt.Assign(dv, Stmt.AssignOp.SET, zero(JType.DOUBLE), null));
      propagate(root, new Expr.Local(incoming), new Context(null, reverse, new ArrayList<>(), bindings, root));
    } else if (propagates) {
      Variable dv = adjointOf(v);
      List<Expr> selfTerms = new ArrayList<>();
      propagate(root, new Expr.Local(dv), new Context(v, reverse, selfTerms, bindings, root));
      if (s instanceof Stmt.Assign) {
        boolean unchanged = selfTerms.size() == 1 && selfTerms.get(0) instanceof Expr.Local l
            && l.variable() == dv;
        if (!unchanged) {
          reverse.add(new Stmt.Assign(dv, Stmt.AssignOp.SET, sum(selfTerms), null));
        }
      }
    } else if (activeTarget && s instanceof Stmt.Assign) {
      // v no longer depends on its old value: its adjoint restarts from zero.
      reverse.add(new Stmt.Assign(adjointOf(v), Stmt.AssignOp.SET, zero(JType.DOUBLE), null));
    }
    return new Sweep(forward, reverse.size() > 1 ? reverse : List.of());
  }

  private static boolean readsInsideConditional(Expr e, Variable v) {
    if (e instanceof Expr.Conditional c) {
      return Exprs.variablesIn(c.whenTrue()).contains(v) || Exprs.variablesIn(c.whenFalse()).contains(v)
          || readsInsideConditional(c.condition(), v);
    }
    if (e instanceof Expr.Unary u) {
      return readsInsideConditional(u.operand(), v);
    }
    if (e instanceof Expr.Cast c) {
      return readsInsideConditional(c.operand(), v);
    }
    if (e instanceof Expr.Binary b) {
      return readsInsideConditional(b.left(), v) || readsInsideConditional(b.right(), v);
    }
    if (e instanceof Expr.MathCall m) {
      return m.arguments().stream().anyMatch(a -> readsInsideConditional(a, v));
    }
    if (e instanceof Expr.DifferentiableCall c) {
      return c.arguments().stream().anyMatch(a -> readsInsideConditional(a, v));
    }
    return false;
  }

  private static Stmt rewriteStatement(Stmt s, Bindings bindings) {
    if (s instanceof Stmt.Declare d) {
      return new Stmt.Declare(d.variable(), bindings.rewrite(d.init()), d.source());
    }
    Stmt.Assign a = (Stmt.Assign) s;
    return new Stmt.Assign(a.variable(), a.op(), bindings.rewrite(a.value()), a.source());
  }

  // ------------------------------------------------------------------ forward temporaries

  /**
   * Intermediate results the reverse sweep needs, bound to named locals in the forward sweep so
   * they are computed once: {@code double exp = Math.exp(-x);}. Only nodes evaluated on every
   * path are bound; inside a conditional's branches values are recomputed instead.
   */
  private final class Bindings {
    final List<Stmt> forward = new ArrayList<>();
    final Map<Expr, Variable> temps = new IdentityHashMap<>();
    Expr root;
    Expr rootResult;

    Expr rewrite(Expr e) {
      Variable t = temps.get(e);
      if (t != null) {
        return new Expr.Local(t);
      }
      if (e instanceof Expr.Unary u) {
        return new Expr.Unary(u.op(), rewrite(u.operand()), u.type());
      }
      if (e instanceof Expr.Binary b) {
        return new Expr.Binary(b.op(), rewrite(b.left()), rewrite(b.right()), b.type());
      }
      if (e instanceof Expr.MathCall m) {
        return new Expr.MathCall(m.function(), m.owner(), m.arguments().stream().map(this::rewrite).toList(), m.type());
      }
      if (e instanceof Expr.DifferentiableCall c) {
        return new Expr.DifferentiableCall(c.callee(), c.arguments().stream().map(this::rewrite).toList());
      }
      if (e instanceof Expr.Cast c) {
        return new Expr.Cast(c.type(), rewrite(c.operand()));
      }
      // Conditionals keep their branches as written: nothing inside them is bound.
      return e;
    }

    /** The value of {@code e} as the reverse sweep can read it. */
    Expr valueOf(Expr e) {
      if (Exprs.isLeaf(e)) {
        return e;
      }
      if (e == root && rootResult != null) {
        return rootResult;
      }
      return rewrite(e);
    }
  }

  private Bindings bind(Expr root, Expr rootResult) {
    Bindings b = new Bindings();
    b.root = root;
    b.rootResult = rootResult;
    Set<Expr> needed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    collectNeeded(root, needed);
    bindPostOrder(root, root, needed, b);
    return b;
  }

  /** Marks the nodes whose values the derivative rules of active nodes read. */
  private void collectNeeded(Expr e, Set<Expr> needed) {
    if (!activity.isActive(e)) {
      return;
    }
    if (e instanceof Expr.Unary u) {
      collectNeeded(u.operand(), needed);
    } else if (e instanceof Expr.Cast c) {
      collectNeeded(c.operand(), needed);
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
      collectNeeded(b.left(), needed);
      collectNeeded(b.right(), needed);
    } else if (e instanceof Expr.MathCall m) {
      DerivativeRules.neededValues(m, activity, needed);
      m.arguments().forEach(a -> collectNeeded(a, needed));
    } else if (e instanceof Expr.DifferentiableCall c) {
      needed.addAll(c.arguments());
      c.arguments().forEach(a -> collectNeeded(a, needed));
    }
    // Conditional: its branches are not evaluated on every path; nothing inside is bound.
  }

  private void bindPostOrder(Expr e, Expr root, Set<Expr> needed, Bindings b) {
    if (e instanceof Expr.Conditional) {
      return;
    }
    if (e instanceof Expr.Unary u) {
      bindPostOrder(u.operand(), root, needed, b);
    } else if (e instanceof Expr.Cast c) {
      bindPostOrder(c.operand(), root, needed, b);
    } else if (e instanceof Expr.Binary bin) {
      if (bin.op().isLogical()) {
        return; // the right operand is evaluated only sometimes
      }
      bindPostOrder(bin.left(), root, needed, b);
      bindPostOrder(bin.right(), root, needed, b);
    } else if (e instanceof Expr.MathCall m) {
      m.arguments().forEach(a -> bindPostOrder(a, root, needed, b));
    } else if (e instanceof Expr.DifferentiableCall c) {
      c.arguments().forEach(a -> bindPostOrder(a, root, needed, b));
    }
    if (e != root && needed.contains(e) && !Exprs.isLeaf(e)) {
      Variable t = new Variable(names.newName(nameFor(e)), e.type(), Variable.Role.TEMPORARY);
      b.forward.add(new Stmt.Declare(t, b.rewrite(e), null));
      b.temps.put(e, t);
    }
  }

  /** A temporary's name says what it holds: {@code exp}, {@code sum}, {@code sigmoid}. */
  private static String nameFor(Expr e) {
    if (e instanceof Expr.MathCall m) {
      return m.function().javaName();
    }
    if (e instanceof Expr.DifferentiableCall c) {
      return c.callee().methodName();
    }
    if (e instanceof Expr.Binary b) {
      return switch (b.op()) {
        case ADD -> "sum";
        case SUBTRACT -> "difference";
        case MULTIPLY -> "product";
        case DIVIDE -> "quotient";
        default -> "result";
      };
    }
    if (e instanceof Expr.Unary) {
      return "negated";
    }
    if (e instanceof Expr.Cast) {
      return "converted";
    }
    return "choice";
  }

  // ------------------------------------------------------------------ adjoint propagation

  /**
   * Where contributions go while one statement's adjoint is written.
   *
   * @param target the assigned variable: contributions to it are collected, not accumulated
   * @param out the reverse statements being written
   * @param selfTerms contributions to the target's own adjoint
   */
  private record Context(
      Variable target, List<Stmt> out, List<Expr> selfTerms, Bindings bindings, Expr root) {
    Context withOut(List<Stmt> other) {
      return new Context(target, other, selfTerms, bindings, root);
    }
  }

  /** Sends adjoint {@code s} of expression {@code e} down to the variables it reads. */
  private void propagate(Expr e, Expr s, Context ctx) {
    if (!activity.isActive(e)) {
      return;
    }
    if (e instanceof Expr.Local l) {
      if (l.variable() == ctx.target()) {
        ctx.selfTerms().add(s);
      } else {
        ctx.out().add(new Stmt.Assign(adjointOf(l.variable()), Stmt.AssignOp.ADD, s, null));
      }
    } else if (e instanceof Expr.Unary u) {
      propagate(u.operand(), u.op() == Expr.UnaryOp.NEGATE ? Algebra.neg(s) : s, ctx);
    } else if (e instanceof Expr.Cast c) {
      propagate(c.operand(), s, ctx);
    } else if (e instanceof Expr.Binary b) {
      binary(b, s, ctx);
    } else if (e instanceof Expr.MathCall m) {
      List<DerivativeRules.Partial> partials = DerivativeRules.partials(m, activity, ctx.bindings()::valueOf);
      Expr shared = share(s, m, partials.size() > 1, ctx);
      for (DerivativeRules.Partial p : partials) {
        propagate(m.arguments().get(p.argument()), p.times(shared), ctx);
      }
    } else if (e instanceof Expr.DifferentiableCall c) {
      Variable pullback =
          new Variable(
              names.newName(c.callee().methodName() + Naming.PULLBACK_SUFFIX), JType.DOUBLE,
              Variable.Role.PULLBACK);
      List<Expr> args = c.arguments().stream().map(ctx.bindings()::valueOf).toList();
      ctx.out().add(new Stmt.BindPullback(pullback, new Expr.PullbackCall(c.callee(), args, s)));
      for (int i = 0; i < c.arguments().size(); i++) {
        if (c.callee().differentiates(i)) {
          propagate(
              c.arguments().get(i),
              new Expr.PartialOf(pullback, c.callee().partialAccessors().get(i)),
              ctx);
        }
      }
    } else if (e instanceof Expr.Conditional c) {
      List<Stmt> whenTrue = new ArrayList<>();
      List<Stmt> whenFalse = new ArrayList<>();
      propagate(c.whenTrue(), s, ctx.withOut(whenTrue));
      propagate(c.whenFalse(), s, ctx.withOut(whenFalse));
      if (!whenTrue.isEmpty() || !whenFalse.isEmpty()) {
        Expr cond = c.condition();
        if (whenTrue.isEmpty()) {
          cond = new Expr.Unary(Expr.UnaryOp.NOT, cond, JType.BOOLEAN);
          whenTrue = whenFalse;
          whenFalse = List.of();
        }
        ctx.out().add(new Stmt.If(cond, whenTrue, whenFalse, null));
      }
    } else {
      throw new IllegalStateException("no adjoint rule for " + e);
    }
  }

  private void binary(Expr.Binary b, Expr s, Context ctx) {
    boolean la = activity.isActive(b.left());
    boolean ra = activity.isActive(b.right());
    Bindings values = ctx.bindings();
    switch (b.op()) {
      case ADD -> {
        Expr shared = share(s, b, la && ra, ctx);
        propagate(b.left(), shared, ctx);
        propagate(b.right(), shared, ctx);
      }
      case SUBTRACT -> {
        Expr shared = share(s, b, la && ra, ctx);
        propagate(b.left(), shared, ctx);
        propagate(b.right(), Algebra.neg(shared), ctx);
      }
      case MULTIPLY -> {
        Expr shared = share(s, b, la && ra, ctx);
        if (la) {
          propagate(b.left(), Algebra.mul(shared, values.valueOf(b.right())), ctx);
        }
        if (ra) {
          propagate(b.right(), Algebra.mul(values.valueOf(b.left()), shared), ctx);
        }
      }
      case DIVIDE -> {
        Expr shared = share(s, b, la && ra, ctx);
        Expr divisor = values.valueOf(b.right());
        if (la) {
          propagate(b.left(), Algebra.div(shared, divisor), ctx);
        }
        if (ra) {
          // d(l/r)/dr = -(l/r)/r: written with the quotient, which is usually at hand
          Expr quotient = values.valueOf(b);
          propagate(b.right(), Algebra.neg(Algebra.div(Algebra.mul(shared, quotient), divisor)), ctx);
        }
      }
      default -> throw new IllegalStateException("no adjoint rule for operator " + b.op().symbol);
    }
  }

  /** Binds a non-trivial adjoint used more than once to a local, {@code double dSum = ...}. */
  private Expr share(Expr s, Expr node, boolean usedTwice, Context ctx) {
    if (!usedTwice || Exprs.isLeaf(s) || s instanceof Expr.PartialOf) {
      return s;
    }
    Variable temp = ctx.bindings().temps.get(node);
    String base = temp != null ? temp.name() : nameFor(node);
    Variable d = new Variable(names.newName("d" + Naming.capitalize(base)), JType.DOUBLE,
        Variable.Role.ADJOINT);
    ctx.out().add(new Stmt.Declare(d, s, null));
    return new Expr.Local(d);
  }

  private Variable adjointOf(Variable v) {
    return adjoints.computeIfAbsent(
        v,
        p -> new Variable(names.newName("d" + Naming.capitalize(p.name())), JType.DOUBLE,
            Variable.Role.ADJOINT));
  }

  // ------------------------------------------------------------------ adjoint declarations

  /**
   * Declares the adjoints of {@code primals} at the head of {@code reverse}. Where the first use
   * is an unconditional {@code dX += e}, that statement becomes the declaration {@code double dX
   * = e}: no adjoint is zeroed only to be added to once.
   */
  private List<Stmt> declareAdjoints(List<Variable> primals, List<Stmt> reverse) {
    List<Stmt> body = new ArrayList<>(reverse);
    List<Stmt> zeroed = new ArrayList<>();
    for (Variable primal : primals) {
      Variable d = adjoints.get(primal);
      if (d == null) {
        continue;
      }
      int first = -1;
      for (int i = 0; i < body.size() && first < 0; i++) {
        if (references(body.get(i), d)) {
          first = i;
        }
      }
      if (first < 0) {
        continue;
      }
      Stmt s = body.get(first);
      if (s instanceof Stmt.Assign a && a.variable() == d && !Exprs.variablesIn(a.value()).contains(d)
          && a.op() != Stmt.AssignOp.MULTIPLY && a.op() != Stmt.AssignOp.DIVIDE) {
        Expr init = a.op() == Stmt.AssignOp.SUBTRACT ? Algebra.neg(a.value()) : a.value();
        body.set(first, new Stmt.Declare(d, init, null));
      } else {
        zeroed.add(new Stmt.Declare(d, zero(JType.DOUBLE), null));
      }
    }
    zeroed.addAll(body);
    return zeroed;
  }

  private static List<Variable> declaredIn(List<Stmt> stmts) {
    List<Variable> out = new ArrayList<>();
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Declare d) {
        out.add(d.variable());
      }
    }
    return out;
  }

  private static boolean references(Stmt s, Variable v) {
    Set<Variable> found = new LinkedHashSet<>();
    collectVariables(List.of(s), found);
    return found.contains(v);
  }

  /** Every variable a statement list reads or writes. */
  static void collectVariables(List<Stmt> stmts, Set<Variable> out) {
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Declare d) {
        out.add(d.variable());
        if (d.init() != null) {
          collectExpr(d.init(), out);
        }
      } else if (s instanceof Stmt.Assign a) {
        out.add(a.variable());
        collectExpr(a.value(), out);
      } else if (s instanceof Stmt.Increment i) {
        out.add(i.variable());
      } else if (s instanceof Stmt.If f) {
        collectExpr(f.condition(), out);
        collectVariables(f.thenStmts(), out);
        collectVariables(f.elseStmts(), out);
      } else if (s instanceof Stmt.Return r) {
        collectExpr(r.value(), out);
      } else if (s instanceof Stmt.ReturnResult r) {
        r.components().forEach(c -> collectExpr(c, out));
      } else if (s instanceof Stmt.BindPullback b) {
        out.add(b.variable());
        collectExpr(b.call(), out);
      }
    }
  }

  private static void collectExpr(Expr e, Set<Variable> out) {
    if (e instanceof Expr.Local l) {
      out.add(l.variable());
    } else if (e instanceof Expr.Unary u) {
      collectExpr(u.operand(), out);
    } else if (e instanceof Expr.Binary b) {
      collectExpr(b.left(), out);
      collectExpr(b.right(), out);
    } else if (e instanceof Expr.MathCall m) {
      m.arguments().forEach(a -> collectExpr(a, out));
    } else if (e instanceof Expr.DifferentiableCall c) {
      c.arguments().forEach(a -> collectExpr(a, out));
    } else if (e instanceof Expr.Conditional c) {
      collectExpr(c.condition(), out);
      collectExpr(c.whenTrue(), out);
      collectExpr(c.whenFalse(), out);
    } else if (e instanceof Expr.Cast c) {
      collectExpr(c.operand(), out);
    } else if (e instanceof Expr.PullbackCall p) {
      p.arguments().forEach(a -> collectExpr(a, out));
      collectExpr(p.seed(), out);
    } else if (e instanceof Expr.PartialOf p) {
      out.add(p.pullback());
    } else if (e instanceof Expr.RuntimeCall r) {
      r.arguments().forEach(a -> collectExpr(a, out));
    }
  }

  private static Expr sum(List<Expr> terms) {
    if (terms.isEmpty()) {
      return zero(JType.DOUBLE);
    }
    Expr acc = terms.get(0);
    for (int i = 1; i < terms.size(); i++) {
      acc = Algebra.add(acc, terms.get(i));
    }
    return acc;
  }

  static Expr.Literal zero(JType type) {
    return switch (type) {
      case DOUBLE -> new Expr.Literal("0.0", 0, JType.DOUBLE);
      case BOOLEAN -> new Expr.Literal("false", 0, JType.BOOLEAN);
      case LONG -> new Expr.Literal("0L", 0, JType.LONG);
      case INT -> new Expr.Literal("0", 0, JType.INT);
    };
  }
}
