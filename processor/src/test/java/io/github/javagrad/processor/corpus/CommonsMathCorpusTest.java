package io.github.javagrad.processor.corpus;

import static com.google.testing.compile.Compiler.javac;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.github.javagrad.GradientCheck;
import io.github.javagrad.ValueAndGradient;
import io.github.javagrad.processor.DifferentiableProcessor;
import io.github.javagrad.processor.corpus.CorpusSources.SelectedMethod;
import io.github.javagrad.processor.corpus.CorpusSources.SourceFile;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarFile;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Robustness corpus: Java nobody here wrote. Every static method of Apache Commons Math 3.6.1
 * (from its -sources.jar, a test dependency) that returns {@code double} or takes a {@code
 * double}/{@code double[]} is annotated with {@code @Differentiable} and run through the
 * processor. Each must end in exactly one of:
 *
 * <ul>
 *   <li>{@code supported}: the generated code compiles warning-free ({@code -Xlint:all}) and, where
 *       the method returns a double and runs standalone, its gradient passes the finite-difference
 *       check at sample points ({@code checked}), or it does not run on sample inputs ({@code
 *       not-runnable}) or returns an array or nothing ({@code array-or-void}, compiled only);
 *   <li>{@code diagnosed JGnnn}: a clean javagrad diagnostic naming the unsupported construct.
 * </ul>
 *
 * <p>Processor crashes (JG999), generated code that does not compile or warns, and wrong
 * gradients fail the test. The outcome of every method is compared with {@code
 * corpus/baseline.txt}, so that coverage changes show up in review; {@code
 * -Djavagrad.corpus.updateBaseline=true} rewrites it.
 *
 * <p>Method: annotate all selected methods, run the processor alone ({@code -proc:only}), drop the
 * annotation from each method that got a diagnostic, and repeat until no diagnostics remain (a
 * caller of a method that had errors gets no follow-on error until the callee is no longer
 * annotated); then compile everything for real and run the gradients.
 */
class CommonsMathCorpusTest {
  private static final String PACKAGE = "org/apache/commons/math3/";
  private static final Path BASELINE = Path.of("src", "test", "resources", "corpus", "baseline.txt");
  private static final int POINTS = 3;

