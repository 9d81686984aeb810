package dev.proximity.examples.cli;

import dev.proximity.catalog.CatalogEntry;
import dev.proximity.spi.AppParameter;
import dev.proximity.spi.PortSpec;
import dev.proximity.spi.ResourceHints;
import java.util.List;
import java.util.Locale;

/** The JSON shapes of the catalog commands; their field names are part of the CLI's contract. */
final class CatalogViews {
  private CatalogViews() {}

  /** One line of {@code proximity catalog}. */
  record Item(String id, String name, String version, String category, List<String> tags, String description) {
    static Item of(CatalogEntry e) {
      return new Item(e.id(), e.name(), e.version(), e.category(), e.tags(), e.description().strip());
    }
  }

  /** A port the app publishes. */
  record Port(int port, String protocol, String description) {
    static Port of(PortSpec p) {
      return new Port(p.port(), p.protocol(), p.description());
    }
  }

  /** A parameter a deploy may set with {@code --param NAME=VALUE}. */
  record Parameter(
      String name,
      String type,
      String description,
      String defaultValue,
      boolean required,
      boolean secret,
      boolean generated) {
    static Parameter of(AppParameter p) {
      return new Parameter(
          p.name(),
          p.type().name().toLowerCase(Locale.ROOT),
          p.description(),
          p.defaultValue().orElse(null),
          p.required(),
          p.secret(),
          p.generated());
    }
  }

  /** Minimum and recommended resources. */
  record Resources(int minCores, int minMemoryMb, int minDiskGb, int cores, int memoryMb, int diskGb) {
    static Resources of(ResourceHints r) {
      return new Resources(
          r.minCores(), r.minMemoryMb(), r.minDiskGb(),
          r.recommendedCores(), r.recommendedMemoryMb(), r.recommendedDiskGb());
    }
  }

  /** {@code proximity catalog show ID}. */
  record Detail(
      String id,
      String name,
      String version,
      String category,
      List<String> tags,
      String description,
      String homepage,
      String source,
      Integer webPort,
      List<Port> ports,
      List<Parameter> parameters,
      Resources resources,
      List<String> images,
      String notes) {
    static Detail of(CatalogEntry e) {
      return new Detail(
          e.id(),
          e.name(),
          e.version(),
          e.category(),
          e.tags(),
          e.description().strip(),
          e.homepage().toString(),
          e.source().toString(),
          e.webPort().map(PortSpec::port).orElse(null),
          e.ports().stream().map(Port::of).toList(),
          e.parameters().stream().map(Parameter::of).toList(),
          Resources.of(e.resources()),
          e.images(),
          e.notes().strip());
    }
  }
}
