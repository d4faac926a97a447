package io.github.javagrad.processor.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * The fuzzer's program representation: just enough structure to print Java source and to shrink
 * a failing program (delete statements, inline blocks, replace an expression by a child or a
 * literal). Nodes are immutable; shrinking builds modified copies.
 */
final class Ast {
  private Ast() {}

  enum Type {
    DOUBLE("double"),
    INT("int"),
    BOOLEAN("boolean"),
    DOUBLE_ARRAY("double[]");

    final String java;

    Type(String java) {
      this.java = java;
    }

    /** Whether an expression of type {@code t} may stand where this type is expected. */
    boolean accepts(Type t) {
      return t == this || (this == DOUBLE && t == INT);
    }
  }

  /** Precedence levels, higher binds tighter. */
  static final int TERNARY = 1;
  static final int OR = 2;
  static final int AND = 3;
  static final int EQUALITY = 4;
  static final int RELATIONAL = 5;
  static final int ADDITIVE = 6;
  static final int MULTIPLICATIVE = 7;
  static final int UNARY = 8;
  static final int PRIMARY = 9;

  /**
   * An expression: a template whose {@code #0}, {@code #1}, ... are replaced by the children,
   * each parenthesised if its precedence is below the slot's minimum.
   */
  record Expr(Type type, int prec, String template, int[] minPrec, List<Expr> kids) {
    static Expr leaf(Type type, String text) {
      return new Expr(type, PRIMARY, text, new int[0], List.of());
    }

    static Expr op(Type type, int prec, String template, int[] minPrec, Expr... kids) {
      return new Expr(type, prec, template, minPrec, List.of(kids));
    }

    /** A call-like node: every child slot takes any expression. */
    static Expr call(Type type, String template, Expr... kids) {
      int[] min = new int[kids.length];
      return new Expr(type, PRIMARY, template, min, List.of(kids));
    }

