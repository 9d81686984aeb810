package dev.proximity.examples.cli;

import dev.proximity.AppHandle;
import dev.proximity.LogStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code proximity logs NAME}: the last lines of an app's Compose logs, or a live follow. */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = {
      "Show an app's logs (all Compose services, with timestamps).",
      "--follow keeps printing new lines until Ctrl-C, the app stops, or --for has passed."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  proximity logs status",
      "  proximity logs status --tail 500",
      "  proximity logs status --follow",
      "  proximity logs status --follow --for 10m"
    })
final class LogsCommand extends SessionCommand {
  @Parameters(paramLabel = "NAME", description = "The app's name or vmid.")
  String name;

  @Option(names = {"--tail", "-n"}, paramLabel = "N", description = "Lines per service, 1..10000 (default 100).")
  int tail = 100;

  @Option(names = {"--follow", "-f"}, description = "Keep printing new lines.")
  boolean follow;

  @Option(names = "--for", paramLabel = "DURATION", description = "With --follow: stop after this long, e.g. 30s, 10m.")
  String forDuration;

  private Duration limit;

  @Override
  void validate() {
    if (tail < 1 || tail > 10_000) {
      throw new CliException(ExitCodes.USAGE, "invalid value for --tail: " + tail, "use 1..10000");
    }
    if (forDuration != null) {
      limit = CliConfig.parseDuration(forDuration);
      if (limit == null || limit.isZero() || limit.isNegative()) {
        throw new CliException(ExitCodes.USAGE, "invalid value for --for: '" + Printer.clean(forDuration) + "'", "use e.g. 30s or 10m");
      }
      if (!follow) {
        throw new CliException(ExitCodes.USAGE, "--for only applies with --follow", "add --follow");
      }
    }
    if (follow && root().json) {
      throw new CliException(ExitCodes.USAGE, "--follow prints lines as they come; it has no JSON form", "drop --json");
    }
  }

  @Override
  int run(Session session) {
    AppHandle app = session.px().app(name);
    Printer printer = printer();
    if (!follow) {
      List<String> lines = app.logs(tail);
      printer.emit(lines, () -> lines.stream().map(Printer::clean).toList());
      return ExitCodes.OK;
    }
    PrintStream out = printer.out();
    try (LogStream stream = app.followLogs(tail, line -> {
      synchronized (out) {
        out.println(Printer.clean(line));
        out.flush();
      }
    })) {
      root().onInterrupt(stream::close);
      OptionalInt end = stream.await(limit != null ? limit : Duration.ofDays(365));
      return end.isPresent() && end.getAsInt() != 0 && limit == null ? ExitCodes.FAILURE : ExitCodes.OK;
    }
  }
}
