package io.github.javagrad.processor.analysis;

import io.github.javagrad.processor.model.Expr;
import io.github.javagrad.processor.model.JType;
import io.github.javagrad.processor.model.Stmt;
import io.github.javagrad.processor.model.Variable;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Definitions of {@code double} scalars whose value cannot reach the result differentiably: a
 * flow-sensitive usefulness analysis (strong liveness restricted to derivative-carrying reads)
 * over the structured body, with loops iterated to a fixed point and {@code break} and
 * {@code continue} following their targets.
 *
 * <p>A read counts only where a derivative can flow through it ({@link
 * Exprs#differentiableVariablesIn}: not conditions, indices or integer casts) into an array
 * write, a call, a return, or a definition that is itself live. So {@code x = x * x} in a loop
 * whose result is overwritten after the loop is dead in every iteration, although it reads x. A
 * dead definition's adjoint is zero whatever path the reverse takes, so it gets no reverse code,
 * and in particular no {@code 0 * f'(x)} that is NaN where an unused intermediate overflowed.
 */
final class DeadDefinitions {
  private final Map<Stmt, Boolean> deadAtLastVisit = new IdentityHashMap<>();
  /** What a jump this analysis does not model can reach: everything. */
  private final Set<Variable> everything = new HashSet<>();

  private DeadDefinitions() {}

  /** Where {@code break} and {@code continue} of the innermost loop go. */
  private record Jumps(Set<Variable> onBreak, Set<Variable> onContinue) {}

  static Set<Stmt> of(List<Stmt> body) {
    DeadDefinitions d = new DeadDefinitions();
    Exprs.forEachStatement(body, s -> d.everything.addAll(reads(s)));
    d.block(body, Set.of(), null);
    Set<Stmt> dead = Collections.newSetFromMap(new IdentityHashMap<>());
    d.deadAtLastVisit.forEach((s, isDead) -> {
      if (isDead) {
        dead.add(s);
      }
    });
    return dead;
  }

  /** Live before {@code stmts}, given what is live after them. */
  private Set<Variable> block(List<Stmt> stmts, Set<Variable> after, Jumps jumps) {
    Set<Variable> live = after;
    for (int i = stmts.size() - 1; i >= 0; i--) {
      live = statement(stmts.get(i), live, jumps);
    }
    return live;
  }

  private Set<Variable> statement(Stmt s, Set<Variable> after, Jumps jumps) {
    if (s instanceof Stmt.Declare || s instanceof Stmt.Assign) {
      return definition(s, after);
    }
    if (s instanceof Stmt.If f) {
      return union(block(f.thenStmts(), after, jumps), block(f.elseStmts(), after, jumps));
    }
    if (s instanceof Stmt.Loop l) {
      return loop(l, after, jumps);
    }
    if (s instanceof Stmt.Return r) {
      return r.value() == null ? Set.of() : uses(r.value());
    }
    if (s instanceof Stmt.Throw) {
      return Set.of(); // the reverse sweep never runs on this path
    }
    if (s instanceof Stmt.Break) {
      return jumps == null ? everything : jumps.onBreak();
    }
    if (s instanceof Stmt.Continue) {
      return jumps == null ? everything : jumps.onContinue();
    }
    if (s instanceof Stmt.JumpOut) {
      return everything;
    }
    // array writes and calls: their reads count, nothing is killed
    return union(after, reads(s));
  }

  private Set<Variable> definition(Stmt s, Set<Variable> after) {
    Variable v = Exprs.assignedBy(s);
    Expr value = s instanceof Stmt.Declare d ? d.init() : ((Stmt.Assign) s).value();
    boolean kills = s instanceof Stmt.Declare || ((Stmt.Assign) s).op() == Stmt.AssignOp.SET;
    boolean tracked = v.type() == JType.DOUBLE;
    if (tracked && value != null) {
      deadAtLastVisit.put(s, !after.contains(v));
    }
    Set<Variable> live = new HashSet<>(after);
    if (kills) {
      live.remove(v);
    }
    if (value != null && (!tracked || after.contains(v))) {
      live.addAll(uses(value));
      if (!kills) {
        live.add(v);
      }
    }
    return live;
  }

  /**
   * {@code for}: init, then (condition, body, update)*; {@code while}: (condition, body)*;
   * {@code do}: (body, condition)*. {@code head} is what is live where the condition is tested.
   */
  private Set<Variable> loop(Stmt.Loop l, Set<Variable> after, Jumps outer) {
    Set<Variable> head = after;
    while (true) {
      Set<Variable> onContinue = l.kind() == Stmt.LoopKind.FOR ? block(l.update(), head, null) : head;
      Set<Variable> bodyEntry = block(l.body(), onContinue, new Jumps(after, onContinue));
      Set<Variable> next = union(head, bodyEntry);
      if (next.equals(head)) {
        return switch (l.kind()) {
          case FOR -> block(l.init(), head, outer);
          case WHILE -> head;
          case DO_WHILE -> bodyEntry;
        };
      }
      head = next;
    }
  }

  /** The reads of a statement that can carry a derivative, if what it defines is live. */
  private static Set<Variable> reads(Stmt s) {
    Set<Variable> out = new HashSet<>();
    if (s instanceof Stmt.ArrayAssign a) {
      out.addAll(uses(a.target()));
      out.addAll(uses(a.value()));
    } else if (s instanceof Stmt.CallStatement c) {
      out.addAll(uses(c.call()));
    } else if (s instanceof Stmt.Return r && r.value() != null) {
      out.addAll(uses(r.value()));
    } else if (s instanceof Stmt.Declare d && d.init() != null) {
      out.addAll(uses(d.init()));
    } else if (s instanceof Stmt.Assign a) {
      out.addAll(uses(a.value()));
      out.add(a.variable());
    }
    return out;
  }

  private static Set<Variable> uses(Expr e) {
    return Exprs.differentiableVariablesIn(e);
  }

  private static Set<Variable> union(Set<Variable> a, Set<Variable> b) {
    Set<Variable> out = new HashSet<>(a);
    out.addAll(b);
    return out;
  }
}
