package dev.awsmfa.cli;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.AlreadySelectedException;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/**
 * Reads the command line by the {@link OptionTable}. Flags mirror {@code aws sts
 * get-session-token}; they, the command and its argument may come in any order, and long options
 * take {@code --flag value} or {@code --flag=value}. The first word that is not an option or an
 * option's value names the command ({@code refresh}, the default, or {@code status}); {@code
 * help} is {@code --help}. Each value is checked as its command's options are built.
 */
public final class Cli {
  private Cli() {}

  /**
   * What {@code args} ask for.
   *
   * @throws AwsmfaException with {@link ExitCode#USAGE} for anything that is not a valid command
   */
  public static Invocation parse(String[] args) {
    Options options = options();
    CommandLine line;
    try {
      line = DefaultParser.builder().setAllowPartialMatching(false).build()
          .parse(options, args, false);
    } catch (UnrecognizedOptionException e) {
      throw usage("unknown option " + e.getOption());
    } catch (MissingArgumentException e) {
      throw usage("--" + e.getOption().getLongOpt() + " needs a value");
    } catch (AlreadySelectedException e) {
      throw usage(e.getMessage());
    } catch (ParseException e) {
      throw usage(e.getMessage());
    }
    for (Option option : line.getOptions()) {
      if (line.getOptionValues(option) != null && line.getOptionValues(option).length > 1) {
        throw usage("--" + option.getLongOpt() + " is given more than once");
      }
    }
    List<String> words = new ArrayList<>(line.getArgList());
    boolean help = line.hasOption("help");
    if (!words.isEmpty() && words.get(0).equals("help")) {
      words.remove(0);
      help = true;
      if (!words.isEmpty() && command(words.get(0)).isEmpty()) {
        throw usage("awsmfa help takes the name of a command, such as status, not '"
            + words.get(0) + "'");
      }
    }
    Command<?> command = OptionTable.COMMANDS.get(0);
    Optional<Command<?>> named = words.isEmpty() ? Optional.empty() : command(words.get(0));
    if (named.isPresent()) {
      command = named.get();
      words.remove(0);
    }
    return invocation(command, line, words, help, afterDoubleDash(args));
  }

  /**
   * Whether {@code args} ask for debug output, even if they do not parse; after {@code --} they
   * are another program's.
   */
  public static boolean wantsDebug(String[] args) {
    for (String arg : args) {
      if (arg.equals("--")) {
        return false;
      }
      if (arg.equals("--debug")) {
        return true;
      }
    }
    return false;
  }

  private static <B> Invocation invocation(Command<B> command, CommandLine line,
      List<String> words, boolean help, int afterDoubleDash) {
    Map<String, String> given = new HashMap<>();
    for (Option parsed : line.getOptions()) {
      String name = parsed.getLongOpt();
      if (!isGlobal(name)) {
        if (command.option(name).isEmpty()) {
          throw notAnOptionOf(command, name);
        }
        given.put(name, parsed.hasArg() ? parsed.getValue() : "");
      }
    }
    Arguments<B> arguments = command.arguments();
    if (arguments.afterDoubleDash() && !help && (words.isEmpty()
        || words.size() != afterDoubleDash)) {
      throw usage(command, "give the command to run after --, as in awsmfa " + command.name()
          + " -- aws sts get-caller-identity");
    }
    if (words.size() > arguments.max()) {
      throw usage(command, "unexpected argument '" + words.get(arguments.max()) + "'"
          + arguments.hint());
    }
    if (help) {
      return new Invocation.ShowHelp(HelpText.of(command));
    }
    if (line.hasOption("version")) {
      return new Invocation.ShowVersion();
    }
    B builder = command.builder().get();
    for (Flag<B> option : command.options()) {
      if (given.containsKey(option.name())) {
        option.set().accept(builder, given.get(option.name()));
      }
    }
    if (!words.isEmpty()) {
      arguments.set().accept(builder, words);
    }
    return command.build().apply(builder);
  }

  /** How many words follow the first {@code --}, which ends the options. */
  private static int afterDoubleDash(String[] args) {
    int dashes = List.of(args).indexOf("--");
    return dashes < 0 ? 0 : args.length - dashes - 1;
  }

  private static Optional<Command<?>> command(String word) {
    for (Command<?> command : OptionTable.COMMANDS) {
      if (command.name().equals(word)) {
        return Optional.of(command);
      }
    }
    return Optional.empty();
  }

  private static boolean isGlobal(String name) {
    for (Flag<?> global : OptionTable.GLOBAL) {
      if (global.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static AwsmfaException notAnOptionOf(Command<?> command, String name) {
    if (command == OptionTable.COMMANDS.get(0)) {
      for (Command<?> owner : OptionTable.COMMANDS) {
        if (owner.option(name).isPresent()) {
          return usage(owner, "--" + name + " is an option of awsmfa " + owner.name());
        }
      }
    }
    return usage(command, "--" + name + " is not an option of awsmfa " + command.name());
  }

  /** A usage error of the command line as a whole, before a command is known. */
  private static AwsmfaException usage(String message) {
    return usage(OptionTable.COMMANDS.get(0), message);
  }

  /** A usage error that the help of {@code command} answers. */
  private static AwsmfaException usage(Command<?> command, String message) {
    String help = command == OptionTable.COMMANDS.get(0) ? "awsmfa --help"
        : "awsmfa " + command.name() + " --help";
    return new AwsmfaException(ExitCode.USAGE, message + " (see " + help + ")");
  }

  /** Every option of every command, for the parser: a name means the same in each command. */
  static Options options() {
    Options options = new Options();
    for (Command<?> command : OptionTable.COMMANDS) {
      for (Flag<?> option : command.options()) {
        if (!options.hasLongOption(option.name())) {
          options.addOption(Option.builder().longOpt(option.name())
              .hasArg(option.takesValue()).build());
        }
      }
    }
    for (Flag<?> global : OptionTable.GLOBAL) {
      options.addOption(Option.builder(global.shortName().isEmpty() ? null : global.shortName())
          .longOpt(global.name()).build());
    }
    return options;
  }
}
