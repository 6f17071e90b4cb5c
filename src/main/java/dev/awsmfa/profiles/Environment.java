package dev.awsmfa.profiles;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.files.AwsPaths;
import dev.awsmfa.files.Caller;
import java.nio.file.FileSystem;
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
public record Environment(Map<String, String> variables, String javaUserHome, Caller caller) {

  /** Copies {@code variables}. */
  public Environment {
    variables = Map.copyOf(variables);
  }

  /** The environment of a run as this process's own user. */
  public Environment(Map<String, String> variables, String javaUserHome) {
    this(variables, javaUserHome, Caller.ofProcess());
  }

  /**
   * Where the shared files are.
   *
   * @throws AwsmfaException if HOME is unset, or a variable names no path this system can open
   */
  public AwsPaths awsPaths(FileSystem fs) {
    try {
      return AwsPaths.resolve(fs, variables, javaUserHome);
    } catch (AwsPaths.UnusablePathException e) {
      String fix = e.value().isEmpty() ? "set HOME to your home directory"
          : nonAscii(e.value()) ? "run awsmfa in a UTF-8 locale, such as LC_ALL=C.UTF-8 (the"
              + " awsmfa launcher does so under the C locale)"
          : "set " + e.variable() + " to a file's path";
      String shown = e.value().isEmpty() ? "" : " (" + e.value() + ")";
      throw new AwsmfaException(ExitCode.FILE, e.variable() + shown + " " + e.problem() + ": "
          + fix, e);
    }
  }

  private static boolean nonAscii(String value) {
    return value.chars().anyMatch(c -> c > 0x7f);
  }

  /** The variable's value, if it is set and not empty. */
  public Optional<String> get(String name) {
    String value = variables.get(name);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
