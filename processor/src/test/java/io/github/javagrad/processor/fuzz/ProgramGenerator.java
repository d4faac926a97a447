package io.github.javagrad.processor.fuzz;

import io.github.javagrad.processor.fuzz.Ast.Expr;
import io.github.javagrad.processor.fuzz.Ast.Method;
import io.github.javagrad.processor.fuzz.Ast.Param;
import io.github.javagrad.processor.fuzz.Ast.Program;
import io.github.javagrad.processor.fuzz.Ast.Stmt;
import io.github.javagrad.processor.fuzz.Ast.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates random {@code @Differentiable} programs in javagrad's supported subset, reproducibly
 * from a seed. Every program is valid Java that compiles warning-free, terminates, never throws,
 * and keeps every Math function inside its domain (log and sqrt of {@code c + u*u}, asin of
 * {@code tanh(u)/2}, exp of a bounded argument, division by {@code c + u*u}, ...). Array indices
 * are literals below the array's length or loop variables whose bound is at most that length.
 */
final class ProgramGenerator {
  private static final int INDEX_FREE = Integer.MAX_VALUE;

  /** A variable in scope. {@code bound}: for ints, an exclusive upper bound of a non-negative value usable as an index (else {@link #INDEX_FREE}); for arrays, the length. */
  private record Var(String name, Type type, boolean assignable, int bound, boolean parameterArray) {}

  private final SplittableRandom rnd;
  /** Depth of Math-call arguments being generated (FUZZ-8). */
  private int inMath;
  /** Depth of dbl() calls being generated (FUZZ-8: conditionals at the root only). */
  private int nested;
  /** Open processor bugs to steer around (see /tmp/javagrad-bugs/fuzz.md), so the rest stays fuzzed. */
  private final java.util.Set<String> avoid;

  // ---- per program
  private RunConfig config;
  private boolean staticImport;
  private final List<Method> done = new ArrayList<>();
  private final List<String> doubleConstants = new ArrayList<>();
  private final List<String> intConstants = new ArrayList<>();

  // ---- per method
  private final Deque<List<Var>> scopes = new ArrayDeque<>();
  private int counter;
  private int loopDepth;
  private int blockDepth;
  private int budget;
  /** if/else and switch branches entered outside any loop. */
  private int branchDepth;
  /** switch statements entered since the innermost loop: a break there would leave the switch. */
  private int switchDepth;
  /** Early-return blocks entered since the innermost loop (FUZZ-2: no break before their return). */
  private int returnBlockDepth;
  /** The innermost loop is in a branch outside loops (FUZZ-1: it must stay a counted loop). */
  private boolean loopInBranch;
  /** A break or continue was generated in the innermost loop's body (FUZZ-3: no continue after it). */
  private boolean jumpSeen;
  /** A break was generated in the innermost loop's body (FUZZ-6: no second break). */
  private boolean breakSeen;
  /** How the innermost loop may be left early: 'a' any, 'b' break only, 'r' return only (FUZZ-4). */
  private char loopExit = 'a';

  ProgramGenerator(long seed) {
    this(seed, java.util.Set.of());
  }

  ProgramGenerator(long seed, java.util.Set<String> avoid) {
    this.rnd = new SplittableRandom(seed);
    this.avoid = avoid;
  }

  Program generate(String className) {
    int arrayLength = 2 + rnd.nextInt(3);
    config = new RunConfig(rnd.nextInt(arrayLength + 1), rnd.nextBoolean(), arrayLength, rnd.nextLong());
    staticImport = rnd.nextInt(4) == 0;
    done.clear();
    doubleConstants.clear();
    intConstants.clear();
    List<String> members = new ArrayList<>();
    if (rnd.nextInt(3) == 0) {
      members.add("static final double K0 = 0.75;");
      members.add("private static final double K1 = -1.25;");
      members.add("static final double K2 = Math.sqrt(2.0);");
      members.add("static final int N0 = 2;");
      doubleConstants.addAll(List.of("K0", "K1", "K2"));
      intConstants.add("N0");
    }
    if (rnd.nextInt(10) < 3) {
      done.add(arrayHelper("fill0", true));
    }
    if (rnd.nextInt(10) < 3) {
      done.add(arrayHelper("make0", false));
    }
    int methods = 1 + rnd.nextInt(3);
    for (int m = 0; m < methods; m++) {
      done.add(method("m" + m, m == methods - 1));
    }
    List<String> imports = staticImport ? List.of("import static java.lang.Math.*;") : List.of();
    return new Program(className, imports, members, List.copyOf(done), config);
  }

  // ------------------------------------------------------------------ methods

  private Method method(String name, boolean last) {
    scopes.clear();
    counter = 0;
    loopDepth = 0;
    blockDepth = 0;
    budget = 4 + rnd.nextInt(last ? 22 : 12);
    List<Param> params = new ArrayList<>();
    int doubles = 1 + rnd.nextInt(3);
    for (int i = 0; i < doubles; i++) {
      params.add(new Param(Type.DOUBLE, "x" + i));
    }
    if (rnd.nextInt(5) < 2) {
      params.add(new Param(Type.DOUBLE_ARRAY, "a"));
    }
    if (rnd.nextInt(10) < 3) {
      params.add(new Param(Type.INT, "n"));
    }
    if (rnd.nextInt(10) < 1) {
      params.add(new Param(Type.BOOLEAN, "flag"));
    }
    for (int i = params.size() - 1; i > 0; i--) { // shuffle
      int j = rnd.nextInt(i + 1);
      Param t = params.get(i);
      params.set(i, params.get(j));
      params.set(j, t);
    }
    List<Var> top = new ArrayList<>();
    for (Param p : params) {
      switch (p.type()) {
        case DOUBLE -> top.add(new Var(p.name(), Type.DOUBLE, true, INDEX_FREE, false));
        case DOUBLE_ARRAY -> top.add(new Var(p.name(), Type.DOUBLE_ARRAY, false, config.arrayLength(), true));
        // n is never assigned: its value bounds loops that index arrays
        case INT -> top.add(new Var(p.name(), Type.INT, false, INDEX_FREE, false));
        case BOOLEAN -> top.add(new Var(p.name(), Type.BOOLEAN, true, INDEX_FREE, false));
      }
    }
    scopes.push(top);
    List<Stmt> body = new ArrayList<>();
    int n = 1 + rnd.nextInt(6);
    for (int i = 0; i < n && budget > 0; i++) {
      body.add(statement());
    }
    body.add(Stmt.of("return $E0;", finalResult()));
    String annotation = "@Differentiable";
    if (last && rnd.nextInt(10) == 0 && doubles > 1) {
      annotation = "@Differentiable(wrt = {\"x" + rnd.nextInt(doubles) + "\"})";
    }
    return new Method(annotation, "double", name, List.copyOf(params), List.copyOf(body));
  }

