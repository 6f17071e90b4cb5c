package dev.awsmfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code awsmfa exec} through {@code dist/awsmfa}, as a script runs it: the command gets the
 * session and no profile, its exit status comes back, and a signal sent to awsmfa reaches it.
 */
class ExecIT {
  private static final Path LAUNCHER = Path.of(System.getProperty("awsmfa.launcher",
      "dist/awsmfa")).toAbsolutePath();

  @TempDir Path home;
  private Path credentials;

  @BeforeEach
  void session() throws IOException {
    credentials = home.resolve(".aws/credentials");
    Files.createDirectories(credentials.getParent());
    Files.writeString(credentials, "[mfa]\naws_access_key_id = ASIAEXAMPLE\n"
        + "aws_secret_access_key = secret\naws_session_token = token==\n"
        + "aws_credential_expiration = 2099-01-01T00:00:00Z\n");
    Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
  }

  private Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    builder.environment().put("HOME", home.toString());
    builder.environment().put("AWS_PROFILE", "work");
    builder.environment().put("AWSMFA_CACHE", "off");
    return builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
  }

  private static String output(Process process) throws IOException, InterruptedException {
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    return out;
  }

  @Test
  void theCommandGetsTheSessionInsteadOfAProfileAndItsStatusComesBack() throws Exception {
    Process process = start("exec", "--", "sh", "-c", "printf '%s|%s|%s|%s' \"$AWS_ACCESS_KEY_ID\""
        + " \"$AWS_SESSION_TOKEN\" \"$AWS_CREDENTIAL_EXPIRATION\" \"${AWS_PROFILE-none}\"; exit 7");
    assertEquals("ASIAEXAMPLE|token==|2099-01-01T00:00:00Z|none", output(process));
    assertEquals(7, process.exitValue());
  }

  @Test
  void anExpiredSessionRunsNothing() throws Exception {
    Files.writeString(credentials, Files.readString(credentials).replace("2099", "2020"));
    Path ran = home.resolve("ran");
    Process process = start("exec", "--", "touch", ran.toString());
    assertEquals("", output(process));
    assertEquals(11, process.exitValue());
    assertTrue(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)
        .startsWith("awsmfa: mfa: expired at 2020-01-01"));
    assertFalse(Files.exists(ran));
  }

  /**
   * The signal is sent the moment the command runs, when a cold awsmfa may still be inside
   * ProcessBuilder.start, and a few times over, as that moment is a race.
   */
  @Test
  void aSignalToAwsmfaReachesTheCommandAndItsStatusComesBack() throws Exception {
    for (String signal : List.of("TERM", "TERM", "TERM", "TERM", "INT")) {
      Path ready = Files.createTempFile(home, "ready-", "");
      Files.delete(ready);
      // The command gives up after a minute, so that a signal not passed on fails the test
      // rather than leaving it waiting for the command's output.
      Process process = start("exec", "--", "sh", "-c", "trap 'echo got TERM; exit 42' TERM;"
          + " touch '" + ready + "'; i=0; while [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done");
      for (int i = 0; i < 30_000 && !Files.exists(ready); i++) {
        Thread.onSpinWait();
        Thread.sleep(0, 500_000);
      }
      assertTrue(Files.exists(ready), "the command started");
      if (signal.equals("TERM")) {
        process.toHandle().destroy(); // SIGTERM, without starting kill(1) first
      } else {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid()))
            .start();
        assertEquals(0, kill.waitFor());
      }
      assertEquals("got TERM\n", output(process), signal);
      assertEquals(42, process.exitValue(), signal);
    }
  }

  @Test
  void aCommandThatCannotStartIsExit127AndTheUsersLocaleIsKept() throws Exception {
    Process missing = start("exec", "--", home.resolve("no-such-program").toString());
    assertEquals("", output(missing));
    assertEquals(127, missing.exitValue());

    // Under the C locale the launcher runs awsmfa itself in C.UTF-8; the command gets C back.
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString(), "exec", "--", "sh", "-c",
        "printf '%s' \"${LC_ALL-unset}|${AWSMFA_LC_ALL-none}\""));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("LC_"));
    builder.environment().put("HOME", home.toString());
    builder.environment().put("LANG", "C");
    builder.environment().put("AWSMFA_CACHE", "off");
    Process process = builder.start();
    assertEquals("unset|none", output(process));
    assertEquals(0, process.exitValue());
  }
}
