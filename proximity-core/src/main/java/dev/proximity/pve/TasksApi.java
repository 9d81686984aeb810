package dev.proximity.pve;

import dev.proximity.internal.http.ApiRequest;
import dev.proximity.internal.http.BodyDecoder;
import dev.proximity.internal.http.PathBuilder;
import dev.proximity.internal.http.Transport;
import dev.proximity.pve.model.TaskSummary;
import dev.proximity.pve.model.Upid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tasks of one node ({@code /nodes/{node}/tasks}). Immutable and thread-safe.
 */
public final class TasksApi {
  private final Transport transport;
  private final String node;

  TasksApi(Transport transport, String node) {
    this.transport = transport;
    this.node = node;
  }

  /**
   * Lists recent finished tasks, newest first (at most 50).
   *
   * @return the tasks
   */
  public List<TaskSummary> list() {
    return list(null, null, 50);
  }

  /**
   * Lists tasks, filtered; running tasks are included ({@code source=all}).
   *
   * @param vmid only tasks of this guest, or null
   * @param type only this worker type, e.g. {@code vztemplate}, or null
   * @param limit at most this many
   * @return the tasks, newest first
   */
  public List<TaskSummary> list(Integer vmid, String type, int limit) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("source", "all");
    if (vmid != null) {
      q.put("vmid", vmid.toString());
    }
    if (type != null) {
      q.put("typefilter", type);
    }
    q.put("limit", Integer.toString(limit));
    return transport.send(ApiRequest.get(PathBuilder.path("nodes", node, "tasks"), q),
        BodyDecoder.dataList(TaskSummary.class));
  }

  /**
   * Returns a handle on a task of this node.
   *
   * @param upid the UPID text
   * @return the handle
   * @throws IllegalArgumentException when the text is not a UPID of this node
   */
  public Task task(String upid) {
    Upid parsed = Upid.parse(upid);
    if (!parsed.node().equals(node)) {
      throw new IllegalArgumentException("task " + upid + " runs on node " + parsed.node() + ", not " + node);
    }
    return new Task(transport, parsed, false);
  }
}
