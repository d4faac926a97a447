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
  private final Set<Variable> varied;

  private Activity(Set<Variable> active, Set<Variable> varied) {
    this.active = active;
    this.varied = varied;
  }

  /**
   * Whether an expression depends differentiably on the differentiated inputs, whether or not
   * that dependence reaches the result.
   */
  public boolean isVaried(Expr e) {
    return e.type().isDifferentiable() && dependsOn(e, varied);
  }

  /**
   * @param wrt the parameters differentiated with respect to
   * @param outputs arrays whose final values are results (a void method's array parameters)
   */
  public static Activity of(List<Variable> wrt, List<Variable> outputs, List<Stmt> body) {
    Set<Variable> varied = new HashSet<>(wrt);
    varied.addAll(outputs);
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
      for (Stmt s : flatten(body)) {
        if (s instanceof Stmt.CallStatement c && dependsOn(c.call(), varied)) {
          for (Variable out : arrayArguments(c)) {
            changed |= varied.add(out);
          }
        }
      }
    }
    Set<Variable> useful = new HashSet<>(outputs);
    for (Stmt s : flatten(body)) {
      if (s instanceof Stmt.Return r && r.value() != null) {
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
        if (s instanceof Stmt.CallStatement c
            && arrayArguments(c).stream().anyMatch(useful::contains)) {
          changed |= useful.addAll(Exprs.differentiableVariablesIn(c.call()));
        }
      }
    }
    Set<Variable> active = new HashSet<>(varied);
    active.retainAll(useful);
    active.removeIf(v -> !v.type().isDifferentiable());
    return new Activity(active, varied);
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

  /** The arrays a void call may write: its arguments at the parameters the callee writes. */
  public static List<Variable> arrayArguments(Stmt.CallStatement c) {
    List<Variable> out = new java.util.ArrayList<>();
    for (int i = 0; i < c.call().arguments().size(); i++) {
      Expr arg = c.call().arguments().get(i);
      if (arg.type().isArray() && arg.type().isDifferentiable() && c.call().callee().mayWrite(i)) {
        if (arg instanceof Expr.Local l) {
          out.add(l.variable());
        } else if (arg instanceof Expr.ArrayElement el) {
          out.add(el.base());
        }
      }
    }
    return out;
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
