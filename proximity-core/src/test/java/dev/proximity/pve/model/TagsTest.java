package dev.proximity.pve.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Tag lists split and validate exactly as Proxmox's regular expressions say. */
class TagsTest {
  private static final Pattern SEPARATORS = Pattern.compile("[,;\\s]+");
  private static final Pattern TAG = Pattern.compile("[a-z0-9_][a-z0-9_\\-+.]*");
  private static final String ALPHABET = "ab-z09_+.-,; \t\n\u000B\f\rAZ\u00e9\u0130/\\$\"'";

  /** What the regular expressions make of a text: the tokens, lower-cased, or null when one is invalid. */
  private static List<String> oracle(String text) {
    List<String> out = new ArrayList<>();
    for (String t : SEPARATORS.split(text)) {
      if (!t.isEmpty()) {
        String lower = t.toLowerCase(Locale.ROOT);
        if (!TAG.matcher(lower).matches()) {
          return null;
        }
        if (!out.contains(lower)) {
          out.add(lower);
        }
      }
    }
    return out;
  }

  @Test
  void parse_randomTexts_agreesWithTheRegularExpressions() {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(12);
      for (int j = 0; j < length; j++) {
        b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String text = b.toString();
      List<String> expected = oracle(text);
      if (expected == null) {
        assertThatThrownBy(() -> Tags.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class);
      } else {
        assertThat(Tags.parse(text).values()).as(text).isEqualTo(expected);
      }
    }
  }

  @Test
  void parse_proxmoxForms() {
    assertThat(Tags.parse("proximity;px-catalog-hello;px-version-1.2.3").values())
        .containsExactly("proximity", "px-catalog-hello", "px-version-1.2.3");
    assertThat(Tags.parse(" Web, web;db ").values()).containsExactly("web", "db");
    assertThat(Tags.parse(null).values()).isEmpty();
    assertThat(Tags.parse(";;, ").values()).isEmpty();
    assertThatThrownBy(() -> Tags.parse("-leading")).hasMessageContaining("'-leading' is invalid");
  }
}
