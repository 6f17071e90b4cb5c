package dev.awsmfa;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * The user's terminal, for asking for the MFA code: the prompt goes to the terminal itself,
 * never to stdout, so {@code --output env} stays clean for {@code eval}.
 */
interface Terminal {

  /** Shows {@code prompt} and reads one line; empty when there is no terminal. */
  Optional<String> readLine(String prompt);

  /** No terminal: a cron job, a pipe, a test. */
  static Terminal none() {
    return prompt -> Optional.empty();
  }

  /** The process's terminal, if standard input is one. */
  static Terminal system() {
    Console console = System.console();
    if (console == null || !isTerminal(console)) {
      return none();
    }
    return prompt -> Optional.ofNullable(console.readLine("%s", prompt));
  }

  /**
   * From Java 22 a console may exist without a terminal behind it; {@code isTerminal()} tells,
   * and does not exist before then, when a console always had one.
   */
  private static boolean isTerminal(Console console) {
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
