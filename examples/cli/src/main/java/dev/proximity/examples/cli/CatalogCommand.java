package dev.proximity.examples.cli;

import dev.proximity.catalog.Catalog;
import dev.proximity.catalog.CatalogEntry;
import dev.proximity.catalog.CatalogException;
import dev.proximity.catalog.CatalogSearch;
import dev.proximity.catalog.Catalogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code proximity catalog}: lists and searches the app catalog; {@code show} details one app. */
@Command(
    name = "catalog",
    mixinStandardHelpOptions = true,
    description = {
      "List or search the apps you can deploy.",
      "Words must all occur in an app's id, name, description, category or tags; the best matches"
          + " come first. The catalog is the bundled one, plus your own apps from --catalog-dir."
    },
    subcommands = {CatalogCommand.Search.class, CatalogCommand.Show.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  proximity catalog",
      "  proximity catalog monitoring",
      "  proximity catalog search --category database",
      "  proximity catalog show uptime-kuma",
      "  proximity catalog --json | jq -r '.[].id'"
    })
final class CatalogCommand extends BaseCommand {
  @Parameters(paramLabel = "WORD", arity = "0..*", description = "Search words (default: list every app).")
  List<String> words = new ArrayList<>();

  @Option(names = "--category", paramLabel = "CATEGORY", description = "Only apps of this category.")
  String category;

  @Option(names = "--tag", paramLabel = "TAG", description = "Only apps with this tag.")
  String tag;

  @Override
  public Integer call() {
    return list(this, words, category, tag);
  }

  static int list(BaseCommand command, List<String> words, String category, String tag) {
    Catalog catalog = catalog(command.config());
    CatalogSearch search =
        CatalogSearch.text(String.join(" ", words)).inCategory(category).withTag(tag);
    List<CatalogEntry> hits = catalog.search(search);
    Printer printer = command.printer();
    printer.emit(hits.stream().map(CatalogViews.Item::of).toList(), () -> {
      if (hits.isEmpty()) {
        return List.of("No apps match. Categories: " + String.join(", ", catalog.categories()) + ".");
      }
      Table.Builder table = Table.of("ID", "NAME", "CATEGORY", "VERSION", "DESCRIPTION");
      int used = 4 * 2 + width(hits, CatalogEntry::id, "ID") + width(hits, CatalogEntry::name, "NAME")
          + width(hits, CatalogEntry::category, "CATEGORY") + width(hits, CatalogEntry::version, "VERSION");
      int room = Math.max(10, command.root().env().columns() - 1 - used);
      for (CatalogEntry e : hits) {
        table.row(e.id(), e.name(), e.category(), e.version(), shorten(e.description(), room));
      }
      return printer.table(table.build());
    });
    return ExitCodes.OK;
  }

  /** The catalog of this run: the bundled one, overridden by {@code --catalog-dir} when given. */
  static Catalog catalog(CliConfig config) {
    Optional<Path> dir = config.path(ConfigKey.CATALOG_DIR);
    if (dir.isEmpty()) {
      return Catalogs.bundled();
    }
    if (!Files.isDirectory(dir.get())) {
      throw config.bad(ConfigKey.CATALOG_DIR, "is not a directory: " + dir.get(), "see docs/catalog.md for the layout");
    }
    try {
      return Catalogs.compose(Catalogs.bundled(), Catalogs.directory(dir.get()));
    } catch (CatalogException e) {
      throw new CliException(ExitCodes.USAGE, Printer.oneLine(e.getMessage()), "fix the entry, see docs/catalog.md", e);
    }
  }

  /** Finds an entry or fails with exit 3 and close matches. */
  static CatalogEntry entry(Catalog catalog, String id) {
    return catalog.findEntry(id).orElseThrow(() -> {
      List<String> close = catalog.search(id).stream().map(CatalogEntry::id).limit(3).toList();
      return new CliException(
          ExitCodes.NOT_FOUND,
          "no app '" + id + "' in the catalog",
          close.isEmpty() ? "list every app with 'proximity catalog'" : "did you mean " + String.join(", ", close) + "?");
    });
  }

