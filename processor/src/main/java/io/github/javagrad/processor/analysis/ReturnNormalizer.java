package io.github.javagrad.processor.analysis;

import io.github.javagrad.processor.model.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts a body into terminal form: every path ends in exactly one {@code return} or {@code throw},
 * and a statement list is a prefix of plain statements followed by one terminal, a {@code return},
 * a {@code throw}, or an {@code if} whose branches are again in terminal form.
 *
 * <p>An early return {@code if (c) return a; rest} becomes {@code if (c) return a; else rest}. A
 * branch that returns on some paths only gets the rest appended on its other paths, so the rest
 * may be copied; the copies are the same statement objects.
 *
 * <p>Terminal form lets the adjoint builder place each branch's reverse sweep inside the branch
 * itself, so early returns need neither flags nor a tape.
 */
public final class ReturnNormalizer {
  private ReturnNormalizer() {}

  public static List<Stmt> normalize(List<Stmt> body) {
    return normalize(body, List.of());
  }

  /** Normalizes {@code stmts} followed by {@code rest}. */
  private static List<Stmt> normalize(List<Stmt> stmts, List<Stmt> rest) {
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < stmts.size(); i++) {
      Stmt s = stmts.get(i);
      if (isExit(s)) {
        out.add(s);
        return out; // anything after is unreachable; javac rejects it anyway
      }
      if (s instanceof Stmt.If f && containsReturn(f)) {
        List<Stmt> after = new ArrayList<>(stmts.subList(i + 1, stmts.size()));
        after.addAll(rest);
        out.add(
            new Stmt.If(
                f.condition(),
                normalize(f.thenStmts(), alwaysReturns(f.thenStmts()) ? List.of() : after),
                normalize(f.elseStmts(), alwaysReturns(f.elseStmts()) ? List.of() : after),
                f.source()));
        return out;
      }
      out.add(s);
    }
    if (!rest.isEmpty()) {
      return concat(out, normalize(rest, List.of()));
    }
    return out;
  }

  private static List<Stmt> concat(List<Stmt> a, List<Stmt> b) {
    List<Stmt> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** A statement that leaves the method: {@code return} or {@code throw}. */
  public static boolean isExit(Stmt s) {
    return s instanceof Stmt.Return || s instanceof Stmt.Throw;
  }

  static boolean containsReturn(Stmt s) {
    if (isExit(s)) {
      return true;
    }
    if (s instanceof Stmt.If f) {
      return f.thenStmts().stream().anyMatch(ReturnNormalizer::containsReturn)
          || f.elseStmts().stream().anyMatch(ReturnNormalizer::containsReturn);
    }
    return false;
  }

  public static boolean alwaysReturns(List<Stmt> stmts) {
    for (Stmt s : stmts) {
      if (isExit(s)) {
        return true;
      }
      if (s instanceof Stmt.If f && alwaysReturns(f.thenStmts()) && alwaysReturns(f.elseStmts())) {
        return true;
      }
    }
    return false;
  }

  /** Whether a statement list in terminal form ends in a terminal if rather than a return. */
  public static boolean isTerminal(Stmt s) {
    return isExit(s) || (s instanceof Stmt.If f && containsReturn(f));
  }
}
