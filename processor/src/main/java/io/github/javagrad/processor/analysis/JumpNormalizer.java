package io.github.javagrad.processor.analysis;

import io.github.javagrad.processor.model.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts a loop body into terminal form with respect to {@code break} and {@code continue}: after
 * it, a {@code break} is only ever the last statement of a branch, and {@code continue} is gone,
 * replaced by the loop's update (what {@code continue} jumps to). Statements after an {@code if}
 * that may jump move into the branches that do not, exactly as {@link ReturnNormalizer} does for
 * returns, so each path through one iteration is a path through the tree of ifs, whose outcomes
 * the tape records.
 */
public final class JumpNormalizer {
  private JumpNormalizer() {}

  /**
   * @param body the loop body
   * @param update statements to run where the body continues or ends normally (a general for
   *     loop's update; empty otherwise)
   */
  public static List<Stmt> normalize(List<Stmt> body, List<Stmt> update) {
    return normalize(body, update, update);
  }

  private static List<Stmt> normalize(List<Stmt> stmts, List<Stmt> onContinue, List<Stmt> rest) {
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < stmts.size(); i++) {
      Stmt s = stmts.get(i);
      if (s instanceof Stmt.Break) {
        out.add(s);
        return out;
      }
      if (s instanceof Stmt.Continue) {
        out.addAll(onContinue);
        return out;
      }
      if (s instanceof Stmt.If f && containsJump(f)) {
        List<Stmt> after = new ArrayList<>(stmts.subList(i + 1, stmts.size()));
        after.addAll(rest);
        out.add(
            new Stmt.If(
                f.condition(),
                normalize(f.thenStmts(), onContinue, after),
                normalize(f.elseStmts(), onContinue, after),
                f.source()));
        return out;
      }
      out.add(s);
    }
    // What follows may itself jump (a flag test after an inner loop): normalize it too.
    out.addAll(rest.isEmpty() ? rest : normalize(rest, onContinue, List.of()));
    return out;
  }

  /** Whether a break or continue of the enclosing loop occurs in s (not in loops nested in it). */
  public static boolean containsJump(Stmt s) {
    if (s instanceof Stmt.Break || s instanceof Stmt.Continue) {
      return true;
    }
    if (s instanceof Stmt.If f) {
      return f.thenStmts().stream().anyMatch(JumpNormalizer::containsJump)
          || f.elseStmts().stream().anyMatch(JumpNormalizer::containsJump);
    }
    return false;
  }

  /** Whether the list's last statement is a break. */
  public static boolean endsInBreak(List<Stmt> stmts) {
    return !stmts.isEmpty() && stmts.get(stmts.size() - 1) instanceof Stmt.Break;
  }
}
