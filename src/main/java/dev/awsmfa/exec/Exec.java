package dev.awsmfa.exec;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.profiles.StoredSession;
import dev.awsmfa.sts.SessionTokens;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * {@code awsmfa exec}: runs a command with the stored session in its environment, as {@code
 * aws-vault exec} does, and passes its exit status back. No code, no network and no SDK.
 *
 * <p>Java cannot replace itself with the command, so awsmfa waits for it. A Ctrl-C on the
 * terminal reaches the command directly, as it shares awsmfa's process group, and an
 * interactive command such as a shell may well ignore it; so awsmfa, which the same Ctrl-C ends,
 * only waits for the command then. Without a terminal, a SIGINT or SIGTERM sent to awsmfa alone,
 * as by a supervisor, is passed on to the command as SIGTERM. Either way awsmfa exits with the
 * command's status.
 */
public final class Exec {
  /** What the command must not see: a profile would take the AWS CLI's keys from the files. */
  private static final List<String> REMOVED = List.of("AWS_PROFILE", "AWS_DEFAULT_PROFILE",
      "AWS_SECURITY_TOKEN");

  private final StoredSession sessions;
  private final boolean terminal;

  /**
   * Runs commands with sessions from {@code sessions}; {@code terminal} tells whether awsmfa runs
   * on a terminal, whose signals reach the command as well.
   */
  public Exec(StoredSession sessions, boolean terminal) {
    this.sessions = sessions;
    this.terminal = terminal;
  }

  /**
   * Runs the command and returns its exit status: 128 plus the signal's number if a signal ended
   * it, as a shell reports it.
   *
   * @throws AwsmfaException with {@link ExitCode#EXPIRED} before running anything if the session
   *     has expired, or with {@link ExitCode#FILE} if the command cannot be started
   */
  public int run(ExecOptions options) {
    SessionTokens session = sessions.of(options.mfaProfileName());
    ProcessBuilder builder = new ProcessBuilder(options.command()).inheritIO();
    Map<String, String> environment = builder.environment();
    REMOVED.forEach(environment::remove);
    environment.put("AWS_ACCESS_KEY_ID", session.accessKeyId());
    environment.put("AWS_SECRET_ACCESS_KEY", session.secretAccessKey());
    environment.put("AWS_SESSION_TOKEN", session.sessionToken());
    environment.put("AWS_CREDENTIAL_EXPIRATION", DateTimeFormatter.ISO_INSTANT.format(
        session.expiration().truncatedTo(ChronoUnit.SECONDS)));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new AwsmfaException(ExitCode.FILE, "could not run " + options.command().get(0) + " ("
          + e.getMessage() + "): check the command after --", e);
    }
    // On SIGINT, SIGTERM or SIGHUP the JVM runs its shutdown hooks, then exits: this one
    // passes the signal on where no terminal did, and exits with the command's status instead.
    Thread onSignal = new Thread(() -> {
      if (!terminal) {
        process.destroy();
      }
      Runtime.getRuntime().halt(statusOf(process));
    });
    Runtime.getRuntime().addShutdownHook(onSignal);
    int status = statusOf(process);
    try {
      Runtime.getRuntime().removeShutdownHook(onSignal);
    } catch (IllegalStateException e) {
      // a signal is ending awsmfa: the hook exits with the status
    }
    return status;
  }

  /** Waits for the command to end, however often this thread is interrupted. */
  private static int statusOf(Process process) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return process.waitFor();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
