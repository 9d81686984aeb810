package dev.proximity.internal.http;

import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.TlsTrust;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Connection settings of a transport.
 *
 * @param endpoint e.g. {@code https://10.0.0.2:8006}
 * @param credentials token or password
 * @param trust TLS trust
 * @param connectTimeout TCP and TLS connect timeout
 * @param requestTimeout longest wait for the answer of one attempt
 * @param clock clock for ticket age and task deadlines
 * @param retry retry policy for reads
 */
public record TransportConfig(URI endpoint, PveCredentials credentials, TlsTrust trust,
    Duration connectTimeout, Duration requestTimeout, Clock clock, RetryPolicy retry) {

  /** Checks that nothing is missing. */
  public TransportConfig {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(retry, "retry");
  }
}
