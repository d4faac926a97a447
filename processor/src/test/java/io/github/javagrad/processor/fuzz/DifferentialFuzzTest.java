package io.github.javagrad.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.javagrad.processor.fuzz.Ast.Program;
import io.github.javagrad.processor.fuzz.Oracle.Case;
import io.github.javagrad.processor.fuzz.Oracle.Kind;
import io.github.javagrad.processor.fuzz.Oracle.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Random-program differential testing: generates {@code javagrad.fuzz.programs} programs (300 by
 * default; {@code -Djavagrad.fuzz.programs=5000} for a soak) from {@code javagrad.fuzz.seed},
 * compiles them with the processor under {@code -Xlint:all -Werror}, and checks every generated
 * gradient against the original method and finite differences (see {@link Oracle}).
 *
 * <p>A failing program is shrunk ({@link Shrinker}) and written to {@code
 * src/test/resources/fuzz/regressions/} (relative to the processor module, Maven's working
 * directory), where {@link FuzzRegressionTest} replays it; commit it once the processor is fixed.
 * Program {@code i} of seed {@code s} is reproducible on its own: {@code -Djavagrad.fuzz.seed=s
 * -Djavagrad.fuzz.first=i -Djavagrad.fuzz.programs=1}; {@code -Djavagrad.fuzz.print=true} prints
 * each program's source.
 */
class DifferentialFuzzTest {
  static final long DEFAULT_SEED = 0x6a61766167726164L; // "javagrad"
  private static final int BATCH = 25;

  static long programSeed(long seed, int i) {
    long z = seed + 0x9E3779B97F4A7C15L * (i + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Open processor bugs the generator steers around so that the rest of the subset stays fuzzed;
   * {@code -Djavagrad.fuzz.avoid=} (empty) fuzzes everything. Remove an id once main fixes it.
   */
  static final String OPEN_BUGS = "";

  static java.util.Set<String> avoided() {
    String s = System.getProperty("javagrad.fuzz.avoid", OPEN_BUGS);
    return s.isBlank() ? java.util.Set.of() : java.util.Set.of(s.split(","));
  }

  static Program program(long seed, int i) {
    long s = programSeed(seed, i);
    return new ProgramGenerator(s, avoided()).generate("P" + i + "_" + Long.toHexString(s));
  }

  @Test
  void generatedGradientsMatchFiniteDifferences() throws IOException {
    int programs = Integer.getInteger("javagrad.fuzz.programs", 300);
    int first = Integer.getInteger("javagrad.fuzz.first", 0);
    long seed = Long.getLong("javagrad.fuzz.seed", DEFAULT_SEED);
    boolean print = Boolean.getBoolean("javagrad.fuzz.print");
    long shrinkBudget = Long.getLong("javagrad.fuzz.shrinkMillis", 120_000L);
    Oracle.Stats stats = new Oracle.Stats();
    Oracle oracle = new Oracle(stats);
    Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    List<String> failures = new ArrayList<>();
    long start = System.nanoTime();
    for (int from = first; from < first + programs; from += BATCH) {
      List<Program> batch = new ArrayList<>();
      List<Case> cases = new ArrayList<>();
      for (int i = from; i < Math.min(first + programs, from + BATCH); i++) {
        Program p = program(seed, i);
        batch.add(p);
        cases.add(caseOf(p));
        if (print) {
          System.out.println(p.render());
        }
      }
      List<Outcome> outcomes = oracle.judgeAll(cases);
      for (int k = 0; k < batch.size(); k++) {
        Outcome o = outcomes.get(k);
        counts.merge(o.kind(), 1, Integer::sum);
        if (!o.failed()) {
          continue;
        }
        Program p = batch.get(k);
        String report = "program " + (from + k) + " (" + p.className() + "): " + o.kind() + " " + o.where() + "\n" + o.detail();
        if (o.kind().processorBug) {
          Program small = shrink(p, o, shrinkBudget);
          Path saved = save(small, o);
          report += "\nshrunk to " + saved + ":\n" + small.render() + "\n"
              + new Oracle(new Oracle.Stats()).judge(caseOf(small)).detail();
        } else {
          report += "\n" + p.render();
        }
        System.out.println("FUZZ FAILURE " + report);
        failures.add(report);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "javagrad fuzz: seed %d, programs %d..%d: %s; outcomes %s; %.1f s%n",
        seed,
        first,
        first + programs - 1,
        stats,
        counts,
        seconds);
    assertTrue(failures.isEmpty(), failures.size() + " failing programs:\n" + String.join("\n\n", failures));
  }

  /** Runs the fuzzer outside JUnit (same system properties). */
  public static void main(String[] args) throws IOException {
    new DifferentialFuzzTest().generatedGradientsMatchFiniteDifferences();
  }

  static Case caseOf(Program p) {
    return new Case(p.className(), p.render(), p.config());
  }

  private static Program shrink(Program p, Outcome o, long budget) {
    String signature = o.signature();
    Oracle quiet = new Oracle(new Oracle.Stats());
    Shrinker shrinker =
        new Shrinker(
            candidate -> {
              Case c = caseOf(candidate);
              Outcome co = quiet.judge(c);
              return co.signature().equals(signature);
            },
            budget);
    Program small = shrinker.shrink(p);
    System.out.println(
        "shrunk " + p.className() + " from " + p.size() + " to " + small.size() + " nodes in "
            + shrinker.attempts + " attempts (" + shrinker.accepted + " accepted)");
    return small;
  }

  private static Path save(Program small, Outcome o) throws IOException {
    Path dir = Path.of("src", "test", "resources", "fuzz", "regressions");
    if (!Files.isDirectory(dir)) {
      dir = Files.createDirectories(Path.of("target", "fuzz", "regressions"));
    }
    String name = "R_" + o.kind().name().toLowerCase(Locale.ROOT).replace("_", "") + "_"
        + small.className().replaceAll("^P\\d+_", "");
    Program renamed = small.renamed(name);
    Path file = dir.resolve(name + ".java");
    Files.writeString(file, renamed.render(), StandardCharsets.UTF_8);
    return file;
  }
}
