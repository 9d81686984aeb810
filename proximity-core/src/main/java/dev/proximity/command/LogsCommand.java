package dev.proximity.command;

import dev.proximity.command.SafeCommandRefusedException.Reason;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code logs} safe command: the last lines of the app's Compose logs, with timestamps.
 *
 * <p>Runs {@code docker compose --project-directory /opt/proximity/app -f
 * /opt/proximity/app/compose.yaml logs --no-color --timestamps --tail N [--since D] [SERVICE]}
 * inside the container. Immutable.
 *
 * @param tail how many lines per service, 1..10000
 * @param service a Compose service name, or empty for all services; must match {@link #SERVICE}
 * @param since only lines newer than this, 1 second..30 days; {@link Duration#ZERO} for no limit
 */
public record LogsCommand(int tail, String service, Duration since) implements SafeCommand {

  /** The default number of lines. */
  public static final int DEFAULT_TAIL = 100;

  /** The most lines per service. */
  public static final int MAX_TAIL = 10_000;

  /** The longest {@code since}. */
  public static final Duration MAX_SINCE = Duration.ofDays(30);

  /**
   * Service names: a letter or digit, then letters, digits, {@code _ . -}, at most 63 characters.
   * A leading {@code -} is impossible, so a name can never be read as an option.
   */
  public static final Pattern SERVICE = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}");

  private static final Pattern SHORT_DURATION = Pattern.compile("([1-9][0-9]{0,6})([smhd])");

  /**
   * Validates the parameters.
   *
   * @param tail how many lines per service, 1..10000
   * @param service a Compose service name, or empty for all services; must match {@link #SERVICE}
   * @param since only lines newer than this, 1 second..30 days; {@link Duration#ZERO} for no limit
   */
  public LogsCommand {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(since, "since");
    if (tail < 1 || tail > MAX_TAIL) {
      throw invalid("tail", "tail must be within 1.." + MAX_TAIL + "; got " + tail);
    }
    if (!service.isEmpty() && !SERVICE.matcher(service).matches()) {
      throw invalid("service", "service must match " + SERVICE.pattern() + "; got "
          + SafeCommandRefusedException.shown(service));
    }
    if (!since.isZero() && (since.isNegative() || since.compareTo(Duration.ofSeconds(1)) < 0
        || since.compareTo(MAX_SINCE) > 0 || since.getNano() != 0)) {
      throw invalid("since", "since must be whole seconds within 1s..30d; got " + since);
    }
  }

  /**
   * The last {@code tail} lines of every service.
   *
   * @param tail 1..10000
   * @return the command
   */
  public static LogsCommand tail(int tail) {
    return new LogsCommand(tail, "", Duration.ZERO);
  }

  /**
   * Returns a copy limited to one service.
   *
   * @param service the Compose service name
   * @return the new command
   */
  public LogsCommand withService(String service) {
    return new LogsCommand(tail, service, since);
  }

  /**
   * Returns a copy limited to lines newer than {@code since}.
   *
   * @param since 1 second..30 days
   * @return the new command
   */
  public LogsCommand withSince(Duration since) {
    return new LogsCommand(tail, service, since);
  }

  /**
   * Returns the service, if limited to one.
   *
   * @return the service name, or empty for all
   */
  public Optional<String> serviceName() {
    return service.isEmpty() ? Optional.empty() : Optional.of(service);
  }

  /**
   * Returns {@code logs}.
   *
   * @return the name
   */
  @Override
  public String name() {
    return "logs";
  }

  @Override
  public List<String> argv() {
    return argv(false);
  }

  /**
   * Returns the argv that follows the logs ({@code --follow}) instead of ending.
   *
   * @return the streaming argv
   */
  public List<String> followArgv() {
    return argv(true);
  }

  private List<String> argv(boolean follow) {
    List<String> argv = new ArrayList<>(COMPOSE);
    argv.addAll(List.of("logs", "--no-color", "--timestamps", "--tail", Integer.toString(tail)));
    if (!since.isZero()) {
      argv.add("--since");
      argv.add(goDuration(since));
    }
    if (follow) {
      argv.add("--follow");
    }
    if (!service.isEmpty()) {
      argv.add(service);
    }
    return List.copyOf(argv);
  }

  @Override
  public Map<String, String> parameters() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("tail", Integer.toString(tail));
    if (!service.isEmpty()) {
      params.put("service", service);
    }
    if (!since.isZero()) {
      params.put("since", goDuration(since));
    }
    return java.util.Collections.unmodifiableMap(params);
  }

  /**
   * Parses the {@code logs} parameters: {@code tail} (default 100), {@code service},
   * {@code since} ({@code 90s}, {@code 15m}, {@code 2h}, {@code 7d} or ISO-8601 such as
   * {@code PT15M}).
   *
   * @param params the parameters as text
   * @return the command
   * @throws SafeCommandRefusedException for an unknown parameter or a bad value
   */
  static LogsCommand parse(Map<String, String> params) {
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (!List.of("tail", "service", "since").contains(e.getKey())) {
        throw new SafeCommandRefusedException(Reason.UNKNOWN_PARAMETER, "logs", e.getKey(),
            "safe command logs takes tail, service and since; got "
                + SafeCommandRefusedException.shown(e.getKey()));
      }
      if (e.getValue() == null) {
        throw invalid(e.getKey(), e.getKey() + " must have a value");
      }
    }
    int tail = DEFAULT_TAIL;
    String tailText = params.get("tail");
    if (tailText != null) {
      if (!tailText.matches("[0-9]{1,6}")) {
        throw invalid("tail", "tail must be a number within 1.." + MAX_TAIL + "; got "
            + SafeCommandRefusedException.shown(tailText));
      }
      tail = Integer.parseInt(tailText);
    }
    String service = params.getOrDefault("service", "");
    if (params.containsKey("service") && service.isEmpty()) {
      throw invalid("service", "service must not be empty; leave it out for all services");
    }
    Duration since = Duration.ZERO;
    String sinceText = params.get("since");
    if (sinceText != null) {
      since = parseSince(sinceText);
    }
    return new LogsCommand(tail, service, since);
  }

  private static Duration parseSince(String text) {
    Matcher m = SHORT_DURATION.matcher(text);
    Duration d;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "s":
          d = Duration.ofSeconds(n);
          break;
        case "m":
          d = Duration.ofMinutes(n);
          break;
        case "h":
          d = Duration.ofHours(n);
          break;
        default:
          d = Duration.ofDays(n);
      }
    } else {
      try {
        d = text.length() <= 32 && text.startsWith("P") ? Duration.parse(text) : null;
      } catch (DateTimeParseException e) {
        d = null;
      }
      if (d == null) {
        throw invalid("since", "since must look like 90s, 15m, 2h, 7d or PT15M; got "
            + SafeCommandRefusedException.shown(text));
      }
    }
    if (d.isZero()) {
      throw invalid("since", "since must be at least 1s; got " + SafeCommandRefusedException.shown(text));
    }
    return d;
  }

  /** Formats a duration the way Docker's Go {@code time.ParseDuration} reads it. */
  static String goDuration(Duration d) {
    long seconds = d.getSeconds();
    if (seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    if (seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }

  private static SafeCommandRefusedException invalid(String parameter, String message) {
    return new SafeCommandRefusedException(Reason.INVALID_PARAMETER, "logs", parameter, message);
  }
}
