package dev.proximity.pve;

import dev.proximity.internal.http.ApiRequest;
import dev.proximity.internal.http.ApiResponse;
import dev.proximity.internal.http.Transport;
import dev.proximity.pve.model.Upid;
import java.util.Map;

/** Shared helpers of the resource groups: send a task-starting call and wrap its UPID. */
final class Calls {
  private Calls() {}

  static Task task(Transport transport, ApiRequest request) {
    ApiResponse response = transport.send(request);
    String text = response.data().asText("");
    if (!Upid.isUpid(text)) {
      throw new PveApiException(200, "expected a task id (UPID) in the answer, got '" + text + "'", Map.of(),
          request.method(), request.path());
    }
    return Task.justStarted(transport, Upid.parse(text));
  }
}
