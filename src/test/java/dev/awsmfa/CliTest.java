package dev.awsmfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CliTest {
  private static final String ARN = "arn:aws:iam::123456789012:mfa/alice";

  private static RefreshOptions options(String... args) {
    return RefreshOptions.from(Cli.parse(args));
  }

  private static String usageError(String... args) {
    AwsmfaException e = assertThrows(AwsmfaException.class, () -> options(args));
    assertEquals(ExitCode.USAGE, e.exitCode());
    return e.getMessage();
  }

  @Test
  void flagsAndTheCodeComeInAnyOrderInBothForms() {
    RefreshOptions o = options("123456", "--serial-number=" + ARN, "--profile", "dev",
        "--duration-seconds", "3600", "--mfa-profile-name=dev-mfa", "--region", "eu-west-1",
        "--endpoint-url", "https://sts.example.com");
    assertEquals(new RefreshOptions(ARN, "123456", 3600, Optional.of("dev"), "dev-mfa",
        Optional.of("eu-west-1"), Optional.of(URI.create("https://sts.example.com"))), o);
    assertEquals("654321", options("--token-code", "654321", "--serial-number", ARN).tokenCode());
  }

  @Test
  void defaults() {
    RefreshOptions o = options("--serial-number", ARN, "123456");
    assertEquals(43_200, o.durationSeconds());
    assertEquals("mfa", o.mfaProfileName());
    assertEquals(Optional.empty(), o.profile());
    assertEquals(Optional.empty(), o.region());
  }

  @Test
  void acceptsEveryPartitionAndHardwareSerials() {
    for (String serial : new String[] {"arn:aws-cn:iam::123456789012:mfa/a",
        "arn:aws-us-gov:iam::123456789012:mfa/path/a.b@c", "GAHT12345678"}) {
      assertEquals(serial, options("--serial-number", serial, "123456").serialNumber());
    }
  }

  @Test
  void explainsBadValues() {
    assertTrue(usageError("--serial-number", ARN, "12345").contains("'12345' is not 6 digits"));
    assertTrue(usageError("--serial-number", ARN, "12345a").contains("is not 6 digits"));
    assertTrue(usageError("--serial-number", ARN).startsWith("no MFA code"));
    assertTrue(usageError("123456").startsWith("no MFA device"));
    assertTrue(usageError("--serial-number", "arn:aws:iam::123456789012:user/alice", "123456")
        .contains("it is a user ARN"));
    assertTrue(usageError("--serial-number", "arn:aws-xx:iam::123456789012:mfa/a", "123456")
        .contains("partition aws, aws-cn or aws-us-gov"));
    assertTrue(usageError("--serial-number", "alice", "123456").contains("neither"));
    assertTrue(usageError("--serial-number", ARN, "123456", "--duration-seconds", "129601")
        .contains("give 900 to 129600"));
    assertTrue(usageError("--serial-number", ARN, "123456", "--duration-seconds", "1h")
        .contains("not a whole number"));
    assertTrue(usageError("--serial-number", ARN, "123456", "--endpoint-url", "sts.local")
        .contains("not an http or https URL"));
    assertTrue(usageError("--serial-number", ARN, "123456", "--region", "US East")
        .contains("not an AWS region name"));
    assertTrue(usageError("--serial-number", ARN, "123456", "--profile", "[x]")
        .contains("not a usable profile name"));
    assertTrue(usageError("--serial-number", ARN, "123456", "--mfa-profile-name", "DEFAULT")
        .contains("DEFAULT names no profile"));
    assertTrue(usageError("--serial-number", ARN, "123456", "--profile", "caf\ufffd")
        .contains("UTF-8 locale"));
    assertEquals("the MFA code (40 characters) is not 6 digits: give the 6-digit code your device"
        + " shows now", usageError("--serial-number", ARN, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
  }

  @Test
  void explainsBadCommandLines() {
    assertEquals("unknown option --serial (see awsmfa --help)",
        usageError("--serial", ARN, "123456"));
    assertEquals("--profile needs a value (see awsmfa --help)", usageError("123456", "--profile"));
    assertTrue(usageError("123456", "654321").startsWith("unexpected argument '654321'"));
    assertTrue(usageError("123456", "--token-code", "654321").contains("given twice"));
    assertTrue(usageError("--profile", "a", "--profile", "b", "1").contains("more than once"));
  }

  @Test
  void helpNamesEveryFlag() {
    for (String flag : new String[] {"--serial-number", "--token-code", "--duration-seconds",
        "--profile", "--mfa-profile-name", "--region", "--endpoint-url", "--quiet", "--debug",
        "--help", "--version"}) {
      assertTrue(Cli.HELP.contains(flag), flag);
    }
    assertTrue(Cli.parse(new String[] {"-h"}).help());
  }

  @Test
  void formatsTimeLeftToTheMinute() {
    assertEquals("12h", Messages.duration(Duration.ofSeconds(43_199)));
    assertEquals("11h 59m", Messages.duration(Duration.ofMinutes(719)));
    assertEquals("45m", Messages.duration(Duration.ofMinutes(45)));
    assertEquals("36h", Messages.duration(Duration.ofHours(36)));
    assertEquals("0m", Messages.duration(Duration.ofMinutes(-5)));
  }
}
