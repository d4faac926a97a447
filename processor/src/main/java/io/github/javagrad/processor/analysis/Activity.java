package io.github.javagrad.processor.analysis;

import io.github.javagrad.processor.model.Expr;
import io.github.javagrad.processor.model.JType;
import io.github.javagrad.processor.model.Stmt;
import io.github.javagrad.processor.model.Variable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Activity analysis: a variable is active when it depends differentiably on a parameter we
 * differentiate with respect to (it is <em>varied</em>) and the returned value depends
 * differentiably on it (it is <em>useful</em>). Only active variables get adjoints, so integer
 * counters, constants and values that never reach the result cost nothing in the reverse sweep.
 *
 * <p>The analysis is flow-insensitive (one answer per variable), which is conservative: it may
 * call a variable active where a path-sensitive analysis would not, never the reverse.
 */
public final class Activity {
  private final Set<Variable> active;

  private Activity(Set<Variable> active) {
    this.active = active;
  }

  public static Activity of(List<Variable> wrt, List<Stmt> body) {
    Set<Variable> varied = new HashSet<>(wrt);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Stmt s : flatten(body)) {
        Variable target = Exprs.assignedBy(s);
        Expr value = valueOf(s);
        if (target == null || value == null || !target.type().isDifferentiable()) {
          continue;
        }
        if (!varied.contains(target) && dependsOn(value, varied)) {
          varied.add(target);
          changed = true;
        }
      }
    }
    Set<Variable> useful = new HashSet<>();
    for (Stmt s : flatten(body)) {
      if (s instanceof Stmt.Return r) {
        useful.addAll(Exprs.differentiableVariablesIn(r.value()));
      }
    }
    changed = true;
    while (changed) {
      changed = false;
      for (Stmt s : flatten(body)) {
        Variable target = Exprs.assignedBy(s);
        Expr value = valueOf(s);
        if (target != null && value != null && useful.contains(target)) {
          changed |= useful.addAll(Exprs.differentiableVariablesIn(value));
        }
      }
    }
    Set<Variable> active = new HashSet<>(varied);
    active.retainAll(useful);
    active.removeIf(v -> !v.type().isDifferentiable());
    return new Activity(active);
  }

  public boolean isActive(Variable v) {
    return active.contains(v);
  }

  /** Whether an expression's value carries a derivative that reaches the result. */
  public boolean isActive(Expr e) {
    if (!e.type().isDifferentiable()) {
      return false;
    }
    for (Variable v : Exprs.differentiableVariablesIn(e)) {
      if (active.contains(v)) {
        return true;
      }
    }
    return false;
  }

  private static boolean dependsOn(Expr e, Set<Variable> varied) {
    for (Variable v : Exprs.differentiableVariablesIn(e)) {
      if (varied.contains(v)) {
        return true;
      }
    }
    return false;
  }

  private static Expr valueOf(Stmt s) {
    if (s instanceof Stmt.Declare d) {
      return d.init();
    }
    if (s instanceof Stmt.Assign a) {
      return a.value();
    }
    if (s instanceof Stmt.ArrayAssign a) {
      return a.value();
    }
    return null;
  }

  private static List<Stmt> flatten(List<Stmt> body) {
    List<Stmt> out = new java.util.ArrayList<>();
    Exprs.forEachStatement(body, out::add);
    return out;
  }
}
