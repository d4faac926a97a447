package io.github.javagrad.processor.emit;

import com.palantir.javapoet.CodeBlock;
import io.github.javagrad.processor.model.Expr;
import io.github.javagrad.processor.model.JType;
import io.github.javagrad.processor.model.Stmt;
import java.util.List;

/**
 * Renders statements and expressions as Java through JavaPoet. Parentheses follow Java
 * precedence exactly and keep the tree's grouping: floating-point arithmetic is not associative,
 * so {@code a * (b / c)} is never printed as {@code a * b / c}.
 */
final class CodePrinter {
  private static final int PRIMARY = 16;
  private static final int UNARY = 14;
  private static final int CAST = 13;
  private static final int CONDITIONAL = 2;

  /** Simple names a user variable shadows: classes with these names are written qualified. */
  private final java.util.Set<String> shadowed;

  /** Where locals live in a split pullback: frame fields by variable; null when not split. */
  private final java.util.Map<io.github.javagrad.processor.model.Variable, String> fields;
  /** The frame's name, and the arguments every part call passes before it. */
  private final String frame;
  private final String partArguments;
  private final java.util.function.IntFunction<String> partNames;
  private final boolean voidResult;

  CodePrinter(java.util.Set<String> shadowed) {
    this(shadowed, java.util.Map.of(), null, null, null, false);
  }

  private CodePrinter(
      java.util.Set<String> shadowed,
      java.util.Map<io.github.javagrad.processor.model.Variable, String> fields,
      String frame,
      String partArguments,
      java.util.function.IntFunction<String> partNames,
      boolean voidResult) {
    this.shadowed = shadowed;
    this.fields = fields;
    this.frame = frame;
    this.partArguments = partArguments;
    this.partNames = partNames;
    this.voidResult = voidResult;
  }

  /**
   * A printer for the methods of a split pullback: the given variables print as fields of the
   * frame, and a {@link Stmt.CallPart} as a call of the named part with the given arguments.
   */
  CodePrinter forSplit(
      java.util.Map<io.github.javagrad.processor.model.Variable, String> fields,
      String frame,
      String partArguments,
      java.util.function.IntFunction<String> partNames,
      boolean voidResult) {
    return new CodePrinter(shadowed, fields, frame, partArguments, partNames, voidResult);
  }

  /** How a variable is written: its name, or its frame field in a split pullback. */
  private String ref(io.github.javagrad.processor.model.Variable v) {
    String field = fields.get(v);
    return field == null ? v.name() : frame + "." + field;
  }

  /** A type reference as a code block: {@code $T}, or the qualified name where shadowed. */
  private CodeBlock typeRef(com.palantir.javapoet.ClassName c) {
    Object t = type(c);
    return t instanceof String name ? CodeBlock.of("$L", name) : CodeBlock.of("$T", t);
  }

  /** A type for a {@code $T} or, where a variable shadows its simple name, its qualified name. */
  private Object type(com.palantir.javapoet.ClassName c) {
    return shadowed.contains(c.topLevelClassName().simpleName()) ? c.canonicalName() : c;
  }

  void statements(List<Stmt> stmts, CodeBlock.Builder out) {
    for (Stmt s : stmts) {
      statement(s, out);
    }
  }

