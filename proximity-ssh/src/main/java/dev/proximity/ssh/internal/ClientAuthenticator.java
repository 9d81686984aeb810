package dev.proximity.ssh.internal;

import java.io.IOException;
import net.schmizz.sshj.SSHClient;

/** Authenticates a connected sshj client; supplied by {@code SshAuth}. */
@FunctionalInterface
public interface ClientAuthenticator {

  /**
   * Authenticates.
   *
   * @param client the connected client
   * @param user the login user
   * @throws IOException when the server refuses or the connection fails
   */
  void authenticate(SSHClient client, String user) throws IOException;
}
