package dev.awsmfa.cli;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    }
    Command<?> command = OptionTable.COMMANDS.get(0);
    Optional<Command<?>> named = words.isEmpty() ? Optional.empty() : command(words.get(0));
    if (named.isPresent()) {
      command = named.get();
      words.remove(0);
    }
    return invocation(command, line, words, help);
  }

  /** Whether {@code args} ask for debug output, even if they do not parse. */
  public static boolean wantsDebug(String[] args) {
    return List.of(args).contains("--debug");
  }

  private static <B> Invocation invocation(Command<B> command, CommandLine line,
      List<String> words, boolean help) {
    Map<Flag<B>, String> given = new LinkedHashMap<>();
    for (Option parsed : line.getOptions()) {
      String name = parsed.getLongOpt();
      if (OptionTable.GLOBAL.contains(name)) {
        continue;
      }
      Flag<B> option = command.option(name).orElseThrow(() -> notAnOptionOf(command, name));
      given.put(option, parsed.hasArg() ? parsed.getValue() : "");
    }
    if (help) {
      return new Invocation.Help(HelpText.of(command));
    }
    if (line.hasOption("version")) {
      return new Invocation.Version();
    }
    int allowed = command.argument().isPresent() ? 1 : 0;
    if (words.size() > allowed) {
      throw usage("unexpected argument '" + words.get(allowed) + "'"
          + (allowed == 1 ? ": give only the token code" : ""));
    }
    B builder = command.builder().get();
    for (Flag<B> option : command.options()) {
      if (given.containsKey(option)) {
        option.set().accept(builder, given.get(option));
      }
    }
    if (!words.isEmpty()) {
      command.argument().get().accept(builder, words.get(0));
    }
    return command.build().apply(builder);
  }

  private static Optional<Command<?>> command(String word) {
    return OptionTable.COMMANDS.stream().filter(c -> c.name().equals(word)).findFirst();
  }

  private static AwsmfaException notAnOptionOf(Command<?> command, String name) {
    Optional<Command<?>> owner = OptionTable.COMMANDS.stream()
        .filter(c -> c.option(name).isPresent()).findFirst();
    return owner.isPresent() && command == OptionTable.COMMANDS.get(0)
        ? usage("--" + name + " is an option of awsmfa " + owner.get().name())
        : usage("--" + name + " is not an option of awsmfa " + command.name());
  }

  private static AwsmfaException usage(String message) {
    return new AwsmfaException(ExitCode.USAGE, message + " (see awsmfa --help)");
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
    options.addOption(Option.builder().longOpt("version").build());
    options.addOption(Option.builder("h").longOpt("help").build());
    return options;
  }
}
