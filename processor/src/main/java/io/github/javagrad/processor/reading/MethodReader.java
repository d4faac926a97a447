package io.github.javagrad.processor.reading;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.github.javagrad.Differentiable;
import io.github.javagrad.processor.diagnostics.Diagnostic;
import io.github.javagrad.processor.diagnostics.Reporter;
import io.github.javagrad.processor.model.Callee;
import io.github.javagrad.processor.model.Expr;
import io.github.javagrad.processor.model.Expr.BinaryOp;
import io.github.javagrad.processor.model.Expr.UnaryOp;
import io.github.javagrad.processor.model.GeneratedNames;
import io.github.javagrad.processor.model.JType;
import io.github.javagrad.processor.model.MathFunction;
import io.github.javagrad.processor.model.MethodModel;
import io.github.javagrad.processor.model.Naming;
import io.github.javagrad.processor.model.SourceRef;
import io.github.javagrad.processor.model.Stmt;
import io.github.javagrad.processor.model.Variable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Stage 1: reads one {@code @Differentiable} method through the javac Tree API into a {@link
 * MethodModel}. It is also the fence: every construct outside the supported subset is reported at
 * its exact position with a hint, and reading carries on so that one compile shows every problem
 * in the method. A method with any error yields no model.
 */
public final class MethodReader {
  private static final ClassName MATH = ClassName.get("java.lang", "Math");
  private static final ClassName STRICT_MATH = ClassName.get("java.lang", "StrictMath");
  private static final ClassName DOUBLE_CLASS = ClassName.get("java.lang", "Double");
  /** The drop-in replacements for {@code java.lang.Math} of Commons Math and Hipparchus. */
  private static final Set<String> FAST_MATH =
      Set.of("org.apache.commons.math3.util.FastMath", "org.hipparchus.util.FastMath");

  private final Trees trees;
  private final Elements elements;
  private final Reporter reporter;

  public MethodReader(Trees trees, Elements elements, Reporter reporter) {
    this.trees = trees;
    this.elements = elements;
    this.reporter = reporter;
  }

  /** The model of {@code method}, or null when it has errors (already reported). */
  public MethodModel read(ExecutableElement method) {
    int errorsBefore = reporter.errorCount();
    checkSignature(method);
    if (reporter.errorCount() > errorsBefore) {
      return null;
    }
    TreePath path = trees.getPath(method);
    MethodTree tree = (MethodTree) path.getLeaf();
    CompilationUnitTree unit = path.getCompilationUnit();
    List<Variable> parameters = new ArrayList<>();
    for (VariableElement p : method.getParameters()) {
      Variable v =
          new Variable(p.getSimpleName().toString(), typeOf(p.asType()), Variable.Role.PARAMETER);
      parameters.add(v);
    }
    JType resultType = method.getReturnType().getKind() == TypeKind.VOID
        ? null : typeOf(method.getReturnType());
    Body body = bodyOf(method, unit, resultType);
    for (Variable v : parameters) {
      body.declare(v);
    }
    List<Variable> wrt = readWrt(method, parameters, resultType);
    List<Stmt> statements = body.readBlock(tree.getBody());
    if (resultType == null
        && !io.github.javagrad.processor.analysis.ReturnNormalizer.alwaysReturns(statements)) {
      statements = new ArrayList<>(statements);
      statements.add(new Stmt.Return(null, null)); // a void method may end without return
    }
    if (reporter.errorCount() > errorsBefore || wrt == null) {
      return null;
    }
    GeneratedNames naming = Naming.namesFor(method);
    return new MethodModel(
        method,
        ClassName.get((TypeElement) method.getEnclosingElement()),
        method.getSimpleName().toString(),
        parameters,
        wrt,
        statements,
        List.copyOf(body.userNames),
        naming,
        body.callSites,
        resultType);
  }

  // ---------------------------------------------------------------- signature

