package io.github.javagrad.processor.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.javagrad.processor.DifferentiableProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import javax.tools.Diagnostic;
import javax.tools.JavaCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Eclipse compiler (ECJ, as in Eclipse IDE and its JDT-based language servers) runs
 * annotation processors but has no javac Tree API, which javagrad needs to read method bodies.
 * Compiled with the real ECJ from Maven Central through its {@code javax.tools} interface, a
 * {@code @Differentiable} method gets exactly one clear {@code JG901} error, nothing crashes, and
 * nothing is generated.
 */
class EclipseCompilerTest {
  @TempDir Path dir;

  @Test
  void eclipseCompilerGetsOneClearJg901ErrorAndNoCrash() throws Exception {
    JavaCompiler ecj = ServiceLoader.load(JavaCompiler.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(c -> c.getClass().getName().startsWith("org.eclipse.jdt."))
        .findFirst()
        .orElseThrow(() -> new AssertionError("ECJ (org.eclipse.jdt:ecj) is not on the test class path"));
    Path source = Compilation.write(dir.resolve("src"), "demo/Neuron.java", """
        package demo;

        import io.github.javagrad.Differentiable;

        final class Neuron {
          @Differentiable
          static double sigmoid(double x) {
            return 1 / (1 + Math.exp(-x));
          }
        }
        """);
    Path generated = dir.resolve("generated");

    Compilation.Result result = Compilation.run(ecj, List.of(source), generated, dir.resolve("classes"),
        List.of(), List.of(new DifferentiableProcessor()), "-source", "17", "-target", "17");

    assertFalse(result.success(), result::describe);
    List<Diagnostic<?>> errors = result.diagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .<Diagnostic<?>>map(d -> d)
        .toList();
    assertEquals(1, errors.size(), result::describe);
    assertEquals(7, errors.get(0).getLineNumber(), "reported at the method: " + result.describe());
    String message = errors.get(0).getMessage(Locale.ROOT);
    assertTrue(message.startsWith("[javagrad:JG901] javagrad needs the javac Tree API"), message);
    assertTrue(message.contains("org.eclipse.jdt"), "names the compiler's environment: " + message);
    assertTrue(message.contains("hint: compile with javac"), message);
    assertFalse(result.describe().contains("JG999"), result::describe);
    assertFalse(result.describe().contains("Exception"), result::describe);
    assertTrue(Compilation.snapshot(generated).isEmpty(), "nothing generated");
    assertFalse(Files.exists(dir.resolve("classes/demo/NeuronGradients.class")));
  }
}
