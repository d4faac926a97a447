package io.github.javagrad.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.javagrad.processor.fuzz.Oracle.Case;
import io.github.javagrad.processor.fuzz.Oracle.Kind;
import io.github.javagrad.processor.fuzz.Oracle.Outcome;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the shrunk programs in {@code src/test/resources/fuzz/regressions/}: each must compile
 * with the processor and pass every check of the {@link Oracle}. The first line of each file holds
 * the arguments and the seed of the points (see {@link RunConfig}).
 */
class FuzzRegressionTest {
  @TestFactory
  Stream<DynamicTest> savedRegressionsPass() throws IOException, URISyntaxException {
    URL url = FuzzRegressionTest.class.getClassLoader().getResource("fuzz/regressions");
    if (url == null) {
      return Stream.empty();
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of(url.toURI()))) {
      files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    return files.stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.getFileName().toString(),
                    () -> {
                      String source = Files.readString(f, StandardCharsets.UTF_8);
                      String name = f.getFileName().toString().replace(".java", "");
                      Outcome o =
                          new Oracle(new Oracle.Stats())
                              .judge(new Case(name, source, RunConfig.parse(source)));
                      assertEquals(Kind.OK, o.kind(), o.where() + "\n" + o.detail());
                    }));
  }
}
