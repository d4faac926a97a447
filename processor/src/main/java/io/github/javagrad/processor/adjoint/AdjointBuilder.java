package io.github.javagrad.processor.adjoint;

import io.github.javagrad.processor.analysis.Activity;
import io.github.javagrad.processor.analysis.Exprs;
import io.github.javagrad.processor.analysis.JumpNormalizer;
import io.github.javagrad.processor.analysis.LoopShape;
import io.github.javagrad.processor.analysis.MethodAnalysis;
import io.github.javagrad.processor.analysis.Recording;
import io.github.javagrad.processor.analysis.ReturnNormalizer;
import io.github.javagrad.processor.analysis.ScratchArrays;
import io.github.javagrad.processor.model.Expr;
import io.github.javagrad.processor.model.Expr.BinaryOp;
import io.github.javagrad.processor.model.JType;
import io.github.javagrad.processor.model.MethodModel;
import io.github.javagrad.processor.model.Naming;
import io.github.javagrad.processor.model.Stmt;
import io.github.javagrad.processor.model.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
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
 * branch's reverse sweep inside the branch, so early returns cost no flags. A loop's reverse is a
 * second loop: a counted loop runs its index backwards; any other loop runs as many times as the
 * forward loop did, counted. Values the reverse reads are the variables themselves (restored
 * from a local save or, inside loops, from a typed tape where the forward overwrote them),
 * forward temporaries bound for intermediate results, or recomputed pure expressions.
 */
public final class AdjointBuilder {
  private final MethodModel method;
  private final Activity activity;
  private final Recording recording;
  private final Names names;
  private final Map<Variable, Variable> adjoints = new HashMap<>();
  private final Map<JType, Variable> tapes = new LinkedHashMap<>();
  private final List<Variable> tapeMarks = new ArrayList<>();
  /** Array parameters the method writes (a void method's outputs), checked not to alias inputs. */
  private final Set<Variable> writtenParameters = new LinkedHashSet<>();
  private final Set<Variable> parameterAdjoints = new LinkedHashSet<>();
  /** Loop-body locals computed again in reverse rather than hoisted and taped. */
  private final Set<Variable> rematerialized = new java.util.HashSet<>();
  /**
   * While a counted loop's body is swept: the indices of the enclosing counted loops and their
   * bodies' rematerialized locals, which hold their forward values throughout the reverse
   * iteration.
   */
  private final Set<Variable> stableInScope = new java.util.HashSet<>();
  /** Each counted loop's forward loop and its reverse loop, for {@link #fuseLoops}. */
  private final Map<Stmt, Stmt> fusionCandidates = new IdentityHashMap<>();
  /** Overwrites {@code a[i] = e} whose old values their loop saves whole (see {@link #loop}). */
  private final Set<Stmt> savedWithTheirArray = java.util.Collections.newSetFromMap(
      new IdentityHashMap<>());
  /** Reverse-side declarations of loop temporaries computed again rather than popped. */
  private final Set<Stmt> recomputedTemps = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Variable seed;
  private final Variable value;
  private int loopDepth;
  /**
   * Output arrays of a void method whose reverse sweep restores earlier values: their results are
   * copied aside when the forward sweep ends and written back at the end, so the caller sees them.
   */
  private final Map<Variable, Variable> outputSnapshots = new LinkedHashMap<>();

  private Map<Variable, Variable> entryValues;
  /** The thread's array pool and its mark on entry, once some declaration uses it. */
  private Variable arrayPool;
  private Variable arrayPoolMark;

  private AdjointBuilder(MethodAnalysis analysis) {
    this.method = analysis.method();
    this.activity = analysis.activity();
    this.recording = analysis.recording();
    this.names = new Names(method.userNames());
    // Array parameters' adjoints are parameters of the pullback, named like the record's partials;
    // a void method takes one for every double array, its outputs included.
    List<Variable> withAdjoints = method.returnsVoid()
        ? method.parameters().stream()
            .filter(p -> p.type().isArray() && p.type().isDifferentiable()).toList()
        : method.wrt();
    List<String> partials = Naming.partialNames(withAdjoints.stream().map(Variable::name).toList());
    for (int i = 0; i < withAdjoints.size(); i++) {
      Variable p = withAdjoints.get(i);
      if (p.type().isArray()) {
        Variable d = new Variable(names.newName(partials.get(i)), p.type(), Variable.Role.ADJOINT);
        adjoints.put(p, d);
        parameterAdjoints.add(d);
      }
    }
    if (method.returnsVoid()) {
      List<Stmt> all = new ArrayList<>();
      io.github.javagrad.processor.analysis.Exprs.forEachStatement(analysis.body(), all::add);
      for (Stmt s : all) {
        if (s instanceof Stmt.ArrayAssign a && a.target().base().role() == Variable.Role.PARAMETER) {
          writtenParameters.add(a.target().base());
        }
        if (s instanceof Stmt.CallStatement c) {
          Activity.arrayArguments(c).stream()
              .filter(v -> v.role() == Variable.Role.PARAMETER).forEach(writtenParameters::add);
        }
        if (s instanceof Stmt.ArrayAssign a && recording.saves(s)
            && a.target().base().role() == Variable.Role.PARAMETER) {
          Variable out = a.target().base();
          outputSnapshots.computeIfAbsent(out, o -> new Variable(
              names.newName(o.name() + "Result"), o.type(), Variable.Role.SAVED));
        }
      }
    }
    JType result = method.resultType() == null ? JType.DOUBLE : method.resultType();
    this.seed = new Variable(names.newName("seed"), result, Variable.Role.ADJOINT);
    this.value = new Variable(names.newName("value"), result, Variable.Role.TEMPORARY);
  }

  public static AdjointMethod build(MethodAnalysis analysis) {
    AdjointBuilder builder = new AdjointBuilder(analysis);
    List<Stmt> body = InvariantReads.hoist(builder.promoteAccumulators(
        combineElementUpdates(builder.level(analysis.body(), true))), builder.names);
    // last: the escape analysis sees every use of each array, hoisted rows included
    body = builder.poolScratchArrays(body);
    return new AdjointMethod(
        analysis.method(),
        builder.seed,
        List.copyOf(builder.parameterAdjoints),
        List.copyOf(builder.tapes.values()),
        List.copyOf(builder.tapeMarks),
        List.copyOf(builder.writtenParameters),
        builder.arrayPool,
        builder.arrayPoolMark,
        body);
  }

  // ------------------------------------------------------------------ scratch arrays

  /**
   * Local arrays and adjoint arrays that cannot escape the call (see {@link ScratchArrays}) take
   * their array from the thread's {@code ArrayPool} instead of {@code new}, so that a pullback
   * called again does not allocate them again: {@code double[] xc = arrayPool.doubles(d)}.
   */
  private List<Stmt> poolScratchArrays(List<Stmt> body) {
    Set<Stmt.Declare> pooled = ScratchArrays.poolable(body);
    if (pooled.isEmpty()) {
      return body;
    }
    arrayPool = new Variable(names.newName("arrayPool"), JType.INT, Variable.Role.ARRAY_POOL);
    arrayPoolMark = new Variable(names.newName(arrayPool.name() + "Mark"), JType.INT,
        Variable.Role.TAPE);
    return fromPool(body, pooled);
  }

  /** The statements with the pooled declarations rewritten (loops are never entered). */
  private List<Stmt> fromPool(List<Stmt> stmts, Set<Stmt.Declare> pooled) {
    List<Stmt> out = new ArrayList<>(stmts.size());
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Declare d && pooled.contains(d)) {
        out.add(new Stmt.Declare(d.variable(), poolAllocation(d.variable().type(), d.init()),
            d.source()));
      } else if (s instanceof Stmt.If f) {
        out.add(new Stmt.If(f.condition(), fromPool(f.thenStmts(), pooled),
            fromPool(f.elseStmts(), pooled), f.source()));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /** {@code arrayPool.doubles(n)}, {@code .doubles(r, c)}, {@code .ints(n)}, {@code .zerosLike(a)}. */
  private Expr poolAllocation(JType type, Expr init) {
    if (init instanceof Expr.NewArray n) {
      return new Expr.PoolAllocation(arrayPool, type == JType.INT_ARRAY ? "ints" : "doubles",
          n.dimensions(), type);
    }
    return new Expr.PoolAllocation(arrayPool, "zerosLike", ((Expr.RuntimeCall) init).arguments(),
        type);
  }

  // ------------------------------------------------------------------ blocks

  /** Forward and adjoint code of a statement list; the adjoint part is already reversed. */
  private record Sweep(List<Stmt> forward, List<Stmt> reverse) {}

  /** A statement list in terminal form: prefix, then a return or a terminal if. */
  private List<Stmt> level(List<Stmt> stmts, boolean top) {
    Stmt terminal = stmts.get(stmts.size() - 1);
    List<Stmt> prefix = stmts.subList(0, stmts.size() - 1);
    Sweep sweep = sweep(prefix);
    if (terminal instanceof Stmt.Throw t) {
      // This path leaves by the exception: no reverse sweep, no result.
      List<Stmt> out = new ArrayList<>();
      if (top) {
        out.addAll(entrySnapshots());
      }
      out.addAll(sweep.forward());
      out.add(replay(t));
      return out;
    }

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
      reverse.addAll(resultStatement());
    }
    declaredHere.addAll(declaredIn(prefix));

    // Locals of nested forward blocks (branches, loop bodies) that the reverse reads move up here.
    List<Stmt> hoisted = new ArrayList<>();
    Set<Variable> readInReverse = new LinkedHashSet<>();
    collectVariables(reverse, readInReverse);
    List<Stmt> forward = new ArrayList<>(sweep.forward());
    hoist(forward, readInReverse, hoisted, false);

    List<Stmt> out = new ArrayList<>();
    if (top) {
      out.addAll(entrySnapshots());
      outputSnapshots.values().forEach(v -> out.add(new Stmt.Declare(v, zero(v.type()), null)));
    }
    out.addAll(hoisted);
    out.addAll(forward);
    if (top && !(terminal instanceof Stmt.Return) && !method.returnsVoid()) {
      out.add(new Stmt.Declare(value, null, null));
    }
    out.addAll(declareAdjoints(declaredHere, reverse));
    return fuseLoops(out);
  }

