package dev.proximity.testkit.pve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.testkit.PveSchema;
import dev.proximity.testkit.PveSimulator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every endpoint of the bundled schema: an unknown parameter and missing required ones give 400. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaSweepTest {
  private static final Map<String, String> PATH_VALUES = Map.of("node", "pve", "vmid", "100", "storage", "local",
      "volume", "local%3Avztmpl%2Fx.tar.zst", "upid", "UPID:pve:0000AAAA:0000BBBB:6A000000:vzstart:100:root@pam:",
      "id", "job1", "snapname", "s1", "iface", "vmbr0", "poolid", "apps");
  PveSimulator sim;
  SimClient token;

  @BeforeAll
  void start() {
    sim = PveSimulator.builder().token("root@pam!ci", "secret-1", false).start();
    token = new SimClient(sim).token("root@pam!ci", "secret-1");
  }

  @AfterAll
  void stop() {
    sim.close();
  }

  Stream<Named<PveSchema.Endpoint>> endpoints() {
    return PveSchema.bundled().endpoints().stream().map(e -> Named.of(e.method() + " " + e.pathTemplate(), e));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void unknownAndMissingParameters_are400(PveSchema.Endpoint e) {
    String path = e.pathTemplate();
    for (Map.Entry<String, String> v : PATH_VALUES.entrySet()) {
      path = path.replace("{" + v.getKey() + "}", v.getValue());
    }
    SimClient client = e.pathTemplate().equals("/access/ticket") ? new SimClient(sim) : token;
    boolean query = e.method().equals("GET") || e.method().equals("DELETE");
    SimClient.Resp r = query ? client.sendRaw(e.method(), path + "?zzz-unknown=1", null)
        : client.sendRaw(e.method(), path, "zzz-unknown=1");
    assertThat(r.status()).as(e.method() + " " + path + ": " + r.body()).isEqualTo(400);
    JsonNode errors = r.body().get("errors");
    assertThat(errors.get("zzz-unknown").asText())
        .isEqualTo("property is not defined in schema and the schema does not allow additional properties");
    for (JsonNode p : e.parameters()) {
      if (!p.path("optional").asBoolean() && !"path".equals(p.path("in").asText())) {
        assertThat(errors.get(p.get("name").asText()).asText()).isEqualTo("property is missing and it is not optional");
      }
    }
  }
}
