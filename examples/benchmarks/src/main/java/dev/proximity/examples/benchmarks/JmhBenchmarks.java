package dev.proximity.examples.benchmarks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link ClientOverheadBenchmark} with JMH and the GC profiler ({@code -prof gc}) and prints
 * the Markdown table of docs/performance.md: time per call, calls per second, the ratio to each
 * floor measured in the same run, and bytes allocated per call ({@code gc.alloc.rate.norm}).
 *
 * <p>Run with {@code examples/benchmarks/run.sh --jmh}; add {@code --quick} for a smoke run with
 * one short iteration each, whose figures are not meant to be read.
 */
public final class JmhBenchmarks {
  private static final String NODES_FLOOR = "nodesFloorBareHttp";
  private static final String RESOURCES_FLOOR = "resourcesFloorBareHttp";
  private static final String RESOURCES_JACKSON = "resourcesFloorJacksonStreaming";

  private JmhBenchmarks() {}

  /**
   * Runs the benchmarks and prints the table.
   *
   * @param args {@code --quick} for a smoke run
   * @throws Exception when JMH fails
   */
  public static void main(String[] args) throws Exception {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(ClientOverheadBenchmark.class.getName() + "\\.")
        .addProfiler(GCProfiler.class);
    if (List.of(args).contains("--quick")) {
      options.warmupIterations(1).warmupTime(TimeValue.seconds(1))
          .measurementIterations(1).measurementTime(TimeValue.seconds(1));
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    System.out.printf("%n# Proximity JMH benchmarks, %s, %d cores, Java %s, %s%n%n", LocalDate.now(),
        Runtime.getRuntime().availableProcessors(), Runtime.version(), System.getProperty("java.vm.name"));
    System.out.println(table(results).render());
  }

  /** One measured benchmark: its name, the entries parameter ("-" when none) and its figures. */
  private record Row(String name, String entries, double microsPerOp, double error, double bytesPerOp) {}

  private static Table table(Collection<RunResult> results) {
    List<Row> rows = new ArrayList<>();
    Map<String, Row> byKey = new HashMap<>();
    for (RunResult r : results) {
      String label = r.getParams().getBenchmark();
      String name = label.substring(label.lastIndexOf('.') + 1);
      String entries = r.getParams().getParamsKeys().contains("entries") ? r.getParams().getParam("entries") : "-";
      Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
      Row row = new Row(name, entries, r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError(),
          alloc == null ? Double.NaN : alloc.getScore());
      rows.add(row);
      byKey.put(name + "/" + entries, row);
    }
    Table table = new Table("benchmark", "entries", "µs/op", "± (99.9 %)", "ops/s", "ratio to bare floor",
        "ratio to Jackson floor", "B/op");
    for (Row row : rows) {
      Row floor = byKey.get((row.name().startsWith("nodes") ? NODES_FLOOR : RESOURCES_FLOOR) + "/" + row.entries());
      Row jackson = byKey.get(RESOURCES_JACKSON + "/" + row.entries());
      table.row(row.name(), row.entries(), String.format("%.1f", row.microsPerOp()), String.format("%.1f", row.error()),
          String.format("%.0f", 1e6 / row.microsPerOp()), ratio(row, floor),
          row.name().startsWith("resources") ? ratio(row, jackson) : "-", String.format("%.0f", row.bytesPerOp()));
    }
    return table;
  }

  private static String ratio(Row row, Row floor) {
    return floor == null ? "-" : String.format("%.2f", row.microsPerOp() / floor.microsPerOp());
  }
}