  /**
   * A helper on arrays of the program's array length: {@code void fill0(double[] a, double x0,
   * double[] out)} writing {@code out}, or {@code double[] make0(double[] a, double x0)} returning
   * a new array. Called from the scalar methods (statements {@code fill0(a, e, w);} and {@code
   * double[] w = make0(a, e);}).
   */
  private Method arrayHelper(String name, boolean isVoid) {
    scopes.clear();
    counter = 0;
    loopDepth = 1; // its body is one loop; no early exits
    blockDepth = 2;
    budget = 3;
    List<Param> params = new ArrayList<>(List.of(new Param(Type.DOUBLE_ARRAY, "a"), new Param(Type.DOUBLE, "x0")));
    List<Var> top = new ArrayList<>();
    top.add(new Var("a", Type.DOUBLE_ARRAY, false, config.arrayLength(), true));
    top.add(new Var("x0", Type.DOUBLE, true, INDEX_FREE, false));
    String target = isVoid ? "out" : "r";
    if (isVoid) {
      params.add(new Param(Type.DOUBLE_ARRAY, "out"));
    }
    top.add(new Var(target, Type.DOUBLE_ARRAY, false, config.arrayLength(), false));
    scopes.push(top);
    scopes.push(new ArrayList<>(List.of(new Var("i", Type.INT, false, config.arrayLength(), false))));
    List<Stmt> loop = new ArrayList<>();
    loop.add(Stmt.of(target + "[i] " + (isVoid && rnd.nextBoolean() ? "+=" : "=") + " $E0;", dbl(3)));
    if (rnd.nextBoolean()) {
      loop.add(Stmt.of(target + "[i] *= $E0;", tame(2)));
    }
    loopExit = 'b';
    jumpSeen = true;
    breakSeen = true;
    scopes.pop();
    scopes.pop();
    List<Stmt> body = new ArrayList<>();
    if (!isVoid) {
      body.add(Stmt.of("double[] r = new double[a.length];"));
    }
    body.add(Stmt.withBlocks("for (int i = 0; i < " + target + ".length; i++) $B0", List.of(), List.of(loop)));
    if (!isVoid) {
      body.add(Stmt.of("return r;"));
    }
    loopDepth = 0;
    blockDepth = 0;
    loopExit = 'a';
    jumpSeen = false;
    breakSeen = false;
    return new Method("@Differentiable", isVoid ? "void" : "double[]", name, List.copyOf(params), List.copyOf(body));
  }

  /** {@code fill0(a, e, w);} into a local array of the program's length, distinct from the input. */
  private Stmt callFill() {
    Method fill = helper("fill0");
    if (fill == null) {
      return null;
    }
    List<Var> inputs = new ArrayList<>();
    List<Var> outputs = new ArrayList<>();
    for (Var v : visible(Type.DOUBLE_ARRAY, false)) {
      if (v.bound == config.arrayLength()) {
        inputs.add(v);
        if (!v.parameterArray) {
          outputs.add(v);
        }
      }
    }
    if (outputs.isEmpty()) {
      return null;
    }
    Var out = outputs.get(rnd.nextInt(outputs.size()));
    inputs.remove(out);
    if (avoid.contains("FUZZ-9")) {
      inputs.removeIf(v -> v.parameterArray); // FUZZ-9: JG207 false positive for parameter arrays
    }
    if (inputs.isEmpty()) {
      return null;
    }
    Var in = inputs.get(rnd.nextInt(inputs.size()));
    // methods returning void or double[] differentiate array parameters only: pass a constant
    return Stmt.of("fill0(" + in.name + ", $E0, " + out.name + ");", constant());
  }

  /** {@code double[] w = make0(a, e);} outside loops. */
  private Stmt declareMade() {
    if (helper("make0") == null || loopDepth > 0) {
      return null;
    }
    List<Var> inputs = new ArrayList<>();
    for (Var v : visible(Type.DOUBLE_ARRAY, false)) {
      if (v.bound == config.arrayLength()) {
        inputs.add(v);
      }
    }
    if (inputs.isEmpty()) {
      return null;
    }
    Var in = inputs.get(rnd.nextInt(inputs.size()));
    String name = "w" + counter++;
    Stmt s = Stmt.of("double[] " + name + " = make0(" + in.name + ", $E0);", constant());
    scope().add(new Var(name, Type.DOUBLE_ARRAY, false, config.arrayLength(), false));
    return s;
  }

  private Expr constant() {
    String[] literals = {"0.5", "2.0", "1.5", "-0.75", "3"};
    return lit(literals[rnd.nextInt(literals.length)]);
  }

  private Method helper(String name) {
    for (Method m : done) {
      if (m.name().equals(name)) {
        return m;
      }
    }
    return null;
  }

  /** The returned expression: a few variables in scope plus a random expression. */
  private Expr finalResult() {
    Expr e = dbl(2);
    int terms = rnd.nextInt(4);
    for (int i = 0; i < terms; i++) {
      Expr v = doubleLeaf();
      e = binary(Type.DOUBLE, rnd.nextBoolean() ? "+" : "-", ADD(), e, v);
    }
    return e;
  }

  // ------------------------------------------------------------------ statements

