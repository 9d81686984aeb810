package dev.proximity.support;

import dev.proximity.spi.CommandResult;
import dev.proximity.spi.HostShell;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A host shell whose every method fails the test: fakes extend it and override only what the test
 * expects to be called, so a call nobody expected shows as an assertion error.
 */
public abstract class UnusedHostShell implements HostShell {
  @Override
  public CommandResult run(List<String> argv, Duration timeout) {
    throw unexpected("run " + argv);
  }

  @Override
  public CommandResult exec(int vmid, List<String> argv, Duration timeout) {
    throw unexpected("exec in CT " + vmid + " " + argv);
  }

  @Override
  public LineStream stream(int vmid, List<String> argv, Duration timeout, Consumer<String> lines) {
    throw unexpected("stream from CT " + vmid + " " + argv);
  }

  @Override
  public LineSession session(List<String> argv, Consumer<String> lines) {
    throw unexpected("session " + argv);
  }

  @Override
  public void push(int vmid, byte[] content, String targetPath, int mode) {
    throw unexpected("push to CT " + vmid + " " + targetPath);
  }

  @Override
  public void push(int vmid, Path source, String targetPath, int mode) {
    throw unexpected("push of " + source + " to CT " + vmid + " " + targetPath);
  }

  private static AssertionError unexpected(String call) {
    return new AssertionError("this test does not expect " + call);
  }
}