  void statement(Stmt s, CodeBlock.Builder out) {
    if (s instanceof Stmt.Declare d && fields.containsKey(d.variable())) {
      if (d.init() != null) {
        out.addStatement("$L = $L", ref(d.variable()), expr(d.init()));
      }
    } else if (s instanceof Stmt.Declare d) {
      String type = d.variable().type().keyword();
      if (d.init() == null) {
        out.addStatement("$L $N", type, d.variable().name());
      } else {
        out.addStatement("$L $N = $L", type, d.variable().name(), expr(d.init()));
      }
    } else if (s instanceof Stmt.Assign a) {
      Stmt.AssignOp op = a.op();
      Expr value = a.value();
      if (value instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEGATE
          && (op == Stmt.AssignOp.ADD || op == Stmt.AssignOp.SUBTRACT)) {
        op = op == Stmt.AssignOp.ADD ? Stmt.AssignOp.SUBTRACT : Stmt.AssignOp.ADD;
        value = u.operand();
      }
      out.addStatement("$L $L $L", ref(a.variable()), op.symbol, expr(value));
    } else if (s instanceof Stmt.Increment i) {
      out.addStatement("$L$L", ref(i.variable()), i.up() ? "++" : "--");
    } else if (s instanceof Stmt.If f) {
      out.beginControlFlow("if ($L)", expr(f.condition()));
      statements(f.thenStmts(), out);
      List<Stmt> elseStmts = f.elseStmts();
      while (elseStmts.size() == 1 && elseStmts.get(0) instanceof Stmt.If nested) {
        out.nextControlFlow("else if ($L)", expr(nested.condition()));
        statements(nested.thenStmts(), out);
        elseStmts = nested.elseStmts();
      }
      if (!elseStmts.isEmpty()) {
        out.nextControlFlow("else");
        statements(elseStmts, out);
      }
      out.endControlFlow();
    } else if (s instanceof Stmt.ArrayAssign a) {
      Stmt.AssignOp op = a.op();
      Expr value = a.value();
      if (value instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEGATE
          && (op == Stmt.AssignOp.ADD || op == Stmt.AssignOp.SUBTRACT)) {
        op = op == Stmt.AssignOp.ADD ? Stmt.AssignOp.SUBTRACT : Stmt.AssignOp.ADD;
        value = u.operand();
      }
      out.addStatement("$L $L $L", expr(a.target()), op.symbol, expr(value));
    } else if (s instanceof Stmt.Loop l) {
      loop(l, out);
    } else if (s instanceof Stmt.Throw t) {
      out.add("// $L\n", t.source().comment());
      out.addStatement("throw $L", expr(t.replay()));
    } else if (s instanceof Stmt.Break) {
      out.addStatement("break");
    } else if (s instanceof Stmt.Continue) {
      out.addStatement("continue");
    } else if (s instanceof Stmt.TapePush p) {
      out.addStatement("$L.push($L)", ref(p.tape()), expr(p.value()));
    } else if (s instanceof Stmt.CallStatement c) {
      out.addStatement("$L", expr(c.call()));
    } else if (s instanceof Stmt.Evaluate ev) {
      out.addStatement("$L", expr(ev.call()));
    } else if (s instanceof Stmt.Return r) {
      if (r.value() == null) {
        out.addStatement("return");
      } else {
        out.addStatement("return $L", expr(r.value()));
      }
    } else if (s instanceof Stmt.Comment c) {
      out.add("// $L\n", c.text());
    } else if (s instanceof Stmt.ReturnResult r) {
      CodeBlock args =
          r.components().stream().map(this::expr).collect(CodeBlock.joining(", "));
      out.addStatement("return new $L($L)", typeRef(r.record()), args);
    } else if (s instanceof Stmt.BindPullback b) {
      Expr.PullbackCall call = b.call();
      if (fields.containsKey(b.variable())) {
        out.addStatement("$L = $L", ref(b.variable()), expr(call));
      } else {
        out.addStatement(
            "$L $N = $L", typeRef(call.callee().resultRecord()), b.variable().name(), expr(call));
      }
    } else if (s instanceof Stmt.CallPart c) {
      String call = partNames.apply(c.part()) + "(" + partArguments + ")";
      if (c.returns() && !voidResult) {
        out.addStatement("return $L", call);
      } else {
        out.addStatement("$L", call);
        if (c.returns()) {
          out.addStatement("return");
        }
      }
    } else {
      throw new IllegalStateException("cannot print " + s);
    }
  }

  private void loop(Stmt.Loop l, CodeBlock.Builder out) {
    switch (l.kind()) {
      case FOR -> {
        CodeBlock init = l.init().stream().map(this::inline).collect(CodeBlock.joining(", "));
        CodeBlock update =
            l.update().stream().map(this::inline).collect(CodeBlock.joining(", "));
        String header = l.update().isEmpty() ? "for ($L; $L;$L)" : "for ($L; $L; $L)";
        out.beginControlFlow(header, init, expr(l.condition()), update);
        statements(l.body(), out);
        out.endControlFlow();
      }
      case WHILE -> {
        out.beginControlFlow("while ($L)", expr(l.condition()));
        statements(l.body(), out);
        out.endControlFlow();
      }
      case DO_WHILE -> {
        out.beginControlFlow("do");
        statements(l.body(), out);
        out.endControlFlow("while ($L)", expr(l.condition()));
      }
    }
  }

  /** A statement as it appears in a for header: no semicolon. */
  private CodeBlock inline(Stmt s) {
    if (s instanceof Stmt.Declare d && fields.containsKey(d.variable())) {
      return CodeBlock.of("$L = $L", ref(d.variable()), expr(d.init()));
    }
    if (s instanceof Stmt.Declare d) {
      return CodeBlock.of("$L $N = $L", d.variable().type().keyword(), d.variable().name(),
          expr(d.init()));
    }
    if (s instanceof Stmt.Increment i) {
      return CodeBlock.of("$L$L", ref(i.variable()), i.up() ? "++" : "--");
    }
    if (s instanceof Stmt.Assign a) {
      return CodeBlock.of("$L $L $L", ref(a.variable()), a.op().symbol, expr(a.value()));
    }
    throw new IllegalStateException("cannot put in a for header: " + s);
  }

  CodeBlock expr(Expr e) {
    CodeBlock.Builder out = CodeBlock.builder();
    print(e, out);
    return out.build();
  }

