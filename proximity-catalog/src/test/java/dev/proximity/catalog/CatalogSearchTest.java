package dev.proximity.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogSearchTest {
  private final Catalog catalog = Catalogs.bundled();

  private List<String> ids(List<CatalogEntry> entries) {
    return entries.stream().map(CatalogEntry::id).toList();
  }

  @Test
  void text_matchesIdNameDescriptionAndTags_caseInsensitively() {
    assertThat(ids(catalog.search("GIT"))).contains("gitea").first().isEqualTo("gitea");
    assertThat(ids(catalog.search("password manager"))).containsExactly("vaultwarden");
    assertThat(ids(catalog.search("reverse-proxy"))).contains("caddy", "traefik", "nginx");
  }

  @Test
  void text_everyWordMustMatch() {
    assertThat(ids(catalog.search("photos backup"))).containsExactly("immich");
    assertThat(catalog.search("photos nonexistentword")).isEmpty();
  }

  @Test
  void text_exactIdRanksFirst() {
    assertThat(ids(catalog.search("redis")).get(0)).isEqualTo("redis");
    assertThat(ids(catalog.search("nginx")).get(0)).isEqualTo("nginx");
  }

  @Test
  void category_andTag_filterExactly() {
    assertThat(ids(catalog.search(CatalogSearch.all().inCategory("monitoring"))))
        .containsExactlyInAnyOrder("grafana", "prometheus", "uptime-kuma");
    assertThat(ids(catalog.search(CatalogSearch.all().withTag("dns"))))
        .containsExactly("adguard-home");
    assertThat(ids(catalog.search(CatalogSearch.all().inCategory("Database"))))
        .containsExactly("postgresql", "redis");
  }

  @Test
  void criteria_combine() {
    CatalogSearch search = CatalogSearch.text("proxy").inCategory("network");

    assertThat(ids(catalog.search(search))).containsExactly("traefik");
    assertThat(search.withText(null).inCategory(null)).isEqualTo(CatalogSearch.all());
  }

  @Test
  void all_returnsEverythingInIdOrder() {
    assertThat(catalog.search(CatalogSearch.all())).isEqualTo(catalog.entries());
    assertThat(catalog.search("  ")).isEqualTo(catalog.entries());
  }

  @Test
  void categoriesAndTags_areSortedAndDistinct() {
    assertThat(catalog.categories()).isSorted().doesNotHaveDuplicates()
        .contains("web", "monitoring", "database", "media");
    assertThat(catalog.tags()).isSorted().doesNotHaveDuplicates().contains("git", "dns");
  }

  @Test
  void search_isImmutable() {
    CatalogSearch base = CatalogSearch.text("web");
    CatalogSearch narrowed = base.withTag("nginx");

    assertThat(base.tag()).isEmpty();
    assertThat(narrowed.tag()).hasValue("nginx");
    assertThat(narrowed.text()).hasValue("web");
  }
}
