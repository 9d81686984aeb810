package dev.proximity.testkit.internal.pve;

/** A handler for one method and path template of the simulated API. */
@FunctionalInterface
public interface Route {
  /**
   * @param call the authenticated, schema-checked request
   * @return the {@code data} value (maps, lists, strings, numbers, null) or a {@link Paged}
   */
  Object handle(Call call);

  /**
   * A list answer that also carries Proxmox's top-level {@code total}.
   *
   * @param data the list
   * @param total the total count
   */
  record Paged(Object data, int total) {}
}
