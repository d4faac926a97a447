package io.github.javagrad.processor.fuzz;

import java.util.HashMap;
import java.util.Map;

/**
 * How the oracle calls a program's methods: every {@code int} parameter gets {@code intArg},
 * every {@code boolean} parameter {@code boolArg}, every {@code double[]} parameter an array of
 * {@code arrayLength} random values; the random points come from {@code pointSeed}. Printed as
 * the first line of a program's source, so a saved regression replays exactly.
 */
record RunConfig(int intArg, boolean boolArg, int arrayLength, long pointSeed) {
  static final String TAG = "javagrad-fuzz:";

  String header() {
    return TAG
        + " int="
        + intArg
        + " bool="
        + boolArg
        + " len="
        + arrayLength
        + " points="
        + pointSeed;
  }

  /** Parses the first line of a program's source. */
  static RunConfig parse(String source) {
    String first = source.lines().findFirst().orElse("");
    int at = first.indexOf(TAG);
    if (at < 0) {
      throw new IllegalArgumentException("no '" + TAG + "' header in the first line: " + first);
    }
    Map<String, String> kv = new HashMap<>();
    for (String part : first.substring(at + TAG.length()).trim().split("\\s+")) {
      String[] p = part.split("=", 2);
      kv.put(p[0], p[1]);
    }
    return new RunConfig(
        Integer.parseInt(kv.get("int")),
        Boolean.parseBoolean(kv.get("bool")),
        Integer.parseInt(kv.get("len")),
        Long.parseLong(kv.get("points")));
  }
}
