package dev.proximity.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proximity.command.SafeCommandRefusedException.Reason;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeCommandTest {
  private static final List<String> COMPOSE = List.of("docker", "compose",
      "--project-directory", "/opt/proximity/app", "-f", "/opt/proximity/app/compose.yaml");

  private static List<String> compose(String... words) {
    List<String> argv = new java.util.ArrayList<>(COMPOSE);
    argv.addAll(List.of(words));
    return argv;
  }

  @Test
  void parse_everyName_producesTheDocumentedArgv() {
    Map<String, List<String>> expected = Map.of(
        "logs", compose("logs", "--no-color", "--timestamps", "--tail", "100"),
        "status", compose("ps", "--all", "--format", "json"),
        "disk", List.of("df", "-h"),
        "processes", List.of("ps", "-eo", "pid,ppid,user,pcpu,pmem,rss,etime,comm",
            "--sort=-pcpu"),
        "memory", List.of("free", "-m"),
        "network", List.of("ip", "-brief", "address"),
        "images", List.of("docker", "image", "ls"),
        "volumes", List.of("docker", "volume", "ls"),
        "config", List.of("cat", "/opt/proximity/app/compose.yaml"),
        "system", List.of("uname", "-a"));
    assertThat(expected.keySet()).isEqualTo(SafeCommand.names());
    expected.forEach((name, argv) -> {
      SafeCommand command = SafeCommand.parse(name, Map.of());
      assertThat(command.name()).isEqualTo(name);
      assertThat(command.argv()).as(name).isEqualTo(argv);
      assertThat(command.redactsOutput()).isEqualTo(name.equals("config"));
    });
  }

  @Test
  void parse_logsWithAllParameters_buildsArgvInOrder() {
    SafeCommand command =
        SafeCommand.parse("logs", Map.of("tail", "250", "service", "web", "since", "90m"));
    assertThat(command).isEqualTo(new LogsCommand(250, "web", Duration.ofMinutes(90)));
    assertThat(command.argv()).isEqualTo(compose("logs", "--no-color", "--timestamps", "--tail",
        "250", "--since", "90m", "web"));
    assertThat(command.parameters())
        .containsExactly(Map.entry("tail", "250"), Map.entry("service", "web"),
            Map.entry("since", "90m"));
    assertThat(((LogsCommand) command).followArgv()).endsWith("--since", "90m", "--follow", "web");
  }

  @Test
  void parse_sinceForms_areNormalized() {
    assertThat(since("45s")).isEqualTo("45s");
    assertThat(since("120s")).isEqualTo("2m");
    assertThat(since("2h")).isEqualTo("2h");
    assertThat(since("7d")).isEqualTo("168h");
    assertThat(since("PT1H30M")).isEqualTo("90m");
    assertThat(since("P30D")).isEqualTo("720h");
  }

  private static String since(String text) {
    return SafeCommand.parse("logs", Map.of("since", text)).parameters().get("since");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "10001", "-1", "1e3", "abc", "", " 5", "99999999999"})
  void parse_badTail_isRefused(String tail) {
    assertRefused(Map.of("tail", tail), Reason.INVALID_PARAMETER, "tail");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-f", "--follow", "web;id", "web db", "$(id)", "", ".web", "a/b",
      "web\n", "ωeb", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
  void parse_badService_isRefused(String service) {
    assertRefused(Map.of("service", service), Reason.INVALID_PARAMETER, "service");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "31d", "1w", "15", "PT0.5S", "-5m", "P-1D", "yesterday", "PT"})
  void parse_badSince_isRefused(String since) {
    assertRefused(Map.of("since", since), Reason.INVALID_PARAMETER, "since");
  }

  @Test
  void parse_unknownParameter_isRefused() {
    assertRefused(Map.of("follow", "true"), Reason.UNKNOWN_PARAMETER, "follow");
    assertThatThrownBy(() -> SafeCommand.parse("disk", Map.of("path", "/")))
        .isInstanceOfSatisfying(SafeCommandRefusedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_PARAMETER);
          assertThat(e.parameter()).hasValue("path");
        });
  }

  @Test
  void parse_nullValue_isRefused() {
    Map<String, String> params = new HashMap<>();
    params.put("tail", null);
    assertRefused(params, Reason.INVALID_PARAMETER, "tail");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rm", "Logs", "logs ", "exec", "", "sh -c id", "../logs"})
  void parse_unknownName_isRefused(String name) {
    assertThatThrownBy(() -> SafeCommand.parse(name, Map.of()))
        .isInstanceOfSatisfying(SafeCommandRefusedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_COMMAND);
          assertThat(e.parameter()).isEmpty();
          assertThat(e).hasMessageContaining("allowed: config, disk, images, logs");
        });
  }

  @Test
  void refusal_message_escapesControlCharactersAndShortens() {
    assertThatThrownBy(() -> SafeCommand.parse("logs", Map.of("service", "a\nb" + "x".repeat(80))))
        .hasMessageContaining("\"a\\u000ab")
        .hasMessageNotContaining("\n")
        .hasMessageContaining("...");
  }

  @Test
  void logsCommand_typedConstruction_validatesToo() {
    assertThat(LogsCommand.tail(5).withService("db").withSince(Duration.ofSeconds(30)).argv())
        .endsWith("--tail", "5", "--since", "30s", "db");
    assertThatThrownBy(() -> LogsCommand.tail(0)).isInstanceOf(SafeCommandRefusedException.class);
    assertThatThrownBy(() -> LogsCommand.tail(1).withService("-x"))
        .isInstanceOf(SafeCommandRefusedException.class);
    assertThatThrownBy(() -> LogsCommand.tail(1).withSince(Duration.ofMillis(1500)))
        .isInstanceOf(SafeCommandRefusedException.class);
  }

  private static void assertRefused(Map<String, String> params, Reason reason, String parameter) {
    assertThatThrownBy(() -> SafeCommand.parse("logs", params))
        .isInstanceOfSatisfying(SafeCommandRefusedException.class, e -> {
          assertThat(e.reason()).isEqualTo(reason);
          assertThat(e.command()).isEqualTo("logs");
          assertThat(e.parameter()).hasValue(parameter);
        });
  }
}