  private Stmt statement() {
    budget--;
    boolean canNest = blockDepth < 3 && budget > 1;
    boolean inLoop = loopDepth > 0;
    // FUZZ-5: no declarations (nor loops, which declare counters) after a jump in a loop body
    boolean noDeclarations = inLoop && jumpSeen && avoid.contains("FUZZ-5");
    while (true) {
      int pick = rnd.nextInt(100);
      if (noDeclarations && (pick < 16 || (pick >= 32 && pick < 35) || (pick >= 38 && pick < 40)
          || (pick >= 66 && pick < 80) || (pick >= 89 && pick < 92) || pick >= 96)) {
        Stmt s = assignDouble();
        if (s != null) {
          return s;
        }
        continue;
      }
      if (pick < 16) {
        return declare(Type.DOUBLE, "v", dbl(3));
      } else if (pick < 32) {
        Stmt s = assignDouble();
        if (s != null) {
          return s;
        }
      } else if (pick < 35) {
        return declare(Type.INT, "k", intExpr(2));
      } else if (pick < 38) {
        Stmt s = updateInt();
        if (s != null) {
          return s;
        }
      } else if (pick < 40) {
        return declare(Type.BOOLEAN, "b", bool(2));
      } else if (pick < 46) {
        if (!inLoop) {
          return declareArray();
        }
      } else if (pick < 54) {
        Stmt s = writeArray();
        if (s != null) {
          return s;
        }
      } else if (pick < 63) {
        if (canNest) {
          return ifStatement();
        }
      } else if (pick < 66) {
        if (canNest && !loopInBranch && !(loopDepth > 0 && loopExit == 'b')) {
          return ifReturn();
        }
      } else if (pick < 80) {
        if (canNest && loopDepth < 2) {
          return loop();
        }
      } else if (pick < 85) {
        if (inLoop && !loopInBranch && !(returnBlockDepth > 0 && avoid.contains("FUZZ-2"))) {
          return jump();
        }
      } else if (pick < 89) {
        if (canNest) {
          return switchStatement();
        }
      } else if (pick < 92) {
        return switchExpressionDeclaration();
      } else if (pick < 94) {
        Stmt s = chainAssignment();
        if (s != null) {
          return s;
        }
      } else if (pick < 96) {
        Stmt s = ternaryAssignment();
        if (s != null) {
          return s;
        }
      } else if (pick < 98) {
        Stmt s = rnd.nextBoolean() ? callFill() : declareMade();
        if (s != null) {
          return s;
        }
      } else if (rnd.nextBoolean() && !avoid.contains("THROW")) {
        return guard();
      } else {
        return declare(Type.DOUBLE, "v", dbl(2));
      }
    }
  }

  /** The message of every exception the generated methods throw; the oracle knows it by this. */
  static final String GUARD = "javagrad-fuzz guard";

  /**
   * {@code if (c) { throw new IllegalStateException("guard " + (e)); }}: where the method throws,
   * its gradient must throw the same exception, whose message reads the variables' current values.
   */
  private Stmt guard() {
    Stmt thrown = Stmt.of("throw new IllegalStateException(\"" + GUARD + " \" + ($E0));", dbl(1));
    return Stmt.withBlocks("if ($E0) $B0", List.of(bool(2)), List.of(List.of(thrown)));
  }

  private Stmt declare(Type type, String prefix, Expr init) {
    String name = prefix + counter++;
    boolean useVar = type == Type.DOUBLE && rnd.nextInt(10) == 0 && init.type() == Type.DOUBLE;
    scope().add(new Var(name, type, true, INDEX_FREE, false));
    return Stmt.of((useVar ? "var" : type.java) + " " + name + " = $E0;", init);
  }

  private Stmt assignDouble() {
    Var v = pickAssignable(Type.DOUBLE);
    if (v == null) {
      return null;
    }
    return switch (rnd.nextInt(7)) {
      case 0, 1 -> Stmt.of(v.name + " = $E0;", dbl(3));
      case 2 -> Stmt.of(v.name + " += $E0;", dbl(2));
      case 3 -> Stmt.of(v.name + " -= $E0;", dbl(2));
      case 4 -> Stmt.of(v.name + " *= $E0;", tame(2));
      case 5 -> Stmt.of(v.name + " /= $E0;", positive(2));
      default -> Stmt.of(v.name + " = $E0;", loopCarried(v));
    };
  }

  /** {@code v = 0.5 * v + e} and similar: keeps loop-carried values bounded. */
  private Expr loopCarried(Var v) {
    Expr self = Expr.leaf(Type.DOUBLE, v.name);
    return switch (rnd.nextInt(3)) {
      case 0 -> binary(Type.DOUBLE, "+", ADD(), binary(Type.DOUBLE, "*", MUL(), lit("0.5"), self), dbl(2));
      case 1 -> mathCall("sin", binary(Type.DOUBLE, "+", ADD(), self, dbl(2)));
      default -> binary(Type.DOUBLE, "*", MUL(), self, tame(2));
    };
  }

  private Stmt chainAssignment() {
    List<Var> vs = visible(Type.DOUBLE, true);
    if (vs.size() < 2) {
      return null;
    }
    Var a = vs.get(rnd.nextInt(vs.size()));
    Var b = vs.get(rnd.nextInt(vs.size()));
    if (a == b) {
      return null;
    }
    return Stmt.of(a.name + " = " + b.name + " = $E0;", dbl(2));
  }

  private Stmt ternaryAssignment() {
    Var v = pickAssignable(Type.DOUBLE);
    if (v == null) {
      return null;
    }
    return Stmt.of(v.name + " = $E0;", ternary(Type.DOUBLE, bool(1), dbl(2), dbl(2)));
  }

  private Stmt updateInt() {
    Var v = pickAssignable(Type.INT);
    if (v == null) {
      return null;
    }
    return switch (rnd.nextInt(4)) {
      case 0 -> Stmt.of(v.name + "++;");
      case 1 -> Stmt.of(v.name + "--;");
      case 2 -> Stmt.of(v.name + " += $E0;", intExpr(1));
      default -> Stmt.of(v.name + " = $E0;", intExpr(2));
    };
  }

