package dev.awsmfa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.profiles.Environment;
import dev.awsmfa.refresh.Terminal;
import dev.awsmfa.refresh.TokenCodes;
import dev.awsmfa.sts.ForwardProxy;
import dev.awsmfa.sts.SdkSessionTokenSource;
import dev.awsmfa.sts.StsStandIn;
import dev.awsmfa.sts.TestCa;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daily use past the first refresh, against the STS stand-in: defaults from the profile,
 * where the code comes from, skipping a refresh that is not needed, printing for scripts, keys
 * in the environment, and {@code awsmfa status}.
 */
class MorningRoutineTest {
  @TempDir Path home;
  private StsStandIn sts;
  private StsStandIn.User alice;
  private Path credentials;
  private Path config;
  private final Map<String, String> env = new HashMap<>();
  private String stdout;
  private String stderr;

  @BeforeEach
  void start() throws IOException {
    sts = StsStandIn.start(Clock.systemUTC());
    alice = sts.addUser("alice");
    credentials = home.resolve(".aws/credentials");
    config = home.resolve(".aws/config");
    Files.createDirectories(credentials.getParent());
    Files.writeString(credentials, "[default]\naws_access_key_id = " + alice.accessKeyId()
        + "\naws_secret_access_key = " + alice.secret() + "\n");
    Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
    env.put("HOME", home.toString());
    env.put("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
  }

  @AfterEach
  void stop() {
    sts.close();
  }

  private int run(InputStream stdin, Terminal terminal, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args, new Environment(env, "/nonexistent"), FileSystems.getDefault(),
        Clock.systemUTC(), SdkSessionTokenSource::new, new TokenCodes(stdin, terminal),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    stdout = out.toString(StandardCharsets.UTF_8);
    stderr = err.toString(StandardCharsets.UTF_8);
    return status;
  }

  private int run(String... args) {
    return run(InputStream.nullInputStream(), Terminal.none(), args);
  }

  private String code() {
    return sts.currentCode(alice);
  }

  @Test
  void theSerialAndDurationComeFromTheProfile() throws IOException {
    Files.writeString(config, "[default]\nmfa_serial = " + alice.serial()
        + "\nduration_seconds = 3600\n");

    assertEquals(0, run(code()), stderr);

    assertEquals(alice.serial(), sts.requests().get(0).form().get("SerialNumber"));
    assertEquals("3600", sts.requests().get(0).form().get("DurationSeconds"));
    String next = nextCodeAfterFirst();
    assertEquals(0, run("--duration-seconds", "7200", "--serial-number", alice.serial(),
        "--force", "--token-code", next), stderr);
    assertEquals("7200", sts.requests().get(1).form().get("DurationSeconds"), "flags win");
  }

  /** A second user's code, as the first user's current one is spent. */
  private String nextCodeAfterFirst() throws IOException {
    StsStandIn.User bob = sts.addUser("bob");
    Files.writeString(credentials, "[default]\naws_access_key_id = " + bob.accessKeyId()
        + "\naws_secret_access_key = " + bob.secret() + "\n");
    alice = bob;
    return sts.currentCode(bob);
  }

  @Test
  void aBadMfaSerialInTheProfileIsNamed() throws IOException {
    Files.writeString(config, "[default]\nmfa_serial = arn:aws:iam::123456789012:user/alice\n");
    assertEquals(2, run(code()));
    assertTrue(stderr.startsWith("awsmfa: the mfa_serial of profile 'default'"
        + " arn:aws:iam::123456789012:user/alice is not an MFA device ARN"), stderr);
  }

  @Test
  void theCodeCanComeFromStdinAProcessOrThePrompt() throws IOException {
    Files.writeString(config, "[default]\nmfa_serial = " + alice.serial() + "\n");
    InputStream stdin = new ByteArrayInputStream((code() + "\n").getBytes(StandardCharsets.UTF_8));
    assertEquals(0, run(stdin, Terminal.none(), "-"), stderr);

    nextCodeAfterFirst();
    Files.writeString(config, "[default]\nmfa_serial = " + alice.serial() + "\n");
    assertEquals(0, run("--force", "--mfa-process",
        "printf 'Touch your key\\nCode: %s\\n' " + code()), stderr);

    nextCodeAfterFirst();
    Files.writeString(config, "[default]\nmfa_serial = " + alice.serial()
        + "\nmfa_process = echo " + code() + "\n");
    assertEquals(0, run("--force"), stderr);

    nextCodeAfterFirst();
    Files.writeString(config, "[default]\nmfa_serial = " + alice.serial() + "\n");
    List<String> prompts = new ArrayList<>();
    String typed = code();
    assertEquals(0, run(InputStream.nullInputStream(), prompt -> {
      prompts.add(prompt);
      return Optional.of(typed);
    }, "--force"), stderr);
    assertEquals(List.of("MFA code for " + alice.serial() + ": "), prompts);
    assertEquals(4, sts.requests().size());
    assertEquals("", stdout, "nothing on stdout without --output");
  }

  @Test
  void refreshIsTheDefaultCommandAndCanBeNamed() throws IOException {
    assertEquals(0, run("refresh", "--serial-number", alice.serial(), code()), stderr);
    assertEquals(1, sts.requests().size());
  }

  @Test
  void aSkippedRefreshNeedsNoKeysAndMinRemainingNeedsTheFile() throws IOException {
    assertEquals(0, run("--serial-number", alice.serial(), code()), stderr);
    env.put("AWS_ACCESS_KEY_ID", "ASIAEXPORTEDSESSION1");
    env.put("AWS_SECRET_ACCESS_KEY", "x");
    env.put("AWS_SESSION_TOKEN", "t");
    assertEquals(0, run("--min-remaining", "1h", "--output", "env"), stderr);
    assertTrue(stdout.startsWith("export AWS_ACCESS_KEY_ID='ASIA"), stdout);
    assertEquals(2, run("--min-remaining", "1h", "--output", "env", "--no-write"));
    assertTrue(stderr.contains("which --no-write never updates"), stderr);
    env.remove("AWS_SESSION_TOKEN");
    env.remove("AWS_SECRET_ACCESS_KEY");
    assertEquals(2, run("--serial-number", alice.serial(), "123456"));
    assertTrue(stderr.startsWith("awsmfa: the environment has AWS_ACCESS_KEY_ID but no"
        + " AWS_SECRET_ACCESS_KEY"), stderr);
  }

  @Test
  void withoutACodeOrATerminalItSaysWhereACodeCanComeFrom() throws IOException {
    assertEquals(2, run("--serial-number", alice.serial()));
    assertTrue(stderr.startsWith("awsmfa: no MFA code: give it as the argument"), stderr);
    assertEquals(2, run("--serial-number", alice.serial(), "--mfa-process", "false"));
    assertTrue(stderr.contains("failed with exit status 1"), stderr);
    assertEquals(2, run("--serial-number", alice.serial(), "--mfa-process", "echo no code"));
    assertTrue(stderr.contains("printed no 6-digit code"), stderr);
    assertTrue(sts.requests().isEmpty());
  }

  @Test
  void skipsARefreshThatIsNotNeededUnlessForced() throws IOException {
    assertEquals(0, run("--serial-number", alice.serial(), code()), stderr);
    byte[] refreshed = Files.readAllBytes(credentials);

    assertEquals(0, run("--min-remaining", "2h"), stderr);
    assertTrue(stderr.matches("mfa: session valid until .* \\(12h\\), at least 2h: nothing to"
        + " do\n"), stderr);
    assertEquals(1, sts.requests().size(), "no code is needed and none is spent");
    assertArrayEquals(refreshed, Files.readAllBytes(credentials));

    String next = nextCodeAfterFirst();
    assertEquals(0, run("--min-remaining", "13h", "--serial-number", alice.serial(), next),
        stderr);
    assertEquals(2, sts.requests().size(), "12h left is less than 13h");
  }

  @Test
  void printsTheSessionForScriptsAndWritesNothingWithNoWrite() throws IOException {
    byte[] before = Files.readAllBytes(credentials);

    assertEquals(0, run("--serial-number", alice.serial(), code(), "--output", "json",
        "--no-write"), stderr);

    assertArrayEquals(before, Files.readAllBytes(credentials));
    assertFalse(Files.exists(config));
    assertTrue(stdout.matches("\\{\n    \"Credentials\": \\{\n"
        + "        \"AccessKeyId\": \"ASIA[A-Z0-9]{16}\",\n"
        + "        \"SecretAccessKey\": \"[^\"]{40}\",\n"
        + "        \"SessionToken\": \"IQoJ[^\"]+\",\n"
        + "        \"Expiration\": \"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00\"\n"
        + "    }\n}\n"), stdout);
    assertTrue(stderr.endsWith(", printed only\n"), stderr);
  }

  @Test
  void envOutputEvaluatesInAShell() throws Exception {
    assertEquals(0, run("--serial-number", alice.serial(), code(), "--output=env"), stderr);
    Process sh = new ProcessBuilder("sh", "-c", stdout + "printf '%s|%s' \"$AWS_ACCESS_KEY_ID\""
        + " \"$AWS_CREDENTIAL_EXPIRATION\"").start();
    String printed = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, sh.waitFor());
    assertTrue(printed.matches("ASIA[A-Z0-9]{16}\\|\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
        printed);
    assertTrue(Files.readString(credentials).contains("[mfa]"), "the files are written too");
  }

  @Test
  void exportedLongTermKeysAreUsedAndExportedSessionKeysRefused() throws IOException {
    Files.writeString(credentials, "");
    env.put("AWS_ACCESS_KEY_ID", alice.accessKeyId());
    env.put("AWS_SECRET_ACCESS_KEY", alice.secret());
    assertEquals(0, run("--serial-number", alice.serial(), code()), stderr);
    assertTrue(Files.readString(credentials).startsWith("[mfa]\n"));

    env.put("AWS_SESSION_TOKEN", "token");
    assertEquals(2, run("--serial-number", alice.serial(), "123456"));
    assertTrue(stderr.startsWith("awsmfa: the environment holds temporary session credentials"),
        stderr);
    assertEquals(2, run("--serial-number", alice.serial(), "123456", "--profile", "nobody"));
    assertTrue(stderr.contains("profile 'nobody' is in neither"), "--profile ignores them");
  }

  @Test
  void theEndpointCanComeFromTheProfileOrItsServicesSection() throws IOException {
    env.remove("AWS_ENDPOINT_URL_STS");
    Files.writeString(config, "[default]\nendpoint_url = " + sts.endpoint() + "\n");
    assertEquals(0, run("--serial-number", alice.serial(), code()), stderr);

    String next = nextCodeAfterFirst();
    Files.writeString(config, "[default]\nendpoint_url = http://127.0.0.1:9\nservices = local\n"
        + "\n[services local]\nsts =\n  endpoint_url = " + sts.endpoint() + "\n");
    assertEquals(0, run("--serial-number", alice.serial(), next, "--force"), stderr);
    assertEquals(2, sts.requests().size(), "the services section wins over endpoint_url");
  }

  @Test
  void goesThroughTheProxyInTheEnvironment() throws IOException {
    env.remove("AWS_ENDPOINT_URL_STS");
    try (ForwardProxy proxy = ForwardProxy.start(sts.endpoint().getPort())) {
      env.put("http_proxy", proxy.url().toString());
      // This host exists nowhere: only the proxy can reach "it".
      assertEquals(0, run("--serial-number", alice.serial(), code(), "--endpoint-url",
          "http://sts.awsmfa-test.invalid:8080"), stderr + proxy.requestLines());
      assertEquals(List.of("POST http://sts.awsmfa-test.invalid:8080 HTTP/1.1"),
          proxy.requestLines());
      assertEquals(1, sts.requests().size());
    }
  }

  @Test
  void aDeadServerFailsWithinTheReadTimeout() throws Exception {
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50,
        java.net.InetAddress.getLoopbackAddress())) {
      env.put("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:" + silent.getLocalPort());
      assertEquals(5, run("--serial-number", alice.serial(), code(), "--cli-read-timeout", "1",
          "--cli-connect-timeout", "1"));
      assertTrue(stderr.startsWith("awsmfa: could not reach STS at http://127.0.0.1:"), stderr);
      assertTrue(stderr.toLowerCase().contains("timed out"), stderr);
    }
  }

  /** Over HTTPS the connection is opened ahead of the call; its failures are the call's. */
  @Test
  void anHttpsEndpointThatIsSilentOrClosedFailsAsTheCallWould() throws Exception {
    int closedPort;
    try (java.net.ServerSocket gone = new java.net.ServerSocket(0, 50,
        java.net.InetAddress.getLoopbackAddress())) {
      closedPort = gone.getLocalPort();
    }
    env.put("AWS_ENDPOINT_URL_STS", "https://127.0.0.1:" + closedPort);
    assertEquals(5, run("--serial-number", alice.serial(), code()));
    assertTrue(stderr.startsWith("awsmfa: could not reach STS at https://127.0.0.1:"), stderr);
    assertTrue(stderr.toLowerCase().contains("connection refused"), stderr);

    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50,
        java.net.InetAddress.getLoopbackAddress())) {
      env.put("AWS_ENDPOINT_URL_STS", "https://127.0.0.1:" + silent.getLocalPort());
      assertEquals(5, run("--serial-number", alice.serial(), code(), "--cli-read-timeout", "1"));
      assertTrue(stderr.startsWith("awsmfa: could not reach STS at https://127.0.0.1:"), stderr);
      assertTrue(stderr.toLowerCase().contains("timed out"), stderr);
    }
  }

  /** The bundle replaces Java's own authorities, as the AWS CLI's does. */
  @Test
  void trustsAnHttpsEndpointOnlyThroughTheCaBundle() throws Exception {
    TestCa ca = TestCa.shared("main");
    // Copies in the test's home: awsmfa checks who may change each directory up to a bundle.
    Path trusted = Files.copy(ca.caPem(), home.resolve("ca.pem"));
    Path untrusted = Files.copy(TestCa.shared("other").caPem(), home.resolve("other-ca.pem"));
    try (StsStandIn https = StsStandIn.startHttps(Clock.systemUTC(), ca)) {
      StsStandIn.User carol = https.addUser("carol");
      Files.writeString(credentials, "[default]\naws_access_key_id = " + carol.accessKeyId()
          + "\naws_secret_access_key = " + carol.secret() + "\n");
      env.put("AWS_ENDPOINT_URL_STS", https.endpoint().toString());

      assertEquals(5, run("--serial-number", carol.serial(), "123456"));
      assertTrue(stderr.startsWith("awsmfa: could not reach STS at https://127.0.0.1:"), stderr);
      assertTrue(https.requests().isEmpty(), "without the bundle, TLS stops the request");

      env.put("AWS_CA_BUNDLE", untrusted.toString());
      assertEquals(5, run("--serial-number", carol.serial(), "123456"));
      assertTrue(https.requests().isEmpty(), "an authority outside the bundle is not trusted");

      env.put("AWS_CA_BUNDLE", trusted.toString());
      assertEquals(0, run("--serial-number", carol.serial(), https.currentCode(carol)), stderr);
      assertEquals(1, https.requests().size());
    }
  }

  @Test
  void anUnusableCaBundleIsRefusedBeforeTheCodeIsSpent() throws IOException {
    Path bundle = home.resolve("not-a-cert.pem");
    Files.writeString(bundle, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
    env.put("AWS_CA_BUNDLE", bundle.toString());
    env.put("AWS_ENDPOINT_URL_STS", "https://127.0.0.1:" + sts.endpoint().getPort());
    assertEquals(3, run("--serial-number", alice.serial(), code()));
    assertTrue(stderr.startsWith("awsmfa: cannot use the CA bundle " + bundle), stderr);
    assertTrue(sts.requests().isEmpty());
  }

  @Test
  void skipsTheProxyForNoProxyHostsAndRefusesAProxyLogin() throws IOException {
    try (ForwardProxy proxy = ForwardProxy.start(sts.endpoint().getPort())) {
      env.put("HTTP_PROXY", proxy.url().toString());
      env.put("NO_PROXY", ".example,127.0.0.1");
      assertEquals(0, run("--serial-number", alice.serial(), code()), stderr);
      assertTrue(proxy.requestLines().isEmpty(), "127.0.0.1 is reached directly");
      assertEquals(1, sts.requests().size());
    }
    env.put("HTTP_PROXY", "http://user:s3cret@proxy.example:3128");
    assertEquals(2, run("--serial-number", alice.serial(), "123456"));
    assertTrue(stderr.contains("needs a login"), stderr);
    assertFalse(stderr.contains("s3cret"), "the proxy password is never printed");
  }

  @Test
  void assumesARoleWithTheCodeAndExplainsTheRolesLimit() throws IOException {
    env.put("USER", "alice.example");
    String role = "arn:aws:iam::210987654321:role/admin";
    assertEquals(0, run("--serial-number", alice.serial(), code(), "--role-arn", role,
        "--mfa-profile-name", "admin"), stderr);
    StsStandIn.Request call = sts.requests().get(0);
    assertEquals("AssumeRole", call.action());
    assertEquals(role, call.form().get("RoleArn"));
    assertEquals("alice.example", call.form().get("RoleSessionName"));
    assertEquals("3600", call.form().get("DurationSeconds"));
    assertEquals(alice.serial(), call.form().get("SerialNumber"));
    assertTrue(Files.readString(credentials).contains("[admin]\naws_access_key_id = ASIA"));

    String next = nextCodeAfterFirst();
    assertEquals(4, run("--serial-number", alice.serial(), next, "--role-arn", role,
        "--duration-seconds", "7200", "--role-session-name", "ci", "--external-id", "x-123"));
    assertEquals("awsmfa: the role allows shorter sessions than 7200 seconds (its"
        + " MaxSessionDuration): ask for less with --duration-seconds, or raise the role's"
        + " maximum in IAM\n", stderr);
    assertEquals("x-123", sts.requests().get(1).form().get("ExternalId"));

    assertEquals(2, run("--serial-number", alice.serial(), "123456", "--role-arn", role,
        "--duration-seconds", "50000"));
    assertTrue(stderr.contains("a role session lasts at most 43200 seconds"), stderr);
    assertEquals(2, sts.requests().size(), "refused before the code is spent");
  }

  @Test
  void statusSaysWhereASessionCameFrom() throws IOException {
    assertEquals(0, run("--serial-number", alice.serial(), code()), stderr);
    assertEquals(0, run("status"));
    assertTrue(stdout.matches("mfa: valid until .* \\(12h left\\), from profile 'default' with "
        + java.util.regex.Pattern.quote(alice.serial()) + "\n"), stdout);
    assertEquals(0, run("status", "--output", "json"));
    assertTrue(stdout.contains("\"SourceProfile\": \"default\",\n            \"SerialNumber\": \""
        + alice.serial() + "\""), stdout);
  }

  @Test
  void exportPrintsTheStoredSessionInEachFormatAndNothingOnceItHasExpired() throws IOException {
    assertEquals(11, run("export"));
    assertEquals("", stdout);
    assertEquals("awsmfa: mfa: no session in ~/.aws/credentials: run awsmfa with a code\n",
        stderr);

    assertEquals(0, run("--serial-number", alice.serial(), code(), "--quiet"), stderr);
    String written = Files.readString(credentials);
    assertEquals(0, run("export"), stderr);
    assertEquals("", stderr);
    for (String line : stdout.split("\n")) {
      assertTrue(line.matches("export AWS_[A-Z_]+='[^']+'"), line);
    }
    String keyId = written.replaceAll("(?s).*\\[mfa\\]\naws_access_key_id = (\\S+).*", "$1");
    assertTrue(stdout.contains("export AWS_ACCESS_KEY_ID='" + keyId + "'\n"), stdout);
    assertEquals(0, run("export", "--format", "process", "--mfa-profile-name", "mfa"));
    assertTrue(stdout.startsWith("{\n    \"Version\": 1,\n    \"AccessKeyId\": \"" + keyId),
        stdout);
    assertEquals(0, run("export", "--format=fish"));
    assertTrue(stdout.startsWith("set -gx AWS_ACCESS_KEY_ID '" + keyId + "'\n"), stdout);
    assertEquals(2, run("export", "--format", "yaml"));
    assertTrue(stderr.startsWith("awsmfa: --format yaml is not a format: give env,"), stderr);
    assertEquals(1, sts.requests().size(), "export makes no network call");

    Files.writeString(credentials, written.replaceAll("aws_credential_expiration = \\S+",
        "aws_credential_expiration = 2020-01-01T00:00:00Z"));
    assertEquals(11, run("export", "--format", "process"));
    assertEquals("", stdout);
    assertTrue(stderr.startsWith("awsmfa: mfa: expired at 2020-01-01"), stderr);
  }

  @Test
  void statusReportsTheSessionWithoutCallingSts() throws IOException {
    Instant now = Instant.now();
    Files.writeString(credentials, "[mfa]\naws_credential_expiration = "
        + now.plusSeconds(3 * 3600).toString().replaceAll("\\.\\d+", "") + "\n"
        + "[soon]\nexpiration = " + now.plusSeconds(1800).atOffset(ZoneOffset.UTC).toString()
            .replace('T', ' ').replaceAll("\\.\\d+", "") + "\n"
        + "[old]\naws_credential_expiration = 2020-01-01T00:00:00Z\n[keys]\nregion = x\n");

    assertEquals(0, run("status"), stderr);
    assertTrue(stdout.matches("mfa: valid until .* \\((2h 59m|3h) left\\)\n"), stdout);
    assertEquals(10, run("status", "--warn-within", "4h"));
    assertTrue(stdout.startsWith("mfa: expires soon"), stdout);
    assertEquals(10, run("status", "--mfa-profile-name", "soon"));
    assertEquals(11, run("status", "--mfa-profile-name", "old"));
    assertTrue(stdout.startsWith("old: expired at 2020-01-01"), stdout);
    assertEquals(11, run("status", "--mfa-profile-name", "old", "--quiet"));
    assertEquals("", stdout + stderr, "--quiet: the exit status alone tells");
    assertEquals(10, run("status", "--quiet", "--warn-within", "4h"));
    assertEquals(11, run("status", "--mfa-profile-name", "keys"));
    assertTrue(stdout.startsWith("keys: no session in ~/.aws/credentials"), stdout);

    assertEquals(11, run("status", "--all", "--output", "json"));
    assertTrue(stdout.contains("\"Profile\": \"mfa\",\n            \"State\": \"valid\""), stdout);
    assertTrue(stdout.contains("\"Profile\": \"soon\",\n            \"State\": \"expiring\""),
        stdout);
    assertTrue(stdout.contains("\"Profile\": \"old\",\n            \"State\": \"expired\""),
        stdout);
    assertFalse(stdout.contains("\"keys\""), stdout);
    assertTrue(sts.requests().isEmpty(), "status makes no network call");
  }
}
