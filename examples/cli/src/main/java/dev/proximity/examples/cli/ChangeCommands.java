package dev.proximity.examples.cli;

import dev.proximity.App;
import dev.proximity.AppHandle;
import dev.proximity.DeleteOption;
import dev.proximity.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clone}, {@code resize}, {@code update} and {@code delete}. */
final class ChangeCommands {
  private ChangeCommands() {}

  @Command(
      name = "clone",
      mixinStandardHelpOptions = true,
      description = {"Clone an app into a new app with its own container and address; it keeps the secrets its copied data"
          + " expects, and gets new values for those the catalog entry marks regenerateOnClone."},
      footerHeading = "%nExamples:%n",
      footer = {"  proximity clone blog blog-staging"})
  static final class Clone extends SessionCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The app's name or vmid.")
    String name;

    @Parameters(index = "1", paramLabel = "NEW", description = "The new app's name.")
    String newName;

    @Override
    int run(Session session) {
      AppHandle app = session.px().app(name);
      App clone;
      try (ProgressView progress = printer().progress("clone " + app.name())) {
        clone = app.clone(newName);
        progress.update("done", 100, "");
      }
      DeployCommand.printApp(printer(), clone, "cloned", "");
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "resize",
      mixinStandardHelpOptions = true,
      description = {
        "Change an app's cores, memory or disk.",
        "Cores and memory change live; the disk can only grow."
      },
      footerHeading = "%nExamples:%n",
      footer = {"  proximity resize blog --memory 4G", "  proximity resize blog --cores 4 --disk 40G"})
  static final class Resize extends SessionCommand {
    @Parameters(paramLabel = "NAME", description = "The app's name or vmid.")
    String name;

    @Mixin ResourceOptions resourceOptions;

    private Resources resources;

    @Override
    void validate() {
      if (!resourceOptions.given()) {
        throw new CliException(ExitCodes.USAGE, "nothing to change", "give --cores, --memory or --disk");
      }
      resources = resourceOptions.toResources();
    }

    @Override
    int run(Session session) {
      App app = session.px().app(name).resize(resources);
      DeployCommand.printApp(printer(), app, "resized", "");
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "update",
      mixinStandardHelpOptions = true,
      description = {
        "Update an app to the catalog's newer version, or --check for one.",
        "Backs up first, recreates the services, checks health, and restores the backup if the new"
            + " version is unhealthy."
      },
      footerHeading = "%nExamples:%n",
      footer = {"  proximity update blog --check", "  proximity update blog"})
  static final class Update extends SessionCommand {
    @Parameters(paramLabel = "NAME", description = "The app's name or vmid.")
    String name;

    @Option(names = "--check", description = "Only say whether an update is available.")
    boolean check;

    @Override
    int run(Session session) {
      AppHandle handle = session.px().app(name);
      App app = handle.info();
      Optional<String> available = handle.availableUpdate();
      Printer printer = printer();
      if (check) {
        AppViews.UpdateCheck view = new AppViews.UpdateCheck(
            app.name(), app.catalogId(), app.version(), available.orElse(null), available.isPresent());
        printer.emit(view, () -> List.of(available
            .map(v -> Printer.clean(app.name()) + ": " + app.catalogId() + " " + app.version() + " -> " + v
                + " available; run 'proximity update " + Printer.clean(app.name()) + "'")
            .orElse(Printer.clean(app.name()) + ": " + app.catalogId() + " " + app.version() + " is current")));
        return ExitCodes.OK;
      }
      App updated;
      try (ProgressView progress = printer.progress("update " + app.name())) {
        updated = handle.update(e -> { });
      }
      DeployCommand.printApp(printer, updated, "updated", "");
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = {
        "Delete an app and its container.",
        "A running app is refused unless --force; its backups stay unless --with-backups."
      },
      footerHeading = "%nExamples:%n",
      footer = {"  proximity delete blog-staging", "  proximity delete blog --force --with-backups"})
  static final class Delete extends SessionCommand {
    @Parameters(paramLabel = "NAME", description = "The app's name or vmid.")
    String name;

    @Option(names = "--force", description = "Stop the app first if it runs.")
    boolean force;

    @Option(names = "--with-backups", description = "Also delete the app's backups.")
    boolean withBackups;

    @Override
    int run(Session session) {
      AppHandle app = session.px().app(name);
      String appName = app.name();
      List<DeleteOption> options = new ArrayList<>();
      if (force) {
        options.add(DeleteOption.FORCE);
      }
      if (withBackups) {
        options.add(DeleteOption.WITH_BACKUPS);
      }
      app.delete(options.toArray(DeleteOption[]::new));
      printer().emit(new AppViews.ActionView(appName, "deleted", "deleted"),
          () -> List.of("deleted " + Printer.clean(appName) + (withBackups ? " and its backups" : "")));
      return ExitCodes.OK;
    }
  }
}
