package io.github.javagrad.processor;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Processing environments shaped like the wrappers of real build tools. */
final class Environments {
  private Environments() {}

  /**
   * Gradle's shape ({@code IncrementalProcessingEnvironment}): a class that implements the
   * interface and forwards every call to javac's environment, kept in a private field named
   * {@code delegate}. Not final, so tests can replace single services.
   */
  static class GradleStyle implements ProcessingEnvironment {
    private final ProcessingEnvironment delegate;

    GradleStyle(ProcessingEnvironment delegate) {
      this.delegate = delegate;
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
      return delegate.getFiler();
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

    @Override
    public boolean isPreviewEnabled() {
      return delegate.isPreviewEnabled();
    }
  }

  /**
   * IntelliJ's shape: a {@link Proxy} whose invocation handler, an anonymous class, captured
   * javac's environment (javac keeps it in the synthetic field {@code val$delegateTo}).
   */
  static ProcessingEnvironment intellijStyle(ProcessingEnvironment delegateTo) {
    return proxy(
        ProcessingEnvironment.class,
        new InvocationHandler() {
          @Override
          public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            return forward(delegateTo, method, args);
          }
        });
  }

  /**
   * A wrapper that keeps javac's environment out of reach: behind a supplier, in a field with an
   * unremarkable name. Nothing a processor may legitimately do recovers javac's {@code Trees}.
   */
  static final class Opaque implements ProcessingEnvironment {
    private final Supplier<ProcessingEnvironment> source;

    Opaque(ProcessingEnvironment hidden) {
      this.source = () -> hidden;
    }

    @Override
    public Map<String, String> getOptions() {
      return source.get().getOptions();
    }

    @Override
    public Messager getMessager() {
      return source.get().getMessager();
    }

    @Override
    public Filer getFiler() {
      return source.get().getFiler();
    }

    @Override
    public Elements getElementUtils() {
      return source.get().getElementUtils();
    }

    @Override
    public Types getTypeUtils() {
      return source.get().getTypeUtils();
    }

    @Override
    public SourceVersion getSourceVersion() {
      return source.get().getSourceVersion();
    }

    @Override
    public Locale getLocale() {
      return source.get().getLocale();
    }
  }

  /** A proxy for {@code type} whose calls go to {@code handler}. */
  static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return type.cast(
        Proxy.newProxyInstance(Environments.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  /** Calls {@code method} on {@code target}, rethrowing what the method itself threw. */
  static Object forward(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
