package dev.proximity.examples.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the sizes of {@code --memory} and {@code --disk}: {@code 512M}, {@code 2G}, {@code 2GiB}, {@code 1T}. */
final class Sizes {
  private static final Pattern SIZE = Pattern.compile("(\\d{1,9})\\s*([kmgt]?)(i?b)?", Pattern.CASE_INSENSITIVE);

  private Sizes() {}

  /**
   * Parses a memory size; a bare number is MiB.
   *
   * @param option the option name, for the error
   * @param text e.g. {@code 512}, {@code 512M}, {@code 2G}, {@code 2GiB}
   * @return MiB
   * @throws CliException (exit 2) for anything else
   */
  static int memoryMb(String option, String text) {
    long mb = parse(option, text, 'm');
    if (mb < 16 || mb > Integer.MAX_VALUE) {
      throw bad(option, text, "memory must be at least 16 MiB");
    }
    return (int) mb;
  }

  /**
   * Parses a disk size; a bare number is GiB, and the size must be whole GiB.
   *
   * @param option the option name, for the error
   * @param text e.g. {@code 8}, {@code 8G}, {@code 1T}
   * @return GiB
   * @throws CliException (exit 2) for anything else
   */
  static int diskGb(String option, String text) {
    long mb = parse(option, text, 'g');
    if (mb % 1024 != 0 || mb < 1024) {
      throw bad(option, text, "disks come in whole GiB, at least 1G");
    }
    return (int) (mb / 1024);
  }

  /** MiB of a size, with the given unit for bare numbers. */
  private static long parse(String option, String text, char defaultUnit) {
    Matcher m = SIZE.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw bad(option, text, "use a size such as 512M, 2G or 8GiB");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2).isEmpty() ? String.valueOf(defaultUnit) : m.group(2).toLowerCase(Locale.ROOT);
    switch (unit) {
      case "k":
        if (n % 1024 != 0) {
          throw bad(option, text, "use whole MiB");
        }
        return n / 1024;
      case "m":
        return n;
      case "g":
        return n * 1024;
      default:
        return n * 1024 * 1024;
    }
  }

  private static CliException bad(String option, String text, String hint) {
    return new CliException(ExitCodes.USAGE, "invalid value for " + option + ": '" + Printer.clean(text) + "'", hint);
  }
}
