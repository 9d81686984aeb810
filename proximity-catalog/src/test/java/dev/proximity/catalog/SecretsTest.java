package dev.proximity.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.spi.RenderedApp;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretsTest {
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  @Test
  void generatedSecrets_haveDeclaredLength_andAlphabet() {
    CatalogEntry vaultwarden = Catalogs.bundled().entry("vaultwarden");
    CatalogEntry postgres = Catalogs.bundled().entry("postgresql");

    String token = vaultwarden.render(Map.of()).secrets().get("ADMIN_TOKEN");
    String password = postgres.render(Map.of()).secrets().get("POSTGRES_PASSWORD");

    assertThat(token).hasSize(48).matches("[A-Za-z0-9]+");
    assertThat(password).hasSize(32).matches("[A-Za-z0-9]+");
  }

  @Test
  void generatedSecrets_areUniqueAndUseTheWholeAlphabet() {
    CatalogEntry demo = Fixtures.demo();
    Set<String> seen = new HashSet<>();
    Set<Character> characters = new HashSet<>();

    for (int i = 0; i < 2_000; i++) {
      RenderedApp app = demo.render(Map.of());
      String secret = app.secrets().get("ADMIN_PASSWORD");
      assertThat(seen.add(secret)).as("duplicate secret").isTrue();
      secret.chars().forEach(c -> characters.add((char) c));
    }

    assertThat(characters).hasSize(ALPHABET.length());
    characters.forEach(c -> assertThat(ALPHABET).contains(String.valueOf(c)));
  }

  @Test
  void generatedSecrets_areRoughlyUniform() {
    int[] counts = new int[128];
    int total = 0;
    CatalogEntry demo = Fixtures.demo();
    for (int i = 0; i < 1_000; i++) {
      for (char c : demo.render(Map.of()).secrets().get("ADMIN_PASSWORD").toCharArray()) {
        counts[c]++;
        total++;
      }
    }
    double expected = (double) total / ALPHABET.length();
    for (char c : ALPHABET.toCharArray()) {
      // 32,000 draws over 62 symbols: ~516 each, standard deviation ~22; 25% is > 5 sigma.
      assertThat((double) counts[c]).as("count of " + c).isBetween(expected * 0.75, expected * 1.25);
    }
  }

  @Test
  void multipleGeneratedSecrets_inOneRender_differ() {
    RenderedApp app = Catalogs.bundled().entry("nextcloud").render(Map.of());

    assertThat(app.secrets()).containsOnlyKeys(
        "ADMIN_PASSWORD", "DB_PASSWORD", "DB_ROOT_PASSWORD", "REDIS_PASSWORD");
    assertThat(new HashSet<>(app.secrets().values())).hasSize(4);
  }
}
