package dev.proximity.testkit.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ShellWordsTest {

  @Test
  void split_plainAndQuotedWords() throws Exception {
    assertThat(ShellWords.split("pct exec 101 -- echo 'a b' \"c d\" e\\ f ''"))
        .containsExactly("pct", "exec", "101", "--", "echo", "a b", "c d", "e f", "");
  }

  @Test
  void split_singleQuoteEscapes() throws Exception {
    assertThat(ShellWords.split("echo 'it'\\''s' '$(id)' '`x`' 'a\nb'"))
        .containsExactly("echo", "it's", "$(id)", "`x`", "a\nb");
  }

  @Test
  void split_doubleQuoteBackslashes() throws Exception {
    assertThat(ShellWords.split("echo \"a\\\"b\\\\c\\d\""))
        .containsExactly("echo", "a\"b\\c\\d");
  }

  @ParameterizedTest
  @ValueSource(strings = {"echo $(id)", "echo `id`", "echo a; rm x", "a | b", "a && b",
      "echo > f", "echo *", "echo ~", "# c", "A=b cmd", "echo 'open", "echo \"$HOME\"",
      "echo a\nb", "echo {a,b}", "echo x\\"})
  void split_shellSyntax_isRefused(String line) {
    assertThatThrownBy(() -> ShellWords.split(line))
        .isInstanceOf(ShellWords.UnsupportedSyntaxException.class);
  }

  @Test
  void split_emptyLine_hasNoWords() throws Exception {
    assertThat(ShellWords.split("  ")).isEqualTo(List.of());
  }
}
