package io.github.javagrad.processor.corpus;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import javax.lang.model.element.Modifier;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Reads a sources jar, finds every static method with a body that returns {@code double} or takes
 * a {@code double} or {@code double[]} parameter (members of top-level and nested classes, not of
 * local or anonymous ones), and annotates chosen ones with {@code @Differentiable} by inserting
 * the annotation text in front of their modifiers, on the same line so that line numbers stay.
 */
final class CorpusSources {
  static final String ANNOTATION = "@io.github.javagrad.Differentiable ";

  /** A selected method: its file, the position to insert at and its line range. */
  record SelectedMethod(
      String file, String key, String returnType, List<String> parameterTypes, long insertAt, long firstLine, long lastLine) {}

  /** One source file of the jar that holds selected methods. */
  record SourceFile(String path, String qualifiedName, String text, List<SelectedMethod> methods) {}

  private CorpusSources() {}

  /** Every file of the jar below {@code packagePrefix} (e.g. "org/apache/commons/math3/") with selected methods. */
  static List<SourceFile> select(JarFile jar, String packagePrefix) throws IOException {
    TreeMap<String, String> texts = new TreeMap<>();
    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
      JarEntry entry = e.nextElement();
      String name = entry.getName();
      if (!name.startsWith(packagePrefix) || !name.endsWith(".java") || name.endsWith("package-info.java")) {
        continue;
      }
      try (InputStream in = jar.getInputStream(entry)) {
        String text = new String(in.readAllBytes(), UTF_8);
        if (text.contains("static") && text.contains("double")) {
          texts.put(name, text);
        }
      }
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    List<JavaFileObject> files = new ArrayList<>();
    for (var t : texts.entrySet()) {
      files.add(new StringSource(t.getKey(), t.getValue()));
    }
    JavacTask task = (JavacTask) compiler.getTask(null, null, d -> {}, List.of("-proc:none"), null, files);
    Trees trees = Trees.instance(task);
    SourcePositions positions = trees.getSourcePositions();
    List<SourceFile> out = new ArrayList<>();
    for (CompilationUnitTree cu : task.parse()) {
      String path = cu.getSourceFile().getName();
      String pkg = cu.getPackageName() == null ? "" : cu.getPackageName().toString();
      List<SelectedMethod> methods = new ArrayList<>();
      for (Tree t : cu.getTypeDecls()) {
        if (t instanceof ClassTree c) {
          collect(cu, positions, c, pkg.isEmpty() ? c.getSimpleName().toString() : pkg + "." + c.getSimpleName(), methods);
        }
      }
      if (!methods.isEmpty()) {
        String qualified = path.substring(0, path.length() - ".java".length()).replace('/', '.');
        out.add(new SourceFile(path, qualified, texts.get(path), methods));
      }
    }
    return out;
  }

  private static void collect(
      CompilationUnitTree cu, SourcePositions positions, ClassTree c, String className, List<SelectedMethod> out) {
    for (Tree member : c.getMembers()) {
      if (member instanceof ClassTree nested) {
        collect(cu, positions, nested, className + "." + nested.getSimpleName(), out);
      } else if (member instanceof MethodTree m
          && m.getBody() != null
          && m.getModifiers().getFlags().contains(Modifier.STATIC)
          && m.getReturnType() != null) {
        String ret = m.getReturnType().toString();
        List<String> params = new ArrayList<>();
        boolean takesDouble = false;
        for (VariableTree p : m.getParameters()) {
          String type = p.getType().toString();
          params.add(type);
          takesDouble |= type.equals("double") || type.equals("double[]");
        }
        if (!ret.equals("double") && !takesDouble) {
          continue;
        }
        long start = positions.getStartPosition(cu, m.getModifiers());
        if (start < 0) {
          start = positions.getStartPosition(cu, m);
        }
        long end = positions.getEndPosition(cu, m);
        long first = cu.getLineMap().getLineNumber(start);
        long last = cu.getLineMap().getLineNumber(end);
        String key = className + "#" + m.getName() + "(" + String.join(",", params) + ")";
        out.add(new SelectedMethod(cu.getSourceFile().getName(), key, ret, List.copyOf(params), start, first, last));
      }
    }
  }

  /** The file's text with the annotation inserted before each of {@code chosen}. */
  static String annotate(SourceFile file, List<SelectedMethod> chosen) {
    StringBuilder text = new StringBuilder(file.text());
    List<SelectedMethod> byPosition = new ArrayList<>(chosen);
    byPosition.sort((a, b) -> Long.compare(b.insertAt(), a.insertAt())); // back to front
    for (SelectedMethod m : byPosition) {
      text.insert((int) m.insertAt(), ANNOTATION);
    }
    return text.toString();
  }

  /** An in-memory source with the given jar path as its name. */
  static final class StringSource extends SimpleJavaFileObject {
    private final String text;

    StringSource(String path, String text) {
      super(URI.create("string:///" + path), Kind.SOURCE);
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }

    @Override
    public String getName() {
      return toUri().getPath().substring(1);
    }
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  static UncheckedIOException unchecked(IOException e) {
    return new UncheckedIOException(e);
  }
}