  @Test
  void everyMethodIsSupportedOrCleanlyDiagnosed() throws Exception {
    Path sourcesJar = sourcesJar();
    List<SourceFile> files;
    try (JarFile jar = new JarFile(sourcesJar.toFile())) {
      files = CorpusSources.select(jar, PACKAGE);
    }
    List<File> classpath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty() && !Path.of(entry).equals(sourcesJar)) {
        classpath.add(new File(entry));
      }
    }
    Map<String, SelectedMethod> byKey = new LinkedHashMap<>();
    for (SourceFile f : files) {
      for (SelectedMethod m : f.methods()) {
        byKey.put(m.key(), m);
      }
    }
    Map<String, String> outcome = new TreeMap<>();
    List<String> failures = new ArrayList<>();

    // ---- rounds of -proc:only until no method has a diagnostic
    Map<String, List<SelectedMethod>> annotated = new LinkedHashMap<>();
    for (SourceFile f : files) {
      annotated.put(f.path(), new ArrayList<>(f.methods()));
    }
    int rounds = 0;
    while (true) {
      rounds++;
      Compilation c = compile(files, annotated, classpath, true);
      Map<String, List<String>> ids = new HashMap<>();
      for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
        if (d.getKind() != Diagnostic.Kind.ERROR) {
          continue;
        }
        String message = d.getMessage(Locale.ROOT);
        SelectedMethod m = methodAt(annotated, d);
        String id = idOf(message);
        if (id == null || id.equals("JG999") || message.contains("Exception")) {
          failures.add((m == null ? "?" : m.key()) + ": " + describe(d));
          if (m != null) {
            outcome.put(m.key(), "FAILED " + (id == null ? "javac-error" : "crash " + id));
            ids.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(id == null ? "javac" : id);
          }
          continue;
        }
        if (m == null) {
          failures.add("diagnostic outside any selected method: " + describe(d));
          continue;
        }
        ids.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(id);
        if (Boolean.getBoolean("javagrad.corpus.verbose")) {
          System.out.println("DIAG " + id + " " + m.key() + " :: " + message.lines().findFirst().orElse("") + " @" + d.getLineNumber());
        }
      }
      if (ids.isEmpty()) {
        break;
      }
      for (var e : ids.entrySet()) {
        outcome.putIfAbsent(e.getKey(), "diagnosed " + String.join(",", e.getValue().stream().distinct().sorted().toList()));
      }
      for (List<SelectedMethod> ms : annotated.values()) {
        ms.removeIf(m -> ids.containsKey(m.key()));
      }
      if (rounds > 10) {
        failures.add("no fixpoint after 10 rounds");
        break;
      }
    }

    // ---- the real compilation of what is left annotated
    Compilation full = compile(files, annotated, classpath, false);
    for (Diagnostic<? extends JavaFileObject> d : full.diagnostics()) {
      boolean generated = d.getSource() != null && d.getSource().getName().endsWith("Gradients.java");
      if (d.getKind() == Diagnostic.Kind.ERROR
          || (generated && (d.getKind() == Diagnostic.Kind.WARNING || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING))) {
        failures.add("final compilation: " + describe(d));
      }
    }
    int runnable = 0;
    if (full.status() == Compilation.Status.SUCCESS) {
      ClassLoader loader = new CorpusClassLoader(full);
      ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "corpus-runner");
        t.setDaemon(true);
        return t;
      });
      try {
        for (List<SelectedMethod> ms : annotated.values()) {
          for (SelectedMethod m : ms) {
            String result;
            Future<String> f = runner.submit(() -> check(loader, m));
            try {
              result = f.get(20, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
              result = "supported not-runnable (timeout)";
              f.cancel(true);
              runner.shutdownNow();
              runner = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "corpus-runner");
                t.setDaemon(true);
                return t;
              });
            }
            if (result.startsWith("FAILED")) {
              failures.add(m.key() + ": " + result);
              result = result.lines().findFirst().orElse(result);
            }
            if (result.equals("supported checked")) {
              runnable++;
            }
            outcome.put(m.key(), result);
          }
        }
      } finally {
        runner.shutdownNow();
      }
    }
    for (String key : byKey.keySet()) {
      outcome.putIfAbsent(key, "FAILED no outcome");
    }

    String report = baseline(outcome, rounds);
    System.out.println(report.lines().filter(l -> !l.contains("\t")).reduce("", (a, b) -> a + b + "\n"));
    Path actualFile = Path.of("target", "corpus", "baseline.txt");
    Files.createDirectories(actualFile.getParent());
    Files.writeString(actualFile, report, UTF_8);
    assertTrue(failures.isEmpty(), failures.size() + " corpus failures:\n" + String.join("\n", failures));
    assertTrue(runnable > 0, "no method was gradient-checked");
    if (Boolean.getBoolean("javagrad.corpus.updateBaseline")) {
      Files.writeString(BASELINE, report, UTF_8);
    } else {
      String expected = Files.exists(BASELINE) ? Files.readString(BASELINE, UTF_8) : "";
      assertEquals(
          expected.replace("\r\n", "\n"),
          report,
          "corpus outcomes differ from " + BASELINE + " (the new one is in " + actualFile
              + "; review it and rerun with -Djavagrad.corpus.updateBaseline=true to accept it)");
    }
  }

  // ------------------------------------------------------------------ compiling

  private static Compilation compile(
      List<SourceFile> files, Map<String, List<SelectedMethod>> annotated, List<File> classpath, boolean procOnly)
      throws IOException {
    List<JavaFileObject> sources = new ArrayList<>();
    for (SourceFile f : files) {
      List<SelectedMethod> chosen = annotated.get(f.path());
      if (chosen.isEmpty()) {
        continue; // the binary jar on the class path provides it
      }
      sources.add(JavaFileObjects.forSourceString(f.qualifiedName(), CorpusSources.annotate(f, chosen)));
    }
    Path emptySourcePath = Files.createDirectories(Path.of("target", "corpus", "empty-sourcepath"));
    List<String> options = new ArrayList<>(List.of("-sourcepath", emptySourcePath.toString(), "-implicit:none", "-encoding", "UTF-8"));
    if (procOnly) {
      options.add("-proc:only");
    } else {
      options.add("-Xlint:all");
      options.add("-Xmaxwarns");
      options.add("100000");
    }
    return javac()
        .withProcessors(new DifferentiableProcessor())
        .withClasspath(classpath)
        .withOptions(options)
        .compile(sources);
  }

  private static SelectedMethod methodAt(Map<String, List<SelectedMethod>> annotated, Diagnostic<? extends JavaFileObject> d) {
    if (d.getSource() == null) {
      return null;
    }
    String name = d.getSource().getName();
    while (name.startsWith("/")) {
      name = name.substring(1);
    }
    List<SelectedMethod> ms = annotated.get(name);
    if (ms == null) {
      return null;
    }
    for (SelectedMethod m : ms) {
      if (d.getLineNumber() >= m.firstLine() && d.getLineNumber() <= m.lastLine()) {
        return m;
      }
    }
    return null;
  }

  private static String idOf(String message) {
    int at = message.indexOf("[javagrad:");
    return at < 0 ? null : message.substring(at + "[javagrad:".length(), message.indexOf(']', at));
  }

  private static String describe(Diagnostic<? extends JavaFileObject> d) {
    return (d.getSource() == null ? "?" : d.getSource().getName()) + ":" + d.getLineNumber() + ": " + d.getKind() + ": "
        + d.getMessage(Locale.ROOT);
  }

  // ------------------------------------------------------------------ running

  /** Checks one compiled method: "supported checked", "supported not-runnable", ... or "FAILED ...". */
  private static String check(ClassLoader loader, SelectedMethod m) throws Exception {
    if (!m.returnType().equals("double")) {
      return "supported array-or-void";
    }
    String owner = m.key().substring(0, m.key().indexOf('#'));
    Class<?> original = loadOwner(loader, owner);
    String companion = original.getName().replace('$', '_') + "Gradients";
    Class<?> gradients = loader.loadClass(companion);
    Class<?>[] types = new Class<?>[m.parameterTypes().size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = typeOf(m.parameterTypes().get(i));
      if (types[i] == null) {
        return "supported not-runnable (parameter type " + m.parameterTypes().get(i) + ")";
      }
    }
    String name = m.key().substring(m.key().indexOf('#') + 1, m.key().indexOf('('));
    Method orig = original.getDeclaredMethod(name, types);
    orig.setAccessible(true);
    Method grad = gradients.getMethod(name, types);
    List<Integer> diff = new ArrayList<>();
    java.util.Set<String> components = new java.util.HashSet<>();
    for (RecordComponent rc : grad.getReturnType().getRecordComponents()) {
      components.add(rc.getName());
    }
    for (int i = 0; i < types.length; i++) {
      String pn = orig.getParameters()[i].getName();
      if (components.contains("d" + Character.toUpperCase(pn.charAt(0)) + pn.substring(1))) {
        diff.add(i);
      }
    }
    SplittableRandom rnd = new SplittableRandom(m.key().hashCode());
    int checked = 0;
    String lastFailure = null;
    for (int attempt = 0; attempt < 40 && checked < POINTS; attempt++) {
      double lo = attempt < 20 ? 0.1 : -2;
      double hi = 2;
      Object[] args = new Object[types.length];
      for (int i = 0; i < types.length; i++) {
        args[i] = sample(types[i], rnd, lo, hi);
      }
      double value;
      try {
        value = (double) orig.invoke(null, deepCopy(args));
      } catch (InvocationTargetException e) {
        continue;
      }
      if (!Double.isFinite(value)) {
        continue;
      }
      ValueAndGradient r;
      try {
        r = (ValueAndGradient) grad.invoke(null, deepCopy(args));
      } catch (InvocationTargetException e) {
        return "FAILED gradient throws\n" + e.getCause() + " at " + Arrays.deepToString(args);
      }
      if (Double.compare(value, r.value()) != 0) {
        return "FAILED value " + r.value() + " != original " + value + " at " + Arrays.deepToString(args);
      }
      if (diff.isEmpty()) {
        checked++;
        continue;
      }
      double[] p = flatten(args, diff);
      Object[] base = args;
      GradientCheck gc =
          GradientCheck.of(
              q -> {
                try {
                  return (ValueAndGradient) grad.invoke(null, unflatten(base, diff, q));
                } catch (ReflectiveOperationException e) {
                  throw new IllegalStateException(e);
                }
              });
      GradientCheck.Result result;
      try {
        result = gc.check(p);
      } catch (IllegalStateException e) {
        continue; // a neighbouring point is outside the method's domain
      }
      if (result.passed()) {
        checked++;
        continue;
      }
      double[] analytic = r.gradient();
      double[] n1 = gc.numericGradient(p);
      double[] n2 = gc.step(1e-5).numericGradient(p);
      double[] n3 = gc.step(4e-5).numericGradient(p);
      boolean stable = true;
      boolean wrong = false;
      for (GradientCheck.Entry e : result.entries()) {
        if (e.passed()) {
          continue;
        }
        int i = e.index();
        if (!Double.isFinite(n1[i]) || !close(n1[i], n2[i]) || !close(n1[i], n3[i])) {
          stable = false;
        } else if (Math.abs(analytic[i] - n1[i]) <= 8 * Math.ulp(value) / (Math.cbrt(Math.ulp(1.0)) * Math.max(1, Math.abs(p[i])))) {
          continue; // below what a difference quotient of f can resolve
        } else if (!Double.isFinite(analytic[i]) || (!close(analytic[i], n1[i]) && !close(analytic[i], n2[i]) && !close(analytic[i], n3[i]))) {
          wrong = true;
        }
      }
      if (wrong) {
        lastFailure = "FAILED wrong gradient\n" + result.message() + " args " + Arrays.deepToString(args);
        return lastFailure;
      }
      if (stable) {
        checked++;
      }
    }
    return checked > 0 ? "supported checked" : "supported not-runnable";
  }

  private static Class<?> loadOwner(ClassLoader loader, String owner) throws ClassNotFoundException {
    String name = owner;
    while (true) {
      try {
        return loader.loadClass(name);
      } catch (ClassNotFoundException e) {
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
          throw e;
        }
        name = name.substring(0, dot) + "$" + name.substring(dot + 1);
      }
    }
  }

  private static Class<?> typeOf(String t) {
    return switch (t) {
      case "double" -> double.class;
      case "double[]" -> double[].class;
      case "double[][]" -> double[][].class;
      case "int" -> int.class;
      case "long" -> long.class;
      case "boolean" -> boolean.class;
      case "int[]" -> int[].class;
      default -> null;
    };
  }

  private static Object sample(Class<?> t, SplittableRandom rnd, double lo, double hi) {
    if (t == double.class) {
      return lo + (hi - lo) * rnd.nextDouble();
    } else if (t == int.class) {
      return 3;
    } else if (t == long.class) {
      return 3L;
    } else if (t == boolean.class) {
      return rnd.nextBoolean();
    } else if (t == int[].class) {
      return new int[] {1, 2, 0, 3};
    } else if (t == double[].class) {
      double[] a = new double[4];
      for (int i = 0; i < a.length; i++) {
        a[i] = lo + (hi - lo) * rnd.nextDouble();
      }
      return a;
    } else {
      double[][] a = new double[3][3];
      for (double[] row : a) {
        for (int i = 0; i < row.length; i++) {
          row[i] = lo + (hi - lo) * rnd.nextDouble();
        }
      }
      return a;
    }
  }

  private static Object[] deepCopy(Object[] args) {
    Object[] out = args.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] instanceof double[] a) {
        out[i] = a.clone();
      } else if (out[i] instanceof int[] a) {
        out[i] = a.clone();
      } else if (out[i] instanceof double[][] a) {
        double[][] c = new double[a.length][];
        for (int k = 0; k < a.length; k++) {
          c[k] = a[k].clone();
        }
        out[i] = c;
      }
    }
    return out;
  }

  private static double[] flatten(Object[] args, List<Integer> diff) {
    List<Double> out = new ArrayList<>();
    for (int i : diff) {
      if (args[i] instanceof Double d) {
        out.add(d);
      } else if (args[i] instanceof double[] a) {
        for (double v : a) {
          out.add(v);
        }
      } else {
        for (double[] row : (double[][]) args[i]) {
          for (double v : row) {
            out.add(v);
          }
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static Object[] unflatten(Object[] base, List<Integer> diff, double[] q) {
    Object[] args = deepCopy(base);
    int at = 0;
    for (int i : diff) {
      if (args[i] instanceof Double) {
        args[i] = q[at++];
      } else if (args[i] instanceof double[] a) {
        System.arraycopy(q, at, a, 0, a.length);
        at += a.length;
      } else {
        for (double[] row : (double[][]) args[i]) {
          System.arraycopy(q, at, row, 0, row.length);
          at += row.length;
        }
      }
    }
    return args;
  }

  private static boolean close(double a, double b) {
    return Math.abs(a - b) <= 1e-6 + 1e-5 * Math.max(Math.abs(a), Math.abs(b));
  }

  // ------------------------------------------------------------------ reporting

  private static String baseline(Map<String, String> outcome, int rounds) {
    Map<String, Integer> counts = new TreeMap<>();
    Map<String, Integer> ids = new TreeMap<>();
    for (String o : outcome.values()) {
      String kind = o.startsWith("diagnosed") ? "diagnosed" : o.replaceAll(" \\(.*", "");
      counts.merge(kind, 1, Integer::sum);
      if (o.startsWith("diagnosed ")) {
        for (String id : o.substring("diagnosed ".length()).split(",")) {
          ids.merge(id, 1, Integer::sum);
        }
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("# javagrad corpus: Apache Commons Math 3.6.1 (sources jar), every static method that returns\n");
    out.append("# double or takes a double or double[]. Regenerate with -Djavagrad.corpus.updateBaseline=true.\n");
    out.append("# selected ").append(outcome.size()).append(" methods\n");
    for (var e : counts.entrySet()) {
      out.append("# ").append(e.getKey()).append(' ').append(e.getValue()).append('\n');
    }
    out.append("# diagnosed methods by diagnostic id (a method with several ids counts under each):\n");
    for (var e : ids.entrySet()) {
      out.append("#   ").append(e.getKey()).append(' ').append(e.getValue()).append('\n');
    }
    for (var e : outcome.entrySet()) {
      out.append(e.getKey()).append('\t').append(e.getValue()).append('\n');
    }
    return out.toString();
  }

  private static Path sourcesJar() throws Exception {
    URL url = CommonsMathCorpusTest.class.getClassLoader().getResource(PACKAGE + "util/FastMath.java");
    assertTrue(url != null, "commons-math3 sources jar not on the test class path");
    String s = url.toString(); // jar:file:/...!/org/...
    return Path.of(new java.net.URI(s.substring("jar:".length(), s.indexOf("!/"))));
  }

  /**
   * Loads the classes of the compilation, and every other Commons Math class from the binary jar,
   * itself (child first), so that generated classes and the package-private members they call
   * share one runtime package.
   */
  private static final class CorpusClassLoader extends ClassLoader {
    private final Map<String, byte[]> compiled = new HashMap<>();

    CorpusClassLoader(Compilation c) {
      super(CommonsMathCorpusTest.class.getClassLoader());
      for (JavaFileObject f : c.generatedFiles()) {
        if (f.getKind() != JavaFileObject.Kind.CLASS) {
          continue;
        }
        String path = f.toUri().getPath();
        String binary = path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(), path.length() - ".class".length())
            .replace('/', '.');
        try (InputStream in = f.openInputStream()) {
          compiled.put(binary, in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("org.apache.commons.math3.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          byte[] bytes = compiled.get(name);
          if (bytes == null) {
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
              if (in == null) {
                throw new ClassNotFoundException(name);
              }
              bytes = in.readAllBytes();
            } catch (IOException e) {
              throw new ClassNotFoundException(name, e);
            }
          }
          c = defineClass(name, bytes, 0, bytes.length);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }
  }
}
