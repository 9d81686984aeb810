package dev.proximity.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.proximity.pve.model.ClusterResource;
import dev.proximity.pve.model.Tags;
import java.io.IOException;

/**
 * Reads a {@link ClusterResource} field by field with the same lenient value rules as every other
 * record. {@code /cluster/resources} is the one answer that grows with the cluster (a listing of
 * 10,000 guests); with Jackson's generic record binding that call took 4 to 7 % longer and
 * allocated 8 % more (the JMH figures in docs/performance.md).
 * {@code ClusterResourceDeserializerTest} checks it against the generic binding.
 */
final class ClusterResourceDeserializer extends StdDeserializer<ClusterResource> {
  private static final long serialVersionUID = 1L;

  private final transient LenientStringDeserializer strings = new LenientStringDeserializer();
  private final transient LenientNumberDeserializers.Ints ints = new LenientNumberDeserializers.Ints(false);
  private final transient LenientNumberDeserializers.Longs longs = new LenientNumberDeserializers.Longs(true);
  private final transient LenientNumberDeserializers.Doubles doubles = new LenientNumberDeserializers.Doubles(true);
  private final transient LenientBooleanDeserializer booleans = new LenientBooleanDeserializer(true);

  ClusterResourceDeserializer() {
    super(ClusterResource.class);
  }

  @Override
  public ClusterResource deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (!p.isExpectedStartObjectToken()) {
      return (ClusterResource) ctxt.handleUnexpectedToken(ClusterResource.class, p);
    }
    String id = null;
    String type = null;
    String node = null;
    Integer vmid = null;
    String name = null;
    String status = null;
    boolean template = false;
    Tags tags = null;
    String pool = null;
    String lock = null;
    double cpu = 0;
    double maxCpu = 0;
    long mem = 0;
    long maxMem = 0;
    long disk = 0;
    long maxDisk = 0;
    long uptime = 0;
    String storage = null;
    String content = null;
    String pluginType = null;
    boolean shared = false;
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      JsonToken value = p.nextToken();
      if (value == JsonToken.VALUE_NULL) {
        continue;  // every field's null is its default, as in the generic binding
      }
      switch (field) {
        case "id" -> id = strings.deserialize(p, ctxt);
        case "type" -> type = strings.deserialize(p, ctxt);
        case "node" -> node = strings.deserialize(p, ctxt);
        case "vmid" -> vmid = ints.deserialize(p, ctxt);
        case "name" -> name = strings.deserialize(p, ctxt);
        case "status" -> status = strings.deserialize(p, ctxt);
        case "template" -> template = booleans.deserialize(p, ctxt);
        case "tags" -> tags = Tags.parse(strings.deserialize(p, ctxt));
        case "pool" -> pool = strings.deserialize(p, ctxt);
        case "lock" -> lock = strings.deserialize(p, ctxt);
        case "cpu" -> cpu = doubles.deserialize(p, ctxt);
        case "maxcpu" -> maxCpu = doubles.deserialize(p, ctxt);
        case "mem" -> mem = longs.deserialize(p, ctxt);
        case "maxmem" -> maxMem = longs.deserialize(p, ctxt);
        case "disk" -> disk = longs.deserialize(p, ctxt);
        case "maxdisk" -> maxDisk = longs.deserialize(p, ctxt);
        case "uptime" -> uptime = longs.deserialize(p, ctxt);
        case "storage" -> storage = strings.deserialize(p, ctxt);
        case "content" -> content = strings.deserialize(p, ctxt);
        case "plugintype" -> pluginType = strings.deserialize(p, ctxt);
        case "shared" -> shared = booleans.deserialize(p, ctxt);
        default -> p.skipChildren();
      }
    }
    return new ClusterResource(id, type, node, vmid, name, status, template, tags, pool, lock, cpu, maxCpu, mem,
        maxMem, disk, maxDisk, uptime, storage, content, pluginType, shared);
  }
}
