package dev.proximity.examples.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** {@code proximity completion}: prints the bash/zsh completion script picocli generates. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a bash/zsh completion script for proximity, generated from the command tree."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  source <(proximity completion)                        # this shell",
      "  proximity completion > ~/.local/share/bash-completion/completions/proximity",
      "  # zsh: autoload -U +X bashcompinit && bashcompinit; source <(proximity completion)"
    })
final class CompletionCommand extends BaseCommand {
  @Override
  public Integer call() {
    root().env().out().print(AutoComplete.bash("proximity", spec.root().commandLine()));
    root().env().out().flush();
    return ExitCodes.OK;
  }
}
