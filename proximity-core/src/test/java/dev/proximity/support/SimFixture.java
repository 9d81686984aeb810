package dev.proximity.support;

import dev.proximity.Proximity;
import dev.proximity.pve.PveCredentials;
import dev.proximity.pve.TlsTrust;
import dev.proximity.testkit.PveSimulator;
import dev.proximity.testkit.PveSimulatorBuilder;
import dev.proximity.testkit.StorageSpec;
import java.time.Duration;
import java.util.function.Consumer;

/** A simulator with two nodes and no template on storage, plus a connected SDK. */
public final class SimFixture implements AutoCloseable {
  public final PveSimulator sim;
  public final FakeShells shells;
  public final TinyCatalog catalog = new TinyCatalog();
  public final Proximity px;

  public SimFixture() {
    this(b -> {}, p -> {});
  }

  public SimFixture(Consumer<PveSimulatorBuilder> simConfig,
      Consumer<Proximity.Builder> pxConfig) {
    PveSimulatorBuilder b = PveSimulator.builder()
        .node("pve1", 8, 16L << 30)
        .node("pve2", 8, 8L << 30)
        .storage(StorageSpec.builder("local").type("dir").content("vztmpl", "backup").build())
        .storage(StorageSpec.builder("local-lvm").type("lvmthin").content("rootdir", "images")
            .build())
        .timeScale(0.0005)
        .seed(7);
    simConfig.accept(b);
    sim = b.start();
    shells = new FakeShells(sim);
    Proximity.Builder pb = Proximity.builder()
        .endpoint(sim.baseUri())
        .credentials(PveCredentials.password("root@pam", "proximity"))
        .trust(TlsTrust.pinnedSha256(sim.certificateSha256Fingerprint()))
        .hostShell(shells)
        .catalog(catalog)
        .operationTimeout(Duration.ofMinutes(2));
    pxConfig.accept(pb);
    px = pb.build();
  }

  @Override
  public void close() {
    px.close();
    sim.close();
  }
}
