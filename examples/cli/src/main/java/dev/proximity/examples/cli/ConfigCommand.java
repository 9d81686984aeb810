package dev.proximity.examples.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code proximity config}: shows the resolved configuration and where each value came from. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = {
      "Show the resolved configuration and where each value came from.",
      "Sources: flag, environment variable, config file, default. Secrets show only as (set)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  proximity config",
      "  PROXIMITY_ENDPOINT=https://10.0.0.2:8006 proximity config --json",
      "  proximity --config ./lab.json config"
    })
final class ConfigCommand extends BaseCommand {

  /** The JSON form of {@code proximity config}. */
  record ConfigView(String file, List<Setting> settings) {}

  @Override
  public Integer call() {
    CliConfig config = config();
    ConfigView view = new ConfigView(config.file().map(Object::toString).orElse(null), config.settings());
    printer().emit(view, () -> {
      Table.Builder table = Table.of("KEY", "VALUE", "SOURCE");
      view.settings().forEach(s -> table.row(s.key(), s.value(), s.source()));
      List<String> lines = new ArrayList<>();
      lines.add("config file: " + (view.file() == null ? "(none)" : view.file()));
      lines.addAll(printer().table(table.build()));
      return lines;
    });
    return ExitCodes.OK;
  }
}
