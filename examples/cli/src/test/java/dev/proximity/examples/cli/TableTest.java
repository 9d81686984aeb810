package dev.proximity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class TableTest {
  @Test
  void render_alignsColumnsAndRightAlignsNumbers() {
    Table table = Table.of("NAME", "VMID>", "STATUS").row("web", 101, "running").row("status-page", 7, null).build();

    assertThat(table.render(new Style(false), UnaryOperator.identity()))
        .containsExactly(
            "NAME         VMID  STATUS",
            "web           101  running",
            "status-page     7  -");
  }

  @Test
  void render_measuresBeforeColouring() {
    Style style = new Style(true);
    Table table = Table.of("NAME", "STATUS").row("a", "running").row("bbb", "stopped").build();

    var lines = table.render(style, style::status);

    assertThat(lines.get(1).replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo("a     running");
    assertThat(Style.visibleLength(lines.get(1))).isEqualTo("a     running".length());
    assertThat(lines.get(1)).contains("\u001b[32mrunning");
  }

  @Test
  void row_mustMatchTheHeaders() {
    assertThatThrownBy(() -> Table.of("A", "B").row("x").build()).isInstanceOf(IllegalArgumentException.class);
  }
}
