package dev.proximity.testkit.pve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.testkit.PveSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import dev.proximity.testkit.PveSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The simulator rejects exactly what the schema rejects, with the same errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaFidelityTest {
  static final String TEMPLATE = SimTestBase.TEMPLATE;
  static final PveSchema SCHEMA = PveSchema.bundled();
  PveSimulator sim;
  SimClient api;

  @BeforeAll
  void start() {
    sim = PveSimulator.builder().token("root@pam!ci", "secret-1", false).start();
    api = new SimClient(sim).token("root@pam!ci", "secret-1");
  }

  @AfterAll
  void stop() {
    sim.close();
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("POST", "/nodes/pve/lxc", Map.of("vmid", "101", "ostemplate", TEMPLATE, "unprivileged", "true"),
            "unprivileged", "type check ('boolean') failed - got 'true'"),
        Arguments.of("POST", "/nodes/pve/lxc", Map.of("ostemplate", TEMPLATE), "vmid",
            "property is missing and it is not optional"),
        Arguments.of("POST", "/nodes/pve/lxc", Map.of("vmid", "99", "ostemplate", TEMPLATE), "vmid",
            "value must have a minimum value of 100"),
        Arguments.of("POST", "/nodes/pve/lxc", Map.of("vmid", "abc", "ostemplate", TEMPLATE), "vmid",
            "type check ('integer') failed - got 'abc'"),
        Arguments.of("POST", "/nodes/pve/lxc", Map.of("vmid", "101", "ostemplate", TEMPLATE, "bogus", "1"), "bogus",
            "property is not defined in schema and the schema does not allow additional properties"),
        Arguments.of("POST", "/nodes/pve/lxc", Map.of("vmid", "101", "ostemplate", TEMPLATE, "arch", "sparc"), "arch",
            "value 'sparc' does not have a value in the enumeration 'amd64, i386, arm64, armhf, riscv32, riscv64'"),
        Arguments.of("POST", "/nodes/pve/lxc", Map.of("vmid", "101", "ostemplate", TEMPLATE, "net32", "name=eth0"),
            "net32", "property is not defined in schema and the schema does not allow additional properties"),
        Arguments.of("POST", "/nodes/pve/lxc", Map.of("vmid", "101", "ostemplate", TEMPLATE, "net0", "bridge=vmbr0"),
            "net0", "invalid format - format error\nnet0.name: property is missing and it is not optional"),
        Arguments.of("POST", "/nodes/pve/lxc", Map.of("vmid", "101", "ostemplate", TEMPLATE, "features", "nesting=1,docker=1"),
            "features", "invalid format - invalid key in comma-separated list property: docker"),
        Arguments.of("POST", "/nodes/pve/lxc", Map.of("vmid", "101", "ostemplate", TEMPLATE, "hostname", "bad_host!"),
            "hostname", "invalid format - value does not look like a valid DNS name"),
        Arguments.of("POST", "/nodes/pve/lxc", Map.of("vmid", "101", "ostemplate", TEMPLATE, "cores", "0"),
            "cores", "value must have a minimum value of 1"),
        Arguments.of("POST", "/nodes/pve/lxc/101/status/start", Map.of("debug", "yes"), "debug",
            "type check ('boolean') failed - got 'yes'"),
        Arguments.of("POST", "/nodes/pve/vzdump", Map.of("vmid", "101", "compress", "bzip2"), "compress",
            "value 'bzip2' does not have a value in the enumeration '0, 1, gzip, lzo, zstd'"),
        Arguments.of("POST", "/nodes/pve/vzdump", Map.of("vmid", "101", "prune-backups", "keep-lots=3"),
            "prune-backups", "invalid format - invalid key in comma-separated list property: keep-lots"),
        Arguments.of("GET", "/cluster/resources", Map.of("type", "qemu"), "type",
            "value 'qemu' does not have a value in the enumeration 'vm, storage, node, sdn'"),
        Arguments.of("PUT", "/nodes/pve/lxc/101/resize", Map.of("disk", "sda", "size", "+2G"), "disk",
            "value 'sda' does not have a value in the enumeration 'rootfs, mp0, mp1, mp2, mp3, mp4, mp5, mp6, mp7, mp8, mp9, mp10, mp11, mp12, mp13, mp14, mp15, mp16, mp17, mp18, mp19, mp20, mp21, mp22, mp23, mp24, mp25, mp26, mp27, mp28, mp29, mp30, mp31, mp32, mp33, mp34, mp35, mp36, mp37, mp38, mp39, mp40, mp41, mp42, mp43, mp44, mp45, mp46, mp47, mp48, mp49, mp50, mp51, mp52, mp53, mp54, mp55, mp56, mp57, mp58, mp59, mp60, mp61, mp62, mp63, mp64, mp65, mp66, mp67, mp68, mp69, mp70, mp71, mp72, mp73, mp74, mp75, mp76, mp77, mp78, mp79, mp80, mp81, mp82, mp83, mp84, mp85, mp86, mp87, mp88, mp89, mp90, mp91, mp92, mp93, mp94, mp95, mp96, mp97, mp98, mp99, mp100, mp101, mp102, mp103, mp104, mp105, mp106, mp107, mp108, mp109, mp110, mp111, mp112, mp113, mp114, mp115, mp116, mp117, mp118, mp119, mp120, mp121, mp122, mp123, mp124, mp125, mp126, mp127, mp128, mp129, mp130, mp131, mp132, mp133, mp134, mp135, mp136, mp137, mp138, mp139, mp140, mp141, mp142, mp143, mp144, mp145, mp146, mp147, mp148, mp149, mp150, mp151, mp152, mp153, mp154, mp155, mp156, mp157, mp158, mp159, mp160, mp161, mp162, mp163, mp164, mp165, mp166, mp167, mp168, mp169, mp170, mp171, mp172, mp173, mp174, mp175, mp176, mp177, mp178, mp179, mp180, mp181, mp182, mp183, mp184, mp185, mp186, mp187, mp188, mp189, mp190, mp191, mp192, mp193, mp194, mp195, mp196, mp197, mp198, mp199, mp200, mp201, mp202, mp203, mp204, mp205, mp206, mp207, mp208, mp209, mp210, mp211, mp212, mp213, mp214, mp215, mp216, mp217, mp218, mp219, mp220, mp221, mp222, mp223, mp224, mp225, mp226, mp227, mp228, mp229, mp230, mp231, mp232, mp233, mp234, mp235, mp236, mp237, mp238, mp239, mp240, mp241, mp242, mp243, mp244, mp245, mp246, mp247, mp248, mp249, mp250, mp251, mp252, mp253, mp254, mp255'"),
        Arguments.of("GET", "/nodes/pve/tasks/UPID:pve:0000AAAA:0000BBBB:6A000000:vzstart:100:root@pam:/log",
            Map.of("limit", "-1"), "limit", "value must have a minimum value of 0"),
        Arguments.of("POST", "/access/ticket", Map.of("username", "root@pam"), "password",
            "property is missing and it is not optional"));
  }

  @ParameterizedTest(name = "{0} {1} {3}")
  @MethodSource("invalid")
  void simulator_rejectsWhatTheSchemaRejects(String method, String path, Map<String, String> params, String key,
      String message) {
    List<PveSchema.Violation> violations = SCHEMA.validateSingle(method, path, params);
    assertThat(PveSchema.errors(violations)).containsEntry(key, message);

    SimClient.Resp r = send(method, path, params);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.message()).isEqualTo("Parameter verification failed.\n");
    JsonNode errors = r.body().get("errors");
    Map<String, String> got = new LinkedHashMap<>();
    errors.fields().forEachRemaining(e -> got.put(e.getKey(), e.getValue().asText()));
    assertThat(got).isEqualTo(PveSchema.errors(violations));
  }

  private SimClient.Resp send(String method, String path, Map<String, String> params) {
    String body = SimClient.encode(params);
    SimClient client = path.equals("/access/ticket") ? new SimClient(sim) : api;
    if ("GET".equals(method) || "DELETE".equals(method)) {
      return client.sendRaw(method, path + (body.isEmpty() ? "" : "?" + body), null);
    }
    return client.sendRaw(method, path, body);
  }

  @Test
  void validRequests_passTheSchema() {
    assertThat(SCHEMA.validateSingle("POST", "/nodes/pve/lxc", Map.of("vmid", "101", "ostemplate", TEMPLATE,
        "net0", "name=eth0,bridge=vmbr0,ip=dhcp,firewall=1", "rootfs", "local-lvm:8", "features", "nesting=1,keyctl=1",
        "tags", "proximity;web", "unprivileged", "1", "hostname", "web-1"))).isEmpty();
    assertThat(SCHEMA.validateSingle("POST", "/nodes/pve/vzdump", Map.of("vmid", "101", "storage", "local",
        "prune-backups", "keep-last=3,keep-daily=7", "notes-template", "{{guestname}}"))).isEmpty();
    assertThat(SCHEMA.validateSingle("GET",
        "/api2/json/nodes/pve/storage/local/content/local%3Avztmpl%2Fdebian-12-standard_12.7-1_amd64.tar.zst", Map.of()))
        .isEmpty();
    assertThat(SCHEMA.match("GET", "/nodes/pve/storage/local/content/local%3Avztmpl%2Fx.tar.zst").orElseThrow()
        .pathParameters()).containsEntry("volume", "local:vztmpl/x.tar.zst");
    assertThat(SCHEMA.validateSingle("GET", "/nodes/pve/qemu", Map.of()).get(0).parameter()).isEqualTo("(path)");
  }

  @Test
  void rawEqualsInFormValue_isTruncatedLikeProxmox() {
    SimClient.Resp r = api.sendRaw("POST", "/nodes/pve/lxc",
        "vmid=101&ostemplate=" + TEMPLATE.replace(":", "%3A") + "&net0=name=eth0,bridge=vmbr0");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("errors").get("net0").asText()).contains("invalid format");
  }

  @Test
  void errorBody_hasProxmoxShape() {
    assertThat(SCHEMA.validate("POST", "/nodes/pve/lxc/101/status/start", Map.of("debug", List.of("1")))).isEmpty();
    assertThat(PveSchema.errorBody(SCHEMA.validateSingle("POST", "/nodes/pve/lxc/101/status/start",
        Map.of("debug", "true")))).isEqualTo("{\"data\":null,\"errors\":{\"debug\":\"type check ('boolean') failed - got 'true'\"},"
        + "\"message\":\"Parameter verification failed.\\n\"}");
  }
}
