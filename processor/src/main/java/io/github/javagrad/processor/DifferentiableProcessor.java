package io.github.javagrad.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.sun.source.util.Trees;
import io.github.javagrad.Differentiable;
import io.github.javagrad.JavagradGenerated;
import io.github.javagrad.processor.adjoint.AdjointBuilder;
import io.github.javagrad.processor.adjoint.AdjointMethod;
import io.github.javagrad.processor.analysis.CallChecks;
import io.github.javagrad.processor.analysis.LoopReturns;
import io.github.javagrad.processor.analysis.MethodAnalysis;
import io.github.javagrad.processor.analysis.ReturnNormalizer;
import io.github.javagrad.processor.diagnostics.Diagnostic;
import io.github.javagrad.processor.diagnostics.Reporter;
import io.github.javagrad.processor.emit.CompanionWriter;
import io.github.javagrad.processor.model.MethodModel;
import io.github.javagrad.processor.model.Naming;
import io.github.javagrad.processor.reading.MethodReader;
import io.github.javagrad.processor.reading.TreesAccess;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic.Kind;

/**
 * The javagrad annotation processor: for every class with {@code @Differentiable} methods it
 * writes a companion class holding their gradients.
 *
 * <p>The pipeline per method, each stage in its own package: {@code reading} (javac trees to a
 * {@link MethodModel}, rejecting unsupported Java at its position), {@code analysis} (terminal
 * form, activity, what must be recorded), {@code adjoint} (forward and reverse sweeps), {@code
 * emit} (JavaPoet). A method with errors is skipped and the others are still written; nothing
 * ever escapes {@link #process}: an unexpected failure becomes an error on the method.
 */
