package dev.awsmfa.process;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.text.Shlex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A program that a profile or a flag names to hand awsmfa a secret, such as an MFA process or a
 * {@code credential_process}. It runs as the AWS CLI runs it: the command line split into words
 * as a POSIX shell would, without a shell. Its stderr goes to the terminal, where it may ask for
 * a passphrase; its stdout is read, never printed, and bounded. Messages name only the program:
 * the rest of the command line may hold a secret.
 *
 * @param what what it is, for messages, before the program's name: "the MFA process"
 * @param where what follows the program's name in messages, if anything: " of profile 'vault'"
 * @param setting where it is set, for messages: "--mfa-process or mfa_process"
 * @param exitCode the exit status of a failure
 * @param timeout how long it may run
 */
public record HelperProcess(String what, String where, String setting, ExitCode exitCode,
    Duration timeout) {
  private static final int MAX_OUTPUT = 64 * 1024;

  /**
   * Runs {@code commandLine} and returns what it printed on stdout, at most 64 KiB.
   *
   * @param stdin whether it may read awsmfa's stdin, which is not free when the code comes there
   * @throws AwsmfaException if it cannot be run, fails, or runs out of time
   */
  public String run(String commandLine, boolean stdin) {
    List<String> command = Shlex.split(commandLine).filter(w -> !w.isEmpty())
        .orElseThrow(() -> failure(what + where + " is empty, or has an unclosed quote or a"
            + " trailing backslash: fix " + setting, null));
    String program = what + " " + command.get(0) + where;
    Process process;
    try {
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectInput(stdin ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE)
          .redirectError(ProcessBuilder.Redirect.INHERIT);
      ChildEnvironment.restoreLocale(builder.environment());
      process = builder.start();
    } catch (IOException e) {
      throw failure("could not run " + program + " (" + e.getMessage() + "): check " + setting,
          e);
    }
    if (!stdin) {
      closeQuietly(process);
    }
    // Read on another thread: a process waiting for a touch, or a child that keeps the pipe
    // open, must not keep awsmfa past its deadline.
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process));
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw failure(program + " did not finish within " + timeout.toSeconds()
            + " seconds: run it by hand to see why", null);
      }
      if (process.exitValue() != 0) {
        throw failure(program + " failed with exit status " + process.exitValue()
            + ": run it by hand to see why", null);
      }
      return output.get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("interrupted while waiting for " + program, e);
    } catch (ExecutionException | TimeoutException e) {
      throw failure("could not read what " + program + " printed", e);
    } finally {
      stop(process);
    }
  }

  private AwsmfaException failure(String message, Throwable cause) {
    return new AwsmfaException(exitCode, message, cause);
  }

  private static void closeQuietly(Process process) {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // it reads nothing then
    }
  }

  private static String read(Process process) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = process.getInputStream()) {
      byte[] buffer = new byte[4096];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        if (out.size() < MAX_OUTPUT) {
          out.write(buffer, 0, Math.min(n, MAX_OUTPUT - out.size()));
        }
      }
    } catch (IOException e) {
      // What was read so far is what there is.
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Ends the process and whatever it started, if still running, and reaps it. */
  private static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
