package io.github.javagrad.processor.build;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.javagrad.Differentiable;
import io.github.javagrad.processor.DifferentiableProcessor;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Drives a real compiler through {@code javax.tools} the way a build tool does: sources on disk,
 * generated sources to a {@code -s} directory, classes to a {@code -d} directory, the runtime on
 * the class path. Used by the build-integration tests only.
 */
final class Compilation {
  /** What one compiler run reported. */
  record Result(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics, String output) {
    List<String> errors() {
      return diagnostics.stream()
          .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .map(d -> d.getMessage(Locale.ROOT))
          .toList();
    }

    Result assertSuccess() {
      assertTrue(success, () -> "compilation failed:\n" + describe());
      return this;
    }

    String describe() {
      StringBuilder sb = new StringBuilder(output);
      for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
        sb.append(d.getKind()).append(' ')
            .append(d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
            .append(d.getMessage(Locale.ROOT)).append('\n');
      }
      return sb.toString();
    }
  }

  private Compilation() {}

  /** Compiles {@code sources} with the JDK's javac and the javagrad processor. */
  static Result javac(List<Path> sources, Path generated, Path classes, List<Path> extraClassPath,
      String... extraOptions) {
    return run(ToolProvider.getSystemJavaCompiler(), sources, generated, classes, extraClassPath,
        List.of(new DifferentiableProcessor()), extraOptions);
  }

  /** Compiles with any {@code javax.tools} compiler and the given processors. */
  static Result run(JavaCompiler compiler, List<Path> sources, Path generated, Path classes,
      List<Path> extraClassPath, List<? extends Processor> processors, String... extraOptions) {
    try {
      Files.createDirectories(generated);
      Files.createDirectories(classes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> classPath = new ArrayList<>();
    classPath.add(runtimeLocation().toString());
    extraClassPath.forEach(p -> classPath.add(p.toString()));
    List<String> options = new ArrayList<>(List.of(
        "-classpath", String.join(File.pathSeparator, classPath),
        "-s", generated.toString(),
        "-d", classes.toString(),
        "-encoding", "UTF-8"));
    options.addAll(List.of(extraOptions));
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter out = new StringWriter();
    try (StandardJavaFileManager files =
        compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      JavaCompiler.CompilationTask task = compiler.getTask(out, files, diagnostics, options, null,
          files.getJavaFileObjectsFromPaths(sources));
      task.setProcessors(processors);
      boolean ok = task.call();
      return new Result(ok, diagnostics.getDiagnostics(), out.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The directory or jar holding javagrad's runtime classes (the annotation). */
  static Path runtimeLocation() {
    try {
      return Path.of(Differentiable.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code text} to {@code root/relative}, creating directories. */
  static Path write(Path root, String relative, String text) {
    try {
      Path file = root.resolve(relative);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every regular file under {@code root} by relative path, with its contents. */
  static Map<String, String> snapshot(Path root) {
    Map<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(root)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString().replace(File.separatorChar, '/'),
            Files.readString(p, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }
}
