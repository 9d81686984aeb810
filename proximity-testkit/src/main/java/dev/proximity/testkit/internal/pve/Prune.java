package dev.proximity.testkit.internal.pve;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Proxmox's backup pruning ({@code PVE::Storage::prune_mark_backup_group}): newest first,
 * protected backups always kept, then keep-last, -hourly, -daily, -weekly, -monthly and -yearly
 * each keep the newest backup of that many distinct periods not already covered.
 */
public final class Prune {
  private Prune() {}

  /**
   * Marks one backup group (one guest).
   *
   * @param backups the group's backups
   * @param options parsed {@code prune-backups}; empty means keep-all
   * @param zone node local time zone
   * @return volid to {@code keep}, {@code remove} or {@code protected}
   */
  public static Map<String, String> mark(List<Volume> backups, Map<String, String> options, ZoneId zone) {
    List<Volume> list = new ArrayList<>(backups);
    list.sort(Comparator.comparingLong(Volume::ctime).reversed());
    Map<String, String> marks = new LinkedHashMap<>();
    for (Volume v : list) {
      if (v.isProtected()) {
        marks.put(v.volid(), "protected");
      }
    }
    boolean keepAll = options.isEmpty() || "1".equals(options.get("keep-all"));
    if (keepAll) {
      list.forEach(v -> marks.putIfAbsent(v.volid(), "keep"));
      return order(list, marks);
    }
    markPeriod(list, marks, options.get("keep-last"), v -> v.volid());
    markPeriod(list, marks, options.get("keep-hourly"), v -> fmt(v, zone, "yyyy/MM/dd/HH"));
    markPeriod(list, marks, options.get("keep-daily"), v -> fmt(v, zone, "yyyy/MM/dd"));
    markPeriod(list, marks, options.get("keep-weekly"), v -> {
      ZonedDateTime t = Instant.ofEpochSecond(v.ctime()).atZone(zone);
      return t.get(IsoFields.WEEK_BASED_YEAR) + "/" + t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    });
    markPeriod(list, marks, options.get("keep-monthly"), v -> fmt(v, zone, "yyyy/MM"));
    markPeriod(list, marks, options.get("keep-yearly"), v -> fmt(v, zone, "yyyy"));
    list.forEach(v -> marks.putIfAbsent(v.volid(), "remove"));
    return order(list, marks);
  }

  private static Map<String, String> order(List<Volume> list, Map<String, String> marks) {
    Map<String, String> out = new LinkedHashMap<>();
    list.forEach(v -> out.put(v.volid(), marks.get(v.volid())));
    return out;
  }

  private static String fmt(Volume v, ZoneId zone, String pattern) {
    return DateTimeFormatter.ofPattern(pattern).format(Instant.ofEpochSecond(v.ctime()).atZone(zone));
  }

  private static void markPeriod(List<Volume> list, Map<String, String> marks, String count,
      Function<Volume, String> id) {
    if (count == null) {
      return;
    }
    int keep = Integer.parseInt(count);
    Set<String> already = new HashSet<>();
    for (Volume v : list) {
      if ("keep".equals(marks.get(v.volid()))) {
        already.add(id.apply(v));
      }
    }
    Set<String> newly = new HashSet<>();
    for (Volume v : list) {
      String mark = marks.get(v.volid());
      String key = id.apply(v);
      if (mark != null || already.contains(key)) {
        continue;
      }
      if (!newly.contains(key)) {
        if (newly.size() >= keep) {
          break;
        }
        newly.add(key);
        marks.put(v.volid(), "keep");
      } else {
        marks.put(v.volid(), "remove");
      }
    }
  }

  /**
   * @param value a {@code prune-backups} string, or null
   * @return its options
   */
  public static Map<String, String> parse(String value) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value == null || value.isBlank()) {
      return out;
    }
    for (String part : value.split(",")) {
      String[] kv = part.split("=", 2);
      if (kv.length == 2) {
        out.put(kv[0].trim(), kv[1].trim());
      }
    }
    return out;
  }
}
