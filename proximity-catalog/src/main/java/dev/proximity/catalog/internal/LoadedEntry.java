package dev.proximity.catalog.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.catalog.CatalogEntry;
import dev.proximity.catalog.HealthCheck;
import dev.proximity.catalog.VolumeSpec;
import dev.proximity.spi.AppParameter;
import dev.proximity.spi.PortSpec;
import dev.proximity.spi.RenderedApp;
import dev.proximity.spi.ResourceHints;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated catalog entry. Built only by {@link EntryLoader}; the compose tree is never mutated
 * (rendering works on a deep copy), so instances are immutable and thread-safe.
 */
final class LoadedEntry implements CatalogEntry {
  private final Info info;
  private final List<ParamDef> parameterDefs;
  private final List<AppParameter> parameters;
  private final JsonNode compose;
  private final String composeText;
  private final List<String> images;

  /** The descriptive fields of an entry. */
  record Info(
      String id,
      String name,
      String version,
      String description,
      String category,
      List<String> tags,
      Optional<URI> icon,
      URI homepage,
      URI source,
      Optional<PortSpec> webPort,
      List<PortSpec> ports,
      List<VolumeSpec> volumes,
      ResourceHints resources,
      Optional<HealthCheck> healthCheck,
      String notes,
      String origin) {}

  LoadedEntry(
      Info info, List<ParamDef> parameterDefs, JsonNode compose, String composeText,
      List<String> images) {
    this.info = info;
    this.parameterDefs = List.copyOf(parameterDefs);
    this.parameters = parameterDefs.stream().map(ParamDef::parameter).toList();
    this.compose = compose.deepCopy();
    this.composeText = composeText;
    this.images = List.copyOf(images);
  }

  @Override
  public String id() {
    return info.id();
  }

  @Override
  public String name() {
    return info.name();
  }

  @Override
  public String version() {
    return info.version();
  }

  @Override
  public String description() {
    return info.description();
  }

  @Override
  public String category() {
    return info.category();
  }

  @Override
  public List<String> tags() {
    return info.tags();
  }

  @Override
  public Optional<PortSpec> webPort() {
    return info.webPort();
  }

  @Override
  public List<PortSpec> ports() {
    return info.ports();
  }

  @Override
  public List<AppParameter> parameters() {
    return parameters;
  }

  @Override
  public ResourceHints resources() {
    return info.resources();
  }

  @Override
  public List<String> images() {
    return images;
  }

  @Override
  public String notes() {
    return info.notes();
  }

  @Override
  public Optional<URI> icon() {
    return info.icon();
  }

  @Override
  public URI homepage() {
    return info.homepage();
  }

  @Override
  public URI source() {
    return info.source();
  }

  @Override
  public List<VolumeSpec> volumes() {
    return info.volumes();
  }

  @Override
  public Optional<HealthCheck> healthCheck() {
    return info.healthCheck();
  }

  @Override
  public String composeTemplate() {
    return composeText;
  }

  @Override
  public String origin() {
    return info.origin();
  }

  @Override
  public RenderedApp render(Map<String, String> values) {
    return Renderer.render(this, values);
  }

  List<ParamDef> parameterDefs() {
    return parameterDefs;
  }

  /** The parsed compose template; callers must not mutate it. */
  JsonNode composeTree() {
    return compose;
  }

  @Override
  public String toString() {
    return "CatalogEntry[" + info.id() + "@" + info.version() + " from " + info.origin() + "]";
  }
}
