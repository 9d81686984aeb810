package dev.proximity.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Common ground of the subcommands: the root's options, the output layer and the configuration. */
abstract class BaseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** The root command, holding the global options. */
  ProximityCommand root() {
    return (ProximityCommand) spec.root().userObject();
  }

  Printer printer() {
    return root().printer();
  }

  CliConfig config() {
    return root().config();
  }
}