  private Stmt declareArray() {
    String name = "w" + counter++;
    List<Var> params = new ArrayList<>();
    for (Var v : all()) {
      if (v.parameterArray) {
        params.add(v);
      }
    }
    int pick = rnd.nextInt(params.isEmpty() ? 2 : 3);
    if (pick == 0) {
      int len = rnd.nextInt(4) == 0 ? config.arrayLength() : 1 + rnd.nextInt(4);
      scope().add(new Var(name, Type.DOUBLE_ARRAY, false, len, false));
      return Stmt.of("double[] " + name + " = new double[" + len + "];");
    } else if (pick == 1 && !avoid.contains("FUZZ-7")) {
      // FUZZ-7: reads in an initializer of a variable overwritten later are not restored
      int len = rnd.nextInt(3) == 0 ? config.arrayLength() : 1 + rnd.nextInt(4);
      List<Expr> init = new ArrayList<>();
      StringBuilder t = new StringBuilder("double[] " + name + " = {");
      for (int i = 0; i < len; i++) {
        t.append(i > 0 ? ", " : "").append("$E").append(i);
        init.add(dbl(2));
      }
      t.append("};");
      scope().add(new Var(name, Type.DOUBLE_ARRAY, false, len, false));
      return Stmt.withBlocks(t.toString(), init, List.of());
    } else if (pick == 1) {
      int len = 1 + rnd.nextInt(4);
      scope().add(new Var(name, Type.DOUBLE_ARRAY, false, len, false));
      return Stmt.of("double[] " + name + " = new double[" + len + "];");
    } else {
      Var p = params.get(rnd.nextInt(params.size()));
      scope().add(new Var(name, Type.DOUBLE_ARRAY, false, p.bound, false));
      return Stmt.of("double[] " + name + " = " + p.name + ".clone();");
    }
  }

  private Stmt writeArray() {
    List<Var> arrays = new ArrayList<>();
    for (Var v : all()) {
      if (v.type == Type.DOUBLE_ARRAY && !v.parameterArray) {
        arrays.add(v);
      }
    }
    if (arrays.isEmpty()) {
      return null;
    }
    Var w = arrays.get(rnd.nextInt(arrays.size()));
    Expr index = index(w);
    return switch (rnd.nextInt(5)) {
      case 0, 1 -> Stmt.of(w.name + "[$E0] = $E1;", index, dbl(2));
      case 2 -> Stmt.of(w.name + "[$E0] += $E1;", index, dbl(2));
      case 3 -> Stmt.of(w.name + "[$E0] *= $E1;", index, tame(2));
      default -> Stmt.of(w.name + "[$E0] = $E1;", index, loopCarriedElement(w, index));
    };
  }

  private Expr loopCarriedElement(Var w, Expr index) {
    Expr self = Expr.op(Type.DOUBLE, Ast.PRIMARY, w.name + "[#0]", new int[] {0}, index);
    return binary(Type.DOUBLE, "+", ADD(), binary(Type.DOUBLE, "*", MUL(), lit("0.5"), self), dbl(2));
  }

  private List<Stmt> block(int max) {
    blockDepth++;
    scopes.push(new ArrayList<>());
    List<Stmt> out = new ArrayList<>();
    int n = 1 + rnd.nextInt(max);
    for (int i = 0; i < n && budget > 0; i++) {
      out.add(statement());
    }
    scopes.pop();
    blockDepth--;
    return out;
  }

  private Stmt ifStatement() {
    branchDepth++;
    try {
      return ifStatementInBranch();
    } finally {
      branchDepth--;
    }
  }

  private Stmt ifStatementInBranch() {
    Expr cond = bool(2);
    List<Stmt> then = block(3);
    int shape = rnd.nextInt(3);
    if (shape == 0) {
      return Stmt.withBlocks("if ($E0) $B0", List.of(cond), List.of(then));
    } else if (shape == 1) {
      return Stmt.withBlocks("if ($E0) $B0 else $B1", List.of(cond), List.of(then, block(3)));
    } else {
      Expr cond2 = bool(2);
      return Stmt.withBlocks(
          "if ($E0) $B0 else if ($E1) $B1 else $B2",
          List.of(cond, cond2),
          List.of(then, block(2), block(2)));
    }
  }

  /** {@code if (c) { ...; return e; }}: an early return, never in both branches. */
  private Stmt ifReturn() {
    branchDepth++;
    try {
      return ifReturnInBranch();
    } finally {
      branchDepth--;
    }
  }

  private Stmt ifReturnInBranch() {
    Expr cond = bool(2);
    returnBlockDepth++;
    try {
      if (loopDepth > 0) {
        jumpSeen = true;
      }
      return ifReturnBody(cond);
    } finally {
      returnBlockDepth--;
    }
  }

  private Stmt ifReturnBody(Expr cond) {
    blockDepth++;
    scopes.push(new ArrayList<>());
    List<Stmt> body = new ArrayList<>();
    int n = rnd.nextInt(3);
    for (int i = 0; i < n && budget > 0; i++) {
      body.add(statement());
    }
    body.add(Stmt.of("return $E0;", finalResult()));
    scopes.pop();
    blockDepth--;
    return Stmt.withBlocks("if ($E0) $B0", List.of(cond), List.of(body));
  }

  /** {@code if (c) break;}, {@code if (c) continue;} or {@code if (c) return e;} in a loop. */
  private Stmt jump() {
    List<String> allowed = new ArrayList<>();
    // JG201: a break inside a switch case (other than its final one) is not supported
    if (switchDepth == 0 && loopExit != 'r' && !(breakSeen && avoid.contains("FUZZ-6"))) {
      allowed.add("break");
      allowed.add("break");
    }
    if (!(jumpSeen && avoid.contains("FUZZ-3"))) {
      allowed.add("continue");
      allowed.add("continue");
    }
    if (loopExit != 'b') {
      allowed.add("return");
    }
    if (allowed.isEmpty()) {
      return declare(Type.DOUBLE, "v", dbl(2));
    }
    String kind = allowed.get(rnd.nextInt(allowed.size()));
    Expr cond = bool(1);
    jumpSeen = true;
    if (kind.equals("return")) {
      return Stmt.of("if ($E0) return $E1;", cond, dbl(2));
    }
    jumpSeen = true;
    breakSeen |= kind.equals("break");
    return Stmt.of("if ($E0) " + kind + ";", cond);
  }

