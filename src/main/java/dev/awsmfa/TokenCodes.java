package dev.awsmfa;

import dev.awsmfa.profiles.Shlex;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the one-time code comes from, first match wins: the command line, {@code -} for one line
 * on stdin, an MFA process ({@code --mfa-process} or the profile's {@code mfa_process}), a prompt
 * on the terminal. Headless runs, such as cron with a YubiKey, use the process.
 */
final class TokenCodes {
  static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern CODE = Pattern.compile("(?<![0-9])[0-9]{6}(?![0-9])");

  private final InputStream stdin;
  private final Terminal terminal;

  TokenCodes(InputStream stdin, Terminal terminal) {
    this.stdin = stdin;
    this.terminal = terminal;
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
      return given.get().equals("-") ? fromStdin() : RefreshOptions.tokenCode(given);
    }
    if (process.isPresent()) {
      return fromProcess(process.get());
    }
    Optional<String> typed = terminal.readLine("MFA code for " + serial + ": ");
    if (typed.isPresent()) {
      return RefreshOptions.tokenCode(Optional.of(typed.get().strip()));
    }
    throw new AwsmfaException(ExitCode.USAGE, "no MFA code: give it as the argument ('awsmfa"
        + " 123456'), as '-' to read it from stdin, or set --mfa-process (or mfa_process in the"
        + " profile) to a command that prints it");
  }

  private String fromStdin() {
    try {
      String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8))
          .readLine();
      if (line == null) {
        throw new AwsmfaException(ExitCode.USAGE,
            "the MFA code was to come from stdin ('-'), but stdin was empty");
      }
      return RefreshOptions.tokenCode(Optional.of(line.strip()));
    } catch (IOException e) {
      throw new AwsmfaException(ExitCode.USAGE, "could not read the MFA code from stdin", e);
    }
  }

  /** Runs the command without a shell and takes the last six-digit code it prints. */
  private String fromProcess(String commandLine) {
    List<String> command = Shlex.split(commandLine).filter(w -> !w.isEmpty())
        .orElseThrow(() -> new AwsmfaException(ExitCode.USAGE, "the MFA process '" + commandLine
            + "' has an unclosed quote or a trailing backslash"));
    String output;
    int status;
    try {
      Process process = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.INHERIT)
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      try (InputStream out = process.getInputStream()) {
        output = new String(out.readNBytes(64 * 1024), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AwsmfaException(ExitCode.USAGE, "the MFA process '" + commandLine
            + "' did not finish within " + PROCESS_TIMEOUT.toSeconds() + " seconds");
      }
      status = process.exitValue();
    } catch (IOException e) {
      throw new AwsmfaException(ExitCode.USAGE, "could not run the MFA process '" + commandLine
          + "' (" + e.getMessage() + "): check --mfa-process or mfa_process", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AwsmfaException(ExitCode.USAGE, "interrupted while waiting for the MFA process");
    }
    if (status != 0) {
      throw new AwsmfaException(ExitCode.USAGE, "the MFA process '" + commandLine
          + "' failed with exit status " + status + ": run it by hand to see why");
    }
    String code = null;
    for (Matcher m = CODE.matcher(output); m.find(); ) {
      code = m.group();
    }
    if (code == null) {
      throw new AwsmfaException(ExitCode.USAGE, "the MFA process '" + commandLine
          + "' printed no 6-digit code");
    }
    return code;
  }
}
