package dev.proximity.examples.cli;

import dev.proximity.Proximity;
import dev.proximity.pve.PveApiException;
import dev.proximity.pve.PveConnectionException;
import dev.proximity.pve.model.NodeSummary;
import dev.proximity.pve.model.PermissionReport;
import dev.proximity.pve.model.PveVersion;
import dev.proximity.pve.model.StorageContent;
import dev.proximity.pve.model.StorageStatus;
import dev.proximity.spi.CommandResult;
import dev.proximity.spi.HostShellFactory;
import dev.proximity.ssh.SshCommandException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * {@code proximity doctor}: checks the configuration, the connection, the TLS pin, the token's
 * privileges, SSH with its host key, storages and templates, and says what to fix.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Check that everything a deploy needs is in place, and print what to fix.",
      "Checks: configuration, API connection, TLS pin, credentials' privileges, SSH and host key per"
          + " node, storages (container disks, templates, backups) and the OS template. Exits 1 when a"
          + " check fails; warnings do not fail."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  proximity doctor", "  proximity --demo doctor", "  proximity doctor --json | jq '.checks[] | select(.status==\"fail\")'"})
final class DoctorCommand extends BaseCommand {

  /** One check's outcome; status is ok, warn, fail or skip. */
  record Check(String name, String status, String detail, String fix) {}

  /** The JSON form of the report. */
  record Report(boolean ok, List<Check> checks) {}

  private final List<Check> checks = new ArrayList<>();