  private Stmt loop() {
    int savedBranchDepth = branchDepth;
    int savedSwitchDepth = switchDepth;
    int savedReturnBlockDepth = returnBlockDepth;
    boolean savedLoopInBranch = loopInBranch;
    boolean savedJumpSeen = jumpSeen;
    boolean savedBreakSeen = breakSeen;
    breakSeen = false;
    char savedLoopExit = loopExit;
    loopExit = avoid.contains("FUZZ-4") ? (rnd.nextBoolean() ? 'b' : 'r') : 'a';
    returnBlockDepth = 0;
    boolean inBranch = branchDepth > 0 && loopDepth == 0;
    loopInBranch = inBranch && avoid.contains("FUZZ-1");
    jumpSeen = false;
    loopDepth++;
    branchDepth = 0;
    switchDepth = 0;
    try {
      int kind = rnd.nextInt(10);
      if (inBranch && avoid.contains("FUZZ-1") && kind >= 5 && kind <= 7) {
        kind = 0; // FUZZ-1: loops that count their trips (not i++/i--) in a branch outside loops
      }
      String i = "i" + counter++;
      // bound: a literal, the int parameter, or an array's length
      int bound;
      String boundText;
      Var n = find("n");
      List<Var> arrays = visible(Type.DOUBLE_ARRAY, false);
      int b = rnd.nextInt(4);
      if (b == 0 && n != null) {
        bound = config.intArg();
        boundText = "n";
      } else if (b == 1 && !arrays.isEmpty()) {
        Var w = arrays.get(rnd.nextInt(arrays.size()));
        bound = w.bound;
        boundText = w.name + ".length";
      } else {
        bound = 1 + rnd.nextInt(4);
        boundText = Integer.toString(bound);
      }
      if (kind < 4) {
        scopes.push(new ArrayList<>(List.of(new Var(i, Type.INT, false, bound, false))));
        List<Stmt> body = block(4);
        scopes.pop();
        return Stmt.withBlocks(
            "for (int " + i + " = 0; " + i + " < " + boundText + "; " + i + "++) $B0", List.of(), List.of(body));
      } else if (kind < 5) {
        scopes.push(new ArrayList<>(List.of(new Var(i, Type.INT, false, bound, false))));
        List<Stmt> body = block(3);
        scopes.pop();
        return Stmt.withBlocks(
            "for (int " + i + " = " + boundText + " - 1; " + i + " >= 0; " + i + "--) $B0",
            List.of(),
            List.of(body));
      } else if (kind < 6) {
        scopes.push(new ArrayList<>(List.of(new Var(i, Type.INT, false, bound, false))));
        List<Stmt> body = block(3);
        scopes.pop();
        return Stmt.withBlocks(
            "for (int " + i + " = 0; " + i + " < " + boundText + "; " + i + " += 2) $B0",
            List.of(),
            List.of(body));
      } else if (kind < 7) {
        // while with a counter decremented first, so continue cannot skip it
        String c = "c" + counter++;
        scopes.push(new ArrayList<>(List.of(new Var(c, Type.INT, false, bound, false))));
        List<Stmt> body = new ArrayList<>(block(3));
        scopes.pop();
        body.add(0, Stmt.pinned(c + "--;"));
        return Stmt.withBlocks(
            "int " + c + " = " + boundText + ";\nwhile (" + c + " > 0) $B0", List.of(), List.of(body));
      } else if (kind < 8) {
        String c = "c" + counter++;
        int lit = 1 + rnd.nextInt(3);
        scopes.push(new ArrayList<>(List.of(new Var(c, Type.INT, false, lit, false))));
        List<Stmt> body = new ArrayList<>(block(3));
        scopes.pop();
        body.add(0, Stmt.pinned(c + "--;"));
        return Stmt.withBlocks(
            "int " + c + " = " + lit + ";\ndo $B0 while (" + c + " > 0);", List.of(), List.of(body));
      } else {
        // enhanced for over an array
        if (arrays.isEmpty()) {
          scopes.push(new ArrayList<>(List.of(new Var(i, Type.INT, false, bound, false))));
          List<Stmt> body = block(3);
          scopes.pop();
          return Stmt.withBlocks(
              "for (int " + i + " = 0; " + i + " < " + boundText + "; " + i + "++) $B0",
              List.of(),
              List.of(body));
        }
        Var w = arrays.get(rnd.nextInt(arrays.size()));
        String t = "t" + counter++;
        scopes.push(new ArrayList<>(List.of(new Var(t, Type.DOUBLE, false, INDEX_FREE, false))));
        List<Stmt> body = block(3);
        scopes.pop();
        return Stmt.withBlocks("for (double " + t + " : " + w.name + ") $B0", List.of(), List.of(body));
      }
    } finally {
      loopDepth--;
      branchDepth = savedBranchDepth;
      switchDepth = savedSwitchDepth;
      returnBlockDepth = savedReturnBlockDepth;
      loopInBranch = savedLoopInBranch;
      // a return in the inner loop also leaves this one (FUZZ-3); be conservative with any jump
      jumpSeen = savedJumpSeen || jumpSeen;
      breakSeen = savedBreakSeen;
      loopExit = savedLoopExit;
    }
  }

  private Stmt switchStatement() {
    branchDepth++;
    switchDepth++;
    try {
      return switchStatementInBranch();
    } finally {
      branchDepth--;
      switchDepth--;
    }
  }

  private Stmt switchStatementInBranch() {
    Expr selector = switchSelector();
    if (rnd.nextBoolean()) {
      List<Stmt> b0 = block(2);
      List<Stmt> b1 = block(2);
      List<Stmt> b2 = block(2);
      return Stmt.withBlocks(
          "switch ($E0) {\n  case 0 -> $B0\n  case 1, 2 -> $B1\n  default -> $B2\n}",
          List.of(selector),
          List.of(b0, b1, b2));
    }
    List<Stmt> b0 = block(2);
    List<Stmt> b1 = block(2);
    return Stmt.withBlocks(
        "switch ($E0) {\n  case 1: $B0\n  break;\n  default: $B1\n  break;\n}",
        List.of(selector),
        List.of(b0, b1));
  }

  private Expr switchSelector() {
    Expr e = intExpr(1);
    return Expr.op(Type.INT, Ast.MULTIPLICATIVE, "#0 % 3", new int[] {Ast.MULTIPLICATIVE}, e);
  }

