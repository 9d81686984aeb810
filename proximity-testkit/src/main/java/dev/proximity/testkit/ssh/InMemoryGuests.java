package dev.proximity.testkit.ssh;

import dev.proximity.testkit.GuestDirectory;
import dev.proximity.testkit.GuestFs;
import dev.proximity.testkit.SimGuest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small, mutable {@link GuestDirectory} for tests that need the SSH host simulator without the
 * Proxmox simulator. Thread-safe.
 *
 * <pre>{@code
 * InMemoryGuests guests = new InMemoryGuests();
 * guests.add("pve", 101).start();
 * }</pre>
 */
public final class InMemoryGuests implements GuestDirectory, GuestListing {
  private final Map<String, Guest> guests = new ConcurrentHashMap<>();

  /**
   * Adds a stopped container with an empty file system.
   *
   * @param node the node
   * @param vmid the container id
   * @return the container, to start or inspect
   */
  public Guest add(String node, int vmid) {
    Guest guest = new Guest(node, vmid, new GuestFs());
    guests.put(node + "/" + vmid, guest);
    return guest;
  }

  /**
   * Removes a container.
   *
   * @param node the node
   * @param vmid the container id
   */
  public void remove(String node, int vmid) {
    guests.remove(node + "/" + vmid);
  }

  @Override
  public Optional<SimGuest> guest(String node, int vmid) {
    return Optional.ofNullable(guests.get(node + "/" + vmid));
  }

  @Override
  public List<SimGuest> guests(String node) {
    List<SimGuest> list = new ArrayList<>();
    for (Guest guest : guests.values()) {
      if (guest.node().equals(node)) {
        list.add(guest);
      }
    }
    return list;
  }

  /** A mutable simulated container. Thread-safe. */
  public static final class Guest implements SimGuest {
    private final String node;
    private final int vmid;
    private final GuestFs fs;
    private volatile boolean running;
    private volatile String ipv4;

    private Guest(String node, int vmid, GuestFs fs) {
      this.node = node;
      this.vmid = vmid;
      this.fs = fs;
    }

    /**
     * Starts the container and gives it the address {@code 10.0.0.(vmid % 250 + 2)}.
     *
     * @return this guest
     */
    public Guest start() {
      ipv4 = "10.0.0." + (vmid % 250 + 2);
      running = true;
      return this;
    }

    /**
     * Stops the container.
     *
     * @return this guest
     */
    public Guest stop() {
      running = false;
      ipv4 = null;
      return this;
    }

    @Override
    public int vmid() {
      return vmid;
    }

    @Override
    public String node() {
      return node;
    }

    @Override
    public boolean running() {
      return running;
    }

    @Override
    public boolean template() {
      return false;
    }

    @Override
    public Optional<String> ipv4() {
      return Optional.ofNullable(ipv4);
    }

    @Override
    public GuestFs fs() {
      return fs;
    }
  }
}
