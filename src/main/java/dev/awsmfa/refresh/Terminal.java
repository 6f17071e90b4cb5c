package dev.awsmfa.refresh;

import java.io.BufferedReader;
import java.io.Console;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.Optional;

/**
 * The user's terminal, for asking for the MFA code. The prompt goes to the terminal itself,
 * never to stdout, so that {@code eval "$(awsmfa --output env)"} still asks, and stays clean.
 */
public interface Terminal {

  /** Shows {@code prompt} and reads one line; empty when there is no terminal. */
  Optional<String> readLine(String prompt);

  /** Whether there is a terminal to ask on, checked before anything is sent. */
  default boolean available() {
    return true;
  }

  /** No terminal: a cron job, a pipe, a test. */
  static Terminal none() {
    return new Terminal() {
      @Override
      public Optional<String> readLine(String prompt) {
        return Optional.empty();
      }

      @Override
      public boolean available() {
        return false;
      }
    };
  }

  /**
   * The process's controlling terminal, opened directly ({@code /dev/tty}, or {@code CONIN$} and
   * {@code CONOUT$} on Windows), as ssh and sudo do: {@link System#console()} exists only when
   * stdout is a terminal too. Without one, there is no prompt.
   */
  static Terminal system() {
    boolean windows = File.separatorChar == '\\';
    String in = windows ? "CONIN$" : "/dev/tty";
    String out = windows ? "CONOUT$" : "/dev/tty";
    return new Terminal() {
      @Override
      public Optional<String> readLine(String prompt) {
        Charset charset = Optional.ofNullable(System.console()).map(Console::charset)
            .orElse(Charset.defaultCharset());
        try (OutputStream display = new FileOutputStream(out);
            BufferedReader keyboard = new BufferedReader(
                new InputStreamReader(new FileInputStream(in), charset))) {
          display.write(prompt.getBytes(charset));
          display.flush();
          return Optional.ofNullable(keyboard.readLine());
        } catch (IOException e) {
          return Optional.empty(); // no controlling terminal, as under cron
        }
      }

      @Override
      public boolean available() {
        try (FileInputStream keyboard = new FileInputStream(in)) {
          return true;
        } catch (IOException e) {
          return false;
        }
      }
    };
  }
}
