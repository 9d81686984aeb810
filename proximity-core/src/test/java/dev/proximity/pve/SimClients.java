package dev.proximity.pve;

import dev.proximity.testkit.PveSimulator;

/** Builds clients that pin the simulator's certificate. */
final class SimClients {
  private SimClients() {}

  static PveClient token(PveSimulator sim, String tokenId, String secret) {
    return of(sim, PveCredentials.apiToken(tokenId, secret));
  }

  static PveClient of(PveSimulator sim, PveCredentials credentials) {
    return PveClient.builder().endpoint(sim.baseUri()).credentials(credentials)
        .trust(TlsTrust.pinnedSha256(sim.certificateSha256Fingerprint())).build();
  }
}
