package io.github.javagrad.processor.fuzz;

import io.github.javagrad.processor.fuzz.Ast.Expr;
import io.github.javagrad.processor.fuzz.Ast.Method;
import io.github.javagrad.processor.fuzz.Ast.Program;
import io.github.javagrad.processor.fuzz.Ast.Stmt;
import io.github.javagrad.processor.fuzz.Ast.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Greedy delta debugging over the program tree: repeatedly applies the first single edit that
 * keeps the failure (delete a method, a member or a statement; replace a statement by one of its
 * blocks; replace an expression by a child of a fitting type or by a literal) until no edit does,
 * or the time budget runs out. Structural edits are tried before expression edits.
 */
final class Shrinker {
  private final Predicate<Program> stillFails;
  private final long deadline;
  int attempts;
  int accepted;

  Shrinker(Predicate<Program> stillFails, long budgetMillis) {
    this.stillFails = stillFails;
    this.deadline = System.currentTimeMillis() + budgetMillis;
  }

  Program shrink(Program p) {
    Program current = p;
    boolean progress = true;
    while (progress && System.currentTimeMillis() < deadline) {
      progress = false;
      for (boolean expressions : new boolean[] {false, true}) {
        for (Program candidate : candidates(current, expressions)) {
          if (System.currentTimeMillis() >= deadline) {
            return current;
          }
          if (candidate.size() >= current.size() && candidate.render().length() >= current.render().length()) {
            continue;
          }
          attempts++;
          if (stillFails.test(candidate)) {
            accepted++;
            current = candidate;
            progress = true;
            break;
          }
        }
        if (progress) {
          break;
        }
      }
    }
    return current;
  }

  static List<Program> candidates(Program p, boolean expressions) {
    List<Program> out = new ArrayList<>();
    if (!expressions) {
      for (int i = 0; i < p.methods().size() && p.methods().size() > 1; i++) {
        List<Method> ms = new ArrayList<>(p.methods());
        ms.remove(i);
        out.add(p.withMethods(ms));
      }
      for (int i = 0; i < p.members().size(); i++) {
        List<String> ms = new ArrayList<>(p.members());
        ms.remove(i);
        out.add(p.withMembers(ms));
      }
      if (!p.imports().isEmpty()) {
        out.add(new Program(p.className(), List.of(), p.members(), p.methods(), p.config()));
      }
    }
    for (int i = 0; i < p.methods().size(); i++) {
      Method m = p.methods().get(i);
      for (List<Stmt> body : blockVariants(m.body(), expressions)) {
        List<Method> ms = new ArrayList<>(p.methods());
        ms.set(i, m.withBody(body));
        out.add(p.withMethods(ms));
      }
    }
    return out;
  }

  private static List<List<Stmt>> blockVariants(List<Stmt> block, boolean expressions) {
    List<List<Stmt>> out = new ArrayList<>();
    for (int k = 0; k < block.size(); k++) {
      Stmt s = block.get(k);
      if (!expressions && !s.pinned()) {
        List<Stmt> without = new ArrayList<>(block);
        without.remove(k);
        out.add(without);
        for (List<Stmt> inner : s.blocks()) {
          List<Stmt> inlined = new ArrayList<>(block.subList(0, k));
          inlined.addAll(inner);
          inlined.addAll(block.subList(k + 1, block.size()));
          out.add(inlined);
        }
      }
      for (Stmt v : stmtVariants(s, expressions)) {
        List<Stmt> replaced = new ArrayList<>(block);
        replaced.set(k, v);
        out.add(replaced);
      }
    }
    return out;
  }

  private static List<Stmt> stmtVariants(Stmt s, boolean expressions) {
    List<Stmt> out = new ArrayList<>();
    if (expressions) {
      for (int j = 0; j < s.exprs().size(); j++) {
        for (Expr e : exprVariants(s.exprs().get(j))) {
          out.add(s.withExpr(j, e));
        }
      }
    }
    for (int j = 0; j < s.blocks().size(); j++) {
      for (List<Stmt> b : blockVariants(s.blocks().get(j), expressions)) {
        out.add(s.withBlock(j, b));
      }
    }
    return out;
  }

  private static List<Expr> exprVariants(Expr e) {
    List<Expr> out = new ArrayList<>();
    if (!e.kids().isEmpty()) {
      for (Expr kid : e.kids()) {
        if (e.type().accepts(kid.type())) {
          out.add(kid);
        }
      }
      switch (e.type()) {
        case DOUBLE -> out.add(Expr.leaf(Type.DOUBLE, "0.5"));
        case INT -> out.add(Expr.leaf(Type.INT, "1"));
        case BOOLEAN -> {
          out.add(Expr.leaf(Type.BOOLEAN, "true"));
          out.add(Expr.leaf(Type.BOOLEAN, "false"));
        }
        default -> {}
      }
    } else if (e.type() == Type.DOUBLE && !e.template().equals("0.5")) {
      out.add(Expr.leaf(Type.DOUBLE, "0.5"));
    }
    for (int j = 0; j < e.kids().size(); j++) {
      for (Expr v : exprVariants(e.kids().get(j))) {
        out.add(e.withKid(j, v));
      }
    }
    return out;
  }
}
