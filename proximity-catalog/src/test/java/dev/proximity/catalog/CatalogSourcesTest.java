package dev.proximity.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogSourcesTest {

  @Test
  void directory_loadsEntryFolders_skippingHiddenFoldersAndFiles() {
    Catalog catalog = Catalogs.directory(Fixtures.path("override"));

    assertThat(catalog.entries()).extracting(CatalogEntry::id).containsExactly("extra", "nginx");
    assertThat(catalog.entry("extra").origin()).endsWith("extra");
  }

  @Test
  void compose_laterSourceOverridesSameId_andAddsNewOnes() {
    Catalog bundled = Catalogs.bundled();
    Catalog local = Catalogs.directory(Fixtures.path("override"));

    Catalog composed = Catalogs.compose(bundled, local);

    assertThat(composed.size()).isEqualTo(bundled.size() + 1);
    assertThat(composed.entry("nginx").name()).isEqualTo("Nginx (site-local)");
    assertThat(composed.entry("nginx").version()).isEqualTo("1.28.0-local");
    assertThat(composed.entry("extra").name()).isEqualTo("Extra");
    assertThat(composed.entry("wordpress")).isSameAs(bundled.entry("wordpress"));
    assertThat(composed.list()).extracting(t -> t.id()).isSorted();
  }

  @Test
  void compose_orderDecidesWhoWins() {
    Catalog local = Catalogs.directory(Fixtures.path("override"));

    Catalog composed = Catalogs.compose(List.of(local, Catalogs.bundled()));

    assertThat(composed.entry("nginx").name()).isEqualTo("Nginx");
    assertThat(composed.entry("nginx").origin()).startsWith("classpath:");
  }

  @Test
  void compose_nothing_isEmpty() {
    assertThat(Catalogs.compose().size()).isZero();
    assertThat(Catalogs.compose().list()).isEmpty();
  }

  @Test
  void directory_missing_isRefused(@TempDir Path tmp) {
    assertThatThrownBy(() -> Catalogs.directory(tmp.resolve("nope")))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("is not a directory");
  }

  @Test
  void directory_empty_isEmptyCatalog(@TempDir Path tmp) {
    assertThat(Catalogs.directory(tmp).size()).isZero();
  }

  @Test
  void directory_invalidUtf8_isRefusedNamingTheFile(@TempDir Path tmp) throws IOException {
    Path demo = tmp.resolve("demo");
    Files.createDirectories(demo);
    Files.write(demo.resolve("app.yaml"), new byte[] {'i', 'd', ':', ' ', (byte) 0xC3, (byte) 0x28});
    Files.writeString(demo.resolve("compose.yaml"), "services: {}\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> Catalogs.directory(tmp))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("demo/app.yaml")
        .hasMessageContaining("not valid UTF-8");
  }

  @Test
  void directory_emptyOrScalarFile_isRefused(@TempDir Path tmp) throws IOException {
    Path demo = tmp.resolve("demo");
    Files.createDirectories(demo);
    Files.writeString(demo.resolve("app.yaml"), "just a string\n");
    Files.writeString(demo.resolve("compose.yaml"), "");

    assertThatThrownBy(() -> Catalogs.directory(tmp))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("demo/app.yaml")
        .hasMessageContaining("must be a YAML mapping");
  }

  @Test
  void directory_multipleDocuments_isRefused(@TempDir Path tmp) throws IOException {
    Path good = Fixtures.path("good/demo");
    Path demo = tmp.resolve("demo");
    Files.createDirectories(demo);
    Files.copy(good.resolve("app.yaml"), demo.resolve("app.yaml"));
    Files.writeString(demo.resolve("compose.yaml"),
        Files.readString(good.resolve("compose.yaml")) + "---\nservices: {}\n");

    assertThatThrownBy(() -> Catalogs.directory(tmp))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("demo/compose.yaml")
        .hasMessageContaining("more than one YAML document");
  }

  @Test
  void catalogOf_duplicateIds_isRefused() {
    CatalogEntry demo = Fixtures.demo();

    assertThatThrownBy(() -> Catalog.of(List.of(demo, demo)))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("duplicate id");
  }

  @Test
  void entry_unknownId_suggestsCloseIds() {
    assertThatThrownBy(() -> Catalogs.bundled().entry("kuma"))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("no such catalog entry")
        .hasMessageContaining("uptime-kuma");
    assertThat(Catalogs.bundled().find("kuma")).isEmpty();
    assertThat(Catalogs.bundled().findEntry("uptime-kuma")).isPresent();
  }
}
