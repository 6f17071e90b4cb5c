package dev.awsmfa.failure;

/** The process exit codes, as documented in the README and the man page. */
public enum ExitCode {
  OK(0),
  /** Something awsmfa did not expect: a bug, to be reported with the output of --debug. */
  INTERNAL(1),
  /** A flag, argument or value the user gave is wrong. */
  USAGE(2),
  /** A local file or installation problem: unreadable, unwritable or damaged files. */
  FILE(3),
  /** STS answered and refused: a bad code, a bad serial, unknown or expired keys. */
  STS_REFUSED(4),
  /** STS could not be reached, or kept failing after retries. */
  STS_UNAVAILABLE(5),
  /** {@code status}: the session is valid, but ends within {@code --warn-within}. */
  EXPIRING(10),
  /** {@code status}: the session has ended, or there is none. */
  EXPIRED(11),
  /** {@code exec}: the command could not be started, as {@code env} reports it. */
  CANNOT_RUN(127);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  /** The number the process exits with. */
  public int code() {
    return code;
  }
}
