package io.github.javagrad.processor.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.javagrad.processor.DifferentiableProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * javagrad registers itself with Gradle as an <em>isolating</em> incremental annotation processor
 * ({@code META-INF/gradle/incremental.annotation.processors}). Gradle's contract for that: the
 * processor declares the annotations it handles (no {@code "*"}), and every file it creates has
 * exactly one originating element, from which Gradle tracks which source to regenerate it from.
 *
 * <p>Gradle enforces this by wrapping the processor's environment and its {@link Filer}. The test
 * does the same, in the shape Gradle uses (a class holding the real environment in a field named
 * {@code delegate}), records every file the processor creates and checks the contract. This runs
 * under javac, not under a real Gradle (the only Gradle installable here, 4.4, predates
 * incremental processing), so it checks the processor's side of the contract only.
 */
class GradleIsolatingContractTest {
  private static final String REGISTRATION = "META-INF/gradle/incremental.annotation.processors";

  @TempDir Path dir;

  @Test
  void registeredWithGradleAsIsolating() throws IOException {
    String text;
    try (InputStream in = DifferentiableProcessor.class.getClassLoader().getResourceAsStream(REGISTRATION)) {
      assertTrue(in != null, REGISTRATION + " is on the processor's class path");
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(List.of(DifferentiableProcessor.class.getName() + ",isolating"),
        text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
    for (String type : new DifferentiableProcessor().getSupportedAnnotationTypes()) {
      assertFalse(type.contains("*"), "an isolating processor names its annotations: " + type);
    }
  }

  @Test
  void everyGeneratedFileHasExactlyOneOriginatingElementItsTopLevelClass() {
    Path src = dir.resolve("src");
    Path outer = Compilation.write(src, "p/Outer.java", """
        package p;

        import io.github.javagrad.Differentiable;

        public final class Outer {
          @Differentiable
          static double f(double x) {
            return x * x;
          }

          static final class Inner {
            @Differentiable
            static double g(double x) {
              return 2 * Outer.f(x);
            }
          }
        }
        """);
    Path other = Compilation.write(src, "q/Other.java", """
        package q;

        import io.github.javagrad.Differentiable;

        final class Other {
          @Differentiable
          static double h(double x, double y) {
            return Math.sin(x) * y;
          }
        }
        """);
    RecordingProcessor recording = new RecordingProcessor();

    Compilation.run(ToolProvider.getSystemJavaCompiler(), List.of(outer, other), dir.resolve("gen"),
            dir.resolve("classes"), List.of(), List.of(recording))
        .assertSuccess();

    assertEquals(
        Map.of(
            "p.OuterGradients", List.of("p.Outer"),
            "p.Outer_InnerGradients", List.of("p.Outer"),
            "q.OtherGradients", List.of("q.Other")),
        recording.sourceFiles);
    assertEquals(List.of(), recording.otherFiles, "only source files are created");
  }

  /** Runs javagrad behind an environment wrapped the way Gradle wraps it. */
  private static final class RecordingProcessor implements Processor {
    private final Processor delegate = new DifferentiableProcessor();
    final Map<String, List<String>> sourceFiles = new TreeMap<>();
    final List<String> otherFiles = new ArrayList<>();

    @Override
    public void init(ProcessingEnvironment env) {
      delegate.init(new GradleShapedEnvironment(env, new RecordingFiler(env.getFiler())));
    }

    @Override
    public Set<String> getSupportedOptions() {
      return delegate.getSupportedOptions();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return delegate.process(annotations, round);
    }

    @Override
    public Iterable<? extends Completion> getCompletions(
        Element element, AnnotationMirror annotation, ExecutableElement member, String userText) {
      return delegate.getCompletions(element, annotation, member, userText);
    }

    /** Records each created file with the names of its originating elements (top-level types). */
    private final class RecordingFiler implements Filer {
      private final Filer delegate;

      RecordingFiler(Filer delegate) {
        this.delegate = delegate;
      }

      @Override
      public JavaFileObject createSourceFile(CharSequence name, Element... originatingElements)
          throws IOException {
        List<String> origins = new ArrayList<>();
        for (Element e : originatingElements) {
          boolean topLevel = e instanceof TypeElement t && t.getNestingKind() == NestingKind.TOP_LEVEL;
          origins.add(topLevel ? ((TypeElement) e).getQualifiedName().toString() : "not top-level: " + e);
        }
        sourceFiles.put(name.toString(), origins);
        return delegate.createSourceFile(name, originatingElements);
      }

      @Override
      public JavaFileObject createClassFile(CharSequence name, Element... originatingElements)
          throws IOException {
        otherFiles.add("class " + name);
        return delegate.createClassFile(name, originatingElements);
      }

      @Override
      public FileObject createResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
          CharSequence relativeName, Element... originatingElements) throws IOException {
        otherFiles.add("resource " + relativeName);
        return delegate.createResource(location, moduleAndPkg, relativeName, originatingElements);
      }

      @Override
      public FileObject getResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
          CharSequence relativeName) throws IOException {
        return delegate.getResource(location, moduleAndPkg, relativeName);
      }
    }
  }

  /**
   * Shaped like Gradle's {@code IncrementalProcessingEnvironment}: the real environment in a
   * field named {@code delegate}, and Gradle's own filer.
   */
  private static final class GradleShapedEnvironment implements ProcessingEnvironment {
    private final ProcessingEnvironment delegate;
    private final Filer filer;

    GradleShapedEnvironment(ProcessingEnvironment delegate, Filer filer) {
      this.delegate = delegate;
      this.filer = filer;
    }

    @Override
    public Map<String, String> getOptions() {
      return delegate.getOptions();
    }

    @Override
    public Messager getMessager() {
      return delegate.getMessager();
    }

    @Override
    public Filer getFiler() {
      return filer;
    }

    @Override
    public Elements getElementUtils() {
      return delegate.getElementUtils();
    }

    @Override
    public Types getTypeUtils() {
      return delegate.getTypeUtils();
    }

    @Override
    public SourceVersion getSourceVersion() {
      return delegate.getSourceVersion();
    }

    @Override
    public Locale getLocale() {
      return delegate.getLocale();
    }
  }
}
