package io.github.javagrad.processor.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.javagrad.processor.diagnostics.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the error catalogue of {@code docs/user-guide.md} and the processor's {@link Diagnostic}
 * enum from drifting apart: every id has exactly one {@code ### JGnnn} section with its exact
 * message and hint templates, the guide mentions no id the processor does not have, and every
 * {@code java} example in a section, compiled with javac and the processor, fails with that id.
 */
class UserGuideCatalogueTest {
  /** Ids whose examples need more than one compilation or another compiler; tested elsewhere. */
  private static final Map<String, String> NOT_COMPILED_HERE = Map.of(
      "JG117", "thousands of elements: DiagnosticsTest and HostileInputsTest",
      "JG314", "two separate compilations: IncrementalCompilationTest",
      "JG901", "the Eclipse compiler: EclipseCompilerTest",
      "JG999", "an internal error has no example that should trigger it");

  private static final Pattern SECTION = Pattern.compile("(?m)^### (JG\\d{3})\\s*$");
  private static final Pattern ANY_ID = Pattern.compile("(?i)\\bJG(\\d{3})\\b");
  private static final Pattern JAVA_BLOCK = Pattern.compile("(?s)```java\\n(.*?)\\n```");
  private static final Pattern TYPE_NAME =
      Pattern.compile("(?m)^(?:[a-z]+ )*(?:class|interface|enum|record) (\\w+)");

  private static String guide;
  private static Map<String, String> sections;

  @TempDir Path dir;

  @BeforeAll
  static void readGuide() throws IOException {
    guide = Files.readString(findGuide(), StandardCharsets.UTF_8);
    String catalogue = guide.substring(guide.indexOf("## 6. Error catalogue"));
    sections = new LinkedHashMap<>();
    Matcher m = SECTION.matcher(catalogue);
    List<int[]> starts = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    while (m.find()) {
      starts.add(new int[] {m.start(), m.end()});
      ids.add(m.group(1));
    }
    for (int i = 0; i < ids.size(); i++) {
      int end = i + 1 < ids.size() ? starts.get(i + 1)[0] : catalogue.length();
      String body = catalogue.substring(starts.get(i)[1], end);
      if (sections.put(ids.get(i), body) != null) {
        fail("the guide has two sections for " + ids.get(i));
      }
    }
  }

  private static Path findGuide() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("docs/user-guide.md");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError("docs/user-guide.md not found above " + Path.of("").toAbsolutePath());
  }

  @Test
  void everyDiagnosticHasOneSectionAndNoUnknownIdIsMentioned() {
    Set<String> known = Arrays.stream(Diagnostic.values()).map(Diagnostic::id)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(known, new TreeSet<>(sections.keySet()), "ids with a ### JGnnn section");

    Set<String> mentioned = new TreeSet<>();
    Matcher m = ANY_ID.matcher(guide);
    while (m.find()) {
      mentioned.add("JG" + m.group(1));
    }
    mentioned.removeAll(known);
    assertEquals(Set.of(), mentioned, "ids in the guide (text or #jgNNN links) that do not exist");
  }

  @Test
  void everySectionQuotesTheExactMessageAndHint() {
    List<String> problems = new ArrayList<>();
    for (Diagnostic d : Diagnostic.values()) {
      String body = sections.get(d.id());
      if (body == null) {
        continue; // reported by the test above
      }
      if (!body.contains("\nMessage: `" + d.messageTemplate() + "`\n")) {
        problems.add(d.id() + ": no line  Message: `" + d.messageTemplate() + "`");
      }
      if (!body.contains("\nHint: `" + d.hintTemplate() + "`\n")) {
        problems.add(d.id() + ": no line  Hint: `" + d.hintTemplate() + "`");
      }
      boolean hasExample = JAVA_BLOCK.matcher(body).find();
      if (NOT_COMPILED_HERE.containsKey(d.id()) == hasExample) {
        problems.add(d.id() + (hasExample
            ? ": has a java example, but is listed as tested elsewhere"
            : ": has no ```java example that triggers it"));
      }
    }
    assertEquals(List.of(), problems);
  }

  @TestFactory
  Stream<DynamicTest> everyExampleFailsWithItsId() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Map.Entry<String, String> section : sections.entrySet()) {
      Matcher m = JAVA_BLOCK.matcher(section.getValue());
      for (int n = 1; m.find(); n++) {
        String id = section.getKey();
        String source = m.group(1) + "\n";
        int number = n;
        tests.add(DynamicTest.dynamicTest(id + " example " + n,
            () -> assertExampleFails(id, number, source)));
      }
    }
    return tests.stream();
  }

  private void assertExampleFails(String id, int number, String source) {
    Matcher type = TYPE_NAME.matcher(source);
    assertTrue(type.find(), "the example declares a class");
    Path root = dir.resolve(id + "-" + number);
    Path file = Compilation.write(root, "src/" + type.group(1) + ".java", source);
    Compilation.Result result =
        Compilation.javac(List.of(file), root.resolve("gen"), root.resolve("classes"), List.of());

    assertFalse(result.success(), () -> id + " example " + number + " compiled:\n" + source);
    Diagnostic expected = Arrays.stream(Diagnostic.values())
        .filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    Pattern firstLine = Pattern.compile(Pattern.quote("[javagrad:" + id + "] ")
        + Arrays.stream(expected.messageTemplate().split("%[sd]", -1))
            .map(Pattern::quote).collect(Collectors.joining(".+")));
    boolean found = result.errors().stream()
        .anyMatch(e -> firstLine.matcher(e.lines().findFirst().orElse("")).matches());
    assertTrue(found, () -> id + " example " + number + " did not report " + firstLine + ":\n"
        + result.describe());
    assertFalse(result.describe().contains("[javagrad:JG999]"), result::describe);
  }
}
