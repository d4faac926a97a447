package io.github.javagrad.processor.analysis;

import io.github.javagrad.processor.model.Expr;
import io.github.javagrad.processor.model.JType;
import io.github.javagrad.processor.model.Stmt;
import io.github.javagrad.processor.model.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * To-be-recorded analysis: which overwritten values the reverse sweep needs back, and how each
 * branch outcome is found again in reverse.
 *
 * <p>An assignment saves its target's old value only when the reverse sweep of that statement or
 * of one executed before it reads the variable. Inside a loop every statement of the loop may
 * have executed before (in an earlier iteration), so the reads of the whole loop count; a local
 * declared in a loop body is overwritten by the next iteration, so its declaration counts as an
 * assignment there. Integer {@code ++}, {@code --}, {@code +=} and {@code -=} are undone by the
 * inverse operation instead of being saved (integer arithmetic is exactly invertible). Outside
 * loops, a branch is re-decided in reverse from its condition when nothing after the condition
 * writes the variables it reads; otherwise, and always inside loops, its outcome is recorded.
 * Read-only inputs and values never overwritten are never saved. Arrays are tracked as a whole: a
 * write to an element is saved if any element of that array is read in reverse.
 */
public final class Recording {
  private final Set<Stmt> saves = identitySet();
  private final Set<Stmt> inverts = identitySet();
  private final Set<Stmt> recordedBranches = identitySet();
  private final Set<Stmt> resultReadAfter = identitySet();
  private final Set<Stmt> rematerialized = identitySet();
  private final Set<Variable> writtenAnywhere = new HashSet<>();
  /** Variables given a new value by an assignment or increment (not element writes). */
  private final Set<Variable> reassigned = new HashSet<>();
  /** {@code double[] a = new double[n]} declared once: the length expression {@code n}. */
  private final java.util.Map<Variable, Expr> lengths = new java.util.HashMap<>();
  /** Locals declared inside some loop body: a new value every iteration. */
  private final Set<Variable> declaredInLoop = new HashSet<>();
  /**
   * While a loop body is walked: the indices of the enclosing counted loops and the
   * rematerialized locals of their bodies, whose values the reverse iteration has again.
   */
  private final Set<Variable> stableInScope = new HashSet<>();
  private final Set<Stmt> dead = identitySet();
  /** Per counted loop, the arrays it overwrites whole whose earlier values the reverse needs. */
  private final java.util.Map<Stmt, List<Variable>> savedWhole = new java.util.IdentityHashMap<>();
  private final Activity activity;
  private final List<Stmt> order = new ArrayList<>();

  private Recording(Activity activity) {
    this.activity = activity;
  }

  /** Whether this assignment saves its target before overwriting it. */
  public boolean saves(Stmt s) {
    return saves.contains(s);
  }

  /** Whether this integer update is undone in reverse by its inverse. */
  public boolean inverts(Stmt s) {
    return inverts.contains(s);
  }

  /** Whether this if records its outcome rather than re-evaluating its condition in reverse. */
  public boolean recordsBranch(Stmt.If s) {
    return recordedBranches.contains(s);
  }

  /**
   * Whether this declaration in a counted loop's body is computed again at the start of the
   * reverse iteration instead of being saved: its initializer is cheap arithmetic (no calls) that
   * reads only the indices of the enclosing counted loops, locals rematerialized before it, and
   * parameters, arrays and locals declared outside loops that are never assigned or written
   * ({@code double v = x[i]}, {@code double t = x[i + 1] - x[i] * x[i]}).
   */
  public boolean rematerializes(Stmt s) {
    return rematerialized.contains(s);
  }

  /**
   * Whether this definition of a scalar is dead: overwritten before anything that matters reads
   * it ({@link DeadDefinitions}). Its adjoint is zero, so it gets no reverse code at all: no
   * {@code 0 * f'(y)} that would be NaN where f' is infinite (as PyTorch, which drops such a node,
   * gives 0).
   */
  public boolean isDead(Stmt s) {
    return dead.contains(s);
  }

  /** Whether the reverse of this assignment may read its target as the expression's result. */
  public boolean mayUseTargetAsResult(Stmt s) {
    return !(s instanceof Stmt.ArrayAssign) && resultReadAfter.contains(s) && !saves.contains(s);
  }

