package io.github.javagrad.processor.reading;

import com.sun.source.util.Trees;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * Obtains javac's {@link Trees} even when the build tool wraps the processing environment.
 *
 * <p>{@code Trees.instance} only accepts javac's own environment. Gradle's incremental
 * processing wraps it in a delegating class, and IntelliJ's build in a {@link Proxy}. Like Lombok,
 * we look through such wrappers: for each field of the wrapper (or of a proxy's invocation
 * handler) holding another {@code ProcessingEnvironment}, we try again on that. Only public API
 * and plain reflection on the wrapper's own fields are used; no javac internals.
 */
public final class TreesAccess {
  private static final int MAX_DEPTH = 6;

  private TreesAccess() {}

  /** The Trees for this environment, or null when none can be had (for example under ECJ). */
  public static Trees treesOf(ProcessingEnvironment env) {
    return find(env, 0, new IdentityHashMap<>());
  }

  private static Trees find(Object candidate, int depth, Map<Object, Boolean> seen) {
    if (candidate == null || depth > MAX_DEPTH || seen.put(candidate, Boolean.TRUE) != null) {
      return null;
    }
    if (candidate instanceof ProcessingEnvironment env) {
      try {
        return Trees.instance(env);
      } catch (IllegalArgumentException | LinkageError notJavac) {
        // A wrapper or another compiler: look inside it below.
      }
    }
    if (Proxy.isProxyClass(candidate.getClass())) {
      Trees found = find(Proxy.getInvocationHandler(candidate), depth + 1, seen);
      if (found != null) {
        return found;
      }
    }
    for (Class<?> c = candidate.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (field.getType().isPrimitive() || java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        Object value = read(field, candidate);
        if (value instanceof ProcessingEnvironment
            || (value != null && Proxy.isProxyClass(value.getClass()))) {
          Trees found = find(value, depth + 1, seen);
          if (found != null) {
            return found;
          }
        } else if (value != null && isDelegateField(field)) {
          Trees found = find(value, depth + 1, seen);
          if (found != null) {
            return found;
          }
        }
      }
    }
    return null;
  }

  /** Fields that wrappers commonly keep their target in, even when typed as Object. */
  private static boolean isDelegateField(Field field) {
    String name = field.getName();
    return name.equals("delegate") || name.equals("val$delegateTo") || name.equals("processingEnv");
  }

  private static Object read(Field field, Object owner) {
    try {
      field.setAccessible(true);
      return field.get(owner);
    } catch (RuntimeException | IllegalAccessException inaccessible) {
      // Fields of JDK-module classes cannot be opened; they are not wrappers we need.
      return null;
    }
  }
}
