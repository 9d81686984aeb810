package dev.proximity.examples.cli;

import dev.proximity.App;
import dev.proximity.DeployPlan;
import dev.proximity.DeploySpec;
import dev.proximity.Resources;
import dev.proximity.catalog.CatalogEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code proximity deploy ID}: deploys a catalog app into a new container, or shows the plan. */
@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Deploy a catalog app into a new unprivileged LXC container.",
      "Runs the whole pipeline (place, template, create, start, Docker, compose up, health) with live"
          + " progress; a failure rolls back what was created. --plan shows what would be done and changes"
          + " nothing. Resources default to the app's recommendation."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  proximity deploy uptime-kuma --name status",
      "  proximity deploy wordpress --name blog --cores 2 --memory 2G --disk 20G --node pve2",
      "  proximity deploy hello --name hi --param GREETING='Hello, lab'",
      "  proximity deploy postgresql --name db --plan --json"
    })
final class DeployCommand extends SessionCommand {
  @Parameters(paramLabel = "ID", description = "The catalog app, as listed by 'proximity catalog'.")
  String id;

  @Option(names = "--name", paramLabel = "NAME", description = "The app's name and container hostname (default: the id).")
  String name;

  @Mixin ResourceOptions resourceOptions;

  @Option(names = "--node", paramLabel = "NODE", description = "The node (default: the online node with most free memory).")
  String node;

  @Option(
      names = {"--param", "-p"},
      paramLabel = "NAME=VALUE",
      description = "An app parameter (repeatable); see 'proximity catalog show ID'. Secrets you leave out are generated.")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--plan", description = "Show what would be done; change nothing.")
  boolean plan;

  @Option(names = "--keep-on-failure", description = "Keep the container of a failed deploy for inspection.")
  boolean keepOnFailure;

  private Resources resources;

  @Override
  void validate() {
    resources = resourceOptions.toResources();
  }

  @Override
  int run(Session session) {
    CatalogEntry entry = CatalogCommand.entry(session.catalog(), id);
    DeploySpec spec = session.px().deploy(entry.id()).withResources(resources);
    if (name != null) {
      spec = spec.named(name);
    }
    if (node != null) {
      spec = spec.onNode(node);
    }
    for (Map.Entry<String, String> p : params.entrySet()) {
      spec = spec.withParameter(p.getKey(), p.getValue());
    }
    if (keepOnFailure) {
      spec = spec.keepOnFailure();
    }
    Printer printer = printer();
    if (plan) {
      DeployPlan p = spec.plan();
      printPlan(printer, AppViews.PlanView.of(p));
      return ExitCodes.OK;
    }
    String title = "deploy " + (name != null ? name : entry.id());
    App app;
    try (ProgressView progress = printer.progress(title)) {
      CompletableFuture<App> future = spec.startAsync();
      root().onInterrupt(() -> future.cancel(true));
      try {
        app = future.join();
      } catch (CancellationException e) {
        throw new CliException(ExitCodes.INTERRUPTED, "deploy cancelled; what it created is rolled back", "", e);
      }
    }
    printApp(printer, app, "deployed", entry.notes());
    return ExitCodes.OK;
  }

  /** Prints an app after deploy, clone or restore: a short summary, or its JSON view. */
  static void printApp(Printer printer, App app, String verb, String notes) {
    AppViews.AppView view = AppViews.AppView.of(app);
    printer.emit(view, () -> {
      List<String> lines = new ArrayList<>();
      lines.add(printer.style().green(verb) + " " + printer.style().bold(Printer.clean(app.name())) + " ("
          + app.catalogId() + " " + app.version() + ") on " + app.node() + " as CT " + app.vmid());
      List<String[]> fields = new ArrayList<>();
      fields.add(new String[] {"status", view.status()});
      fields.add(new String[] {"ip", view.ipv4() == null ? "-" : view.ipv4()});
      for (String url : view.urls()) {
        fields.add(new String[] {"url", url});
      }
      printer.fields(fields).forEach(l -> lines.add("  " + l));
      if (notes != null && !notes.isBlank()) {
        Printer.wrap("Next: " + Printer.clean(notes), 78).forEach(l -> lines.add("  " + l));
      }
      return lines;
    });
  }

  private static void printPlan(Printer printer, AppViews.PlanView p) {
    printer.emit(p, () -> {
      List<String[]> fields = new ArrayList<>();
      fields.add(new String[] {"app", p.catalogId() + " " + p.version()});
      fields.add(new String[] {"name", p.name()});
      fields.add(new String[] {"node", p.node()});
      fields.add(new String[] {"resources", p.cores() + " cores, " + p.memoryMb() + " MiB memory, "
          + p.swapMb() + " MiB swap, " + p.diskGb() + " GiB disk on " + p.rootStorage()});
      fields.add(new String[] {"template", p.template() + " (" + p.templateAction() + ")"});
      fields.add(new String[] {"network", p.net0()});
      fields.add(new String[] {"tags", String.join(";", p.tags())});
      if (p.pool() != null) {
        fields.add(new String[] {"pool", p.pool()});
      }
      p.parameters().forEach((k, v) -> fields.add(new String[] {"param " + k, v}));
      for (String secret : p.generatedSecrets()) {
        fields.add(new String[] {"param " + secret, "(generated secret)"});
      }
      fields.add(new String[] {"steps", String.join(" > ", p.steps())});
      List<String> lines = new ArrayList<>();
      lines.add("Plan (nothing was changed):");
      printer.fields(fields).forEach(l -> lines.add("  " + l));
      return lines;
    });
  }
}
