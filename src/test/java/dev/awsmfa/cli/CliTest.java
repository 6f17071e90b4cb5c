package dev.awsmfa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.export.SessionFormat;
import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.refresh.RefreshOptions;
import dev.awsmfa.status.StatusOptions;
import dev.awsmfa.text.DurationText;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CliTest {
  private static final String ARN = "arn:aws:iam::123456789012:mfa/alice";

  private static RefreshOptions options(String... args) {
    return ((Invocation.RunRefresh) Cli.parse(args)).options();
  }

  private static String help(String... args) {
    return ((Invocation.ShowHelp) Cli.parse(args)).text();
  }

  private static String usageError(String... args) {
    AwsmfaException e = assertThrows(AwsmfaException.class, () -> Cli.parse(args));
    assertEquals(ExitCode.USAGE, e.exitCode());
    return e.getMessage();
  }

  @Test
  void flagsAndTheCodeComeInAnyOrderInBothForms() {
    RefreshOptions o = options("123456", "--serial-number=" + ARN, "--profile", "dev",
        "--duration-seconds", "3600", "--mfa-profile-name=dev-mfa", "--region", "eu-west-1",
        "--endpoint-url", "https://sts.example.com");
    assertEquals(new RefreshOptions(Optional.of(ARN), Optional.of("123456"), Optional.of(3600),
        Optional.of("dev"), "dev-mfa", Optional.of("eu-west-1"),
        Optional.of(URI.create("https://sts.example.com")), Optional.empty(), Optional.empty(),
        false, Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), false, false), o);
    assertEquals(Optional.of("654321"),
        options("--token-code", "654321", "--serial-number", ARN).tokenCode());
    assertEquals(Optional.of("-"), options("-").tokenCode());
  }

  @Test
  void defaults() {
    RefreshOptions o = options("--serial-number", ARN, "123456");
    assertEquals(Optional.empty(), o.durationSeconds(), "the profile may still set it");
    assertEquals("mfa", o.mfaProfileName());
    assertEquals(Optional.empty(), o.profile());
    assertEquals(Optional.empty(), o.region());
  }

  @Test
  void acceptsEveryPartitionAndHardwareSerials() {
    for (String serial : new String[] {"arn:aws-cn:iam::123456789012:mfa/a",
        "arn:aws-us-gov:iam::123456789012:mfa/path/a.b@c", "GAHT12345678"}) {
      assertEquals(Optional.of(serial),
          options("--serial-number", serial, "123456").serialNumber());
    }
  }

  @Test
  void explainsBadValues() {
    assertTrue(usageError("--serial-number", ARN, "12345").contains("'12345' is not 6 digits"));
    assertTrue(usageError("--serial-number", ARN, "12345a").contains("is not 6 digits"));
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
        + " shows now",
        usageError("--serial-number", ARN, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
  }

  @Test
  void readsTheNewRefreshFlagsAndStatus() {
    RefreshOptions o = options("--serial-number", ARN, "--min-remaining", "1h30m", "--force",
        "--output=env", "--mfa-process", "ykman oath accounts code --single aws");
    assertEquals(Optional.of(Duration.ofMinutes(90)), o.minRemaining());
    assertTrue(o.force() && !o.noWrite());
    assertTrue(options("--output", "json", "--no-write").noWrite());
    assertEquals(Optional.of(SessionFormat.ENV), o.output());
    assertEquals(Optional.of("ykman oath accounts code --single aws"), o.mfaProcess());
    assertTrue(usageError("--no-write", "123456").startsWith("--no-write needs --output"));
    assertTrue(usageError("--role-arn", "arn:aws:iam::123456789012:user/x", "123456")
        .contains("is not a role ARN"));
    assertTrue(usageError("--role-session-name", "a b", "123456").contains("not a role session"));
    assertTrue(usageError("--output", "yaml", "123456").contains("give json or env"));
    assertTrue(usageError("--min-remaining", "2 hours", "123456").contains("is not a duration"));

    assertEquals(new Invocation.RunStatus(new StatusOptions("mfa", true, Duration.ofHours(2), true,
        false)), Cli.parse(new String[] {"status", "--all", "--warn-within=2h", "--output",
            "json"}));
    assertEquals(new Invocation.RunStatus(new StatusOptions("work", false, Duration.ofHours(1),
        false, true)), Cli.parse(new String[] {"--mfa-profile-name", "work", "status",
            "--quiet"}), "the command may follow its options");
    assertEquals("unexpected argument '123456' (see awsmfa status --help)",
        usageError("status", "123456"));
    assertEquals("--force is not an option of awsmfa status (see awsmfa status --help)",
        usageError("status", "--force"));
    assertEquals("--all is an option of awsmfa status (see awsmfa status --help)",
        usageError("--all", "123456"));
    assertTrue(usageError("status", "--all", "--mfa-profile-name", "x")
        .startsWith("give --all or --mfa-profile-name, not both"));
    assertTrue(usageError("status", "--output", "env").contains("give json"));
  }

  @Test
  void readsDurationsAsPeopleTypeThem() {
    assertEquals(Duration.ofHours(2), DurationText.parse("--x", "2h"));
    assertEquals(Duration.ofMinutes(90), DurationText.parse("--x", "90m"));
    assertEquals(Duration.ofMinutes(90), DurationText.parse("--x", "1h30m"));
    assertEquals(Duration.ofSeconds(45), DurationText.parse("--x", "45s"));
    assertEquals(Duration.ofSeconds(3600), DurationText.parse("--x", "3600"));
    assertThrows(AwsmfaException.class, () -> DurationText.parse("--x", ""));
    assertThrows(AwsmfaException.class, () -> DurationText.parse("--x", "30m2h"));
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
  void helpShowsTheDailyFormFirstAndEachCommandsOwnFlags() {
    String help = help("--help");
    assertTrue(help.startsWith("Usage: awsmfa 123456\n"), help);
    assertEquals(help, help("-h"));
    assertEquals(help, help("help"), "awsmfa help is --help, not an MFA code");
    assertEquals(help, help("123456", "--help"));
    for (Flag<?> flag : OptionTable.REFRESH.options()) {
      assertTrue(help.contains("\n  " + flag.synopsis() + " "), flag.name());
    }
    assertTrue(help.contains("\n  status  "), "the commands are listed: " + help);
    assertFalse(help.contains("\n  --warn-within"), "status's own flags are in its own help");
    String status = help("status", "--help");
    assertEquals(status, help("help", "status"));
    assertTrue(status.startsWith("Usage: awsmfa status "), status);
    for (Flag<?> flag : OptionTable.STATUS.options()) {
      assertTrue(status.contains("\n  " + flag.synopsis() + " "), flag.name());
    }
    assertFalse(status.contains("--serial-number"), status);
    for (String line : (help + status).split("\n")) {
      assertTrue(line.length() <= 80, "longer than 80 columns: " + line);
    }
    assertEquals(new Invocation.ShowVersion(), Cli.parse(new String[] {"status", "--version"}));
  }

  @Test
  void helpAndVersionComeOnlyWithAValidCommandLine() {
    assertTrue(usageError("--help", "1", "2").startsWith("unexpected argument '2'"));
    assertTrue(usageError("status", "--version", "x").startsWith("unexpected argument 'x'"));
    assertTrue(usageError("status", "--force", "--help").startsWith("--force is not an option"));
    assertEquals("awsmfa help takes the name of a command, such as status, not 'staus' (see"
        + " awsmfa --help)", usageError("help", "staus"));
    assertTrue(usageError("help", "123456").startsWith("awsmfa help takes the name"));
  }

  @Test
  void aValueNamedLikeACommandIsAValue() {
    assertEquals(Optional.of("status"), options("--profile", "status", "123456").profile());
    assertEquals("help", options("--mfa-profile-name", "help", "123456").mfaProfileName());
    assertEquals(Optional.of("123456"), options("refresh", "123456").tokenCode());
  }

  @Test
  void reportsTheSameMistakeFirstWhateverTheOrderOfTheFlags() {
    assertTrue(usageError("12345", "--duration-seconds", "5").contains("is not 6 digits"),
        "the code is checked before the duration");
    assertTrue(usageError("--duration-seconds", "5", "12345").contains("is not 6 digits"));
    assertTrue(usageError("--no-write", "--region", "US East", "123456")
        .startsWith("--no-write needs --output"));
    assertTrue(usageError("--token-code", "123456", "654321", "--profile", "[x]")
        .contains("given twice"));
    assertTrue(usageError("status", "--output", "env", "--all", "--mfa-profile-name", "x")
        .startsWith("give --all or --mfa-profile-name, not both"));
  }

  @Test
  void noCommandHasTwoRowsOfOneName() {
    for (Command<?> command : OptionTable.COMMANDS) {
      List<String> names = new ArrayList<>();
      command.options().forEach(flag -> names.add(flag.name()));
      OptionTable.GLOBAL.forEach(flag -> names.add(flag.name()));
      assertEquals(new HashSet<>(names).size(), names.size(), command.name() + ": " + names);
    }
  }

  @Test
  void anOptionThatTwoCommandsShareTakesAValueInBothOrInNeither() {
    for (Command<?> a : OptionTable.COMMANDS) {
      for (Command<?> b : OptionTable.COMMANDS) {
        for (Flag<?> flag : a.options()) {
          b.option(flag.name()).ifPresent(other -> assertEquals(flag.takesValue(),
              other.takesValue(), flag.name()));
        }
      }
    }
  }

  @Test
  void formatsTimeLeftToTheMinute() {
    assertEquals("12h", DurationText.format(Duration.ofSeconds(43_199)));
    assertEquals("11h 59m", DurationText.format(Duration.ofMinutes(719)));
    assertEquals("45m", DurationText.format(Duration.ofMinutes(45)));
    assertEquals("36h", DurationText.format(Duration.ofHours(36)));
    assertEquals("0m", DurationText.format(Duration.ofMinutes(-5)));
  }
}