@AutoService(Processor.class)
public final class DifferentiableProcessor extends AbstractProcessor {
  private Trees trees;
  private String treesProblem;

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    try {
      trees = TreesAccess.treesOf(env);
    } catch (RuntimeException | LinkageError e) {
      trees = null;
    }
    if (trees == null) {
      treesProblem = "processing environment " + env.getClass().getName();
    }
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    // The two markers on generated classes are claimed too, so that javac's -Xlint:processing
    // does not warn, in the next round, that nobody processed them.
    return Set.of(
        Differentiable.class.getCanonicalName(),
        JavagradGenerated.class.getCanonicalName(),
        "javax.annotation.processing.Generated");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      processRound(round);
    } catch (Throwable unexpected) {
      // Last line of defence: never crash javac. Per-method failures are caught further down.
      processingEnv
          .getMessager()
          .printMessage(Kind.ERROR, Diagnostic.INTERNAL_ERROR.format("this round", describe(unexpected)));
    }
    return true; // javagrad's own annotations, and @Generated, which only marks generated code
  }

  private void processRound(RoundEnvironment round) {
    if (trees != null) {
      rejectInLocalClasses(round);
    }
    Map<TypeElement, List<ExecutableElement>> byClass = new LinkedHashMap<>();
    for (Element e : round.getElementsAnnotatedWith(Differentiable.class)) {
      if (e.getKind() == ElementKind.METHOD && e.getEnclosingElement() instanceof TypeElement t) {
        byClass.computeIfAbsent(t, k -> new ArrayList<>()).add((ExecutableElement) e);
      }
    }
    if (byClass.isEmpty()) {
      return;
    }
    Reporter reporter = new Reporter(processingEnv.getMessager(), trees);
    if (trees == null) {
      byClass.values().forEach(ms -> ms.forEach(
          m -> reporter.error(Diagnostic.TREES_UNAVAILABLE, m, treesProblem)));
      return;
    }
    List<TypeElement> classes = new ArrayList<>(byClass.keySet());
    classes.sort(Comparator.comparing(t -> t.getQualifiedName().toString()));
    MethodReader reader = new MethodReader(trees, processingEnv.getElementUtils(), reporter);
    Map<String, TypeElement> companions = new java.util.HashMap<>();
    for (TypeElement owner : classes) {
      List<ExecutableElement> methods = byClass.get(owner);
      String companion = Naming.companionOf(owner).canonicalName();
      TypeElement earlier = companions.putIfAbsent(companion, owner);
      TypeElement existing = processingEnv.getElementUtils().getTypeElement(companion);
      boolean ours = existing == null || existing.getAnnotation(JavagradGenerated.class) != null;
      if (earlier != null || !ours) {
        String other = earlier != null
            ? "the one of " + earlier.getQualifiedName() : "an existing class of that name";
        reporter.error(Diagnostic.COMPANION_CLASH, owner, companion, owner.getQualifiedName(), other);
        continue;
      }
      List<AdjointMethod> generated = new ArrayList<>();
      Map<String, String> takenNames = new java.util.HashMap<>();
      for (ExecutableElement method : sourceOrder(owner, methods)) {
        AdjointMethod adjoint = differentiate(method, reader, reporter);
        if (adjoint != null && namesAreFree(adjoint, method, takenNames, reporter)) {
          generated.add(adjoint);
        }
      }
      if (!generated.isEmpty()) {
        write(owner, generated, reporter);
      }
    }
  }

  /**
   * javac does not report annotated members of local and anonymous classes to processors, so
   * {@code @Differentiable} there would be silently ignored: find such methods in the trees and
   * report them.
   */
  private void rejectInLocalClasses(RoundEnvironment round) {
    for (Element root : round.getRootElements()) {
      com.sun.source.util.TreePath path = trees.getPath(root);
      if (path == null) {
        continue;
      }
      new com.sun.source.util.TreePathScanner<Void, Integer>() {
        @Override
        public Void visitClass(com.sun.source.tree.ClassTree node, Integer depthInMethods) {
          return super.visitClass(node, depthInMethods);
        }

        @Override
        public Void visitMethod(com.sun.source.tree.MethodTree node, Integer depthInMethods) {
          if (depthInMethods > 0 && isAnnotatedDifferentiable(node)) {
            Reporter reporter = new Reporter(processingEnv.getMessager(), trees);
            reporter.error(Diagnostic.UNSUPPORTED_ENCLOSING_CLASS, node,
                getCurrentPath().getCompilationUnit(), node.getName() + "(...)",
                "a local or anonymous class");
          }
          return super.visitMethod(node, depthInMethods + 1);
        }

        @Override
        public Void visitLambdaExpression(com.sun.source.tree.LambdaExpressionTree node, Integer d) {
          return super.visitLambdaExpression(node, d + 1);
        }
      }.scan(path, 0);
    }
  }

  private static boolean isAnnotatedDifferentiable(com.sun.source.tree.MethodTree method) {
    for (com.sun.source.tree.AnnotationTree a : method.getModifiers().getAnnotations()) {
      String name = a.getAnnotationType().toString();
      if (name.equals("Differentiable") || name.equals(Differentiable.class.getCanonicalName())) {
        return true;
      }
    }
    return false;
  }

  /** One method through the pipeline; null when it has errors, which are then reported. */
  private AdjointMethod differentiate(ExecutableElement method, MethodReader reader, Reporter reporter) {
    try {
      MethodModel model = reader.read(method);
      if (model == null) {
        return null;
      }
      if (!ReturnNormalizer.alwaysReturns(
          LoopReturns.rewrite(io.github.javagrad.processor.analysis.LabelledJumps.rewrite(model))
              .body())) {
        reporter.error(Diagnostic.MISSING_RETURN, method, MethodReader.describe(method));
        return null;
      }
      MethodAnalysis analysis = MethodAnalysis.of(model);
      if (!CallChecks.check(analysis, reporter)) {
        return null;
      }
      AdjointMethod adjoint = AdjointBuilder.build(analysis);
      if (!io.github.javagrad.processor.emit.MethodSplitter.fits(adjoint)) {
        reporter.error(Diagnostic.METHOD_TOO_LARGE, method, MethodReader.describe(method));
        return null;
      }
      return adjoint;
    } catch (RuntimeException | StackOverflowError e) {
      reporter.error(Diagnostic.INTERNAL_ERROR, method, MethodReader.describe(method), describe(e));
      return null;
    }
  }

  /**
   * Two methods must not generate the same record or the same method signature (names differing
   * only in the first letter's case, or a method named like another one's pullback).
   */
  private static boolean namesAreFree(
      AdjointMethod adjoint, ExecutableElement method, Map<String, String> taken, Reporter reporter) {
    MethodModel m = adjoint.method();
    String self = MethodReader.describe(method);
    String types = m.parameters().stream().map(p -> p.type().keyword())
        .collect(java.util.stream.Collectors.joining(","));
    String pullbackTypes = types + (types.isEmpty() ? "" : ",") + "double"
        + adjoint.arrayAdjoints().stream().map(d -> "," + d.type().keyword())
            .collect(java.util.stream.Collectors.joining());
    // Record names compare ignoring case: nested class files collide on case-insensitive disks.
    List<String> mine = List.of(
        "record " + m.naming().resultRecord().simpleName(),
        "method " + m.naming().valueAndGradient() + "(" + types + ")",
        "method " + m.naming().pullback() + "(" + pullbackTypes + ")");
    for (String name : mine) {
      String other = taken.get(name.toLowerCase(java.util.Locale.ROOT));
      if (other != null) {
        reporter.error(Diagnostic.GENERATED_NAME_CLASH, method, self, name, other);
        return false;
      }
    }
    mine.forEach(name -> taken.put(name.toLowerCase(java.util.Locale.ROOT), self));
    return true;
  }

  private void write(TypeElement owner, List<AdjointMethod> methods, Reporter reporter) {
    String pkg = processingEnv.getElementUtils().getPackageOf(owner).getQualifiedName().toString();
    List<String> shadowed = new ArrayList<>();
    for (String simple : CompanionWriter.REFERENCED_SIMPLE_NAMES) {
      if (processingEnv.getElementUtils().getTypeElement(pkg.isEmpty() ? simple : pkg + "." + simple)
          != null) {
        shadowed.add(simple);
      }
    }
    JavaFile file = CompanionWriter.write(owner, topLevelOf(owner), methods, shadowed);
    try {
      file.writeTo(processingEnv.getFiler());
    } catch (IOException | RuntimeException e) {
      reporter.error(Diagnostic.INTERNAL_ERROR, owner, owner.getQualifiedName(),
          "could not write " + file.packageName() + "." + file.typeSpec().name() + ": " + describe(e));
    }
  }

  private static List<ExecutableElement> sourceOrder(TypeElement owner, List<ExecutableElement> methods) {
    List<ExecutableElement> ordered = new ArrayList<>();
    for (Element e : owner.getEnclosedElements()) {
      if (methods.contains(e)) {
        ordered.add((ExecutableElement) e);
      }
    }
    return ordered;
  }

  private static TypeElement topLevelOf(TypeElement type) {
    TypeElement top = type;
    while (top.getEnclosingElement() instanceof TypeElement outer) {
      top = outer;
    }
    return top;
  }

  private static String describe(Throwable t) {
    StackTraceElement[] trace = t.getStackTrace();
    String where = trace.length > 0 ? " at " + trace[0] : "";
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()) + where;
  }
}
