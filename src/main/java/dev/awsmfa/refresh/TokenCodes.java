package dev.awsmfa.refresh;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.process.HelperProcess;
import dev.awsmfa.text.Shlex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the one-time code comes from, first match wins: the command line, {@code -} for one line
 * on stdin, an MFA process ({@code --mfa-process} or the profile's {@code mfa_process}), a prompt
 * on the terminal. Headless runs, such as cron with a YubiKey, use the process.
 */
public final class TokenCodes {
  static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(60);
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
    throw noCode();
  }

  /**
   * Checks that a code can come from somewhere: given, from a process, or typed on a terminal.
   *
   * @throws AwsmfaException if there is no code, no process and no terminal
   */
  void requireSource(Optional<String> given, Optional<String> process) {
    if (given.isEmpty() && process.isEmpty() && !terminal.available()) {
      throw noCode();
    }
  }

  private static AwsmfaException noCode() {
    return new AwsmfaException(ExitCode.USAGE, "no MFA code: give it as the argument ('awsmfa"
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

  /** Runs the MFA process and takes the last six-digit code it prints. */
  private String fromProcess(String commandLine) {
    HelperProcess process = new HelperProcess("the MFA process", "",
        "--mfa-process or mfa_process", ExitCode.USAGE, processTimeout);
    String code = null;
    for (Matcher m = Printed.CODE.matcher(process.run(commandLine, true)); m.find(); ) {
      code = m.group();
    }
    if (code == null) {
      String program = Shlex.split(commandLine).orElseThrow().get(0);
      throw new AwsmfaException(ExitCode.USAGE, "the MFA process " + program + " printed no"
          + " 6-digit code: run it by hand to see what it prints");
    }
    return code;
  }

  /** The code in an MFA process's output; compiled only when a process ran, not at start-up. */
  private static final class Printed {
    static final Pattern CODE = Pattern.compile("(?<![0-9])[0-9]{6}(?![0-9])");
  }
}
