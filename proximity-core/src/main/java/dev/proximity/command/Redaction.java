package dev.proximity.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secret values in command lines and configuration text before they reach a log line, an
 * exception message, an audit event or a caller of the {@code config} safe command.
 *
 * <p>A name is secret when one of its words (split at {@code _ - .} and camel case) is a word such
 * as {@code password}, {@code token}, {@code secret} or {@code key}: {@code DB_PASSWORD},
 * {@code apiKey} and {@code SECRET_KEY_BASE} are secret, {@code MONKEY} is not. Credentials in URLs
 * ({@code scheme://user:pass@host}) are hidden wherever they appear. Stateless and thread-safe.
 */
public final class Redaction {

  /** What replaces a hidden value. */
  public static final String MASK = "<redacted>";

  private static final Set<String> SECRET_WORDS =
      Set.of(
          "password", "passwd", "pwd", "pass", "passphrase", "secret", "secrets", "token",
          "tokens", "key", "apikey", "privatekey", "credential", "credentials", "auth", "salt",
          "cookie", "jwt", "otp", "pin", "signature", "cert", "dsn");

  private static final Pattern URL_CREDENTIALS =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^/\\s:@'\"]*):([^@\\s/'\"]+)@");

  /** {@code KEY: value}, {@code KEY=value}, {@code - KEY=value}, quoted keys, in YAML or env. */
  private static final Pattern ASSIGNMENT =
      Pattern.compile("^(\\s*(?:-\\s+)?[\"']?)([A-Za-z_][A-Za-z0-9_.-]*)([\"']?\\s*(?::\\s|:$|=))(.*)$");

  private static final int MAX_WORD = 200;

  private Redaction() {}

  /**
   * Whether a variable or key name looks like it holds a secret.
   *
   * @param name an environment variable, YAML key or option name
   * @return {@code true} for names such as {@code POSTGRES_PASSWORD} or {@code apiToken}
   */
  public static boolean isSecretName(String name) {
    Objects.requireNonNull(name, "name");
    String spaced =
        name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("[^A-Za-z0-9]+", " ").trim();
    if (spaced.isEmpty()) {
      return false;
    }
    String[] words = spaced.toLowerCase(Locale.ROOT).split(" ");
    for (String word : words) {
      if (SECRET_WORDS.contains(word)) {
        return true;
      }
    }
    String joined = String.join("", words);
    return joined.contains("password") || joined.contains("apikey") || joined.contains("secret");
  }

  /**
   * Returns a copy of argv that is safe to show: values of secret-looking {@code NAME=value} words
   * and {@code --secret-option value} pairs, and URL credentials, are masked; very long words are
   * shortened, and a word of several lines (a script) keeps its first line.
   *
   * @param argv the command as run
   * @return the argv to put in messages and logs
   */
  public static List<String> redactArgv(List<String> argv) {
    List<String> out = new ArrayList<>(argv.size());
    boolean maskNext = false;
    for (String word : argv) {
      if (word == null) {
        out.add("null");
        continue;
      }
      if (maskNext) {
        out.add(MASK);
        maskNext = false;
        continue;
      }
      String shown = redactUrls(word);
      int eq = shown.indexOf('=');
      if (eq > 0 && isSecretName(shown.substring(0, eq))) {
        shown = shown.substring(0, eq + 1) + MASK;
      } else if (shown.startsWith("-") && eq < 0 && isSecretName(shown)) {
        maskNext = true;
      }
      // a script given to bash -c keeps its first line only, so a message stays one line
      int newline = shown.indexOf('\n');
      int cut = Math.min(MAX_WORD, newline < 0 ? Integer.MAX_VALUE : newline);
      if (shown.length() > cut) {
        shown = shown.substring(0, cut) + "...(" + shown.length() + " chars)";
      }
      out.add(shown);
    }
    return List.copyOf(out);
  }

  /**
   * Masks secret values in an env file, a Compose document or similar {@code key: value} /
   * {@code KEY=value} text, line by line.
   *
   * <p>A secret key with a block scalar ({@code key: |} or {@code key: >}) has its whole indented
   * block masked. Line structure is kept so the result still reads like the original.
   *
   * @param text the configuration text
   * @return the text with every secret value replaced by {@link #MASK}
   */
  public static String redactConfig(String text) {
    Objects.requireNonNull(text, "text");
    String[] lines = text.split("\n", -1);
    StringBuilder out = new StringBuilder(text.length());
    int blockIndent = -1;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (i > 0) {
        out.append('\n');
      }
      if (blockIndent >= 0) {
        int indent = indentOf(line);
        if (line.isBlank() || indent > blockIndent) {
          out.append(line.isBlank() ? line : " ".repeat(indent) + MASK);
          continue;
        }
        blockIndent = -1;
      }
      out.append(redactLine(line));
      Matcher m = ASSIGNMENT.matcher(line);
      if (m.matches() && isSecretName(m.group(2)) && m.group(4).trim().matches("[|>][-+0-9]*")) {
        blockIndent = indentOf(line);
      }
    }
    return out.toString();
  }

  private static String redactLine(String line) {
    Matcher m = ASSIGNMENT.matcher(line);
    if (m.matches() && isSecretName(m.group(2))) {
      String value = m.group(4);
      String trimmed = value.trim();
      if (trimmed.isEmpty() || trimmed.matches("[|>][-+0-9]*")) {
        return line;
      }
      String quote = "";
      String open = m.group(1);
      if (!open.isEmpty() && (open.endsWith("\"") || open.endsWith("'"))
          && m.group(3).startsWith("=")
          && trimmed.endsWith(open.substring(open.length() - 1))) {
        quote = open.substring(open.length() - 1);
      }
      return open + m.group(2) + m.group(3) + leadingSpace(value) + MASK + quote;
    }
    return redactUrls(line);
  }

  private static String leadingSpace(String value) {
    int i = 0;
    while (i < value.length() && value.charAt(i) == ' ') {
      i++;
    }
    return value.substring(0, i);
  }

  private static String redactUrls(String text) {
    return URL_CREDENTIALS.matcher(text).replaceAll("$1:" + Matcher.quoteReplacement(MASK) + "@");
  }

  private static int indentOf(String line) {
    int i = 0;
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }
}