  private static int width(List<CatalogEntry> entries, Function<CatalogEntry, String> field, String header) {
    return Math.max(header.length(), entries.stream().mapToInt(e -> field.apply(e).length()).max().orElse(0));
  }

  static String shorten(String text, int room) {
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() <= room ? flat : flat.substring(0, room - 1).stripTrailing() + "~";
  }

  /** {@code proximity catalog search WORDS}. */
  @Command(
      name = "search",
      mixinStandardHelpOptions = true,
      description = {"Search the catalog by words, category or tag."},
      footerHeading = "%nExamples:%n",
      footer = {
        "  proximity catalog search status page",
        "  proximity catalog search --tag git",
        "  proximity catalog search --category database --json"
      })
  static final class Search extends BaseCommand {
    @Parameters(paramLabel = "WORD", arity = "0..*", description = "Words that must all occur.")
    List<String> words = new ArrayList<>();

    @Option(names = "--category", paramLabel = "CATEGORY", description = "Only apps of this category.")
    String category;

    @Option(names = "--tag", paramLabel = "TAG", description = "Only apps with this tag.")
    String tag;

    @Override
    public Integer call() {
      return list(this, words, category, tag);
    }
  }

  /** {@code proximity catalog show ID}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {"Show one catalog app: ports, parameters, resources, images, notes."},
      footerHeading = "%nExamples:%n",
      footer = {"  proximity catalog show uptime-kuma", "  proximity catalog show wordpress --json"})
  static final class Show extends BaseCommand {
    @Parameters(paramLabel = "ID", description = "The catalog id, as listed by 'proximity catalog'.")
    String id;

    @Override
    public Integer call() {
      CatalogEntry e = entry(catalog(config()), id);
      CatalogViews.Detail d = CatalogViews.Detail.of(e);
      Printer printer = printer();
      printer.emit(d, () -> {
        List<String[]> fields = new ArrayList<>();
        fields.add(new String[] {"id", d.id()});
        fields.add(new String[] {"name", d.name()});
        fields.add(new String[] {"version", d.version()});
        fields.add(new String[] {"category", d.category()});
        fields.add(new String[] {"tags", String.join(", ", d.tags())});
        fields.add(new String[] {"homepage", d.homepage()});
        fields.add(new String[] {"source", d.source()});
        fields.add(new String[] {"web port", d.webPort() == null ? "-" : d.webPort().toString()});
        fields.add(new String[] {
          "resources",
          d.resources().cores() + " cores, " + d.resources().memoryMb() + " MiB, " + d.resources().diskGb()
              + " GiB (minimum " + d.resources().minCores() + ", " + d.resources().minMemoryMb() + " MiB, "
              + d.resources().minDiskGb() + " GiB)"
        });
        fields.add(new String[] {"images", String.join(", ", d.images())});
        List<String> lines = new ArrayList<>(printer.fields(fields));
        lines.add("");
        lines.addAll(Printer.wrap(Printer.clean(d.description()), root().env().columns() - 1));
        if (!d.parameters().isEmpty()) {
          lines.add("");
          Table.Builder params = Table.of("PARAMETER", "TYPE", "DEFAULT", "REQUIRED", "DESCRIPTION");
          for (CatalogViews.Parameter p : d.parameters()) {
            String def = p.generated() ? "(generated)" : p.defaultValue() == null ? "-" : p.defaultValue();
            params.row(p.name(), p.type() + (p.secret() ? ", secret" : ""), def, p.required() ? "yes" : "no", p.description());
          }
          lines.addAll(printer.table(params.build()));
        }
        if (!d.ports().isEmpty()) {
          lines.add("");
          Table.Builder ports = Table.of("PORT>", "PROTO", "DESCRIPTION");
          d.ports().forEach(p -> ports.row(p.port(), p.protocol(), p.description()));
          lines.addAll(printer.table(ports.build()));
        }
        if (!d.notes().isBlank()) {
          lines.add("");
          lines.addAll(Printer.wrap("Notes: " + Printer.clean(d.notes()), root().env().columns() - 1));
        }
        lines.add("");
        lines.add("Deploy it: proximity deploy " + d.id() + " --name NAME");
        return lines;
      });
      return ExitCodes.OK;
    }
  }
}
