package dev.awsmfa.cli;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * The words a command takes besides its options.
 *
 * @param max how many it takes at most
 * @param afterDoubleDash whether they must follow {@code --}, as a command to run does
 * @param hint what to say when there are too many
 * @param set what they set in the command's builder, if there are any
 * @param <B> the builder of the command's options
 */
record Arguments<B>(int max, boolean afterDoubleDash, String hint,
    BiConsumer<B, List<String>> set) {

  /** No words at all. */
  static <B> Arguments<B> none() {
    return new Arguments<>(0, false, "", (options, words) -> { });
  }

  /** At most one word, which {@code set} is given. */
  static <B> Arguments<B> one(String hint, BiConsumer<B, String> set) {
    return new Arguments<>(1, false, hint, (options, words) -> set.accept(options,
        words.get(0)));
  }

  /** A command line to run, after {@code --}. */
  static <B> Arguments<B> commandLine(BiConsumer<B, List<String>> set) {
    return new Arguments<>(Integer.MAX_VALUE, true, "", set);
  }
}
