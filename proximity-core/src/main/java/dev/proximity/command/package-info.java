/**
 * Safe commands: a closed set of read-only diagnostics with typed, validated parameters
 * ({@link dev.proximity.command.SafeCommand}), run and audited by
 * {@link dev.proximity.command.SafeCommands}, with secrets masked by
 * {@link dev.proximity.command.Redaction}. The exact argv of each command is in
 * docs/safe-commands.md.
 */
package dev.proximity.command;
