package io.github.javagrad.processor.fuzz;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.github.javagrad.processor.DifferentiableProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;

/** In-memory compilation with and without the javagrad processor, and loading of the result. */
final class FuzzCompiler {
  /** Every lint on, warnings are errors; -parameters so the oracle can read parameter names. */
  static final List<String> OPTIONS = List.of("-Xlint:all", "-Werror", "-parameters");

  private FuzzCompiler() {}

  static JavaFileObject source(String qualifiedName, String text) {
    return JavaFileObjects.forSourceString(qualifiedName, text);
  }

  /** javac with the javagrad processor, strict options. */
  static Compilation withProcessor(List<JavaFileObject> sources) {
    return javac().withProcessors(new DifferentiableProcessor()).withOptions(OPTIONS).compile(sources);
  }

  /** javac without any processor, strict options: is the program itself valid, warning-free Java? */
  static Compilation plain(List<JavaFileObject> sources) {
    return javac()
        .withOptions(List.of("-Xlint:all", "-Werror", "-proc:none"))
        .compile(sources);
  }

  /** A class loader over the class files of a successful compilation (test class path as parent). */
  static ClassLoader classLoaderOf(Compilation compilation) {
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject f : compilation.generatedFiles()) {
      if (f.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String path = f.toUri().getPath();
      String binaryName =
          path.substring(
                  path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(),
                  path.length() - ".class".length())
              .replace('/', '.');
      try (InputStream in = f.openInputStream()) {
        classes.put(binaryName, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new ClassLoader(FuzzCompiler.class.getClassLoader()) {
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

  /** The text of a generated source, or null. */
  static String generatedSource(Compilation compilation, String qualifiedName) {
    String suffix = "/" + qualifiedName.replace('.', '/') + ".java";
    for (JavaFileObject f : compilation.generatedFiles()) {
      if (f.getKind() == JavaFileObject.Kind.SOURCE && f.toUri().getPath().endsWith(suffix)) {
        try {
          return f.getCharContent(true).toString();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return null;
  }
}
