package dev.awsmfa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.awsmfa.cli.Cli;
import dev.awsmfa.cli.Invocation;
import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.files.LockFile;
import dev.awsmfa.ini.IniDocument;
import dev.awsmfa.ini.IniSection;
import dev.awsmfa.profiles.Environment;
import dev.awsmfa.refresh.Refresh;
import dev.awsmfa.refresh.RefreshOptions;
import dev.awsmfa.refresh.Terminal;
import dev.awsmfa.refresh.TokenCodes;
import dev.awsmfa.sts.SdkSessionTokenSource;
import dev.awsmfa.sts.StsStandIn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Runs the real command path, {@link Main#run}, against the local STS stand-in over HTTP on
 * loopback, with the real SDK client and real files in a temporary home directory. One test
 * points the SDK's own profile files, through system properties, at a file it cannot parse, so
 * no other test runs beside these.
 */
@Isolated
class RefreshEndToEndTest {
  private static final String SESSION_LINE =
      "mfa: session valid until \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d [+-]\\d\\d:\\d\\d \\(12h\\)";

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
    env.put("HOME", home.toString());
  }

  @AfterEach
  void stop() {
    sts.close();
  }

  private String aliceKeys() {
    return "aws_access_key_id = " + alice.accessKeyId() + "\n"
        + "aws_secret_access_key = " + alice.secret() + "\n";
  }

  /** Writes the credentials file private, as {@code aws configure} does. */
  private void writeCredentials(String content) throws IOException {
    Files.createDirectories(credentials.getParent());
    Files.writeString(credentials, content, StandardCharsets.ISO_8859_1);
    Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
  }

  private int run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--endpoint-url");
    all.add(sts.endpoint().toString());
    return runWithoutEndpoint(all.toArray(String[]::new));
  }

  private int runWithoutEndpoint(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args, new Environment(env, "/nonexistent-java-user-home"),
        FileSystems.getDefault(), Clock.system(ZoneId.of("Asia/Tokyo")),
        SdkSessionTokenSource::new, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    stdout = out.toString(StandardCharsets.UTF_8);
    stderr = err.toString(StandardCharsets.UTF_8);
    return status;
  }

  private int refresh(String... extra) {
    List<String> args = new ArrayList<>(List.of("--serial-number", alice.serial(),
        sts.currentCode(alice)));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  private static IniDocument parse(Path file) throws IOException {
    return IniDocument.parse(Files.readAllBytes(file));
  }

  private static String value(Path file, String section, String key) throws IOException {
    IniDocument doc = parse(file);
    IniSection s = doc.sections(section).get(0);
    return doc.value(s, key).orElseThrow();
  }

  @Test
  void writesTheSessionAndKeepsEveryOtherByte() throws IOException {
    String original = "# my keys, do not lose\n[default]\n" + aliceKeys()
        + "\n; a note before the next profile\n[other]\naws_access_key_id=AKIAOTHER\n";
    writeCredentials(original);
    Files.writeString(config, "[default]\nregion = eu-west-1\n");

    assertEquals(0, refresh(), stderr);

    String after = Files.readString(credentials, StandardCharsets.ISO_8859_1);
    assertTrue(after.startsWith(original), after);
    IniDocument doc = parse(credentials);
    assertTrue(doc.problems().isEmpty(), doc.problems().toString());
    String token = value(credentials, "mfa", "aws_session_token");
    assertTrue(value(credentials, "mfa", "aws_access_key_id").startsWith("ASIA"));
    assertTrue(token.startsWith("IQoJ"));
    Instant expiration = Instant.parse(value(credentials, "mfa", "aws_credential_expiration"));
    assertTrue(expiration.isAfter(Instant.now().plusSeconds(43_000)));
    assertEquals("[default]\nregion = eu-west-1\n\n[profile mfa]\nregion = eu-west-1\n"
        + "awsmfa_source_profile = default\nawsmfa_serial_number = " + alice.serial() + "\n",
        Files.readString(config));
    assertTrue(stderr.strip().matches(SESSION_LINE), stderr);
    assertTrue(stderr.contains("+09:00"), stderr);
    assertFalse(stderr.contains(token), "the token must never be printed");
    assertEquals("", stdout);
    assertEquals("GetSessionToken", sts.requests().get(0).action());
    assertEquals("43200", sts.requests().get(0).form().get("DurationSeconds"));
  }

  @Test
  void rewritesAnExistingSessionInPlace() throws IOException {
    String head = "[default]\n" + aliceKeys() + "\n[mfa]\n# refreshed by awsmfa\n";
    String tail = "output=json\n\n[zeta]\nregion = us-west-2\n";
    writeCredentials(head + "AWS_Access_Key_ID=ASIAOLD\naws_secret_access_key :  old\n"
        + "aws_session_token=old==\naws_security_token = old==\n" + tail);

    assertEquals(0, refresh(), stderr);

    String after = Files.readString(credentials, StandardCharsets.ISO_8859_1);
    String token = value(credentials, "mfa", "aws_session_token");
    String id = value(credentials, "mfa", "aws_access_key_id");
    String secret = value(credentials, "mfa", "aws_secret_access_key");
    String expiry = value(credentials, "mfa", "aws_credential_expiration");
    assertEquals(head + "aws_access_key_id=" + id + "\naws_secret_access_key :  " + secret
        + "\naws_session_token=" + token + "\naws_security_token = " + token + "\noutput=json"
        + "\naws_credential_expiration=" + expiry + "\n\n[zeta]\nregion = us-west-2\n", after);
  }

  @Test
  void createsPrivateFilesInAPrivateDirectory() throws IOException {
    Files.writeString(home.resolve("keys"), "[default]\n" + aliceKeys());
    env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("keys").toString());
    Path newConfig = home.resolve("new/.aws/config");
    env.put("AWS_CONFIG_FILE", newConfig.toString());

    assertEquals(0, refresh(), stderr);

    assertEquals("rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(newConfig.getParent())));
    assertEquals("rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(newConfig)));
    assertEquals("[profile mfa]\nawsmfa_source_profile = default\nawsmfa_serial_number = "
        + alice.serial() + "\n", Files.readString(newConfig));
  }

  @Test
  void keepsTheModeOfAnExistingFileAndTheSymlinkToIt() throws IOException {
    Path real = home.resolve("vault/credentials");
    Files.createDirectories(real.getParent());
    Files.writeString(real, "[default]\n" + aliceKeys());
    Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r-----"));
    Files.createDirectories(credentials.getParent());
    Files.createSymbolicLink(credentials, Path.of("../vault/credentials"));

    assertEquals(0, refresh(), stderr);

    assertTrue(Files.isSymbolicLink(credentials));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(real)));
    assertTrue(Files.readString(real).contains("[mfa]"));
    try (Stream<Path> files = Files.list(real.getParent())) {
      assertEquals(List.of(real, real.resolveSibling("credentials.lock")), files.sorted().toList(),
          "the lock sits beside the real file, and no temporary file is left behind");
    }
    assertEquals("awsmfa: warning: ~/.aws/credentials is readable by other users (mode 0640): run"
        + " 'chmod 600 ~/.aws/credentials' unless that is deliberate", stderr.lines().findFirst()
        .orElseThrow());
  }

  @Test
  void worksWithFilesTheSdkCannotParse() throws IOException {
    String original = "[default]\n" + aliceKeys() + "region: eu-west-1\n";
    writeCredentials(original);
    Files.writeString(config, "[default]\nregion: eu-west-1\ns3 =\n  addressing_style: path\n");
    assertThrows(RuntimeException.class, () -> ProfileFile.builder().content(config)
        .type(ProfileFile.Type.CONFIGURATION).build().profiles(),
        "the SDK's own parser must reject this config file for the test to mean anything");
    String oldConfig = System.getProperty("aws.configFile");
    String oldCredentials = System.getProperty("aws.sharedCredentialsFile");
    System.setProperty("aws.configFile", config.toString());
    System.setProperty("aws.sharedCredentialsFile", credentials.toString());
    try {
      assertEquals(0, refresh(), stderr);
    } finally {
      restore("aws.configFile", oldConfig);
      restore("aws.sharedCredentialsFile", oldCredentials);
    }
    assertTrue(Files.readString(credentials).startsWith(original));
  }

  private static void restore(String property, String value) {
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
  }

  @Test
  void readsKeysFromTheConfigFileAndTheProfileFromAwsProfile() throws IOException {
    Files.createDirectories(config.getParent());
    Files.writeString(config, "[profile work]\nregion = ap-northeast-1\n" + aliceKeys());
    env.put("AWS_PROFILE", "work");

    assertEquals(0, refresh(), stderr);

    assertTrue(Files.readString(credentials).startsWith("[mfa]\naws_access_key_id = ASIA"));
    assertTrue(Files.readString(config).endsWith("\n[profile mfa]\nregion = ap-northeast-1\n"
        + "awsmfa_source_profile = work\nawsmfa_serial_number = " + alice.serial() + "\n"));
  }

  @Test
  void quietPrintsNothing() throws IOException {
    writeCredentials("[default]\n" + aliceKeys());
    assertEquals(0, refresh("--quiet"));
    assertEquals("", stderr);
    assertEquals("", stdout);
  }

  @Test
  void aReusedCodeIsRejectedWithAdviceAndNothingChanges() throws IOException {
    writeCredentials("[default]\n" + aliceKeys());
    String code = sts.currentCode(alice);
    assertEquals(0, run("--serial-number", alice.serial(), code), stderr);
    byte[] before = Files.readAllBytes(credentials);

    assertEquals(4, run("--serial-number", alice.serial(), code));

    assertEquals("awsmfa: the MFA code was rejected: wait for the next code (each code works"
        + " once)\n", stderr);
    assertArrayEquals(before, Files.readAllBytes(credentials));
  }

  @Test
  void aWrongSerialIsExplained() throws IOException {
    writeCredentials("[default]\n" + aliceKeys());
    assertEquals(4, run("--serial-number", "arn:aws:iam::123456789012:mfa/bob",
        sts.currentCode(alice)));
    assertTrue(stderr.startsWith("awsmfa: STS could not validate the code for"
        + " arn:aws:iam::123456789012:mfa/bob"), stderr);
    assertFalse(Files.readString(credentials).contains("[mfa]"));
    assertFalse(Files.exists(config));
  }

  @Test
  void debugNamesTheStsErrorCode() throws IOException {
    writeCredentials("[default]\n" + aliceKeys());
    assertEquals(4, run("--debug", "--serial-number", alice.serial(), "--token-code", wrongCode()));
    assertTrue(stderr.contains("\nawsmfa: the MFA code was rejected"), stderr);
    assertTrue(stderr.contains("awsmfa: debug: credentials file "), stderr);
    assertTrue(stderr.contains("STS error code AccessDenied, HTTP 403"), stderr);
  }

  private String wrongCode() {
    String code = sts.currentCode(alice);
    return code.equals("000000") ? "111111" : "000000";
  }

  @Test
  void unknownKeysAndWrongSecretsAreExplained() throws IOException {
    writeCredentials("[default]\naws_access_key_id = AKIAUNKNOWN\naws_secret_access_key = x\n");
    assertEquals(4, refresh());
    assertTrue(stderr.contains("AWS does not know the access key id in profile 'default' in"
        + " ~/.aws/credentials (line 1)"), stderr);

    writeCredentials("[default]\naws_access_key_id = " + alice.accessKeyId()
        + "\naws_secret_access_key = wrong\n");
    assertEquals(4, refresh());
    assertTrue(stderr.contains("the secret access key in profile 'default'"), stderr);
  }

  @Test
  void retriesThrottlingAndGivesUpWithExitFive() throws IOException {
    writeCredentials("[default]\n" + aliceKeys());
    sts.throttleNext(2);
    assertEquals(0, refresh(), stderr);

    sts.throttleNext(100);
    assertEquals(5, refresh());
    assertTrue(stderr.contains("STS is throttling requests"), stderr);
  }

  @Test
  void anUnreachableEndpointFailsWithExitFiveAndNoChange() throws IOException {
    writeCredentials("[default]\n" + aliceKeys());
    byte[] before = Files.readAllBytes(credentials);
    String endpoint = sts.endpoint().toString();
    sts.close();

    assertEquals(5, runWithoutEndpoint("--serial-number", alice.serial(), "123456",
        "--endpoint-url=" + endpoint));

    assertTrue(stderr.startsWith("awsmfa: could not reach STS at " + endpoint), stderr);
    assertArrayEquals(before, Files.readAllBytes(credentials));
  }

  @Test
  void theEndpointCanComeFromTheEnvironment() throws IOException {
    writeCredentials("[default]\n" + aliceKeys());
    env.put("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
    assertEquals(0, runWithoutEndpoint("--serial-number", alice.serial(), sts.currentCode(alice)),
        stderr);
    assertEquals(1, sts.requests().size());
  }

  /** Each of these must fail before the code is spent: the stand-in sees no request. */
  @Test
  void checksEverythingBeforeSpendingTheCode() throws IOException {
    writeCredentials("[default]\n" + aliceKeys() + "\n[held]\naws_access_key_id = AKIAHELD\n"
        + "aws_secret_access_key = s\n[temp]\naws_access_key_id = ASIATEMP\n"
        + "aws_secret_access_key = s\naws_session_token = t\n");
    String serial = alice.serial();
    String code = sts.currentCode(alice);
    assertRefused(2, "is not 6 digits", "--serial-number", serial, "12345");
    assertRefused(2, "is outside what STS allows", "--serial-number", serial, code,
        "--duration-seconds", "899");
    assertRefused(2, "is a user ARN", "--serial-number", "arn:aws:iam::123456789012:user/alice",
        code);
    assertRefused(2, "profile 'nobody' is in neither", "--serial-number", serial, code,
        "--profile", "nobody");
    assertRefused(2, "names the source profile itself", "--serial-number", serial, code,
        "--mfa-profile-name", "default");
    assertRefused(3, "[held] holds long-term keys", "--serial-number", serial, code,
        "--mfa-profile-name", "held");
    assertRefused(3, "holds temporary session credentials", "--serial-number", serial, code,
        "--profile", "temp", "--mfa-profile-name", "x");
    assertRefused(2, "unknown option --nope", "--serial-number", serial, code, "--nope");
    env.put("AWS_PROFILE", "DEFAULT");
    assertRefused(2, "AWS_PROFILE DEFAULT names no profile", "--serial-number", serial, code);
    env.remove("AWS_PROFILE");
    assertTrue(sts.requests().isEmpty(), "no request may reach STS");
  }

  @Test
  void refusesADuplicateTargetSectionBeforeSpendingTheCode() throws IOException {
    writeCredentials("[default]\n" + aliceKeys() + "[mfa]\nx = 1\n[mfa]\ny = 2\n");
    assertRefused(3, "~/.aws/credentials line 6 repeats the section [mfa] (first on line 4)",
        "--serial-number", alice.serial(), sts.currentCode(alice));
    writeCredentials("[default]\n" + aliceKeys() + "[mfa]\naws_session_token = a\n"
        + "AWS_SESSION_TOKEN = b\n");
    assertRefused(3, "~/.aws/credentials line 6 repeats the key aws_session_token",
        "--serial-number", alice.serial(), sts.currentCode(alice));
    assertTrue(sts.requests().isEmpty(), "no request may reach STS");
  }

  @Test
  void refusesAnUnwritableDirectoryBeforeSpendingTheCode() throws IOException {
    assumeFalse("root".equals(System.getProperty("user.name")),
        "root can write to any directory, so this cannot be tested as root");
    writeCredentials("[default]\n" + aliceKeys());
    Files.setPosixFilePermissions(credentials.getParent(), PosixFilePermissions.fromString(
        "r-x------"));
    try {
      assertRefused(3, "cannot write ~/.aws/credentials", "--serial-number", alice.serial(),
          sts.currentCode(alice));
    } finally {
      Files.setPosixFilePermissions(credentials.getParent(),
          PosixFilePermissions.fromString("rwx------"));
    }
    assertTrue(sts.requests().isEmpty());
  }

  @Test
  void refusesAPathBelowAFileBeforeSpendingTheCode() throws IOException {
    writeCredentials("[default]\n" + aliceKeys());
    Files.writeString(home.resolve("plain-file"), "x");
    env.put("AWS_CONFIG_FILE", home.resolve("plain-file/config").toString());
    byte[] before = Files.readAllBytes(credentials);
    assertEquals(3, refresh());
    assertEquals("awsmfa: cannot read ~/plain-file/config (Not a directory): fix the file or its"
        + " permissions\n", stderr);
    assertArrayEquals(before, Files.readAllBytes(credentials));
    assertTrue(sts.requests().isEmpty());
  }

  @Test
  void refusesABadRegionInTheProfileBeforeSpendingTheCode() throws IOException {
    writeCredentials("[default]\n" + aliceKeys() + "region = us-east-1 # eu\n");
    assertEquals(3, refresh());
    assertEquals("awsmfa: the region of profile 'default' in ~/.aws/credentials (line 1)"
        + " 'us-east-1 # eu' is not an AWS region name such as us-east-1\n", stderr);
    assertTrue(sts.requests().isEmpty());
  }

  @Test
  void refusesAValueThatSpansLinesNamingItsLine() throws IOException {
    writeCredentials("[default]\n" + aliceKeys() + "region = eu-west-1\n  us-east-1\n");
    assertEquals(3, refresh());
    assertEquals("awsmfa: the region of profile 'default' in ~/.aws/credentials (line 1)"
        + " 'eu-west-1\\nus-east-1' is not an AWS region name such as us-east-1\n", stderr);
    assertTrue(sts.requests().isEmpty());
  }

  @Test
  void writesACredentialsFileOnAnotherFileSystem() throws IOException {
    Path shm = Path.of("/dev/shm");
    assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm)
        && !Files.getFileStore(shm).equals(Files.getFileStore(home)),
        "no second file system (/dev/shm) to write to");
    Path elsewhere = Files.createTempDirectory(shm, "awsmfa-test");
    try {
      Path file = elsewhere.resolve("credentials");
      Files.writeString(file, "[default]\n" + aliceKeys());
      env.put("AWS_SHARED_CREDENTIALS_FILE", file.toString());
      assertEquals(0, refresh(), stderr);
      assertTrue(Files.readString(file).contains("[mfa]"));
    } finally {
      try (Stream<Path> files = Files.list(elsewhere)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(elsewhere);
    }
  }

  @Test
  void refusesACredentialsPathThatIsADirectory() throws IOException {
    Files.createDirectories(credentials);
    assertEquals(3, refresh());
    assertEquals("awsmfa: cannot read ~/.aws/credentials (not a regular file): fix the file or"
        + " its permissions\n", stderr);
    assertTrue(sts.requests().isEmpty());
  }

  @Test
  void keepsWhatAnotherProgramWroteDuringTheCall() throws IOException {
    writeCredentials("[default]\n" + aliceKeys());
    String appended = "\n[added-meanwhile]\naws_access_key_id = AKIAOTHER\n";
    sts.beforeAnswer(() -> {
      try {
        Files.writeString(credentials, appended, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });

    assertEquals(0, refresh(), stderr);

    String after = Files.readString(credentials);
    assertTrue(after.startsWith("[default]\n" + aliceKeys() + appended + "\n[mfa]\n"), after);
  }

  @Test
  void removesTemporaryFilesThatAKilledRunLeftBehind() throws IOException {
    writeCredentials("[default]\n" + aliceKeys());
    Path leftover = credentials.resolveSibling(".credentials123456.awsmfa.tmp");
    Path unrelated = credentials.resolveSibling(".config-backup.tmp");
    Path othersFile = credentials.resolveSibling(".credentials-work123.awsmfa.tmp");
    Files.writeString(leftover, "half a file");
    Files.writeString(unrelated, "not ours");
    Files.writeString(othersFile, "another credentials file's, maybe in use");
    assertEquals(0, refresh(), stderr);
    assertFalse(Files.exists(leftover));
    assertTrue(Files.exists(unrelated));
    assertTrue(Files.exists(othersFile));
  }

  @Test
  void waitsForTheLockThenGivesUpWithNothingWritten() throws IOException {
    writeCredentials("[default]\n" + aliceKeys());
    byte[] before = Files.readAllBytes(credentials);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream messages = new PrintStream(err, true, StandardCharsets.UTF_8);
    RefreshOptions options = ((Invocation.RunRefresh) Cli.parse(new String[] {"--serial-number",
        alice.serial(), sts.currentCode(alice), "--endpoint-url", sts.endpoint().toString()}))
        .options();
    try (LockFile held = LockFile.acquire(credentials, Duration.ofSeconds(1))) {
      AwsmfaException e = assertThrows(AwsmfaException.class, () -> new Refresh(
          FileSystems.getDefault(), new Environment(env, "/nonexistent"), Clock.systemUTC(),
          SdkSessionTokenSource::new, (keys, place) -> { throw new AssertionError(); },
          new TokenCodes(InputStream.nullInputStream(),
              Terminal.none()), System.out, messages, Duration.ofMillis(300)).run(options));
      assertEquals(ExitCode.FILE, e.exitCode());
      assertEquals("could not lock ~/.aws/credentials.lock (another awsmfa has held this lock"
          + " for 300 ms), so both files are as they were: fix that, then run awsmfa again"
          + " with the next code", e.getMessage());
    }
    assertArrayEquals(before, Files.readAllBytes(credentials));
  }

  /** As git does for a repository someone else owns: root is told whom to run as instead. */
  @Test
  void rootLeavesAnotherUsersCredentialsToThatUser() throws IOException {
    assumeTrue("root".equals(System.getProperty("user.name")), "only root can give files away");
    writeCredentials("[default]\n" + aliceKeys());
    byte[] before = Files.readAllBytes(credentials);
    UserPrincipal nobody = home.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName("nobody");
    Files.setOwner(credentials, nobody);
    assertEquals(3, refresh(), stderr);
    assertEquals("awsmfa: ~/.aws/credentials belongs to nobody, and awsmfa runs as root, which"
        + " must not write through what another user controls: run awsmfa as nobody (for example"
        + " 'sudo -u nobody -H awsmfa')\n", stderr);
    assertArrayEquals(before, Files.readAllBytes(credentials));
    assertFalse(Files.exists(credentials.resolveSibling("credentials.lock")));
    assertTrue(sts.requests().isEmpty());
  }

  @Test
  void refusesAFifoWithoutBlockingOnIt() throws Exception {
    Files.createDirectories(credentials.getParent());
    Process mkfifo = new ProcessBuilder("mkfifo", credentials.toString()).start();
    assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available here");
    assertEquals(3, refresh());
    assertEquals("awsmfa: cannot read ~/.aws/credentials (not a regular file): fix the file or"
        + " its permissions\n", stderr);
  }

  @Test
  void warnsAboutTheFirstTenBrokenLinesAndCountsTheRest() throws IOException {
    writeCredentials("[default]\n" + aliceKeys() + "[broken]\n" + "no delimiter\n".repeat(25));
    assertEquals(0, refresh(), stderr);
    List<String> lines = stderr.lines().toList();
    assertEquals(12, lines.size(), stderr);
    assertEquals("awsmfa: warning: ~/.aws/credentials line 14 has neither '=' nor ':', so the AWS"
        + " CLI cannot read this file until it is fixed", lines.get(9));
    assertEquals("awsmfa: warning: ~/.aws/credentials has 15 more such lines", lines.get(10));
  }

  @Test
  void warnsAboutDamageElsewhereAndKeepsIt() throws IOException {
    String original = "[default]\n" + aliceKeys() + "[broken]\nno delimiter here\n";
    writeCredentials(original);
    assertEquals(0, refresh(), stderr);
    assertTrue(stderr.startsWith("awsmfa: warning: ~/.aws/credentials line 5 has neither '='"
        + " nor ':', so the AWS CLI cannot read this file until it is fixed\n"), stderr);
    assertTrue(Files.readString(credentials).startsWith(original));
  }

  private void assertRefused(int status, String message, String... args) throws IOException {
    byte[] before = Files.readAllBytes(credentials);
    assertEquals(status, run(args), stderr);
    assertTrue(stderr.startsWith("awsmfa: ") && stderr.contains(message), stderr);
    assertEquals(1, stderr.lines().count(), "one line: " + stderr);
    assertArrayEquals(before, Files.readAllBytes(credentials));
    assertFalse(Files.exists(config), "the config file must not be created");
  }

  @Test
  void helpAndVersionGoToStdout() {
    assertEquals(0, runWithoutEndpoint("--help"));
    assertTrue(stdout.startsWith("Usage: awsmfa 123456\n"), stdout);
    assertEquals(0, runWithoutEndpoint("status", "--help"));
    assertTrue(stdout.startsWith("Usage: awsmfa status"), stdout);
    assertEquals(0, runWithoutEndpoint("refresh", "--help"));
    assertTrue(stdout.startsWith("Usage: awsmfa 123456\n"), stdout);
    assertEquals(0, runWithoutEndpoint("--version"));
    assertTrue(stdout.matches("awsmfa \\S+\n"), stdout);
    assertEquals("", stderr);
  }
}
