package dev.proximity.testkit.pve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.testkit.PveSimulator;
import dev.proximity.testkit.PveSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExtensionTest {
  @RegisterExtension
  static final PveSimulatorExtension PVE = PveSimulatorExtension.create(b -> b.timeScale(0.0005).node("pve9", 2, 4L << 30));

  @Test
  void injectsTheRunningSimulator(PveSimulator sim) {
    assertThat(sim).isSameAs(PVE.sim());
    assertThat(sim.baseUri().getHost()).isEqualTo("127.0.0.1");
    assertThat(sim.certificateSha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    SimClient c = new SimClient(sim).login("root@pam", "proximity");
    assertThat(c.get("/nodes").data().get(0).get("node").asText()).isEqualTo("pve9");
    assertThat(sim.guests("pve9")).isEmpty();
  }
}
