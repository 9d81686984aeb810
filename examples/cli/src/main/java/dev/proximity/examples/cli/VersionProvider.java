package dev.proximity.examples.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar manifest ({@code Implementation-Version}). */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = ProximityCommand.class.getPackage().getImplementationVersion();
    return new String[] {
      "proximity " + (version == null ? "(development build)" : version),
      "Java " + Runtime.version() + " on " + System.getProperty("os.name")
    };
  }
}
