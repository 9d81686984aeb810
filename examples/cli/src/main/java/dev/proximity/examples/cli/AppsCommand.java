package dev.proximity.examples.cli;

import dev.proximity.App;
import dev.proximity.AppHandle;
import dev.proximity.AppStatus;
import dev.proximity.AppSummary;
import dev.proximity.ProximityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code proximity apps} and {@code proximity app NAME}. */
final class AppsCommand {
  private AppsCommand() {}

  /** {@code proximity apps}: every app of the cluster, from one cluster-wide request. */
  @Command(
      name = "apps",
      mixinStandardHelpOptions = true,
      description = {"List the apps of the cluster in one request: name, catalog app, version, node, status and"
          + " usage. 'proximity app NAME' shows an app's address and URLs."},
      footerHeading = "%nExamples:%n",
      footer = {"  proximity apps", "  proximity apps --json | jq -r '.[] | select(.status==\"running\") | .name'"})
  static final class ListApps extends SessionCommand {
    @Override
    int run(Session session) {
      List<AppSummary> apps = session.px().apps();
      Printer printer = printer();
      printer.emit(apps.stream().map(AppViews.AppSummaryView::of).toList(), () -> {
        if (apps.isEmpty()) {
          return List.of("No apps yet. Deploy one: proximity deploy hello --name hi");
        }
        Table.Builder table = Table.of("NAME", "APP", "VERSION", "NODE", "VMID>", "STATUS", "CPU>", "MEMORY>", "UPTIME>");
        for (AppSummary a : apps) {
          table.row(a.name(), a.catalogId(), a.version(), a.node(), a.vmid(),
              a.status().name().toLowerCase(Locale.ROOT), AppViews.percent(a.usage().cpu()),
              AppViews.bytes(a.usage().memoryBytes()) + "/" + AppViews.bytes(a.usage().maxMemoryBytes()),
              AppViews.duration(a.usage().uptime()));
        }
        return printer.table(table.build());
      });
      return ExitCodes.OK;
    }
  }

  /** {@code proximity app NAME}: one app in detail, with its services. */
  @Command(
      name = "app",
      mixinStandardHelpOptions = true,
      description = {"Show one app: container, address, resources, parameters and the state of its services."},
      footerHeading = "%nExamples:%n",
      footer = {"  proximity app status", "  proximity app 101 --json"})
  static final class Show extends SessionCommand {
    @Parameters(paramLabel = "NAME", description = "The app's name or vmid.")
    String name;

    @Override
    int run(Session session) {
      AppHandle handle = session.px().app(name);
      App app = handle.info();
      List<AppViews.Service> services = List.of();
      String servicesError = null;
      if (app.status() == AppStatus.RUNNING) {
        try {
          services = handle.services().stream().map(AppViews.Service::of).toList();
        } catch (ProximityException e) {
          servicesError = Printer.oneLine(e.getMessage());
        }
      } else {
        servicesError = "the container is " + AppViews.status(app);
      }
      AppViews.AppView view = AppViews.AppView.of(app);
      AppViews.AppDetail detail =
          new AppViews.AppDetail(view, new TreeMap<>(app.manifest().parameters()), services, servicesError);
      Printer printer = printer();
      List<AppViews.Service> shown = services;
      String error = servicesError;
      printer.emit(detail, () -> {
        List<String[]> fields = new ArrayList<>();
        fields.add(new String[] {"name", view.name()});
        fields.add(new String[] {"app", view.catalogId() + " " + view.version()});
        fields.add(new String[] {"status", view.status()});
        fields.add(new String[] {"node", view.node() + ", CT " + view.vmid()});
        fields.add(new String[] {"ip", view.ipv4() == null ? "-" : view.ipv4()});
        for (String url : view.urls()) {
          fields.add(new String[] {"url", url});
        }
        fields.add(new String[] {"cores", view.cores() + " (" + AppViews.percent(view.cpu()) + " used)"});
        fields.add(new String[] {"memory", AppViews.bytes(view.memoryBytes()) + " of " + AppViews.bytes(view.maxMemoryBytes())});
        fields.add(new String[] {"disk", AppViews.bytes(view.diskBytes()) + " of " + AppViews.bytes(view.maxDiskBytes())});
        fields.add(new String[] {"uptime", AppViews.duration(app.usage().uptime())});
        fields.add(new String[] {"created", view.createdAt()});
        detail.parameters().forEach((k, v) -> fields.add(new String[] {"param " + k, v}));
        List<String> lines = new ArrayList<>(printer.fields(fields));
        lines.add("");
        if (error != null) {
          lines.add("services: unknown (" + error + ")");
        } else {
          Table.Builder table = Table.of("SERVICE", "STATE", "HEALTH");
          shown.forEach(s -> table.row(s.service(), s.state(), s.health().isEmpty() ? "-" : s.health()));
          lines.addAll(printer.table(table.build()));
        }
        return lines;
      });
      return ExitCodes.OK;
    }
  }
}
