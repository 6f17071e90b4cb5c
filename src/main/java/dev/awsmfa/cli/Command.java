package dev.awsmfa.cli;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One command of awsmfa and its rows of the option table.
 *
 * @param name the word that selects it
 * @param summary what it does, in a few words, for the list of commands
 * @param usage its usage lines, without "awsmfa"
 * @param about what it does, for the top of its help
 * @param options its options, in the order the help lists them
 * @param arguments the words it takes besides its options, such as the code
 * @param builder a new builder of its options
 * @param build the run the builder's options make
 * @param footer the end of its help: environment, files, exit status
 * @param <B> the builder of its options
 */
record Command<B>(String name, String summary, List<String> usage, String about,
    List<Flag<B>> options,
    Arguments<B> arguments, Supplier<B> builder,
    Function<B, Invocation> build, String footer) {

  /** The option called {@code name}, if this command has one. */
  Optional<Flag<B>> option(String name) {
    for (Flag<B> option : options) {
      if (option.name().equals(name)) {
        return Optional.of(option);
      }
    }
    return Optional.empty();
  }
}
