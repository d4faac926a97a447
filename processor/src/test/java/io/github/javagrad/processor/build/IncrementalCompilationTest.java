package io.github.javagrad.processor.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a build tool's incremental compile relies on: recompiling one annotated class (javac given
 * only that file, the rest on the class path, as Gradle's incremental compile and IDE "make" do)
 * regenerates only its companion and leaves the others consistent; and removing the annotation
 * leaves no companion behind on the next clean build.
 *
 * <p>Compiled with {@code -g}, the default of Maven and Gradle, so that callee parameter names are
 * in the class files. Maven's own incremental rebuild (the whole module, stale generated sources
 * deleted) is checked end to end by {@code .ci/check-install}.
 */
class IncrementalCompilationTest {
  private static final String SQUARE = """
      package p;

      import io.github.javagrad.Differentiable;

      final class Square {
        @Differentiable
        static double f(double x) {
          return x * x;
        }
      }
      """;
  private static final String TRIG = """
      package p;

      import io.github.javagrad.Differentiable;

      public final class Trig {
        @Differentiable
        public static double g(double x) {
          return Math.sin(x);
        }
      }
      """;
  private static final String CHAIN = """
      package p;

      import io.github.javagrad.Differentiable;

      final class Chain {
        @Differentiable
        static double h(double x, double y) {
          return 2 * Trig.g(x) * y;
        }
      }
      """;

  @TempDir Path dir;

  @Test
  void recompilingOneClassRegeneratesOnlyItsCompanionAndTheOthersStayConsistent() throws Exception {
    Path src = dir.resolve("src");
    Path gen = dir.resolve("generated");
    Path out = dir.resolve("classes");
    Path square = Compilation.write(src, "p/Square.java", SQUARE);
    Path trig = Compilation.write(src, "p/Trig.java", TRIG);
    Path chain = Compilation.write(src, "p/Chain.java", CHAIN);

    Compilation.javac(List.of(square, trig, chain), gen, out, List.of(), "-g").assertSuccess();
    assertEquals(Set.of("p/ChainGradients.java", "p/SquareGradients.java", "p/TrigGradients.java"),
        Compilation.snapshot(gen).keySet());
    Map<String, String> first = Compilation.snapshot(gen);
    FileTime old = FileTime.from(Instant.parse("2001-01-01T00:00:00Z"));
    for (String f : first.keySet()) {
      Files.setLastModifiedTime(gen.resolve(f), old);
    }

    // Edit Square and recompile it alone: only SquareGradients is written again.
    Compilation.write(src, "p/Square.java", SQUARE.replace("x * x;", "x * x * x;"));
    Compilation.javac(List.of(square), gen, out, List.of(out), "-g").assertSuccess();
    Map<String, String> second = Compilation.snapshot(gen);
    assertNotEquals(first.get("p/SquareGradients.java"), second.get("p/SquareGradients.java"));
    assertEquals(first.get("p/TrigGradients.java"), second.get("p/TrigGradients.java"));
    assertEquals(first.get("p/ChainGradients.java"), second.get("p/ChainGradients.java"));
    assertEquals(old, Files.getLastModifiedTime(gen.resolve("p/TrigGradients.java")));
    assertEquals(old, Files.getLastModifiedTime(gen.resolve("p/ChainGradients.java")));
    assertNotEquals(old, Files.getLastModifiedTime(gen.resolve("p/SquareGradients.java")));
    try (Loaded classes = new Loaded(out)) {
      assertArrayEquals(new double[] {8.0, 12.0}, classes.call("p.SquareGradients", "f", 2.0), 1e-12);
    }

    // Edit Trig and recompile it alone: Chain, not recompiled, chains through Trig's new pullback.
    Compilation.write(src, "p/Trig.java", TRIG.replace("Math.sin(x)", "Math.cos(x)"));
    Compilation.javac(List.of(trig), gen, out, List.of(out), "-g").assertSuccess();
    assertEquals(old, Files.getLastModifiedTime(gen.resolve("p/ChainGradients.java")));
    try (Loaded classes = new Loaded(out)) {
      assertArrayEquals(new double[] {6 * Math.cos(1.0), -6 * Math.sin(1.0), 2 * Math.cos(1.0)},
          classes.call("p.ChainGradients", "h", 1.0, 3.0), 1e-12);
    }

    // The incremental result is exactly what a clean build of the same sources generates.
    Path cleanGen = dir.resolve("clean-generated");
    Compilation.javac(List.of(square, trig, chain), cleanGen, dir.resolve("clean-classes"), List.of(), "-g")
        .assertSuccess();
    assertEquals(Compilation.snapshot(cleanGen), Compilation.snapshot(gen));
  }