    String render() {
      StringBuilder out = new StringBuilder();
      String t = template;
      for (int i = 0; i < t.length(); i++) {
        char c = t.charAt(i);
        if (c == '#' && i + 1 < t.length() && Character.isDigit(t.charAt(i + 1))) {
          int k = t.charAt(i + 1) - '0';
          Expr kid = kids.get(k);
          String r = kid.render();
          out.append(kid.prec < minPrec[k] ? "(" + r + ")" : r);
          i++;
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }

    Expr withKid(int k, Expr e) {
      List<Expr> copy = new ArrayList<>(kids);
      copy.set(k, e);
      return new Expr(type, prec, template, minPrec, List.copyOf(copy));
    }

    int size() {
      int n = 1;
      for (Expr k : kids) {
        n += k.size();
      }
      return n;
    }

    @Override
    public String toString() {
      return render();
    }
  }

  /**
   * A statement: a template whose {@code $E0}, {@code $E1}, ... are expressions and {@code $B0},
   * {@code $B1}, ... are blocks (printed with braces).
   */
  record Stmt(String template, List<Expr> exprs, List<List<Stmt>> blocks, boolean pinned) {
    static Stmt of(String template, Expr... exprs) {
      return new Stmt(template, List.of(exprs), List.of(), false);
    }

    /** A statement the shrinker must keep (a loop counter's decrement: without it the loop would not end). */
    static Stmt pinned(String template) {
      return new Stmt(template, List.of(), List.of(), true);
    }

    static Stmt withBlocks(String template, List<Expr> exprs, List<List<Stmt>> blocks) {
      return new Stmt(template, List.copyOf(exprs), List.copyOf(blocks), false);
    }

    void render(StringBuilder out, String indent) {
      out.append(indent);
      String t = template;
      for (int i = 0; i < t.length(); i++) {
        char c = t.charAt(i);
        if (c == '$' && i + 2 < t.length() && (t.charAt(i + 1) == 'E' || t.charAt(i + 1) == 'B')) {
          int k = t.charAt(i + 2) - '0';
          if (t.charAt(i + 1) == 'E') {
            out.append(exprs.get(k).render());
          } else {
            int lineStart = t.lastIndexOf('\n', i) + 1;
            int spaces = 0;
            while (lineStart + spaces < i && t.charAt(lineStart + spaces) == ' ') {
              spaces++;
            }
            renderBlock(blocks.get(k), out, indent + " ".repeat(spaces));
          }
          i += 2;
        } else if (c == '\n') {
          out.append('\n').append(indent);
        } else {
          out.append(c);
        }
      }
      out.append('\n');
    }

    Stmt withExpr(int k, Expr e) {
      List<Expr> copy = new ArrayList<>(exprs);
      copy.set(k, e);
      return new Stmt(template, List.copyOf(copy), blocks, pinned);
    }

    Stmt withBlock(int k, List<Stmt> b) {
      List<List<Stmt>> copy = new ArrayList<>(blocks);
      copy.set(k, List.copyOf(b));
      return new Stmt(template, exprs, List.copyOf(copy), pinned);
    }

    int size() {
      int n = 1;
      for (Expr e : exprs) {
        n += e.size();
      }
      for (List<Stmt> b : blocks) {
        for (Stmt s : b) {
          n += s.size();
        }
      }
      return n;
    }
  }

  static void renderBlock(List<Stmt> block, StringBuilder out, String indent) {
    out.append("{\n");
    for (Stmt s : block) {
      s.render(out, indent + "  ");
    }
    out.append(indent).append('}');
  }

  record Param(Type type, String name) {}

  /** A method; {@code annotation} is the full annotation text (or empty for a plain method). */
  record Method(String annotation, String returnType, String name, List<Param> params, List<Stmt> body) {
    void render(StringBuilder out) {
      out.append("  ").append(annotation).append('\n');
      out.append("  static ").append(returnType).append(' ').append(name).append('(');
      for (int i = 0; i < params.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        out.append(params.get(i).type().java).append(' ').append(params.get(i).name());
      }
      out.append(") ");
      renderBlock(body, out, "  ");
      out.append("\n");
    }

    Method withBody(List<Stmt> b) {
      return new Method(annotation, returnType, name, params, List.copyOf(b));
    }

    int size() {
      int n = 1;
      for (Stmt s : body) {
        n += s.size();
      }
      return n;
    }
  }

  /**
   * A whole compilation unit: package {@code fuzz}, class {@code className} with the given
   * header lines (imports go before the class, members inside it), and the methods.
   */
  record Program(
      String className,
      List<String> imports,
      List<String> members,
      List<Method> methods,
      RunConfig config) {
    String qualifiedName() {
      return "fuzz." + className;
    }

    String render() {
      StringBuilder out = new StringBuilder();
      out.append("// ").append(config.header()).append('\n');
      out.append("package fuzz;\n\n");
      out.append("import io.github.javagrad.Differentiable;\n");
      for (String i : imports) {
        out.append(i).append('\n');
      }
      out.append("\nfinal class ").append(className).append(" {\n");
      out.append("  private ").append(className).append("() {}\n\n");
      for (String m : members) {
        out.append("  ").append(m).append('\n');
      }
      if (!members.isEmpty()) {
        out.append('\n');
      }
      for (int i = 0; i < methods.size(); i++) {
        if (i > 0) {
          out.append('\n');
        }
        methods.get(i).render(out);
      }
      out.append("}\n");
      return out.toString();
    }

    Program withMethods(List<Method> ms) {
      return new Program(className, imports, members, List.copyOf(ms), config);
    }

    Program withMembers(List<String> ms) {
      return new Program(className, imports, List.copyOf(ms), methods, config);
    }

    Program renamed(String name) {
      return new Program(name, imports, members, methods, config);
    }

    int size() {
      int n = members.size();
      for (Method m : methods) {
        n += m.size();
      }
      return n;
    }
  }
}
