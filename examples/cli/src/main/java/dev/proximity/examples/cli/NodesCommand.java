package dev.proximity.examples.cli;

import dev.proximity.AppSummary;
import dev.proximity.pve.model.NodeSummary;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code proximity nodes}: the cluster's nodes with their load and how many apps each runs. */
@Command(
    name = "nodes",
    mixinStandardHelpOptions = true,
    description = {"List the cluster's nodes: status, CPU, memory, uptime and apps."},
    footerHeading = "%nExamples:%n",
    footer = {"  proximity nodes", "  proximity nodes --json"})
final class NodesCommand extends SessionCommand {
  @Override
  int run(Session session) {
    List<NodeSummary> nodes = session.px().pve().nodes().stream()
        .sorted((a, b) -> a.node().compareTo(b.node()))
        .toList();
    Map<String, Long> apps = session.px().apps().stream()
        .collect(Collectors.groupingBy(AppSummary::node, Collectors.counting()));
    List<AppViews.NodeView> views = nodes.stream()
        .map(n -> AppViews.NodeView.of(n, apps.getOrDefault(n.node(), 0L).intValue()))
        .toList();
    Printer printer = printer();
    printer.emit(views, () -> {
      Table.Builder table = Table.of("NODE", "STATUS", "CPU>", "CORES>", "MEMORY>", "UPTIME>", "APPS>");
      for (AppViews.NodeView n : views) {
        table.row(n.node(), n.status(), AppViews.percent(n.cpu()), n.maxCpu(),
            AppViews.bytes(n.memoryBytes()) + "/" + AppViews.bytes(n.maxMemoryBytes()),
            AppViews.duration(Duration.ofSeconds(n.uptimeSeconds())), n.apps());
      }
      return printer.table(table.build());
    });
    return ExitCodes.OK;
  }
}
