package dev.proximity.testkit.ssh;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words with POSIX shell rules, as the host's login shell would, for
 * the subset a quoting client produces: plain words, single quotes, double quotes with backslash
 * escapes, and backslash escapes. Anything that would make a real shell expand, redirect, pipe,
 * glob or run a second command is refused, so a client that fails to quote is caught by tests
 * instead of being silently "understood". Stateless and thread-safe.
 */
public final class ShellWords {

  private ShellWords() {}

  /** The line used syntax the simulator refuses to interpret. */
  public static final class UnsupportedSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    UnsupportedSyntaxException(String message) {
      super(message);
    }
  }

  /**
   * Splits a line.
   *
   * @param line the command line received in an SSH exec request
   * @return the words
   * @throws UnsupportedSyntaxException for expansions, operators, globs, comments, assignments or
   *     unterminated quotes
   */
  public static List<String> split(String line) throws UnsupportedSyntaxException {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        i++;
      } else if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) {
          throw new UnsupportedSyntaxException("unterminated single quote");
        }
        word.append(line, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '"') {
        i++;
        boolean closed = false;
        while (i < n) {
          char d = line.charAt(i);
          if (d == '"') {
            closed = true;
            i++;
            break;
          }
          if (d == '$' || d == '`') {
            throw new UnsupportedSyntaxException("expansion inside double quotes: " + d);
          }
          if (d == '\\' && i + 1 < n && "$`\"\\\n".indexOf(line.charAt(i + 1)) >= 0) {
            if (line.charAt(i + 1) != '\n') {
              word.append(line.charAt(i + 1));
            }
            i += 2;
            continue;
          }
          word.append(d);
          i++;
        }
        if (!closed) {
          throw new UnsupportedSyntaxException("unterminated double quote");
        }
        inWord = true;
      } else if (c == '\\') {
        if (i + 1 >= n) {
          throw new UnsupportedSyntaxException("trailing backslash");
        }
        if (line.charAt(i + 1) != '\n') {
          word.append(line.charAt(i + 1));
          inWord = true;
        }
        i += 2;
      } else if ("|&;<>()$`\n*?[{}".indexOf(c) >= 0) {
        throw new UnsupportedSyntaxException("unquoted '" + printable(c) + "'");
      } else if (!inWord && (c == '#' || c == '~')) {
        throw new UnsupportedSyntaxException("unquoted '" + c + "' at the start of a word");
      } else {
        word.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    if (!words.isEmpty() && words.get(0).matches("[A-Za-z_][A-Za-z0-9_]*=.*")
        && !line.startsWith("'")) {
      throw new UnsupportedSyntaxException("variable assignment " + words.get(0).split("=")[0]);
    }
    return words;
  }

  private static String printable(char c) {
    return c == '\n' ? "\\n" : String.valueOf(c);
  }
}
