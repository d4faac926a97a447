package io.github.javagrad.processor.fuzz;

import com.google.testing.compile.Compilation;
import io.github.javagrad.GradientCheck;
import io.github.javagrad.ValueAndGradient;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Compiles programs with the processor, runs every generated gradient and judges it: the value
 * must equal the original method's bit for bit, the inputs must be left alone, the pullback with
 * seed 2 must give exactly twice the gradient, and the gradient must agree with finite
 * differences wherever finite differences are stable (points near a kink or jump, where
 * difference quotients with different steps disagree, are skipped).
 */
final class Oracle {
  /** The points per method at which gradients are checked. */
  static final int POINTS = 4;

  enum Kind {
    OK(false),
    /** The program itself is not valid warning-free Java: a generator bug, not a processor bug. */
    INVALID_PROGRAM(false),
    /** The original method threw something other than the generator's guards: a generator bug. */
    PROGRAM_THROWS(false),
    /** The method throws a guard's exception, the gradient something else or nothing. */
    EXCEPTION_MISMATCH(true),
    /** The processor crashed or reported JG999. */
    PROCESSOR_CRASH(true),
    /** A javagrad diagnostic on a program in the supported subset. */
    REJECTED(true),
    /** The generated source has errors or lint warnings. */
    GENERATED_CODE_DOES_NOT_COMPILE(true),
    /** The generated class or method is not there. */
    MISSING_GENERATED_METHOD(true),
    GRADIENT_THROWS(true),
    VALUE_MISMATCH(true),
    INPUT_MODIFIED(true),
    PULLBACK_NOT_LINEAR_IN_SEED(true),
    /** A NaN or infinite partial where finite differences are finite and stable. */
    NON_FINITE_GRADIENT(true),
    WRONG_GRADIENT(true);

    final boolean processorBug;

    Kind(boolean processorBug) {
      this.processorBug = processorBug;
    }
  }

  record Outcome(Kind kind, String where, String detail) {
    static final Outcome OK = new Outcome(Kind.OK, "", "");

    /** What must stay the same while a failing program is shrunk. */
    String signature() {
      return kind + " " + where;
    }

    boolean failed() {
      return kind != Kind.OK;
    }
  }

  /** A program to judge: class {@code fuzz.<name>}, its source and how to call it. */
  record Case(String className, String source, RunConfig config) {
    String qualifiedName() {
      return "fuzz." + className;
    }

    JavaFileObject file() {
      return FuzzCompiler.source(qualifiedName(), source);
    }
  }

