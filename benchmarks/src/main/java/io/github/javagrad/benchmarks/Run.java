package io.github.javagrad.benchmarks;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole suite in one JVM session and prints the table ({@link Report}).
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar io.github.javagrad.benchmarks.Run [short|full] [regex]
 * </pre>
 *
 * <p>Two JMH runs, one after the other: the fast methods with warm-up and several measured
 * iterations, then the slow peers of the big workloads (finite differences and Hipparchus on
 * Rosenbrock, logistic regression, the MLP and the GMM, which take 5 ms to a minute per call) with
 * fewer iterations. Each run forks JVMs with {@code -Xms1g -Xmx1g -XX:+AlwaysPreTouch} and JMH's
 * GC profiler (allocation per call). The JSON results go to {@code jmh-MODE-fast.json} and {@code
 * jmh-MODE-slow.json} next to the jar; {@link Report} reads them. The optional regex keeps only
 * benchmarks whose name it matches (for example {@code Gmm} or {@code Pullback}).
 */
public final class Run {
  private Run() {}

  /** The slow peers, capped to fewer iterations. */
  static final Pattern SLOW =
      Pattern.compile("(Rosenbrock|Logistic|Mlp|Gmm)Bench\\.(finiteDifferences|hipparchus)$");

  /** The benchmark classes' names without "Bench", in table order. */
  static final List<String> WORKLOADS =
      List.of("ScalarF", "Sigmoid", "Rosenbrock", "Logistic", "Mlp", "Gmm");

  static final String[] JVM_ARGS = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"};

  public static void main(String[] args)
      throws RunnerException, IOException, URISyntaxException {
    String mode = args.length > 0 ? args[0] : "short";
    if (!mode.equals("short") && !mode.equals("full")) {
      System.err.println("usage: Run [short|full] [regex]");
      System.exit(2);
    }
    boolean full = mode.equals("full");
    String filter = args.length > 1 ? args[1] : "";
    Path dir = outputDirectory();
    Path fastJson = dir.resolve("jmh-" + mode + "-fast.json");
    Path slowJson = dir.resolve("jmh-" + mode + "-slow.json");
    Files.deleteIfExists(fastJson);
    Files.deleteIfExists(slowJson);

    String prefix = Pattern.quote(Run.class.getPackageName() + ".");
    Pattern keep = Pattern.compile(filter);
    List<String> fastNames = new ArrayList<>();
    List<String> slowNames = new ArrayList<>();
    for (String workload : WORKLOADS) {
      for (String method : Checks.METHODS) {
        String name = workload + "Bench." + method;
        if (keep.matcher(name).find()) {
          (SLOW.matcher(name).find() ? slowNames : fastNames).add(prefix + Pattern.quote(name) + "$");
        }
      }
    }
    if (!fastNames.isEmpty()) {
      ChainedOptionsBuilder fast =
          base()
              .forks(full ? 2 : 1)
              .warmupIterations(full ? 5 : 2)
              .warmupTime(TimeValue.seconds(1))
              .measurementIterations(full ? 10 : 5)
              .measurementTime(TimeValue.milliseconds(full ? 1000 : 400))
              .result(fastJson.toString());
      fastNames.forEach(fast::include);
      new Runner(fast.build()).run();
    }
    if (!slowNames.isEmpty()) {
      ChainedOptionsBuilder capped =
          base()
              .forks(1)
              // Each call takes 5 ms (Rosenbrock) to a minute (the MLP with Hipparchus), so one
              // call is long enough to be compiled during it; short runs skip the warm-up.
              .warmupIterations(full ? 1 : 0)
              .warmupTime(TimeValue.seconds(1))
              .measurementIterations(full ? 2 : 1)
              .measurementTime(TimeValue.seconds(1))
              .result(slowJson.toString());
      slowNames.forEach(capped::include);
      new Runner(capped.build()).run();
    }
    System.out.println();
    System.out.println("Results of this run (" + mode + "), " + Report.machine());
    System.out.println();
    List<Path> csvs = new ArrayList<>();
    for (Path csv : List.of(fastJson, slowJson)) {
      if (Files.exists(csv)) {
        csvs.add(csv);
      }
    }
    Report.main(csvs.stream().map(Path::toString).toArray(String[]::new));
  }

  private static ChainedOptionsBuilder base() {
    return new OptionsBuilder()
        .jvmArgs(JVM_ARGS)
        .addProfiler(GCProfiler.class)
        .resultFormat(ResultFormatType.JSON)
        .shouldFailOnError(true);
  }

  /** The directory of the jar (benchmarks/target), or the working directory. */
  private static Path outputDirectory() throws URISyntaxException {
    Path location = Path.of(Run.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return Files.isRegularFile(location) ? location.getParent() : Path.of(".");
  }
}