  /**
   * {@code throw}: the gradient throws what the method throws by calling it again with the
   * arguments it was called with (it is pure, so it throws the same exception at the same place).
   * {@code Adjoints.replayed} only makes the statement a {@code throw} for javac.
   */
  private Stmt replay(Stmt.Throw t) {
    List<Expr> args = new ArrayList<>();
    for (Variable p : method.parameters()) {
      args.add(new Expr.Local(entryValues().getOrDefault(p, p)));
    }
    Expr original = new Expr.RuntimeCall(method.owner(), method.name(), args);
    return new Stmt.Throw(
        new Expr.RuntimeCall(DerivativeRules.ADJOINTS, "replayed", List.of(original)), t.source());
  }

  /** Parameters the body reassigns, when it may throw: their values at entry, for the replay. */
  private Map<Variable, Variable> entryValues() {
    if (entryValues == null) {
      entryValues = new java.util.LinkedHashMap<>();
      List<Stmt> all = new ArrayList<>();
      Exprs.forEachStatement(method.body(), all::add);
      if (all.stream().anyMatch(s -> s instanceof Stmt.Throw)) {
        for (Stmt s : all) {
          Variable v = Exprs.assignedBy(s);
          if (v != null && v.role() == Variable.Role.PARAMETER && !v.type().isArray()) {
            entryValues.computeIfAbsent(v, p -> new Variable(
                names.newName(p.name() + "AtEntry"), p.type(), Variable.Role.SAVED));
          }
        }
      }
    }
    return entryValues;
  }

  private List<Stmt> entrySnapshots() {
    List<Stmt> out = new ArrayList<>();
    entryValues().forEach((p, saved) -> out.add(new Stmt.Declare(saved, new Expr.Local(p), null)));
    return out;
  }

  /** Statements without returns: forward in order, adjoints prepended. */
  private Sweep sweep(List<Stmt> stmts) {
    List<Stmt> forward = new ArrayList<>();
    List<Stmt> reverse = new ArrayList<>();
    for (Stmt s : stmts) {
      Sweep one = statement(s);
      forward.addAll(one.forward());
      reverse.addAll(0, one.reverse());
    }
    return new Sweep(forward, reverse);
  }

  private Sweep statement(Stmt s) {
    if (s instanceof Stmt.Declare d && d.init() == null) {
      return new Sweep(List.of(s), List.of());
    }
    if (s instanceof Stmt.Declare || s instanceof Stmt.Assign || s instanceof Stmt.ArrayAssign) {
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
      return branch(f);
    }
    if (s instanceof Stmt.Loop l) {
      return loop(l);
    }
    if (s instanceof Stmt.Break) {
      return new Sweep(List.of(s), List.of());
    }
    if (s instanceof Stmt.Throw t) {
      return new Sweep(List.of(replay(t)), List.of());
    }
    if (s instanceof Stmt.CallStatement c) {
      return voidCall(c);
    }
    throw new IllegalStateException("unexpected statement in a sweep: " + s);
  }

