package dev.proximity.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.proximity.pve.model.ClusterResource;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The hand-written {@link ClusterResource} reader gives what Jackson's generic record binding gives. */
class ClusterResourceDeserializerTest {
  /** The core mapper's rules without the hand-written reader. */
  private static final ObjectMapper GENERIC = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
      .addModule(Json.lenientModule())
      .build();

  private static void same(String json) throws IOException {
    ClusterResource generic = GENERIC.readValue(json, ClusterResource.class);
    ClusterResource handWritten = Json.mapper().readValue(json, ClusterResource.class);
    assertThat(handWritten).as(json).isEqualTo(generic);
  }

  @Test
  void realAnswer_everyEntryAsTheGenericBinding() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/pve/examples/cluster-resources-lxc.json")) {
      JsonNode data = Json.mapper().readTree(in).get("data");
      assertThat(data.size()).isPositive();
      for (JsonNode entry : data) {
        same(entry.toString());
      }
    }
  }

  @Test
  void everyComponentIsRead() throws IOException {
    // Distinct non-default values for every field: a component the reader missed would differ.
    String json = "{\"id\":\"lxc/101\",\"type\":\"lxc\",\"node\":\"pve2\",\"vmid\":101,\"name\":\"web\","
        + "\"status\":\"running\",\"template\":1,\"tags\":\"b;a\",\"pool\":\"proximity\",\"lock\":\"backup\","
        + "\"cpu\":0.25,\"maxcpu\":4,\"mem\":1024,\"maxmem\":2048,\"disk\":4096,\"maxdisk\":8192,\"uptime\":77,"
        + "\"storage\":\"local\",\"content\":\"rootdir,images\",\"plugintype\":\"lvmthin\",\"shared\":1}";
    ClusterResource r = Json.mapper().readValue(json, ClusterResource.class);
    ClusterResource defaults = Json.mapper().readValue("{}", ClusterResource.class);
    List<String> unread = new ArrayList<>();
    for (RecordComponent c : ClusterResource.class.getRecordComponents()) {
      try {
        if (Objects.equals(c.getAccessor().invoke(r), c.getAccessor().invoke(defaults))) {
          unread.add(c.getName());
        }
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
    assertThat(unread).as("components left at their default").isEmpty();
    same(json);
  }

  @Test
  void lenientForms_nulls_andUnknownFields_asTheGenericBinding() throws IOException {
    same("{}");
    same("{\"vmid\":\"105\",\"template\":\"1\",\"shared\":true,\"cpu\":\"0.5\",\"maxmem\":\"1024\",\"uptime\":12.7}");
    same("{\"vmid\":null,\"template\":null,\"tags\":null,\"name\":null,\"cpu\":null,\"mem\":null,\"shared\":\"\"}");
    same("{\"template\":0,\"shared\":\"yes\",\"mem\":true,\"disk\":\"\",\"maxdisk\":\"x\",\"name\":42}");
    same("{\"id\":\"node/pve1\",\"unknown\":{\"a\":[1,{\"b\":2}]},\"also\":[null],\"type\":\"node\",\"level\":\"\"}");
    same("{\"tags\":\"one two,three;one\",\"content\":{\"k\":\"v\"}}");
  }
}
