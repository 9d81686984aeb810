package dev.proximity.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.spi.AppCatalog;
import dev.proximity.spi.RenderedApp;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class BundledCatalogTest {

  @Test
  void bundled_loadsEveryEntry() {
    Catalog catalog = Catalogs.bundled();
    assertThat(catalog.size()).isGreaterThanOrEqualTo(6);
  }

  @Test
  void everyEntry_composeValidatesAgainstSchema_beforeAndAfterRendering() {
    for (CatalogEntry entry : Catalogs.bundled().entries()) {
      assertThat(ComposeSchema.violations(entry.composeTemplate())).as(entry.id()).isEmpty();
      RenderedApp rendered = entry.render(Map.of());
      assertThat(ComposeSchema.violations(rendered.composeYaml())).as(entry.id()).isEmpty();
    }
  }

  @Test
  void serviceLoader_findsBundledCatalog() {
    AppCatalog catalog = ServiceLoader.load(AppCatalog.class).findFirst().orElseThrow();
    assertThat(catalog).isInstanceOf(BundledCatalog.class);
    assertThat(catalog.find("hello")).isPresent();
  }
}
