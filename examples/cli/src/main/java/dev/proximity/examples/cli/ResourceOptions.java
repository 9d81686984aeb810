package dev.proximity.examples.cli;

import dev.proximity.Resources;
import picocli.CommandLine.Option;

/**
 * The {@code --cores}, {@code --memory} and {@code --disk} options that {@code deploy} and
 * {@code resize} share, mixed into both with {@code @Mixin}, so that the two parse and check sizes
 * the same way.
 */
final class ResourceOptions {
  @Option(names = "--cores", paramLabel = "N", description = "CPU cores.")
  Integer cores;

  @Option(names = "--memory", paramLabel = "SIZE", description = "Memory, e.g. 512M or 2G (a bare number is MiB).")
  String memory;

  @Option(names = "--disk", paramLabel = "SIZE", description = "Root disk, e.g. 20G (a bare number is GiB); resize only grows it.")
  String disk;

  /** @return whether any of the three options was given */
  boolean given() {
    return cores != null || memory != null || disk != null;
  }

  /**
   * Parses and checks the given options; the ones left out stay unset.
   *
   * @return the resources
   * @throws CliException (usage) naming the option and the accepted values
   */
  Resources toResources() {
    Resources.Builder b = Resources.builder();
    if (cores != null) {
      if (cores < 1 || cores > 8192) {
        throw new CliException(ExitCodes.USAGE, "invalid value for --cores: " + cores, "use 1 or more cores");
      }
      b.cores(cores);
    }
    if (memory != null) {
      b.memoryMb(Sizes.memoryMb("--memory", memory));
    }
    if (disk != null) {
      b.diskGb(Sizes.diskGb("--disk", disk));
    }
    return b.build();
  }
}
