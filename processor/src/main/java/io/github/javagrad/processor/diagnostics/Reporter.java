package io.github.javagrad.processor.diagnostics;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/**
 * The one path by which javagrad reports problems. Reports at a tree's exact position when it has
 * one, else at an element, and counts errors so a method with any error is never emitted.
 */
public final class Reporter {
  private final Messager messager;
  private final Trees trees;
  private int errors;

  public Reporter(Messager messager, Trees trees) {
    this.messager = messager;
    this.trees = trees;
  }

  /** An error at {@code tree} inside {@code unit}. */
  public void error(Diagnostic diagnostic, Tree tree, CompilationUnitTree unit, Object... args) {
    errors++;
    String text = diagnostic.format(args);
    if (trees != null && tree != null && unit != null) {
      trees.printMessage(Kind.ERROR, text, tree, unit);
    } else {
      messager.printMessage(Kind.ERROR, text);
    }
  }

  /** An error at an element (the method, the class). */
  public void error(Diagnostic diagnostic, Element element, Object... args) {
    errors++;
    messager.printMessage(Kind.ERROR, diagnostic.format(args), element);
  }

  /** An error at one attribute of an annotation, e.g. a wrong name in {@code wrt}. */
  public void error(
      Diagnostic diagnostic,
      Element element,
      javax.lang.model.element.AnnotationMirror annotation,
      javax.lang.model.element.AnnotationValue value,
      Object... args) {
    errors++;
    messager.printMessage(Kind.ERROR, diagnostic.format(args), element, annotation, value);
  }

  public int errorCount() {
    return errors;
  }
}
