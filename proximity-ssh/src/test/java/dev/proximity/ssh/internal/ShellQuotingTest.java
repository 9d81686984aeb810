package dev.proximity.ssh.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ShellQuotingTest {

  private static final String HOSTILE =
      "'\"$`\\ \t\n\r;&|<>(){}[]*?~#!%=^,.:-_+@/aZ09é日本\uD83D\uDE00\u0001\u001b\u007f";

  @Test
  void command_plainWords_areLeftBare() {
    assertThat(ShellQuoting.command(List.of("pct", "exec", "101", "--", "ls", "-la", "/opt/x.y"))
            .line())
        .isEqualTo("pct exec 101 -- ls -la /opt/x.y");
  }

  @Test
  void command_specialWords_areSingleQuoted() {
    assertThat(ShellQuoting.command(List.of("echo", "", "a b", "it's", "$(id)", "A=b", "~", "#x"))
            .line())
        .isEqualTo("echo '' 'a b' 'it'\\''s' '$(id)' 'A=b' '~' '#x'");
  }

  @Test
  void command_nul_isRefused() {
    assertThatThrownBy(() -> ShellQuoting.command(List.of("echo", "a\0b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NUL")
        .hasMessageNotContaining("a\0b");
  }

  @Test
  void command_unpairedSurrogate_isRefused() {
    assertThatThrownBy(() -> ShellQuoting.command(List.of("echo", "x\uD83D")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ShellQuoting.command(List.of("echo", "\uDE00x")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void command_empty_isRefused() {
    assertThatThrownBy(() -> ShellQuoting.command(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toString_doesNotShowArguments() {
    assertThat(ShellQuoting.command(List.of("echo", "hunter2")).toString())
        .doesNotContain("hunter2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/sh", "/bin/bash", "/bin/dash"})
  void command_randomHostileArgv_survivesARealShell(String shell) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(shell)), shell + " is not installed");
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int round = 0; round < 150; round++) {
      List<String> words = new ArrayList<>();
      int n = 1 + random.nextInt(6);
      for (int i = 0; i < n; i++) {
        words.add(randomWord(random));
      }
      assertThat(roundTrip(shell, words)).as("seed %d round %d", seed, round).isEqualTo(words);
    }
  }

  @Test
  void command_everyHostileCharacterAlone_survivesSh() throws Exception {
    List<String> words = new ArrayList<>();
    HOSTILE.codePoints().forEach(cp -> words.add(new String(Character.toChars(cp))));
    words.add(HOSTILE);
    words.add("'");
    words.add("''");
    words.add("\\'");
    words.add("");
    assertThat(roundTrip("/bin/sh", words)).isEqualTo(words);
  }

  private static String randomWord(Random random) {
    int length = random.nextInt(12);
    StringBuilder word = new StringBuilder();
    int[] hostile = HOSTILE.codePoints().toArray();
    for (int i = 0; i < length; i++) {
      int pick = random.nextInt(10);
      if (pick < 6) {
        word.appendCodePoint(hostile[random.nextInt(hostile.length)]);
      } else if (pick < 8) {
        word.append((char) ('a' + random.nextInt(26)));
      } else {
        int cp;
        do {
          cp = 1 + random.nextInt(0x2FFFF);
        } while (Character.getType(cp) == Character.SURROGATE
            || Character.getType(cp) == Character.UNASSIGNED);
        word.appendCodePoint(cp);
      }
    }
    return word.toString();
  }

  /** Feeds the quoted line to a real shell on stdin and reads back the argv it produced. */
  private static List<String> roundTrip(String shell, List<String> words) throws Exception {
    List<String> argv = new ArrayList<>();
    argv.add("printf");
    argv.add("%s\\000");
    argv.addAll(words);
    String line = ShellQuoting.command(argv).line();
    Process process = new ProcessBuilder(shell, "-s").redirectErrorStream(false).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(line.getBytes(StandardCharsets.UTF_8));
      in.write('\n');
    }
    byte[] out = readAll(process.getInputStream());
    byte[] err = readAll(process.getErrorStream());
    assertThat(process.waitFor()).as(new String(err, StandardCharsets.UTF_8)).isZero();
    List<String> result = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < out.length; i++) {
      if (out[i] == 0) {
        result.add(new String(out, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    return result;
  }

  private static byte[] readAll(InputStream stream) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    stream.transferTo(buffer);
    return buffer.toByteArray();
  }
}
