package dev.proximity.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every app command through the real main, against the demo cluster (Proxmox VE and SSH host
 * simulators), each step a separate invocation that finds the state the previous one saved.
 */
class DemoCommandsTest {
  @TempDir Path home;
  CliRunner cli;

  @BeforeEach
  void setUp() {
    cli = new CliRunner(home).env("PROXIMITY_DEMO_STATE", home.resolve("demo.json").toString());
  }

  private CliRunner.Result ok(String... args) {
    CliRunner.Result r = cli.run(withDemo(args));
    assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isZero();
    return r;
  }

  private CliRunner.Result fails(int exitCode, String... args) {
    CliRunner.Result r = cli.run(withDemo(args));
    assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isEqualTo(exitCode);
    List<String> lines = r.err().lines().toList();
    assertThat(lines).as("one error line plus a hint: " + r.err()).hasSizeBetween(1, 2);
    assertThat(lines.get(0)).startsWith("error: ");
    if (lines.size() == 2) {
      assertThat(lines.get(1)).startsWith("hint: ");
    }
    return r;
  }

  private static String[] withDemo(String... args) {
    List<String> all = new ArrayList<>();
    all.add("--demo");
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }

  private static List<String> names(JsonNode apps) {
    List<String> names = new ArrayList<>();
    apps.forEach(a -> names.add(a.get("name").asText()));
    return names;
  }

  @Test
  void lifecycle_everyCommandWorksAcrossInvocations() {
    assertThat(ok("apps").out()).startsWith("No apps yet.");

    // deploy: plain step lines when not on a terminal, then the app
    CliRunner.Result deploy = ok("deploy", "hello", "--name", "web", "--memory", "512M", "--param", "GREETING=Hi there");
    assertThat(deploy.out()).contains("deploy web [ 25%] create").contains("deploy web [100%] done")
        .contains("deployed web (hello ").contains("url:").doesNotContain("\r");

    // apps, as a table and as JSON
    CliRunner.Result apps = ok("apps");
    assertThat(apps.out().lines().findFirst().orElseThrow()).startsWith("NAME").contains("STATUS").contains("VERSION");
    assertThat(apps.out()).contains("web").contains("hello").contains("running");
    JsonNode list = ok("apps", "--json").json();
    assertThat(names(list)).containsExactly("web");
    JsonNode web = list.get(0);
    assertThat(web.fieldNames()).toIterable().containsExactly(
        "name", "vmid", "node", "status", "catalogId", "version", "owner", "cores", "cpu",
        "memoryBytes", "maxMemoryBytes", "diskBytes", "maxDiskBytes", "uptimeSeconds");
    assertThat(web.get("version").asText()).isNotEqualTo("unknown");
    assertThat(web.get("status").asText()).isEqualTo("running");
    assertThat(web.get("maxMemoryBytes").asLong()).isEqualTo(512L << 20);
    int vmid = web.get("vmid").asInt();

    // app NAME (by name and by vmid)
    assertThat(ok("app", "web").out()).contains("param GREETING: Hi there").contains("SERVICE").contains("healthy");
    JsonNode detail = ok("app", String.valueOf(vmid), "--json").json();
    assertThat(detail.get("app").get("name").asText()).isEqualTo("web");
    assertThat(detail.get("parameters").get("GREETING").asText()).isEqualTo("Hi there");
    assertThat(detail.get("services").get(0).get("healthy").asBoolean()).isTrue();

    // nodes
    JsonNode nodes = ok("nodes", "--json").json();
    assertThat(nodes).hasSize(2);
    int appsOnNodes = 0;
    for (JsonNode n : nodes) {
      appsOnNodes += n.get("apps").asInt();
    }
    assertThat(appsOnNodes).isEqualTo(1);
    assertThat(ok("nodes").out()).startsWith("NODE").contains("pve1").contains("pve2");

    // logs and safe commands
    assertThat(ok("logs", "web", "--tail", "20").out()).contains("web");
    JsonNode logs = ok("logs", "web", "--json").json();
    assertThat(logs.isArray()).isTrue();
    assertThat(ok("run", "web", "disk").out()).contains("Filesystem");
    JsonNode run = ok("run", "web", "logs", "tail=5", "--json").json();
    assertThat(run.get("command").asText()).isEqualTo("logs");
    assertThat(run.get("exitCode").asInt()).isZero();
    assertThat(Files.exists(home.resolve(".local/state/proximity/audit.jsonl"))).as("audit log written").isTrue();

    // backups
    assertThat(ok("backups", "web").out()).startsWith("No backups of web.");
    JsonNode backup = ok("backup", "web", "--notes", "first", "--json").json();
    String volid = backup.get("volid").asText();
    assertThat(volid).contains("vzdump-lxc-" + vmid);
    JsonNode backups = ok("backups", "web", "--json").json();
    assertThat(backups).hasSize(1);
    assertThat(backups.get(0).get("notes").asText()).isEqualTo("first");
    assertThat(ok("backups", "web").out()).contains(volid).contains("first");

    // clone, restore as a new app, resize, update check
    assertThat(ok("clone", "web", "web2").out()).contains("cloned web2");
    assertThat(ok("restore", "web", "latest", "--as", "web3", "--json").json().get("name").asText()).isEqualTo("web3");
    JsonNode resized = ok("resize", "web", "--cores", "2", "--memory", "1G", "--json").json();
    assertThat(resized.get("cores").asInt()).isEqualTo(2);
    assertThat(resized.get("maxMemoryBytes").asLong()).isEqualTo(1L << 30);
    JsonNode check = ok("update", "web", "--check", "--json").json();
    assertThat(check.get("updateAvailable").asBoolean()).isFalse();
    assertThat(ok("update", "web", "--check").out()).contains("is current");
    assertThat(names(ok("apps", "--json").json())).containsExactly("web", "web2", "web3");

    // power
    assertThat(ok("stop", "web2").out()).isEqualTo("stopped web2: stopped\n");
    assertThat(ok("start", "web2", "--json").json().get("status").asText()).isEqualTo("running");
    assertThat(ok("restart", "web2").out()).contains("restarted web2: running");
    assertThat(ok("shutdown", "web2", "--wait", "30s").out()).contains("shut down web2: stopped");

    // restore in place, then delete (a stopped app needs no --force; a running one does)
    assertThat(ok("restore", "web", volid).out()).contains("restored web");
    assertThat(ok("delete", "web2").out()).isEqualTo("deleted web2\n");
    assertThat(ok("delete", "web3", "--force", "--json").json().get("action").asText()).isEqualTo("deleted");
    assertThat(ok("delete", "web", "--force", "--with-backups").out()).contains("deleted web and its backups");
    assertThat(ok("apps", "--json").json()).isEmpty();
  }

