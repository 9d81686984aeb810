package dev.proximity.examples.cli;

import dev.proximity.AppNotFoundException;
import dev.proximity.DeployException;
import dev.proximity.InvalidRequestException;
import dev.proximity.OperationTimeoutException;
import dev.proximity.ProximityException;
import dev.proximity.catalog.CatalogException;
import dev.proximity.command.SafeCommandRefusedException;
import dev.proximity.pve.PveApiException;
import dev.proximity.pve.PveConnectionException;
import dev.proximity.pve.TaskFailedException;
import dev.proximity.pve.TaskTimeoutException;
import dev.proximity.ssh.SshCommandException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns any failure into a {@link CliException}: an exit code, one line of message and a hint.
 *
 * <p>SDK messages already name the action, the resource and what to do; this class picks the exit
 * code and adds a hint in terms of the CLI's commands and flags.
 */
final class ErrorReport {
  private ErrorReport() {}

  static CliException of(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof CliException) {
      return (CliException) t;
    }
    if (t instanceof InterruptedException || t instanceof CancellationException) {
      Thread.currentThread().interrupt();
      return new CliException(ExitCodes.INTERRUPTED, "interrupted", "", t);
    }
    String message = Printer.oneLine(t.getMessage());
    if (t instanceof AppNotFoundException) {
      return new CliException(ExitCodes.NOT_FOUND,
          "no app named '" + Printer.clean(((AppNotFoundException) t).app()) + "'", "list apps with 'proximity apps'", t);
    }
    if (t instanceof InvalidRequestException) {
      return invalidRequest((InvalidRequestException) t, message);
    }
    if (t instanceof SafeCommandRefusedException) {
      return new CliException(ExitCodes.USAGE, message, "see 'proximity run --help' for the safe commands", t);
    }
    if (t instanceof DeployException) {
      DeployException d = (DeployException) t;
      int hintAt = message.indexOf(". Hint: ");
      String text = hintAt > 0 ? message.substring(0, hintAt) : message;
      String hint = d.hint().orElse(d.remoteLogTail().isEmpty()
          ? "run again with --debug for details"
          : "remote log: " + Printer.oneLine(d.remoteLogTail().get(d.remoteLogTail().size() - 1)));
      return new CliException(ExitCodes.FAILURE, text, hint, t);
    }
    if (t instanceof OperationTimeoutException || t instanceof TaskTimeoutException) {
      return new CliException(ExitCodes.TIMEOUT, message, "allow more time with --timeout, e.g. --timeout 30m", t);
    }
    if (t instanceof PveConnectionException) {
      PveConnectionException c = (PveConnectionException) t;
      if (c.kind() == PveConnectionException.Kind.TIMEOUT) {
        return new CliException(ExitCodes.TIMEOUT, message, "check that the endpoint is reachable; 'proximity doctor' helps", t);
      }
      String hint = c.kind() == PveConnectionException.Kind.TLS && c.presentedFingerprint().isPresent()
          ? "if that is your node's certificate, pin it: --fingerprint " + c.presentedFingerprint().get()
          : "check --endpoint; 'proximity doctor' shows what is wrong";
      return new CliException(ExitCodes.CONNECTION, message, hint, t);
    }
    if (t instanceof PveApiException) {
      PveApiException a = (PveApiException) t;
      if (a.isAuth()) {
        return new CliException(ExitCodes.AUTH, message, "check the credentials and privileges with 'proximity doctor'", t);
      }
      if (a.isNotFound()) {
        return new CliException(ExitCodes.NOT_FOUND, message, "", t);
      }
      return new CliException(ExitCodes.FAILURE, message, "run again with --debug for details", t);
    }
    if (t instanceof TaskFailedException) {
      TaskFailedException f = (TaskFailedException) t;
      String hint = f.logTail().isEmpty() ? "" : "task log: " + Printer.oneLine(f.logTail().get(f.logTail().size() - 1));
      return new CliException(ExitCodes.FAILURE, message, hint, t);
    }
    if (t instanceof SshCommandException) {
      return ssh((SshCommandException) t, message);
    }
    if (t instanceof CatalogException) {
      return new CliException(ExitCodes.USAGE, message, "see 'proximity catalog show ID'", t);
    }
    if (t instanceof ProximityException) {
      return new CliException(ExitCodes.FAILURE, message, "run again with --debug for details", t);
    }
    if (t instanceof IllegalArgumentException) {
      return new CliException(ExitCodes.USAGE, message, "see the command's --help", t);
    }
    return new CliException(
        ExitCodes.FAILURE,
        "unexpected " + t.getClass().getSimpleName() + ": " + message,
        "run again with --debug and report the stack trace",
        t);
  }

  private static CliException invalidRequest(InvalidRequestException e, String message) {
    switch (e.reason()) {
      case UNKNOWN_CATALOG_ENTRY:
        return new CliException(ExitCodes.NOT_FOUND, message, "list the catalog with 'proximity catalog'", e);
      case BACKUP_NOT_FOUND:
        return new CliException(ExitCodes.NOT_FOUND, message, "list backups with 'proximity backups NAME'", e);
      case UNKNOWN_NODE:
        return new CliException(ExitCodes.NOT_FOUND, message, "list nodes with 'proximity nodes'", e);
      case NAME_TAKEN:
        return new CliException(ExitCodes.REFUSED, message, "pick another --name, or see 'proximity apps'", e);
      case APP_RUNNING:
        return new CliException(ExitCodes.REFUSED, message, "stop it first, or add --force", e);
      case APP_STOPPED:
        return new CliException(ExitCodes.REFUSED, message, "start it first with 'proximity start NAME'", e);
      case DISK_SHRINK:
        return new CliException(ExitCodes.REFUSED, message, "disks can only grow; give a larger --disk", e);
      case NO_UPDATE:
        return new CliException(ExitCodes.REFUSED, message, "the app is on the catalog's version", e);
      case NO_CAPACITY:
        return new CliException(ExitCodes.REFUSED, message, "free resources, ask for less, or pick another --node", e);
      case MISSING_PRIVILEGES:
        return new CliException(ExitCodes.AUTH, message, "'proximity doctor' lists what to grant", e);
      default:
        return new CliException(ExitCodes.USAGE, message, "see the command's --help", e);
    }
  }

  private static CliException ssh(SshCommandException e, String message) {
    switch (e.reason()) {
      case HOST_KEY_UNKNOWN:
      case HOST_KEY_CHANGED:
        return new CliException(ExitCodes.CONNECTION, message, e.presentedFingerprint()
            .map(fp -> "if that is the node's key, pin it: --ssh-host-key " + fp)
            .orElse("check the host key; 'proximity doctor' helps"), e);
      case AUTHENTICATION:
        return new CliException(ExitCodes.AUTH, message, "check --ssh-user and the SSH key or password", e);
      case CONNECT:
      case CONNECTION_LOST:
      case UNKNOWN_NODE:
        return new CliException(ExitCodes.CONNECTION, message, "check --ssh-host NODE=ADDRESS; 'proximity doctor' helps", e);
      case TIMEOUT:
        return new CliException(ExitCodes.TIMEOUT, message, "", e);
      default:
        return new CliException(ExitCodes.FAILURE, message, "run again with --debug for details", e);
    }
  }

  private static Throwable unwrap(Throwable t) {
    Throwable current = t;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
