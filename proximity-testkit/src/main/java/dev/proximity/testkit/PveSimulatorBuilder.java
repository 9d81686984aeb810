package dev.proximity.testkit;

import dev.proximity.testkit.internal.pve.ClusterState;
import dev.proximity.testkit.internal.pve.Permissions;
import dev.proximity.testkit.internal.pve.SimContext;
import dev.proximity.testkit.internal.pve.StorageRoutes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Configures a {@link PveSimulator}; {@link #start()} binds it. Not thread-safe.
 *
 * <pre>{@code
 * PveSimulator sim = PveSimulator.builder()
 *     .node("pve1", 8, 32L << 30).node("pve2", 4, 16L << 30)
 *     .storage(StorageSpec.builder("nfs").type("nfs").content("backup", "vztmpl").shared(true).build())
 *     .user("alice@pve", "alice-password").acl("/", "alice@pve", "PVEVMAdmin")
 *     .token("alice@pve!ci", "f1e2d3", true).acl("/vms", "alice@pve!ci", "PVEVMUser")
 *     .timeScale(0.001).seed(42)
 *     .start();
 * }</pre>
 */
public final class PveSimulatorBuilder {
  /** The default template on {@code local}. */
  public static final String DEFAULT_TEMPLATE = "debian-12-standard_12.7-1_amd64.tar.zst";

  private final List<ClusterState.NodeInfo> nodes = new ArrayList<>();
  private final List<StorageSpec> storages = new ArrayList<>();
  private final Map<String, String> users = new LinkedHashMap<>();
  private final Set<String> tfaUsers = new LinkedHashSet<>();
  private final Map<String, ClusterState.TokenInfo> tokens = new LinkedHashMap<>();
  private final List<Permissions.Acl> acls = new ArrayList<>();
  private final List<AplTemplate> aplinfo = new ArrayList<>();
  private double timeScale = 0.01;
  private long seed;
  private Clock clock = Clock.systemUTC();
  private ZoneId zone = ZoneOffset.UTC;
  private Duration authFailureDelay = Duration.ZERO;
  private FaultPlan faults = FaultPlan.none();
  private Path stateFile;
  private String clusterName = "proximity-sim";
  private final Map<String, Double> durations = new LinkedHashMap<>();
  private Duration dhcpDelay = Duration.ZERO;

  PveSimulatorBuilder() {}

  /**
   * Adds a node.
   *
   * @param name node name
   * @param cpus cpu count
   * @param memoryBytes memory
   * @return this
   */
  public PveSimulatorBuilder node(String name, int cpus, long memoryBytes) {
    nodes.add(new ClusterState.NodeInfo(Objects.requireNonNull(name, "name"), cpus, memoryBytes));
    return this;
  }

  /**
   * Adds a storage.
   *
   * @param spec the storage
   * @return this
   */
  public PveSimulatorBuilder storage(StorageSpec spec) {
    storages.add(Objects.requireNonNull(spec, "spec"));
    return this;
  }

  /**
   * Adds a user, or sets the password of {@code root@pam}.
   *
   * @param userid {@code user@realm}
   * @param password password
   * @return this
   */
  public PveSimulatorBuilder user(String userid, String password) {
    if (!userid.contains("@")) {
      throw new IllegalArgumentException("userid must be user@realm: " + userid);
    }
    users.put(userid, Objects.requireNonNull(password, "password"));
    return this;
  }

  /**
   * Marks a user as having a second factor (TOTP): password logins then answer
   * {@code NeedTFA: 1} with a half ticket that no other call accepts, as Proxmox does. The
   * simulator does not complete second-factor logins.
   *
   * @param userid an existing {@code user@realm}
   * @return this
   */
  public PveSimulatorBuilder secondFactor(String userid) {
    tfaUsers.add(Objects.requireNonNull(userid, "userid"));
    return this;
  }

  /**
   * Adds an API token. Its user must exist (root@pam always does).
   *
   * @param tokenId {@code user@realm!name}
   * @param secret the secret
   * @param privsep whether it is privilege-separated (then it needs ACLs of its own)
   * @return this
   */
  public PveSimulatorBuilder token(String tokenId, String secret, boolean privsep) {
    if (!tokenId.contains("@") || !tokenId.contains("!")) {
      throw new IllegalArgumentException("tokenId must be user@realm!name: " + tokenId);
    }
    tokens.put(tokenId, new ClusterState.TokenInfo(Objects.requireNonNull(secret, "secret"), privsep));
    return this;
  }

  /**
   * Grants a role on a path (and below) to a user or token.
   *
   * @param path ACL path, e.g. {@code /}, {@code /vms/101}, {@code /storage/local}
   * @param subject {@code user@realm} or {@code user@realm!token}
   * @param role built-in role ({@code Administrator}, {@code PVEAdmin}, {@code PVEVMAdmin},
   *     {@code PVEVMUser}, {@code PVEAuditor}, {@code PVEDatastoreAdmin}, {@code PVEDatastoreUser},
   *     {@code NoAccess}) or a comma-separated privilege list
   * @return this
   */
  public PveSimulatorBuilder acl(String path, String subject, String role) {
    acls.add(new Permissions.Acl(path, subject, role));
    return this;
  }

  /**
   * Adds an entry to the appliance index (by default it lists a few Debian, Ubuntu and Alpine
   * templates).
   *
   * @param template the entry
   * @return this
   */
  public PveSimulatorBuilder aplTemplate(AplTemplate template) {
    aplinfo.add(Objects.requireNonNull(template, "template"));
    return this;
  }

  /**
   * @param scale real seconds per simulated second of task time (default 0.01; 0 = instant)
   * @return this
   */
  public PveSimulatorBuilder timeScale(double scale) {
    if (scale < 0) {
      throw new IllegalArgumentException("timeScale must not be negative");
    }
    this.timeScale = scale;
    return this;
  }

  /**
   * Sets the simulated duration of one worker type (before scaling); built-in durations are a
   * few simulated seconds ({@code vzcreate} 8, {@code vzrestore} 10, {@code vzdump} 5 per guest,
   * {@code vzclone} 6 full / 2 linked, {@code vzstart} 2, ...).
   *
   * @param workerType e.g. {@code vzcreate}, {@code vzdump}, {@code download}
   * @param simulated simulated duration
   * @return this
   */
  public PveSimulatorBuilder taskDuration(String workerType, Duration simulated) {
    durations.put(Objects.requireNonNull(workerType, "workerType"), simulated.toMillis() / 1000.0);
    return this;
  }

  /**
   * Sets how long after a container starts its DHCP client obtains an IPv4 address (before
   * scaling): until then {@code GET .../interfaces} lists eth0 with its link-local IPv6 address
   * only, as a booting container's does. Default 0: the address is there as the start task ends.
   *
   * @param simulated simulated delay, not negative
   * @return this
   */
  public PveSimulatorBuilder dhcpDelay(Duration simulated) {
    if (simulated.isNegative()) {
      throw new IllegalArgumentException("dhcpDelay must not be negative");
    }
    this.dhcpDelay = simulated;
    return this;
  }

  /**
   * @param seed seed for pids, MAC addresses and leases
   * @return this
   */
  public PveSimulatorBuilder seed(long seed) {
    this.seed = seed;
    return this;
  }

  /**
   * @param clock the simulated clock (tickets, task and backup times)
   * @return this
   */
  public PveSimulatorBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * @param zone the nodes' local time zone (backup file names, schedules); default UTC
   * @return this
   */
  public PveSimulatorBuilder zone(ZoneId zone) {
    this.zone = Objects.requireNonNull(zone, "zone");
    return this;
  }

  /**
   * @param delay how long a 401 is delayed (Proxmox waits 3 s; default 0)
   * @return this
   */
  public PveSimulatorBuilder authFailureDelay(Duration delay) {
    this.authFailureDelay = Objects.requireNonNull(delay, "delay");
    return this;
  }

  /**
   * @param plan the initial fault plan
   * @return this
   */
  public PveSimulatorBuilder faults(FaultPlan plan) {
    this.faults = Objects.requireNonNull(plan, "plan");
    return this;
  }

  /**
   * @param name the cluster name
   * @return this
   */
  public PveSimulatorBuilder clusterName(String name) {
    this.clusterName = Objects.requireNonNull(name, "name");
    return this;
  }

  /**
   * Loads cluster state saved by {@link PveSimulator#saveState(Path)} when the file exists;
   * nodes, storages, volumes, containers and backup jobs then come from the file.
   *
   * @param file the state file
   * @return this
   */
  public PveSimulatorBuilder loadState(Path file) {
    this.stateFile = Objects.requireNonNull(file, "file");
    return this;
  }

  /**
   * Starts the simulator.
   *
   * @return the running simulator
   */
  public PveSimulator start() {
    ClusterState st = new ClusterState(seed);
    st.clusterName = clusterName;
    st.dhcpDelayNanos = (long) (dhcpDelay.toNanos() * timeScale);
    if (nodes.isEmpty()) {
      st.nodes.put("pve", new ClusterState.NodeInfo("pve", 8, 32L << 30));
    }
    nodes.forEach(n -> st.nodes.put(n.name(), n));
    List<StorageSpec> specs = storages.isEmpty() ? List.of(
        StorageSpec.builder("local").type("dir").content("vztmpl", "iso", "backup").template(DEFAULT_TEMPLATE).build(),
        StorageSpec.builder("local-lvm").type("lvmthin").content("rootdir", "images").build()) : storages;
    st.users.put("root@pam", "proximity");
    st.users.putAll(users);
    st.tokens.putAll(tokens);
    st.tfaUsers.addAll(tfaUsers);
    if (aplinfo.isEmpty()) {
      for (String t : new String[] {DEFAULT_TEMPLATE, "debian-13-standard_13.1-2_amd64.tar.zst",
          "ubuntu-24.04-standard_24.04-2_amd64.tar.zst", "alpine-3.22-default_20250617_amd64.tar.xz"}) {
        st.aplinfo.add(AplTemplate.of(t));
      }
    } else {
      st.aplinfo.addAll(aplinfo);
    }
    for (StorageSpec s : specs) {
      st.storages.put(s.id(), s);
    }
    long now = clock.instant().getEpochSecond();
    if (stateFile != null && Files.exists(stateFile)) {
      StateFiles.load(st, stateFile, now);
    } else {
      for (StorageSpec s : specs) {
        for (String node : st.nodes.keySet()) {
          if (s.nodes().isEmpty() || s.nodes().contains(node)) {
            for (String t : s.templates()) {
              String volid = s.id() + ":vztmpl/" + t;
              st.volumes(s, node).put(volid, StorageRoutes.templateVolume(volid, 120L << 20, now));
            }
          }
        }
      }
    }
    SimContext ctx = new SimContext(st, clock, zone, timeScale, seed, faults, authFailureDelay, durations);
    tokens.forEach((id, info) -> ctx.permissions().token(id, info.privsep()));
    acls.forEach(ctx.permissions()::add);
    for (String tokenId : tokens.keySet()) {
      String user = tokenId.substring(0, tokenId.indexOf('!'));
      if (!st.users.containsKey(user)) {
        throw new IllegalStateException("token " + tokenId + " belongs to unknown user " + user);
      }
    }
    return new PveSimulator(ctx);
  }
}
