package dev.proximity.ssh.internal;

import java.util.List;
import java.util.Objects;

/**
 * The only producer of remote command lines: turns an argv list into one line that a POSIX shell
 * splits back into exactly that argv.
 *
 * <p>SSH's {@code exec} request carries a single string, which the remote login shell (bash on
 * Proxmox VE) parses. Every word is therefore either made only of characters that no POSIX shell
 * treats specially, or wrapped in single quotes, inside which nothing is special; a single quote
 * itself becomes {@code '\''}. NUL cannot be carried (C strings end there) and unpaired UTF-16
 * surrogates cannot be encoded as UTF-8, so both are refused rather than silently changed.
 * Stateless and thread-safe.
 */
public final class ShellQuoting {

  private ShellQuoting() {}

  /**
   * Quotes argv into a remote command line.
   *
   * @param argv the program and its arguments; not empty, no element null or containing NUL
   * @return the quoted command line
   * @throws IllegalArgumentException if argv is empty or an element cannot be carried intact
   */
  public static QuotedCommand command(List<String> argv) {
    Objects.requireNonNull(argv, "argv");
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("argv must not be empty");
    }
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < argv.size(); i++) {
      if (i > 0) {
        line.append(' ');
      }
      appendQuoted(line, Objects.requireNonNull(argv.get(i), "argv element " + i), i);
    }
    return new QuotedCommand(List.copyOf(argv), line.toString());
  }

  /**
   * Quotes one word.
   *
   * @param word the word
   * @return the word as the shell must see it to yield exactly {@code word}
   * @throws IllegalArgumentException if the word contains NUL or an unpaired surrogate
   */
  public static String quote(String word) {
    StringBuilder out = new StringBuilder();
    appendQuoted(out, Objects.requireNonNull(word, "word"), 0);
    return out.toString();
  }

  private static void appendQuoted(StringBuilder out, String word, int index) {
    validate(word, index);
    if (!word.isEmpty() && isPlain(word)) {
      out.append(word);
      return;
    }
    out.append('\'');
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c == '\'') {
        out.append("'\\''");
      } else {
        out.append(c);
      }
    }
    out.append('\'');
  }

  private static void validate(String word, int index) {
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c == '\0') {
        throw new IllegalArgumentException(
            "argv element " + index + " contains NUL, which no remote command can receive");
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < word.length() && Character.isLowSurrogate(word.charAt(i + 1))) {
          i++;
          continue;
        }
        throw new IllegalArgumentException("argv element " + index + " has an unpaired surrogate");
      }
      if (Character.isLowSurrogate(c)) {
        throw new IllegalArgumentException("argv element " + index + " has an unpaired surrogate");
      }
    }
  }

  /**
   * Whether a word needs no quotes: ASCII letters, digits and {@code _ @ % + : , . / -} only.
   * {@code =} is left out (a leading {@code NAME=value} word is an assignment), and so are
   * {@code ~ # { }} and everything else any shell gives a meaning to.
   */
  private static boolean isPlain(String word) {
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      boolean plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_' || c == '@' || c == '%' || c == '+' || c == ':' || c == ','
              || c == '.' || c == '/' || c == '-';
      if (!plain) {
        return false;
      }
    }
    return true;
  }
}
