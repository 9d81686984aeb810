package dev.proximity.tests.docs;

import dev.proximity.audit.AuditSink;
import dev.proximity.command.SafeCommand;
import dev.proximity.command.SafeCommandResult;
import dev.proximity.command.SafeCommands;
import dev.proximity.spi.HostShellFactory;
import java.util.Map;

/** The example quoted by docs/safe-commands.md; DocExamplesTest runs it against the simulators. */
public final class SafeCommandExamples {
  private SafeCommandExamples() {}

  /** Parses untrusted input into a safe command and runs it in container 101 on pve1. */
  public static SafeCommandResult logs(HostShellFactory shells) {
    // region:safe-command-run
    SafeCommand command = SafeCommand.parse("logs", Map.of("tail", "200", "service", "web"));
    SafeCommandResult result = SafeCommands.run(shells.forNode("pve1"), 101, command, "alice",
        AuditSink.slf4j());
    // endregion
    return result;
  }
}
