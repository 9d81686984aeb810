package dev.proximity.pve;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Starts WireMock on a random loopback port per test and builds clients against it. */
abstract class WireTestSupport {
  static final String TOKEN_ID = "root@pam!sdk";
  static final String TOKEN_SECRET = "0f3a6c1e-7d4b-4c6e-9a2b-5e8f1d2c3b4a";

  WireMockServer wm;
  PveClient pve;

  @BeforeEach
  void startWireMock() {
    wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
    pve = client(PveCredentials.apiToken(TOKEN_ID, TOKEN_SECRET), Clock.systemUTC());
  }

  @AfterEach
  void stopWireMock() {
    pve.close();
    wm.stop();
  }

  PveClient client(PveCredentials credentials, Clock clock) {
    return PveClient.builder()
        .endpoint(URI.create("http://127.0.0.1:" + wm.port()))
        .credentials(credentials)
        .clock(clock)
        .build();
  }

  static String data(String json) {
    return "{\"data\":" + json + "}";
  }
}