  @Test
  void removingTheAnnotationLeavesNoCompanionOnTheNextCleanBuild() {
    Path src = dir.resolve("src");
    Path square = Compilation.write(src, "p/Square.java", SQUARE);
    Path trig = Compilation.write(src, "p/Trig.java", TRIG);
    Compilation.javac(List.of(square, trig), dir.resolve("gen1"), dir.resolve("out1"), List.of(), "-g")
        .assertSuccess();
    assertEquals(Set.of("p/SquareGradients.java", "p/TrigGradients.java"),
        Compilation.snapshot(dir.resolve("gen1")).keySet());

    Compilation.write(src, "p/Square.java", SQUARE.replace("  @Differentiable\n", ""));
    Compilation.javac(List.of(square, trig), dir.resolve("gen2"), dir.resolve("out2"), List.of(), "-g")
        .assertSuccess();
    assertEquals(Set.of("p/TrigGradients.java"), Compilation.snapshot(dir.resolve("gen2")).keySet());
    assertFalse(Files.exists(dir.resolve("out2/p/SquareGradients.class")));
  }

  @Test
  void aCalleeFromAClassFileCompiledWithoutDebugInfoStillChainsOrFailsClosed() throws Exception {
    // Plain javac's default is -g:source,lines: no parameter names in the class file.
    Path src = dir.resolve("src");
    Path trig = Compilation.write(src, "p/Trig.java", TRIG);
    Path out = dir.resolve("classes");
    Compilation.javac(List.of(trig), dir.resolve("gen"), out, List.of()).assertSuccess();

    Path chain = Compilation.write(src, "p/Chain.java", CHAIN);
    Compilation.javac(List.of(chain), dir.resolve("gen"), out, List.of(out)).assertSuccess();
    try (Loaded classes = new Loaded(out)) {
      assertArrayEquals(new double[] {6 * Math.sin(1.0), 6 * Math.cos(1.0), 2 * Math.sin(1.0)},
          classes.call("p.ChainGradients", "h", 1.0, 3.0), 1e-12);
    }

    // With wrt, names are needed; without them javagrad refuses rather than guess.
    Path named = Compilation.write(src, "q/Named.java", """
        package q;

        import io.github.javagrad.Differentiable;

        public final class Named {
          @Differentiable(wrt = {"y"})
          public static double g(double x, double y) {
            return x * y * y;
          }
        }
        """);
    Compilation.javac(List.of(named), dir.resolve("gen"), out, List.of()).assertSuccess();
    Path user = Compilation.write(src, "q/User.java", """
        package q;

        import io.github.javagrad.Differentiable;

        final class User {
          @Differentiable
          static double f(double a, double b) {
            return Named.g(a, b);
          }
        }
        """);
    Compilation.Result result = Compilation.javac(List.of(user), dir.resolve("gen"), out, List.of(out));
    assertFalse(result.success());
    assertEquals(1, result.errors().size(), result::describe);
    assertTrue(result.errors().get(0).startsWith("[javagrad:JG314]"), result::describe);
  }

  /** The compiled classes in a fresh class loader, to call generated gradients. */
  private static final class Loaded implements AutoCloseable {
    private final URLClassLoader loader;

    Loaded(Path classes) throws IOException {
      loader = new URLClassLoader(
          new URL[] {classes.toUri().toURL(), Compilation.runtimeLocation().toUri().toURL()},
          ClassLoader.getPlatformClassLoader());
    }

    /** Calls the static value-and-gradient method; returns the value then each partial. */
    double[] call(String companion, String method, double... args) throws Exception {
      Class<?>[] types = new Class<?>[args.length];
      Object[] boxed = new Object[args.length];
      for (int i = 0; i < args.length; i++) {
        types[i] = double.class;
        boxed[i] = args[i];
      }
      Object result = loader.loadClass(companion).getMethod(method, types).invoke(null, boxed);
      double value = (double) result.getClass().getMethod("value").invoke(result);
      double[] gradient = (double[]) result.getClass().getMethod("gradient").invoke(result);
      double[] all = new double[gradient.length + 1];
      all[0] = value;
      System.arraycopy(gradient, 0, all, 1, gradient.length);
      return all;
    }

    @Override
    public void close() throws IOException {
      loader.close();
    }
  }
}
