package io.github.javagrad.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.github.javagrad.processor.diagnostics.Diagnostic;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The catalogue of diagnostics itself: ids, texts, the format, and that tests exercise it. */
class DiagnosticCatalogueTest {
  private static final Pattern ID = Pattern.compile("JG\\d{3}");
  private static final Pattern PLACEHOLDER = Pattern.compile("%(%|[sd])");

  @Test
  void idsAreUnique() {
    Map<String, List<Diagnostic>> byId = new HashMap<>();
    for (Diagnostic d : Diagnostic.values()) {
      byId.computeIfAbsent(d.id(), k -> new ArrayList<>()).add(d);
    }
    byId.values().removeIf(ds -> ds.size() == 1);
    assertWithMessage("ids used more than once").that(byId).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Diagnostic.class)
  void idIsJGAndThreeDigits(Diagnostic diagnostic) {
    assertThat(diagnostic.id()).matches(ID);
  }

  @ParameterizedTest
  @EnumSource(Diagnostic.class)
  void messageIsNotBlank(Diagnostic diagnostic) {
    assertThat(diagnostic.messageTemplate().isBlank()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Diagnostic.class)
  void hintIsNotBlank(Diagnostic diagnostic) {
    assertThat(diagnostic.hintTemplate().isBlank()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Diagnostic.class)
  void formattedTextIsIdAndMessageThenHintOnItsOwnLine(Diagnostic diagnostic) {
    String text = diagnostic.format(sampleArguments(diagnostic));
    List<String> lines = text.lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("[javagrad:" + diagnostic.id() + "] ");
    assertThat(lines.get(0).length()).isGreaterThan(("[javagrad:" + diagnostic.id() + "] ").length());
    assertThat(lines.get(1)).startsWith("  hint: ");
    assertThat(lines.get(1).length()).isGreaterThan("  hint: ".length());
  }

  @ParameterizedTest
  @EnumSource(Diagnostic.class)
  void formatFillsEveryPlaceholderOfMessageAndHint(Diagnostic diagnostic) {
    String text = diagnostic.format(sampleArguments(diagnostic));
    assertThat(text).doesNotContain("%s");
    assertThat(text).doesNotContain("%d");
    for (Object argument : sampleArguments(diagnostic)) {
      assertThat(text).contains(String.valueOf(argument));
    }
  }

  @Test
  void idsFollowTheFamiliesOfTheCatalogue() {
    // JG1xx the annotated method, JG2xx statements, JG3xx expressions, JG9xx environment and
    // internal: the user guide groups them so.
    for (Diagnostic d : Diagnostic.values()) {
      char family = d.id().charAt(2);
      assertWithMessage("%s (%s)", d, d.id()).that("1239").contains(String.valueOf(family));
    }
  }

  @Test
  void everyDiagnosticIsTriggeredBySomeCompilationTest() {
    Set<Diagnostic> triggered = EnumSet.noneOf(Diagnostic.class);
    for (Class<?> testClass :
        List.of(
            DiagnosticsTest.class, WrappedEnvironmentTest.class, RobustnessTest.class)) {
      collectTriggers(testClass, triggered);
    }
    Set<Diagnostic> untested = EnumSet.allOf(Diagnostic.class);
    untested.removeAll(triggered);
    assertWithMessage("diagnostics that no test triggers (mark such tests with @Triggers)")
        .that(untested)
        .isEmpty();
  }

  private static void collectTriggers(Class<?> testClass, Set<Diagnostic> into) {
    for (Method m : testClass.getDeclaredMethods()) {
      Triggers t = m.getAnnotation(Triggers.class);
      if (t != null) {
        into.addAll(Arrays.asList(t.value()));
      }
    }
    for (Class<?> nested : testClass.getDeclaredClasses()) {
      collectTriggers(nested, into);
    }
  }

  /** One argument per placeholder of message and hint: distinct strings, or numbers for %d. */
  private static Object[] sampleArguments(Diagnostic diagnostic) {
    List<Object> args = new ArrayList<>();
    for (String template : List.of(diagnostic.messageTemplate(), diagnostic.hintTemplate())) {
      Matcher m = PLACEHOLDER.matcher(template);
      while (m.find()) {
        if (m.group(1).equals("%")) {
          continue;
        }
        int i = args.size();
        args.add(m.group(1).equals("d") ? (Object) (1000 + i) : "ARG" + i);
      }
    }
    return args.toArray();
  }
}
