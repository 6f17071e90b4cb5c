package dev.awsmfa.failure;

/**
 * A failure the user can act on: its message is one sentence that says what went wrong and what
 * to do, and {@code dev.awsmfa.Main} prints it without a stack trace and exits with its code.
 */
public final class AwsmfaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ExitCode exitCode;
  private final String detail;

  /** A failure with nothing underneath it. */
  public AwsmfaException(ExitCode exitCode, String message) {
    this(exitCode, message, null);
  }

  /** A failure caused by {@code cause}, whose stack trace {@code --debug} shows. */
  public AwsmfaException(ExitCode exitCode, String message, Throwable cause) {
    this(exitCode, message, "", cause);
  }

  /** A failure with a technical {@code detail}, such as an STS error code, for {@code --debug}. */
  public AwsmfaException(ExitCode exitCode, String message, String detail, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
    this.detail = detail;
  }

  /** Technical detail for {@code --debug}, or empty. */
  public String detail() {
    return detail;
  }

  /** The exit code for this failure. */
  public ExitCode exitCode() {
    return exitCode;
  }
}
