package io.github.javagrad.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.TestInfo;

/**
 * Golden files: generated sources compared as exact text, comments and layout included, against
 * {@code src/test/resources/goldens/<TestClass>/<testMethod>/<File>.java} (Dagger's layout).
 *
 * <p>To write or refresh them, run the tests with {@code -Djavagrad.updateGoldens=true}, e.g.
 * {@code mvn -pl processor test -Dtest=GoldenTest -Djavagrad.updateGoldens=true}, then review the
 * diff by eye before committing.
 */
final class Goldens {
  static final String UPDATE_PROPERTY = "javagrad.updateGoldens";
  static final String RESOURCE_ROOT = "goldens";
  /** Where goldens live in the source tree, relative to the processor module. */
  static final Path SOURCE_ROOT = Paths.get("src", "test", "resources", RESOURCE_ROOT);

  private final boolean update;
  private final Path moduleDir;

  private Goldens(boolean update, Path moduleDir) {
    this.update = update;
    this.moduleDir = moduleDir;
  }

  /** Goldens as configured by the system properties of this test run. */
  static Goldens fromSystemProperties() {
    // Surefire sets basedir to the module directory; an IDE usually runs there anyway.
    Path moduleDir = Paths.get(System.getProperty("basedir", System.getProperty("user.dir")));
    return new Goldens(Boolean.getBoolean(UPDATE_PROPERTY), moduleDir);
  }

  /** Goldens that are only read, never written, whatever the system properties say. */
  static Goldens readOnly() {
    return new Goldens(false, Paths.get(System.getProperty("basedir", System.getProperty("user.dir"))));
  }

  /**
   * Asserts that {@code compilation} succeeded, generated exactly the given source files, and that
   * each equals its golden, character for character.
   *
   * @param qualifiedNames generated classes, e.g. {@code p.CGradients}
   */
  void assertGeneratedMatch(Compilation compilation, TestInfo test, String... qualifiedNames) {
    assertGeneratedMatch(compilation, directoryOf(test), qualifiedNames);
  }

  /**
   * As {@link #assertGeneratedMatch(Compilation, TestInfo, String...)}, with the goldens of the
   * directory {@code <TestClass>/<testMethod>} named explicitly.
   */
  void assertGeneratedMatch(Compilation compilation, String directory, String... qualifiedNames) {
    assertThat(compilation).succeededWithoutWarnings();
    List<String> generated =
        compilation.generatedSourceFiles().stream()
            .map(f -> f.toUri().getPath().replaceFirst("^.*/SOURCE_OUTPUT/", ""))
            .sorted()
            .toList();
    List<String> expected =
        Arrays.stream(qualifiedNames).map(n -> n.replace('.', '/') + ".java").sorted().toList();
    assertWithMessage("generated source files").that(generated).isEqualTo(expected);
    for (String name : qualifiedNames) {
      assertMatches(compilation, directory, name);
    }
  }

  private void assertMatches(Compilation compilation, String directory, String qualifiedName) {
    String actual = contentOf(compilation.generatedSourceFile(qualifiedName).orElseThrow());
    String simpleName = qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
    String relative = directory + "/" + simpleName + ".java";
    if (update) {
      write(relative, actual);
      return;
    }
    String golden = read(relative);
    if (golden == null) {
      throw new AssertionError(
          "No golden file for "
              + qualifiedName
              + ": it should be at processor/"
              + SOURCE_ROOT.resolve(relative).toString().replace('\\', '/')
              + ". Run the test with -D"
              + UPDATE_PROPERTY
              + "=true to write it, then review it.");
    }
    assertThat(compilation)
        .generatedSourceFile(qualifiedName)
        .contentsAsUtf8String()
        .isEqualTo(golden);
  }

  /** {@code GoldenTest/sigmoid}: the golden directory of a test method. */
  static String directoryOf(TestInfo test) {
    return test.getTestClass().orElseThrow().getSimpleName()
        + "/"
        + test.getTestMethod().orElseThrow().getName();
  }

  /** The golden's text from the test class path, or null when there is none. */
  static String read(String relative) {
    try (InputStream in =
        Goldens.class.getClassLoader().getResourceAsStream(RESOURCE_ROOT + "/" + relative)) {
      return in == null ? null : new String(in.readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(String relative, String text) {
    Path target = moduleDir.resolve(SOURCE_ROOT).resolve(relative);
    try {
      Files.createDirectories(target.getParent());
      Files.writeString(target, text, UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.println("[goldens] wrote " + target);
  }

  private static String contentOf(JavaFileObject file) {
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
