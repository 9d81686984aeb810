package dev.proximity.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.spi.RenderedApp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile parameter values must not change the structure of the rendered compose document: the
 * parsed tree has the same keys, sequence lengths and scalar types as with benign values, and
 * each value arrives byte for byte (with '$' doubled for Compose) in the scalar it was meant for.
 */
class HostileValuesTest {

  static Stream<String> hostile() {
    return Stream.of(
        "key: value",
        "a\nb: c\n- d",
        "line1\r\nline2\rline3\n",
        "- item",
        "{a: 1, b: [2, 3]}",
        "[1, 2]",
        "'single' \"double\" `back`",
        "\"; rm -rf / #",
        "$(id) `id` && id | id; id",
        "${HOME}",
        "$HOME and $$ and $",
        "${param:TITLE}",
        "${param:ADMIN_PASSWORD}",
        "#not a comment",
        "&anchor value",
        "*alias",
        "!!python/object/apply:os.system ['id']",
        "!tag value",
        "---\nnew: document",
        "...",
        "? complex key",
        "| literal",
        "> folded",
        "%YAML 1.1",
        "@reserved",
        "null",
        "~",
        "true",
        "no",
        "on",
        "0x1F",
        "1e3",
        "0o17",
        "2001-12-14t21:59:43.10-05:00",
        ".inf",
        "<<: *merge",
        "  leading and trailing spaces  ",
        "\ttab\t",
        "back\\slash \\n \\u0041",
        "unicode: héllo wörld 日本語 🚀 ελληνικά",
        "bidi \u202Ereversed\u202C and zero\u200Bwidth",
        "bom \uFEFF inside",
        "nel \u0085 ls \u2028 ps \u2029",
        "bell \u0007 escape \u001B[31m red",
        "A".repeat(65_536),
        ("line: " + "x".repeat(200) + "\n").repeat(300));
  }

  private static final Map<String, String> BENIGN = Map.of("TITLE", "t", "NOTE", "n");

  @ParameterizedTest
  @MethodSource("hostile")
  void render_hostileStringValue_keepsDocumentShape(String value) {
    CatalogEntry demo = Fixtures.demo();
    Object expected = Trees.shape(Trees.parse(demo.render(BENIGN).composeYaml()));

    RenderedApp rendered = demo.render(Map.of("TITLE", value, "NOTE", value));
    JsonNode tree = Trees.parse(rendered.composeYaml());

    assertThat(Trees.shape(tree)).isEqualTo(expected);
    String escaped = value.replace("$", "$$");
    JsonNode web = tree.get("services").get("web");
    assertThat(web.get("environment").get("TITLE").textValue()).isEqualTo(escaped);
    assertThat(web.get("environment").get("NOTE").textValue())
        .isEqualTo("prefix-" + escaped + "-suffix");
    assertThat(web.get("labels").get(0).textValue()).isEqualTo("demo.title=" + escaped);
    assertThat(web.get("command").get(3).textValue()).isEqualTo(escaped);
    assertThat(ComposeSchema.violations(rendered.composeYaml())).isEmpty();
    assertThat(rendered.publicParameters()).containsEntry("TITLE", value);
  }

  @ParameterizedTest
  @MethodSource("hostile")
  void render_hostilePassword_keepsDocumentShapeOrIsRefused(String value) {
    CatalogEntry demo = Fixtures.demo();
    Object expected = Trees.shape(Trees.parse(demo.render(BENIGN).composeYaml()));
    RenderedApp rendered;
    try {
      rendered = demo.render(Map.of("ADMIN_PASSWORD", value));
    } catch (CatalogException e) {
      // Passwords refuse control characters; the refusal must not echo the value.
      assertThat(value.chars().anyMatch(Character::isISOControl)).isTrue();
      assertThat(e.getMessage()).doesNotContain(value);
      return;
    }
    JsonNode tree = Trees.parse(rendered.composeYaml());
    assertThat(Trees.shape(tree)).isEqualTo(expected);
    assertThat(tree.at("/services/web/environment/ADMIN_PASSWORD").textValue())
        .isEqualTo(value.replace("$", "$$"));
    assertThat(rendered.secrets()).containsEntry("ADMIN_PASSWORD", value);
    assertThat(rendered.publicParameters()).doesNotContainKey("ADMIN_PASSWORD");
  }

  @Test
  void render_everyBundledEntry_hostileValuesInFreeTextParameters_keepShape() {
    int rendered = 0;
    for (CatalogEntry entry : Catalogs.bundled().entries()) {
      Object expected = Trees.shape(Trees.parse(entry.render(Map.of()).composeYaml()));
      for (String value : hostile().toList()) {
        Map<String, String> values = new HashMap<>();
        entry.parameters().forEach(p -> values.put(p.name(), value));
        // Pattern- and type-checked parameters refuse most of these values; render each
        // parameter alone so that every one that accepts a value is exercised.
        for (String name : List.copyOf(values.keySet())) {
          try {
            String yaml = entry.render(Map.of(name, value)).composeYaml();
            assertThat(Trees.shape(Trees.parse(yaml))).as(entry.id() + " " + name)
                .isEqualTo(expected);
            assertThat(ComposeSchema.violations(yaml)).as(entry.id() + " " + name).isEmpty();
            rendered++;
          } catch (CatalogException refused) {
            if (value.length() > 8) {
              assertThat(refused.getMessage()).doesNotContain(value);
            }
          }
        }
      }
    }
    assertThat(rendered).isGreaterThan(100);
  }

  @Test
  void render_valueThatLooksLikeMarker_isNotSubstitutedAgain() {
    RenderedApp rendered = Fixtures.demo().render(Map.of("TITLE", "${param:ADMIN_PASSWORD}"));
    JsonNode tree = Trees.parse(rendered.composeYaml());

    assertThat(tree.at("/services/web/environment/TITLE").textValue())
        .isEqualTo("$${param:ADMIN_PASSWORD}");
    String secret = rendered.secrets().get("ADMIN_PASSWORD");
    assertThat(rendered.composeYaml().split(secret, -1)).as("secret occurrences + 1").hasSize(2);
  }
}
