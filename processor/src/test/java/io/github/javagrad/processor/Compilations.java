package io.github.javagrad.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.Compiler.javac;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/** Shared helpers: compiling with the processor, finding positions, loading compiled classes. */
final class Compilations {
  /** Every javac lint on, and any warning fails the build: generated code must be warning-free. */
  static final List<String> STRICT_OPTIONS = List.of("-Xlint:all", "-Werror");

  private Compilations() {}

  /** javac with the javagrad processor and {@link #STRICT_OPTIONS}. */
  static Compiler javagrad() {
    return javagrad(new DifferentiableProcessor());
  }

  /** javac with the given processor (e.g. a wrapper around javagrad) and strict options. */
  static Compiler javagrad(Processor processor) {
    return javac().withProcessors(processor).withOptions(STRICT_OPTIONS);
  }

  static Compilation compile(JavaFileObject... sources) {
    return javagrad().compile(sources);
  }

  static JavaFileObject source(String qualifiedName, String text) {
    return JavaFileObjects.forSourceString(qualifiedName, text);
  }

  /**
   * A source file {@code p/C.java} holding class {@code p.C} with the given members and an import
   * of {@code @Differentiable}.
   */
  static JavaFileObject classC(String members) {
    return source(
        "p.C",
        "package p;\n"
            + "\n"
            + "import io.github.javagrad.Differentiable;\n"
            + "\n"
            + "class C {\n"
            + members.stripTrailing().indent(2)
            + "}\n");
  }

  /** The 1-based number of the one line of {@code file} that contains {@code lineFragment}. */
  static long lineOf(JavaFileObject file, String lineFragment) {
    List<String> lines = contentOf(file).lines().toList();
    long found = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(lineFragment)) {
        assertWithMessage("lines containing <%s>", lineFragment).that(found).isEqualTo(-1L);
        found = i + 1L;
      }
    }
    assertWithMessage("a line containing <%s>", lineFragment).that(found).isAtLeast(1L);
    return found;
  }

  /**
   * The 1-based column of {@code marker} in the one line of {@code file} that contains {@code
   * lineFragment}: the column javac reports for a diagnostic whose preferred position is the
   * first character of {@code marker}.
   */
  static long columnOf(JavaFileObject file, String lineFragment, String marker) {
    List<String> lines = contentOf(file).lines().filter(l -> l.contains(lineFragment)).toList();
    assertWithMessage("lines containing <%s>", lineFragment).that(lines).hasSize(1);
    int index = lines.get(0).indexOf(marker);
    assertWithMessage("<%s> in line <%s>", marker, lines.get(0)).that(index).isAtLeast(0);
    return index + 1L;
  }

  static String contentOf(JavaFileObject file) {
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Asserts that no diagnostic carries a processor exception: javac prints an uncaught processor
   * exception with its class name, and javagrad's own JG999 names the exception on purpose.
   */
  static void assertNoProcessorCrash(Compilation compilation) {
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      String message = d.getMessage(Locale.ROOT);
      if (!message.contains("[javagrad:JG999]")) {
        assertWithMessage("diagnostic at line %s", d.getLineNumber())
            .that(message)
            .doesNotContain("Exception");
        assertWithMessage("diagnostic at line %s", d.getLineNumber())
            .that(message)
            .doesNotContain("Error:");
      }
    }
  }

  /**
   * A class loader over the class files a successful compilation wrote, with the test class path
   * (and so the javagrad runtime) as its parent.
   */
  static ClassLoader classLoaderOf(Compilation compilation) {
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject f : compilation.generatedFiles()) {
      if (f.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String path = f.toUri().getPath();
      String binaryName =
          path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(),
                  path.length() - ".class".length())
              .replace('/', '.');
      try (InputStream in = f.openInputStream()) {
        classes.put(binaryName, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new ClassLoader(Compilations.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
      }
    };
  }

  /**
   * The one method named {@code methodName} of class {@code className} (a generated companion or
   * the user's class), from a loader made by {@link #classLoaderOf}, made accessible.
   */
  static Method methodOf(ClassLoader loader, String className, String methodName)
      throws ClassNotFoundException {
    Class<?> type = loader.loadClass(className);
    List<Method> found = new ArrayList<>();
    for (Method m : type.getDeclaredMethods()) {
      if (m.getName().equals(methodName)) {
        found.add(m);
      }
    }
    assertWithMessage("methods named %s in %s", methodName, className).that(found).hasSize(1);
    found.get(0).setAccessible(true);
    return found.get(0);
  }

  /** Calls a static method, unwrapping reflection's exceptions into an AssertionError. */
  static Object invokeStatic(Method method, Object... args) {
    try {
      return method.invoke(null, args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("calling " + method, e);
    }
  }

  /** Writes the class files of a successful compilation below {@code dir}, by package. */
  static void writeClassFiles(Compilation compilation, Path dir) throws IOException {
    for (JavaFileObject f : compilation.generatedFiles()) {
      if (f.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String path = f.toUri().getPath();
      Path target = dir.resolve(path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length()));
      Files.createDirectories(target.getParent());
      try (InputStream in = f.openInputStream()) {
        Files.write(target, in.readAllBytes());
      }
    }
  }

  /** The test class path (javagrad's runtime included) followed by {@code extra}. */
  static List<File> testClassPathAnd(Path extra) {
    List<File> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        entries.add(new File(entry));
      }
    }
    entries.add(extra.toFile());
    return entries;
  }

  /**
   * Compiles with plain javax.tools into {@code dir}, so that generated sources can be read even
   * when the compilation fails (compile-testing hides generated files of a failed compilation).
   */
  static DiskCompilation compileToDisk(Path dir, JavaFileObject... sources) throws IOException {
    return compileToDisk(dir, new DifferentiableProcessor(), sources);
  }

  /** As {@link #compileToDisk(Path, JavaFileObject...)}, with the given processor. */
  static DiskCompilation compileToDisk(Path dir, Processor processor, JavaFileObject... sources)
      throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path generated = Files.createDirectories(dir.resolve("generated"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    try (StandardJavaFileManager files =
        compiler.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
      files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(generated));
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
      JavaCompiler.CompilationTask task =
          compiler.getTask(null, files, diagnostics, STRICT_OPTIONS, null, List.of(sources));
      task.setProcessors(List.of(processor));
      boolean success = task.call();
      return new DiskCompilation(success, diagnostics.getDiagnostics(), generated);
    }
  }

  record DiskCompilation(
      boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics, Path generatedSources) {
    /** The generated source of {@code p.CGradients}, as {@code p/CGradients.java}. */
    Path generatedSource(String qualifiedName) {
      return generatedSources.resolve(qualifiedName.replace('.', '/') + ".java");
    }
  }
}
