package io.github.javagrad.processor.emit;

import com.palantir.javapoet.ClassName;
import io.github.javagrad.processor.adjoint.AdjointMethod;
import io.github.javagrad.processor.model.Expr;
import io.github.javagrad.processor.model.JType;
import io.github.javagrad.processor.model.Stmt;
import io.github.javagrad.processor.model.Variable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Keeps every generated method under the JVM's 64 KB limit on a method's bytecode (javac's "code
 * too large"). The bytecode of a pullback is estimated from its statements, conservatively (each
 * node is charged at least the bytes javac can spend on it, locals as wide loads or field reads).
 * A pullback estimated under {@link #METHOD_LIMIT} is written as one method, exactly as before.
 * A larger one is split: runs of statements, at the top level and, where a single statement is
 * too large, inside loop and {@code if} bodies, move into private static part methods of at most
 * about {@link #PART_TARGET} bytes (small enough for HotSpot to JIT-compile them). Locals that
 * more than one of the methods use live in the fields of a frame object, one per call, so the
 * parts are as thread-safe as the single method; parameters the body never assigns, and the
 * tapes, are passed to each part. Statements that cannot move (a {@code break} or {@code
 * continue} of an enclosing loop, a {@code return} not at the end) stay in place; if what is left
 * is still too large, or the frame would need more fields than a class file can reference, the
 * method is refused with a diagnostic rather than left to fail in javac.
 */
public final class MethodSplitter {
  /** Estimated bytes a single generated method may have; over it, a pullback is split. */
  static final int METHOD_LIMIT = 60_000;
  /** Target estimate for one part: under HotSpot's 8000-byte limit for compiling a method. */
  static final int PART_TARGET = 7_000;
  /** Test-only overrides of the split threshold and the part target, for the current thread. */
  private static final ThreadLocal<int[]> LIMITS = new ThreadLocal<>();
  /** Most frame fields: each costs the companion about three constant-pool entries of 65535. */
  static final int MAX_FRAME_FIELDS = 15_000;
  /** Parameter slots of a JVM method, a {@code double} taking two. */
  private static final int MAX_PARAMETER_SLOTS = 255;
  /** Most variables passed to each part; beyond, each call would cost more than the frame. */
  private static final int MAX_PASSED = 24;

  /** The method cannot be written under the JVM's limits. */
  static final class TooLarge extends Exception {
    private static final long serialVersionUID = 1L;

    TooLarge(String reason) {
      super(reason, null, false, false);
    }
  }

  /** One part: statements moved out of the pullback; {@code returns} when it ends in a return. */
  record Part(List<Stmt> body, boolean returns) {}

  /**
   * A split pullback.
   *
   * @param main the pullback's own statements, with {@link Stmt.CallPart calls} of the parts
   * @param parts the part methods' bodies, indexed by {@link Stmt.CallPart#part()}
   * @param passed variables each part takes as a parameter, in order (then the frame)
   * @param hoisted variables that live in the frame, in first-use order
   * @param initialized the hoisted variables that hold a pullback parameter or a tape, which the
   *     pullback copies into the frame before anything else
   * @param pullbackTypes for hoisted pullback results, the record type
   * @param order the parts' indices in the order their calls appear in the code
   */
  record Plan(
      List<Stmt> main,
      List<Part> parts,
      List<Integer> order,
      List<Variable> passed,
      List<Variable> hoisted,
      List<Variable> initialized,
      Map<Variable, ClassName> pullbackTypes) {}

  private final List<Part> parts = new ArrayList<>();
  private final int callCost;
  private final int partTarget;

  private MethodSplitter(int passedCount) {
    this.callCost = 8 + 5 * (passedCount + 1);
    int[] limits = LIMITS.get();
    this.partTarget = limits == null ? PART_TARGET : limits[1];
  }

  /**
   * Runs {@code action} (a compilation, in this thread) with pullbacks split whenever estimated
   * over {@code splitAbove} bytes, into parts of about {@code partTarget}: for tests, which split
   * small methods as finely as they like and compare them with the unsplit ones.
   */
  public static <T> T withLimits(int splitAbove, int partTarget, java.util.function.Supplier<T> action) {
    int[] before = LIMITS.get();
    LIMITS.set(new int[] {splitAbove, partTarget});
    try {
      return action.get();
    } finally {
      LIMITS.set(before);
    }
  }

  /** Whether the pullback can be written: small enough as one method, or once split. */
  public static boolean fits(AdjointMethod a) {
    try {
      plan(a);
      return true;
    } catch (TooLarge e) {
      return false;
    }
  }

  /** The split of a pullback, or null when it fits in one method. */
  static Plan plan(AdjointMethod a) throws TooLarge {
    List<Stmt> body = a.body();
    int overhead = overhead(a);
    int[] limits = LIMITS.get();
    int splitAbove = limits == null ? METHOD_LIMIT : limits[0];
    if (new MethodSplitter(0).size(body) + overhead <= splitAbove) {
      return null;
    }
    // Parameters the body assigns, and any when there are too many to pass, go in the frame.
    List<Variable> externals = externals(a);
    Set<Variable> assigned = new HashSet<>();
    forEachStatement(body, s -> {
      if (s instanceof Stmt.Assign as) {
        assigned.add(as.variable());
      } else if (s instanceof Stmt.Increment i) {
        assigned.add(i.variable());
      }
      forEachExprOf(s, e -> {
        if (e instanceof Expr.PostStep p) {
          assigned.add(p.variable());
        }
      });
    });
    List<Variable> passed = new ArrayList<>();
    int slots = 1;
    for (Variable v : externals) {
      if (!assigned.contains(v)) {
        passed.add(v);
        slots += v.role() != Variable.Role.TAPE
            && (v.type() == JType.DOUBLE || v.type() == JType.LONG) ? 2 : 1;
      }
    }
    if (slots > MAX_PARAMETER_SLOTS || passed.size() > MAX_PASSED) {
      passed.clear();
    }
    MethodSplitter splitter = new MethodSplitter(passed.size());
    List<Stmt> main = splitter.fit(body, 0);
    // the pullback also copies the parameters that are not passed into the frame
    if (splitter.size(main) + overhead + 12 * (externals.size() - passed.size()) > METHOD_LIMIT) {
      throw new TooLarge("statements that cannot move to a part are too large");
    }
    for (Part p : splitter.parts) {
      if (splitter.size(p.body()) > METHOD_LIMIT) {
        throw new TooLarge("a single statement is too large");
      }
    }

    // Which methods (0 the pullback, k + 1 part k) use each variable.
    Map<Variable, Integer> firstMethod = new LinkedHashMap<>();
    Set<Variable> shared = new LinkedHashSet<>();
    Set<Variable> inParts = new HashSet<>();
    Map<Variable, ClassName> pullbackTypes = new HashMap<>();
    List<List<Stmt>> methods = new ArrayList<>();
    methods.add(main);
    splitter.parts.forEach(p -> methods.add(p.body()));
    List<Stmt.Loop> loops = new ArrayList<>();
    for (int k = 0; k < methods.size(); k++) {
      int method = k;
      Consumer<Variable> use = v -> {
        Integer first = firstMethod.putIfAbsent(v, method);
        if (first != null && first != method) {
          shared.add(v);
        }
        if (method > 0) {
          inParts.add(v);
        }
      };
      forEachStatement(methods.get(k), s -> {
        variablesOf(s, use);
        if (s instanceof Stmt.BindPullback b) {
          pullbackTypes.put(b.variable(), b.call().callee().resultRecord());
        }
        if (s instanceof Stmt.Loop l) {
          loops.add(l);
        }
      });
    }
    Set<Variable> passedSet = new HashSet<>(passed);
    Set<Variable> externalSet = new HashSet<>(externals);
    Set<Variable> hoisted = new LinkedHashSet<>();
    for (Variable v : firstMethod.keySet()) {
      if (passedSet.contains(v)) {
        continue;
      }
      if (externalSet.contains(v) ? inParts.contains(v) : shared.contains(v)) {
        hoisted.add(v);
      }
    }
    // A for header declares all its variables or assigns them all: hoist one, hoist its siblings.
    for (Stmt.Loop l : loops) {
      List<Variable> declared = l.init().stream()
          .filter(s -> s instanceof Stmt.Declare).map(s -> ((Stmt.Declare) s).variable()).toList();
      if (declared.stream().anyMatch(hoisted::contains)) {
        hoisted.addAll(declared);
      }
    }
    if (hoisted.size() > MAX_FRAME_FIELDS) {
      throw new TooLarge("too many locals shared between parts");
    }
    List<Variable> initialized = externals.stream().filter(hoisted::contains).toList();
    pullbackTypes.keySet().retainAll(hoisted);
    List<Integer> order = new ArrayList<>();
    splitter.callOrder(main, order);
    return new Plan(main, List.copyOf(splitter.parts), order, List.copyOf(passed),
        List.copyOf(hoisted), initialized, pullbackTypes);
  }

  /** Adds the parts the statements call, each followed by those it calls, in code order. */
  private void callOrder(List<Stmt> stmts, List<Integer> out) {
    List<Integer> called = new ArrayList<>();
    forEachStatement(stmts, s -> {
      if (s instanceof Stmt.CallPart c) {
        called.add(c.part());
      }
    });
    for (int part : called) {
      out.add(part);
      callOrder(parts.get(part).body(), out);
    }
  }

  /**
   * The pullback's parameters, then its tapes and array pool: the variables its body uses but does
   * not declare.
   */
  private static List<Variable> externals(AdjointMethod a) {
    List<Variable> out = new ArrayList<>(a.method().parameters());
    if (!a.method().returnsVoid()) {
      out.add(a.seed());
    }
    out.addAll(a.arrayAdjoints());
    out.addAll(a.tapes());
    if (a.usesArrayPool()) {
      out.add(a.arrayPool());
    }
    return out;
  }

  /**
   * Bytes the pullback spends outside its body: argument checks, tapes and array pool, their
   * finally blocks.
   */
  private static int overhead(AdjointMethod a) {
    int[] exits = {2};
    forEachStatement(a.body(), s -> {
      if (s instanceof Stmt.Return || s instanceof Stmt.ReturnResult) {
        exits[0]++;
      }
    });
    int parameters = a.method().parameters().size();
    return 200 + 20 * parameters + 20 * a.arrayAdjoints().size()
        + 20 * a.writtenParameters().size() * parameters + (a.tapes().size() + (a.usesArrayPool() ? 1 : 0)) * (20 + 12 * exits[0]);
  }

  // ------------------------------------------------------------------ splitting

  /**
   * The list as it is if its estimate is at most {@code target}, else with runs of statements
   * moved into parts of about {@link #partTarget} each, and its large loops and ifs split inside.
   */
  private List<Stmt> fit(List<Stmt> list, int target) {
    if (size(list) <= target) {
      return list;
    }
    List<Stmt> items = new ArrayList<>(list.size());
    for (Stmt s : list) {
      items.add(size(s) > partTarget ? shrink(s) : s);
    }
    boolean returningTail = alwaysReturns(list);
    List<Stmt> out = new ArrayList<>();
    List<Stmt> run = new ArrayList<>();
    int runSize = 0;
    for (int i = 0; i < items.size(); i++) {
      Stmt s = items.get(i);
      boolean last = i == items.size() - 1;
      boolean movable = !hasFreeJump(s) && (!containsReturn(s) || (last && returningTail));
      if (!movable) {
        flush(run, out);
        runSize = 0;
        out.add(s);
        continue;
      }
      int cost = size(s);
      if (!run.isEmpty() && runSize + cost > partTarget) {
        flush(run, out);
        runSize = 0;
      }
      run.add(s);
      runSize += cost;
    }
    flush(run, out);
    return out;
  }

  /** A loop or if with its bodies split; any other statement as it is. */
  private Stmt shrink(Stmt s) {
    if (s instanceof Stmt.If f) {
      return new Stmt.If(f.condition(), fit(f.thenStmts(), partTarget),
          fit(f.elseStmts(), partTarget), f.source());
    }
    if (s instanceof Stmt.Loop l) {
      return new Stmt.Loop(l.kind(), l.init(), l.condition(), l.update(),
          fit(l.body(), partTarget), l.source());
    }
    return s;
  }

  private void flush(List<Stmt> run, List<Stmt> out) {
    if (run.isEmpty()) {
      return;
    }
    List<Stmt> body = List.copyOf(run);
    boolean returns = body.stream().anyMatch(MethodSplitter::containsReturn);
    out.add(new Stmt.CallPart(parts.size(), returns));
    parts.add(new Part(body, returns));
    run.clear();
  }

  /** Whether the list never completes normally: it ends in a return on every path. */
  private static boolean alwaysReturns(List<Stmt> list) {
    if (list.isEmpty()) {
      return false;
    }
    Stmt last = list.get(list.size() - 1);
    if (last instanceof Stmt.Return || last instanceof Stmt.ReturnResult) {
      return true;
    }
    if (last instanceof Stmt.CallPart c) {
      return c.returns();
    }
    return last instanceof Stmt.If f && alwaysReturns(f.thenStmts()) && alwaysReturns(f.elseStmts());
  }

  /** Whether a statement holds a return (which, moved to a part, must return from the pullback). */
  private static boolean containsReturn(Stmt s) {
    boolean[] found = {false};
    forEachStatement(List.of(s), x -> {
      if (x instanceof Stmt.Return || x instanceof Stmt.ReturnResult
          || (x instanceof Stmt.CallPart c && c.returns())) {
        found[0] = true;
      }
    });
    return found[0];
  }

  /**
   * Whether a statement holds a break or continue of a loop enclosing it, or a throw (kept in the
   * pullback: moved into a part, javac would see the part's call complete normally).
   */
  private static boolean hasFreeJump(Stmt s) {
    if (s instanceof Stmt.Break || s instanceof Stmt.Continue || s instanceof Stmt.JumpOut
        || s instanceof Stmt.Throw) {
      return true;
    }
    if (s instanceof Stmt.If f) {
      return f.thenStmts().stream().anyMatch(MethodSplitter::hasFreeJump)
          || f.elseStmts().stream().anyMatch(MethodSplitter::hasFreeJump);
    }
    if (s instanceof Stmt.Loop l) {
      // its own breaks and continues stay with it; only a multi-level jump could leave it
      boolean[] found = {false};
      forEachStatement(l.body(), x -> found[0] |= x instanceof Stmt.JumpOut);
      return found[0];
    }
    return false;
  }

  // ------------------------------------------------------------------ size estimate

  /**
   * Estimated bytecode of a statement list: an upper bound on what javac emits for it. Locals
   * cost what a wide load or a frame field read costs; branches what they cost in a method over
   * 32 KB, where javac makes every jump wide (a conditional jump over a {@code goto_w}).
   */
  int size(List<Stmt> stmts) {
    int n = 0;
    for (Stmt s : stmts) {
      n += size(s);
    }
    return n;
  }

  private int size(Stmt s) {
    if (s instanceof Stmt.Declare d) {
      return d.init() == null ? 0 : 6 + size(d.init());
    }
    if (s instanceof Stmt.Assign a) {
      return (a.op() == Stmt.AssignOp.SET ? 6 : 12) + size(a.value());
    }
    if (s instanceof Stmt.Increment) {
      return 11;
    }
    if (s instanceof Stmt.If f) {
      return 12 + size(f.condition()) + size(f.thenStmts()) + size(f.elseStmts());
    }
    if (s instanceof Stmt.Return r) {
      return 1 + (r.value() == null ? 0 : size(r.value()));
    }
    if (s instanceof Stmt.ArrayAssign a) {
      return 8 + size(a.target()) + size(a.value());
    }
    if (s instanceof Stmt.Loop l) {
      return 14 + size(l.init()) + size(l.condition()) + size(l.update()) + size(l.body());
    }
    if (s instanceof Stmt.CallStatement c) {
      return 4 + size(c.call());
    }
    if (s instanceof Stmt.Evaluate e) {
      return 4 + size(e.call());
    }
    if (s instanceof Stmt.TapePush p) {
      return 8 + size(p.value());
    }
    if (s instanceof Stmt.ReturnResult r) {
      return 8 + sizes(r.components());
    }
    if (s instanceof Stmt.BindPullback b) {
      return 6 + size(b.call());
    }
    if (s instanceof Stmt.CallPart) {
      return callCost;
    }
    if (s instanceof Stmt.Throw t) {
      return 4 + size(t.replay());
    }
    if (s instanceof Stmt.Comment) {
      return 0;
    }
    return 3; // break, continue, jump
  }

  private static int sizes(List<Expr> es) {
    int n = 0;
    for (Expr e : es) {
      n += size(e);
    }
    return n;
  }

  private static int size(Expr e) {
    if (e == null) {
      return 0;
    }
    if (e instanceof Expr.Literal || e instanceof Expr.ConstantRef) {
      return 3;
    }
    if (e instanceof Expr.Local) {
      return 5;
    }
    if (e instanceof Expr.Unary u) {
      return (u.op() == Expr.UnaryOp.NOT ? 16 : 1) + size(u.operand());
    }
    if (e instanceof Expr.Binary b) {
      int op = b.op().isComparison() || b.op().isLogical() ? 18 : 2;
      return op + size(b.left()) + size(b.right());
    }
    if (e instanceof Expr.MathCall m) {
      return 5 + sizes(m.arguments());
    }
    if (e instanceof Expr.DifferentiableCall c) {
      return 5 + sizes(c.arguments());
    }
    if (e instanceof Expr.Conditional c) {
      return 12 + size(c.condition()) + size(c.whenTrue()) + size(c.whenFalse());
    }
    if (e instanceof Expr.Cast c) {
      return 2 + size(c.operand());
    }
    if (e instanceof Expr.ArrayElement a) {
      return 1 + size(a.array()) + size(a.index());
    }
    if (e instanceof Expr.ArrayLength a) {
      return 1 + size(a.array());
    }
    if (e instanceof Expr.NewArray n) {
      return 5 + sizes(n.dimensions());
    }
    if (e instanceof Expr.ArrayLiteral l) {
      return 6 + 5 * l.elements().size() + sizes(l.elements());
    }
    if (e instanceof Expr.CopyOf c) {
      return 7 + size(c.array());
    }
    if (e instanceof Expr.PostStep) {
      return 12;
    }
    if (e instanceof Expr.TapePop) {
      return 8;
    }
    if (e instanceof Expr.PoolAllocation p) {
      return 8 + sizes(p.arguments());
    }
    if (e instanceof Expr.PullbackCall p) {
      return 5 + sizes(p.arguments()) + size(p.seed()) + sizes(p.adjointArrays());
    }
    if (e instanceof Expr.PartialOf) {
      return 8;
    }
    if (e instanceof Expr.RuntimeCall r) {
      return 5 + sizes(r.arguments());
    }
    return 8;
  }

  // ------------------------------------------------------------------ traversal

  /** Every statement of the list, nested ones included, parents first. */
  private static void forEachStatement(List<Stmt> stmts, Consumer<Stmt> action) {
    for (Stmt s : stmts) {
      action.accept(s);
      if (s instanceof Stmt.If f) {
        forEachStatement(f.thenStmts(), action);
        forEachStatement(f.elseStmts(), action);
      } else if (s instanceof Stmt.Loop l) {
        forEachStatement(l.init(), action);
        forEachStatement(l.update(), action);
        forEachStatement(l.body(), action);
      }
    }
  }

  /** The expressions a statement holds directly (not those of nested statements). */
  private static void forEachExprOf(Stmt s, Consumer<Expr> action) {
    List<Expr> roots = new ArrayList<>();
    if (s instanceof Stmt.Declare d) {
      roots.add(d.init());
    } else if (s instanceof Stmt.Assign a) {
      roots.add(a.value());
    } else if (s instanceof Stmt.If f) {
      roots.add(f.condition());
    } else if (s instanceof Stmt.Return r) {
      roots.add(r.value());
    } else if (s instanceof Stmt.ArrayAssign a) {
      roots.add(a.target());
      roots.add(a.value());
    } else if (s instanceof Stmt.Loop l) {
      roots.add(l.condition());
    } else if (s instanceof Stmt.CallStatement c) {
      roots.add(c.call());
    } else if (s instanceof Stmt.Evaluate ev) {
      roots.add(ev.call());
    } else if (s instanceof Stmt.TapePush p) {
      roots.add(p.value());
    } else if (s instanceof Stmt.ReturnResult r) {
      roots.addAll(r.components());
    } else if (s instanceof Stmt.BindPullback b) {
      roots.add(b.call());
    } else if (s instanceof Stmt.Throw t) {
      roots.add(t.replay());
    }
    for (Expr e : roots) {
      if (e != null) {
        forEachExpr(e, action);
      }
    }
  }

  private static void forEachExpr(Expr e, Consumer<Expr> action) {
    action.accept(e);
    List<Expr> children = new ArrayList<>();
    if (e instanceof Expr.Unary u) {
      children.add(u.operand());
    } else if (e instanceof Expr.Binary b) {
      children.add(b.left());
      children.add(b.right());
    } else if (e instanceof Expr.MathCall m) {
      children.addAll(m.arguments());
    } else if (e instanceof Expr.DifferentiableCall c) {
      children.addAll(c.arguments());
    } else if (e instanceof Expr.Conditional c) {
      children.add(c.condition());
      children.add(c.whenTrue());
      children.add(c.whenFalse());
    } else if (e instanceof Expr.Cast c) {
      children.add(c.operand());
    } else if (e instanceof Expr.ArrayElement a) {
      children.add(a.array());
      children.add(a.index());
    } else if (e instanceof Expr.ArrayLength a) {
      children.add(a.array());
    } else if (e instanceof Expr.NewArray n) {
      children.addAll(n.dimensions());
    } else if (e instanceof Expr.ArrayLiteral l) {
      children.addAll(l.elements());
    } else if (e instanceof Expr.CopyOf c) {
      children.add(c.array());
    } else if (e instanceof Expr.PullbackCall p) {
      children.addAll(p.arguments());
      children.add(p.seed());
      children.addAll(p.adjointArrays());
    } else if (e instanceof Expr.RuntimeCall r) {
      children.addAll(r.arguments());
    } else if (e instanceof Expr.PoolAllocation p) {
      children.addAll(p.arguments());
    }
    for (Expr c : children) {
      if (c != null) {
        forEachExpr(c, action);
      }
    }
  }

  /** Adds the name of every variable the statements use or declare to {@code out}. */
  static void variableNames(List<Stmt> stmts, Set<String> out) {
    forEachStatement(stmts, s -> variablesOf(s, v -> out.add(v.name())));
  }

  /** Every variable a statement itself names (not those of nested statements). */
  private static void variablesOf(Stmt s, Consumer<Variable> use) {
    if (s instanceof Stmt.Declare d) {
      use.accept(d.variable());
    } else if (s instanceof Stmt.Assign a) {
      use.accept(a.variable());
    } else if (s instanceof Stmt.Increment i) {
      use.accept(i.variable());
    } else if (s instanceof Stmt.TapePush p) {
      use.accept(p.tape());
    } else if (s instanceof Stmt.BindPullback b) {
      use.accept(b.variable());
    }
    forEachExprOf(s, e -> {
      if (e instanceof Expr.Local l) {
        use.accept(l.variable());
      } else if (e instanceof Expr.PostStep p) {
        use.accept(p.variable());
      } else if (e instanceof Expr.TapePop p) {
        use.accept(p.tape());
      } else if (e instanceof Expr.PoolAllocation p) {
        use.accept(p.pool());
      } else if (e instanceof Expr.PartialOf p) {
        use.accept(p.pullback());
      }
    });
  }
}
