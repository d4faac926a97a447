package io.github.javagrad.processor.analysis;

import io.github.javagrad.processor.model.Expr;
import io.github.javagrad.processor.model.JType;
import io.github.javagrad.processor.model.MethodModel;
import io.github.javagrad.processor.model.SourceRef;
import io.github.javagrad.processor.model.Stmt;
import io.github.javagrad.processor.model.Variable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rewrites {@code return} inside loops as structured exits, so the rest of the pipeline only sees
 * returns outside loops. For each outermost loop that returns:
 *
 * <pre>{@code
 * double resultAtLine7 = 0.0; boolean returnedAtLine7 = false;
 * for (...) { ... if (c) { resultAtLine7 = e; returnedAtLine7 = true; break; } ... }
 * if (returnedAtLine7) return resultAtLine7;
 * rest
 * }</pre>
 *
 * A return inside a nested loop breaks out of it, and the enclosing loop breaks right after it when
 * the flag is set. The result is an ordinary active local, so its adjoint flows like any other.
 */
public final class LoopReturns {
  private final Set<String> taken;
  private final List<String> added = new ArrayList<>();

  private LoopReturns(Set<String> taken) {
    this.taken = taken;
  }

  /** The method with returns in loops rewritten; the same model when there are none. */
  public static MethodModel rewrite(MethodModel method) {
    LoopReturns pass = new LoopReturns(new LinkedHashSet<>(method.userNames()));
    List<Stmt> body = pass.block(method.body());
    if (pass.added.isEmpty()) {
      return method;
    }
    List<String> names = new ArrayList<>(method.userNames());
    names.addAll(pass.added);
    return new MethodModel(method.element(), method.owner(), method.name(), method.parameters(),
        method.wrt(), body, List.copyOf(names), method.naming(), method.callSites(),
        method.resultType());
  }

  private List<Stmt> block(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Loop l && returnsInside(l.body())) {
        long line = l.source().line();
        Variable result = new Variable(name("resultAtLine" + line), JType.DOUBLE, Variable.Role.LOCAL);
        Variable returned = new Variable(name("returnedAtLine" + line), JType.BOOLEAN, Variable.Role.LOCAL);
        SourceRef src = l.source();
        out.add(new Stmt.Declare(result, new Expr.Literal("0.0", 0, JType.DOUBLE), src));
        out.add(new Stmt.Declare(returned, new Expr.Literal("false", 0, JType.BOOLEAN), src));
        out.add(new Stmt.Loop(l.kind(), l.init(), l.condition(), l.update(),
            exits(l.body(), result, returned), src));
        if (runsUntilReturn(l)) {
          // while (true) without a break of its own: it can only be left by returning
          out.add(new Stmt.Return(new Expr.Local(result), src));
        } else {
          out.add(new Stmt.If(new Expr.Local(returned),
              List.of(new Stmt.Return(new Expr.Local(result), src)), List.of(), src));
        }
      } else if (s instanceof Stmt.If f) {
        out.add(new Stmt.If(f.condition(), block(f.thenStmts()), block(f.elseStmts()), f.source()));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /** Inside a returning loop: each return sets the result and the flag, then breaks. */
  private List<Stmt> exits(List<Stmt> stmts, Variable result, Variable returned) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Return r) {
        out.add(new Stmt.Assign(result, Stmt.AssignOp.SET, r.value(), r.source()));
        out.add(new Stmt.Assign(returned, Stmt.AssignOp.SET,
            new Expr.Literal("true", 1, JType.BOOLEAN), r.source()));
        out.add(new Stmt.Break(r.source()));
        return out; // the rest of the list is unreachable
      } else if (s instanceof Stmt.If f) {
        out.add(new Stmt.If(f.condition(), exits(f.thenStmts(), result, returned),
            exits(f.elseStmts(), result, returned), f.source()));
      } else if (s instanceof Stmt.Loop l && returnsInside(l.body())) {
        out.add(new Stmt.Loop(l.kind(), l.init(), l.condition(), l.update(),
            exits(l.body(), result, returned), l.source()));
        out.add(new Stmt.If(new Expr.Local(returned), List.of(new Stmt.Break(l.source())),
            List.of(), l.source()));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private static boolean runsUntilReturn(Stmt.Loop l) {
    return l.condition() instanceof Expr.Literal lit && lit.type() == JType.BOOLEAN
        && lit.value() == 1 && !breaksOut(l.body());
  }

  private static boolean breaksOut(List<Stmt> stmts) {
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Break) {
        return true;
      }
      if (s instanceof Stmt.If f && (breaksOut(f.thenStmts()) || breaksOut(f.elseStmts()))) {
        return true;
      }
    }
    return false;
  }

  private static boolean returnsInside(List<Stmt> stmts) {
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Return) {
        return true;
      }
      if (s instanceof Stmt.If f && (returnsInside(f.thenStmts()) || returnsInside(f.elseStmts()))) {
        return true;
      }
      if (s instanceof Stmt.Loop l && returnsInside(l.body())) {
        return true;
      }
    }
    return false;
  }

  private String name(String base) {
    String n = base;
    for (int i = 2; taken.contains(n); i++) {
      n = base + "_" + i;
    }
    taken.add(n);
    added.add(n);
    return n;
  }
}
