package dev.awsmfa.cli;

import java.util.function.BiConsumer;

/**
 * One row of the option table: a long option of one command.
 *
 * @param name the long name, without the dashes
 * @param shortName a one-letter name, without the dash, or empty
 * @param value the name of its value in the help, such as {@code NAME}; empty for a switch
 * @param help what it does, one sentence, wrapped when the help is printed
 * @param set what it sets in the command's builder; a switch is given an empty value
 * @param <B> the builder of the command's options
 */
record Flag<B>(String name, String shortName, String value, String help,
    BiConsumer<B, String> set) {

  /** An option that takes a value. */
  static <B> Flag<B> withValue(String name, String value, String help,
      BiConsumer<B, String> set) {
    return new Flag<>(name, "", value, help, set);
  }

  /** A switch, which takes no value. */
  static <B> Flag<B> toggle(String name, String help, BiConsumer<B, String> set) {
    return new Flag<>(name, "", "", help, set);
  }

  boolean takesValue() {
    return !value.isEmpty();
  }

  /** How the help shows it: {@code --name VALUE}, or {@code -h, --help}. */
  String synopsis() {
    return (shortName.isEmpty() ? "" : "-" + shortName + ", ") + "--" + name
        + (takesValue() ? " " + value : "");
  }
}
