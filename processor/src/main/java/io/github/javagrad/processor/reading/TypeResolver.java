package io.github.javagrad.processor.reading;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Resolves type names and static imports as javac would (JLS 6.4.1 shadowing order), because
 * method bodies are not attributed while annotation processors run.
 */
final class TypeResolver {
  private final Elements elements;
  private final CompilationUnitTree unit;
  private final TypeElement enclosingClass;
  private final String packageName;

  TypeResolver(Elements elements, CompilationUnitTree unit, TypeElement enclosingClass) {
    this.elements = elements;
    this.unit = unit;
    this.enclosingClass = enclosingClass;
    this.packageName = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
  }

  TypeElement enclosingClass() {
    return enclosingClass;
  }

  /** A simple type name as seen from inside the enclosing class, or null. */
  TypeElement resolveSimple(String name) {
    // 1. the enclosing classes themselves and their member types, innermost first
    for (Element e = enclosingClass; e instanceof TypeElement t; e = t.getEnclosingElement()) {
      if (t.getSimpleName().contentEquals(name)) {
        return t;
      }
      for (Element member : elements.getAllMembers(t)) {
        if (member instanceof TypeElement nested && nested.getSimpleName().contentEquals(name)) {
          return nested;
        }
      }
    }
    // 2. single-type imports
    for (ImportTree imp : unit.getImports()) {
      if (!imp.isStatic() && imp.getQualifiedIdentifier() instanceof MemberSelectTree sel
          && sel.getIdentifier().contentEquals(name)) {
        TypeElement t = elements.getTypeElement(sel.toString());
        if (t != null) {
          return t;
        }
      }
    }
    // 3. the same package
    TypeElement samePackage =
        elements.getTypeElement(packageName.isEmpty() ? name : packageName + "." + name);
    if (samePackage != null) {
      return samePackage;
    }
    // 4. on-demand imports, then java.lang
    for (ImportTree imp : unit.getImports()) {
      if (!imp.isStatic() && imp.getQualifiedIdentifier() instanceof MemberSelectTree sel
          && sel.getIdentifier().contentEquals("*")) {
        TypeElement t = elements.getTypeElement(sel.getExpression().toString() + "." + name);
        if (t != null) {
          return t;
        }
      }
    }
    return elements.getTypeElement("java.lang." + name);
  }

  /** A possibly qualified type name ({@code Math}, {@code java.lang.Math}, {@code Outer.In}). */
  TypeElement resolve(Tree tree) {
    if (tree instanceof com.sun.source.tree.IdentifierTree id) {
      return resolveSimple(id.getName().toString());
    }
    if (tree instanceof MemberSelectTree sel) {
      TypeElement outer = resolve(sel.getExpression());
      if (outer != null) {
        for (Element member : elements.getAllMembers(outer)) {
          if (member instanceof TypeElement nested
              && nested.getSimpleName().contentEquals(sel.getIdentifier())) {
            return nested;
          }
        }
        return null;
      }
      return elements.getTypeElement(sel.toString());
    }
    return null;
  }

  /**
   * Types that statically import {@code member}: single static imports first, then on-demand
   * ones, as two groups (the first non-empty group wins).
   */
  List<TypeElement> staticImportersOf(String member) {
    List<TypeElement> single = new ArrayList<>();
    List<TypeElement> onDemand = new ArrayList<>();
    for (ImportTree imp : unit.getImports()) {
      if (!imp.isStatic() || !(imp.getQualifiedIdentifier() instanceof MemberSelectTree sel)) {
        continue;
      }
      String id = sel.getIdentifier().toString();
      if (id.equals(member) || id.equals("*")) {
        TypeElement t = elements.getTypeElement(sel.getExpression().toString());
        if (t != null) {
          (id.equals("*") ? onDemand : single).add(t);
        }
      }
    }
    return single.isEmpty() ? onDemand : single;
  }

  static boolean isClassLike(Element e) {
    return e.getKind().isClass() || e.getKind().isInterface() || e.getKind() == ElementKind.ENUM;
  }
}