  private void checkSignature(ExecutableElement method) {
    String name = describe(method);
    Set<Modifier> modifiers = method.getModifiers();
    if (modifiers.contains(Modifier.ABSTRACT) || modifiers.contains(Modifier.NATIVE)) {
      reporter.error(Diagnostic.NO_BODY, method, name);
      return;
    }
    if (!modifiers.contains(Modifier.STATIC)) {
      reporter.error(Diagnostic.NOT_STATIC, method, name);
    }
    if (modifiers.contains(Modifier.PRIVATE)) {
      reporter.error(Diagnostic.PRIVATE_METHOD, method, name);
    }
    if (!method.getTypeParameters().isEmpty()) {
      reporter.error(Diagnostic.GENERIC_METHOD, method, name);
    }
    if (method.isVarArgs()) {
      reporter.error(Diagnostic.VARARGS_METHOD, method, name);
    }
    // Unchecked exceptions in a throws clause only document what the body may throw.
    for (TypeMirror thrown : method.getThrownTypes()) {
      if (!isUnchecked(thrown)) {
        reporter.error(Diagnostic.THROWS_CLAUSE, method, name, thrown);
        break;
      }
    }
    TypeKind result = method.getReturnType().getKind();
    boolean supportedResult = result == TypeKind.DOUBLE || result == TypeKind.VOID
        || typeOf(method.getReturnType()) == JType.DOUBLE_ARRAY;
    if (!supportedResult) {
      reporter.error(Diagnostic.UNSUPPORTED_RETURN_TYPE, method, name, method.getReturnType());
    }
    for (VariableElement p : method.getParameters()) {
      if (typeOf(p.asType()) == null && !method.isVarArgs()) {
        reporter.error(
            Diagnostic.UNSUPPORTED_PARAMETER_TYPE, p, p.getSimpleName(), p.asType());
      }
    }
    TypeElement top = (TypeElement) method.getEnclosingElement();
    while (top.getEnclosingElement() instanceof TypeElement outer) {
      top = outer;
    }
    TreePath topPath = trees.getPath(top);
    if (topPath != null) {
      String file = topPath.getCompilationUnit().getSourceFile().getName();
      String expected = top.getSimpleName() + ".java";
      if (!file.endsWith("/" + expected) && !file.endsWith("\\" + expected) && !file.equals(expected)) {
        // javac warns (-Xlint:auxiliaryclass) when another file uses an auxiliary class
        reporter.error(Diagnostic.UNSUPPORTED_ENCLOSING_CLASS, method, name,
            "auxiliary class " + top.getSimpleName() + " (declared in "
                + file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1) + ")");
        return;
      }
    }
    for (Element e = method.getEnclosingElement(); e instanceof TypeElement t;
        e = t.getEnclosingElement()) {
      boolean nameable =
          (t.getNestingKind() == NestingKind.TOP_LEVEL || t.getNestingKind() == NestingKind.MEMBER)
              && !t.getModifiers().contains(Modifier.PRIVATE);
      if (!nameable) {
        reporter.error(
            Diagnostic.UNSUPPORTED_ENCLOSING_CLASS,
            method,
            name,
            t.getNestingKind() == NestingKind.MEMBER
                ? "private class " + t.getSimpleName()
                : "a " + t.getNestingKind().name().toLowerCase(java.util.Locale.ROOT) + " class");
        break;
      }
    }
  }

  private static boolean isUnchecked(TypeMirror type) {
    for (TypeMirror t = type; t.getKind() == TypeKind.DECLARED; ) {
      TypeElement e = (TypeElement) ((DeclaredType) t).asElement();
      String n = e.getQualifiedName().toString();
      if (n.equals("java.lang.RuntimeException") || n.equals("java.lang.Error")) {
        return true;
      }
      t = e.getSuperclass();
    }
    return false;
  }

  private Body bodyOf(ExecutableElement method, CompilationUnitTree unit, JType resultType) {
    Body b = new Body(method, unit);
    b.resultType = resultType;
    return b;
  }

  private List<Variable> readWrt(
      ExecutableElement method, List<Variable> parameters, JType resultType) {
    boolean arraysOnly = resultType != JType.DOUBLE;
    AnnotationMirror mirror = differentiableMirror(method);
    AnnotationValue wrtValue = null;
    if (mirror != null) {
      for (var entry : mirror.getElementValues().entrySet()) {
        if (entry.getKey().getSimpleName().contentEquals("wrt")) {
          wrtValue = entry.getValue();
        }
      }
    }
    String[] names = method.getAnnotation(Differentiable.class).wrt();
    if (names.length == 0) {
      List<Variable> all = parameters.stream()
          .filter(v -> v.type().isDifferentiable() && (!arraysOnly || v.type().isArray()))
          .toList();
      if (all.isEmpty()) {
        reporter.error(Diagnostic.NOTHING_TO_DIFFERENTIATE, method, describe(method));
        return null;
      }
      return all;
    }
    Set<String> seen = new HashSet<>();
    boolean ok = true;
    Set<Variable> chosen = new HashSet<>();
    for (String n : names) {
      Variable match = parameters.stream().filter(v -> v.name().equals(n)).findFirst().orElse(null);
      AnnotationValue entry = entryNamed(wrtValue, n);
      if (!seen.add(n)) {
        reporter.error(Diagnostic.WRT_DUPLICATE, method, mirror, lastEntryNamed(wrtValue, n), n);
        ok = false;
      } else if (match == null) {
        reporter.error(
            Diagnostic.WRT_UNKNOWN_PARAMETER, method, mirror, entry, n, describe(method));
        ok = false;
      } else if (!match.type().isDifferentiable()) {
        reporter.error(
            Diagnostic.WRT_NOT_DIFFERENTIABLE, method, mirror, entry, n, match.type().keyword());
        ok = false;
      } else if (arraysOnly && !match.type().isArray()) {
        reporter.error(Diagnostic.SCALAR_WRT_OF_ARRAY_RESULT, method, mirror, entry, n,
            resultType == null ? "void" : "double[]");
        ok = false;
      } else {
        chosen.add(match);
      }
    }
    // Declaration order, not annotation order: partials follow the method's signature.
    return ok ? parameters.stream().filter(chosen::contains).toList() : null;
  }

  /** The entry of the wrt list holding {@code name}, for a diagnostic at that exact string. */
  private static AnnotationValue entryNamed(AnnotationValue list, String name) {
    if (list != null && list.getValue() instanceof List<?> entries) {
      for (Object e : entries) {
        if (e instanceof AnnotationValue v && name.equals(v.getValue())) {
          return v;
        }
      }
    }
    return list;
  }

  private static AnnotationValue lastEntryNamed(AnnotationValue list, String name) {
    AnnotationValue found = list;
    if (list != null && list.getValue() instanceof List<?> entries) {
      for (Object e : entries) {
        if (e instanceof AnnotationValue v && name.equals(v.getValue())) {
          found = v;
        }
      }
    }
    return found;
  }

  private static AnnotationMirror differentiableMirror(ExecutableElement method) {
    for (AnnotationMirror m : method.getAnnotationMirrors()) {
      if (m.getAnnotationType().toString().equals(Differentiable.class.getCanonicalName())) {
        return m;
      }
    }
    return null;
  }

  /** {@code Demo.f(double, double)}: how messages name a method. */
  public static String describe(ExecutableElement method) {
    StringBuilder sb =
        new StringBuilder(method.getEnclosingElement().getSimpleName())
            .append('.')
            .append(method.getSimpleName())
            .append('(');
    List<? extends VariableElement> ps = method.getParameters();
    for (int i = 0; i < ps.size(); i++) {
      sb.append(i > 0 ? ", " : "").append(ps.get(i).asType());
    }
    return sb.append(')').toString();
  }

  /** The subset type of a parameter or local, or null when it is outside the subset. */
  static JType typeOf(TypeMirror type) {
    return switch (type.getKind()) {
      case DOUBLE -> JType.DOUBLE;
      case INT -> JType.INT;
      case LONG -> JType.LONG;
      case BOOLEAN -> JType.BOOLEAN;
      case ARRAY -> {
        JType element = typeOf(((ArrayType) type).getComponentType());
        yield element == null ? null : element.arrayOf();
      }
      default -> null;
    };
  }

  // ---------------------------------------------------------------- body

  /** Reading state for one method body: scopes, names, source text. */
  private final class Body {
    private final ExecutableElement method;
    private final CompilationUnitTree unit;
    private final TypeResolver types;
    private final Deque<Map<String, Variable>> scopes = new ArrayDeque<>();
    private final Set<String> userNames = new LinkedHashSet<>();
    /** The method's result: DOUBLE, DOUBLE_ARRAY, or null for void. */
    JType resultType = JType.DOUBLE;
    private final Map<Expr, MethodModel.CallSite> callSites = new java.util.IdentityHashMap<>();
    private final String fileName;
    private CharSequence source;

    Body(ExecutableElement method, CompilationUnitTree unit) {
      this.method = method;
      this.unit = unit;
      this.types = new TypeResolver(elements, unit, (TypeElement) method.getEnclosingElement());
      String uri = unit.getSourceFile().getName();
      this.fileName = uri.substring(Math.max(uri.lastIndexOf('/'), uri.lastIndexOf('\\')) + 1);
      try {
        this.source = unit.getSourceFile().getCharContent(true);
      } catch (IOException | RuntimeException unreadable) {
        this.source = null;
      }
      scopes.push(new HashMap<>());
    }

    void declare(Variable v) {
      scopes.peek().put(v.name(), v);
      userNames.add(v.name());
      emittedNames.add(v.name());
    }

    Variable lookup(String name) {
      for (Map<String, Variable> scope : scopes) {
        Variable v = scope.get(name);
        if (v != null) {
          return v;
        }
      }
      return null;
    }

    /**
     * Declares a local. Java lets sibling blocks reuse a name; generated code may hoist locals into
     * one scope, so a reused name gets a numeric suffix here.
     */
    Variable declareLocal(String sourceName, JType type) {
      String name = sourceName;
      for (int i = 2; emittedNames.contains(name); i++) {
        name = sourceName + i;
      }
      emittedNames.add(name);
      Variable v = new Variable(name, type, Variable.Role.LOCAL);
      scopes.peek().put(sourceName, v);
      userNames.add(name);
      userNames.add(sourceName);
      return v;
    }

    private final Set<String> emittedNames = new HashSet<>();

    // ---- statements

    List<Stmt> readBlock(BlockTree block) {
      scopes.push(new HashMap<>());
      List<Stmt> out = new ArrayList<>();
      for (StatementTree s : block.getStatements()) {
        readStatement(s, out);
      }
      scopes.pop();
      return out;
    }

    /** A branch of an if: a block, or a single statement in its own scope. */
    List<Stmt> readBranch(StatementTree s) {
      if (s == null) {
        return List.of();
      }
      if (s instanceof BlockTree b) {
        return readBlock(b);
      }
      scopes.push(new HashMap<>());
      List<Stmt> out = new ArrayList<>();
      readStatement(s, out);
      scopes.pop();
      return out;
    }

    void readStatement(StatementTree s, List<Stmt> out) {
      switch (s.getKind()) {
        case BLOCK -> out.addAll(readBlock((BlockTree) s));
        case EMPTY_STATEMENT -> {}
        case VARIABLE -> {
          SideEffects effects = beginSideEffects();
          List<Stmt> read = new ArrayList<>();
          readLocal((VariableTree) s, read);
          endSideEffects(effects, s, read, out);
        }
        case EXPRESSION_STATEMENT -> {
          SideEffects effects = beginSideEffects();
          List<Stmt> read = new ArrayList<>();
          readExpressionStatement((ExpressionStatementTree) s, read);
          endSideEffects(effects, s, read, out);
        }
        case IF -> {
          IfTree t = (IfTree) s;
          SideEffects effects = beginSideEffects();
          Expr cond = readCondition(t.getCondition());
          List<Stmt> head = new ArrayList<>(List.of(new Stmt.If(cond, List.of(), List.of(), null)));
          endSideEffects(effects, s, head, out);
          out.remove(out.size() - 1);
          List<Stmt> thenStmts = readBranch(t.getThenStatement());
          List<Stmt> elseStmts = readBranch(t.getElseStatement());
          out.add(new Stmt.If(cond, thenStmts, elseStmts, sourceOf(s)));
        }
        case RETURN -> {
          ReturnTree r = (ReturnTree) s;
          if (r.getExpression() == null) {
            out.add(new Stmt.Return(null, sourceOf(s)));
            return;
          }
          SideEffects effects = beginSideEffects();
          Expr value = readExpr(r.getExpression());
          if (resultType == JType.DOUBLE_ARRAY) {
            if (value instanceof Expr.Local l && l.variable().role() == Variable.Role.PARAMETER) {
              reporter.error(Diagnostic.ARRAY_ALIAS, r.getExpression(), unit,
                  "returning parameter " + l.variable().name() + " itself");
            }
          }
          value = expect(value, resultType == null ? JType.DOUBLE : resultType, r.getExpression());
          List<Stmt> read = new ArrayList<>(List.of(new Stmt.Return(value, sourceOf(s))));
          endSideEffects(effects, s, read, out);
        }
        case FOR_LOOP -> out.add(readFor((ForLoopTree) s));
        case ENHANCED_FOR_LOOP -> readEnhancedFor((EnhancedForLoopTree) s, out);
        case WHILE_LOOP -> {
          WhileLoopTree w = (WhileLoopTree) s;
          SideEffects effects = beginSideEffects();
          Expr cond = readCondition(w.getCondition());
          List<Stmt> test = new ArrayList<>(List.of(new Stmt.If(cond, List.of(), List.of(), null)));
          List<Stmt> pre = new ArrayList<>();
          endSideEffects(effects, s, test, pre);
          pre.remove(pre.size() - 1);
          List<Stmt> body = readLoopBody(w.getStatement());
          if (pre.isEmpty()) {
            rejectEndlessLoop(s, cond, body);
            out.add(new Stmt.Loop(Stmt.LoopKind.WHILE, List.of(), cond, List.of(), body, sourceOf(s)));
          } else {
            // while ((n -= 1) > 0) body  ==  while (true) { n -= 1; if (!(n > 0)) break; body }
            out.add(new Stmt.Loop(Stmt.LoopKind.WHILE, List.of(),
                new Expr.Literal("true", 1, JType.BOOLEAN), List.of(),
                exitUnless(pre, cond, body, sourceOf(s)), sourceOf(s)));
          }
        }
        case DO_WHILE_LOOP -> {
          DoWhileLoopTree d = (DoWhileLoopTree) s;
          List<Stmt> body = readLoopBody(d.getStatement());
          Expr cond = readCondition(d.getCondition());
          rejectEndlessLoop(s, cond, body);
          out.add(new Stmt.Loop(Stmt.LoopKind.DO_WHILE, List.of(), cond, List.of(), body, sourceOf(s)));
        }
        case BREAK -> out.add(jump(((com.sun.source.tree.BreakTree) s).getLabel(), false, s));
        case CONTINUE ->
            out.add(jump(((com.sun.source.tree.ContinueTree) s).getLabel(), true, s));
        case LABELED_STATEMENT -> {
          com.sun.source.tree.LabeledStatementTree l = (com.sun.source.tree.LabeledStatementTree) s;
          Tree.Kind k = l.getStatement().getKind();
          boolean isLoop = k == Tree.Kind.FOR_LOOP || k == Tree.Kind.ENHANCED_FOR_LOOP
              || k == Tree.Kind.WHILE_LOOP || k == Tree.Kind.DO_WHILE_LOOP;
          if (!isLoop) {
            reporter.error(Diagnostic.LABELED_JUMP, s, unit);
            return;
          }
          // the loop's body runs at depth loopDepth + 1
          labels.put(l.getLabel().toString(), loopDepth + 1);
          try {
            readStatement(l.getStatement(), out);
          } finally {
            labels.remove(l.getLabel().toString());
          }
        }
        case SWITCH -> readSwitch((com.sun.source.tree.SwitchTree) s, out);
        case TRY -> unsupported(
            s, "try/catch", "exceptions are not differentiable control flow; remove the try");
        case THROW -> {
          if (resultType == null) {
            unsupported(s, "throw in a method returning void", "it may have written its output"
                + " arrays already; validate the inputs before the call, or return a double or"
                + " double[]");
          } else {
            // The gradient throws the same exception by calling the original method again.
            out.add(new Stmt.Throw(null, sourceOf(s)));
          }
        }
        case SYNCHRONIZED -> unsupported(
            s, "synchronized", "gradient code has no shared state; remove the lock");
        case ASSERT -> unsupported(s, "assert", "check arguments before calling the method");
        case CLASS, RECORD, INTERFACE, ENUM -> unsupported(
            s, "a local class", "declare the class outside the method");
        default -> unsupported(s, "this statement (" + kindName(s) + ")", "use the supported subset"
            + " listed in the javagrad user guide");
      }
    }

    /**
     * A loop that cannot end normally ({@code while (true)} without a break or return) is left only
     * by throwing, or never: the gradient could not run its reverse sweep after it.
     */
    private void rejectEndlessLoop(Tree loop, Expr cond, List<Stmt> body) {
      boolean forever = cond instanceof Expr.Literal lit && lit.type() == JType.BOOLEAN && lit.value() == 1;
      if (forever && !leaves(body, true)) {
        unsupported(loop, "a loop that is left only by throw (or never)",
            "give it a condition, a break or a return: the gradient runs its reverse sweep after it");
      }
    }

    /** Whether a break of this loop, a labelled jump or a return may leave it. */
    private boolean leaves(List<Stmt> stmts, boolean thisLevel) {
      for (Stmt s : stmts) {
        if ((s instanceof Stmt.Break && thisLevel) || s instanceof Stmt.JumpOut || s instanceof Stmt.Return) {
          return true;
        }
        if (s instanceof Stmt.If f && (leaves(f.thenStmts(), thisLevel) || leaves(f.elseStmts(), thisLevel))) {
          return true;
        }
        if (s instanceof Stmt.Loop l && leaves(l.body(), false)) {
          return true;
        }
      }
      return false;
    }

    private void unsupported(Tree t, String what, String hint) {
      reporter.error(Diagnostic.UNSUPPORTED_STATEMENT, t, unit, Naming.capitalize(what), hint);
    }

    private int loopDepth;
    /** Loop labels in scope, each with the loop depth of its loop's body. */
    private final Map<String, Integer> labels = new HashMap<>();

    /** {@code break} / {@code continue}, labelled or not. */
    private Stmt jump(javax.lang.model.element.Name label, boolean isContinue, Tree s) {
      SourceRef src = sourceOf(s);
      int levels = 1;
      if (label != null) {
        Integer depth = labels.get(label.toString());
        if (depth == null) {
          reporter.error(Diagnostic.LABELED_JUMP, s, unit);
          return new Stmt.Break(src);
        }
        levels = loopDepth - depth + 1;
      }
      if (levels <= 1) {
        return isContinue ? new Stmt.Continue(src) : new Stmt.Break(src);
      }
      return new Stmt.JumpOut(levels, isContinue, src);
    }

    /**
     * Assignments, increments and compound assignments used as values are moved in front of the
     * statement that contains them ({@code s += x[i++]} is {@code int iBefore = i; i++; s +=
     * x[iBefore];}). That keeps Java's order of evaluation only if the statement reads the changed
     * variable nowhere else, which is checked; anything else is an error.
     */
    private final class SideEffects {
      final List<Stmt> statements = new ArrayList<>();
      /** Each changed variable, with how often the rewritten statement may still read it. */
      final Map<Variable, Integer> allowedReads = new HashMap<>();
      SideEffects outer;
    }

    private SideEffects sideEffects;

    private SideEffects beginSideEffects() {
      SideEffects e = new SideEffects();
      e.outer = sideEffects;
      sideEffects = e;
      return e;
    }

    private void endSideEffects(SideEffects e, Tree where, List<Stmt> read, List<Stmt> out) {
      sideEffects = e.outer;
      for (Map.Entry<Variable, Integer> w : e.allowedReads.entrySet()) {
        int reads = 0;
        for (Stmt s : read) {
          reads += countReads(s, w.getKey());
        }
        if (reads > w.getValue()) {
          reporter.error(Diagnostic.ASSIGNMENT_AS_EXPRESSION, where, unit,
              "the statement also reads " + w.getKey().name() + ", which it changes");
        }
      }
      out.addAll(e.statements);
      out.addAll(read);
    }

    /** Reads of v in a statement's own expressions (not in nested branches). */
    private int countReads(Stmt s, Variable v) {
      List<Expr> heads = new ArrayList<>();
      if (s instanceof Stmt.Declare d && d.init() != null) {
        heads.add(d.init());
      } else if (s instanceof Stmt.Assign a) {
        heads.add(a.value());
        if (a.variable() == v) {
          return 99; // the statement assigns the variable its side effect changes
        }
      } else if (s instanceof Stmt.ArrayAssign a) {
        heads.add(a.target());
        heads.add(a.value());
      } else if (s instanceof Stmt.If f) {
        heads.add(f.condition());
      } else if (s instanceof Stmt.Return r) {
        heads.add(r.value());
      } else if (s instanceof Stmt.Increment i && i.variable() == v) {
        return 99;
      }
      int n = 0;
      for (Expr h : heads) {
        n += occurrences(h, v);
      }
      return n;
    }

    private int occurrences(Expr e, Variable v) {
      int[] n = {0};
      io.github.javagrad.processor.analysis.Exprs.variablesIn(e); // (validates the tree shape)
      countIn(e, v, n);
      return n[0];
    }

    private void countIn(Expr e, Variable v, int[] n) {
      if (e instanceof Expr.Local l) {
        n[0] += l.variable() == v ? 1 : 0;
      } else if (e instanceof Expr.ArrayElement a) {
        countIn(a.array(), v, n);
        countIn(a.index(), v, n);
      } else if (e instanceof Expr.Unary u) {
        countIn(u.operand(), v, n);
      } else if (e instanceof Expr.Binary b) {
        countIn(b.left(), v, n);
        countIn(b.right(), v, n);
      } else if (e instanceof Expr.MathCall m) {
        m.arguments().forEach(a -> countIn(a, v, n));
      } else if (e instanceof Expr.DifferentiableCall c) {
        c.arguments().forEach(a -> countIn(a, v, n));
      } else if (e instanceof Expr.Conditional c) {
        countIn(c.condition(), v, n);
        countIn(c.whenTrue(), v, n);
        countIn(c.whenFalse(), v, n);
      } else if (e instanceof Expr.Cast c) {
        countIn(c.operand(), v, n);
      } else if (e instanceof Expr.ArrayLength a) {
        countIn(a.array(), v, n);
      } else if (e instanceof Expr.CopyOf c) {
        countIn(c.array(), v, n);
      } else if (e instanceof Expr.ArrayLiteral l) {
        l.elements().forEach(x -> countIn(x, v, n));
      } else if (e instanceof Expr.NewArray a) {
        a.dimensions().forEach(x -> countIn(x, v, n));
      }
    }

    /** An assignment or increment used as a value: hoisted in front of its statement. */
    private Expr sideEffect(ExpressionTree tree) {
      if (sideEffects == null) {
        boolean increment = tree.getKind().name().contains("CREMENT");
        reporter.error(increment ? Diagnostic.INCREMENT_AS_EXPRESSION
            : Diagnostic.ASSIGNMENT_AS_EXPRESSION, tree, unit, tree.toString());
        return placeholder();
      }
      SideEffects here = sideEffects;
      List<Stmt> effect = new ArrayList<>();
      Tree.Kind kind = tree.getKind();
      ExpressionTree target = tree instanceof AssignmentTree a ? a.getVariable()
          : tree instanceof CompoundAssignmentTree c ? c.getVariable()
          : ((UnaryTree) tree).getExpression();
      if (!(target instanceof IdentifierTree id) || lookup(id.getName().toString()) == null) {
        reporter.error(Diagnostic.ASSIGNMENT_AS_EXPRESSION, tree, unit,
            "a value-producing assignment to " + target);
        return placeholder();
      }
      Variable v = lookup(((IdentifierTree) target).getName().toString());
      if (kind == Tree.Kind.POSTFIX_INCREMENT || kind == Tree.Kind.POSTFIX_DECREMENT) {
        Variable before = declareLocal(v.name() + "Before", v.type());
        effect.add(new Stmt.Declare(before, new Expr.Local(v), sourceOf(tree)));
        readIncrement(tree, effect);
        here.statements.addAll(effect);
        here.allowedReads.merge(v, 0, Math::min);
        return new Expr.Local(before);
      }
      if (kind == Tree.Kind.PREFIX_INCREMENT || kind == Tree.Kind.PREFIX_DECREMENT) {
        readIncrement(tree, effect);
      } else {
        // Nested side effects of the right-hand side go first, as Java evaluates them first.
        readAssignmentExpression(tree, effect);
      }
      here.statements.addAll(effect);
      here.allowedReads.merge(v, 1, Math::min);
      return new Expr.Local(v);
    }

    /** {@code pre; if (!cond) break; body}: a loop test that has side effects. */
    private List<Stmt> exitUnless(List<Stmt> pre, Expr cond, List<Stmt> body, SourceRef src) {
      List<Stmt> out = new ArrayList<>(pre);
      out.add(new Stmt.If(new Expr.Unary(UnaryOp.NOT, cond, JType.BOOLEAN),
          List.of(new Stmt.Break(src)), List.of(), src));
      out.addAll(body);
      return out;
    }

    /** Reads an expression that is evaluated only sometimes: no side effects may move out of it. */
    private Expr readConditionally(ExpressionTree tree) {
      SideEffects saved = sideEffects;
      sideEffects = null;
      try {
        return readExpr(tree);
      } finally {
        sideEffects = saved;
      }
    }

    private void readIncrement(ExpressionTree tree, List<Stmt> out) {
      UnaryTree u = (UnaryTree) tree;
      Variable v = lookup(((IdentifierTree) u.getExpression()).getName().toString());
      boolean up = tree.getKind() == Tree.Kind.POSTFIX_INCREMENT
          || tree.getKind() == Tree.Kind.PREFIX_INCREMENT;
      if (v.type() == JType.DOUBLE) {
        out.add(new Stmt.Assign(v, up ? Stmt.AssignOp.ADD : Stmt.AssignOp.SUBTRACT,
            new Expr.Literal("1", 1, JType.INT), sourceOf(tree)));
      } else if (v.type() == JType.INT || v.type() == JType.LONG) {
        out.add(new Stmt.Increment(v, up, sourceOf(tree)));
      } else {
        reporter.error(Diagnostic.UNSUPPORTED_OPERATOR, tree, unit, up ? "++" : "--",
            v.type().keyword() + " values", "use assignment");
      }
    }

    private void readAssignmentExpression(ExpressionTree tree, List<Stmt> out) {
      // The same rules as the statement form; reading it as a statement keeps one code path.
      readExpressionStatementExpr(tree, out, tree);
    }

    /**
     * A switch on an int becomes an if/else chain on the selector: {@code case 1, 2:} is {@code
     * k == 1 || k == 2}, the default is the last else. Each non-empty group must end in break,
     * return or continue; falling through into the next group is rejected.
     */
    private void readSwitch(com.sun.source.tree.SwitchTree sw, List<Stmt> out) {
      SourceRef src = sourceOf(sw);
      Expr selector = readExpr(sw.getExpression());
      if (selector.type() != JType.INT) {
        reporter.error(Diagnostic.UNSUPPORTED_STATEMENT, sw.getExpression(), unit,
            "A switch on " + selector.type().keyword(), "switch on an int, or use if/else");
        return;
      }
      if (!(selector instanceof Expr.Local)) {
        Variable held = declareLocal("switchAtLine" + src.line(), JType.INT);
        out.add(new Stmt.Declare(held, selector, src));
        selector = new Expr.Local(held);
      }
      List<Expr> conditions = new ArrayList<>();
      List<List<Stmt>> bodies = new ArrayList<>();
      List<Stmt> defaultBody = null;
      List<Expr> pendingLabels = new ArrayList<>();
      boolean pendingDefault = false;
      for (com.sun.source.tree.CaseTree c : sw.getCases()) {
        List<? extends ExpressionTree> labels = c.getExpressions();
        boolean isDefault = labels.isEmpty();
        for (ExpressionTree label : labels) {
          Expr value = readExpr(label);
          pendingLabels.add(new Expr.Binary(Expr.BinaryOp.EQUAL, selector, value, JType.BOOLEAN));
        }
        pendingDefault |= isDefault;
        List<Stmt> body;
        if (c.getCaseKind() == com.sun.source.tree.CaseTree.CaseKind.RULE) {
          body = readCaseRule(c);
        } else {
          if (c.getStatements().isEmpty()) {
            continue; // an empty case label groups with the next one
          }
          scopes.push(new HashMap<>());
          body = new ArrayList<>();
          for (StatementTree st : c.getStatements()) {
            readStatement(st, body);
          }
          scopes.pop();
          if (!body.isEmpty() && body.get(body.size() - 1) instanceof Stmt.Break) {
            body.remove(body.size() - 1);
          } else if (!endsInJump(body) && c != sw.getCases().get(sw.getCases().size() - 1)) {
            reporter.error(Diagnostic.UNSUPPORTED_STATEMENT, c, unit,
                "Falling through to the next case",
                "end each case with break, return or continue");
          }
        }
        if (containsSwitchBreak(body)) {
          reporter.error(Diagnostic.UNSUPPORTED_STATEMENT, c, unit,
              "A break inside a case other than at its end",
              "end the case with its only break, or use if/else");
        }
        if (pendingDefault) {
          defaultBody = body; // javagrad tests the labels first, so default's place is the end
        } else {
          Expr cond = pendingLabels.get(0);
          for (int i = 1; i < pendingLabels.size(); i++) {
            cond = new Expr.Binary(Expr.BinaryOp.OR, cond, pendingLabels.get(i), JType.BOOLEAN);
          }
          conditions.add(cond);
          bodies.add(body);
        }
        pendingLabels = new ArrayList<>();
        pendingDefault = false;
      }
      List<Stmt> chain = defaultBody == null ? List.of() : defaultBody;
      for (int i = conditions.size() - 1; i >= 0; i--) {
        chain = List.of(new Stmt.If(conditions.get(i), bodies.get(i), chain, src));
      }
      out.addAll(chain);
    }

    private List<Stmt> readCaseRule(com.sun.source.tree.CaseTree c) {
      Tree body = c.getBody();
      if (body instanceof StatementTree st) {
        List<Stmt> out = readBranch(st);
        if (!out.isEmpty() && out.get(out.size() - 1) instanceof Stmt.Break) {
          out = new ArrayList<>(out.subList(0, out.size() - 1));
        }
        return out;
      }
      if (body instanceof ExpressionTree) {
        List<Stmt> out = new ArrayList<>();
        reporter.error(Diagnostic.UNSUPPORTED_STATEMENT, body, unit,
            "A case whose body is a bare expression",
            "write the case body as a statement, e.g. case 1 -> { y = 2 * x; }");
        return out;
      }
      return List.of();
    }

    private boolean endsInJump(List<Stmt> body) {
      if (body.isEmpty()) {
        return false;
      }
      Stmt last = body.get(body.size() - 1);
      if (last instanceof Stmt.Return || last instanceof Stmt.Continue || last instanceof Stmt.Break
          || last instanceof Stmt.Throw) {
        return true;
      }
      return last instanceof Stmt.If f && endsInJump(f.thenStmts()) && endsInJump(f.elseStmts());
    }

    /** A break in a case (outside nested loops) would leave the switch, not a loop. */
    private boolean containsSwitchBreak(List<Stmt> body) {
      for (Stmt s : body) {
        if (s instanceof Stmt.Break) {
          return true;
        }
        if (s instanceof Stmt.If f && (containsSwitchBreak(f.thenStmts()) || containsSwitchBreak(f.elseStmts()))) {
          return true;
        }
      }
      return false;
    }

    /** {@code switch (k) { case 1 -> a; default -> b; }} as nested conditionals. */
    private Expr readSwitchExpression(com.sun.source.tree.SwitchExpressionTree sw) {
      Expr selector = readExpr(sw.getExpression());
      if (selector.type() != JType.INT) {
        return unsupportedExpr(sw, "A switch on " + selector.type().keyword(), "switch on an int");
      }
      List<Expr> conditions = new ArrayList<>();
      List<Expr> values = new ArrayList<>();
      Expr otherwise = null;
      for (com.sun.source.tree.CaseTree c : sw.getCases()) {
        if (c.getCaseKind() != com.sun.source.tree.CaseTree.CaseKind.RULE
            || !(c.getBody() instanceof ExpressionTree valueTree)) {
          return unsupportedExpr(c, "A switch expression case with a block or yield",
              "give each case a single expression: case 1 -> a * x;");
        }
        Expr value = readExpr(valueTree);
        if (c.getExpressions().isEmpty()) {
          otherwise = value;
          continue;
        }
        Expr cond = null;
        for (ExpressionTree label : c.getExpressions()) {
          Expr test = new Expr.Binary(Expr.BinaryOp.EQUAL, selector, readExpr(label), JType.BOOLEAN);
          cond = cond == null ? test : new Expr.Binary(Expr.BinaryOp.OR, cond, test, JType.BOOLEAN);
        }
        conditions.add(cond);
        values.add(value);
      }
      if (otherwise == null || values.isEmpty()) {
        return unsupportedExpr(sw, "A switch expression without default", "add a default case");
      }
      JType type = otherwise.type();
      for (Expr v : values) {
        type = v.type().isNumeric() && type.isNumeric() ? JType.promote(type, v.type()) : type;
      }
      Expr result = otherwise;
      for (int i = conditions.size() - 1; i >= 0; i--) {
        result = new Expr.Conditional(conditions.get(i), values.get(i), result, type);
      }
      return result;
    }

    private List<Stmt> readLoopBody(StatementTree body) {
      loopDepth++;
      try {
        return readBranch(body);
      } finally {
        loopDepth--;
      }
    }

    private Stmt readFor(ForLoopTree f) {
      scopes.push(new HashMap<>());
      try {
        List<Stmt> init = new ArrayList<>();
        for (StatementTree s : f.getInitializer()) {
          readStatement(s, init);
        }
        Expr cond = f.getCondition() == null
            ? new Expr.Literal("true", 1, JType.BOOLEAN)
            : readCondition(f.getCondition());
        List<Stmt> update = new ArrayList<>();
        for (ExpressionStatementTree u : f.getUpdate()) {
          readExpressionStatement(u, update);
        }
        List<Stmt> body = readLoopBody(f.getStatement());
        rejectEndlessLoop(f, cond, body);
        return new Stmt.Loop(Stmt.LoopKind.FOR, init, cond, update, body, sourceOf(f));
      } finally {
        scopes.pop();
      }
    }

    /** {@code for (double v : a) body} is read as {@code for (int vIndex = 0; vIndex < a.length; vIndex++)}. */
    private void readEnhancedFor(EnhancedForLoopTree f, List<Stmt> out) {
      Expr array = readExpr(f.getExpression());
      VariableTree v = f.getVariable();
      if (!(array instanceof Expr.Local) || !array.type().isArray()
          || array.type().elementType().isArray()) {
        reporter.error(Diagnostic.UNSUPPORTED_STATEMENT, f.getExpression(), unit,
            "A for-each loop over " + f.getExpression(),
            "loop over a double[] or int[] variable, or index the rows with a counted for loop");
        return;
      }
      scopes.push(new HashMap<>());
      try {
        SourceRef src = sourceOf(f);
        Variable index = declareLocal(v.getName() + "Index", JType.INT);
        Expr indexRead = new Expr.Local(index);
        List<Stmt> init = List.of(new Stmt.Declare(index, new Expr.Literal("0", 0, JType.INT), src));
        Expr cond = new Expr.Binary(Expr.BinaryOp.LESS, indexRead, new Expr.ArrayLength(array),
            JType.BOOLEAN);
        List<Stmt> update = List.of(new Stmt.Increment(index, true, src));
        JType elementType = array.type().elementType();
        boolean isVar = v.getType() == null
            || (v.getType() instanceof IdentifierTree id && id.getName().contentEquals("var"));
        JType declared = isVar ? elementType : typeOfTree(v.getType());
        if (declared == null || !declared.acceptsWithoutCast(elementType)) {
          reporter.error(Diagnostic.UNSUPPORTED_LOCAL_TYPE, v, unit, v.getName(), v.getType());
          declared = elementType;
        }
        Variable element = declareLocal(v.getName().toString(), declared);
        List<Stmt> body = new ArrayList<>();
        body.add(new Stmt.Declare(element, new Expr.ArrayElement(array, indexRead, elementType), src));
        body.addAll(readLoopBody(f.getStatement()));
        out.add(new Stmt.Loop(Stmt.LoopKind.FOR, init, cond, update, body, src));
      } finally {
        scopes.pop();
      }
    }

    /** The subset type a declared type tree names, or null. */
    private JType typeOfTree(Tree typeTree) {
      if (typeTree instanceof PrimitiveTypeTree p) {
        return primitive(p.getPrimitiveTypeKind());
      }
      if (typeTree instanceof ArrayTypeTree a) {
        JType element = typeOfTree(a.getType());
        return element == null ? null : element.arrayOf();
      }
      return null;
    }

    void readLocal(VariableTree v, List<Stmt> out) {
      String name = v.getName().toString();
      Tree typeTree = v.getType();
      JType declared;
      boolean isVar =
          typeTree == null
              || (typeTree instanceof IdentifierTree id && id.getName().contentEquals("var"));
      Expr init = v.getInitializer() == null ? null : readExpr(v.getInitializer());
      if (isVar) {
        declared = init == null ? JType.DOUBLE : init.type();
      } else if (typeOfTree(typeTree) != null) {
        declared = typeOfTree(typeTree);
      } else {
        if (typeTree instanceof PrimitiveTypeTree p && p.getPrimitiveTypeKind() == TypeKind.FLOAT) {
          reporter.error(Diagnostic.FLOAT_NOT_SUPPORTED, typeTree, unit, "local variable " + name);
        } else {
          reporter.error(Diagnostic.UNSUPPORTED_LOCAL_TYPE, typeTree, unit, name, typeTree);
        }
        declared = JType.DOUBLE;
      }
      if (init == null && declared.isArray()) {
        reporter.error(Diagnostic.MISSING_INITIALIZER, v, unit, name, name);
      } else if (init == null) {
        // double y; assigned later: javac's definite assignment already guarantees a value
      } else if (declared.isArray()) {
        if (init instanceof Expr.ArrayLiteral lit && lit.type() == null) {
          init = typedLiteral(lit, declared, v.getInitializer());
        }
        checkFreshArray(init, v.getInitializer());
        if (init.type() != declared) {
          expect(init, declared, v.getInitializer());
        }
      } else if (!isVar) {
        init = expect(init, declared, v.getInitializer());
      }
      if (declared.isArray() && loopDepth > 0) {
        reporter.error(Diagnostic.ARRAY_IN_LOOP, v, unit, name);
      }
      if (init instanceof Expr.CopyOf c && c.type() == JType.DOUBLE_MATRIX) {
        reporter.error(Diagnostic.ARRAY_ALIAS, v.getInitializer(), unit,
            "'" + v.getInitializer() + "' (a double[][] clone shares its rows)");
      }
      Variable variable = declareLocal(name, declared);
      out.add(new Stmt.Declare(variable, init, sourceOf(v)));
    }

    void readExpressionStatement(ExpressionStatementTree s, List<Stmt> out) {
      readExpressionStatementExpr(s.getExpression(), out, s);
    }

    /** An assignment or increment; {@code s} is what its source comment quotes. */
    private void readExpressionStatementExpr(ExpressionTree e, List<Stmt> out, Tree s) {
      switch (e.getKind()) {
        case ASSIGNMENT -> {
          AssignmentTree a = (AssignmentTree) e;
          if (a.getVariable() instanceof ArrayAccessTree access) {
            Expr.ArrayElement element = elementTarget(access);
            Expr value = readExpr(a.getExpression());
            if (element != null) {
              value = expect(value, element.type(), a.getExpression());
              out.add(new Stmt.ArrayAssign(element, Stmt.AssignOp.SET, value, sourceOf(s)));
            }
            return;
          }
          Variable target = assignmentTarget(a.getVariable());
          Expr value = readExpr(a.getExpression());
          if (target != null) {
            value = expect(value, target.type(), a.getExpression());
            out.add(new Stmt.Assign(target, Stmt.AssignOp.SET, value, sourceOf(s)));
          }
        }
        case REMAINDER_ASSIGNMENT -> {
          CompoundAssignmentTree a = (CompoundAssignmentTree) e;
          Variable target = assignmentTarget(a.getVariable());
          Expr value = readExpr(a.getExpression());
          if (target != null) {
            if (target.type() != JType.INT && target.type() != JType.LONG
                || !(value.type() == JType.INT || value.type() == JType.LONG)) {
              reporter.error(Diagnostic.UNSUPPORTED_OPERATOR, e, unit, "%=", "double values",
                  "% on doubles has no derivative in javagrad; use it on int or long values");
            } else {
              // n %= k is n = n % k: integer-valued, never differentiated, so the plain form serves
              Expr rem = new Expr.Binary(Expr.BinaryOp.REMAINDER, new Expr.Local(target), value,
                  JType.promote(target.type(), value.type()));
              out.add(new Stmt.Assign(target, Stmt.AssignOp.SET, rem, sourceOf(s)));
            }
          }
        }
        case PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT -> {
          CompoundAssignmentTree a = (CompoundAssignmentTree) e;
          if (a.getVariable() instanceof ArrayAccessTree access) {
            Expr.ArrayElement element = elementTarget(access);
            Expr value = readExpr(a.getExpression());
            if (element != null) {
              if (!value.type().isNumeric()
                  || (element.type() != JType.DOUBLE && value.type() == JType.DOUBLE)) {
                reporter.error(Diagnostic.TYPE_MISMATCH, a.getExpression(), unit,
                    "the right-hand side", value.type().keyword(), element.type().keyword());
              }
              out.add(new Stmt.ArrayAssign(element, compoundOp(e.getKind()), value, sourceOf(s)));
            }
            return;
          }
          Variable target = assignmentTarget(a.getVariable());
          Expr value = readExpr(a.getExpression());
          if (target != null) {
            if (!target.type().isNumeric() || !value.type().isNumeric()) {
              reporter.error(
                  Diagnostic.UNSUPPORTED_OPERATOR, e, unit, operatorOf(e), "boolean values",
                  "use && and || for booleans");
            } else if (target.type() != JType.DOUBLE && value.type() == JType.DOUBLE) {
              // int += double narrows silently in Java; make that visible instead.
              reporter.error(
                  Diagnostic.TYPE_MISMATCH, a.getExpression(), unit, "the right-hand side",
                  "double", target.type().keyword());
            }
            out.add(new Stmt.Assign(target, compoundOp(e.getKind()), value, sourceOf(s)));
          }
        }
        case POSTFIX_INCREMENT, PREFIX_INCREMENT, POSTFIX_DECREMENT, PREFIX_DECREMENT -> {
          UnaryTree u = (UnaryTree) e;
          boolean up = e.getKind() == Tree.Kind.POSTFIX_INCREMENT
              || e.getKind() == Tree.Kind.PREFIX_INCREMENT;
          if (u.getExpression() instanceof ArrayAccessTree access) {
            Expr.ArrayElement element = elementTarget(access);
            if (element != null) {
              out.add(new Stmt.ArrayAssign(element,
                  up ? Stmt.AssignOp.ADD : Stmt.AssignOp.SUBTRACT,
                  new Expr.Literal("1", 1, JType.INT), sourceOf(s)));
            }
            return;
          }
          Variable target = assignmentTarget(u.getExpression());
          if (target != null) {
            if (target.type() == JType.BOOLEAN) {
              reporter.error(Diagnostic.UNSUPPORTED_OPERATOR, e, unit, up ? "++" : "--",
                  "boolean values", "use assignment");
            } else if (target.type() == JType.DOUBLE) {
              Stmt.AssignOp op = up ? Stmt.AssignOp.ADD : Stmt.AssignOp.SUBTRACT;
              out.add(new Stmt.Assign(target, op, new Expr.Literal("1", 1, JType.INT), sourceOf(s)));
            } else {
              out.add(new Stmt.Increment(target, up, sourceOf(s)));
            }
          }
        }
        case METHOD_INVOCATION -> {
          if (readArrayUtility((MethodInvocationTree) e, out, s)) {
            return;
          }
          Expr call = readExpr(e);
          if (call instanceof Expr.DifferentiableCall c && c.callee().resultType() == null) {
            for (int i = 0; i < c.arguments().size(); i++) {
              Expr arg = c.arguments().get(i);
              if (arg.type().isArray() && arg instanceof Expr.Local l
                  && l.variable().role() == Variable.Role.PARAMETER && resultType != null
                  && c.callee().mayWrite(i)) {
                reporter.error(Diagnostic.WRITE_TO_ARRAY_PARAMETER,
                    ((MethodInvocationTree) e).getArguments().get(i), unit, l.variable().name(),
                    l.variable().name());
              }
            }
            for (int i = 0; i < c.arguments().size(); i++) {
              if (!c.callee().mayWrite(i) || !(c.arguments().get(i) instanceof Expr.Local w)) {
                continue;
              }
              for (int j = 0; j < c.arguments().size(); j++) {
                if (j != i && io.github.javagrad.processor.analysis.Exprs.variablesIn(
                    c.arguments().get(j)).contains(w.variable())) {
                  reporter.error(Diagnostic.ARRAY_ALIAS, e, unit, "passing " + w.variable().name()
                      + " both as an array the call writes and as another argument");
                }
              }
            }
            out.add(new Stmt.CallStatement(c, sourceOf(s)));
          } else if (call != PLACEHOLDER) {
            reporter.error(
                Diagnostic.UNSUPPORTED_STATEMENT, s, unit, "A call whose result is not used",
                "a @Differentiable method has no side effects; use the call's value or remove it");
          }
        }
        default -> reporter.error(
            Diagnostic.UNSUPPORTED_STATEMENT, s, unit, "This expression statement",
            "use assignments, increments, if/else and return");
      }
    }

    /**
     * {@code System.arraycopy} and {@code Arrays.fill} on double[] or int[]: read as the loops they
     * are, so their elements' adjoints flow like any other writes. Returns false for other calls.
     */
    private boolean readArrayUtility(MethodInvocationTree call, List<Stmt> out, Tree s) {
      if (!(call.getMethodSelect() instanceof MemberSelectTree sel)) {
        return false;
      }
      TypeElement owner = types.resolve(sel.getExpression());
      if (owner == null) {
        return false;
      }
      String name = owner.getQualifiedName() + "." + sel.getIdentifier();
      boolean copy = name.equals("java.lang.System.arraycopy") && call.getArguments().size() == 5;
      boolean fill = name.equals("java.util.Arrays.fill") && call.getArguments().size() == 2;
      if (!copy && !fill) {
        return false;
      }
      SourceRef src = sourceOf(s);
      List<Expr> args = new ArrayList<>();
      for (ExpressionTree a : call.getArguments()) {
        args.add(readExpr(a));
      }
      Expr target = copy ? args.get(2) : args.get(0);
      if (!(target instanceof Expr.Local t) || !(target.type() == JType.DOUBLE_ARRAY
          || target.type() == JType.INT_ARRAY)) {
        reporter.error(Diagnostic.UNSUPPORTED_STATEMENT, s, unit,
            "This " + (copy ? "arraycopy" : "fill") + " call",
            "copy into or fill a double[] or int[] variable");
        return true;
      }
      if (t.variable().role() == Variable.Role.PARAMETER && resultType != null) {
        reporter.error(Diagnostic.WRITE_TO_ARRAY_PARAMETER, call.getArguments().get(copy ? 2 : 0),
            unit, t.variable().name(), t.variable().name());
        return true;
      }
      scopes.push(new HashMap<>());
      try {
        Variable index = declareLocal(copy ? "copyIndex" : "fillIndex", JType.INT);
        Expr i = new Expr.Local(index);
        Expr count;
        Stmt.ArrayAssign write;
        List<Stmt> before = new ArrayList<>();
        if (copy) {
          Expr source = args.get(0);
          if (!(source instanceof Expr.Local sv) || source.type() != target.type()) {
            reporter.error(Diagnostic.UNSUPPORTED_STATEMENT, call.getArguments().get(0), unit,
                "This arraycopy source", "copy from an array variable of the same type");
            return true;
          }
          if (sv.variable() == t.variable()) {
            reporter.error(Diagnostic.UNSUPPORTED_STATEMENT, s, unit,
                "An arraycopy within one array", "copy through a second array");
            return true;
          }
          Expr from = offset(hold(args.get(1), "copyFrom", before, src), i);
          Expr to = offset(hold(args.get(3), "copyTo", before, src), i);
          count = hold(args.get(4), "copyLength", before, src);
          write = new Stmt.ArrayAssign(
              new Expr.ArrayElement(target, to, target.type().elementType()), Stmt.AssignOp.SET,
              new Expr.ArrayElement(source, from, target.type().elementType()), src);
        } else {
          count = new Expr.ArrayLength(target);
          Expr value = hold(expect(args.get(1), target.type().elementType(), call.getArguments().get(1)),
              "fillValue", before, src);
          write = new Stmt.ArrayAssign(
              new Expr.ArrayElement(target, i, target.type().elementType()), Stmt.AssignOp.SET,
              value, src);
        }
        out.addAll(before);
        out.add(new Stmt.Loop(Stmt.LoopKind.FOR,
            List.of(new Stmt.Declare(index, new Expr.Literal("0", 0, JType.INT), src)),
            new Expr.Binary(Expr.BinaryOp.LESS, i, count, JType.BOOLEAN),
            List.of(new Stmt.Increment(index, true, src)), List.of(write), src));
        return true;
      } finally {
        scopes.pop();
      }
    }

    /** {@code e}, or a local holding it when reading it again could cost or change. */
    private Expr hold(Expr e, String name, List<Stmt> out, SourceRef src) {
      if (e instanceof Expr.Literal || e instanceof Expr.Local) {
        return e;
      }
      Variable v = declareLocal(name, e.type());
      out.add(new Stmt.Declare(v, e, src));
      return new Expr.Local(v);
    }

    private static Expr offset(Expr start, Expr i) {
      if (start instanceof Expr.Literal lit && lit.value() == 0) {
        return i;
      }
      return new Expr.Binary(Expr.BinaryOp.ADD, start, i, JType.INT);
    }

    private Variable assignmentTarget(ExpressionTree target) {
      if (target instanceof IdentifierTree id) {
        Variable v = lookup(id.getName().toString());
        if (v != null && v.type().isArray()) {
          reporter.error(Diagnostic.ARRAY_REASSIGNED, target, unit, v.name());
          return null;
        }
        if (v != null) {
          return v;
        }
      }
      reporter.error(Diagnostic.UNSUPPORTED_ASSIGNMENT_TARGET, target, unit, target.toString());
      return null;
    }

    /** The element an assignment writes; only elements of the method's own local arrays. */
    private Expr.ArrayElement elementTarget(ArrayAccessTree access) {
      Expr e = readExpr(access);
      if (!(e instanceof Expr.ArrayElement element)) {
        return null;
      }
      Variable base = element.base();
      if (base.role() == Variable.Role.PARAMETER && resultType != null) {
        reporter.error(Diagnostic.WRITE_TO_ARRAY_PARAMETER, access, unit, base.name(), base.name());
        return null;
      }
      return element;
    }

    /** New arrays only: javagrad tracks each array variable as its own array. */
    private void checkFreshArray(Expr init, Tree where) {
      if (init instanceof Expr.Local || init instanceof Expr.ArrayElement) {
        reporter.error(Diagnostic.ARRAY_ALIAS, where, unit, "'" + where + "'");
      }
    }

    private Expr typedLiteral(Expr.ArrayLiteral lit, JType type, Tree where) {
      List<Expr> elements = new ArrayList<>();
      JType elementType = type.elementType();
      List<? extends ExpressionTree> trees =
          where instanceof NewArrayTree n ? n.getInitializers() : List.of();
      for (int i = 0; i < lit.elements().size(); i++) {
        Expr element = lit.elements().get(i);
        if (element instanceof Expr.ArrayLiteral inner && inner.type() == null) {
          element = typedLiteral(inner, elementType, i < trees.size() ? trees.get(i) : where);
        }
        if (!elementType.acceptsWithoutCast(element.type())) {
          reporter.error(Diagnostic.TYPE_MISMATCH, i < trees.size() ? trees.get(i) : where, unit,
              "an element", element.type().keyword(), elementType.keyword());
        }
        elements.add(element);
      }
      return new Expr.ArrayLiteral(type, elements);
    }

    private Expr readNewArray(NewArrayTree n) {
      if (n.getType() == null) {
        // {a, b, c} in a declaration: typed by the declaration (see readLocal)
        List<Expr> elements = new ArrayList<>();
        for (ExpressionTree e : n.getInitializers()) {
          elements.add(readExpr(e));
        }
        return new Expr.ArrayLiteral(null, elements);
      }
      JType element = typeOfTree(n.getType());
      if (element == null || element.isArray() && element != JType.DOUBLE_ARRAY) {
        return unsupportedExpr(n, "An array of " + n.getType(),
            "use double[], double[][] or int[]");
      }
      int rank = n.getDimensions().size();
      if (n.getInitializers() != null) {
        JType type = element.arrayOf();
        List<Expr> elements = new ArrayList<>();
        for (ExpressionTree e : n.getInitializers()) {
          elements.add(readExpr(e));
        }
        return typedLiteral(new Expr.ArrayLiteral(null, elements), type, n);
      }
      JType type = element;
      for (int i = 0; i < rank; i++) {
        type = type == null ? null : type.arrayOf();
      }
      if (type == null || rank > 2) {
        return unsupportedExpr(n, "An array of rank " + rank, "use double[], double[][] or int[]");
      }
      List<Expr> dims = new ArrayList<>();
      for (ExpressionTree d : n.getDimensions()) {
        Expr dim = readExpr(d);
        if (dim.type() != JType.INT) {
          reporter.error(Diagnostic.TYPE_MISMATCH, d, unit, "the array size", dim.type().keyword(),
              "int");
        }
        dims.add(dim);
      }
      return new Expr.NewArray(type, dims);
    }

    private Expr readArrayAccess(ArrayAccessTree a) {
      Expr array = readExpr(a.getExpression());
      Expr index = readExpr(a.getIndex());
      if (array == PLACEHOLDER) {
        return placeholder();
      }
      if (!array.type().isArray()
          || !(array instanceof Expr.Local || array instanceof Expr.ArrayElement)) {
        return unsupportedExpr(a, "Indexing " + a.getExpression(),
            "index a double[], double[][] or int[] variable");
      }
      if (index.type() != JType.INT) {
        reporter.error(Diagnostic.TYPE_MISMATCH, a.getIndex(), unit, "the index",
            index.type().keyword(), "int");
      }
      return new Expr.ArrayElement(array, index, array.type().elementType());
    }

    // ---- expressions

    Expr readCondition(ExpressionTree tree) {
      return expect(readExpr(tree), JType.BOOLEAN, tree);
    }

    /** Checks that {@code e} can stand where {@code type} is needed; reports and returns e. */
    Expr expect(Expr e, JType type, Tree where) {
      if (e != PLACEHOLDER && !type.acceptsWithoutCast(e.type())) {
        reporter.error(
            Diagnostic.TYPE_MISMATCH, where, unit, "'" + where + "'", e.type().keyword(),
            type.keyword());
      }
      return e;
    }

    Expr readExpr(ExpressionTree tree) {
      switch (tree.getKind()) {
        case PARENTHESIZED:
          return readExpr(((ParenthesizedTree) tree).getExpression());
        case INT_LITERAL:
        case LONG_LITERAL:
        case DOUBLE_LITERAL:
        case BOOLEAN_LITERAL:
          return literal((LiteralTree) tree);
        case FLOAT_LITERAL:
          reporter.error(Diagnostic.FLOAT_NOT_SUPPORTED, tree, unit, "literal " + tree);
          return placeholder();
        case IDENTIFIER:
          return readIdentifier((IdentifierTree) tree);
        case MEMBER_SELECT:
          return readMemberSelect((MemberSelectTree) tree);
        case METHOD_INVOCATION:
          return readCall((MethodInvocationTree) tree);
        case UNARY_MINUS:
        case UNARY_PLUS: {
          UnaryTree u = (UnaryTree) tree;
          Expr operand = readExpr(u.getExpression());
          if (!operand.type().isNumeric()) {
            reporter.error(Diagnostic.UNSUPPORTED_OPERATOR, tree, unit,
                tree.getKind() == Tree.Kind.UNARY_MINUS ? "-" : "+", "boolean values",
                "use ! to negate a boolean");
            return placeholder();
          }
          UnaryOp op = tree.getKind() == Tree.Kind.UNARY_MINUS ? UnaryOp.NEGATE : UnaryOp.PLUS;
          return new Expr.Unary(op, operand, operand.type());
        }
        case LOGICAL_COMPLEMENT: {
          Expr operand = readCondition(((UnaryTree) tree).getExpression());
          return new Expr.Unary(UnaryOp.NOT, operand, JType.BOOLEAN);
        }
        case MULTIPLY:
        case DIVIDE:
        case REMAINDER:
        case PLUS:
        case MINUS:
        case LESS_THAN:
        case LESS_THAN_EQUAL:
        case GREATER_THAN:
        case GREATER_THAN_EQUAL:
        case EQUAL_TO:
        case NOT_EQUAL_TO:
        case CONDITIONAL_AND:
        case CONDITIONAL_OR:
          return readBinary((BinaryTree) tree);
        case AND:
        case OR:
        case XOR:
        case LEFT_SHIFT:
        case RIGHT_SHIFT:
        case UNSIGNED_RIGHT_SHIFT:
        case BITWISE_COMPLEMENT:
          reporter.error(Diagnostic.UNSUPPORTED_OPERATOR, tree, unit, operatorOf(tree),
              "values in a @Differentiable method",
              "use arithmetic, comparisons and && / || instead of bitwise operators");
          return placeholder();
        case CONDITIONAL_EXPRESSION: {
          ConditionalExpressionTree c = (ConditionalExpressionTree) tree;
          Expr cond = readCondition(c.getCondition());
          Expr a = readConditionally(c.getTrueExpression());
          Expr b = readConditionally(c.getFalseExpression());
          JType type;
          if (a.type() == JType.BOOLEAN && b.type() == JType.BOOLEAN) {
            type = JType.BOOLEAN;
          } else if (a.type().isNumeric() && b.type().isNumeric()) {
            type = JType.promote(a.type(), b.type());
          } else {
            reporter.error(Diagnostic.TYPE_MISMATCH, tree, unit, "'" + tree + "'",
                "mixed boolean and number", "one type");
            return placeholder();
          }
          return new Expr.Conditional(cond, a, b, type);
        }
        case TYPE_CAST:
          return readCast((TypeCastTree) tree);
        case SWITCH_EXPRESSION:
          return readSwitchExpression((com.sun.source.tree.SwitchExpressionTree) tree);
        case ASSIGNMENT:
        case PLUS_ASSIGNMENT:
        case MINUS_ASSIGNMENT:
        case MULTIPLY_ASSIGNMENT:
        case DIVIDE_ASSIGNMENT:
        case REMAINDER_ASSIGNMENT:
        case POSTFIX_INCREMENT:
        case PREFIX_INCREMENT:
        case POSTFIX_DECREMENT:
        case PREFIX_DECREMENT:
          return sideEffect(tree);
        case NEW_CLASS:
          return unsupportedExpr(tree, "Creating an object",
              "a @Differentiable method computes with doubles; pass objects' values in as"
                  + " parameters");
        case NEW_ARRAY:
          return readNewArray((NewArrayTree) tree);
        case ARRAY_ACCESS:
          return readArrayAccess((ArrayAccessTree) tree);
        case LAMBDA_EXPRESSION:
        case MEMBER_REFERENCE:
          return unsupportedExpr(tree, "A lambda or method reference",
              "call @Differentiable methods directly");
        case STRING_LITERAL:
        case CHAR_LITERAL:
        case NULL_LITERAL:
          return unsupportedExpr(tree, "This literal (" + tree + ")",
              "use double, int, long or boolean values");
        default:
          return unsupportedExpr(tree, "This expression (" + kindName(tree) + ")",
              "use the supported subset listed in the javagrad user guide");
      }
    }

    private Expr unsupportedExpr(Tree tree, String what, String hint) {
      reporter.error(Diagnostic.UNSUPPORTED_EXPRESSION, tree, unit, what, hint);
      return placeholder();
    }

    private Expr literal(LiteralTree t) {
      Object v = t.getValue();
      String text = textOf(t);
      return switch (t.getKind()) {
        case INT_LITERAL -> new Expr.Literal(text, ((Number) v).doubleValue(), JType.INT);
        case LONG_LITERAL -> new Expr.Literal(text, ((Number) v).doubleValue(), JType.LONG);
        case DOUBLE_LITERAL -> new Expr.Literal(text, ((Number) v).doubleValue(), JType.DOUBLE);
        default -> new Expr.Literal(text, Boolean.TRUE.equals(v) ? 1 : 0, JType.BOOLEAN);
      };
    }

    private Expr readBinary(BinaryTree t) {
      BinaryOp op = binaryOp(t.getKind());
      Expr l = readExpr(t.getLeftOperand());
      Expr r = op.isLogical() ? readConditionally(t.getRightOperand()) : readExpr(t.getRightOperand());
      if (op.isLogical()) {
        expect(l, JType.BOOLEAN, t.getLeftOperand());
        expect(r, JType.BOOLEAN, t.getRightOperand());
        return new Expr.Binary(op, l, r, JType.BOOLEAN);
      }
      boolean bothBoolean = l.type() == JType.BOOLEAN && r.type() == JType.BOOLEAN;
      if ((op == BinaryOp.EQUAL || op == BinaryOp.NOT_EQUAL) && bothBoolean) {
        return new Expr.Binary(op, l, r, JType.BOOLEAN);
      }
      if (!l.type().isNumeric() || !r.type().isNumeric()) {
        reporter.error(Diagnostic.UNSUPPORTED_OPERATOR, t, unit, op.symbol, "boolean values",
            "use && and || to combine conditions");
        return placeholder();
      }
      JType promoted = JType.promote(l.type(), r.type());
      if (op == BinaryOp.REMAINDER && promoted == JType.DOUBLE) {
        reporter.error(Diagnostic.UNSUPPORTED_OPERATOR, t, unit, "%", "double values",
            "% on doubles has no derivative in javagrad; use it on int or long values");
        return placeholder();
      }
      return new Expr.Binary(op, l, r, op.isComparison() ? JType.BOOLEAN : promoted);
    }

    private Expr readCast(TypeCastTree t) {
      Expr operand = readExpr(t.getExpression());
      if (t.getType() instanceof PrimitiveTypeTree p) {
        JType to = primitive(p.getPrimitiveTypeKind());
        if (p.getPrimitiveTypeKind() == TypeKind.FLOAT) {
          reporter.error(Diagnostic.FLOAT_NOT_SUPPORTED, t, unit, "cast to float");
          return placeholder();
        }
        if (to != null && to.isNumeric() && operand.type().isNumeric()) {
          return to == operand.type() ? operand : new Expr.Cast(to, operand);
        }
        if (to == JType.BOOLEAN && operand.type() == JType.BOOLEAN) {
          return operand;
        }
      }
      return unsupportedExpr(t, "The cast (" + t.getType() + ")",
          "casts between double, int and long are supported");
    }

    private Expr readIdentifier(IdentifierTree id) {
      String name = id.getName().toString();
      Variable v = lookup(name);
      if (v != null) {
        return new Expr.Local(v);
      }
      if (name.equals("this") || name.equals("super")) {
        return unsupportedExpr(id, "'" + name + "'",
            "a @Differentiable method is static; pass values in as parameters");
      }
      // A field of an enclosing class (innermost first), then a static import.
      for (Element e = types.enclosingClass(); e instanceof TypeElement t;
          e = t.getEnclosingElement()) {
        VariableElement field = findField(t, name);
        if (field != null) {
          return constant(field, id);
        }
      }
      for (TypeElement importer : types.staticImportersOf(name)) {
        VariableElement field = findField(importer, name);
        if (field != null) {
          return constant(field, id);
        }
      }
      reporter.error(Diagnostic.UNKNOWN_IDENTIFIER, id, unit, name);
      return placeholder();
    }

    private Expr readMemberSelect(MemberSelectTree sel) {
      if (sel.getIdentifier().contentEquals("length")
          && (sel.getExpression() instanceof ArrayAccessTree
              || (sel.getExpression() instanceof IdentifierTree q0
                  && lookup(q0.getName().toString()) != null))) {
        Expr array = readExpr(sel.getExpression());
        if (array.type().isArray()) {
          return new Expr.ArrayLength(array);
        }
      }
      if (sel.getExpression() instanceof IdentifierTree q && lookup(q.getName().toString()) != null) {
        return unsupportedExpr(sel, "Member access on a value (" + sel + ")",
            "only static constants such as Math.PI can be read");
      }
      TypeElement owner = types.resolve(sel.getExpression());
      if (owner == null) {
        if (sel.getExpression() instanceof IdentifierTree || sel.getExpression() instanceof MemberSelectTree) {
          if (!(sel.getExpression() instanceof IdentifierTree id && resolvesAsField(id))) {
            reporter.error(Diagnostic.UNKNOWN_IDENTIFIER, sel, unit, sel.toString());
            return placeholder();
          }
        }
        // Not a type: a value (a constant, this, a literal): read it, then reject the access.
        Expr value = readExpr(sel.getExpression());
        if (value == PLACEHOLDER) {
          return placeholder();
        }
        return unsupportedExpr(sel, "Member access on a value (" + sel + ")",
            "only static constants such as Math.PI and array lengths can be read");
      }
      VariableElement field = findField(owner, sel.getIdentifier().toString());
      if (field == null) {
        reporter.error(Diagnostic.UNKNOWN_IDENTIFIER, sel, unit, sel.toString());
        return placeholder();
      }
      return constant(field, sel);
    }

    /** Whether a simple name is a field of an enclosing class or a statically imported one. */
    private boolean resolvesAsField(IdentifierTree id) {
      String name = id.getName().toString();
      for (Element e = types.enclosingClass(); e instanceof TypeElement t; e = t.getEnclosingElement()) {
        if (findField(t, name) != null) {
          return true;
        }
      }
      for (TypeElement importer : types.staticImportersOf(name)) {
        if (findField(importer, name) != null) {
          return true;
        }
      }
      return false;
    }

    private VariableElement findField(TypeElement type, String name) {
      for (Element member : elements.getAllMembers(type)) {
        if (member.getKind() == ElementKind.FIELD || member.getKind() == ElementKind.ENUM_CONSTANT) {
          if (member.getSimpleName().contentEquals(name)) {
            return (VariableElement) member;
          }
        }
      }
      return null;
    }

    private Expr constant(VariableElement field, Tree where) {
      TypeElement owner = (TypeElement) field.getEnclosingElement();
      String display = owner.getSimpleName() + "." + field.getSimpleName();
      Set<Modifier> mods = field.getModifiers();
      JType type = typeOf(field.asType());
      if (!mods.contains(Modifier.STATIC) || !mods.contains(Modifier.FINAL)) {
        reporter.error(Diagnostic.FIELD_NOT_CONSTANT, where, unit, display);
        return placeholder();
      }
      if (type == null || type.isArray()) {
        reporter.error(Diagnostic.UNSUPPORTED_CONSTANT_TYPE, where, unit, display, field.asType());
        return placeholder();
      }
      Object value = field.getConstantValue();
      if (mods.contains(Modifier.PRIVATE) || !isAccessibleFromPackage(owner)) {
        if (value instanceof Number || value instanceof Boolean) {
          // Private compile-time constant: the generated class cannot name it, so it inlines the
          // value, exactly as javac itself does.
          String text =
              value instanceof Boolean b ? b.toString() : literalText((Number) value, type);
          double numeric = value instanceof Number n ? n.doubleValue() : (Boolean) value ? 1 : 0;
          return new Expr.Literal(text, numeric, type);
        }
        reporter.error(Diagnostic.PRIVATE_CONSTANT, where, unit, display);
        return placeholder();
      }
      return new Expr.ConstantRef(ClassName.get(owner), field.getSimpleName().toString(), type);
    }

    private boolean isAccessibleFromPackage(TypeElement owner) {
      for (Element e = owner; e instanceof TypeElement t; e = t.getEnclosingElement()) {
        if (t.getModifiers().contains(Modifier.PRIVATE)) {
          return false;
        }
      }
      String ownerPackage = elements.getPackageOf(owner).getQualifiedName().toString();
      String ourPackage = elements.getPackageOf(method).getQualifiedName().toString();
      return ownerPackage.equals(ourPackage) || owner.getModifiers().contains(Modifier.PUBLIC);
    }

    private Expr readCall(MethodInvocationTree call) {
      ExpressionTree select = call.getMethodSelect();
      List<Expr> args = new ArrayList<>();
      for (ExpressionTree a : call.getArguments()) {
        args.add(readExpr(a));
      }
      String name;
      List<TypeElement> owners = new ArrayList<>();
      if (select instanceof IdentifierTree id) {
        name = id.getName().toString();
        // JLS 15.12.1: the innermost enclosing class with a method of that name, else imports.
        for (Element e = types.enclosingClass(); e instanceof TypeElement t;
            e = t.getEnclosingElement()) {
          if (!methodsNamed(t, name).isEmpty()) {
            owners.add(t);
            break;
          }
        }
        if (owners.isEmpty()) {
          owners.addAll(types.staticImportersOf(name));
        }
      } else if (select instanceof MemberSelectTree sel) {
        name = sel.getIdentifier().toString();
        if (name.equals("clone") && call.getArguments().isEmpty()) {
          Expr array = readExpr(sel.getExpression());
          if (array.type().isArray()) {
            return new Expr.CopyOf(array);
          }
        }
        if (sel.getExpression() instanceof IdentifierTree q && lookup(q.getName().toString()) != null) {
          return unsupportedExpr(call, "Calling a method on a value (" + select + ")",
              "call static @Differentiable methods or Math functions");
        }
        TypeElement owner = types.resolve(sel.getExpression());
        if (owner == null) {
          if (sel.getExpression() instanceof IdentifierTree || sel.getExpression() instanceof MemberSelectTree) {
            if (!(sel.getExpression() instanceof IdentifierTree id && resolvesAsField(id))) {
              reporter.error(Diagnostic.UNKNOWN_IDENTIFIER, sel.getExpression(), unit,
                  sel.getExpression().toString());
              return placeholder();
            }
          }
          Expr value = readExpr(sel.getExpression());
          if (value == PLACEHOLDER) {
            return placeholder();
          }
          return unsupportedExpr(call, "Calling a method on a value (" + select + ")",
              "call static @Differentiable methods or Math functions");
        }
        owners.add(owner);
      } else {
        return unsupportedExpr(call, "This call", "call methods by name");
      }
      String shown = select.toString();
      if (owners.isEmpty()) {
        reporter.error(Diagnostic.UNKNOWN_METHOD, call, unit, shown, shown);
        return placeholder();
      }
      TypeElement owner = owners.get(0);
      String ownerName = owner.getQualifiedName().toString();
      if (ownerName.equals("java.lang.Math") || ownerName.equals("java.lang.StrictMath")) {
        return mathCall(call, ownerName.equals("java.lang.Math") ? MATH : STRICT_MATH, name, args);
      }
      if (ownerName.equals("java.lang.Double") && args.size() == 1
          && MathFunction.predicateNamed(name).isPresent()) {
        return predicate(call, MathFunction.predicateNamed(name).get(), args.get(0));
      }
      if (FAST_MATH.contains(ownerName)
          && MathFunction.named(name).filter(f -> f.arity() == args.size()).isPresent()) {
        // FastMath is a drop-in for Math: same functions, same derivatives; the forward sweep keeps
        // calling FastMath so values stay those of the original method.
        return mathCall(call, ClassName.get(owner), name, args);
      }
      List<ExecutableElement> candidates = new ArrayList<>();
      for (TypeElement t : owners) {
        candidates.addAll(methodsNamed(t, name));
      }
      return differentiableCall(call, shown, candidates, args);
    }

    private List<ExecutableElement> methodsNamed(TypeElement type, String name) {
      List<ExecutableElement> out = new ArrayList<>();
      for (Element member : elements.getAllMembers(type)) {
        if (member.getKind() == ElementKind.METHOD && member.getSimpleName().contentEquals(name)) {
          out.add((ExecutableElement) member);
        }
      }
      return out;
    }

    /** {@code Double.isNaN(x)} and its kin: booleans for conditions. */
    private Expr predicate(MethodInvocationTree call, MathFunction fn, Expr arg) {
      if (!arg.type().isNumeric()) {
        reporter.error(Diagnostic.TYPE_MISMATCH, call.getArguments().get(0), unit,
            "'" + call.getArguments().get(0) + "'", arg.type().keyword(), "double");
        return placeholder();
      }
      return new Expr.MathCall(fn, DOUBLE_CLASS, List.of(arg), JType.BOOLEAN);
    }

    private Expr mathCall(MethodInvocationTree call, ClassName owner, String name, List<Expr> args) {
      MathFunction fn = MathFunction.named(name).orElse(null);
      if (fn == null) {
        reporter.error(Diagnostic.UNSUPPORTED_MATH_FUNCTION, call, unit, owner.simpleName(), name);
        return placeholder();
      }
      if (args.size() != fn.arity()) {
        reporter.error(Diagnostic.WRONG_ARGUMENT_COUNT, call, unit, owner.simpleName() + "." + name,
            args.size(), fn.arity());
        return placeholder();
      }
      for (int i = 0; i < args.size(); i++) {
        if (!args.get(i).type().isNumeric()) {
          reporter.error(Diagnostic.TYPE_MISMATCH, call.getArguments().get(i), unit,
              "'" + call.getArguments().get(i) + "'", "boolean", "double");
          return placeholder();
        }
      }
      JType type = JType.DOUBLE;
      if (fn.hasIntegralOverloads() && args.stream().allMatch(a -> a.type() != JType.DOUBLE)) {
        type = args.stream().map(Expr::type).reduce(JType.INT, JType::promote);
      }
      return new Expr.MathCall(fn, owner, List.copyOf(args), type);
    }

    private Expr differentiableCall(
        MethodInvocationTree call, String shown, List<ExecutableElement> candidates, List<Expr> args) {
      if (candidates.isEmpty()) {
        reporter.error(Diagnostic.UNKNOWN_METHOD, call, unit, shown, shown);
        return placeholder();
      }
      List<ExecutableElement> applicable = new ArrayList<>();
      for (ExecutableElement m : candidates) {
        if (m.getParameters().size() == args.size() && argumentsFit(m, args, false)) {
          applicable.add(m);
        }
      }
      if (applicable.size() > 1) {
        List<ExecutableElement> exact = applicable.stream().filter(m -> argumentsFit(m, args, true)).toList();
        if (exact.size() == 1) {
          applicable = exact;
        }
      }
      if (applicable.isEmpty()) {
        for (ExecutableElement m : candidates) {
          if (m.getParameters().size() != args.size()) {
            continue;
          }
          for (int i = 0; i < args.size(); i++) {
            JType p = typeOf(m.getParameters().get(i).asType());
            if (p != null && !p.acceptsWithoutCast(args.get(i).type()) && args.get(i) != PLACEHOLDER) {
              reporter.error(Diagnostic.TYPE_MISMATCH, call.getArguments().get(i), unit,
                  "'" + call.getArguments().get(i) + "'", args.get(i).type().keyword(), p.keyword());
              return placeholder();
            }
          }
        }
        // Arguments of types javagrad does not model (an Object parameter, say) fit no candidate,
        // but javac accepts the call: say what stops it, not that the count is wrong.
        List<ExecutableElement> sameCount = candidates.stream()
            .filter(m -> m.getParameters().size() == args.size() || m.isVarArgs()).toList();
        if (!sameCount.isEmpty()
            && sameCount.stream().allMatch(m -> m.getAnnotation(Differentiable.class) == null)) {
          reporter.error(Diagnostic.NOT_DIFFERENTIABLE_CALLEE, call, unit, describe(sameCount.get(0)));
          return placeholder();
        }
        ExecutableElement any = candidates.get(0);
        reporter.error(Diagnostic.WRONG_ARGUMENT_COUNT, call, unit, describe(any), args.size(),
            any.getParameters().size());
        return placeholder();
      }
      if (applicable.size() > 1) {
        reporter.error(Diagnostic.AMBIGUOUS_CALL, call, unit, shown);
        return placeholder();
      }
      ExecutableElement target = applicable.get(0);
      if (target.getAnnotation(Differentiable.class) == null) {
        reporter.error(Diagnostic.NOT_DIFFERENTIABLE_CALLEE, call, unit, describe(target));
        return placeholder();
      }
      if (target.getModifiers().contains(Modifier.PRIVATE)) {
        reporter.error(Diagnostic.CALLEE_NOT_ACCESSIBLE, call, unit, describe(target),
            describe(target));
        return placeholder();
      }
      for (int i = 0; i < args.size(); i++) {
        Expr arg = args.get(i);
        if (arg.type().isArray() && !(arg instanceof Expr.Local || arg instanceof Expr.ArrayElement)) {
          reporter.error(Diagnostic.UNSUPPORTED_EXPRESSION, call.getArguments().get(i), unit,
              "Passing a computed array (" + call.getArguments().get(i) + ")",
              "store it in a local array variable first and pass the variable");
          return placeholder();
        }
      }
      Callee callee = calleeOf(target);
      if (callee == null) {
        reporter.error(Diagnostic.CALLEE_PARAMETER_NAMES_UNAVAILABLE, call, unit, describe(target));
        return placeholder();
      }
      Expr.DifferentiableCall result = new Expr.DifferentiableCall(callee, List.copyOf(args));
      callSites.put(result, new MethodModel.CallSite(call, unit));
      return result;
    }

    private boolean argumentsFit(ExecutableElement m, List<Expr> args, boolean exactly) {
      for (int i = 0; i < args.size(); i++) {
        JType p = typeOf(m.getParameters().get(i).asType());
        if (p == null) {
          return false;
        }
        JType a = args.get(i).type();
        if (exactly ? p != a : !p.acceptsWithoutCast(a)) {
          return false;
        }
      }
      return true;
    }

    private String operatorOf(Tree t) {
      return switch (t.getKind()) {
        case AND -> "&";
        case OR -> "|";
        case XOR -> "^";
        case LEFT_SHIFT -> "<<";
        case RIGHT_SHIFT -> ">>";
        case UNSIGNED_RIGHT_SHIFT -> ">>>";
        case BITWISE_COMPLEMENT -> "~";
        case PLUS_ASSIGNMENT -> "+=";
        case MINUS_ASSIGNMENT -> "-=";
        case MULTIPLY_ASSIGNMENT -> "*=";
        case DIVIDE_ASSIGNMENT -> "/=";
        default -> kindName(t);
      };
    }

    // ---- source positions and text

    SourceRef sourceOf(Tree t) {
      long start = trees.getSourcePositions().getStartPosition(unit, t);
      long line = start < 0 ? 0 : lineOf(start);
      return new SourceRef(fileName, line, firstLine(t));
    }

    /** The line of a position; javac keeps no line map when compiling without -g:lines. */
    private long lineOf(long position) {
      if (unit.getLineMap() != null) {
        return unit.getLineMap().getLineNumber(position);
      }
      if (source == null) {
        return 0;
      }
      long line = 1;
      for (int i = 0; i < position && i < source.length(); i++) {
        if (source.charAt(i) == '\n') {
          line++;
        }
      }
      return line;
    }

    private String firstLine(Tree t) {
      String text = textOf(t);
      int nl = text.indexOf('\n');
      if (nl >= 0) {
        text = text.substring(0, nl);
      }
      text = text.strip().replaceAll("\\s+", " ");
      if (text.length() > 90) {
        text = text.substring(0, 87) + "...";
      }
      // A comment must not end early or start a unicode escape in generated code.
      return text.replace("*/", "* /").replace("\\u", "\\\\u");
    }

    String textOf(Tree t) {
      long start = trees.getSourcePositions().getStartPosition(unit, t);
      long end = trees.getSourcePositions().getEndPosition(unit, t);
      if (source != null && start >= 0 && end > start && end <= source.length()) {
        return source.subSequence((int) start, (int) end).toString();
      }
      return t.toString();
    }
  }

  // ---------------------------------------------------------------- helpers

  /**
   * The callee with the names of its generated pullback and partials, or null when its {@code wrt}
   * names cannot be matched to parameters (a class file compiled without parameter names).
   * Partials are matched by position: from the already compiled companion's record components
   * when it exists, so separate compilation never depends on parameter names.
   */
  private Callee calleeOf(ExecutableElement target) {
    GeneratedNames names = Naming.namesFor(target);
    List<JType> types = new ArrayList<>();
    List<String> differentiatedNames = new ArrayList<>();
    List<Integer> differentiated = new ArrayList<>();
    String[] wrt = target.getAnnotation(Differentiable.class).wrt();
    Set<String> wrtSet = Set.of(wrt);
    List<? extends VariableElement> params = target.getParameters();
    JType resultType = target.getReturnType().getKind() == TypeKind.VOID
        ? null : typeOf(target.getReturnType());
    for (int i = 0; i < params.size(); i++) {
      JType t = typeOf(params.get(i).asType());
      types.add(t);
      String n = params.get(i).getSimpleName().toString();
      boolean differentiable = t != null && t.isDifferentiable()
          && (resultType == JType.DOUBLE || t.isArray());
      // A void method's pullback takes an adjoint for every double array: inputs and outputs.
      boolean all = wrt.length == 0 || resultType == null && t != null && t.isArray();
      if (differentiable && (all || wrtSet.contains(n))) {
        differentiatedNames.add(n);
        differentiated.add(i);
      }
    }
    for (String w : wrt) {
      if (!differentiatedNames.contains(w)) {
        return null; // a wrt name matches no parameter name: names were not kept
      }
    }
    List<String> partials = Naming.partialNames(differentiatedNames);
    boolean fromSource = trees.getPath(target) != null;
    TypeElement compiledRecord =
        fromSource ? null : elements.getTypeElement(names.resultRecord().canonicalName());
    if (compiledRecord != null && compiledRecord.getKind() == ElementKind.RECORD) {
      List<String> components = new ArrayList<>();
      for (Element c : compiledRecord.getRecordComponents()) {
        components.add(c.getSimpleName().toString());
      }
      components.remove("value");
      if (components.size() != differentiated.size()) {
        return null;
      }
      partials = components;
    }
    List<String> accessors = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      int k = differentiated.indexOf(i);
      accessors.add(k >= 0 ? partials.get(k) : null);
    }
    return new Callee(
        ClassName.get((TypeElement) target.getEnclosingElement()),
        target.getSimpleName().toString(),
        types,
        accessors,
        names.companion(),
        names.pullback(),
        names.resultRecord(),
        resultType,
        resultType == null ? writtenParameters(target) : java.util.Set.of());
  }

  /** The array parameters a void method's body writes into, or null without its source. */
  private java.util.Set<Integer> writtenParameters(ExecutableElement method) {
    TreePath path = trees.getPath(method);
    if (path == null || !(path.getLeaf() instanceof MethodTree tree) || tree.getBody() == null) {
      return null;
    }
    List<String> names = method.getParameters().stream()
        .map(p -> p.getSimpleName().toString()).toList();
    java.util.Set<Integer> written = new java.util.TreeSet<>();
    new com.sun.source.util.TreeScanner<Void, Void>() {
      private void target(ExpressionTree t) {
        while (t instanceof ArrayAccessTree a) {
          t = a.getExpression();
        }
        if (t instanceof IdentifierTree id && names.contains(id.getName().toString())) {
          written.add(names.indexOf(id.getName().toString()));
        }
      }

      @Override
      public Void visitAssignment(AssignmentTree node, Void unused) {
        if (node.getVariable() instanceof ArrayAccessTree) {
          target(node.getVariable());
        }
        return super.visitAssignment(node, unused);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
        if (node.getVariable() instanceof ArrayAccessTree) {
          target(node.getVariable());
        }
        return super.visitCompoundAssignment(node, unused);
      }

      @Override
      public Void visitUnary(UnaryTree node, Void unused) {
        boolean step = node.getKind() == Tree.Kind.POSTFIX_INCREMENT
            || node.getKind() == Tree.Kind.PREFIX_INCREMENT
            || node.getKind() == Tree.Kind.POSTFIX_DECREMENT
            || node.getKind() == Tree.Kind.PREFIX_DECREMENT;
        if (step && node.getExpression() instanceof ArrayAccessTree) {
          target(node.getExpression());
        }
        return super.visitUnary(node, unused);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        // an array handed to another method may be written there
        for (ExpressionTree arg : node.getArguments()) {
          if (arg instanceof IdentifierTree id && names.contains(id.getName().toString())) {
            written.add(names.indexOf(id.getName().toString()));
          }
        }
        return super.visitMethodInvocation(node, unused);
      }
    }.scan(tree.getBody(), null);
    return written;
  }

  /** Stands in for an expression that already has an error, so no follow-on error is reported. */
  private static final Expr.Literal PLACEHOLDER = new Expr.Literal("0", 0, JType.DOUBLE);

  private static Expr placeholder() {
    return PLACEHOLDER;
  }

  private static JType primitive(TypeKind kind) {
    return switch (kind) {
      case DOUBLE -> JType.DOUBLE;
      case INT -> JType.INT;
      case LONG -> JType.LONG;
      case BOOLEAN -> JType.BOOLEAN;
      default -> null;
    };
  }

  private static Stmt.AssignOp compoundOp(Tree.Kind kind) {
    return switch (kind) {
      case PLUS_ASSIGNMENT -> Stmt.AssignOp.ADD;
      case MINUS_ASSIGNMENT -> Stmt.AssignOp.SUBTRACT;
      case MULTIPLY_ASSIGNMENT -> Stmt.AssignOp.MULTIPLY;
      default -> Stmt.AssignOp.DIVIDE;
    };
  }

  private static BinaryOp binaryOp(Tree.Kind kind) {
    return switch (kind) {
      case MULTIPLY -> BinaryOp.MULTIPLY;
      case DIVIDE -> BinaryOp.DIVIDE;
      case REMAINDER -> BinaryOp.REMAINDER;
      case PLUS -> BinaryOp.ADD;
      case MINUS -> BinaryOp.SUBTRACT;
      case LESS_THAN -> BinaryOp.LESS;
      case LESS_THAN_EQUAL -> BinaryOp.LESS_EQUAL;
      case GREATER_THAN -> BinaryOp.GREATER;
      case GREATER_THAN_EQUAL -> BinaryOp.GREATER_EQUAL;
      case EQUAL_TO -> BinaryOp.EQUAL;
      case NOT_EQUAL_TO -> BinaryOp.NOT_EQUAL;
      case CONDITIONAL_AND -> BinaryOp.AND;
      default -> BinaryOp.OR;
    };
  }

  private static String literalText(Number n, JType type) {
    return switch (type) {
      case INT -> Integer.toString(n.intValue());
      case LONG -> n.longValue() + "L";
      default -> {
        double d = n.doubleValue();
        yield Double.isFinite(d) ? Double.toString(d) : (d > 0 ? "java.lang.Double.POSITIVE_INFINITY"
            : d < 0 ? "java.lang.Double.NEGATIVE_INFINITY" : "java.lang.Double.NaN");
      }
    };
  }

  private static String kindName(Tree t) {
    return t.getKind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
