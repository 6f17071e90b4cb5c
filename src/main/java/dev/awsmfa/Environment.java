package dev.awsmfa;

import dev.awsmfa.files.Caller;
import java.util.Map;
import java.util.Optional;

/**
 * The process environment as awsmfa sees it: injected, so that tests never depend on the
 * variables or the home directory of whoever runs them.
 *
 * @param variables the environment variables
 * @param javaUserHome Java's {@code user.home}, the last resort for {@code ~}
 * @param caller the user awsmfa runs as, whom the files it writes must belong to
 */
record Environment(Map<String, String> variables, String javaUserHome, Caller caller) {

  Environment {
    variables = Map.copyOf(variables);
  }

  /** The environment of a run as this process's own user. */
  Environment(Map<String, String> variables, String javaUserHome) {
    this(variables, javaUserHome, Caller.ofProcess());
  }

  /** The variable's value, if it is set and not empty. */
  Optional<String> get(String name) {
    String value = variables.get(name);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
