package dev.proximity.testkit.internal.pve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PruneTest {
  private static Volume backup(String iso, boolean prot) {
    long t = Instant.parse(iso).getEpochSecond();
    return new Volume("local:backup/vzdump-lxc-101-" + iso + ".tar.zst", "backup", "tar.zst", 1, t, 101, null, prot,
        null, null);
  }

  private static List<String> kept(Map<String, String> marks) {
    List<String> out = new ArrayList<>();
    marks.forEach((k, v) -> {
      if (!"remove".equals(v)) {
        out.add(k.substring("local:backup/vzdump-lxc-101-".length(), k.length() - ".tar.zst".length()));
      }
    });
    return out;
  }

  @Test
  void noOptions_keepsAll() {
    List<Volume> b = List.of(backup("2026-01-01T00:00:00Z", false), backup("2026-01-02T00:00:00Z", false));
    assertThat(Prune.mark(b, Map.of(), ZoneOffset.UTC).values()).containsOnly("keep");
  }

  @Test
  void weeklyMonthlyYearly_keepNewestPerPeriod() {
    List<Volume> b = List.of(
        backup("2024-06-01T10:00:00Z", false),
        backup("2025-03-01T10:00:00Z", false),
        backup("2025-12-30T10:00:00Z", false),
        backup("2026-01-05T10:00:00Z", false),
        backup("2026-01-07T10:00:00Z", false),
        backup("2026-01-12T10:00:00Z", false),
        backup("2026-02-01T10:00:00Z", false),
        backup("2026-02-02T10:00:00Z", false));
    Map<String, String> marks = Prune.mark(b, Prune.parse("keep-weekly=2,keep-monthly=2,keep-yearly=3"), ZoneOffset.UTC);
    // weekly: 2026-02-02 (W06), 2026-02-01 (W05); monthly adds 2026-01-12 (Jan); yearly: 2026 covered,
    // then 2025-12-30 (2025), 2024-06-01 (2024)
    assertThat(kept(marks)).containsExactly("2026-02-02T10:00:00Z", "2026-02-01T10:00:00Z", "2026-01-12T10:00:00Z",
        "2025-12-30T10:00:00Z", "2024-06-01T10:00:00Z");
  }

  @Test
  void protectedBackups_areAlwaysKeptAndDoNotCount() {
    List<Volume> b = List.of(backup("2026-01-01T00:00:00Z", true), backup("2026-01-02T00:00:00Z", false),
        backup("2026-01-03T00:00:00Z", false));
    Map<String, String> marks = Prune.mark(b, Prune.parse("keep-last=1"), ZoneOffset.UTC);
    assertThat(marks).containsValues("protected", "keep", "remove");
    assertThat(kept(marks)).containsExactly("2026-01-03T00:00:00Z", "2026-01-01T00:00:00Z");
  }
}
