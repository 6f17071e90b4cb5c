package dev.awsmfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paths that run often, from scripts and reminders, must not pay for the AWS SDK, TLS or
 * HTTP: the built jar is run with {@code -Xlog:class+load} and the classes it loaded are read.
 */
class LeanPathsIT {
  private static final Path JAR = Path.of(System.getProperty("awsmfa.jar", "target/awsmfa.jar"));
  private static final Pattern HEAVY = Pattern.compile("software\\.amazon|sun\\.security\\.ssl"
      + "|javax\\.net\\.ssl|org\\.slf4j|sun\\.net\\.www\\.protocol\\.https?\\.");

  /** IAM's classes: only finding the MFA device and rotate may load them. */
  private static final Pattern IAM = Pattern.compile("software\\.amazon\\.awssdk\\.services\\.iam"
      + "|dev\\.awsmfa\\.iam\\.Sdk");

  @TempDir Path home;

  /** The JDK's time-zone database, which only a run that shows a local time needs. */
  private static final Pattern ZONES =
      Pattern.compile("java\\.time\\.zone\\.TzdbZoneRulesProvider "
          + "|sun\\.util\\.calendar\\.ZoneInfoFile ");

  /** The classes loaded by one run of the jar, and its exit status. */
  private record Run(int status, List<String> heavyClasses, int classes, List<String> iamClasses,
      boolean zones) {}

  private Run run(String... args) throws IOException, InterruptedException {
    Path log = home.resolve("classes.log");
    Files.deleteIfExists(log);
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xlog:class+load:file=" + log, "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    builder.environment().put("HOME", home.toString());
    // A zone of the database: UTC itself would be found without reading it.
    builder.environment().put("TZ", "Asia/Tokyo");
    Process process = builder.start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    List<String> lines = Files.readAllLines(log);
    return new Run(process.exitValue(),
        lines.stream().filter(l -> HEAVY.matcher(l).find()).toList(), lines.size(),
        lines.stream().filter(l -> IAM.matcher(l).find()).toList(),
        lines.stream().anyMatch(l -> ZONES.matcher(l).find()));
  }

  /** An [mfa] session valid until 2099, in a credentials file only its owner may read. */
  private void storeAValidSession() throws IOException {
    Path credentials = Files.createDirectories(home.resolve(".aws")).resolve("credentials");
    Files.writeString(credentials, "[mfa]\naws_access_key_id = ASIAEXAMPLE\n"
        + "aws_secret_access_key = s\naws_session_token = t\n"
        + "aws_credential_expiration = 2099-01-01T00:00:00Z\n");
    Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void statusHelpVersionSkipsExportExecAndUsageErrorsLoadNoSdkTlsOrHttpClass() throws Exception {
    storeAValidSession();
    String[][] lean = {{"status"}, {"status", "--all", "--output", "json"}, {"--help"},
        {"--version"}, {"--min-remaining", "2h"}, {"--bogus"}, {"12345"}, {"export"},
        {"export", "--format", "process"}, {"exec", "--", "true"}};
    for (String[] args : lean) {
      Run run = run(args);
      assertTrue(run.classes() > 100, "the class log was written");
      assertEquals(List.of(), run.heavyClasses(), String.join(" ", args));
    }
  }

  @Test
  void aCallToStsDoesLoadThemSoTheCheckAboveCanFailButNoIamClass() throws Exception {
    Files.createDirectories(home.resolve(".aws"));
    Files.writeString(home.resolve(".aws/credentials"),
        "[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = s\n");
    Files.writeString(home.resolve(".aws/config"), "[default]\nmfa_serial = GAHT12345678\n");
    Run run = run("123456", "--endpoint-url", "http://127.0.0.1:9", "--cli-connect-timeout", "1");
    assertEquals(5, run.status());
    assertTrue(run.heavyClasses().size() > 100, "the SDK was loaded: " + run.heavyClasses().size());
    assertEquals(List.of(), run.iamClasses(), "a refresh with mfa_serial");
    for (String[] args : new String[][] {{"status"}, {"--help"}, {"rotate", "--help"}}) {
      assertEquals(List.of(), run(args).iamClasses(), String.join(" ", args));
    }
  }

  @Test
  void findingTheMfaDeviceLoadsIamSoTheCheckAboveCanFail() throws Exception {
    Files.createDirectories(home.resolve(".aws"));
    Files.writeString(home.resolve(".aws/credentials"),
        "[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = s\n");
    Run run = run("123456", "--endpoint-url", "http://127.0.0.1:9", "--cli-connect-timeout", "1");
    assertEquals(5, run.status());
    assertTrue(run.iamClasses().size() > 0, "IAM's classes were loaded");
  }

  @Test
  void onlyARunThatShowsALocalTimeReadsTheTimeZoneDatabase() throws Exception {
    storeAValidSession();
    for (String[] args : new String[][] {{"--help"}, {"--version"},
        {"--min-remaining", "2h", "--quiet"}, {"status", "--quiet"}}) {
      Run run = run(args);
      assertEquals(0, run.status(), String.join(" ", args));
      assertFalse(run.zones(), String.join(" ", args));
    }
    Run status = run("status");
    assertEquals(0, status.status());
    assertTrue(status.zones(), "status shows the session's end in local time");
  }
}
