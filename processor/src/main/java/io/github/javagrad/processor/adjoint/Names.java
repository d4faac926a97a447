package io.github.javagrad.processor.adjoint;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * Hands out generated local names that clash neither with the user's identifiers nor with each
 * other. A taken name gets the smallest free numeric suffix: {@code dSum}, {@code dSum2};
 * {@code x1} then {@code x1_2}.
 */
final class Names {
  private final Set<String> taken = new HashSet<>();

  Names(Collection<String> reserved) {
    taken.addAll(reserved);
  }

  String newName(String base) {
    String name = base;
    // "tBeforeLine40" + 2 would read as line 402: separate the counter where the name ends in a digit.
    String stem = Character.isDigit(base.charAt(base.length() - 1)) ? base + "_" : base;
    for (int i = 2; taken.contains(name) || SourceVersion.isKeyword(name); i++) {
      name = stem + i;
    }
    taken.add(name);
    return name;
  }
}