  private void print(Expr e, CodeBlock.Builder out) {
    if (e instanceof Expr.Literal l) {
      out.add("$L", l.text());
    } else if (e instanceof Expr.Local l) {
      out.add("$L", ref(l.variable()));
    } else if (e instanceof Expr.ConstantRef c) {
      out.add("$L.$N", typeRef(c.owner()), c.field());
    } else if (e instanceof Expr.Unary u) {
      out.add("$L", u.op().symbol);
      boolean wrap = precedence(u.operand()) < UNARY || u.operand() instanceof Expr.Unary
          || (u.operand() instanceof Expr.Literal l && l.text().startsWith("-"));
      operand(u.operand(), wrap, out);
    } else if (e instanceof Expr.Binary b) {
      int p = b.op().precedence;
      operand(b.left(), precedence(b.left()) < p, out);
      out.add(" $L ", b.op().symbol);
      // Equal precedence on the right keeps its parentheses: a - (b - c), a * (b / c).
      operand(b.right(), precedence(b.right()) <= p, out);
    } else if (e instanceof Expr.MathCall m) {
      out.add("$L.$N(", typeRef(m.owner()), m.function().javaName());
      arguments(m.arguments(), out);
      out.add(")");
    } else if (e instanceof Expr.DifferentiableCall c) {
      out.add("$L.$N(", typeRef(c.callee().owner()), c.callee().methodName());
      arguments(c.arguments(), out);
      out.add(")");
    } else if (e instanceof Expr.Conditional c) {
      operand(c.condition(), precedence(c.condition()) <= CONDITIONAL, out);
      out.add(" ? ");
      operand(c.whenTrue(), precedence(c.whenTrue()) <= CONDITIONAL, out);
      out.add(" : ");
      operand(c.whenFalse(), precedence(c.whenFalse()) < CONDITIONAL, out);
    } else if (e instanceof Expr.Cast c) {
      out.add("($L) ", c.type().keyword());
      operand(c.operand(), precedence(c.operand()) < UNARY, out);
    } else if (e instanceof Expr.PullbackCall p) {
      out.add("$L.$N(", typeRef(p.callee().companion()), p.callee().pullbackName());
      arguments(p.arguments(), out);
      if (p.seed() != null) {
        out.add(p.arguments().isEmpty() ? "" : ", ");
        print(p.seed(), out);
      }
      for (Expr d : p.adjointArrays()) {
        out.add(", ");
        print(d, out);
      }
      out.add(")");
    } else if (e instanceof Expr.PartialOf p) {
      out.add("$L.$N()", ref(p.pullback()), p.accessor());
    } else if (e instanceof Expr.ArrayElement a) {
      operand(a.array(), precedence(a.array()) < PRIMARY, out);
      out.add("[");
      print(a.index(), out);
      out.add("]");
    } else if (e instanceof Expr.ArrayLength a) {
      operand(a.array(), precedence(a.array()) < PRIMARY, out);
      out.add(".length");
    } else if (e instanceof Expr.NewArray n) {
      String element = n.type() == JType.INT_ARRAY ? "int" : "double";
      out.add("new $L", element);
      for (Expr d : n.dimensions()) {
        out.add("[");
        print(d, out);
        out.add("]");
      }
    } else if (e instanceof Expr.ArrayLiteral l) {
      out.add("new $L {", l.type().keyword());
      for (int i = 0; i < l.elements().size(); i++) {
        out.add(i > 0 ? ", " : "");
        Expr element = l.elements().get(i);
        if (element instanceof Expr.ArrayLiteral inner) {
          // nested rows print as {..} inside the outer literal
          out.add("{");
          arguments(inner.elements(), out);
          out.add("}");
        } else {
          print(element, out);
        }
      }
      out.add("}");
    } else if (e instanceof Expr.CopyOf c) {
      operand(c.array(), precedence(c.array()) < PRIMARY, out);
      out.add(".clone()");
    } else if (e instanceof Expr.PostStep p) {
      out.add("$L$L", ref(p.variable()), p.up() ? "++" : "--");
    } else if (e instanceof Expr.TapePop p) {
      out.add("$L.pop()", ref(p.tape()));
    } else if (e instanceof Expr.PoolAllocation p) {
      out.add("$L.$N(", ref(p.pool()), p.method());
      arguments(p.arguments(), out);
      out.add(")");
    } else if (e instanceof Expr.RuntimeCall r) {
      out.add("$L.$N(", typeRef(r.owner()), r.method());
      arguments(r.arguments(), out);
      out.add(")");
    } else {
      throw new IllegalStateException("cannot print " + e);
    }
  }

  private void operand(Expr e, boolean parenthesize, CodeBlock.Builder out) {
    if (parenthesize) {
      out.add("(");
      print(e, out);
      out.add(")");
    } else {
      print(e, out);
    }
  }

  private void arguments(List<Expr> args, CodeBlock.Builder out) {
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        out.add(", ");
      }
      print(args.get(i), out);
    }
  }

  private static int precedence(Expr e) {
    if (e instanceof Expr.Binary b) {
      return b.op().precedence;
    }
    if (e instanceof Expr.Unary) {
      return UNARY;
    }
    if (e instanceof Expr.Cast) {
      return CAST;
    }
    if (e instanceof Expr.Conditional) {
      return CONDITIONAL;
    }
    if (e instanceof Expr.Literal l && l.text().startsWith("-") && l.type() != JType.BOOLEAN) {
      return UNARY;
    }
    return PRIMARY;
  }
}
