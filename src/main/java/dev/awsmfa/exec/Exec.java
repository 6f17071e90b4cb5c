package dev.awsmfa.exec;

import dev.awsmfa.export.SessionFormat;
import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.process.ChildEnvironment;
import dev.awsmfa.profiles.StoredSession;
import dev.awsmfa.sts.SessionTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code awsmfa exec}: runs a command with the stored session in its environment, as {@code
 * aws-vault exec} does, and passes its exit status back. No code, no network and no SDK.
 *
 * <p>Java cannot replace itself with the command, so awsmfa waits for it, and a signal ends
 * awsmfa through its shutdown hooks. On a terminal, a Ctrl-C reaches the command directly, as it
 * shares awsmfa's process group, and an interactive command such as a shell or an editor may
 * well ignore it; so there awsmfa only waits for the command. Without a terminal, a SIGINT,
 * SIGTERM or SIGHUP sent to awsmfa, as by a supervisor, is passed on to the command as SIGTERM,
 * and the command is killed if it is still running 10 seconds later. Either way awsmfa exits
 * with the command's status.
 */
public final class Exec {
  /** What the command must not see: a profile would take the AWS CLI's keys from the files. */
  private static final List<String> REMOVED = List.of("AWS_PROFILE", "AWS_DEFAULT_PROFILE",
      "AWS_SECURITY_TOKEN");
  private static final Duration GRACE = Duration.ofSeconds(10);

  private final StoredSession sessions;
  private final boolean terminal;

  /**
   * Runs commands with sessions from {@code sessions}; {@code terminal} tells whether awsmfa's
   * stdin is a terminal, whose signals reach the command as well.
   */
  public Exec(StoredSession sessions, boolean terminal) {
    this.sessions = sessions;
    this.terminal = terminal;
  }

  /**
   * Whether this process's stdin is a terminal: on Linux, what {@code /proc/self/fd/0} names;
   * elsewhere, whether Java sees a console.
   */
  public static boolean stdinIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException e) {
      return System.console() != null;
    }
  }

  /**
   * Runs the command and returns its exit status: 128 plus the signal's number if a signal ended
   * it, as a shell reports it.
   *
   * @throws AwsmfaException with {@link ExitCode#EXPIRED} before running anything if the session
   *     has expired, or with {@link ExitCode#CANNOT_RUN} if the command cannot be started
   */
  public int run(ExecOptions options) {
    SessionTokens session = sessions.of(options.mfaProfileName());
    ProcessBuilder builder = new ProcessBuilder(options.command()).inheritIO();
    Map<String, String> environment = builder.environment();
    ChildEnvironment.restoreLocale(environment);
    REMOVED.forEach(environment::remove);
    environment.putAll(SessionFormat.environment(session));
    // Registered first, so that no signal can end awsmfa between the start and the hook. The
    // command runs before ProcessBuilder.start returns, which may take a while in a cold JVM, so
    // a hook that runs meanwhile waits for it.
    CompletableFuture<Process> started = new CompletableFuture<>();
    Thread onSignal = new Thread(() -> onSignal(started.join()));
    Runtime.getRuntime().addShutdownHook(onSignal);
    Process process = null;
    try {
      process = builder.start();
    } catch (IOException e) {
      Runtime.getRuntime().removeShutdownHook(onSignal);
      throw new AwsmfaException(ExitCode.CANNOT_RUN, "could not run " + options.command().get(0)
          + " (" + e.getMessage() + "): check the command after --", e);
    } finally {
      started.complete(process);
    }
    int status = statusOf(process);
    try {
      Runtime.getRuntime().removeShutdownHook(onSignal);
    } catch (IllegalStateException e) {
      // a signal is ending awsmfa: the hook exits with the status
    }
    return status;
  }

  /** As a signal ends awsmfa: passes it on where no terminal did, and exits with the status. */
  private void onSignal(Process process) {
    if (process == null) {
      return; // nothing started yet
    }
    if (!terminal && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
      }
    }
    Runtime.getRuntime().halt(statusOf(process));
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
