package dev.proximity.testkit.internal.pve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Counts the TCP connections a server socket has accepted and not yet closed, from the kernel's
 * socket tables ({@code /proc/net/tcp} and {@code /proc/net/tcp6}, Linux).
 *
 * <p>The JDK's {@code HttpsServer} reports no connection events, and putting a counting proxy in
 * front of it would add a hop to every request (and to the benchmarks that measure them). The
 * kernel's table is exact instead: an accepted connection the server still holds is
 * {@code ESTABLISHED}, or {@code CLOSE_WAIT} once the peer has closed its side; after the server
 * closes its socket it is in a closing state and no longer counted.
 */
final class OpenSockets {
  private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
  private static final String ESTABLISHED = "01";
  private static final String CLOSE_WAIT = "08";

  private OpenSockets() {}

  /**
   * Counts the open connections whose local end is the given address and port.
   *
   * @param address the address the server listens on
   * @param port the port it listens on
   * @return the count
   * @throws UnsupportedOperationException when the kernel's tables cannot be read (not Linux)
   */
  static int accepted(InetAddress address, int port) {
    String portHex = ":" + String.format(Locale.ROOT, "%04X", port);
    Set<String> locals = new HashSet<>();
    locals.add(hex(address.getAddress()) + portHex);
    if (address.getAddress().length == 4) {
      // the JDK opens dual-stack sockets: an IPv4 end shows in tcp6 as ::ffff:a.b.c.d
      byte[] mapped = new byte[16];
      mapped[10] = (byte) 0xff;
      mapped[11] = (byte) 0xff;
      System.arraycopy(address.getAddress(), 0, mapped, 12, 4);
      locals.add(hex(mapped) + portHex);
    }
    int count = 0;
    boolean read = false;
    for (Path table : TABLES) {
      List<String> lines;
      try {
        lines = Files.readAllLines(table);
      } catch (NoSuchFileException e) {
        continue; // no IPv6 table on a kernel without IPv6
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + table, e);
      }
      read = true;
      for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
        // "  sl  local_address rem_address   st ..." -> fields 1, 2 and 3
        String[] f = line.trim().split("\\s+");
        if (f.length > 3 && locals.contains(f[1].toUpperCase(Locale.ROOT)) && (ESTABLISHED.equals(f[3]) || CLOSE_WAIT.equals(f[3]))) {
          count++;
        }
      }
    }
    if (!read) {
      throw new UnsupportedOperationException(
          "counting open connections needs the kernel's socket tables in /proc/net (Linux)");
    }
    return count;
  }

  /** The kernel's notation: each 32-bit word of the address in host byte order (little-endian). */
  private static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (int word = 0; word < b.length; word += 4) {
      for (int i = 3; i >= 0; i--) {
        sb.append(String.format(Locale.ROOT, "%02X", b[word + i]));
      }
    }
    return sb.toString();
  }
}