  /**
   * Whether the reverse of this element write {@code a[i] = f(...)} reads the element, before
   * restoring it, as f's result ({@code tanh}, {@code exp}, a quotient) instead of computing f
   * again (BENCH-3): later writes to the array save what they overwrite, so the element still
   * holds the value written here when its reverse runs.
   */
  public boolean readsElementResult(Stmt s) {
    return s instanceof Stmt.ArrayAssign && resultReadAfter.contains(s);
  }

  /**
   * The arrays a counted loop overwrites whole, {@code a[i] = e} for every index of {@code a},
   * whose earlier values the reverse sweep needs: their elements' saves can be made at once, the
   * whole array before the loop, and restored at once after the reverse loop (an array copy
   * instead of a tape push and pop per element). Nothing else in the loop reads or writes them.
   */
  public List<Variable> savedWhole(Stmt.Loop loop) {
    return savedWhole.getOrDefault(loop, List.of());
  }

  /** Whether control may leave the enclosing statement list at or inside this statement. */
  private static boolean mayLeave(Stmt s) {
    boolean[] found = {false};
    Exprs.forEachStatement(List.of(s), x -> {
      if (x instanceof Stmt.Break || x instanceof Stmt.Continue || x instanceof Stmt.JumpOut
          || x instanceof Stmt.Return || x instanceof Stmt.ReturnResult || x instanceof Stmt.Throw) {
        found[0] = true;
      }
    });
    return found[0];
  }

  /** Analyses a body in terminal form. */
  public static Recording of(List<Stmt> body, Activity activity) {
    Recording r = new Recording(activity);
    Exprs.forEachStatement(body, r.order::add);
    for (Stmt s : r.order) {
      Variable w = Exprs.assignedBy(s);
      if (w != null && !(s instanceof Stmt.Declare)) {
        r.writtenAnywhere.add(w);
      }
      if (s instanceof Stmt.CallStatement c) {
        r.writtenAnywhere.addAll(Activity.arrayArguments(c));
      }
      if (s instanceof Stmt.Assign || s instanceof Stmt.Increment) {
        r.reassigned.add(w);
      }
      if (s instanceof Stmt.Loop l) {
        Exprs.forEachStatement(l.body(), b -> {
          if (b instanceof Stmt.Declare d) {
            r.declaredInLoop.add(d.variable());
          }
        });
      }
    }
    for (Stmt s : r.order) {
      if (s instanceof Stmt.Declare d && d.variable().type() == JType.DOUBLE_ARRAY
          && d.init() instanceof Expr.NewArray n && n.dimensions().size() == 1
          && !r.reassigned.contains(d.variable()) && !r.declaredInLoop.contains(d.variable())) {
        r.lengths.put(d.variable(), n.dimensions().get(0));
      }
    }
    r.walk(body, new HashSet<>(), false);
    r.dead.addAll(DeadDefinitions.of(body));
    for (Stmt s : r.order) {
      if (s instanceof Stmt.Loop l) {
        for (Variable a : r.overwrittenWhole(l)) {
          if (l.body().stream().anyMatch(b -> r.saves.contains(b) && Exprs.assignedBy(b) == a)) {
            r.savedWhole.computeIfAbsent(l, k -> new ArrayList<>()).add(a);
          }
        }
      }
    }
    return r;
  }

