package dev.proximity.examples.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Entry point of the {@code proximity} command-line tool.
 *
 * <p>{@link #run(CliEnvironment, String...)} is the whole program without {@code System.exit}, so
 * tests run the real command in-process with captured output and a chosen environment.
 */
public final class Main {
  private Main() {}

  /**
   * Runs the CLI and exits with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    CliEnvironment env = CliEnvironment.system();
    ProximityCommand root = new ProximityCommand(env);
    // Ctrl-C: cancel what runs (a deploy rolls back), then let the command close its session
    Runtime.getRuntime().addShutdownHook(new Thread(() -> root.interrupt(Duration.ofSeconds(60)), "proximity-interrupt"));
    System.exit(run(env, root, args));
  }

  /**
   * Runs the CLI in this process.
   *
   * @param env output streams, environment variables, terminal or not
   * @param args the command line
   * @return the exit code, one of {@link ExitCodes}
   */
  public static int run(CliEnvironment env, String... args) {
    return run(env, new ProximityCommand(env), args);
  }

  private static int run(CliEnvironment env, ProximityCommand root, String... args) {
    CommandLine cli = commandLine(root);
    boolean colours = env.colours() && !Arrays.asList(args).contains("--no-color");
    cli.setColorScheme(CommandLine.Help.defaultColorScheme(colours ? Ansi.ON : Ansi.OFF));
    cli.setOut(new PrintWriter(env.out(), true));
    cli.setErr(new PrintWriter(env.err(), true));
    cli.setParameterExceptionHandler((e, arguments) -> usageError(root, e));
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> failure(root, e));
    try {
      return cli.execute(args);
    } finally {
      root.finished();
    }
  }

  /** Builds the command tree. */
  static CommandLine commandLine(ProximityCommand root) {
    CommandLine cli = new CommandLine(root);
    cli.addSubcommand(new CommandLine.HelpCommand());
    cli.addSubcommand(new CatalogCommand());
    cli.addSubcommand(new DeployCommand());
    cli.addSubcommand(new AppsCommand.ListApps());
    cli.addSubcommand(new AppsCommand.Show());
    cli.addSubcommand(new LifecycleCommands.Start());
    cli.addSubcommand(new LifecycleCommands.Stop());
    cli.addSubcommand(new LifecycleCommands.Restart());
    cli.addSubcommand(new LifecycleCommands.Shutdown());
    cli.addSubcommand(new LogsCommand());
    cli.addSubcommand(new RunCommand());
    cli.addSubcommand(new BackupCommands.Create());
    cli.addSubcommand(new BackupCommands.ListBackups());
    cli.addSubcommand(new BackupCommands.Restore());
    cli.addSubcommand(new ChangeCommands.Clone());
    cli.addSubcommand(new ChangeCommands.Resize());
    cli.addSubcommand(new ChangeCommands.Update());
    cli.addSubcommand(new ChangeCommands.Delete());
    cli.addSubcommand(new NodesCommand());
    cli.addSubcommand(new DoctorCommand());
    cli.addSubcommand(new ConfigCommand());
    cli.addSubcommand(new CompletionCommand());
    cli.getCommandSpec().usageMessage().exitCodeList(exitCodes());
    return cli;
  }

  private static Map<String, String> exitCodes() {
    Map<String, String> codes = new LinkedHashMap<>();
    for (String entry : ExitCodes.HELP_LIST) {
      int colon = entry.indexOf(':');
      codes.put(String.format("%3s", entry.substring(0, colon)), entry.substring(colon + 1));
    }
    return codes;
  }

  private static int usageError(ProximityCommand root, ParameterException e) {
    CommandLine command = e.getCommandLine();
    String name = command.getCommandSpec().qualifiedName();
    String hint = "see '" + name + " --help'";
    String message = e.getMessage();
    if (e instanceof UnmatchedArgumentException) {
      UnmatchedArgumentException unmatched = (UnmatchedArgumentException) e;
      List<String> suggestions = unmatched.getSuggestions();
      if (!suggestions.isEmpty()) {
        hint = "did you mean " + either(suggestions) + "? " + hint;
      }
      List<String> args = unmatched.getUnmatched();
      if (!args.isEmpty()) {
        String first = args.get(0);
        if (first.startsWith("-")) {
          message = "unknown option '" + first + "' for " + name;
        } else if (!command.getSubcommands().isEmpty()
            && command.getCommandSpec().positionalParameters().isEmpty()) {
          message = "unknown command '" + first + "'";
        } else {
          message = "unexpected argument '" + first + "' for " + name;
        }
      }
    } else if (message != null && message.startsWith("Missing required subcommand")) {
      message = name + " needs a command";
    }
    root.printer().error(message, hint);
    return ExitCodes.USAGE;
  }

  /** {@code a}, {@code a or b}, {@code a, b or c}. */
  static String either(List<String> words) {
    if (words.size() == 1) {
      return words.get(0);
    }
    return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
  }

  private static int failure(ProximityCommand root, Exception e) {
    CliException report = ErrorReport.of(e);
    root.printer().error(report.getMessage(), report.hint());
    if (root.debug) {
      Throwable cause = report.getCause() != null ? report.getCause() : report;
      cause.printStackTrace(root.env().err());
    }
    return report.exitCode();
  }
}
