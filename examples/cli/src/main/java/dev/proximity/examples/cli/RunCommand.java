package dev.proximity.examples.cli;

import dev.proximity.App;
import dev.proximity.audit.JsonLinesAuditSink;
import dev.proximity.command.CommandTarget;
import dev.proximity.command.SafeCommand;
import dev.proximity.command.SafeCommandResult;
import dev.proximity.command.SafeCommands;
import dev.proximity.spi.HostShell;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code proximity run NAME COMMAND [KEY=VALUE...]}: a read-only safe command inside an app's container. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run a safe diagnostic command inside an app's container.",
      "Safe commands are a closed, read-only set with validated parameters: logs, status, disk, processes,"
          + " memory, network, images, volumes, config (secrets redacted), system. Only logs takes parameters:"
          + " tail=1..10000, service=NAME, since=DURATION. Nothing you type becomes shell text; every run,"
          + " refused or not, is appended to the audit log (~/.local/state/proximity/audit.jsonl)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  proximity run status disk",
      "  proximity run status logs tail=50 since=10m",
      "  proximity run blog config",
      "  proximity run blog processes --json"
    })
final class RunCommand extends SessionCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "The app's name or vmid.")
  String name;

  @Parameters(index = "1", paramLabel = "COMMAND", description = "The safe command.")
  String command;

  @Parameters(index = "2..*", paramLabel = "KEY=VALUE", description = "Parameters of the command.")
  List<String> args = new ArrayList<>();

  /** The JSON form of a safe command's result. */
  record RunView(String app, String command, Map<String, String> parameters, int exitCode, String output,
      String errors, boolean truncated) {}

  private final Map<String, String> parameters = new LinkedHashMap<>();

  @Override
  void validate() {
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 1) {
        throw new CliException(ExitCodes.USAGE, "expected KEY=VALUE, got '" + Printer.clean(arg) + "'",
            "e.g. proximity run " + name + " logs tail=50");
      }
      parameters.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
  }

  @Override
  int run(Session session) {
    App app = session.px().app(name).info();
    HostShell shell = session.shells()
        .orElseThrow(() -> new CliException(ExitCodes.USAGE, "SSH to the Proxmox hosts is not configured",
            "set --ssh-key (or PROXIMITY_SSH_PASSWORD) and --ssh-host-key; see 'proximity doctor'"))
        .forNode(app.node());
    SafeCommandResult result;
    try (JsonLinesAuditSink audit = JsonLinesAuditSink.open(root().auditLog())) {
      result = SafeCommands.run(shell, new CommandTarget(app.node(), app.vmid(), app.name()), command, parameters,
          actor(), audit, SafeCommands.DEFAULT_TIMEOUT);
    }
    SafeCommand ran = result.command();
    Printer printer = printer();
    printer.emit(
        new RunView(app.name(), ran.name(), ran.parameters(), result.exitCode(), result.output(), result.errors(),
            result.truncated()),
        () -> {
          List<String> lines = new ArrayList<>();
          result.output().lines().map(Printer::clean).forEach(lines::add);
          if (result.truncated()) {
            lines.add("(output truncated at " + result.outputBytes() + " bytes)");
          }
          return lines;
        });
    if (!result.ok()) {
      throw new CliException(ExitCodes.FAILURE,
          "safe command " + ran.name() + " exited with " + result.exitCode() + " in " + app.name()
              + (result.errors().isBlank() ? "" : ": " + Printer.oneLine(lastLine(result.errors()))),
          "check the app with 'proximity app " + app.name() + "'");
    }
    return ExitCodes.OK;
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\\R");
    return lines[lines.length - 1];
  }

  private static String actor() {
    return "cli:" + System.getProperty("user.name", "unknown");
  }

  /** The names of the safe commands, sorted, for messages. */
  static String names() {
    return String.join(", ", new TreeSet<>(SafeCommand.names()));
  }
}
