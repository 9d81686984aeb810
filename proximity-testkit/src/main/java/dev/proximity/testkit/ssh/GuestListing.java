package dev.proximity.testkit.ssh;

import dev.proximity.testkit.SimGuest;
import java.util.List;

/**
 * Lists the containers of a node, for the simulator's {@code pct list}. A
 * {@link dev.proximity.testkit.GuestDirectory} that also implements this gets a full listing;
 * otherwise {@code pct list} prints only its header.
 */
public interface GuestListing {

  /**
   * Lists the containers on a node.
   *
   * @param node the node name
   * @return the containers, in any order
   */
  List<SimGuest> guests(String node);
}