  @Test
  void badInput_oneLineErrorsWithTheRightExitCode() {
    ok("deploy", "hello", "--name", "web");

    fails(ExitCodes.NOT_FOUND, "app", "nope").err().startsWith("error: no app named 'nope'");
    fails(ExitCodes.NOT_FOUND, "stop", "nope");
    fails(ExitCodes.NOT_FOUND, "deploy", "no-such-app", "--name", "x");
    assertThat(fails(ExitCodes.USAGE, "deploy", "hello", "--name", "x", "--memory", "lots").err())
        .startsWith("error: invalid value for --memory: 'lots'");
    fails(ExitCodes.USAGE, "deploy", "hello", "--name", "x", "--memory", "8M");
    fails(ExitCodes.USAGE, "deploy", "hello", "--name", "x", "--disk", "512M");
    fails(ExitCodes.USAGE, "deploy", "hello", "--name", "x", "--cores", "0");
    fails(ExitCodes.USAGE, "deploy", "hello", "--name", "x", "--memory", "64M");
    fails(ExitCodes.USAGE, "deploy", "hello", "--name", "Not_A_Hostname");
    fails(ExitCodes.USAGE, "deploy", "hello", "--name", "x", "--param", "NO_SUCH_PARAM=1");
    assertThat(fails(ExitCodes.REFUSED, "deploy", "hello", "--name", "web").err()).contains("web");
    assertThat(fails(ExitCodes.USAGE, "run", "web", "rm").err())
        .startsWith("error: unknown safe command").contains("hint: see 'proximity run --help'");
    fails(ExitCodes.USAGE, "run", "web", "logs", "tail=0");
    fails(ExitCodes.USAGE, "run", "web", "disk", "notkeyvalue");
    fails(ExitCodes.USAGE, "logs", "web", "--tail", "0");
    fails(ExitCodes.USAGE, "resize", "web");
    assertThat(fails(ExitCodes.REFUSED, "resize", "web", "--disk", "1G").err()).contains("hint: disks can only grow");
    assertThat(fails(ExitCodes.REFUSED, "delete", "web").err()).contains("hint: stop it first, or add --force");
    fails(ExitCodes.NOT_FOUND, "restore", "web", "latest");
    fails(ExitCodes.NOT_FOUND, "restore", "web", "local:backup/vzdump-lxc-999-2020_01_01-00_00_00.tar.zst");
    fails(ExitCodes.REFUSED, "clone", "web", "web");
    fails(ExitCodes.REFUSED, "update", "web");
    fails(ExitCodes.USAGE, "shutdown", "web", "--wait", "soon");

    // nothing above changed the cluster
    assertThat(names(ok("apps", "--json").json())).containsExactly("web");
  }