  /** Statistics over all judged methods. */
  static final class Stats {
    int programs;
    int methods;
    int pointsChecked;
    int pointsSkippedNonFinite;
    int pointsSkippedUnstable;
    int pointsThrowing;

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%d programs, %d methods, %d points checked, %d skipped (non-finite value), %d skipped"
              + " (finite differences unstable: kink or jump), %d where the method throws (the"
              + " same exception checked)",
          programs,
          methods,
          pointsChecked,
          pointsSkippedNonFinite,
          pointsSkippedUnstable,
          pointsThrowing);
    }
  }

  private final Stats stats;

  Oracle(Stats stats) {
    this.stats = stats;
  }

  /** Judges several programs, compiled together when that works and one by one otherwise. */
  List<Outcome> judgeAll(List<Case> cases) {
    List<JavaFileObject> files = new ArrayList<>();
    for (Case c : cases) {
      files.add(c.file());
    }
    Compilation together = FuzzCompiler.withProcessor(files);
    List<Outcome> out = new ArrayList<>();
    if (together.status() == Compilation.Status.SUCCESS) {
      ClassLoader loader = FuzzCompiler.classLoaderOf(together);
      for (Case c : cases) {
        out.add(run(c, loader));
      }
      return out;
    }
    // judge the programs the diagnostics name one by one, and the others together again
    Set<String> named = new HashSet<>();
    for (Diagnostic<? extends JavaFileObject> d : together.diagnostics()) {
      if (d.getSource() != null) {
        String n = d.getSource().getName();
        named.add(n.substring(n.lastIndexOf('/') + 1).replace("Gradients.java", "").replace(".java", ""));
      }
    }
    List<Case> rest = new ArrayList<>();
    for (Case c : cases) {
      if (!named.contains(c.className())) {
        rest.add(c);
      }
    }
    if (rest.size() == cases.size()) {
      for (Case c : cases) {
        out.add(judge(c));
      }
      return out;
    }
    List<Outcome> restOutcomes = rest.isEmpty() ? List.of() : judgeAll(rest);
    int r = 0;
    for (Case c : cases) {
      out.add(named.contains(c.className()) ? judge(c) : restOutcomes.get(r++));
    }
    return out;
  }

  /** Judges one program. */
  Outcome judge(Case c) {
    Compilation compilation = FuzzCompiler.withProcessor(List.of(c.file()));
    if (compilation.status() != Compilation.Status.SUCCESS) {
      return compileFailure(c, compilation);
    }
    return run(c, FuzzCompiler.classLoaderOf(compilation));
  }

  private Outcome compileFailure(Case c, Compilation compilation) {
    String diagnostics = describe(compilation.diagnostics());
    Compilation plain = FuzzCompiler.plain(List.of(c.file()));
    if (plain.status() != Compilation.Status.SUCCESS) {
      return new Outcome(Kind.INVALID_PROGRAM, "", describe(plain.diagnostics()));
    }
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      String m = d.getMessage(Locale.ROOT);
      if (m.contains("[javagrad:JG999]") || m.contains("Exception") || m.contains("Error:")) {
        return new Outcome(Kind.PROCESSOR_CRASH, "", diagnostics);
      }
    }
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      if (d.getKind() != Diagnostic.Kind.NOTE
          && d.getSource() != null
          && d.getSource().getName().endsWith("Gradients.java")) {
        // the first line of javac's message, without names and numbers, keeps shrinking on one bug
        String first = d.getMessage(Locale.ROOT).lines().findFirst().orElse("");
        String what = first.replaceAll("[0-9]+", "N").replaceAll("\\b[a-z]+[A-Z]\\w*", "NAME");
        return new Outcome(Kind.GENERATED_CODE_DOES_NOT_COMPILE, what, diagnostics);
      }
    }
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      String m = d.getMessage(Locale.ROOT);
      int at = m.indexOf("[javagrad:");
      if (at >= 0) {
        return new Outcome(Kind.REJECTED, m.substring(at, m.indexOf(']', at) + 1), diagnostics);
      }
    }
    return new Outcome(Kind.GENERATED_CODE_DOES_NOT_COMPILE, "", diagnostics);
  }

  static String describe(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
      out.append(d.getKind())
          .append(' ')
          .append(d.getSource() == null ? "?" : d.getSource().getName())
          .append(':')
          .append(d.getLineNumber())
          .append(": ")
          .append(d.getMessage(Locale.ROOT))
          .append('\n');
    }
    return out.toString();
  }

  // ------------------------------------------------------------------ running

  private Outcome run(Case c, ClassLoader loader) {
    stats.programs++;
    Class<?> original;
    Class<?> gradients;
    try {
      original = loader.loadClass(c.qualifiedName());
      gradients = loader.loadClass(c.qualifiedName() + "Gradients");
    } catch (ClassNotFoundException e) {
      return new Outcome(Kind.MISSING_GENERATED_METHOD, "", e.toString());
    }
    List<Method> methods = new ArrayList<>();
    for (Method m : original.getDeclaredMethods()) {
      if (Modifier.isStatic(m.getModifiers()) && m.getReturnType() == double.class) {
        methods.add(m);
      }
    }
    methods.sort(Comparator.comparing(Method::getName));
    for (int i = 0; i < methods.size(); i++) {
      Outcome o = runMethod(c, methods.get(i), gradients, c.config().pointSeed() + 31L * i);
      if (o.failed()) {
        return o;
      }
    }
    return Outcome.OK;
  }

  private Outcome runMethod(Case c, Method m, Class<?> gradients, long seed) {
    stats.methods++;
    m.setAccessible(true);
    String where = m.getName();
    Method g;
    Method pullback;
    try {
      g = gradients.getMethod(m.getName(), m.getParameterTypes());
      Class<?>[] pullbackTypes = pullbackTypes(m, g);
      pullback = gradients.getMethod(m.getName() + "Pullback", pullbackTypes);
    } catch (NoSuchMethodException e) {
      return new Outcome(Kind.MISSING_GENERATED_METHOD, where, e.toString());
    }
    Parameter[] params = m.getParameters();
    Set<String> differentiated = new HashSet<>();
    for (RecordComponent rc : g.getReturnType().getRecordComponents()) {
      differentiated.add(rc.getName());
    }
    boolean[] diff = new boolean[params.length];
    for (int i = 0; i < params.length; i++) {
      diff[i] = differentiated.contains("d" + capitalize(params[i].getName()));
    }
    int len = c.config().arrayLength();
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int point = 0; point < POINTS; point++) {
      double[] p = new double[flatSize(params, diff, len)];
      for (int i = 0; i < p.length; i++) {
        p[i] = -2 + 4 * rnd.nextDouble();
      }
      Object[] fixed = new Object[params.length];
      for (int i = 0; i < params.length; i++) {
        Class<?> t = params[i].getType();
        if (t == int.class) {
          fixed[i] = c.config().intArg();
        } else if (t == boolean.class) {
          fixed[i] = c.config().boolArg();
        } else if (t == double.class) {
          fixed[i] = -2 + 4 * rnd.nextDouble();
        } else {
          double[] a = new double[len];
          for (int k = 0; k < len; k++) {
            a[k] = -2 + 4 * rnd.nextDouble();
          }
          fixed[i] = a;
        }
      }
      Outcome o = checkPoint(m, g, pullback, params, diff, fixed, p, where);
      if (o.failed()) {
        return o;
      }
    }
    return Outcome.OK;
  }

  private static Class<?>[] pullbackTypes(Method m, Method g) {
    List<Class<?>> types = new ArrayList<>(Arrays.asList(m.getParameterTypes()));
    types.add(double.class);
    Set<String> components = new HashSet<>();
    for (RecordComponent rc : g.getReturnType().getRecordComponents()) {
      components.add(rc.getName());
    }
    for (Parameter p : m.getParameters()) {
      if (p.getType() == double[].class && components.contains("d" + capitalize(p.getName()))) {
        types.add(double[].class);
      }
    }
    return types.toArray(new Class<?>[0]);
  }

  private static int flatSize(Parameter[] params, boolean[] diff, int len) {
    int n = 0;
    for (int i = 0; i < params.length; i++) {
      if (diff[i]) {
        n += params[i].getType() == double.class ? 1 : len;
      }
    }
    return n;
  }

  /** The arguments for flat point {@code p}: differentiated parameters from p, others fixed. */
  private static Object[] args(Parameter[] params, boolean[] diff, Object[] fixed, double[] p) {
    Object[] args = new Object[params.length];
    int at = 0;
    for (int i = 0; i < params.length; i++) {
      if (!diff[i]) {
        args[i] = fixed[i] instanceof double[] a ? a.clone() : fixed[i];
      } else if (params[i].getType() == double.class) {
        args[i] = p[at++];
      } else {
        double[] a = new double[((double[]) fixed[i]).length];
        System.arraycopy(p, at, a, 0, a.length);
        at += a.length;
        args[i] = a;
      }
    }
    return args;
  }

  /** Where the method throws a guard's exception, its gradient and pullback throw the same. */
  private Outcome sameException(Throwable expected, Method g, Method pullback, Parameter[] params,
      boolean[] diff, Object[] fixed, double[] p, String where, String at) {
    Object[] args = args(params, diff, fixed, p);
    Object[] pargs = Arrays.copyOf(args(params, diff, fixed, p), pullback.getParameterCount());
    pargs[params.length] = 1.0;
    int k = params.length + 1;
    for (int i = 0; i < params.length; i++) {
      if (diff[i] && params[i].getType() == double[].class) {
        pargs[k++] = new double[((double[]) pargs[i]).length];
      }
    }
    for (Object[] call : List.of(new Object[] {g, args}, new Object[] {pullback, pargs})) {
      Method method = (Method) call[0];
      try {
        call(method, (Object[]) call[1]);
        return new Outcome(Kind.EXCEPTION_MISMATCH, where,
            method.getName() + " returned where the method threw " + expected + at);
      } catch (Throwable t) {
        if (t.getClass() != expected.getClass() || !t.getMessage().equals(expected.getMessage())) {
          return new Outcome(Kind.EXCEPTION_MISMATCH, where,
              method.getName() + " threw " + stackOf(t) + " where the method threw " + expected + at);
        }
      }
    }
    stats.pointsThrowing++;
    return Outcome.OK;
  }

  private static Object call(Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private Outcome checkPoint(
      Method m, Method g, Method pullback, Parameter[] params, boolean[] diff, Object[] fixed, double[] p, String where) {
    String at = " at " + Arrays.toString(p) + " fixed " + Arrays.deepToString(fixed);
    double value;
    try {
      value = (double) call(m, args(params, diff, fixed, p));
    } catch (Throwable t) {
      if (t instanceof IllegalStateException && t.getMessage().startsWith(ProgramGenerator.GUARD)) {
        return sameException(t, g, pullback, params, diff, fixed, p, where, at);
      }
      return new Outcome(Kind.PROGRAM_THROWS, where, t + at);
    }
    ValueAndGradient r;
    Object[] args = args(params, diff, fixed, p);
    Object[] copy = deepCopy(args);
    try {
      r = (ValueAndGradient) call(g, args);
    } catch (Throwable t) {
      return new Outcome(Kind.GRADIENT_THROWS, where, stackOf(t) + at);
    }
    if (!Arrays.deepEquals(args, copy)) {
      return new Outcome(Kind.INPUT_MODIFIED, where, Arrays.deepToString(copy) + " became " + Arrays.deepToString(args));
    }
    if (Double.compare(value, r.value()) != 0) {
      return new Outcome(Kind.VALUE_MISMATCH, where, "original " + value + ", generated " + r.value() + at);
    }
    double[] grad = r.gradient();
    // the pullback with seed 2 gives exactly twice the gradient (scaling by 2 is exact)
    try {
      Object[] pargs = Arrays.copyOf(args(params, diff, fixed, p), pullback.getParameterCount());
      pargs[params.length] = 2.0;
      int k = params.length + 1;
      for (int i = 0; i < params.length; i++) {
        if (diff[i] && params[i].getType() == double[].class) {
          pargs[k++] = new double[((double[]) pargs[i]).length];
        }
      }
      ValueAndGradient r2 = (ValueAndGradient) call(pullback, pargs);
      double[] g2 = r2.gradient();
      for (int i = 0; i < grad.length; i++) {
        if (Double.compare(2 * grad[i], g2[i]) != 0 && Double.isFinite(grad[i])) {
          return new Outcome(
              Kind.PULLBACK_NOT_LINEAR_IN_SEED,
              where,
              "gradient " + Arrays.toString(grad) + ", pullback with seed 2 " + Arrays.toString(g2) + at);
        }
      }
    } catch (Throwable t) {
      return new Outcome(Kind.GRADIENT_THROWS, where, "pullback: " + stackOf(t) + at);
    }
    if (!Double.isFinite(value)) {
      stats.pointsSkippedNonFinite++;
      return Outcome.OK;
    }
    if (grad.length == 0) {
      return Outcome.OK;
    }
    GradientCheck check =
        GradientCheck.of(
            q -> {
              try {
                return (ValueAndGradient) call(g, args(params, diff, fixed, q));
              } catch (Throwable t) {
                throw new IllegalStateException(t);
              }
            });
    GradientCheck.Result result;
    try {
      result = check.check(p);
    } catch (IllegalStateException e) {
      return new Outcome(Kind.GRADIENT_THROWS, where, stackOf(e.getCause()) + at);
    }
    if (result.passed()) {
      stats.pointsChecked++;
      return Outcome.OK;
    }
    // Failed or not compared: are the difference quotients stable?
    double[] n1 = check.numericGradient(p);
    double[] n2 = check.step(1e-5).numericGradient(p);
    double[] n3 = check.step(4e-5).numericGradient(p);
    boolean unstable = false;
    for (GradientCheck.Entry e : result.entries()) {
      if (e.passed()) {
        continue;
      }
      int i = e.index();
      if (!Double.isFinite(n1[i]) || !close(n1[i], n2[i]) || !close(n1[i], n3[i]) || !close(n2[i], n3[i])) {
        unstable = true;
        continue;
      }
      double a = grad[i];
      if (!Double.isFinite(a)) {
        return new Outcome(Kind.NON_FINITE_GRADIENT, where, result.message() + at);
      }
      // what rounding of f lets a difference quotient resolve: about ulp(f) / h
      double h = Math.cbrt(Math.ulp(1.0)) * Math.max(1, Math.abs(p[i]));
      double resolution = 8 * Math.ulp(value) / h;
      if (Math.abs(a - n1[i]) <= resolution) {
        continue;
      }
      if (!close(a, n1[i]) && !close(a, n2[i]) && !close(a, n3[i])) {
        return new Outcome(
            Kind.WRONG_GRADIENT,
            where,
            result.message() + "\nquotients with steps auto/1e-5/4e-5: " + n1[i] + " " + n2[i] + " " + n3[i] + at);
      }
    }
    if (unstable) {
      stats.pointsSkippedUnstable++;
    } else {
      stats.pointsChecked++;
    }
    return Outcome.OK;
  }

  private static boolean close(double a, double b) {
    return Math.abs(a - b) <= 1e-6 + 1e-5 * Math.max(Math.abs(a), Math.abs(b));
  }

  private static Object[] deepCopy(Object[] args) {
    Object[] out = args.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] instanceof double[] a) {
        out[i] = a.clone();
      }
    }
    return out;
  }

  private static String stackOf(Throwable t) {
    StringBuilder out = new StringBuilder(t.toString());
    StackTraceElement[] st = t.getStackTrace();
    for (int i = 0; i < Math.min(6, st.length); i++) {
      out.append("\n    at ").append(st[i]);
    }
    return out.toString();
  }

  static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
