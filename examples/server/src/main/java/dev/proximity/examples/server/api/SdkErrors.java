package dev.proximity.examples.server.api;

import dev.proximity.AppNotFoundException;
import dev.proximity.DeployException;
import dev.proximity.InvalidRequestException;
import dev.proximity.OperationTimeoutException;
import dev.proximity.ProximityException;
import dev.proximity.command.SafeCommandRefusedException;
import dev.proximity.examples.server.http.ApiException;
import dev.proximity.pve.PveApiException;
import dev.proximity.pve.PveConnectionException;
import dev.proximity.pve.TaskFailedException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the SDK's typed exceptions to API errors, once for every endpoint.
 *
 * <p>SDK messages name the action, the resource and what to do, and never contain a secret, so they
 * are passed to the client as they are.
 */
public final class SdkErrors {
  private SdkErrors() {}

  /**
   * Maps an exception a handler threw.
   *
   * @param error the exception
   * @return the API error, or null when it is not an SDK exception (a 500 then)
   */
  public static ApiException map(Throwable error) {
    if (error instanceof AppNotFoundException e) {
      return new ApiException(404, "not_found", e.getMessage());
    }
    if (error instanceof InvalidRequestException e) {
      return invalid(e);
    }
    if (error instanceof OperationTimeoutException e) {
      return new ApiException(504, "timeout", e.getMessage(), Map.of("step", e.step()));
    }
    if (error instanceof DeployException e) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("step", e.step().label());
      details.put("rolled_back", e.rolledBack());
      e.hint().ifPresent(h -> details.put("hint", h));
      return new ApiException(502, "operation_failed", e.getMessage(), details);
    }
    if (error instanceof TaskFailedException e) {
      return new ApiException(502, "task_failed", e.getMessage(), Map.of("log_tail", e.logTail()));
    }
    if (error instanceof PveConnectionException e) {
      return new ApiException(503, "proxmox_unreachable", e.getMessage());
    }
    if (error instanceof PveApiException e) {
      if (e.isNotFound()) {
        return new ApiException(404, "not_found", e.getMessage());
      }
      return new ApiException(502, "proxmox_error", e.getMessage(), Map.of("proxmox_status", e.status()));
    }
    if (error instanceof SafeCommandRefusedException e) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("command", e.command());
      e.parameter().ifPresent(p -> details.put("parameter", p));
      if (e.reason() == SafeCommandRefusedException.Reason.UNKNOWN_COMMAND) {
        return new ApiException(404, "unknown_command", e.getMessage(), details);
      }
      return new ApiException(400, e.reason().name().toLowerCase(Locale.ROOT), e.getMessage(), details);
    }
    if (error instanceof ProximityException e) {
      String code = e.getClass().getSimpleName().replaceAll("Exception$", "")
          .replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
      return new ApiException(502, code.isEmpty() ? "sdk_error" : code, e.getMessage());
    }
    return null;
  }

  /**
   * Describes a failed asynchronous operation for its deployment record.
   *
   * @param error the failure
   * @return the error code and message
   */
  public static String[] describe(Throwable error) {
    ApiException mapped = map(error);
    if (mapped != null) {
      return new String[] {mapped.code(), mapped.getMessage()};
    }
    return new String[] {"internal_error", "the operation failed unexpectedly; see the server log"};
  }

  private static ApiException invalid(InvalidRequestException e) {
    String reason = e.reason().name().toLowerCase(Locale.ROOT);
    int status;
    switch (e.reason()) {
      case NAME_TAKEN, APP_RUNNING, APP_STOPPED, NO_UPDATE, NO_CAPACITY -> status = 409;
      case BACKUP_NOT_FOUND -> status = 404;
      case NOT_CONFIGURED -> status = 503;
      default -> status = 400;
    }
    return new ApiException(status, reason, e.getMessage());
  }
}
