package dev.awsmfa.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.sts.SessionTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each format read back by the shell it is for, where Debian has one, with values that a
 * tampered credentials file could hold; each also against its golden file in
 * src/test/resources/formats.
 */
class SessionFormatTest {
  private static final Instant EXPIRY = Instant.parse("2026-12-05T06:30:00Z");
  private static final SessionTokens PLAIN = new SessionTokens("ASIAEXAMPLE",
      "wJalr/K7MDENG+bPxRfiCY", "FwoGZXIvYXdzE==", EXPIRY);
  /**
   * Quotes of every kind, $, a backslash, a backquote and a tab. A stored value cannot hold a
   * line break: each is one line of the credentials file.
   */
  private static final SessionTokens HOSTILE = new SessionTokens("ASIA'$(touch pwned)",
      "a\"b\\c`d'e$HOME\tf\u2019g", "x'; rm -rf ~; echo '", EXPIRY);

  @TempDir Path dir;

  /** Quotes, $, a backslash, a backquote and shell operators; cmd.exe's without what it refuses. */
  private static final SessionTokens ASCII_HOSTILE = new SessionTokens("ASIA'$(touch pwned)",
      "a\"b\\c`d'e$HOME&f|g<h>", "x'; rm -rf ~; echo '", EXPIRY);
  private static final SessionTokens CMD_SAFE = new SessionTokens("ASIAEXAMPLE",
      "a&b|c<d>e f(g)h", "FwoGZXIvYXdzE==", EXPIRY);

  @Test
  void eachFormatMatchesItsGoldenFile() throws IOException {
    for (SessionFormat format : SessionFormat.values()) {
      Path golden = Path.of("src/test/resources/formats", format.formatName() + ".golden");
      SessionTokens session = format == SessionFormat.WINDOWS_CMD ? CMD_SAFE : ASCII_HOSTILE;
      assertEquals(Files.readString(golden), format.format(session), golden.toString());
    }
    assertEquals("""
        export AWS_ACCESS_KEY_ID='ASIAEXAMPLE'
        export AWS_SECRET_ACCESS_KEY='wJalr/K7MDENG+bPxRfiCY'
        export AWS_SESSION_TOKEN='FwoGZXIvYXdzE=='
        export AWS_CREDENTIAL_EXPIRATION='2026-12-05T06:30:00Z'
        """, SessionFormat.ENV.format(PLAIN));
  }

  @Test
  void cmdRefusesWhatItWouldExpandAndEveryShellRefusesNul() {
    for (String bad : List.of("a%PATH%", "a!b", "a\"b", "a\tb", "a^b")) {
      AwsmfaException e = assertThrows(AwsmfaException.class, () -> SessionFormat.WINDOWS_CMD
          .format(new SessionTokens("ASIA", bad, "token", EXPIRY)));
      assertEquals(ExitCode.FILE, e.exitCode());
    }
    for (SessionFormat format : List.of(SessionFormat.ENV, SessionFormat.FISH,
        SessionFormat.POWERSHELL)) {
      assertThrows(AwsmfaException.class,
          () -> format.format(new SessionTokens("ASIA", "a\0b", "token", EXPIRY)));
    }
    for (String bad : List.of("a\u2019b", "a\u00e9b", "a\tb")) {
      assertThrows(AwsmfaException.class, () -> SessionFormat.POWERSHELL
          .format(new SessionTokens("ASIA", bad, "token", EXPIRY)), "PowerShell: " + bad);
    }
  }

  @Test
  void posixShellsReadBackEveryValueAsItWas() throws Exception {
    for (String shell : List.of("sh", "bash", "zsh")) {
      assumeTrue(onPath(shell), shell + " is not installed: skipping its check of the env"
          + " format");
      Path script = Files.writeString(dir.resolve("session.sh"),
          SessionFormat.ENV.format(HOSTILE));
      assertEquals(expected(), run(shell, "-c", ". \"$1\"; " + printAll("\"$%s\""), shell,
          script.toString()), shell);
      Path plain = Files.writeString(dir.resolve("plain.sh"),
          SessionFormat.ENV_NO_EXPORT.format(HOSTILE));
      assertEquals(expected(), run(shell, "-c", ". \"$1\"; " + printAll("\"$%s\""), shell,
          plain.toString()), shell + ", env-no-export");
    }
    assertEquals(List.of(), Stream.of(dir.toFile().list()).filter(f -> f.equals("pwned"))
        .toList(), "nothing in a value ran");
  }

  @Test
  void fishReadsBackEveryValueAsItWas() throws Exception {
    assumeTrue(onPath("fish"), "fish is not installed: skipping its check of the fish format");
    Path script = Files.writeString(dir.resolve("session.fish"),
        SessionFormat.FISH.format(HOSTILE));
    assertEquals(expected(), run("fish", "-c", "source $argv[1]; " + printAll("\"$%s\""),
        script.toString()));
  }

  @Test
  void theEnvFormatPassesShellcheck() throws Exception {
    assumeTrue(onPath("shellcheck"), "shellcheck is not installed: skipping the env lint");
    Path script = Files.writeString(dir.resolve("session.sh"),
        "#!/bin/sh\n" + SessionFormat.ENV.format(PLAIN));
    assertEquals("", run("shellcheck", script.toString()));
    // Hostile values only draw hints that a quoted $ stays as it is, which is the point.
    Path hostile = Files.writeString(dir.resolve("hostile.sh"),
        "#!/bin/sh\n" + SessionFormat.ENV.format(HOSTILE));
    assertEquals("", run("shellcheck", "--severity=error", hostile.toString()));
  }

  /** Each variable's value between brackets, one printf for all four. */
  private static String printAll(String reference) {
    StringBuilder command = new StringBuilder("printf '[%s]'");
    for (String name : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_CREDENTIAL_EXPIRATION")) {
      command.append(' ').append(String.format(reference, name));
    }
    return command.toString();
  }

  private static String expected() {
    return "[" + HOSTILE.accessKeyId() + "][" + HOSTILE.secretAccessKey() + "]["
        + HOSTILE.sessionToken() + "][2026-12-05T06:30:00Z]";
  }

  private String run(String... command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true);
    builder.environment().put("HOME", dir.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    return output;
  }

  private static boolean onPath(String program) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
  }
}
