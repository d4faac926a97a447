package io.github.javagrad.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the table of a JMH run from its JSON output ({@code -rf json}, with {@code -prof gc} for
 * the allocation column): workload x method, median time per call, its spread, the ratio to the
 * objective and to the hand-written gradient, bytes allocated per call; then the targets of the
 * performance issue per workload.
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar io.github.javagrad.benchmarks.Report FILE.json...
 * </pre>
 *
 * Ratios are only meaningful between rows of the same run.
 */
public final class Report {
  private Report() {}

  /**
   * One benchmark: the median, least and greatest time per call over its measured iterations in
   * ns, their number, and the allocation per call in bytes (JMH's gc.alloc.rate.norm).
   */
  record Row(String workload, String method, double ns, double minNs, double maxNs, int samples,
      double bytes) {}

  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: Report FILE.json...");
      System.exit(2);
    }
    Map<String, Map<String, Row>> table = new LinkedHashMap<>();
    for (String file : args) {
      read(Path.of(file), table);
    }
    System.out.print(format(table));
  }

  /** The machine the run is on, for the header. */
  static String machine() {
    String cpu = System.getProperty("os.arch");
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: keep the architecture
    }
    return String.format(Locale.ROOT, "%s, %s, %d cores, Java %s (%s)",
        System.getProperty("os.name"), cpu,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        System.getProperty("java.vm.name"));
  }

  /**
   * Adds the benchmarks of one JMH JSON result file ({@code -rf json}) to {@code table}. The time
   * per call is the median over the measured iterations (of all forks), which a busy shared
   * machine disturbs less than the mean; min and max are kept for the spread.
   */
  @SuppressWarnings("unchecked")
  static void read(Path json, Map<String, Map<String, Row>> table) throws IOException {
    List<Object> results = (List<Object>) Json.parse(Files.readString(json));
    for (Object o : results) {
      Map<String, Object> result = (Map<String, Object>) o;
      String name = (String) result.get("benchmark");
      Map<String, Object> primary = (Map<String, Object>) result.get("primaryMetric");
      double scale = nanos((String) primary.get("scoreUnit"));
      Map<String, Object> percentiles = (Map<String, Object>) primary.get("scorePercentiles");
      Map<String, Object> secondary = (Map<String, Object>) result.get("secondaryMetrics");
      double bytes = Double.NaN;
      if (secondary != null && secondary.get("gc.alloc.rate.norm") instanceof Map) {
        bytes = number(((Map<String, Object>) secondary.get("gc.alloc.rate.norm")).get("score"));
      }
      String simple = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
      String workload = simple.substring(0, simple.indexOf('.')).replace("Bench", "");
      String method = simple.substring(simple.indexOf('.') + 1);
      int samples = 0;
      for (Object fork : (List<Object>) primary.get("rawData")) {
        samples += ((List<Object>) fork).size();
      }
      table
          .computeIfAbsent(workload, w -> new LinkedHashMap<>())
          .put(method, new Row(workload, method, scale * number(percentiles.get("50.0")),
              scale * number(percentiles.get("0.0")), scale * number(percentiles.get("100.0")),
              samples, bytes));
    }
  }

  private static double number(Object o) {
    return o instanceof Double d ? d : Double.NaN;
  }

  static String format(Map<String, Map<String, Row>> unordered) {
    // The workloads in the order, then any others (JMH sorts its results by name).
    Map<String, Map<String, Row>> table = new LinkedHashMap<>();
    for (String w : Run.WORKLOADS) {
      if (unordered.containsKey(w)) {
        table.put(w, unordered.get(w));
      }
    }
    unordered.forEach(table::putIfAbsent);
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT,
        "| %-10s | %-17s | %12s | %-28s | %11s | %11s | %12s |%n", "workload", "method",
        "time/call", "min .. max (n)", "× objective", "× hand", "alloc B/call"));
    out.append("|------------|-------------------|-------------:|------------------------------|"
        + "------------:|------------:|-------------:|\n");
    for (Map<String, Row> rows : table.values()) {
      Row objective = rows.get("objective");
      Row hand = rows.get("handWritten");
      for (String method : Checks.METHODS) {
        Row r = rows.get(method);
        if (r == null) {
          continue;
        }
        out.append(String.format(Locale.ROOT,
            "| %-10s | %-17s | %12s | %-28s | %11s | %11s | %12s |%n",
            r.workload(), method, time(r.ns()),
            time(r.minNs()) + " .. " + time(r.maxNs()) + " (" + r.samples() + ")",
            ratio(r, objective),
            ratio(r, hand), Double.isNaN(r.bytes()) ? "" : String.format(Locale.ROOT, "%.0f",
                r.bytes())));
      }
    }
    out.append("\nTargets (javagrad = the pullback into reused adjoint arrays; "
        + "a blank cell had no data in this run):\n\n");
    out.append(String.format(Locale.ROOT, "| %-10s | %-20s | %-23s | %-20s | %-26s | %-20s |%n",
        "workload", "javagrad/hand <= 1.2", "javagrad/objective <= 3", "FD/javagrad >= 100",
        "Hipparchus/javagrad >= 100", "javagrad alloc ~0 B"));
    out.append("|------------|----------------------|-------------------------|"
        + "----------------------|----------------------------|----------------------|\n");
    for (Map.Entry<String, Map<String, Row>> e : table.entrySet()) {
      Map<String, Row> rows = e.getValue();
      Row gen = rows.get("javagradPullback");
      boolean scalar = e.getKey().equals("ScalarF") || e.getKey().equals("Sigmoid");
      out.append(String.format(Locale.ROOT, "| %-10s | %-20s | %-23s | %-20s | %-26s | %-20s |%n",
          e.getKey(),
          check(gen, rows.get("handWritten"), 1.2, true),
          check(gen, rows.get("objective"), 3, true),
          scalar ? "(not a target)" : check(rows.get("finiteDifferences"), gen, 100, false),
          scalar ? "(not a target)" : check(rows.get("hipparchus"), gen, 100, false),
          gen == null || Double.isNaN(gen.bytes()) ? ""
              : String.format(Locale.ROOT, "%.0f %s", gen.bytes(),
                  gen.bytes() < 64 ? "yes" : "NO")));
    }
    return out.toString();
  }

  private static String check(Row a, Row b, double bound, boolean atMost) {
    if (a == null || b == null) {
      return "";
    }
    double r = a.ns() / b.ns();
    boolean ok = atMost ? r <= bound : r >= bound;
    return String.format(Locale.ROOT, "%.2f %s", r, ok ? "yes" : "NO");
  }

  private static String ratio(Row r, Row base) {
    if (base == null) {
      return "";
    }
    double x = r.ns() / base.ns();
    return x >= 100 ? String.format(Locale.ROOT, "%.0f", x) : String.format(Locale.ROOT, "%.2f", x);
  }

  /** A duration in ns, printed with a unit that keeps 3 to 4 significant digits. */
  static String time(double ns) {
    if (Double.isNaN(ns)) {
      return "";
    }
    if (ns < 1e3) {
      return String.format(Locale.ROOT, "%.2f ns", ns);
    }
    if (ns < 1e6) {
      return String.format(Locale.ROOT, "%.2f µs", ns / 1e3);
    }
    if (ns < 1e9) {
      return String.format(Locale.ROOT, "%.2f ms", ns / 1e6);
    }
    return String.format(Locale.ROOT, "%.2f s", ns / 1e9);
  }

  private static double nanos(String unit) {
    switch (unit) {
      case "ns/op":
        return 1;
      case "us/op":
        return 1e3;
      case "ms/op":
        return 1e6;
      case "s/op":
        return 1e9;
      default:
        throw new IllegalArgumentException("unit " + unit + " (use the average-time mode)");
    }
  }

}
