package dev.proximity.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proximity.internal.json.Json;
import dev.proximity.pve.model.ClusterResource;
import dev.proximity.pve.model.StorageContent;
import dev.proximity.pve.model.TaskSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming list decoder gives what the JSON tree and {@link Json#convertList} give. */
class BodyDecoderTest {

  private static byte[] example(String name) throws IOException {
    try (InputStream in = BodyDecoderTest.class.getResourceAsStream("/pve/examples/" + name)) {
      return in.readAllBytes();
    }
  }

  private static <T> void sameAsTree(byte[] body, Class<T> type) throws IOException {
    List<T> streamed = BodyDecoder.dataList(type).decode(body);
    List<T> viaTree = Json.convertList(Json.mapper().readTree(body).get("data"), type);
    assertThat(streamed).isNotEmpty().isEqualTo(viaTree);
  }

  @Test
  void realAnswers_decodeAsThroughTheTree() throws IOException {
    sameAsTree(example("cluster-resources-lxc.json"), ClusterResource.class);
    sameAsTree(example("nodes-node-tasks.json"), TaskSummary.class);
    sameAsTree(example("storage-content-backups-pbs.json"), StorageContent.class);
  }

  @Test
  void lenientValues_andFieldsAroundData_decodeAsThroughTheTree() throws IOException {
    String json = "{\"total\":2,\"extra\":{\"nested\":[1,{\"data\":[]}]},\"data\":["
        + "{\"id\":\"lxc/100\",\"type\":\"lxc\",\"vmid\":\"100\",\"template\":1,\"maxmem\":\"1024\","
        + "\"cpu\":\"0.5\",\"tags\":\"b;a\",\"unknown\":{\"x\":[1,2]}},"
        + "{\"id\":\"storage/pve/local\",\"type\":\"storage\",\"shared\":0}],\"after\":true}";
    sameAsTree(json.getBytes(StandardCharsets.UTF_8), ClusterResource.class);
  }

  @Test
  void missingNullOrNonArrayData_isAnEmptyList() throws IOException {
    for (String body : new String[] {"", "{}", "{\"data\":null}", "{\"data\":{\"a\":1}}", "[]", "{\"other\":[1]}"}) {
      assertThat(BodyDecoder.dataList(ClusterResource.class).decode(body.getBytes(StandardCharsets.UTF_8)))
          .as(body).isEmpty();
    }
  }

  @Test
  void brokenJson_isAnIoException() {
    assertThatThrownBy(() -> BodyDecoder.dataList(ClusterResource.class)
        .decode("{\"data\":[{\"id\":".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);
  }
}