  private Stmt switchExpressionDeclaration() {
    Expr selector = switchSelector();
    String name = "v" + counter++;
    Stmt s =
        Stmt.of(
            "double " + name + " = switch ($E0) {\n  case 0 -> $E1;\n  case 1, -1 -> $E2;\n  default -> $E3;\n};",
            selector,
            dbl(2),
            dbl(2),
            dbl(2));
    scope().add(new Var(name, Type.DOUBLE, true, INDEX_FREE, false));
    return s;
  }

  // ------------------------------------------------------------------ expressions

  private static int[] ADD() {
    return new int[] {Ast.ADDITIVE, Ast.ADDITIVE + 1};
  }

  private static int[] MUL() {
    return new int[] {Ast.MULTIPLICATIVE, Ast.MULTIPLICATIVE + 1};
  }

  /** A binary operation; its type is Java's (double if either operand is, else int). */
  private static Expr binary(Type type, String op, int[] min, Expr a, Expr b) {
    int prec = min[0];
    Type t = type == Type.DOUBLE && a.type() == Type.INT && b.type() == Type.INT ? Type.INT : type;
    return Expr.op(t, prec, "#0 " + op + " #1", min, a, b);
  }

  private static Expr lit(String text) {
    return Expr.leaf(text.contains(".") || text.contains("e") ? Type.DOUBLE : Type.INT, text);
  }

  private Expr ternary(Type type, Expr c, Expr a, Expr b) {
    Type t = type == Type.DOUBLE && a.type() == Type.INT && b.type() == Type.INT ? Type.INT : type;
    return Expr.op(t, Ast.TERNARY, "#0 ? #1 : #2", new int[] {Ast.OR, Ast.OR, Ast.TERNARY}, c, a, b);
  }

  private String qualifier() {
    if (staticImport && rnd.nextInt(3) != 0) {
      return "";
    }
    return rnd.nextInt(5) == 0 ? "StrictMath." : "Math.";
  }

