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
 * of an earlier one reads it; integer {@code ++}, {@code --}, {@code +=} and {@code -=} are undone
 * by the inverse operation instead of being saved (integer arithmetic is exactly invertible). A
 * branch is re-decided in reverse from its condition when nothing after the condition writes the
 * variables it reads; otherwise its outcome is recorded in a flag. Read-only inputs and values
 * never overwritten are never saved.
 */
public final class Recording {
  private final Set<Stmt> saves;
  private final Set<Stmt> inverts;
  private final Set<Stmt> recordedBranches;
  private final Set<Stmt> resultReadAfter;

  private Recording(Set<Stmt> saves, Set<Stmt> inverts, Set<Stmt> branches, Set<Stmt> results) {
    this.saves = saves;
    this.inverts = inverts;
    this.recordedBranches = branches;
    this.resultReadAfter = results;
  }

  /** Whether this assignment saves its target before overwriting it. */
  public boolean saves(Stmt s) {
    return saves.contains(s);
  }

  /** Whether this integer update is undone in reverse by its inverse. */
  public boolean inverts(Stmt s) {
    return inverts.contains(s);
  }

  /** Whether this non-terminal if records its outcome rather than re-evaluating it. */
  public boolean recordsBranch(Stmt.If s) {
    return recordedBranches.contains(s);
  }

  /** Whether the reverse of this assignment may read its target as the expression's result. */
  public boolean mayUseTargetAsResult(Stmt s) {
    return resultReadAfter.contains(s) && !saves.contains(s);
  }

  /** Analyses a body in terminal form. */
  public static Recording of(List<Stmt> body, Activity activity) {
    List<Stmt> order = new ArrayList<>();
    Exprs.forEachStatement(body, order::add);

    Set<Stmt> recorded = identitySet();
    for (int i = 0; i < order.size(); i++) {
      if (order.get(i) instanceof Stmt.If f && !ReturnNormalizer.containsReturn(f)) {
        Set<Variable> condVars = Exprs.variablesIn(f.condition());
        for (int j = i + 1; j < order.size(); j++) {
          Variable w = Exprs.assignedBy(order.get(j));
          if (w != null && condVars.contains(w) && !(order.get(j) instanceof Stmt.Declare)) {
            recorded.add(f);
            break;
          }
        }
      }
    }

    Set<Stmt> saves = identitySet();
    Set<Stmt> inverts = identitySet();
    Set<Stmt> resultReads = identitySet();
    Set<Variable> readSoFar = new HashSet<>();
    for (Stmt s : order) {
      Set<Variable> pre = new HashSet<>();
      Variable target = Exprs.assignedBy(s);
      Expr root = rootOf(s);
      if (root != null && (target == null || activity.isActive(target) || s instanceof Stmt.Return)) {
        pre.addAll(ReverseReads.of(root, activity));
      }
      if (s instanceof Stmt.If f && !ReturnNormalizer.containsReturn(f) && !recorded.contains(f)) {
        pre.addAll(Exprs.variablesIn(f.condition()));
      }
      readSoFar.addAll(pre);
      if (target != null && !(s instanceof Stmt.Declare) && readSoFar.contains(target)) {
        if (isInvertible(s)) {
          inverts.add(s);
          // Undoing n += k needs k as it was: later writes to k's variables must save them.
          if (s instanceof Stmt.Assign a) {
            readSoFar.addAll(Exprs.variablesIn(a.value()));
          }
        } else {
          saves.add(s);
        }
      }
      if (root != null && target != null && ReverseReads.rootUsesResult(root, activity)) {
        // The reverse of s reads the target's new value: later writes must give it back.
        resultReads.add(s);
        readSoFar.add(target);
      }
    }
    return new Recording(saves, inverts, recorded, resultReads);
  }

  /** The expression whose derivative the statement's reverse computes, with {@code v op= e} as v op e. */
  public static Expr rootOf(Stmt s) {
    if (s instanceof Stmt.Declare d) {
      return d.init();
    }
    if (s instanceof Stmt.Return r) {
      return r.value();
    }
    if (s instanceof Stmt.Assign a) {
      Variable v = a.variable();
      Expr old = new Expr.Local(v);
      JType t = JType.promote(v.type(), a.value().type());
      return switch (a.op()) {
        case SET -> a.value();
        case ADD -> new Expr.Binary(Expr.BinaryOp.ADD, old, a.value(), t);
        case SUBTRACT -> new Expr.Binary(Expr.BinaryOp.SUBTRACT, old, a.value(), t);
        case MULTIPLY -> new Expr.Binary(Expr.BinaryOp.MULTIPLY, old, a.value(), t);
        case DIVIDE -> new Expr.Binary(Expr.BinaryOp.DIVIDE, old, a.value(), t);
      };
    }
    return null;
  }

  private static boolean isInvertible(Stmt s) {
    if (s instanceof Stmt.Increment) {
      return true;
    }
    return s instanceof Stmt.Assign a
        && a.variable().type() != JType.DOUBLE
        && (a.op() == Stmt.AssignOp.ADD || a.op() == Stmt.AssignOp.SUBTRACT)
        && !Exprs.variablesIn(a.value()).contains(a.variable());
  }

  private static Set<Stmt> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }
}
