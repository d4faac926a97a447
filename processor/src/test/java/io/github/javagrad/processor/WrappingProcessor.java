package io.github.javagrad.processor;

import java.util.Set;
import java.util.function.UnaryOperator;
import javax.annotation.processing.Completion;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Runs {@link DifferentiableProcessor} the way a build tool does when it wraps javac's processing
 * environment (Gradle's incremental processing, IntelliJ's build): the wrapper receives javac's
 * environment and hands the processor its own.
 */
final class WrappingProcessor implements Processor {
  private final Processor javagrad = new DifferentiableProcessor();
  private final UnaryOperator<ProcessingEnvironment> wrapEnvironment;
  private final UnaryOperator<RoundEnvironment> wrapRound;

  WrappingProcessor(UnaryOperator<ProcessingEnvironment> wrapEnvironment) {
    this(wrapEnvironment, UnaryOperator.identity());
  }

  WrappingProcessor(
      UnaryOperator<ProcessingEnvironment> wrapEnvironment,
      UnaryOperator<RoundEnvironment> wrapRound) {
    this.wrapEnvironment = wrapEnvironment;
    this.wrapRound = wrapRound;
  }

  @Override
  public Set<String> getSupportedOptions() {
    return javagrad.getSupportedOptions();
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return javagrad.getSupportedAnnotationTypes();
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return javagrad.getSupportedSourceVersion();
  }

  @Override
  public void init(ProcessingEnvironment env) {
    javagrad.init(wrapEnvironment.apply(env));
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    return javagrad.process(annotations, wrapRound.apply(round));
  }

  @Override
  public Iterable<? extends Completion> getCompletions(
      Element element, AnnotationMirror annotation, ExecutableElement member, String userText) {
    return javagrad.getCompletions(element, annotation, member, userText);
  }
}
