package dev.proximity.pve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.internal.http.ApiRequest;
import dev.proximity.internal.http.Transport;
import dev.proximity.pve.model.PermissionCheck;
import dev.proximity.pve.model.PermissionReport;
import dev.proximity.pve.model.Permissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Access calls ({@code /access}): the caller's permissions and a preflight report for the SDK's operations.
 *
 * <p>All methods throw {@link PveApiException} when the server refuses and {@link PveConnectionException}
 * when no answer arrives. Immutable and thread-safe.
 */
public final class AccessApi {
  private final Transport transport;
  private final PveCredentials credentials;

  AccessApi(Transport transport, PveCredentials credentials) {
    this.transport = transport;
    this.credentials = credentials;
  }

  /**
   * Reads the caller's effective privileges.
   *
   * @return path to privilege to propagate flag
   */
  public Permissions permissions() {
    JsonNode data = transport.send(ApiRequest.get("/access/permissions", Map.of())).data();
    Map<String, Map<String, Boolean>> out = new HashMap<>();
    data.fields().forEachRemaining(path -> {
      Map<String, Boolean> privs = new HashMap<>();
      path.getValue().fields().forEachRemaining(p -> privs.put(p.getKey(),
          p.getValue().asInt(0) == 1 || p.getValue().asBoolean(false)));
      out.put(path.getKey(), privs);
    });
    return new Permissions(out);
  }

  /**
   * Checks the privileges the SDK's operations need and reports what is missing.
   *
   * @param storage storage for container volumes, e.g. {@code local-lvm}
   * @param templateStorage storage holding OS templates, e.g. {@code local}
   * @param backupStorage storage for backups, e.g. {@code local}
   * @return the report; {@link PermissionReport#summary()} is ready to show
   */
  public PermissionReport preflight(String storage, String templateStorage, String backupStorage) {
    Permissions perms = permissions();
    List<PermissionCheck> checks = new ArrayList<>();
    check(checks, perms, "list and inspect apps", "/vms", "VM.Audit");
    check(checks, perms, "create and delete containers", "/vms", "VM.Allocate");
    check(checks, perms, "create containers", "/storage/" + storage, "Datastore.AllocateSpace");
    check(checks, perms, "use OS templates", "/storage/" + templateStorage, "Datastore.Audit");
    check(checks, perms, "download OS templates", "/storage/" + templateStorage, "Datastore.AllocateTemplate");
    for (String priv : List.of("VM.Config.CPU", "VM.Config.Memory", "VM.Config.Disk", "VM.Config.Network",
        "VM.Config.Options")) {
      check(checks, perms, "change container resources", "/vms", priv);
    }
    check(checks, perms, "start, stop and restart apps", "/vms", "VM.PowerMgmt");
    check(checks, perms, "snapshot apps", "/vms", "VM.Snapshot");
    check(checks, perms, "clone apps", "/vms", "VM.Clone");
    check(checks, perms, "back up apps", "/vms", "VM.Backup");
    check(checks, perms, "back up apps", "/storage/" + backupStorage, "Datastore.AllocateSpace");
    check(checks, perms, "schedule backup jobs", "/", "Sys.Modify");
    boolean token = credentials.kind() == PveCredentials.Kind.API_TOKEN;
    String principal = token ? credentials.tokenId() : credentials.userId();
    return new PermissionReport(principal, checks, token && perms.isEmpty());
  }

  private static void check(List<PermissionCheck> out, Permissions perms, String op, String path, String priv) {
    out.add(new PermissionCheck(op, path, priv, perms.has(path, priv)));
  }
}