  @Override
  public Integer call() {
    try {
      diagnose();
    } finally {
      root().finished();
    }
    boolean ok = checks.stream().noneMatch(c -> c.status().equals("fail"));
    Printer printer = printer();
    printer.emit(new Report(ok, checks), () -> {
      Table.Builder table = Table.of("CHECK", "STATUS", "DETAIL");
      checks.forEach(c -> table.row(c.name(), c.status(), c.detail()));
      List<String> lines = new ArrayList<>(printer.table(table.build()));
      List<Check> toFix = checks.stream().filter(c -> !c.fix().isEmpty()).toList();
      if (!toFix.isEmpty()) {
        lines.add("");
        lines.add("To fix:");
        toFix.forEach(c -> lines.add("  " + c.name() + ": " + Printer.clean(c.fix())));
      }
      lines.add("");
      lines.add(ok ? printer.style().green("All checks passed.") : printer.style().red("Some checks failed."));
      return lines;
    });
    return ok ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  private void add(String name, String status, String detail, String fix) {
    checks.add(new Check(name, status, Printer.oneLine(detail), fix == null ? "" : Printer.oneLine(fix)));
  }

  private void diagnose() {
    Session session;
    try {
      session = Session.open(root());
    } catch (CliException e) {
      add("config", "fail", e.getMessage(), e.hint());
      add("connection", "skip", "needs a valid configuration", "");
      return;
    }
    try (session) {
      if (session.demo().isPresent()) {
        add("config", "ok", "demo cluster, state in " + session.demo().get().stateFile().map(Object::toString).orElse("memory"), "");
      } else {
        add("config", "ok", "endpoint " + root().config().endpoint().map(Object::toString).orElse("-")
            + (root().config().file().map(f -> ", file " + f).orElse("")), "");
      }
      Proximity px = session.px();
      if (!connection(px)) {
        return;
      }
      tls();
      privileges(px);
      List<NodeSummary> nodes = px.pve().nodes();
      for (NodeSummary node : nodes) {
        if (!node.online()) {
          add("node " + node.node(), "warn", "node is " + node.status(), "apps on it cannot be managed until it is back");
          continue;
        }
        ssh(session.shells(), node.node());
        storage(px, node.node());
      }
    }
  }

  private boolean connection(Proximity px) {
    try {
      PveVersion version = px.pve().version();
      add("connection", "ok", "Proxmox VE " + version.version() + " answers", "");
      return true;
    } catch (PveConnectionException e) {
      if (e.kind() == PveConnectionException.Kind.TLS) {
        Optional<String> presented = e.presentedFingerprint();
        add("connection", "fail", "TLS: the server's certificate is not trusted",
            presented.map(fp -> "if this is your node's certificate (check: pvenode cert info), pin it: --fingerprint " + fp)
                .orElse("pin the node's certificate with --fingerprint (pvenode cert info shows it)"));
      } else {
        add("connection", "fail", e.getMessage(), "check the endpoint address and that port 8006 is reachable");
      }
    } catch (PveApiException e) {
      if (e.isAuth()) {
        add("connection", "fail", "authentication refused: " + e.getMessage(),
            "check the token id and secret (or user and password); see 'proximity config'");
      } else {
        add("connection", "fail", e.getMessage(), "");
      }
    }
    add("privileges", "skip", "needs a connection", "");
    return false;
  }

  private void tls() {
    CliConfig config = root().config();
    if (root().demo || config.value(ConfigKey.FINGERPRINT).isPresent()) {
      add("tls", "ok", "certificate pinned by SHA-256 fingerprint", "");
    } else if (config.value(ConfigKey.CA_FILE).isPresent()) {
      add("tls", "ok", "certificate verified against " + config.value(ConfigKey.CA_FILE).get(), "");
    } else {
      add("tls", "warn", "verified by the system trust store",
          "fine for a CA-signed certificate; for Proxmox's self-signed one pin it with --fingerprint");
    }
  }

  private void privileges(Proximity px) {
    try {
      PermissionReport report = px.checkPrivileges();
      if (report.allGranted() && !report.tokenWithoutAcls()) {
        add("privileges", "ok", report.principal() + " holds every privilege checked", "");
      } else {
        List<String> missing = report.missing().stream()
            .map(c -> c.privilege() + " on " + c.path() + " (" + c.operation() + ")").toList();
        add("privileges", "fail", report.principal() + " lacks " + String.join(", ", missing),
            report.tokenWithoutAcls()
                ? "the token has privilege separation and no ACLs: give it ACLs, or recreate it with --privsep 0"
                : "grant the missing privileges, e.g. pveum acl modify / --users " + report.principal() + " --roles PVEVMAdmin");
      }
    } catch (PveApiException e) {
      add("privileges", "fail", e.getMessage(), "the credentials need Sys.Audit on / to be checked");
    }
  }

  private void ssh(Optional<HostShellFactory> shells, String node) {
    String name = "ssh " + node;
    if (shells.isEmpty()) {
      add(name, "fail", "SSH to the Proxmox hosts is not configured (deploys, logs and run need it)",
          "set --ssh-key FILE (or PROXIMITY_SSH_PASSWORD) and pin the host key with --ssh-host-key");
      return;
    }
    try {
      CommandResult r = shells.get().forNode(node).run(List.of("pct", "list"), Duration.ofSeconds(20));
      if (r.ok()) {
        add(name, "ok", "connected, host key verified, pct works", "");
      } else {
        add(name, "fail", "pct list exited with " + r.exitCode(), "the SSH user must be root (or allowed to run pct)");
      }
    } catch (SshCommandException e) {
      String fix;
      switch (e.reason()) {
        case HOST_KEY_UNKNOWN:
        case HOST_KEY_CHANGED:
          fix = e.presentedFingerprint()
              .map(fp -> "if this is the node's key (check: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on it), pin it: --ssh-host-key " + fp)
              .orElse("add the host to known_hosts or pin its key with --ssh-host-key");
          break;
        case AUTHENTICATION:
          fix = "check --ssh-user and the key or password";
          break;
        default:
          fix = "check --ssh-host " + node + "=ADDRESS and that port " + root().config().sshPort() + " is reachable";
      }
      add(name, "fail", e.getMessage(), fix);
    }
  }

  private void storage(Proximity px, String node) {
    List<StorageStatus> storages = px.pve().node(node).storages().stream()
        .filter(s -> s.active() && s.enabled()).toList();
    storageFor(node, storages, "rootdir", "container disks");
    storageFor(node, storages, "backup", "backups");
    Optional<StorageStatus> templates = storageFor(node, storages, "vztmpl", "templates");
    if (templates.isEmpty()) {
      return;
    }
    List<StorageContent> present = px.pve().node(node).storage(templates.get().storage()).content("vztmpl", null);
    boolean debian = present.stream().anyMatch(c -> c.volid().contains("debian-12-standard"));
    if (debian) {
      add("template " + node, "ok", "debian-12-standard on " + templates.get().storage(), "");
    } else {
      add("template " + node, "warn", "no debian-12-standard template on " + templates.get().storage(),
          "the first deploy downloads it (pveam); or run: pveam download " + templates.get().storage()
              + " debian-12-standard_12.7-1_amd64.tar.zst");
    }
    boolean golden = px.templates().golden(node).isPresent();
    add("golden " + node, golden ? "ok" : "warn",
        golden ? "Docker-ready golden template present" : "no golden template: each deploy installs Docker",
        golden ? "" : "deploys are faster with one; prepare it with the SDK: px.templates().prepareGolden(\"" + node + "\")");
  }

  private Optional<StorageStatus> storageFor(String node, List<StorageStatus> storages, String content, String what) {
    Optional<StorageStatus> found = storages.stream().filter(s -> s.supports(content)).findFirst();
    if (found.isPresent()) {
      StorageStatus s = found.get();
      add("storage " + node + " " + content, "ok", what + " on " + s.storage() + ", " + AppViews.bytes(s.avail()) + " free", "");
    } else {
      add("storage " + node + " " + content, "fail", "no active storage holds " + content + " (" + what + ")",
          "enable '" + content + "' content on a storage: Datacenter > Storage > Edit > Content");
    }
    return found;
  }
}
