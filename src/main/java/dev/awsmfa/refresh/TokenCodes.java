package dev.awsmfa.refresh;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.profiles.Shlex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the one-time code comes from, first match wins: the command line, {@code -} for one line
 * on stdin, an MFA process ({@code --mfa-process} or the profile's {@code mfa_process}), a prompt
 * on the terminal. Headless runs, such as cron with a YubiKey, use the process.
 */
public final class TokenCodes {
  static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(60);
  private static final int MAX_OUTPUT = 64 * 1024;
  private static final int MAX_LINE = 1024;

  private final InputStream stdin;
  private final Terminal terminal;
  private final Duration processTimeout;

  /** Codes from {@code stdin} for {@code -}, else from an MFA process, else from the terminal. */
  public TokenCodes(InputStream stdin, Terminal terminal) {
    this(stdin, terminal, PROCESS_TIMEOUT);
  }

  /** As above, with an MFA process stopped after {@code processTimeout}. */
  TokenCodes(InputStream stdin, Terminal terminal, Duration processTimeout) {
    this.stdin = stdin;
    this.terminal = terminal;
    this.processTimeout = processTimeout;
  }

  /**
   * The code to spend, checked to be six digits.
   *
   * @param given the positional code or {@code --token-code}, possibly {@code -}
   * @param process the MFA process command line, from the flag or the profile
   * @param serial the device, named in the prompt
   */
  String resolve(Optional<String> given, Optional<String> process, String serial) {
    if (given.isPresent()) {
      return given.get().equals("-") ? fromStdin() : RequestChecks.tokenCode(given);
    }
    if (process.isPresent()) {
      return fromProcess(process.get());
    }
    Optional<String> typed = terminal.readLine("MFA code for " + serial + ": ");
    if (typed.isPresent()) {
      return RequestChecks.tokenCode(Optional.of(typed.get().strip()));
    }
    throw new AwsmfaException(ExitCode.USAGE, "no MFA code: give it as the argument ('awsmfa"
        + " 123456'), as '-' to read it from stdin, or set --mfa-process (or mfa_process in the"
        + " profile) to a command that prints it");
  }

  /**
   * One line of at most {@link #MAX_LINE} bytes: a code is six digits, and stdin may be anything,
   * {@code /dev/zero} included, so nothing past that is read.
   */
  private String fromStdin() {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      for (int b = stdin.read(); b != '\n'; b = stdin.read()) {
        if (b < 0) {
          if (line.size() == 0) {
            throw new AwsmfaException(ExitCode.USAGE,
                "the MFA code was to come from stdin ('-'), but stdin was empty");
          }
          break;
        }
        if (line.size() == MAX_LINE) {
          throw new AwsmfaException(ExitCode.USAGE, "the MFA code was to come from stdin ('-'),"
              + " but its first line is longer than 1 KiB: give one line with the 6-digit code");
        }
        line.write(b);
      }
    } catch (IOException e) {
      throw new AwsmfaException(ExitCode.USAGE, "could not read the MFA code from stdin", e);
    }
    return RequestChecks.tokenCode(Optional.of(line.toString(StandardCharsets.UTF_8).strip()));
  }

  /**
   * Runs the command without a shell and takes the last six-digit code it prints. Messages name
   * only the program: the rest of the command line may hold a secret, such as a TOTP seed.
   */
  private String fromProcess(String commandLine) {
    List<String> command = Shlex.split(commandLine).filter(w -> !w.isEmpty())
        .orElseThrow(() -> new AwsmfaException(ExitCode.USAGE, "the MFA process is empty, or"
            + " has an unclosed quote or a trailing backslash: fix --mfa-process or"
            + " mfa_process"));
    String program = "the MFA process " + command.get(0);
    Process process;
    try {
      process = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.INHERIT)
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
    } catch (IOException e) {
      throw new AwsmfaException(ExitCode.USAGE, "could not run " + program + " ("
          + e.getMessage() + "): check --mfa-process or mfa_process", e);
    }
    // Read on another thread: a process waiting for a touch, or a child that keeps the pipe
    // open, must not keep awsmfa past its deadline.
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process));
    try {
      if (!process.waitFor(processTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AwsmfaException(ExitCode.USAGE, program + " did not finish within "
            + processTimeout.toSeconds() + " seconds: run it by hand to see why");
      }
      if (process.exitValue() != 0) {
        throw new AwsmfaException(ExitCode.USAGE, program + " failed with exit status "
            + process.exitValue() + ": run it by hand to see why");
      }
      String code = null;
      for (Matcher m = Printed.CODE.matcher(output.get(5, TimeUnit.SECONDS)); m.find(); ) {
        code = m.group();
      }
      if (code == null) {
        throw new AwsmfaException(ExitCode.USAGE, program + " printed no 6-digit code: run it"
            + " by hand to see what it prints");
      }
      return code;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AwsmfaException(ExitCode.USAGE, "interrupted while waiting for " + program);
    } catch (ExecutionException | TimeoutException e) {
      throw new AwsmfaException(ExitCode.USAGE, "could not read what " + program + " printed",
          e);
    } finally {
      stop(process);
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

  /** The code in an MFA process's output; compiled only when a process ran, not at start-up. */
  private static final class Printed {
    static final Pattern CODE = Pattern.compile("(?<![0-9])[0-9]{6}(?![0-9])");
  }
}
