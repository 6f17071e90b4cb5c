package dev.awsmfa.refresh;

import dev.awsmfa.text.OneLine;
import java.io.PrintStream;

/** What a refresh tells the user on stderr: results, warnings and, with --debug, details. */
final class Messages {
  private final PrintStream err;
  private final boolean quiet;
  private final boolean debug;

  Messages(PrintStream err, boolean quiet, boolean debug) {
    this.err = err;
    this.quiet = quiet;
    this.debug = debug;
  }

  /** A result line, left out with --quiet. */
  void info(String line) {
    if (!quiet) {
      err.println(OneLine.of(line));
    }
  }

  /**
   * Whether result lines are shown: a line with a local time, which costs a zone lookup, is
   * built only then.
   */
  boolean showsInfo() {
    return !quiet;
  }

  /** A warning, left out with --quiet. */
  void warn(String line) {
    if (!quiet) {
      err.println("awsmfa: warning: " + OneLine.of(line));
    }
  }

  /** A detail shown only with --debug. */
  void debug(String line) {
    if (debug) {
      err.println("awsmfa: debug: " + OneLine.of(line));
    }
  }
}
