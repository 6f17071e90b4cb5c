package dev.awsmfa.export;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.profiles.StoredSession;
import java.io.PrintStream;

/**
 * {@code awsmfa export}: the stored session on stdout, for {@code eval}, direnv, another shell or
 * {@code credential_process}.
 */
public final class Export {
  private final StoredSession sessions;
  private final PrintStream out;

  /** Prints sessions from {@code sessions} on {@code out}. */
  public Export(StoredSession sessions, PrintStream out) {
    this.sessions = sessions;
    this.out = out;
  }

  /**
   * Prints the session, or nothing at all if it cannot.
   *
   * @throws AwsmfaException if the session has expired, or a value cannot be written in the form
   */
  public void run(ExportOptions options) {
    out.print(options.format().format(sessions.of(options.mfaProfileName())));
  }
}