  /**
   * Visits statements in execution order. {@code read} holds the variables whose current value
   * the reverse sweep of some statement executed since that value was defined reads: a write to
   * such a variable must save it. A write to a scalar starts a fresh value, not yet read; arrays
   * are tracked whole, so their flag is never cleared. Branches merge their states; a loop runs
   * its body until the state at its back edge no longer grows, so a value read in reverse late in
   * an iteration is saved where the next iteration overwrites it, and a running sum {@code z +=
   * e}, whose partial sums nothing reads, is not saved at all.
   */
  private void walk(List<Stmt> stmts, Set<Variable> read, boolean inLoop) {
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Loop loop) {
        walkLoop(loop, read);
        // Every element holds a value the loop defined and its reverse does not read.
        read.removeAll(fullyOverwritten(loop));
        continue;
      }
      if (s instanceof Stmt.If f) {
        boolean record = inLoop || conditionChangesLater(f);
        if (record) {
          recordedBranches.add(f);
        } else if (!ReturnNormalizer.containsReturn(f)) {
          read.addAll(Exprs.variablesIn(f.condition()));
        }
        Set<Variable> thenState = new HashSet<>(read);
        Set<Variable> elseState = new HashSet<>(read);
        walk(f.thenStmts(), thenState, inLoop);
        walk(f.elseStmts(), elseState, inLoop);
        read.clear();
        read.addAll(thenState);
        read.addAll(elseState);
        continue;
      }
      read.addAll(preReads(s));
      if (s instanceof Stmt.CallStatement c) {
        continue; // its written arrays are always saved whole (see AdjointBuilder.voidCall)
      }
      Variable target = Exprs.assignedBy(s);
      boolean overwrites = target != null && (!(s instanceof Stmt.Declare) || inLoop)
          && !rematerialized.contains(s);
      if (overwrites && read.contains(target)) {
        if (isInvertible(s)) {
          inverts.add(s);
          // Undoing n += k needs k as it was: later writes to k's variables must save them.
          if (s instanceof Stmt.Assign a) {
            read.addAll(Exprs.variablesIn(a.value()));
          }
        } else {
          saves.add(s);
        }
      }
      if (target != null && !target.type().isArray()) {
        read.remove(target); // a fresh value: nothing has read it yet
      }
      if (inverts.contains(s)) {
        // Undoing i++ by i-- reads the new value: later writes must give it back.
        read.add(target);
      }
      Expr root = rootOf(s);
      boolean elementSet = s instanceof Stmt.ArrayAssign a && a.op() == Stmt.AssignOp.SET
          && Exprs.isLeaf(a.target());
      if (root != null && target != null && (!(s instanceof Stmt.ArrayAssign) || elementSet)
          && ReverseReads.rootUsesResult(root, activity)) {
        // The reverse of s reads the target's new value: later writes must give it back.
        resultReadAfter.add(s);
        read.add(target);
      }
    }
  }

  private void walkLoop(Stmt.Loop loop, Set<Variable> read) {
    LoopShape shape = LoopShape.of(loop);
    Set<Variable> partitioned = new HashSet<>();
    Set<Variable> scoped = new HashSet<>();
    if (shape != null) {
      read.addAll(shape.boundVariables());
      // Arrays the loop only ever touches at [index]: other iterations use other elements.
      partitioned.addAll(partitionedArrays(loop, shape.index()));
      if (stableInScope.add(shape.index())) {
        scoped.add(shape.index());
      }
      for (Stmt b : loop.body()) {
        if (mayLeave(b)) {
          break; // what follows a jump is not computed in every iteration
        }
        if (b instanceof Stmt.Declare d && isRematerializable(d)) {
          rematerialized.add(d);
          if (stableInScope.add(d.variable())) {
            scoped.add(d.variable());
          }
        }
      }
    }
    walk(loop.init(), read, true);
    Set<Variable> entry = new HashSet<>(read);
    Set<Variable> state = new HashSet<>(read);
    while (true) {
      Set<Variable> iteration = new HashSet<>(state);
      walk(loop.body(), iteration, true);
      walk(loop.update(), iteration, true);
      // What one iteration read of a partitioned array, the next iteration does not overwrite.
      for (Variable a : partitioned) {
        if (!entry.contains(a)) {
          iteration.remove(a);
        }
      }
      iteration.addAll(state);
      if (iteration.equals(state)) {
        break;
      }
      state = iteration;
    }
    // After the loop: the state of any iteration's end, or the entry state if it ran zero times.
    read.clear();
    read.addAll(state);
    read.addAll(afterLoopReads(loop));
    stableInScope.removeAll(scoped);
  }

  /**
   * Arrays a counted loop {@code for (int i = 0; i < n; i++)} overwrites whole, {@code a[i] =
   * e} in every iteration where {@code n} is a's length ({@code a.length}, or the {@code n} of
   * {@code double[] a = new double[n]} when neither is ever assigned), and which nothing else in
   * the loop touches or reads in reverse. After such a loop no earlier value of a is left, so a's
   * read flag restarts: later partial updates ({@code a[j] += e}) need not save the elements,
   * because the save before the next whole overwrite restores them all (GMM's {@code qxc}).
   */
  private Set<Variable> fullyOverwritten(Stmt.Loop loop) {
    LoopShape shape = fromZeroUp(loop);
    if (shape == null) {
      return Set.of();
    }
    Set<Variable> out = new HashSet<>();
    for (Stmt b : loop.body()) {
      if (mayLeave(b)) {
        return Set.of();
      }
      Variable whole = overwrittenAtIndex(b, shape);
      if (whole != null) {
        out.add(whole);
      }
    }
    if (out.isEmpty()) {
      return out;
    }
    List<Stmt> all = new ArrayList<>();
    Exprs.forEachStatement(loop.body(), all::add);
    for (Stmt s : all) {
      Set<Variable> touched = new HashSet<>(preReads(s));
      Expr root = rootOf(s);
      Variable target = Exprs.assignedBy(s);
      if (root != null && target != null && ReverseReads.rootUsesResult(root, activity)) {
        touched.add(target);
      }
      if (s instanceof Stmt.CallStatement c) {
        touched.addAll(Activity.arrayArguments(c));
      }
      boolean theOverwrite = s instanceof Stmt.ArrayAssign a && a.op() == Stmt.AssignOp.SET
          && a.target().array() instanceof Expr.Local l && out.contains(l.variable())
          && loop.body().contains(s);
      if (!theOverwrite && target != null) {
        touched.add(target); // a second write of the array in the loop: keep it simple
      }
      if (s instanceof Stmt.Loop inner) {
        LoopShape innerShape = LoopShape.of(inner);
        if (innerShape != null) {
          touched.addAll(innerShape.boundVariables());
        }
      }
      out.removeAll(touched);
    }
    return out;
  }

  /**
   * Arrays a counted loop {@code for (int i = 0; i < n; i++)} overwrites whole, {@code a[i] = e}
   * at the top of its body where {@code n} is a's length, and otherwise reads only as {@code a[i]}
   * after that write (or as {@code a.length}): whatever the loop's reverse reads of a it reads at
   * the index its element restore has not yet passed, so restoring the whole array after the
   * reverse loop gives every read the value the per-element restore gave it. GMM's {@code xc}
   * ({@code xc[id] = x[id] - mu[id]; qxc[id] = q[id] * xc[id];}).
   */
  private Set<Variable> overwrittenWhole(Stmt.Loop loop) {
    LoopShape shape = fromZeroUp(loop);
    if (shape == null) {
      return Set.of();
    }
    // In body order: the saves are emitted in this order, and generated code is deterministic.
    java.util.Map<Variable, Integer> at = new java.util.LinkedHashMap<>();
    List<Stmt> body = loop.body();
    for (int p = 0; p < body.size(); p++) {
      Stmt b = body.get(p);
      if (mayLeave(b)) {
        return Set.of();
      }
      Variable whole = overwrittenAtIndex(b, shape);
      if (whole != null) {
        // a second whole overwrite in one body: not this simple shape
        at.merge(whole, p, (x, y) -> -1);
      }
    }
    Set<Variable> out = new java.util.LinkedHashSet<>();
    for (java.util.Map.Entry<Variable, Integer> e : at.entrySet()) {
      Variable a = e.getKey();
      int p = e.getValue();
      if (p < 0) {
        continue;
      }
      Stmt.ArrayAssign overwrite = (Stmt.ArrayAssign) body.get(p);
      boolean ok = !Exprs.variablesIn(overwrite.value()).contains(a);
      for (int q = 0; q < body.size() && ok; q++) {
        if (q == p) {
          continue;
        }
        boolean after = q > p;
        List<Stmt> nested = new ArrayList<>();
        Exprs.forEachStatement(List.of(body.get(q)), nested::add);
        for (Stmt s : nested) {
          if (Exprs.assignedBy(s) == a
              || s instanceof Stmt.CallStatement c && Activity.arrayArguments(c).contains(a)
              || !readsOnlyAt(s, a, after ? shape.index() : null)) {
            ok = false;
            break;
          }
        }
      }
      if (ok) {
        out.add(a);
      }
    }
    return out;
  }

  /** Whether {@code s}'s own expressions use {@code a} only as {@code a[index]} or {@code a.length}. */
  private static boolean readsOnlyAt(Stmt s, Variable a, Variable index) {
    List<Expr> exprs = new ArrayList<>();
    if (s instanceof Stmt.Declare d && d.init() != null) {
      exprs.add(d.init());
    } else if (s instanceof Stmt.Assign x) {
      exprs.add(x.value());
    } else if (s instanceof Stmt.ArrayAssign x) {
      exprs.add(x.target());
      exprs.add(x.value());
    } else if (s instanceof Stmt.If f) {
      exprs.add(f.condition());
    } else if (s instanceof Stmt.Loop l) {
      if (l.condition() != null) {
        exprs.add(l.condition());
      }
    } else if (s instanceof Stmt.Return r && r.value() != null) {
      exprs.add(r.value());
    } else if (s instanceof Stmt.CallStatement c) {
      exprs.add(c.call());
    } else if (!(s instanceof Stmt.Increment || s instanceof Stmt.Break
        || s instanceof Stmt.Continue || s instanceof Stmt.JumpOut || s instanceof Stmt.Comment)) {
      return false; // a statement kind this check does not know: assume the worst
    }
    for (Expr e : exprs) {
      if (!usesOnlyAt(e, a, index)) {
        return false;
      }
    }
    return true;
  }

  private static boolean usesOnlyAt(Expr e, Variable a, Variable index) {
    if (e instanceof Expr.Local l) {
      return l.variable() != a;
    }
    if (e instanceof Expr.ArrayElement el && el.array() instanceof Expr.Local l
        && l.variable() == a) {
      return index != null && el.index() instanceof Expr.Local i && i.variable() == index;
    }
    if (e instanceof Expr.ArrayLength len && len.array() instanceof Expr.Local) {
      return true;
    }
    if (e instanceof Expr.Literal || e instanceof Expr.ConstantRef) {
      return true;
    }
    if (e instanceof Expr.ArrayElement el) {
      return usesOnlyAt(el.array(), a, index) && usesOnlyAt(el.index(), a, index);
    }
    if (e instanceof Expr.Unary u) {
      return usesOnlyAt(u.operand(), a, index);
    }
    if (e instanceof Expr.Binary b) {
      return usesOnlyAt(b.left(), a, index) && usesOnlyAt(b.right(), a, index);
    }
    if (e instanceof Expr.Conditional c) {
      return usesOnlyAt(c.condition(), a, index) && usesOnlyAt(c.whenTrue(), a, index)
          && usesOnlyAt(c.whenFalse(), a, index);
    }
    if (e instanceof Expr.Cast c) {
      return usesOnlyAt(c.operand(), a, index);
    }
    if (e instanceof Expr.MathCall m) {
      return m.arguments().stream().allMatch(x -> usesOnlyAt(x, a, index));
    }
    // Calls, copies, array literals and anything else: only if a is not in them at all.
    return !Exprs.variablesIn(e).contains(a);
  }

  /** The shape of {@code for (int i = 0; i < n; i++)}, or null for any other loop. */
  private static LoopShape fromZeroUp(Stmt.Loop loop) {
    LoopShape shape = LoopShape.of(loop);
    return shape != null && shape.up() && !shape.inclusive()
        && shape.first() instanceof Expr.Literal zero && zero.value() == 0 ? shape : null;
  }

  /** The array {@code b} overwrites at the loop's index, {@code a[i] = e} with n a's length. */
  private Variable overwrittenAtIndex(Stmt b, LoopShape shape) {
    if (b instanceof Stmt.ArrayAssign a && a.op() == Stmt.AssignOp.SET
        && a.target().array() instanceof Expr.Local base
        && base.variable().type() == JType.DOUBLE_ARRAY
        && a.target().index() instanceof Expr.Local at && at.variable() == shape.index()
        && isLengthOf(shape.bound(), base.variable())) {
      return base.variable();
    }
    return null;
  }

  /** Whether {@code bound} is the length of the one-dimensional array {@code a}. */
  private boolean isLengthOf(Expr bound, Variable a) {
    if (bound instanceof Expr.ArrayLength l && l.array() instanceof Expr.Local x
        && x.variable() == a) {
      return true;
    }
    Expr n = lengths.get(a);
    return n != null && n.equals(bound) && Exprs.variablesIn(n).stream()
        .allMatch(v -> !reassigned.contains(v) && !declaredInLoop.contains(v));
  }

  /** Partitioned arrays still count as read after the loop: later writes must save them. */
  private Set<Variable> afterLoopReads(Stmt.Loop loop) {
    Set<Variable> out = new HashSet<>();
    for (Variable v : readsOf(loop)) {
      if (v.type().isArray()) {
        out.add(v);
      }
    }
    return out;
  }

  private boolean isRematerializable(Stmt.Declare d) {
    if (d.init() == null || writtenAnywhere.contains(d.variable())) {
      return false;
    }
    for (Variable v : Exprs.variablesIn(d.init())) {
      if (!isStable(v)) {
        return false;
      }
    }
    // A leaf of any type (double[] row = w[i]); otherwise a cheap scalar computation.
    return Exprs.isLeaf(d.init())
        || !d.variable().type().isArray() && isCheapArithmetic(d.init(), new int[] {20});
  }

  /**
   * Whether the reverse sweep, anywhere inside the loop bodies being walked, reads the value
   * {@code v} had in the forward sweep by reading {@code v}: an index of an enclosing counted
   * loop, a rematerialized local in scope, or a parameter, array or local declared outside loops
   * that is never assigned (nor written, for an array).
   */
  private boolean isStable(Variable v) {
    return stableInScope.contains(v) || isInvariant(v);
  }

  /**
   * Whether {@code v} has one value for the whole call: a parameter, or a local declared outside
   * loops, never assigned (nor written element-wise, for an array).
   */
  public boolean isInvariant(Variable v) {
    return !writtenAnywhere.contains(v) && !declaredInLoop.contains(v)
        && (v.role() == Variable.Role.PARAMETER || v.role() == Variable.Role.LOCAL);
  }

  /**
   * Whether computing {@code e} again costs a few arithmetic operations: no calls, no
   * allocation, at most {@code budget[0]} nodes.
   */
  public static boolean isCheapArithmetic(Expr e, int[] budget) {
    if (--budget[0] < 0) {
      return false;
    }
    if (e instanceof Expr.Local || e instanceof Expr.Literal || e instanceof Expr.ConstantRef) {
      return true;
    }
    if (e instanceof Expr.ArrayLength a) {
      return isCheapArithmetic(a.array(), budget);
    }
    if (e instanceof Expr.ArrayElement a) {
      return isCheapArithmetic(a.array(), budget) && isCheapArithmetic(a.index(), budget);
    }
    if (e instanceof Expr.Unary u) {
      return isCheapArithmetic(u.operand(), budget);
    }
    if (e instanceof Expr.Cast c) {
      return isCheapArithmetic(c.operand(), budget);
    }
    if (e instanceof Expr.Binary b) {
      return !b.op().isLogical()
          && isCheapArithmetic(b.left(), budget) && isCheapArithmetic(b.right(), budget);
    }
    return false;
  }

  /**
   * Arrays every access of which in the loop body indexes one dimension by {@code index} and the
   * dimensions before it by values the loop does not change ({@code a[i]}, {@code q[k][i]} in a
   * loop over i that keeps k).
   */
  private static Set<Variable> partitionedArrays(Stmt.Loop loop, Variable index) {
    Set<Variable> all = new HashSet<>();
    Set<Variable> other = new HashSet<>();
    List<Stmt> stmts = new ArrayList<>();
    Exprs.forEachStatement(loop.body(), stmts::add);
    java.util.Map<Variable, List<Expr>> prefixes = new java.util.HashMap<>();
    Set<Variable> changed = new HashSet<>();
    Exprs.forEachStatement(List.of(loop), x -> {
      Variable w = Exprs.assignedBy(x);
      if (w != null) {
        changed.add(w);
      }
    });
    for (Stmt s : stmts) {
      forEachElementAccess(s, e -> {
        Variable base = e.base();
        all.add(base);
        List<Expr> indices = new ArrayList<>();
        for (Expr x = e; x instanceof Expr.ArrayElement el; x = el.array()) {
          indices.add(0, el.index());
        }
        List<Expr> prefix = null;
        for (int k = 0; k < indices.size(); k++) {
          Expr ix = indices.get(k);
          if (ix instanceof Expr.Local l && l.variable() == index) {
            prefix = indices.subList(0, k);
            break;
          }
          if (Exprs.variablesIn(ix).stream().anyMatch(changed::contains)) {
            break;
          }
        }
        // One pattern per array: a[k][i] and a[i][c] could meet in two different iterations.
        List<Expr> seen = prefixes.putIfAbsent(base, prefix);
        if (prefix == null || seen != null && !seen.equals(prefix)) {
          other.add(base);
        }
      }, other);
    }
    all.removeAll(other);
    return all;
  }

  /**
   * Calls {@code action} on every outermost array element expression a statement reads or writes;
   * arrays used whole (clone, a call argument, a.length aside) go to {@code wholeUse}.
   */
  private static void forEachElementAccess(
      Stmt s, java.util.function.Consumer<Expr.ArrayElement> action, Set<Variable> wholeUse) {
    List<Expr> exprs = new ArrayList<>();
    if (s instanceof Stmt.Declare d && d.init() != null) {
      exprs.add(d.init());
    } else if (s instanceof Stmt.Assign a) {
      exprs.add(a.value());
    } else if (s instanceof Stmt.ArrayAssign a) {
      exprs.add(a.target());
      exprs.add(a.value());
    } else if (s instanceof Stmt.If f) {
      exprs.add(f.condition());
    } else if (s instanceof Stmt.Loop l) {
      exprs.add(l.condition());
    } else if (s instanceof Stmt.Return r) {
      exprs.add(r.value());
    }
    for (Expr e : exprs) {
      visitElements(e, action, wholeUse);
    }
  }

  private static void visitElements(
      Expr e, java.util.function.Consumer<Expr.ArrayElement> action, Set<Variable> wholeUse) {
    if (e instanceof Expr.ArrayElement a) {
      action.accept(a);
      for (Expr x = a; x instanceof Expr.ArrayElement el; x = el.array()) {
        visitElements(el.index(), action, wholeUse);
      }
    } else if (e instanceof Expr.Local l) {
      if (l.variable().type().isArray()) {
        wholeUse.add(l.variable());
      }
    } else if (e instanceof Expr.ArrayLength) {
      // the length is the same for every element
    } else if (e instanceof Expr.Unary u) {
      visitElements(u.operand(), action, wholeUse);
    } else if (e instanceof Expr.Binary b) {
      visitElements(b.left(), action, wholeUse);
      visitElements(b.right(), action, wholeUse);
    } else if (e instanceof Expr.MathCall m) {
      m.arguments().forEach(x -> visitElements(x, action, wholeUse));
    } else if (e instanceof Expr.DifferentiableCall c) {
      c.arguments().forEach(x -> visitElements(x, action, wholeUse));
    } else if (e instanceof Expr.Conditional c) {
      visitElements(c.condition(), action, wholeUse);
      visitElements(c.whenTrue(), action, wholeUse);
      visitElements(c.whenFalse(), action, wholeUse);
    } else if (e instanceof Expr.Cast c) {
      visitElements(c.operand(), action, wholeUse);
    } else if (e instanceof Expr.CopyOf c) {
      visitElements(c.array(), action, wholeUse);
    } else if (e instanceof Expr.ArrayLiteral l) {
      l.elements().forEach(x -> visitElements(x, action, wholeUse));
    }
  }

  /** What the reverse of every statement in the loop reads. */
  private Set<Variable> readsOf(Stmt.Loop loop) {
    Set<Variable> out = new HashSet<>();
    List<Stmt> all = new ArrayList<>();
    Exprs.forEachStatement(List.of(loop), all::add);
    for (Stmt s : all) {
      out.addAll(preReads(s));
      Expr root = rootOf(s);
      Variable target = Exprs.assignedBy(s);
      if (root != null && target != null && ReverseReads.rootUsesResult(root, activity)) {
        out.add(target);
      }
      if (s instanceof Stmt.Loop inner) {
        LoopShape shape = LoopShape.of(inner);
        if (shape != null) {
          out.addAll(shape.boundVariables());
        }
      }
    }
    return out;
  }

  /** Values as they were before s that the reverse of s reads. */
  private Set<Variable> preReads(Stmt s) {
    Set<Variable> pre = new HashSet<>();
    if (s instanceof Stmt.CallStatement c) {
      // the callee's pullback runs the call again: every argument as it was (written arrays are
      // saved and restored by the call itself)
      List<Variable> written = Activity.arrayArguments(c);
      c.call().arguments().forEach(a -> Exprs.variablesIn(a).stream()
          .filter(v -> !written.contains(v)).forEach(pre::add));
      return pre;
    }
    Variable target = Exprs.assignedBy(s);
    Expr root = rootOf(s);
    if (root != null && (target == null || activity.isActive(target) || s instanceof Stmt.Return)) {
      pre.addAll(ReverseReads.of(root, activity));
    }
    if (s instanceof Stmt.ArrayAssign a) {
      // restoring a[i] and reading dA[i] need the index
      for (Expr x = a.target(); x instanceof Expr.ArrayElement el; x = el.array()) {
        pre.addAll(Exprs.variablesIn(el.index()));
      }
    }
    return pre;
  }

  /** Whether any statement after the if (in program order) writes what its condition reads. */
  private boolean conditionChangesLater(Stmt.If f) {
    if (ReturnNormalizer.containsReturn(f)) {
      return false; // a terminal if: its reverse sits inside its branches
    }
    Set<Variable> condVars = Exprs.variablesIn(f.condition());
    int at = indexOf(f);
    for (int j = at + 1; j < order.size(); j++) {
      Stmt later = order.get(j);
      Variable w = Exprs.assignedBy(later);
      if (w != null && condVars.contains(w) && !(later instanceof Stmt.Declare)) {
        return true;
      }
    }
    return false;
  }

  private int indexOf(Stmt s) {
    for (int i = 0; i < order.size(); i++) {
      if (order.get(i) == s) {
        return i;
      }
    }
    return -1;
  }

  /** The expression whose derivative the statement's reverse computes, with {@code v op= e} as v op e. */
  public static Expr rootOf(Stmt s) {
    if (s instanceof Stmt.Declare d) {
      return d.init();
    }
    if (s instanceof Stmt.Return r) {
      return r.value();
    }
    if (s instanceof Stmt.CallStatement c) {
      return null;
    }
    if (s instanceof Stmt.Assign a) {
      return combine(new Expr.Local(a.variable()), a.op(), a.value());
    }
    if (s instanceof Stmt.ArrayAssign a) {
      return combine(a.target(), a.op(), a.value());
    }
    return null;
  }

  private static Expr combine(Expr old, Stmt.AssignOp op, Expr value) {
    JType t = JType.promote(old.type(), value.type());
    return switch (op) {
      case SET -> value;
      case ADD -> new Expr.Binary(Expr.BinaryOp.ADD, old, value, t);
      case SUBTRACT -> new Expr.Binary(Expr.BinaryOp.SUBTRACT, old, value, t);
      case MULTIPLY -> new Expr.Binary(Expr.BinaryOp.MULTIPLY, old, value, t);
      case DIVIDE -> new Expr.Binary(Expr.BinaryOp.DIVIDE, old, value, t);
    };
  }

  private static boolean isInvertible(Stmt s) {
    if (s instanceof Stmt.Increment) {
      return true;
    }
    return s instanceof Stmt.Assign a
        && (a.variable().type() == JType.INT || a.variable().type() == JType.LONG)
        && (a.op() == Stmt.AssignOp.ADD || a.op() == Stmt.AssignOp.SUBTRACT)
        && !Exprs.variablesIn(a.value()).contains(a.variable());
  }

  private static Set<Stmt> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }
}