  private Expr mathCall(String fn, Expr... args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].type() == Type.INT && OVERLOADED.contains(fn)) {
        // Math.abs(int), Math.signum(float), ... are other functions: keep to the double ones
        args[i] = Expr.op(Type.DOUBLE, Ast.UNARY, "(double) #0", new int[] {Ast.UNARY}, args[i]);
      }
    }
    StringBuilder t = new StringBuilder(qualifier() + fn + "(");
    for (int i = 0; i < args.length; i++) {
      t.append(i > 0 ? ", " : "").append('#').append(i);
    }
    t.append(')');
    return Expr.call(Type.DOUBLE, t.toString(), args);
  }

  private static final java.util.Set<String> OVERLOADED =
      java.util.Set.of("abs", "max", "min", "signum", "copySign");

  /** Any double expression. */
  Expr dbl(int depth) {
    boolean root = nested == 0;
    nested++;
    try {
      return dblBody(depth, root);
    } finally {
      nested--;
    }
  }

  private Expr dblBody(int depth, boolean root) {
    if (depth <= 0 || rnd.nextInt(5) == 0) {
      return doubleLeaf();
    }
    int d = depth - 1;
    int pick = rnd.nextInt(100);
    if (pick < 12) {
      return binary(Type.DOUBLE, "+", ADD(), dbl(d), dbl(d));
    } else if (pick < 20) {
      return binary(Type.DOUBLE, "-", ADD(), dbl(d), dbl(d));
    } else if (pick < 34) {
      return binary(Type.DOUBLE, "*", MUL(), dbl(d), dbl(d));
    } else if (pick < 40) {
      return binary(Type.DOUBLE, "/", MUL(), dbl(d), positive(d));
    } else if (pick < 44) {
      Expr e = dbl(d);
      return Expr.op(e.type(), Ast.UNARY, "-#0", new int[] {Ast.PRIMARY}, e);
    } else if (pick < 72) {
      return mathFunction(d);
    } else if (pick < 78) {
      if ((inMath > 0 || !root) && avoid.contains("FUZZ-8")) {
        // FUZZ-8: conditionals below the root of an expression (their value is re-read in reverse)
        return binary(Type.DOUBLE, "+", ADD(), dbl(d), dbl(d));
      }
      return ternary(Type.DOUBLE, bool(d), dbl(d), dbl(d));
    } else if (pick < 86) {
      Expr call = helperCall(d);
      return call != null ? call : dblBody(depth, root);
    } else if (pick < 90) {
      return intExpr(d);
    } else if (pick < 93) {
      return Expr.op(Type.DOUBLE, Ast.UNARY, "(double) #0", new int[] {Ast.UNARY}, intExpr(d));
    } else {
      return tame(d);
    }
  }

  /** A double in [-1, 1]. */
  Expr tame(int depth) {
    inMath++;
    try {
      return tameBody(depth);
    } finally {
      inMath--;
    }
  }

  private Expr tameBody(int depth) {
    Expr u = dbl(Math.max(0, depth - 1));
    return switch (rnd.nextInt(5)) {
      case 0 -> mathCall("sin", u);
      case 1 -> mathCall("cos", u);
      case 2 -> mathCall("tanh", u);
      case 3 -> binary(Type.DOUBLE, "/", MUL(), u, binary(Type.DOUBLE, "+", ADD(), lit("1"), mathCall("abs", u)));
      default -> mathCall("exp", Expr.op(Type.DOUBLE, Ast.UNARY, "-#0", new int[] {Ast.PRIMARY}, binary(Type.DOUBLE, "*", MUL(), u, u)));
    };
  }

  /** A double of at least 0.5. */
  Expr positive(int depth) {
    inMath++;
    try {
      return positiveBody(depth);
    } finally {
      inMath--;
    }
  }

  private Expr positiveBody(int depth) {
    Expr u = dbl(Math.max(0, depth - 1));
    return switch (rnd.nextInt(4)) {
      case 0 -> binary(Type.DOUBLE, "+", ADD(), lit("1"), binary(Type.DOUBLE, "*", MUL(), u, u));
      case 1 -> binary(Type.DOUBLE, "+", ADD(), lit("2"), mathCall("cos", u));
      case 2 -> binary(Type.DOUBLE, "+", ADD(), lit("0.5"), mathCall("exp", tame(depth - 1)));
      default -> binary(Type.DOUBLE, "+", ADD(), lit("1.5"), mathCall("tanh", u));
    };
  }

  private Expr mathFunction(int d) {
    inMath++;
    try {
      return mathFunctionBody(d);
    } finally {
      inMath--;
    }
  }

  private Expr mathFunctionBody(int d) {
    Expr u = dbl(d);
    switch (rnd.nextInt(34)) {
      case 0: return mathCall("sin", u);
      case 1: return mathCall("cos", u);
      case 2: return mathCall("tan", mathCall("tanh", u));
      case 3: return mathCall("asin", binary(Type.DOUBLE, "/", MUL(), mathCall("tanh", u), lit("2")));
      case 4: return mathCall("acos", binary(Type.DOUBLE, "*", MUL(), lit("0.5"), tame(d)));
      case 5: return mathCall("atan", u);
      // atan2 and cbrt away from their singular points (0, 0) and 0, where the derivative is NaN or infinite
      case 6: return rnd.nextBoolean() ? mathCall("atan2", u, positive(d)) : mathCall("atan2", positive(d), u);
      case 7: return mathCall("sinh", tame(d));
      case 8: return mathCall("cosh", tame(d));
      case 9: return mathCall("tanh", u);
      case 10: return mathCall("exp", tame(d));
      case 11: return mathCall("expm1", tame(d));
      case 12: return mathCall("log", positive(d));
      case 13: return mathCall("log10", positive(d));
      case 14: return mathCall("log1p", binary(Type.DOUBLE, "*", MUL(), u, u));
      case 15: return mathCall("sqrt", positive(d));
      case 16: return mathCall("cbrt", rnd.nextBoolean() ? positive(d) : Expr.op(Type.DOUBLE, Ast.UNARY, "-#0", new int[] {Ast.PRIMARY}, positive(d)));
      case 17: return mathCall("pow", positive(d), tame(d));
      case 18: return mathCall("pow", u, lit(rnd.nextBoolean() ? "2" : "3.0"));
      case 19: {
        Var n = find("n");
        return mathCall("pow", u, n != null ? Expr.leaf(Type.INT, "n") : lit("2"));
      }
      case 20: return mathCall("hypot", u, dbl(d));
      case 21: return mathCall("abs", u);
      case 22: return mathCall("max", u, dbl(d));
      case 23: return mathCall("min", u, dbl(d));
      case 24: return mathCall("signum", stepArgument(d));
      case 25: return mathCall("floor", stepArgument(d));
      case 26: return mathCall("ceil", stepArgument(d));
      case 27: return mathCall("rint", stepArgument(d));
      case 28: return mathCall("copySign", u, dbl(d));
      case 29: return mathCall("toRadians", u);
      case 30: return mathCall("toDegrees", tame(d));
      case 31: return mathCall("pow", lit("2.0"), tame(d));
      case 32: return mathCall("log", binary(Type.DOUBLE, "+", ADD(), lit("1"), binary(Type.DOUBLE, "*", MUL(), u, u)));
      default: return mathCall("sqrt", binary(Type.DOUBLE, "+", ADD(), lit("1"), binary(Type.DOUBLE, "*", MUL(), u, u)));
    }
  }

  /**
   * {@code 3 * tame}: steps (floor, ceil, rint, signum) of bounded values only. Beyond 2^52 rint and
   * floor are the identity on doubles, where finite differences see slope 1 against the convention 0.
   */
  private Expr stepArgument(int d) {
    return binary(Type.DOUBLE, "*", MUL(), lit("3.0"), tame(d));
  }

  private Expr helperCall(int d) {
    if (done.isEmpty()) {
      return null;
    }
    Method h = done.get(rnd.nextInt(done.size()));
    if (!h.annotation().equals("@Differentiable") || !h.returnType().equals("double")) {
      return null;
    }
    List<Expr> args = new ArrayList<>();
    StringBuilder t = new StringBuilder(h.name()).append('(');
    for (int i = 0; i < h.params().size(); i++) {
      Param p = h.params().get(i);
      Expr a;
      switch (p.type()) {
        case DOUBLE -> a = dbl(d);
        case INT -> {
          Var n = find("n");
          a = n != null && rnd.nextBoolean() ? Expr.leaf(Type.INT, "n") : lit(Integer.toString(rnd.nextInt(config.intArg() + 1)));
        }
        case BOOLEAN -> a = bool(d);
        default -> {
          List<Var> fit = new ArrayList<>();
          for (Var v : visible(Type.DOUBLE_ARRAY, false)) {
            if (v.bound == config.arrayLength()) {
              fit.add(v);
            }
          }
          if (fit.isEmpty()) {
            return null;
          }
          a = Expr.leaf(Type.DOUBLE_ARRAY, fit.get(rnd.nextInt(fit.size())).name);
        }
      }
      t.append(i > 0 ? ", " : "").append('#').append(i);
      args.add(a);
    }
    t.append(')');
    return Expr.call(Type.DOUBLE, t.toString(), args.toArray(new Expr[0]));
  }

  Expr doubleLeaf() {
    int pick = rnd.nextInt(100);
    if (pick < 55) {
      List<Var> vs = visible(Type.DOUBLE, false);
      if (!vs.isEmpty()) {
        return Expr.leaf(Type.DOUBLE, vs.get(rnd.nextInt(vs.size())).name);
      }
    } else if (pick < 75) {
      List<Var> arrays = visible(Type.DOUBLE_ARRAY, false);
      if (!arrays.isEmpty()) {
        Var w = arrays.get(rnd.nextInt(arrays.size()));
        return Expr.op(Type.DOUBLE, Ast.PRIMARY, w.name + "[#0]", new int[] {0}, index(w));
      }
    } else if (pick < 80) {
      if (!doubleConstants.isEmpty()) {
        return Expr.leaf(Type.DOUBLE, doubleConstants.get(rnd.nextInt(doubleConstants.size())));
      }
      return Expr.leaf(Type.DOUBLE, rnd.nextBoolean() ? "Math.PI" : "Math.E");
    }
    String[] literals = {"0.5", "2.0", "1.5", "3", "0.25", "1e-3", "2", "0.0", "1"};
    return lit(literals[rnd.nextInt(literals.length)]);
  }

  /** An in-range index into array {@code w}. */
  private Expr index(Var w) {
    List<Var> loopVars = new ArrayList<>();
    for (Var v : all()) {
      if (v.type == Type.INT && v.bound != INDEX_FREE && v.bound <= w.bound && v.bound > 0) {
        loopVars.add(v);
      }
    }
    int pick = rnd.nextInt(4);
    if (!loopVars.isEmpty() && pick < 2) {
      return Expr.leaf(Type.INT, loopVars.get(rnd.nextInt(loopVars.size())).name);
    }
    if (!loopVars.isEmpty() && pick == 2) {
      Var i = loopVars.get(rnd.nextInt(loopVars.size()));
      return Expr.op(Type.INT, Ast.ADDITIVE, w.name + ".length - 1 - #0", new int[] {Ast.ADDITIVE + 1}, Expr.leaf(Type.INT, i.name));
    }
    List<Var> anyLoopVar = new ArrayList<>();
    for (Var v : all()) {
      if (v.type == Type.INT && v.bound != INDEX_FREE) {
        anyLoopVar.add(v);
      }
    }
    if (!anyLoopVar.isEmpty() && pick == 3) {
      Var i = anyLoopVar.get(rnd.nextInt(anyLoopVar.size()));
      return Expr.op(Type.INT, Ast.MULTIPLICATIVE, "(#0 + 1) % " + w.bound, new int[] {0}, Expr.leaf(Type.INT, i.name));
    }
    return lit(Integer.toString(rnd.nextInt(w.bound)));
  }

  Expr intExpr(int depth) {
    if (depth <= 0 || rnd.nextInt(3) == 0) {
      int pick = rnd.nextInt(10);
      if (pick < 5) {
        List<Var> vs = visible(Type.INT, false);
        if (!vs.isEmpty()) {
          return Expr.leaf(Type.INT, vs.get(rnd.nextInt(vs.size())).name);
        }
      } else if (pick < 6) {
        List<Var> arrays = visible(Type.DOUBLE_ARRAY, false);
        if (!arrays.isEmpty()) {
          return Expr.leaf(Type.INT, arrays.get(rnd.nextInt(arrays.size())).name + ".length");
        }
      } else if (pick < 7 && !intConstants.isEmpty()) {
        return Expr.leaf(Type.INT, intConstants.get(0));
      }
      return lit(Integer.toString(rnd.nextInt(5)));
    }
    int d = depth - 1;
    return switch (rnd.nextInt(7)) {
      case 0 -> binary(Type.INT, "+", ADD(), intExpr(d), intExpr(d));
      case 1 -> binary(Type.INT, "-", ADD(), intExpr(d), intExpr(d));
      case 2 -> binary(Type.INT, "*", MUL(), intExpr(d), intExpr(d));
      case 3 -> Expr.op(Type.INT, Ast.MULTIPLICATIVE, "#0 % " + (2 + rnd.nextInt(3)), new int[] {Ast.MULTIPLICATIVE}, intExpr(d));
      case 4 -> Expr.op(Type.INT, Ast.MULTIPLICATIVE, "#0 / 2", new int[] {Ast.MULTIPLICATIVE}, intExpr(d));
      default -> {
        Expr e = dbl(d);
        // a cast of an int expression would be redundant (a -Xlint warning)
        yield e.type() == Type.DOUBLE ? Expr.op(Type.INT, Ast.UNARY, "(int) #0", new int[] {Ast.UNARY}, e) : e;
      }
    };
  }

  Expr bool(int depth) {
    if (depth <= 0 || rnd.nextInt(4) == 0) {
      List<Var> vs = visible(Type.BOOLEAN, false);
      if (!vs.isEmpty() && rnd.nextBoolean()) {
        return Expr.leaf(Type.BOOLEAN, vs.get(rnd.nextInt(vs.size())).name);
      }
      return compare(0);
    }
    int d = depth - 1;
    return switch (rnd.nextInt(6)) {
      case 0 -> Expr.op(Type.BOOLEAN, Ast.AND, "#0 && #1", new int[] {Ast.AND, Ast.AND + 1}, bool(d), bool(d));
      case 1 -> Expr.op(Type.BOOLEAN, Ast.OR, "#0 || #1", new int[] {Ast.OR, Ast.OR + 1}, bool(d), bool(d));
      case 2 -> Expr.op(Type.BOOLEAN, Ast.UNARY, "!#0", new int[] {Ast.PRIMARY}, bool(d));
      default -> compare(d);
    };
  }

  private Expr compare(int d) {
    String[] ops = {"<", ">", "<=", ">="};
    if (rnd.nextInt(5) == 0) {
      String op = rnd.nextBoolean() ? "==" : "!=";
      return Expr.op(Type.BOOLEAN, Ast.EQUALITY, "#0 " + op + " #1", new int[] {Ast.EQUALITY + 1, Ast.EQUALITY + 1}, intExpr(d), intExpr(d));
    }
    String op = ops[rnd.nextInt(ops.length)];
    return Expr.op(Type.BOOLEAN, Ast.RELATIONAL, "#0 " + op + " #1", new int[] {Ast.RELATIONAL + 1, Ast.RELATIONAL + 1}, dbl(d), dbl(d));
  }

  // ------------------------------------------------------------------ scopes

  private List<Var> scope() {
    return scopes.peek();
  }

  private List<Var> all() {
    List<Var> out = new ArrayList<>();
    for (List<Var> s : scopes) {
      out.addAll(s);
    }
    return out;
  }

  private Var find(String name) {
    for (Var v : all()) {
      if (v.name.equals(name)) {
        return v;
      }
    }
    return null;
  }

  private List<Var> visible(Type type, boolean assignableOnly) {
    List<Var> out = new ArrayList<>();
    for (Var v : all()) {
      if (v.type == type && (!assignableOnly || v.assignable)) {
        out.add(v);
      }
    }
    return out;
  }

  /** An assignable variable, preferring ones declared outside the innermost loop (loop-carried). */
  private Var pickAssignable(Type type) {
    List<Var> vs = visible(type, true);
    if (vs.isEmpty()) {
      return null;
    }
    return vs.get(rnd.nextInt(vs.size()));
  }
}
