package dev.proximity.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.spi.AppParameter;
import dev.proximity.spi.RenderedApp;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RenderTest {

  @Test
  void render_defaults_substitutesEveryMarkerAndSplitsSecrets() {
    CatalogEntry demo = Fixtures.demo();

    RenderedApp app = demo.render(Map.of());
    JsonNode env = Trees.parse(app.composeYaml()).at("/services/web/environment");

    assertThat(app.templateId()).isEqualTo("demo");
    assertThat(app.templateVersion()).isEqualTo("1.0.0");
    assertThat(app.composeYaml()).doesNotContain("${param:");
    assertThat(env.get("TITLE").textValue()).isEqualTo("Demo");
    assertThat(env.get("NOTE").textValue()).isEqualTo("prefix--suffix");
    assertThat(env.get("COUNT").textValue()).isEqualTo("3");
    assertThat(env.get("ENABLED").textValue()).isEqualTo("true");
    assertThat(env.get("LITERAL_DOLLAR").textValue()).isEqualTo("costs $$5");
    assertThat(app.publicParameters()).containsOnlyKeys(
        "TITLE", "NOTE", "COUNT", "ENABLED", "CONTACT", "SITE", "EXTRA_PORT", "CODE");
    assertThat(app.secrets()).containsOnlyKeys("ADMIN_PASSWORD");
    assertThat(env.get("ADMIN_PASSWORD").textValue()).isEqualTo(app.secrets().get("ADMIN_PASSWORD"));
  }

  @Test
  void render_setsProjectNameAndHealthCheck() {
    JsonNode tree = Trees.parse(Fixtures.demo().render(Map.of()).composeYaml());

    assertThat(tree.get("name").textValue()).isEqualTo("demo");
    JsonNode check = tree.at("/services/web/healthcheck");
    assertThat(check.get("test").toString())
        .isEqualTo("[\"CMD\",\"wget\",\"-q\",\"--spider\",\"http://127.0.0.1/\"]");
    assertThat(check.get("interval").textValue()).isEqualTo("30s");
    assertThat(check.get("timeout").textValue()).isEqualTo("10s");
    assertThat(check.get("retries").intValue()).isEqualTo(3);
    assertThat(check.get("start_period").textValue()).isEqualTo("30s");
  }

  @Test
  void render_bundledHealthCheck_usesEntryTimings() {
    CatalogEntry hello = Catalogs.bundled().entry("hello");
    JsonNode check = Trees.parse(hello.render(Map.of()).composeYaml())
        .at("/services/web/healthcheck");

    assertThat(check.get("interval").textValue()).isEqualTo("5s");
    assertThat(check.get("timeout").textValue()).isEqualTo("3s");
    assertThat(check.get("start_period").textValue()).isEqualTo("2s");
  }

  @Test
  void render_generatesFreshSecretsEachTime_andKeepsGivenOnes() {
    CatalogEntry demo = Fixtures.demo();

    String first = demo.render(Map.of()).secrets().get("ADMIN_PASSWORD");
    String second = demo.render(Map.of()).secrets().get("ADMIN_PASSWORD");
    String given = demo.render(Map.of("ADMIN_PASSWORD", "my own pa$$word")).secrets()
        .get("ADMIN_PASSWORD");

    assertThat(first).hasSize(32).isNotEqualTo(second);
    assertThat(given).isEqualTo("my own pa$$word");
  }

  @Test
  void render_dollarInValue_isEscapedForCompose() {
    RenderedApp app = Fixtures.demo().render(Map.of("TITLE", "a$b$$c${d}"));

    assertThat(Trees.parse(app.composeYaml()).at("/services/web/environment/TITLE").textValue())
        .isEqualTo("a$$b$$$$c$${d}");
    assertThat(app.publicParameters()).containsEntry("TITLE", "a$b$$c${d}");
  }

  @Test
  void render_doesNotChangeTheTemplate() {
    CatalogEntry demo = Fixtures.demo();
    String before = demo.composeTemplate();
    String firstRender = demo.render(Map.of("TITLE", "one")).composeYaml();

    demo.render(Map.of("TITLE", "two"));

    assertThat(demo.composeTemplate()).isEqualTo(before).contains("${param:TITLE}");
    String again = demo.render(Map.of("TITLE", "one")).composeYaml();
    String secret = "ADMIN_PASSWORD: \"[A-Za-z0-9]+\"";
    assertThat(again.replaceAll(secret, "ADMIN_PASSWORD: x"))
        .as("only the generated secret differs")
        .isEqualTo(firstRender.replaceAll(secret, "ADMIN_PASSWORD: x"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "COUNT|abc|decimal integer",
      "COUNT|1.5|decimal integer",
      "COUNT|12345678901234567890|decimal integer",
      "ENABLED|yes|true or false",
      "ENABLED|TRUE|true or false",
      "CONTACT|not-an-email|e-mail address",
      "CONTACT|a@b|e-mail address",
      "SITE|ftp://example.com|http(s) URL",
      "SITE|www.example.net|http(s) URL",
      "SITE|https://exa mple.com|http(s) URL",
      "EXTRA_PORT|0|port number",
      "EXTRA_PORT|65536|port number",
      "EXTRA_PORT|-1|port number",
      "CODE|abc|pattern",
      "CODE|ab12x|pattern",
      "TITLE|nul\u0000char|NUL"})
  void render_invalidValue_isRefusedWithoutEchoingIt(String name, String value, String rule) {
    CatalogException e = catchThrowableOfType(CatalogException.class,
        () -> Fixtures.demo().render(Map.of(name, value)));

    assertThat(e).isNotNull();
    assertThat(e.entryId()).hasValue("demo");
    assertThat(e.field()).hasValue("parameters." + name);
    assertThat(e.rule()).contains(rule);
    if (value.length() > 3) {
      assertThat(e.getMessage()).doesNotContain(value);
    }
  }

  @Test
  void render_validTypedValues_areAccepted() {
    Map<String, String> values = new HashMap<>();
    values.put("COUNT", "-42");
    values.put("ENABLED", "false");
    values.put("CONTACT", "first.last+tag@sub.example.org");
    values.put("SITE", "http://10.0.0.5:8080/path?q=1");
    values.put("EXTRA_PORT", "65535");
    values.put("CODE", "zz99");

    RenderedApp app = Fixtures.demo().render(values);

    assertThat(app.publicParameters()).containsAllEntriesOf(values);
  }

  @Test
  void render_unknownParameter_isRefusedListingDeclaredOnes() {
    assertThatThrownBy(() -> Fixtures.demo().render(Map.of("TITEL", "x")))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("parameters.TITEL")
        .hasMessageContaining("unknown parameter")
        .hasMessageContaining("TITLE");
  }

  @Test
  void render_tooLongValue_isRefused() {
    assertThatThrownBy(() -> Fixtures.demo().render(Map.of("TITLE", "x".repeat(65_537))))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("longer than 65536");
  }

  @Test
  void render_nullValues_areRefused() {
    Map<String, String> values = new HashMap<>();
    values.put("TITLE", null);

    assertThatThrownBy(() -> Fixtures.demo().render(values))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("must not be null");
    assertThatThrownBy(() -> Fixtures.demo().render(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void renderedApp_toString_hidesSecretValues() {
    RenderedApp app = Fixtures.demo().render(Map.of());

    assertThat(app.toString()).doesNotContain(app.secrets().get("ADMIN_PASSWORD"))
        .contains("ADMIN_PASSWORD");
  }

  @Test
  void entry_exposesDescriptorFields() {
    CatalogEntry demo = Fixtures.demo();

    assertThat(demo.webPort()).hasValueSatisfying(p -> assertThat(p.port()).isEqualTo(80));
    assertThat(demo.volumes()).extracting(VolumeSpec::name).containsExactly("data");
    assertThat(demo.images()).containsExactly("nginx:1.28.0-alpine");
    assertThat(demo.resources().recommendedMemoryMb()).isEqualTo(128);
    assertThat(demo.homepage().toString()).isEqualTo("https://example.com/");
    assertThat(demo.icon()).isEmpty();
    AppParameter password = demo.parameters().get(2);
    assertThat(password.secret()).isTrue();
    assertThat(password.generated()).isTrue();
    assertThat(password.defaultValue()).isEmpty();
    assertThat(demo.parameters().get(3).defaultValue()).hasValue("3");
    assertThat(demo.healthCheck()).hasValueSatisfying(h -> assertThat(h.service()).isEqualTo("web"));
    assertThat(demo.toString()).contains("demo@1.0.0");
  }
}
