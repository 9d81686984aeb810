package dev.proximity.examples.cli;

import dev.proximity.App;
import dev.proximity.AppHandle;
import dev.proximity.Backup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backup}, {@code backups} and {@code restore}. */
final class BackupCommands {
  private BackupCommands() {}

  @Command(
      name = "backup",
      mixinStandardHelpOptions = true,
      description = {"Back an app up now (vzdump snapshot mode, zstd) to the node's backup storage."},
      footerHeading = "%nExamples:%n",
      footer = {"  proximity backup blog", "  proximity backup blog --notes 'before the theme change'"})
  static final class Create extends SessionCommand {
    @Parameters(paramLabel = "NAME", description = "The app's name or vmid.")
    String name;

    @Option(names = "--notes", paramLabel = "TEXT", description = "Notes stored with the backup.")
    String notes = "";

    @Override
    int run(Session session) {
      AppHandle app = session.px().app(name);
      Backup backup;
      try (ProgressView progress = printer().progress("backup " + app.name())) {
        progress.update("backup", 10, "vzdump snapshot");
        backup = app.backup(notes);
        progress.update("done", 100, "");
      }
      AppViews.BackupView view = AppViews.BackupView.of(backup);
      printer().emit(view, () -> List.of("backed up " + Printer.clean(app.name()) + " to " + view.volid()
          + " (" + AppViews.bytes(view.sizeBytes()) + ")"));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "backups",
      mixinStandardHelpOptions = true,
      description = {"List an app's backups, newest first."},
      footerHeading = "%nExamples:%n",
      footer = {"  proximity backups blog", "  proximity backups blog --json | jq -r '.[0].volid'"})
  static final class ListBackups extends SessionCommand {
    @Parameters(paramLabel = "NAME", description = "The app's name or vmid.")
    String name;

    @Override
    int run(Session session) {
      List<Backup> backups = newestFirst(session.px().app(name).backups());
      Printer printer = printer();
      printer.emit(backups.stream().map(AppViews.BackupView::of).toList(), () -> {
        if (backups.isEmpty()) {
          return List.of("No backups of " + Printer.clean(name) + ". Make one: proximity backup " + Printer.clean(name));
        }
        Table.Builder table = Table.of("VOLID", "CREATED", "SIZE>", "NOTES");
        backups.forEach(b -> table.row(b.volid(), b.createdAt().toString(), AppViews.bytes(b.sizeBytes()),
            b.notes().isBlank() ? "-" : b.notes()));
        return printer.table(table.build());
      });
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "restore",
      mixinStandardHelpOptions = true,
      description = {
        "Restore an app from one of its backups, in place or as a new app (--as).",
        "BACKUP is a volid from 'proximity backups NAME', or 'latest'."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  proximity restore blog latest",
        "  proximity restore blog local:backup/vzdump-lxc-101-2026_11_28-02_00_00.tar.zst",
        "  proximity restore blog latest --as blog-copy"
      })
  static final class Restore extends SessionCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The app's name or vmid.")
    String name;

    @Parameters(index = "1", paramLabel = "BACKUP", description = "A volid, or 'latest'.")
    String backup;

    @Option(names = "--as", paramLabel = "NEW", description = "Restore into a new app with this name; the original stays.")
    String as;

    @Override
    int run(Session session) {
      AppHandle app = session.px().app(name);
      String volid = backup;
      if ("latest".equals(backup)) {
        volid = newestFirst(app.backups()).stream().findFirst().map(Backup::volid)
            .orElseThrow(() -> new CliException(ExitCodes.NOT_FOUND, "app " + Printer.clean(name) + " has no backups",
                "make one with 'proximity backup " + Printer.clean(name) + "'"));
      }
      App restored;
      try (ProgressView progress = printer().progress("restore " + app.name())) {
        restored = as == null ? app.restore(volid) : app.restoreAs(volid, as);
        progress.update("done", 100, "");
      }
      DeployCommand.printApp(printer(), restored, "restored", "");
      return ExitCodes.OK;
    }
  }

  static List<Backup> newestFirst(List<Backup> backups) {
    List<Backup> sorted = new ArrayList<>(backups);
    sorted.sort(Comparator.comparing(Backup::createdAt).reversed());
    return sorted;
  }
}