  @Test
  void deployPlan_showsWhatWouldHappenAndChangesNothing() {
    CliRunner.Result text = ok("deploy", "wordpress", "--name", "blog", "--plan");
    JsonNode plan = ok("deploy", "wordpress", "--name", "blog", "--cores", "2", "--plan", "--json").json();

    assertThat(text.out()).startsWith("Plan (nothing was changed):").contains("(generated secret)");
    assertThat(plan.get("name").asText()).isEqualTo("blog");
    assertThat(plan.get("cores").asInt()).isEqualTo(2);
    assertThat(plan.get("steps").toString()).contains("create").contains("compose-up");
    assertThat(plan.get("generatedSecrets").toString()).contains("DB_PASSWORD");
    assertThat(ok("apps", "--json").json()).isEmpty();
  }

  @Test
  void json_keepsProgressOffStdout() {
    CliRunner.Result r = ok("deploy", "hello", "--name", "j", "--json");

    assertThat(r.json().get("name").asText()).isEqualTo("j");
    assertThat(r.err()).contains("deploy j [100%] done");
  }

  @Test
  void terminal_deployDrawsALiveBar() {
    CliRunner.Result r = cli.terminal(true).env("TERM", "xterm").run("--demo", "deploy", "hello", "--name", "t");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("\r\u001b[2Kdeploy t [").contains("] 100% ").contains("install-docker");
    assertThat(r.out()).contains("\u001b[32mdeployed\u001b[0m");
    assertThat(r.out()).doesNotContain("deploy t [ 25%]");
  }

  @Test
  void reset_startsOverAndStateSurvivesOtherwise() {
    ok("deploy", "hello", "--name", "keep");
    assertThat(names(ok("apps", "--json").json())).containsExactly("keep");
    assertThat(Files.exists(home.resolve("demo.json"))).isTrue();

    assertThat(ok("--reset", "apps", "--json").json()).isEmpty();
    assertThat(ok("apps", "--json").json()).isEmpty();
  }

  @Test
  void secrets_neverPrinted() {
    CliRunner.Result deploy = ok("deploy", "postgresql", "--name", "db", "--param", "POSTGRES_PASSWORD=Sup3r-S3cret-Value");

    CliRunner.Result detail = ok("app", "db", "--json");
    CliRunner.Result config = ok("run", "db", "config");
    assertThat(deploy.out() + deploy.err() + detail.out() + config.out() + config.err())
        .doesNotContain("Sup3r-S3cret-Value");
  }

  @Test
  void update_toANewerCatalogVersion_backsUpAndRecreates() throws Exception {
    ok("deploy", "hello", "--name", "web");
    Path dir = Files.createDirectories(home.resolve("apps/hello"));
    String app = resource("dev/proximity/catalog/bundled/hello/app.yaml")
        .replaceFirst("(?m)^version: .*$", "version: \"9.9.9-1\"");
    Files.writeString(dir.resolve("app.yaml"), app);
    Files.writeString(dir.resolve("compose.yaml"), resource("dev/proximity/catalog/bundled/hello/compose.yaml"));
    String catalog = home.resolve("apps").toString();

    JsonNode check = ok("--catalog-dir", catalog, "update", "web", "--check", "--json").json();
    assertThat(check.get("updateAvailable").asBoolean()).isTrue();
    assertThat(check.get("available").asText()).isEqualTo("9.9.9-1");

    CliRunner.Result update = ok("--catalog-dir", catalog, "update", "web");
    assertThat(update.out()).contains("update web [").contains("updated web (hello 9.9.9-1)");
    assertThat(ok("apps", "--json").json().get(0).get("version").asText()).isEqualTo("9.9.9-1");
    assertThat(ok("backups", "web", "--json").json()).isNotEmpty();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = DemoCommandsTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
