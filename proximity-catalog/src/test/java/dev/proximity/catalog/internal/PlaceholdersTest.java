package dev.proximity.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

  @Test
  void references_findsMarkersInOrder_andKeepsEscapedDollars() {
    assertThat(Placeholders.references("a ${param:B} $$ ${param:A} ${param:B}"))
        .containsExactly("B", "A");
    assertThat(Placeholders.references("no markers, $$ only")).isEmpty();
    assertThat(Placeholders.references("$${param:X} is escaped")).isEmpty();
  }

  @Test
  void references_refusesBareDollarAndMalformedMarkers() {
    assertThatThrownBy(() -> Placeholders.references("$HOME")).hasMessageContaining("bare '$'");
    assertThatThrownBy(() -> Placeholders.references("${HOME}")).hasMessageContaining("bare '$'");
    assertThatThrownBy(() -> Placeholders.references("trailing $")).hasMessageContaining("bare");
    assertThatThrownBy(() -> Placeholders.references("${param:X")).hasMessageContaining("unterminated");
    assertThatThrownBy(() -> Placeholders.references("${param:lower}"))
        .hasMessageContaining("invalid parameter name");
    assertThatThrownBy(() -> Placeholders.references("${param:}"))
        .hasMessageContaining("invalid parameter name");
  }

  @Test
  void substitute_escapesDollarsInValuesOnly() {
    String out = Placeholders.substitute("x=${param:A};y=$$literal",
        Map.of("A", "$1 ${param:A} $$"));

    assertThat(out).isEqualTo("x=$$1 $${param:A} $$$$;y=$$literal");
  }

  @Test
  void durations_roundTrip() {
    assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("30")).isNull();
    assertThat(Durations.parse("1.5s")).isNull();
    assertThat(Durations.parse("")).isNull();
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
  }

  @Test
  void hostnames_acceptLabelsOnly() {
    assertThat(Hostnames.isLabel("uptime-kuma")).isTrue();
    assertThat(Hostnames.isLabel("a")).isTrue();
    assertThat(Hostnames.isLabel("a".repeat(63))).isTrue();
    assertThat(Hostnames.isLabel("a".repeat(64))).isFalse();
    assertThat(Hostnames.isLabel("-a")).isFalse();
    assertThat(Hostnames.isLabel("a-")).isFalse();
    assertThat(Hostnames.isLabel("A")).isFalse();
    assertThat(Hostnames.isLabel("a_b")).isFalse();
    assertThat(Hostnames.isLabel("a.b")).isFalse();
    assertThat(Hostnames.isLabel("")).isFalse();
    assertThat(Hostnames.isLabel(null)).isFalse();
  }

  @Test
  void secrets_generate_checksBounds() {
    assertThat(Secrets.generate(16)).hasSize(16);
    assertThat(Secrets.generate(256)).hasSize(256);
    assertThatThrownBy(() -> Secrets.generate(15)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Secrets.generate(257)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void yaml_writesEveryStringQuoted() {
    ObjectNode node = Yaml.nodes().objectNode().put("a", "true").put("b", "123").put("c", "null")
        .put("d", "x: y");

    assertThat(Yaml.write(node)).isEqualTo("a: \"true\"\nb: \"123\"\nc: \"null\"\nd: \"x: y\"\n");
  }
}
