package dev.proximity.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.audit.AuditEvent.Outcome;
import dev.proximity.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditSinkTest {

  static AuditEvent event(String actor, Outcome outcome) {
    return new AuditEvent(Instant.parse("2026-11-28T18:00:00Z"), actor, "pve1", 101, "web",
        "logs", Map.of("tail", "100", "service", "web"), outcome, outcome == Outcome.ALLOWED ? 0 : -1,
        Duration.ofMillis(84), 5123, "");
  }

  @Test
  void jsonLines_appendsOneObjectPerLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("audit/audit.jsonl");
    try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(file)) {
      sink.record(event("alice", Outcome.ALLOWED));
      sink.record(event("bob\n\"evil\"", Outcome.REFUSED));
    }
    try (JsonLinesAuditSink again = JsonLinesAuditSink.open(file)) {
      again.record(event("carol", Outcome.ERROR));
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(3);
    JsonNode first = Json.mapper().readTree(lines.get(0));
    assertThat(first.get("time").asText()).isEqualTo("2026-11-28T18:00:00Z");
    assertThat(first.get("actor").asText()).isEqualTo("alice");
    assertThat(first.get("node").asText()).isEqualTo("pve1");
    assertThat(first.get("vmid").asInt()).isEqualTo(101);
    assertThat(first.get("app").asText()).isEqualTo("web");
    assertThat(first.get("command").asText()).isEqualTo("logs");
    assertThat(first.get("parameters").get("tail").asText()).isEqualTo("100");
    assertThat(first.get("outcome").asText()).isEqualTo("ALLOWED");
    assertThat(first.get("exitCode").asInt()).isZero();
    assertThat(first.get("durationMs").asLong()).isEqualTo(84);
    assertThat(first.get("outputBytes").asLong()).isEqualTo(5123);
    assertThat(Json.mapper().readTree(lines.get(1)).get("actor").asText())
        .isEqualTo("bob\n\"evil\"");
    assertThat(Json.mapper().readTree(lines.get(2)).get("actor").asText()).isEqualTo("carol");
  }

  @Test
  void jsonLines_concurrentWriters_neverInterleave(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("audit.jsonl");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(file)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String actor = "user-" + i + "-" + "x".repeat(i * 10);
        futures.add(pool.submit(() -> sink.record(event(actor, Outcome.ALLOWED))));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(200);
    Set<String> actors = new HashSet<>();
    for (String line : lines) {
      actors.add(Json.mapper().readTree(line).get("actor").asText());
    }
    assertThat(actors).hasSize(200);
  }

  @Test
  void jsonLines_closedFile_throwsAuditException(@TempDir Path dir) {
    JsonLinesAuditSink sink = JsonLinesAuditSink.open(dir.resolve("a.jsonl"));
    sink.close();
    assertThatThrownBy(() -> sink.record(event("alice", Outcome.ALLOWED)))
        .isInstanceOf(AuditException.class)
        .hasMessageContaining("a.jsonl");
  }

  @Test
  void slf4j_format_isOneStructuredLine() {
    String line = Slf4jAuditSink.format(event("eve\ninjected=1", Outcome.REFUSED));
    assertThat(line).doesNotContain("\n")
        .startsWith("audit time=2026-11-28T18:00:00Z actor=\"eve\\ninjected=1\" node=\"pve1\""
            + " vmid=101 app=\"web\" command=\"logs\"")
        .contains("params={\"service\":\"web\",\"tail\":\"100\"}", "outcome=REFUSED",
            "exit=-1", "durationMs=84", "outputBytes=5123");
  }

  @Test
  void all_fansOutInOrder() {
    List<String> seen = new ArrayList<>();
    AuditSink.all(e -> seen.add("a:" + e.actor()), e -> seen.add("b:" + e.actor()))
        .record(event("z", Outcome.ALLOWED));
    assertThat(seen).containsExactly("a:z", "b:z");
  }

  @Test
  void event_parametersAreSortedAndImmutable() {
    AuditEvent e = event("a", Outcome.ALLOWED);
    assertThat(e.parameters().keySet()).containsExactly("service", "tail");
    assertThatThrownBy(() -> e.parameters().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(e.exit()).hasValue(0);
    assertThat(event("a", Outcome.ERROR).exit()).isEmpty();
  }
}
