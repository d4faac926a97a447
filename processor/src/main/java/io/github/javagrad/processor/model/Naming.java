package io.github.javagrad.processor.model;

import com.palantir.javapoet.ClassName;
import io.github.javagrad.Differentiable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The rules that name generated classes, methods, records and partials. Callers and callees use
 * the same rules, so a method's pullback can be named from its declaration alone.
 *
 * <ul>
 *   <li>companion of {@code p.C}: {@code p.CGradients}; of nested {@code p.C.In}:
 *       {@code p.C_InGradients}
 *   <li>value-and-gradient method: the original name; pullback: {@code name + "Pullback"}
 *   <li>result record: the capitalized name ({@code f} → {@code F}); overloaded names append
 *       their parameter types ({@code FOfDoubleInt}); a name equal to the method's class (or an
 *       enclosing class) gets {@code Result} appended ({@code Sigmoid.sigmoid} → {@code
 *       SigmoidResult})
 *   <li>partial of parameter {@code x}: {@code dX}
 * </ul>
 */
public final class Naming {
  public static final String COMPANION_SUFFIX = "Gradients";
  public static final String PULLBACK_SUFFIX = "Pullback";

  private Naming() {}

  public static ClassName companionOf(TypeElement type) {
    List<String> simpleNames = new ArrayList<>();
    Element e = type;
    while (e instanceof TypeElement t) {
      simpleNames.add(0, t.getSimpleName().toString());
      e = t.getEnclosingElement();
    }
    String packageName = e instanceof PackageElement p ? p.getQualifiedName().toString() : "";
    return ClassName.get(packageName, String.join("_", simpleNames) + COMPANION_SUFFIX);
  }

  public static GeneratedNames namesFor(ExecutableElement method) {
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    ClassName companion = companionOf(owner);
    String name = method.getSimpleName().toString();
    String recordName = capitalize(name);
    if (isOverloaded(owner, method)) {
      StringBuilder sb = new StringBuilder(recordName).append("Of");
      for (VariableElement p : method.getParameters()) {
        sb.append(capitalize(typeWord(p.asType())));
      }
      recordName = sb.toString();
    }
    // A record named like a class the generated code refers to by simple name (the method's own
    // class or one enclosing it) would shadow that class inside the companion.
    for (Element e = owner; e instanceof TypeElement t; e = t.getEnclosingElement()) {
      if (t.getSimpleName().contentEquals(recordName)) {
        recordName = recordName + "Result";
        break;
      }
    }
    return new GeneratedNames(
        companion, name, name + PULLBACK_SUFFIX, companion.nestedClass(recordName));
  }

  /** Partial accessor names for the given differentiable parameter names, made distinct. */
  public static List<String> partialNames(List<String> parameterNames) {
    Set<String> taken = new HashSet<>();
    taken.add("value");
    taken.add("gradient");
    List<String> result = new ArrayList<>();
    for (String p : parameterNames) {
      String candidate = "d" + capitalize(p);
      while (!taken.add(candidate)) {
        candidate = candidate + "_";
      }
      result.add(candidate);
    }
    return result;
  }

  public static String capitalize(String s) {
    if (s.isEmpty()) {
      return s;
    }
    return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  private static boolean isOverloaded(TypeElement owner, ExecutableElement method) {
    int count = 0;
    for (Element e : owner.getEnclosedElements()) {
      if (e.getKind() == ElementKind.METHOD
          && e.getSimpleName().contentEquals(method.getSimpleName())
          && e.getAnnotation(Differentiable.class) != null) {
        count++;
      }
    }
    return count > 1;
  }

  private static String typeWord(TypeMirror type) {
    if (type.getKind().isPrimitive()) {
      return type.getKind().name().toLowerCase(Locale.ROOT);
    }
    if (type.getKind() == TypeKind.ARRAY) {
      return typeWord(((javax.lang.model.type.ArrayType) type).getComponentType()) + "Array";
    }
    String s = type.toString();
    return s.substring(s.lastIndexOf('.') + 1);
  }
}
