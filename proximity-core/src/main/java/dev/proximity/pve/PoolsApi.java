package dev.proximity.pve;

import dev.proximity.internal.http.ApiRequest;
import dev.proximity.internal.http.BodyDecoder;
import dev.proximity.internal.http.PathBuilder;
import dev.proximity.internal.http.Transport;
import dev.proximity.internal.json.Json;
import dev.proximity.pve.model.Pool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Resource pools ({@code /pools}). All calls are synchronous.
 *
 * <p>Reads and membership changes use {@code /pools/{poolid}}, which PVE 7, 8 and 9 all serve
 * (PVE 8.1 added {@code /pools?poolid=} for nested pools and marks the old path deprecated, but
 * keeps it). Creating needs {@code Pool.Allocate} on {@code /pool/{poolid}}; adding guests also
 * needs {@code VM.Allocate} (or {@code Permissions.Modify}) on each guest; reading needs
 * {@code Pool.Audit}, and {@link #list()} shows only the pools the caller may audit.
 *
 * <p>All methods throw {@link PveApiException} when the server refuses and
 * {@link PveConnectionException} when no answer arrives. Immutable and thread-safe.
 */
public final class PoolsApi {
  private final Transport transport;

  PoolsApi(Transport transport) {
    this.transport = transport;
  }

  /**
   * Lists the pools the caller may audit, without their members.
   *
   * @return the pools
   */
  public List<Pool> list() {
    return transport.send(ApiRequest.get("/pools", Map.of()),
        BodyDecoder.dataList(Pool.class));
  }

  /**
   * Reads one pool with its members.
   *
   * @param poolid the pool id
   * @return the pool (its {@link Pool#poolid()} set from the argument), or empty when it does not exist
   */
  public Optional<Pool> find(String poolid) {
    Pool.requireValidId(poolid);
    try {
      Pool p = Json.convert(transport.send(ApiRequest.get(PathBuilder.path("pools", poolid), Map.of())).data(),
          Pool.class);
      return p == null ? Optional.empty() : Optional.of(new Pool(poolid, p.comment(), p.members()));
    } catch (PveApiException e) {
      // Proxmox answers 500 "pool '<id>' does not exist" for an unknown pool
      if (e.isNotFound() || (e.status() == 500 && e.reason().contains("does not exist"))) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Creates a pool.
   *
   * @param poolid the pool id
   * @param comment a comment, or null
   * @throws PveApiException 500 when the pool exists already
   */
  public void create(String poolid, String comment) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("poolid", Pool.requireValidId(poolid));
    if (comment != null) {
      p.put("comment", comment);
    }
    transport.send(ApiRequest.post("/pools", p));
  }

  /**
   * Adds guests to a pool. Proxmox refuses a guest that is already a member of this pool or of
   * another one (the latter unless {@code allowMove}).
   *
   * @param poolid the pool id
   * @param vmids the guests; nothing is sent when empty
   * @param allowMove move guests out of another pool instead of refusing them
   */
  public void addGuests(String poolid, List<Integer> vmids, boolean allowMove) {
    Pool.requireValidId(poolid);
    if (vmids.isEmpty()) {
      return;
    }
    Map<String, String> p = new LinkedHashMap<>();
    p.put("vms", vmids.stream().map(String::valueOf).collect(Collectors.joining(",")));
    if (allowMove) {
      p.put("allow-move", "1");
    }
    transport.send(ApiRequest.put(PathBuilder.path("pools", poolid), p));
  }

  /**
   * Deletes an empty pool.
   *
   * @param poolid the pool id
   * @throws PveApiException 500 when the pool still has members
   */
  public void delete(String poolid) {
    transport.send(ApiRequest.delete(PathBuilder.path("pools", Pool.requireValidId(poolid)), Map.of()));
  }
}
