package dev.proximity.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proximity.spi.AppParameter;
import dev.proximity.spi.AppTemplate;
import dev.proximity.spi.PortSpec;
import dev.proximity.spi.RenderedApp;
import dev.proximity.spi.ResourceHints;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogListingTest {

  @Test
  void render_alignsIdNameCategoryAndVersionColumns() {
    List<CatalogEntry> entries = Catalogs.bundled().search(CatalogSearch.all().inCategory("monitoring"));

    String listing = CatalogListing.render(entries);

    assertThat(listing).isEqualTo(""
        + "ID           NAME         CATEGORY    VERSION\n"
        + "grafana      Grafana      monitoring  11.6.1\n"
        + "prometheus   Prometheus   monitoring  3.4.0\n"
        + "uptime-kuma  Uptime Kuma  monitoring  1.23.16\n");
  }

  @Test
  void render_wholeBundledCatalog_oneLinePerEntryWithColumnsAligned() {
    Catalog catalog = Catalogs.bundled();

    String[] lines = CatalogListing.render(catalog.entries()).split("\n");

    assertThat(lines).hasSize(catalog.size() + 1);
    int nameColumn = lines[0].indexOf("NAME");
    int categoryColumn = lines[0].indexOf("CATEGORY");
    for (int i = 1; i < lines.length; i++) {
      CatalogEntry entry = catalog.entries().get(i - 1);
      assertThat(lines[i]).startsWith(entry.id() + " ");
      assertThat(lines[i].substring(nameColumn)).startsWith(entry.name());
      assertThat(lines[i].substring(categoryColumn)).startsWith(entry.category());
      assertThat(lines[i]).doesNotEndWith(" ");
    }
  }

  @Test
  void render_withWidth_addsDescriptionsCutToWidth() {
    String listing = CatalogListing.render(Catalogs.bundled().entries(), 100);

    assertThat(listing.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
    assertThat(listing).startsWith("ID ").containsPattern("^ID +NAME +CATEGORY +VERSION +DESCRIPTION\n");
    assertThat(listing).contains("DESCRIPTION").contains("…");
    assertThatThrownBy(() -> CatalogListing.render(List.of(), 10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void render_empty_saysSo() {
    assertThat(CatalogListing.render(List.of())).isEqualTo("No apps.\n");
  }

  @Test
  void render_hostileFields_cannotBreakTheLayout() {
    AppTemplate evil = new FakeApp("evil", "Evil\nName\u001B[31m", "cat\tegory");

    String listing = CatalogListing.render(List.of(evil, new FakeApp("a", "日本語アプリ", "x")));

    assertThat(listing.lines()).hasSize(3);
    assertThat(listing).doesNotContain("\u001B").doesNotContain("\t");
    assertThat(listing).contains("Evil Name?[31m");
    String[] lines = listing.split("\n");
    assertThat(lines[2].indexOf('x')).isEqualTo(lines[0].indexOf("CATEGORY"));
  }

  /** A minimal template, as another AppCatalog implementation could supply. */
  private record FakeApp(String id, String name, String category) implements AppTemplate {
    @Override public String version() { return "1"; }
    @Override public String description() { return ""; }
    @Override public List<String> tags() { return List.of(); }
    @Override public Optional<PortSpec> webPort() { return Optional.empty(); }
    @Override public List<PortSpec> ports() { return List.of(); }
    @Override public List<AppParameter> parameters() { return List.of(); }
    @Override public ResourceHints resources() { return new ResourceHints(1, 64, 1, 1, 64, 1); }
    @Override public List<String> images() { return List.of(); }
    @Override public String notes() { return ""; }
    @Override public RenderedApp render(Map<String, String> values) {
      throw new UnsupportedOperationException();
    }
  }
}
