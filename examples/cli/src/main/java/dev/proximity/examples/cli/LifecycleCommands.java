package dev.proximity.examples.cli;

import dev.proximity.AppHandle;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code start}, {@code stop}, {@code restart} and {@code shutdown}: power actions on an app. */
final class LifecycleCommands {
  private LifecycleCommands() {}

  /** Common shape: one app name, one action, a one-line result. */
  abstract static class PowerCommand extends SessionCommand {
    @Parameters(paramLabel = "NAME", description = "The app's name or vmid.")
    String name;

    abstract String verb();

    abstract void act(AppHandle app);

    @Override
    int run(Session session) {
      AppHandle app = session.px().app(name);
      act(app);
      String status = app.status().name().toLowerCase(Locale.ROOT);
      Printer printer = printer();
      printer.emit(new AppViews.ActionView(app.name(), verb(), status),
          () -> List.of(verb() + " " + Printer.clean(app.name()) + ": " + printer.style().status(status)));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = {"Start an app's container; its services come up by their restart policy."},
      footerHeading = "%nExamples:%n",
      footer = {"  proximity start status"})
  static final class Start extends PowerCommand {
    @Override
    String verb() {
      return "started";
    }

    @Override
    void act(AppHandle app) {
      app.start();
    }
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description = {"Stop an app's container at once (like pulling the plug); see shutdown for a clean stop."},
      footerHeading = "%nExamples:%n",
      footer = {"  proximity stop status"})
  static final class Stop extends PowerCommand {
    @Override
    String verb() {
      return "stopped";
    }

    @Override
    void act(AppHandle app) {
      app.stop();
    }
  }

  @Command(
      name = "restart",
      mixinStandardHelpOptions = true,
      description = {"Restart an app's container."},
      footerHeading = "%nExamples:%n",
      footer = {"  proximity restart status"})
  static final class Restart extends PowerCommand {
    @Override
    String verb() {
      return "restarted";
    }

    @Override
    void act(AppHandle app) {
      app.restart();
    }
  }

  @Command(
      name = "shutdown",
      mixinStandardHelpOptions = true,
      description = {"Shut an app's container down cleanly, waiting up to --wait."},
      footerHeading = "%nExamples:%n",
      footer = {"  proximity shutdown status", "  proximity shutdown status --wait 2m"})
  static final class Shutdown extends PowerCommand {
    @Option(names = "--wait", paramLabel = "DURATION", description = "How long to wait for a clean shutdown (default 60s).")
    String wait = "60s";

    private Duration timeout;

    @Override
    void validate() {
      timeout = CliConfig.parseDuration(wait);
      if (timeout == null || timeout.isZero() || timeout.isNegative()) {
        throw new CliException(ExitCodes.USAGE, "invalid value for --wait: '" + Printer.clean(wait) + "'", "use e.g. 90s or 5m");
      }
    }

    @Override
    String verb() {
      return "shut down";
    }

    @Override
    void act(AppHandle app) {
      app.shutdown(timeout);
    }
  }
}