  /**
   * A void call writes its results into arrays. Its reverse runs the callee's pullback, which
   * takes the adjoints of its output arrays as upstream gradients and leaves in them the adjoints
   * of their earlier contents, while adding into the adjoints of its input arrays.
   */
  private Sweep voidCall(Stmt.CallStatement c) {
    Expr.DifferentiableCall call = c.call();
    List<Stmt> forward = new ArrayList<>();
    List<Stmt> reverse = new ArrayList<>();
    reverse.add(new Stmt.Comment(c.source().comment()));
    // The arrays it writes are saved whole first: the reverse gives them back their earlier
    // contents, and the callee's pullback runs the call again on copies of those.
    Variable tape = tape(JType.DOUBLE);
    List<Expr> args = new ArrayList<>(call.arguments());
    List<Stmt> restores = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      Expr arg = args.get(i);
      if (call.callee().mayWrite(i) && arg.type().isDifferentiable()) {
        forward.add(runtimeStatement("push", new Expr.Local(tape), arg));
        restores.add(0, runtimeStatement("pop", new Expr.Local(tape), arg));
        args.set(i, new Expr.RuntimeCall(DerivativeRules.ADJOINTS, "copy", List.of(arg)));
      }
    }
    forward.add(c);
    reverse.addAll(restores);
    boolean active = Activity.arrayArguments(c).stream().anyMatch(activity::isActive);
    if (active) {
      List<Expr> adjointArrays = new ArrayList<>();
      for (int i = 0; i < call.arguments().size(); i++) {
        Expr arg = call.arguments().get(i);
        if (call.callee().differentiates(i) && arg.type().isArray()) {
          adjointArrays.add(activity.isActive(arg) ? adjointArray(arg) : scratchLike(arg));
        }
      }
      reverse.add(new Stmt.Evaluate(
          new Expr.PullbackCall(call.callee(), args, null, adjointArrays)));
    }
    return new Sweep(forward, reverse);
  }

  // ------------------------------------------------------------------ loop fusion

  /**
   * Runs a counted loop's reverse iterations inside its forward loop, each right after its
   * forward iteration, when nothing ties them to the order of a separate sweep: both bodies are
   * straight-line code without tapes; the reverse body reads nothing the forward loop writes
   * except the body's rematerialized locals and recomputed temporaries (which it then takes from
   * the forward iteration instead of computing them again); its writes outside itself are
   * additions into adjoints it does not otherwise read (so its iterations commute); and the
   * statements between the two loops split into those the reverse loop needs (which read and
   * write nothing of the forward loop's, and move before it) and the rest (which touch nothing
   * the reverse loop writes and write nothing it reads). Rosenbrock's sum of terms over a
   * read-only x becomes one pass, as a hand-written gradient is. The additions into each adjoint
   * element happen in another order. Loops that call other methods (which may throw) or hold a
   * throw are not fused, so an exception leaves the caller's adjoints untouched; only an
   * exception of the JVM's own in the loop (an index out of bounds) could leave them partly
   * accumulated.
   */
  private List<Stmt> fuseLoops(List<Stmt> out) {
    for (int iF = 0; iF < out.size(); iF++) {
      Stmt candidate = out.get(iF);
      Stmt reverse = fusionCandidates.get(candidate);
      if (reverse == null) {
        continue;
      }
      int iR = -1;
      for (int k = iF + 1; k < out.size(); k++) {
        if (out.get(k) == reverse) {
          iR = k;
        }
      }
      if (iR < 0) {
        continue;
      }
      List<Stmt> fused = fuse((Stmt.Loop) candidate, (Stmt.Loop) reverse,
          out.subList(iF + 1, iR));
      if (fused != null) {
        List<Stmt> next = new ArrayList<>(out.subList(0, iF));
        next.addAll(fused);
        next.addAll(out.subList(iR + 1, out.size()));
        out = next;
      }
    }
    return out;
  }

  /** The fused replacement of {@code forward, between..., reverse}, or null. */
  private List<Stmt> fuse(Stmt.Loop forward, Stmt.Loop reverse, List<Stmt> between) {
    if (!isStraightLine(forward.body()) || !isStraightLine(reverse.body())) {
      return null;
    }
    if (callsAnotherMethod(forward.body())) {
      // A callee may throw (a guard): the caller's adjoints must not be half accumulated then.
      return null;
    }
    Set<Variable> forwardWrites = new java.util.HashSet<>();
    Exprs.forEachStatement(List.of(forward), x -> {
      Variable w = Exprs.assignedBy(x);
      if (w != null) {
        forwardWrites.add(w);
      }
    });
    Set<Variable> forwardMentions = mentions(forward);
    // What the forward body declares at its top level, by variable and by name.
    Map<String, Variable> forwardDeclared = new HashMap<>();
    for (Stmt b : forward.body()) {
      if (b instanceof Stmt.Declare d) {
        forwardDeclared.put(d.variable().name(), d.variable());
      }
    }
    // The reverse body without what the forward iteration already has.
    List<Stmt> reverseBody = new ArrayList<>();
    Set<Variable> reverseDeclared = new java.util.HashSet<>();
    for (Stmt b : reverse.body()) {
      if (b instanceof Stmt.Declare d) {
        Variable same = forwardDeclared.get(d.variable().name());
        if (same == d.variable() && rematerialized.contains(same)
            || same != null && recomputedTemps.contains(b)) {
          continue;
        }
        if (same != null) {
          return null; // a name the forward body already uses
        }
        reverseDeclared.add(d.variable());
      }
      reverseBody.add(b);
    }
    Set<Variable> reverseReads = new java.util.HashSet<>();
    collectVariables(reverseBody, reverseReads);
    reverseReads.removeAll(reverseDeclared);
    Set<Variable> allowed = new java.util.HashSet<>();
    for (Stmt b : forward.body()) {
      if (b instanceof Stmt.Declare d && (rematerialized.contains(d.variable())
          || forwardDeclared.containsKey(d.variable().name()))) {
        allowed.add(d.variable());
      }
    }
    for (Variable v : reverseReads) {
      if (v.role() == Variable.Role.TAPE) {
        return null;
      }
    }
    // Reads of the forward loop's variables: only the shared index, body locals the reverse
    // iteration computes again (now taken from the forward iteration) and temporaries.
    Set<Variable> shared = new java.util.HashSet<>(reverseReads);
    shared.retainAll(forwardWrites);
    for (Variable v : shared) {
      boolean index = forward.init().size() == 1 && Exprs.assignedBy(forward.init().get(0)) == v;
      boolean fromBody = allowed.contains(v) && (rematerialized.contains(v)
          || v.role() == Variable.Role.TEMPORARY);
      if (!index && !fromBody) {
        return null;
      }
    }
    // The reverse iterations commute: outside variables are only ever added into.
    Set<Variable> reverseWrites = new java.util.HashSet<>();
    for (Stmt b : reverseBody) {
      Variable w = Exprs.assignedBy(b);
      if (w == null || reverseDeclared.contains(w)) {
        continue;
      }
      boolean accumulates = b instanceof Stmt.Assign a
          && (a.op() == Stmt.AssignOp.ADD || a.op() == Stmt.AssignOp.SUBTRACT)
          || isAdjointAccumulation(b);
      if (!accumulates || w.role() != Variable.Role.ADJOINT) {
        return null;
      }
      reverseWrites.add(w);
    }
    for (Stmt b : reverseBody) {
      Set<Variable> read = new java.util.HashSet<>();
      if (b instanceof Stmt.Declare d) {
        collectExpr(d.init(), read);
      } else if (b instanceof Stmt.Assign a) {
        collectExpr(a.value(), read);
      } else if (b instanceof Stmt.ArrayAssign a) {
        collectExpr(a.value(), read);
        for (Expr x = a.target(); x instanceof Expr.ArrayElement el; x = el.array()) {
          collectExpr(el.index(), read);
        }
      }
      for (Variable w : reverseWrites) {
        if (read.contains(w)) {
          return null;
        }
      }
    }
    for (Variable v : forwardMentions) {
      if (reverseWrites.contains(v)) {
        return null;
      }
    }
    // Between the loops: what the reverse loop needs moves before the fused loop.
    boolean[] needed = new boolean[between.size()];
    Set<Variable> wanted = new java.util.HashSet<>(reverseReads);
    for (int k = between.size() - 1; k >= 0; k--) {
      Stmt b = between.get(k);
      if (b instanceof Stmt.Comment) {
        continue;
      }
      Set<Variable> m = mentions(b);
      Variable w = simpleWrite(b);
      if (w == null && !(b instanceof Stmt.Declare || b instanceof Stmt.Assign)) {
        // Writes it may make are unknown: it must not touch anything the reverse loop uses.
        for (Variable v : m) {
          if (wanted.contains(v) || reverseWrites.contains(v)) {
            return null;
          }
        }
        continue;
      }
      if (wanted.contains(w)) {
        needed[k] = true;
        wanted.addAll(m);
      }
    }
    for (int k = 0; k < between.size(); k++) {
      Stmt b = between.get(k);
      if (b instanceof Stmt.Comment) {
        continue;
      }
      Set<Variable> m = mentions(b);
      Variable w = simpleWrite(b);
      if (needed[k]) {
        if (!(b instanceof Stmt.Declare || b instanceof Stmt.Assign)) {
          return null;
        }
        for (Variable v : m) {
          if (forwardWrites.contains(v)) {
            return null;
          }
        }
        if (forwardMentions.contains(w)) {
          return null;
        }
        // It moves above the statements before it that stay: they must not interact.
        for (int j = 0; j < k; j++) {
          Stmt earlier = between.get(j);
          if (needed[j] || earlier instanceof Stmt.Comment) {
            continue;
          }
          Set<Variable> em = mentions(earlier);
          Variable ew = simpleWrite(earlier);
          if (em.contains(w) || ew == null || m.contains(ew)) {
            return null;
          }
        }
      } else {
        for (Variable v : m) {
          if (reverseWrites.contains(v)) {
            return null;
          }
        }
        if (w != null && reverseReads.contains(w)) {
          return null;
        }
      }
    }
    List<Stmt> before = new ArrayList<>();
    List<Stmt> after = new ArrayList<>();
    List<Stmt> comments = new ArrayList<>();
    for (int k = 0; k < between.size(); k++) {
      Stmt b = between.get(k);
      if (b instanceof Stmt.Comment) {
        comments.add(b);
        continue;
      }
      List<Stmt> to = needed[k] ? before : after;
      to.addAll(comments);
      comments.clear();
      to.add(b);
    }
    // The reverse loop's own heading comment (last between) is dropped with the reverse loop.
    List<Stmt> body = new ArrayList<>(forward.body());
    body.addAll(reverseBody);
    List<Stmt> result = new ArrayList<>(before);
    result.add(new Stmt.Loop(forward.kind(), forward.init(), forward.condition(), forward.update(),
        body, forward.source()));
    result.addAll(after);
    return result;
  }

  private static boolean callsAnotherMethod(List<Stmt> stmts) {
    boolean[] found = {false};
    Exprs.forEachStatement(stmts, s -> {
      Expr root = Recording.rootOf(s);
      if (root != null && containsCall(root)) {
        found[0] = true;
      }
    });
    return found[0];
  }

  private static boolean containsCall(Expr e) {
    if (e instanceof Expr.DifferentiableCall) {
      return true;
    }
    if (e instanceof Expr.Unary u) {
      return containsCall(u.operand());
    }
    if (e instanceof Expr.Binary b) {
      return containsCall(b.left()) || containsCall(b.right());
    }
    if (e instanceof Expr.Cast c) {
      return containsCall(c.operand());
    }
    if (e instanceof Expr.Conditional c) {
      return containsCall(c.condition()) || containsCall(c.whenTrue()) || containsCall(c.whenFalse());
    }
    if (e instanceof Expr.MathCall m) {
      return m.arguments().stream().anyMatch(AdjointBuilder::containsCall);
    }
    if (e instanceof Expr.ArrayElement a) {
      return containsCall(a.array()) || containsCall(a.index());
    }
    if (e instanceof Expr.ArrayLiteral l) {
      return l.elements().stream().anyMatch(AdjointBuilder::containsCall);
    }
    return false;
  }

  private static boolean isStraightLine(List<Stmt> stmts) {
    for (Stmt s : stmts) {
      boolean simple = s instanceof Stmt.Declare || s instanceof Stmt.Assign
          || s instanceof Stmt.ArrayAssign || s instanceof Stmt.Comment;
      if (!simple) {
        return false;
      }
      Set<Variable> m = mentions(s);
      if (m.stream().anyMatch(v -> v.role() == Variable.Role.TAPE)) {
        return false;
      }
    }
    return true;
  }

  private static Set<Variable> mentions(Stmt s) {
    Set<Variable> m = new java.util.HashSet<>();
    collectVariables(List.of(s), m);
    return m;
  }

  /** The variable a declaration, assignment or element write writes; null for anything else. */
  private static Variable simpleWrite(Stmt s) {
    if (s instanceof Stmt.Declare || s instanceof Stmt.Assign || s instanceof Stmt.ArrayAssign) {
      return Exprs.assignedBy(s);
    }
    return null;
  }

  // ------------------------------------------------------------------ element updates

  /**
   * Merges the updates {@code dA[e] += a; ...; dA[e] += b} of one adjoint element within a
   * straight run of statements into one, {@code dA[e] += a + b}, at the last one's place: one
   * read-modify-write of memory instead of several (Rosenbrock's {@code dX[i]} got three per
   * iteration, GMM's {@code dIcf} two). Between them nothing may read the adjoint array (other
   * additions into it commute), assign what the index or the moved terms read, or branch, loop
   * or call. Applies to every statement list, nested ones included.
   */
  static List<Stmt> combineElementUpdates(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      if (s instanceof Stmt.If f) {
        out.add(new Stmt.If(f.condition(), combineElementUpdates(f.thenStmts()),
            combineElementUpdates(f.elseStmts()), f.source()));
      } else if (s instanceof Stmt.Loop l) {
        out.add(new Stmt.Loop(l.kind(), l.init(), l.condition(), l.update(),
            combineElementUpdates(l.body()), l.source()));
      } else {
        out.add(s);
      }
    }
    boolean merged = false;
    for (int first = 0; first < out.size(); first++) {
      if (!isAdjointAccumulation(out.get(first))) {
        continue;
      }
      Stmt.ArrayAssign head = (Stmt.ArrayAssign) out.get(first);
      Variable base = head.target().base();
      Set<Variable> guarded = new java.util.HashSet<>();
      collectExpr(head.target().index(), guarded);
      for (Expr x = head.target().array(); x instanceof Expr.ArrayElement el; x = el.array()) {
        collectExpr(el.index(), guarded);
      }
      collectExpr(head.value(), guarded);
      List<Integer> members = new ArrayList<>(List.of(first));
      for (int q = first + 1; q < out.size(); q++) {
        Stmt s = out.get(q);
        if (s instanceof Stmt.Comment) {
          continue;
        }
        if (isAdjointAccumulation(s) && ((Stmt.ArrayAssign) s).target().base() == base) {
          Stmt.ArrayAssign a = (Stmt.ArrayAssign) s;
          if (a.target().equals(head.target())) {
            members.add(q);
            collectExpr(a.value(), guarded);
          }
          continue; // another element of the same adjoint: additions commute
        }
        if (!(s instanceof Stmt.Declare || s instanceof Stmt.Assign
            || s instanceof Stmt.ArrayAssign || s instanceof Stmt.Increment)) {
          break;
        }
        Set<Variable> mentioned = new java.util.HashSet<>();
        collectVariables(List.of(s), mentioned);
        Variable written = Exprs.assignedBy(s);
        if (mentioned.contains(base) || written != null && guarded.contains(written)) {
          break;
        }
      }
      if (members.size() < 2) {
        continue;
      }
      Expr sum = null;
      boolean allSubtract = members.stream()
          .allMatch(m -> ((Stmt.ArrayAssign) out.get(m)).op() == Stmt.AssignOp.SUBTRACT);
      for (int m : members) {
        Stmt.ArrayAssign a = (Stmt.ArrayAssign) out.get(m);
        boolean minus = !allSubtract && a.op() == Stmt.AssignOp.SUBTRACT;
        if (sum == null) {
          sum = minus ? Algebra.neg(a.value()) : a.value();
        } else {
          sum = minus ? Algebra.sub(sum, a.value()) : Algebra.add(sum, a.value());
        }
      }
      int last = members.get(members.size() - 1);
      out.set(last, new Stmt.ArrayAssign(head.target(),
          allSubtract ? Stmt.AssignOp.SUBTRACT : Stmt.AssignOp.ADD, sum, null));
      for (int k = members.size() - 2; k >= 0; k--) {
        out.remove((int) members.get(k));
      }
      merged = true;
      first--; // look again from the same place: the next statement moved here
    }
    if (merged) {
      // A source comment whose statements all moved down heads nothing now.
      for (int k = out.size() - 1; k >= 0; k--) {
        if (out.get(k) instanceof Stmt.Comment
            && (k + 1 == out.size() || out.get(k + 1) instanceof Stmt.Comment)) {
          out.remove(k);
        }
      }
    }
    return out;
  }

  /**
   * Accumulates {@code dA[e] += t} inside a loop in a local when e does not change in the loop
   * and nothing else in the loop touches dA: {@code double dASum = 0.0;} before the loop,
   * {@code dASum += t} in it, {@code if (dASum != 0.0) dA[e] += dASum;} after it (GMM's
   * {@code dXc[i] += icf[ik][l] * dQxc[j]} over j, which otherwise carries a store-to-load
   * dependence through memory from one iteration to the next, since the JIT cannot tell dXc
   * from the other adjoint arrays written in the loop). The test skips the element when nothing
   * was added, so a loop that ran zero times does not index dA; adding zero changes nothing else.
   */
  private List<Stmt> promoteAccumulators(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      if (s instanceof Stmt.If f) {
        out.add(new Stmt.If(f.condition(), promoteAccumulators(f.thenStmts()),
            promoteAccumulators(f.elseStmts()), f.source()));
        continue;
      }
      if (!(s instanceof Stmt.Loop l0)) {
        out.add(s);
        continue;
      }
      Stmt.Loop l = new Stmt.Loop(l0.kind(), l0.init(), l0.condition(), l0.update(),
          promoteAccumulators(l0.body()), l0.source());
      List<Stmt> all = new ArrayList<>();
      Exprs.forEachStatement(List.of(l), all::add);
      Set<Variable> written = new java.util.HashSet<>();
      boolean leaves = false;
      for (Stmt x : all) {
        Variable w = Exprs.assignedBy(x);
        if (w != null) {
          written.add(w);
        }
        if (x instanceof Stmt.Loop inner) {
          postSteps(inner.condition(), written);
        }
        leaves |= x instanceof Stmt.Return || x instanceof Stmt.ReturnResult
            || x instanceof Stmt.JumpOut || x instanceof Stmt.BindPullback
            || x instanceof Stmt.Evaluate || x instanceof Stmt.CallStatement;
      }
      // Candidate targets: accumulations into an adjoint element whose index the loop keeps.
      Map<Expr.ArrayElement, Boolean> targets = new LinkedHashMap<>();
      for (Stmt x : all) {
        if (isAdjointAccumulation(x)) {
          Expr.ArrayElement t = ((Stmt.ArrayAssign) x).target();
          Set<Variable> indexVars = new java.util.HashSet<>();
          for (Expr e = t; e instanceof Expr.ArrayElement el; e = el.array()) {
            collectExpr(el.index(), indexVars);
          }
          boolean invariant = indexVars.stream().noneMatch(written::contains);
          targets.merge(t, invariant, Boolean::logicalAnd);
        }
      }
      List<Stmt> before = new ArrayList<>();
      List<Stmt> after = new ArrayList<>();
      Map<Expr.ArrayElement, Variable> promoted = new LinkedHashMap<>();
      for (Map.Entry<Expr.ArrayElement, Boolean> t : targets.entrySet()) {
        if (!t.getValue() || leaves) {
          continue;
        }
        Variable base = t.getKey().base();
        boolean alone = true;
        for (Stmt x : all) {
          if (x instanceof Stmt.Loop || x instanceof Stmt.If) {
            Set<Variable> head = new java.util.HashSet<>();
            collectExpr(x instanceof Stmt.Loop lx ? lx.condition() : ((Stmt.If) x).condition(),
                head);
            alone &= !head.contains(base);
            continue;
          }
          boolean same = isAdjointAccumulation(x)
              && ((Stmt.ArrayAssign) x).target().equals(t.getKey());
          alone &= same || !mentions(x).contains(base);
        }
        if (!alone) {
          continue;
        }
        Variable sum = new Variable(names.newName(base.name() + "Sum"), JType.DOUBLE,
            Variable.Role.ADJOINT);
        promoted.put(t.getKey(), sum);
        before.add(new Stmt.Declare(sum, zero(JType.DOUBLE), null));
        after.add(new Stmt.If(
            new Expr.Binary(BinaryOp.NOT_EQUAL, new Expr.Local(sum), zero(JType.DOUBLE),
                JType.BOOLEAN),
            List.of(new Stmt.ArrayAssign(t.getKey(), Stmt.AssignOp.ADD, new Expr.Local(sum),
                null)),
            List.of(), null));
      }
      if (promoted.isEmpty()) {
        out.add(l);
        continue;
      }
      out.addAll(before);
      out.add((Stmt.Loop) replaceAccumulations(List.of(l), promoted).get(0));
      out.addAll(after);
    }
    return out;
  }

  private static List<Stmt> replaceAccumulations(
      List<Stmt> stmts, Map<Expr.ArrayElement, Variable> promoted) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      if (s instanceof Stmt.ArrayAssign a && promoted.containsKey(a.target())
          && isAdjointAccumulation(s)) {
        out.add(new Stmt.Assign(promoted.get(a.target()), a.op(), a.value(), a.source()));
      } else if (s instanceof Stmt.If f) {
        out.add(new Stmt.If(f.condition(), replaceAccumulations(f.thenStmts(), promoted),
            replaceAccumulations(f.elseStmts(), promoted), f.source()));
      } else if (s instanceof Stmt.Loop l) {
        out.add(new Stmt.Loop(l.kind(), l.init(), l.condition(), l.update(),
            replaceAccumulations(l.body(), promoted), l.source()));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /** The variables stepped by {@code i--} / {@code i++} inside an expression. */
  private static void postSteps(Expr e, Set<Variable> out) {
    if (e instanceof Expr.PostStep p) {
      out.add(p.variable());
    } else if (e instanceof Expr.Binary b) {
      postSteps(b.left(), out);
      postSteps(b.right(), out);
    } else if (e instanceof Expr.Unary u) {
      postSteps(u.operand(), out);
    }
  }

  /** {@code dA[i] += e} or {@code dA[i] -= e} into an adjoint array, e not reading dA. */
  private static boolean isAdjointAccumulation(Stmt s) {
    if (!(s instanceof Stmt.ArrayAssign a)
        || a.op() != Stmt.AssignOp.ADD && a.op() != Stmt.AssignOp.SUBTRACT
        || a.target().base().role() != Variable.Role.ADJOINT) {
      return false;
    }
    Set<Variable> read = new java.util.HashSet<>();
    collectExpr(a.value(), read);
    collectExpr(a.target().index(), read);
    return !read.contains(a.target().base());
  }

  private static Stmt runtimeStatement(String method, Expr... args) {
    return new Stmt.Evaluate(new Expr.RuntimeCall(DerivativeRules.ADJOINTS, method, List.of(args)));
  }

  /**
   * A non-terminal if: both sweeps branch. Outside loops the reverse re-decides from the condition
   * or a local flag; inside loops the outcome is pushed at the end of each branch, so that the
   * reverse, running backwards, pops it before it needs it.
   */
  private Sweep branch(Stmt.If f) {
    Sweep thenSweep = sweep(f.thenStmts());
    Sweep elseSweep = sweep(f.elseStmts());
    List<Stmt> thenReverse = declareAdjoints(declaredIn(f.thenStmts()), thenSweep.reverse());
    List<Stmt> elseReverse = declareAdjoints(declaredIn(f.elseStmts()), elseSweep.reverse());
    boolean needed = !thenReverse.isEmpty() || !elseReverse.isEmpty();

    List<Stmt> forward = new ArrayList<>();
    Expr reverseCondition = f.condition();
    Expr forwardCondition = f.condition();
    List<Stmt> thenForward = thenSweep.forward();
    List<Stmt> elseForward = elseSweep.forward();
    if (loopDepth > 0 && needed) {
      Variable tape = tape(JType.BOOLEAN);
      thenForward = pushBeforeBreak(thenForward, new Stmt.TapePush(tape, literalBoolean(true)));
      elseForward = pushBeforeBreak(elseForward, new Stmt.TapePush(tape, literalBoolean(false)));
      reverseCondition = new Expr.TapePop(tape, JType.BOOLEAN);
    } else if (needed && recording.recordsBranch(f)) {
      Variable flag =
          new Variable(
              names.newName("thenAtLine" + f.source().line()), JType.BOOLEAN, Variable.Role.BRANCH);
      forward.add(new Stmt.Declare(flag, f.condition(), null));
      forwardCondition = new Expr.Local(flag);
      reverseCondition = forwardCondition;
    }
    forward.add(new Stmt.If(forwardCondition, thenForward, elseForward, f.source()));
    if (!needed) {
      return new Sweep(forward, List.of());
    }
    if (thenReverse.isEmpty()) {
      reverseCondition = new Expr.Unary(Expr.UnaryOp.NOT, reverseCondition, JType.BOOLEAN);
      thenReverse = elseReverse;
      elseReverse = List.of();
    }
    Stmt reverse = new Stmt.If(reverseCondition, thenReverse, elseReverse, f.source());
    return new Sweep(forward, List.of(new Stmt.Comment(f.source().comment()), reverse));
  }

  /**
   * The branch outcome goes on the tape wherever the branch's path ends: at its end, and before
   * every break inside it (nested ifs' own pushes already precede those breaks, so the reverse
   * pops this outcome first, as on the normal path).
   */
  private static List<Stmt> pushBeforeBreak(List<Stmt> stmts, Stmt push) {
    List<Stmt> out = insertBeforeBreaks(stmts, push);
    if (!endsInJump(out)) {
      out.add(push);
    }
    return out;
  }

  private static List<Stmt> insertBeforeBreaks(List<Stmt> stmts, Stmt push) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Break) {
        out.add(push);
        out.add(s);
      } else if (s instanceof Stmt.If f && JumpNormalizer.containsJump(f)) {
        out.add(new Stmt.If(f.condition(), insertBeforeBreaks(f.thenStmts(), push),
            insertBeforeBreaks(f.elseStmts(), push), f.source()));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /** Whether every path through the list ends in a break. */
  private static boolean endsInJump(List<Stmt> stmts) {
    if (stmts.isEmpty()) {
      return false;
    }
    Stmt last = stmts.get(stmts.size() - 1);
    return last instanceof Stmt.Break || last instanceof Stmt.Throw
        || last instanceof Stmt.If f && endsInJump(f.thenStmts()) && endsInJump(f.elseStmts());
  }

  /**
   * A loop. Counted loops reverse on their own index; other loops count their iterations (a
   * counter, pushed on the int tape when the loop is itself inside a loop) and the reverse loop
   * runs that many times. The body is put into terminal form first, so breaks and continues are
   * branch outcomes like any other.
   */
  private Sweep loop(Stmt.Loop l) {
    LoopShape shape = LoopShape.of(l);
    String comment = l.source().comment();
    if (shape != null) {
      List<Stmt> body = JumpNormalizer.normalize(l.body(), List.of());
      List<Variable> scoped = new ArrayList<>();
      scoped.add(shape.index());
      for (Stmt b : body) {
        if (b instanceof Stmt.Declare d && recording.rematerializes(d)) {
          rematerialized.add(d.variable());
          scoped.add(d.variable());
        }
      }
      List<Variable> added = scoped.stream().filter(stableInScope::add).toList();
      // Arrays the loop overwrites whole are saved whole: one copy onto the tape before the loop,
      // one back after its reverse, instead of a push and a pop per element.
      List<Variable> savedWhole = new ArrayList<>();
      for (Variable a : recording.savedWhole(l)) {
        for (Stmt b : body) {
          if (b instanceof Stmt.ArrayAssign w && recording.saves(w) && w.target().base() == a) {
            savedWithTheirArray.add(w);
            savedWhole.add(a);
          }
        }
      }
      loopDepth++;
      Sweep bodySweep = sweep(body);
      loopDepth--;
      stableInScope.removeAll(added);
      List<Stmt> reverseBody =
          rematerialize(body, declareAdjoints(declaredIn(body), bodySweep.reverse()));
      Stmt forward = new Stmt.Loop(Stmt.LoopKind.FOR, l.init(), l.condition(), l.update(),
          bodySweep.forward(), l.source());
      List<Stmt> saves = new ArrayList<>();
      List<Stmt> restores = new ArrayList<>();
      for (Variable a : savedWhole) {
        Expr tape = new Expr.Local(tape(JType.DOUBLE));
        saves.add(runtimeStatement("push", tape, new Expr.Local(a)));
        restores.add(0, runtimeStatement("pop", tape, new Expr.Local(a)));
      }
      List<Stmt> forwardPart = new ArrayList<>(saves);
      forwardPart.add(forward);
      if (reverseBody.isEmpty()) {
        return new Sweep(forwardPart, restores);
      }
      Stmt reverse = reverseCountedLoop(shape, reverseBody, l);
      List<Stmt> reversePart = new ArrayList<>();
      reversePart.add(new Stmt.Comment(comment));
      reversePart.add(reverse);
      reversePart.addAll(restores);
      if (savedWhole.isEmpty()) {
        fusionCandidates.put(forward, reverse);
      }
      return new Sweep(forwardPart, reversePart);
    }

    // A general loop: init; while (cond) { count++; body; update }.
    List<Stmt> forward = new ArrayList<>();
    List<Stmt> reverse = new ArrayList<>();
    Sweep init = sweep(l.init());
    forward.addAll(init.forward());
    List<Stmt> body = JumpNormalizer.normalize(l.body(), l.update());
    Variable counter =
        new Variable(names.newName("iterationsAtLine" + l.source().line()), JType.INT,
            Variable.Role.COUNTER);
    forward.add(new Stmt.Declare(counter, new Expr.Literal("0", 0, JType.INT), null));
    loopDepth++;
    Sweep bodySweep = sweep(body);
    loopDepth--;
    List<Stmt> forwardBody = new ArrayList<>();
    forwardBody.add(new Stmt.Increment(counter, true, null));
    forwardBody.addAll(bodySweep.forward());
    Stmt.LoopKind kind = l.kind() == Stmt.LoopKind.DO_WHILE ? Stmt.LoopKind.DO_WHILE : Stmt.LoopKind.WHILE;
    forward.add(new Stmt.Loop(kind, List.of(), l.condition(), List.of(), forwardBody, l.source()));
    List<Stmt> reverseBody = declareAdjoints(declaredIn(body), bodySweep.reverse());
    Variable reverseCounter = counter;
    if (loopDepth > 0) {
      Variable ints = tape(JType.INT);
      forward.add(new Stmt.TapePush(ints, new Expr.Local(counter)));
      // Same name, new variable: the reverse runs in a different block from the forward loop.
      reverseCounter = new Variable(counter.name(), JType.INT, Variable.Role.COUNTER);
      reverse.add(new Stmt.Declare(reverseCounter, new Expr.TapePop(ints, JType.INT), null));
    }
    reverse.add(new Stmt.Comment(comment));
    reverse.add(new Stmt.Loop(Stmt.LoopKind.FOR, List.of(),
        new Expr.Binary(BinaryOp.GREATER, new Expr.Local(reverseCounter),
            new Expr.Literal("0", 0, JType.INT), JType.BOOLEAN),
        List.of(new Stmt.Increment(reverseCounter, false, null)), reverseBody, l.source()));
    reverse.addAll(init.reverse());
    return new Sweep(forward, reverse);
  }

  /**
   * The same index run the other way: {@code for (int i = n - 1; i >= 0; i--)} for {@code for (int
   * i = 0; i < n; i++)}. Where {@code n - 1} could overflow (n is not known to exceed
   * Integer.MIN_VALUE) the step moves into the test, {@code for (int i = n; i-- > 0; )}, which
   * runs zero times exactly when the forward loop did.
   */
  private static Stmt reverseCountedLoop(LoopShape shape, List<Stmt> body, Stmt.Loop l) {
    Variable i = shape.index();
    Expr index = new Expr.Local(i);
    Expr first = shape.first();
    Expr bound = shape.bound();
    Expr one = new Expr.Literal("1", 1, JType.INT);
    BinaryOp back = shape.up() ? BinaryOp.GREATER_EQUAL : BinaryOp.LESS_EQUAL;
    Stmt step = new Stmt.Increment(i, !shape.up(), null);
    if (shape.inclusive() && isNotExtreme(first)) {
      // for (i = a; i <= b; i++)  <-  for (i = b; i >= a; i--)
      return new Stmt.Loop(Stmt.LoopKind.FOR, List.of(new Stmt.Declare(i, bound, null)),
          new Expr.Binary(back, index, first, JType.BOOLEAN), List.of(step), body, l.source());
    }
    if (!shape.inclusive() && isNotExtreme(bound)) {
      // for (i = a; i < b; i++)  <-  for (i = b - 1; i >= a; i--)
      Expr last = intArithmetic(shape.up() ? BinaryOp.SUBTRACT : BinaryOp.ADD, bound, one);
      return new Stmt.Loop(Stmt.LoopKind.FOR, List.of(new Stmt.Declare(i, last, null)),
          new Expr.Binary(back, index, first, JType.BOOLEAN), List.of(step), body, l.source());
    }
    // General bounds: step in the test.
    Expr start = !shape.inclusive() ? bound
        : intArithmetic(shape.up() ? BinaryOp.ADD : BinaryOp.SUBTRACT, bound, one);
    Expr test = new Expr.Binary(shape.up() ? BinaryOp.GREATER : BinaryOp.LESS,
        new Expr.PostStep(i, !shape.up()), first, JType.BOOLEAN);
    return new Stmt.Loop(Stmt.LoopKind.FOR, List.of(new Stmt.Declare(i, start, null)), test,
        List.of(), body, l.source());
  }

  /**
   * An array length, an int literal, or an array length minus a small literal: never
   * Integer.MIN_VALUE or MAX_VALUE, so ±1 next to it is exact.
   */
  private static boolean isNotExtreme(Expr e) {
    if (e instanceof Expr.ArrayLength) {
      return true;
    }
    if (e instanceof Expr.Binary b && b.op() == BinaryOp.SUBTRACT
        && b.left() instanceof Expr.ArrayLength && b.right() instanceof Expr.Literal lit) {
      return lit.value() >= 0 && lit.value() < 1 << 20;
    }
    return e instanceof Expr.Literal lit && Math.abs(lit.value()) < Integer.MAX_VALUE;
  }

  /** {@code a ± b}, folded when both are int literals: {@code 3 - 1} is written {@code 2}. */
  private static Expr intArithmetic(BinaryOp op, Expr a, Expr b) {
    if (a instanceof Expr.Literal x && b instanceof Expr.Literal y) {
      long v = op == BinaryOp.ADD ? (long) x.value() + (long) y.value()
          : (long) x.value() - (long) y.value();
      if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
        return new Expr.Literal(Long.toString(v), v, JType.INT);
      }
    }
    return new Expr.Binary(op, a, b, JType.INT);
  }

  /**
   * Re-declares at the head of a reverse loop body the locals that are cheaper to compute again
   * than to tape ({@code double v = x[i]} over a read-only array).
   */
  private List<Stmt> rematerialize(List<Stmt> body, List<Stmt> reverseBody) {
    if (reverseBody.isEmpty()) {
      return reverseBody;
    }
    Set<Variable> used = new LinkedHashSet<>();
    collectVariables(reverseBody, used);
    // A rematerialized local may read earlier ones: those are computed again too.
    for (int k = body.size() - 1; k >= 0; k--) {
      if (body.get(k) instanceof Stmt.Declare d && recording.rematerializes(d)
          && used.contains(d.variable())) {
        used.addAll(Exprs.variablesIn(d.init()));
      }
    }
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.Declare d && recording.rematerializes(d) && used.contains(d.variable())) {
        out.add(new Stmt.Declare(d.variable(), d.init(), d.source()));
      }
    }
    out.addAll(reverseBody);
    return out;
  }

  /**
   * Turns declarations of {@code needed} inside nested forward blocks into assignments, declared
   * up front. A counted loop's index stays in its own header; a rematerialized local is declared
   * again in the reverse loop instead.
   */
  private void hoist(List<Stmt> stmts, Set<Variable> needed, List<Stmt> hoisted, boolean nested) {
    for (int i = 0; i < stmts.size(); i++) {
      Stmt s = stmts.get(i);
      if (nested && s instanceof Stmt.Declare d && needed.contains(d.variable())
          && !rematerialized.contains(d.variable())) {
        // A statement the normalizers copied into two branches is declared up front once.
        boolean declared = hoisted.stream().anyMatch(
            h -> h instanceof Stmt.Declare hd && hd.variable() == d.variable());
        if (!declared) {
          hoisted.add(new Stmt.Declare(d.variable(), zero(d.variable().type()), null));
        }
        if (d.init() == null) {
          stmts.remove(i--);
        } else {
          stmts.set(i, new Stmt.Assign(d.variable(), Stmt.AssignOp.SET, d.init(), d.source()));
        }
      } else if (s instanceof Stmt.If f) {
        hoist(f.thenStmts(), needed, hoisted, true);
        hoist(f.elseStmts(), needed, hoisted, true);
      } else if (s instanceof Stmt.Loop l) {
        hoist(l.body(), needed, hoisted, true);
      }
    }
  }

  // ------------------------------------------------------------------ statements

  private List<Stmt> returnStatement(Stmt.Return r, boolean top) {
    List<Stmt> out = new ArrayList<>();
    Expr root = r.value();
    if (root == null) {
      // A void method: its outputs are in the caller's arrays; keep them if the reverse restores.
      for (Map.Entry<Variable, Variable> snap : outputSnapshots.entrySet()) {
        out.add(new Stmt.Assign(snap.getValue(), Stmt.AssignOp.SET, new Expr.RuntimeCall(
            DerivativeRules.ADJOINTS, "copy", List.of(new Expr.Local(snap.getKey()))), null));
      }
      return out;
    }
    Bindings bindings = bind(root, new Expr.Local(value));
    out.addAll(bindings.forward);
    Expr computed = bindings.rewrite(root);
    if (computed instanceof Expr.Local l && l.variable().type().isArray()) {
      // The reverse sweep may restore the array's earlier contents: return a copy of the result.
      computed = new Expr.RuntimeCall(DerivativeRules.ADJOINTS, "copy", List.of(computed));
    }
    out.add(
        top
            ? new Stmt.Declare(value, computed, r.source())
            : new Stmt.Assign(value, Stmt.AssignOp.SET, computed, r.source()));
    if (activity.isActive(root)) {
      List<Stmt> reverse = new ArrayList<>();
      reverse.add(new Stmt.Comment(r.source().comment()));
      if (seed.type().isArray()) {
        // The result's length is known only now: a seed of another shape is an exception.
        reverse.add(new Stmt.Evaluate(new Expr.RuntimeCall(DerivativeRules.ADJOINTS, "checkSeed",
            List.of(new Expr.Local(value), new Expr.Local(seed)))));
      }
      propagate(root, new Expr.Local(seed), new Context(null, reverse, new ArrayList<>(), bindings));
      out.addAll(reverse);
    }
    return out;
  }

  /**
   * {@code return new M(value, dA, ...)}; a method whose differentiated parameters are all arrays
   * returns just its value, its partials being in the caller's arrays: no allocation per call.
   */
  private List<Stmt> resultStatement() {
    if (method.returnsVoid()) {
      List<Stmt> out = new ArrayList<>();
      for (Map.Entry<Variable, Variable> snap : outputSnapshots.entrySet()) {
        out.add(new Stmt.Evaluate(new Expr.RuntimeCall(DerivativeRules.ADJOINTS, "copyInto",
            List.of(new Expr.Local(snap.getKey()), new Expr.Local(snap.getValue())))));
      }
      return out;
    }
    if (AdjointMethod.returnsValueOnly(method)) {
      return List.of(new Stmt.Return(new Expr.Local(value), null));
    }
    List<Expr> components = new ArrayList<>();
    components.add(new Expr.Local(value));
    for (Variable p : method.wrt()) {
      boolean active = activity.isActive(p) || p.type().isArray();
      components.add(active ? new Expr.Local(adjointOf(p)) : zero(JType.DOUBLE));
    }
    return List.of(new Stmt.ReturnResult(method.naming().resultRecord(), components));
  }

  /** {@code double v = e}, {@code v = e}, {@code v op= e} and {@code a[i] op= e}. */
  private Sweep assignment(Stmt s) {
    Variable v = Exprs.assignedBy(s);
    Expr root = Recording.rootOf(s);
    boolean activeTarget = activity.isActive(v);
    List<Stmt> forward = new ArrayList<>();
    List<Stmt> reverse = new ArrayList<>();
    reverse.add(new Stmt.Comment(s.source().comment()));

    boolean propagates = activeTarget && activity.isActive(root) && !recording.isDead(s);
    Expr rootResult = recording.mayUseTargetAsResult(s) ? new Expr.Local(v) : null;
    Variable elementResult = null;
    if (propagates && recording.readsElementResult(s)) {
      // a[i] = tanh(z): the reverse reads tanh(z) from a[i] before giving a[i] its old value.
      elementResult = new Variable(names.newName(nameFor(root)), JType.DOUBLE,
          Variable.Role.TEMPORARY);
      rootResult = new Expr.Local(elementResult);
    }
    Bindings bindings = propagates ? bind(root, rootResult) : new Bindings();
    // Pops mirror pushes: the temporaries were pushed after the old value, so they come back first.
    reverse.addAll(bindings.restore);
    if (elementResult != null) {
      reverse.add(new Stmt.Declare(elementResult, ((Stmt.ArrayAssign) s).target(), null));
    }
    if (recording.saves(s) && !savedWithTheirArray.contains(s)) {
      Expr old = s instanceof Stmt.ArrayAssign a ? a.target() : new Expr.Local(v);
      JType type = old.type();
      Expr restored;
      if (loopDepth > 0) {
        Variable tape = tape(type);
        forward.add(new Stmt.TapePush(tape, old));
        restored = new Expr.TapePop(tape, type);
      } else {
        Variable saved =
            new Variable(
                names.newName(v.name() + "BeforeLine" + s.source().line()), type, Variable.Role.SAVED);
        forward.add(new Stmt.Declare(saved, old, null));
        restored = new Expr.Local(saved);
      }
      reverse.add(s instanceof Stmt.ArrayAssign a
          ? new Stmt.ArrayAssign(a.target(), Stmt.AssignOp.SET, restored, null)
          : new Stmt.Assign(v, Stmt.AssignOp.SET, restored, null));
    }
    if (recording.inverts(s) && s instanceof Stmt.Assign a) {
      Stmt.AssignOp inverse =
          a.op() == Stmt.AssignOp.ADD ? Stmt.AssignOp.SUBTRACT : Stmt.AssignOp.ADD;
      reverse.add(new Stmt.Assign(v, inverse, a.value(), null));
    }

    forward.addAll(bindings.forward);
    forward.add(rewriteStatement(s, bindings));

    if (propagates && s instanceof Stmt.ArrayAssign a) {
      elementAdjoint(a, root, bindings, reverse);
    } else if (propagates && readsInsideConditional(root, v)) {
      // The old value's adjoint depends on the branch taken: take the new value's adjoint aside,
      // restart the variable's adjoint from zero and accumulate into it like any other.
      Variable dv = adjointOf(v);
      Variable incoming =
          new Variable(names.newName(dv.name() + "New"), JType.DOUBLE, Variable.Role.ADJOINT);
      reverse.add(new Stmt.Declare(incoming, new Expr.Local(dv), null));
      reverse.add(new Stmt.Assign(dv, Stmt.AssignOp.SET, zero(JType.DOUBLE), null));
      propagate(root, new Expr.Local(incoming), new Context(null, reverse, new ArrayList<>(), bindings));
    } else if (propagates) {
      Variable dv = adjointOf(v);
      List<Expr> selfTerms = new ArrayList<>();
      if (v.type().isArray()) {
        // double[] y = x.clone() or {a, b}: element-wise into the new array's adjoint
        propagate(root, new Expr.Local(dv), new Context(null, reverse, selfTerms, bindings));
      } else {
        propagate(root, new Expr.Local(dv), new Context(v, reverse, selfTerms, bindings));
        boolean unchanged = selfTerms.size() == 1 && selfTerms.get(0) instanceof Expr.Local l
            && l.variable() == dv;
        if (s instanceof Stmt.Assign && !unchanged) {
          reverse.add(new Stmt.Assign(dv, Stmt.AssignOp.SET, sum(selfTerms), null));
        }
      }
    } else if (activeTarget && s instanceof Stmt.Assign && !recording.isDead(s)) {
      // v no longer depends on its old value: its adjoint restarts from zero.
      reverse.add(new Stmt.Assign(adjointOf(v), Stmt.AssignOp.SET, zero(JType.DOUBLE), null));
    } else if (activeTarget && s instanceof Stmt.ArrayAssign a && a.op() == Stmt.AssignOp.SET) {
      reverse.add(new Stmt.ArrayAssign(adjointElement(a.target()), Stmt.AssignOp.SET,
          zero(JType.DOUBLE), null));
    }
    return new Sweep(forward, reverse.size() > 1 ? reverse : List.of());
  }

  /**
   * {@code a[i] op= e}: the element's adjoint is taken aside and the element's adjoint restarts
   * from zero before it flows into e, so writes that read other elements of the same array, or
   * the same one, stay correct whatever the indices turn out to be.
   */
  private void elementAdjoint(Stmt.ArrayAssign a, Expr root, Bindings bindings, List<Stmt> reverse) {
    Expr.ArrayElement dElement = adjointElement(a.target());
    boolean readsOwnArray = Exprs.variablesIn(a.value()).contains(a.target().base());
    if ((a.op() == Stmt.AssignOp.ADD || a.op() == Stmt.AssignOp.SUBTRACT) && !readsOwnArray) {
      // a[i] += e: a[i]'s adjoint passes through unchanged, and flows into e.
      Expr seedOfValue = a.op() == Stmt.AssignOp.ADD ? dElement : Algebra.neg(dElement);
      propagate(a.value(), seedOfValue, new Context(null, reverse, new ArrayList<>(), bindings));
      return;
    }
    Variable taken = new Variable(
        names.newName("d" + Naming.capitalize(a.target().base().name()) + "Element"),
        JType.DOUBLE, Variable.Role.ADJOINT);
    reverse.add(new Stmt.Declare(taken, dElement, null));
    reverse.add(new Stmt.ArrayAssign(dElement, Stmt.AssignOp.SET, zero(JType.DOUBLE), null));
    propagate(root, new Expr.Local(taken), new Context(null, reverse, new ArrayList<>(), bindings));
  }

  /** The adjoint array of an array variable or matrix row argument: {@code dX}, {@code dW[i]}. */
  private Expr adjointArray(Expr array) {
    if (array instanceof Expr.Local l) {
      return new Expr.Local(adjointOf(l.variable()));
    }
    return adjointElement((Expr.ArrayElement) array);
  }

  /** A zero array shaped like {@code array}, to receive an adjoint nobody needs. */
  private static Expr scratchLike(Expr array) {
    if (array.type() == JType.DOUBLE_ARRAY) {
      return new Expr.NewArray(JType.DOUBLE_ARRAY, List.of(new Expr.ArrayLength(array)));
    }
    return new Expr.RuntimeCall(DerivativeRules.ADJOINTS, "zerosLike", List.of(array));
  }

  /** {@code dA[i][j]} for {@code a[i][j]}. */
  private Expr.ArrayElement adjointElement(Expr.ArrayElement element) {
    Expr array = element.array() instanceof Expr.ArrayElement inner
        ? adjointElement(inner)
        : new Expr.Local(adjointOf(((Expr.Local) element.array()).variable()));
    return new Expr.ArrayElement(array, element.index(), element.type());
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
    if (s instanceof Stmt.ArrayAssign a) {
      return new Stmt.ArrayAssign(a.target(), a.op(), bindings.rewrite(a.value()), a.source());
    }
    Stmt.Assign a = (Stmt.Assign) s;
    return new Stmt.Assign(a.variable(), a.op(), bindings.rewrite(a.value()), a.source());
  }

  // ------------------------------------------------------------------ forward temporaries

  /**
   * Intermediate results the reverse sweep needs, bound to named locals in the forward sweep so
   * they are computed once: {@code double exp = Math.exp(-x);}. Only nodes evaluated on every
   * path are bound; inside a conditional's branches values are recomputed instead. Inside loops
   * each temporary is pushed on the tape right after it is computed and popped at the start of
   * its statement's reverse, where it is declared again under the same name.
   */
  private final class Bindings {
    final List<Stmt> forward = new ArrayList<>();
    /** Reverse-side declarations that pop the temporaries, in pop order. */
    final List<Stmt> restore = new ArrayList<>();
    final Map<Expr, Variable> temps = new IdentityHashMap<>();
    /** The variable the reverse reads for each temporary (a re-declared one inside loops). */
    final Map<Variable, Variable> reverseName = new HashMap<>();
    Expr root;
    Expr rootResult;

    Expr rewrite(Expr e) {
      return rewrite(e, false);
    }

    private Expr rewrite(Expr e, boolean forReverse) {
      Variable t = temps.get(e);
      if (t != null) {
        return new Expr.Local(forReverse ? reverseName.getOrDefault(t, t) : t);
      }
      if (e instanceof Expr.Unary u) {
        return new Expr.Unary(u.op(), rewrite(u.operand(), forReverse), u.type());
      }
      if (e instanceof Expr.Binary b) {
        return new Expr.Binary(b.op(), rewrite(b.left(), forReverse), rewrite(b.right(), forReverse), b.type());
      }
      if (e instanceof Expr.MathCall m) {
        return new Expr.MathCall(m.function(), m.owner(),
            m.arguments().stream().map(a -> rewrite(a, forReverse)).toList(), m.type());
      }
      if (e instanceof Expr.DifferentiableCall c) {
        return new Expr.DifferentiableCall(c.callee(),
            c.arguments().stream().map(a -> rewrite(a, forReverse)).toList());
      }
      if (e instanceof Expr.Cast c) {
        return new Expr.Cast(c.type(), rewrite(c.operand(), forReverse));
      }
      if (e instanceof Expr.ArrayLiteral l) {
        return new Expr.ArrayLiteral(l.type(), l.elements().stream().map(x -> rewrite(x, forReverse)).toList());
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
      return rewrite(e, true);
    }
  }

  private Bindings bind(Expr root, Expr rootResult) {
    Bindings b = new Bindings();
    b.root = root;
    b.rootResult = rootResult;
    Set<Expr> needed = io.github.javagrad.processor.analysis.NeededValues.of(root, activity);
    bindPostOrder(root, root, needed, b);
    return b;
  }

  private void bindPostOrder(Expr e, Expr root, Set<Expr> needed, Bindings b) {
    if (e instanceof Expr.Conditional) {
      // Its branches run only sometimes: nothing inside is bound. The whole value is.
    } else if (e instanceof Expr.Unary u) {
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
    } else if (e instanceof Expr.ArrayLiteral l) {
      // every element is evaluated, left to right, like a call's arguments
      l.elements().forEach(x -> bindPostOrder(x, root, needed, b));
    }
    if (needed.contains(e) && io.github.javagrad.processor.analysis.NeededValues.isBound(e, root)) {
      Variable t = new Variable(names.newName(nameFor(e)), e.type(), Variable.Role.TEMPORARY);
      b.forward.add(new Stmt.Declare(t, b.rewrite(e), null));
      b.temps.put(e, t);
      if (loopDepth > 0) {
        Variable again = new Variable(t.name(), t.type(), Variable.Role.TEMPORARY);
        b.reverseName.put(t, again);
        if (isRecomputable(e)) {
          // Cheaper to compute again from values the reverse iteration has than to tape; after
          // the pops, which stay in tape order.
          Stmt recompute = new Stmt.Declare(again, e, null);
          recomputedTemps.add(recompute);
          b.restore.add(recompute);
        } else {
          Variable tape = tape(JType.DOUBLE);
          b.forward.add(new Stmt.TapePush(tape, new Expr.Local(t)));
          b.restore.add(0, new Stmt.Declare(again, new Expr.TapePop(tape, JType.DOUBLE), null));
        }
      }
    }
  }

  /**
   * Whether a loop temporary is computed again in reverse rather than taped: cheap arithmetic on
   * values that are the same in the reverse iteration (indices of the enclosing counted loops,
   * their rematerialized locals, and values fixed for the whole call).
   */
  private boolean isRecomputable(Expr e) {
    if (!Recording.isCheapArithmetic(e, new int[] {20})) {
      return false;
    }
    for (Variable v : Exprs.variablesIn(e)) {
      if (!stableInScope.contains(v) && !recording.isInvariant(v)) {
        return false;
      }
    }
    return true;
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
    if (e instanceof Expr.ArrayElement) {
      return "element";
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
  private record Context(Variable target, List<Stmt> out, List<Expr> selfTerms, Bindings bindings) {
    Context withOut(List<Stmt> other) {
      return new Context(target, other, selfTerms, bindings);
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
      } else if (l.variable().type().isArray()) {
        // a whole array flows into another one: y = x.clone()
        ctx.out().add(new Stmt.Evaluate(new Expr.RuntimeCall(DerivativeRules.ADJOINTS, "accumulate",
            List.of(new Expr.Local(adjointOf(l.variable())), s))));
      } else {
        ctx.out().add(new Stmt.Assign(adjointOf(l.variable()), Stmt.AssignOp.ADD, s, null));
      }
    } else if (e instanceof Expr.ArrayElement a) {
      ctx.out().add(new Stmt.ArrayAssign(adjointElement(a), Stmt.AssignOp.ADD, s, null));
    } else if (e instanceof Expr.CopyOf c) {
      propagate(c.array(), s, ctx);
    } else if (e instanceof Expr.ArrayLiteral lit) {
      for (int k = 0; k < lit.elements().size(); k++) {
        Expr element = new Expr.ArrayElement(s, new Expr.Literal(Integer.toString(k), k, JType.INT),
            lit.type().elementType());
        propagate(lit.elements().get(k), element, ctx);
      }
    } else if (e instanceof Expr.Unary u) {
      propagate(u.operand(), u.op() == Expr.UnaryOp.NEGATE ? Algebra.neg(s) : s, ctx);
    } else if (e instanceof Expr.Cast c) {
      propagate(c.operand(), s, ctx);
    } else if (e instanceof Expr.Binary b) {
      binary(b, s, ctx);
    } else if (e instanceof Expr.MathCall m) {
      // A value the rule would recompute is computed once, into a reverse-sweep local.
      java.util.function.Function<Expr, Expr> values = x -> {
        Expr v = ctx.bindings().valueOf(x);
        if (Exprs.isLeaf(v) || !(v instanceof Expr.MathCall || v instanceof Expr.DifferentiableCall)) {
          return v;
        }
        Variable again = new Variable(names.newName(nameFor(v)), JType.DOUBLE, Variable.Role.TEMPORARY);
        ctx.out().add(new Stmt.Declare(again, v, null));
        return new Expr.Local(again);
      };
      List<DerivativeRules.Partial> partials = DerivativeRules.partials(m, activity, values);
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
      // Array arguments' adjoints go to the callee, which adds into them; an argument that is
      // not active still needs an array to receive its (unused) adjoint.
      List<Expr> adjointArrays = new ArrayList<>();
      for (int i = 0; i < c.arguments().size(); i++) {
        Expr arg = c.arguments().get(i);
        if (c.callee().differentiates(i) && arg.type().isArray()) {
          adjointArrays.add(activity.isActive(arg) ? adjointArray(arg) : scratchLike(arg));
        }
      }
      Expr.PullbackCall call = new Expr.PullbackCall(c.callee(), args, s, adjointArrays);
      if (c.callee().returnsValueOnly()) {
        ctx.out().add(new Stmt.Evaluate(call));
        return;
      }
      ctx.out().add(new Stmt.BindPullback(pullback, call));
      for (int i = 0; i < c.arguments().size(); i++) {
        if (c.callee().differentiates(i) && !c.arguments().get(i).type().isArray()) {
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
        p -> new Variable(names.newName("d" + Naming.capitalize(p.name())), p.type(),
            Variable.Role.ADJOINT));
  }

  private Variable tape(JType type) {
    return tapes.computeIfAbsent(type, t -> {
      Variable tape = new Variable(names.newName(switch (t) {
        case DOUBLE -> "doubleTape";
        case INT -> "intTape";
        case LONG -> "longTape";
        case BOOLEAN -> "branchTape";
        default -> throw new IllegalStateException("no tape for " + t);
      }), t, Variable.Role.TAPE);
      tapeMarks.add(new Variable(names.newName(tape.name() + "Start"), JType.INT,
          Variable.Role.TAPE));
      return tape;
    });
  }

  // ------------------------------------------------------------------ adjoint declarations

  /**
   * Declares the adjoints of {@code primals} at the head of {@code reverse}. Where the first use
   * is an unconditional {@code dX += e}, that statement becomes the declaration {@code double dX
   * = e}: no adjoint is zeroed only to be added to once. Array adjoints start as zero arrays of
   * the primal's shape; those of parameters are the caller's arrays and are not declared.
   */
  private List<Stmt> declareAdjoints(List<Variable> primals, List<Stmt> reverse) {
    List<Stmt> body = new ArrayList<>(reverse);
    List<Stmt> zeroed = new ArrayList<>();
    for (Variable primal : primals) {
      Variable d = adjoints.get(primal);
      if (d == null || parameterAdjoints.contains(d)) {
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
      if (d.type().isArray()) {
        zeroed.add(new Stmt.Declare(d, zerosLike(primal), null));
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

  /** {@code new double[a.length]}, or a zero matrix with {@code a}'s (possibly ragged) rows. */
  private static Expr zerosLike(Variable array) {
    if (array.type() == JType.DOUBLE_ARRAY) {
      return new Expr.NewArray(JType.DOUBLE_ARRAY, List.of(new Expr.ArrayLength(new Expr.Local(array))));
    }
    return new Expr.RuntimeCall(DerivativeRules.ADJOINTS, "zerosLike", List.of(new Expr.Local(array)));
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
      } else if (s instanceof Stmt.ArrayAssign a) {
        collectExpr(a.target(), out);
        collectExpr(a.value(), out);
      } else if (s instanceof Stmt.Increment i) {
        out.add(i.variable());
      } else if (s instanceof Stmt.If f) {
        collectExpr(f.condition(), out);
        collectVariables(f.thenStmts(), out);
        collectVariables(f.elseStmts(), out);
      } else if (s instanceof Stmt.Loop l) {
        collectVariables(l.init(), out);
        collectExpr(l.condition(), out);
        collectVariables(l.body(), out);
        collectVariables(l.update(), out);
      } else if (s instanceof Stmt.Return r) {
        collectExpr(r.value(), out);
      } else if (s instanceof Stmt.Throw t && t.replay() != null) {
        collectExpr(t.replay(), out);
      } else if (s instanceof Stmt.ReturnResult r) {
        r.components().forEach(c -> collectExpr(c, out));
      } else if (s instanceof Stmt.BindPullback b) {
        out.add(b.variable());
        collectExpr(b.call(), out);
      } else if (s instanceof Stmt.TapePush p) {
        out.add(p.tape());
        collectExpr(p.value(), out);
      } else if (s instanceof Stmt.Evaluate ev) {
        collectExpr(ev.call(), out);
      } else if (s instanceof Stmt.CallStatement c) {
        collectExpr(c.call(), out);
      }
    }
  }

  private static void collectExpr(Expr e, Set<Variable> out) {
    if (e instanceof Expr.Local l) {
      out.add(l.variable());
    } else if (e instanceof Expr.ArrayElement a) {
      collectExpr(a.array(), out);
      collectExpr(a.index(), out);
    } else if (e instanceof Expr.ArrayLength a) {
      collectExpr(a.array(), out);
    } else if (e instanceof Expr.NewArray n) {
      n.dimensions().forEach(d -> collectExpr(d, out));
    } else if (e instanceof Expr.ArrayLiteral l) {
      l.elements().forEach(x -> collectExpr(x, out));
    } else if (e instanceof Expr.CopyOf c) {
      collectExpr(c.array(), out);
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
      if (p.seed() != null) {
        collectExpr(p.seed(), out);
      }
      p.adjointArrays().forEach(a -> collectExpr(a, out));
    } else if (e instanceof Expr.PartialOf p) {
      out.add(p.pullback());
    } else if (e instanceof Expr.RuntimeCall r) {
      r.arguments().forEach(a -> collectExpr(a, out));
    } else if (e instanceof Expr.TapePop p) {
      out.add(p.tape());
    } else if (e instanceof Expr.PoolAllocation p) {
      out.add(p.pool());
      p.arguments().forEach(a -> collectExpr(a, out));
    } else if (e instanceof Expr.PostStep p) {
      out.add(p.variable());
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

  private static Expr literalBoolean(boolean b) {
    return new Expr.Literal(Boolean.toString(b), b ? 1 : 0, JType.BOOLEAN);
  }

  static Expr zero(JType type) {
    return switch (type) {
      case DOUBLE -> new Expr.Literal("0.0", 0, JType.DOUBLE);
      case BOOLEAN -> new Expr.Literal("false", 0, JType.BOOLEAN);
      case LONG -> new Expr.Literal("0L", 0, JType.LONG);
      case INT -> new Expr.Literal("0", 0, JType.INT);
      default -> new Expr.Literal("null", 0, type);
    };
  }
}
