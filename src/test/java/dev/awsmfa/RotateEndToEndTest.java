package dev.awsmfa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.cli.Cli;
import dev.awsmfa.cli.Invocation;
import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.files.LockFile;
import dev.awsmfa.iam.SdkIamCalls;
import dev.awsmfa.profiles.Environment;
import dev.awsmfa.refresh.Refresh;
import dev.awsmfa.refresh.Terminal;
import dev.awsmfa.refresh.TokenCodes;
import dev.awsmfa.rotate.Rotate;
import dev.awsmfa.sts.SdkSessionTokenSource;
import dev.awsmfa.sts.StsStandIn;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code awsmfa rotate} against the stand-in's IAM, with the real SDK clients and real files: the
 * happy path, and every point where it can fail, each of which must leave exactly one working key
 * in the file and in IAM.
 */
class RotateEndToEndTest {
  private static final Pattern KEY_ID = Pattern.compile("aws_access_key_id = (\\S+)");
  private static final Pattern SECRET = Pattern.compile("aws_secret_access_key = (\\S+)");
  private static final java.util.Set<String> USER_ACTIONS = java.util.Set.of("ListAccessKeys",
      "CreateAccessKey", "UpdateAccessKey", "DeleteAccessKey", "ListMFADevices");

  @TempDir Path dir;
  private StandInHome home;
  private StsStandIn sts;
  private StsStandIn.User alice;
  private String before;

  @BeforeEach
  void start() throws IOException {
    home = StandInHome.create(dir);
    sts = home.sts;
    alice = home.alice;
    Files.writeString(home.credentials, "# keys of alice, since 2024\n" + home.keys()
        + "region   =   eu-west-1\n; mine\n\n"
        + "[other]\naws_access_key_id = AKIAOTHER\naws_secret_access_key = s\n");
    Files.writeString(dir.resolve(".aws/config"), "[default]\nmfa_serial = " + alice.serial()
        + "\n");
    // The MFA session that signs the IAM calls.
    assertEquals(0, home.refresh(), home.stderr);
    before = file();
  }

  @AfterEach
  void stop() {
    home.close();
  }

  private String file() throws IOException {
    return Files.readString(home.credentials);
  }

  private String keyIdOnDisk() throws IOException {
    Matcher m = KEY_ID.matcher(file());
    assertTrue(m.find());
    return m.group(1);
  }

  private String secretOnDisk() throws IOException {
    Matcher m = SECRET.matcher(file());
    assertTrue(m.find());
    return m.group(1);
  }

  /** Exactly one key works, and it is the one on disk. */
  private void assertOneWorkingKeyOnDisk() throws IOException {
    assertTrue(sts.keyWorks(keyIdOnDisk(), secretOnDisk()), "the key on disk works");
    long working = sts.accessKeys(alice).values().stream().filter(active -> active).count();
    assertEquals(1, working, sts.accessKeys(alice).toString());
  }

  private int rotate(String... extra) {
    String[] args = new String[extra.length + 2];
    args[0] = "rotate";
    args[1] = sts.currentCode(alice);
    System.arraycopy(extra, 0, args, 2, extra.length);
    return home.run(args);
  }

  @Test
  void replacesTheKeyInPlaceAndDeletesTheOldOne() throws IOException {
    assertEquals(0, rotate(), home.stderr);
    String newId = keyIdOnDisk();
    assertFalse(newId.equals(alice.accessKeyId()));
    assertEquals(before.replace(alice.accessKeyId(), newId).replace(alice.secret(),
        secretOnDisk()), file(), "only the two key lines changed");
    assertEquals(Map.of(newId, true), sts.accessKeys(alice), "the old key is gone from IAM");
    assertOneWorkingKeyOnDisk();
    assertEquals("default: access key " + alice.accessKeyId() + " replaced by " + newId
        + " in ~/.aws/credentials; the old key is deleted", home.stderr.lines()
            .reduce((a, b) -> b).orElse(""));
    assertFalse(home.stderr.contains(secretOnDisk()) || home.stdout.contains(secretOnDisk()),
        "the new secret is never printed");
    // Every IAM call about the user named the user.
    List<StsStandIn.Request> iam = sts.requests().stream().filter(r -> USER_ACTIONS.contains(
        r.action())).toList();
    assertEquals(List.of("ListAccessKeys", "CreateAccessKey", "DeleteAccessKey"),
        iam.stream().map(StsStandIn.Request::action).toList());
    assertTrue(iam.stream().allMatch(r -> "alice".equals(r.form().get("UserName"))),
        iam.toString());
  }

  @Test
  void withoutASessionFromThisProfileItRefreshesFirst() throws IOException {
    sts.allowCodeReuse(); // the refresh before this test may have spent the current code
    Files.writeString(home.credentials, before.replace("awsmfa", "x")
        .replaceAll("(?s)\\[mfa\\].*", ""));
    Files.writeString(dir.resolve(".aws/config"), "[default]\nmfa_serial = " + alice.serial()
        + "\n");
    assertEquals(0, rotate(), home.stderr);
    assertEquals(2, sts.requests().stream().filter(r -> r.action().equals("GetSessionToken"))
        .count(), "a second code, for this rotation");
    assertTrue(home.stderr.startsWith("mfa: session valid until "), home.stderr);
    assertOneWorkingKeyOnDisk();
  }

  @Test
  void aValidSessionIsUsedWithoutACodeAndDeactivateOldKeepsTheOldKey() throws IOException {
    assertEquals(0, home.run("rotate", "--deactivate-old"), home.stderr);
    assertEquals(1, sts.requests().stream().filter(r -> r.action().equals("GetSessionToken"))
        .count(), "one code, for the refresh before");
    assertEquals(Map.of(alice.accessKeyId(), false, keyIdOnDisk(), true), sts.accessKeys(alice));
    assertTrue(home.stderr.contains("the old key is deactivated: delete it with 'aws iam"
        + " delete-access-key --user-name alice --access-key-id " + alice.accessKeyId()
        + " --profile mfa' once nothing uses it"), home.stderr);
  }

  @Test
  void keysFromTheEnvironmentOrAProgramAreRefusedBeforeAnyCall() throws IOException {
    home.env.put("AWS_ACCESS_KEY_ID", alice.accessKeyId());
    home.env.put("AWS_SECRET_ACCESS_KEY", alice.secret());
    assertEquals(2, rotate());
    assertTrue(home.stderr.contains("exported in AWS_ACCESS_KEY_ID"), home.stderr);
    home.env.remove("AWS_ACCESS_KEY_ID");
    home.env.remove("AWS_SECRET_ACCESS_KEY");

    Files.writeString(home.credentials, "");
    Files.writeString(dir.resolve(".aws/config"), "[default]\ncredential_process = pass show"
        + " aws/keys\n");
    assertEquals(2, rotate());
    assertEquals("awsmfa: profile 'default' gets its keys from the credential_process in"
        + " ~/.aws/config, which awsmfa cannot write to: create the new key with 'aws iam"
        + " create-access-key', store it where that program keeps it, then delete the old one"
        + " with 'aws iam delete-access-key'\n", home.stderr);
    assertEquals(1, sts.requests().size(), "the refresh before, and nothing since");
  }

  @Test
  void withTwoKeysAlreadyItNamesTheOtherAndChangesNothing() throws IOException {
    String other = sts.addAccessKey(alice);
    assertEquals(4, rotate());
    assertTrue(home.stderr.contains("IAM user alice already has a second access key besides the"
        + " one in ~/.aws/credentials: " + other + " (active, never used)"), home.stderr);
    assertTrue(home.stderr.trim().endsWith("then run awsmfa rotate again: nothing was changed"),
        home.stderr);
    assertEquals(before, file());
    assertEquals(2, sts.accessKeys(alice).size());
    assertEquals(0, sts.requests().stream().filter(r -> r.action().equals("CreateAccessKey"))
        .count());
  }

  @Test
  void aRefusedCreateChangesNothing() throws IOException {
    sts.refuseNext("CreateAccessKey", 409, "LimitExceeded",
        "Cannot exceed quota for AccessKeysPerUser: 2");
    assertEquals(4, rotate());
    assertTrue(home.stderr.contains("IAM refused CreateAccessKey (LimitExceeded"), home.stderr);
    assertEquals(before, file());
    assertEquals(Map.of(alice.accessKeyId(), true), sts.accessKeys(alice));
  }

  @Test
  void aListRefusedWithoutMfaChangesNothing() throws IOException {
    sts.refuseNext("ListAccessKeys", 403, "AccessDenied", "User: "
        + alice.arn() + " is not authorized to perform: iam:ListAccessKeys");
    assertEquals(4, rotate());
    assertTrue(home.stderr.contains("IAM refused ListAccessKeys (AccessDenied"), home.stderr);
    assertTrue(home.stderr.contains("; nothing was changed: check that the IAM user may manage"
        + " its own keys with MFA, then run awsmfa rotate again"), home.stderr);
    assertEquals(before, file());
    assertOneWorkingKeyOnDisk();
  }

  @Test
  void aKeyThatStsRefusesChangesNothing() throws IOException {
    sts.refuseNext("GetCallerIdentity", 403, "InvalidClientTokenId",
        "The security token included in the request is invalid.");
    assertEquals(4, rotate());
    assertTrue(home.stderr.startsWith("awsmfa: STS refused GetCallerIdentity"
        + " (InvalidClientTokenId"), home.stderr);
    assertEquals(before, file());
    assertEquals(Map.of(alice.accessKeyId(), true), sts.accessKeys(alice));
  }

  @Test
  void aRefusedDeactivationNamesTheOldKeyWithTheNewOneInPlace() throws IOException {
    sts.refuseNext("UpdateAccessKey", 403, "AccessDenied", "explicit deny");
    assertEquals(4, rotate("--deactivate-old"));
    assertTrue(home.stderr.contains("but the old key " + alice.accessKeyId() + " is still"
        + " active: IAM refused UpdateAccessKey (AccessDenied: explicit deny); deactivate it with"
        + " 'aws iam update-access-key --status Inactive --user-name alice --access-key-id "
        + alice.accessKeyId() + " --profile mfa'"), home.stderr);
    assertTrue(sts.keyWorks(keyIdOnDisk(), secretOnDisk()));
  }

  @Test
  void aCopyOfTheKeyInAnotherProfileIsNamedAndNothingChanges() throws IOException {
    Path config = dir.resolve(".aws/config");
    Files.writeString(config, Files.readString(config) + "[profile ci]\naws_access_key_id = "
        + alice.accessKeyId() + "\naws_secret_access_key = " + alice.secret() + "\n");
    assertEquals(2, rotate());
    assertTrue(home.stderr.contains("the access key of profile 'default' is also in"
        + " ~/.aws/config line "), home.stderr);
    assertEquals(before, file());
    assertEquals(1, sts.requests().size(), "no call since the refresh before");
  }

  @Test
  void aSessionAboutToEndIsRefreshedFirst() throws IOException {
    sts.allowCodeReuse();
    String soon = java.time.format.DateTimeFormatter.ISO_INSTANT.format(Instant.now()
        .plusSeconds(120).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    Files.writeString(home.credentials, before.replaceAll("aws_credential_expiration = \\S+",
        "aws_credential_expiration = " + soon));
    assertEquals(0, rotate(), home.stderr);
    assertEquals(2, sts.requests().stream().filter(r -> r.action().equals("GetSessionToken"))
        .count());
    assertOneWorkingKeyOnDisk();
  }

  @Test
  void aRoleSessionInTheTargetIsRefused() throws IOException {
    sts.allowCodeReuse();
    assertEquals(0, home.refresh("--role-arn", "arn:aws:iam::123456789012:role/admin"),
        home.stderr);
    byte[] withRole = Files.readAllBytes(home.credentials);
    assertEquals(2, home.run("rotate"));
    assertTrue(home.stderr.startsWith("awsmfa: profile 'mfa' holds a session of"
        + " arn:aws:sts::123456789012:assumed-role/admin/"), home.stderr);
    assertArrayEquals(withRole, Files.readAllBytes(home.credentials));
    assertEquals(Map.of(alice.accessKeyId(), true), sts.accessKeys(alice));
  }

  @Test
  void aRefusedLastUseStillNamesTheSecondKey() throws IOException {
    String other = sts.addAccessKey(alice);
    sts.refuseNext("GetAccessKeyLastUsed", 403, "AccessDenied", "no");
    assertEquals(4, rotate());
    assertTrue(home.stderr.contains(other + " (active, last use unknown)"), home.stderr);
  }

  @Test
  void aNewKeyThatIamDoesNotKnowYetIsWaitedFor() throws IOException {
    sts.newKeysNotValidFor(2);
    assertEquals(0, rotate(), home.stderr);
    assertOneWorkingKeyOnDisk();
    assertFalse(keyIdOnDisk().equals(alice.accessKeyId()));
  }

  @Test
  void aNewKeyThatNeverWorksIsDeletedAgain() throws IOException {
    sts.newKeysNotValidFor(1_000);
    // A clock that the pause moves on, so that the minute of patience passes at once.
    Instant[] now = {Instant.now()};
    Clock clock = new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now[0];
      }
    };
    Environment env = new Environment(home.env, "/nonexistent");
    PrintStream err = new PrintStream(new java.io.ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8);
    TokenCodes codes = new TokenCodes(InputStream.nullInputStream(), Terminal.none());
    Refresh refresh = new Refresh(FileSystems.getDefault(), env, clock,
        SdkSessionTokenSource::new, SdkIamCalls::new, codes, err, err);
    Rotate rotate = new Rotate(FileSystems.getDefault(), env, clock, refresh, SdkIamCalls::new,
        pause -> now[0] = now[0].plus(pause), err);
    AwsmfaException e = assertThrows(AwsmfaException.class, () -> rotate.run(
        ((Invocation.RunRotate) Cli.parse(new String[] {"rotate"})).options()));
    assertEquals(ExitCode.STS_UNAVAILABLE, e.exitCode());
    assertTrue(e.getMessage().contains("did not work within 60 seconds"), e.getMessage());
    assertTrue(e.getMessage().endsWith("the new key was deleted again, and the old key is still"
        + " in place: try awsmfa rotate again in a few minutes"), e.getMessage());
    assertEquals(before, file());
    assertEquals(Map.of(alice.accessKeyId(), true), sts.accessKeys(alice));
    assertTrue(Duration.between(Instant.now(), now[0]).toSeconds() >= 59);
  }

  @Test
  void aFileChangedMeanwhileIsLeftAloneAndTheNewKeyDeleted() throws IOException {
    String theirs = before.replace("eu-west-1", "us-west-2");
    sts.whenAnswering("CreateAccessKey", () -> write(theirs.replace(alice.secret(),
        "another-secret-entirely")));
    assertEquals(3, rotate());
    assertTrue(home.stderr.contains("changed by another program while awsmfa was rotating it; the"
        + " new key was deleted again, and the old key is still in place"), home.stderr);
    assertEquals(Map.of(alice.accessKeyId(), true), sts.accessKeys(alice));
    assertEquals(theirs.replace(alice.secret(), "another-secret-entirely"), file());
  }

  @Test
  void aNewKeyThatCannotBeDeletedAgainIsNamed() throws IOException {
    sts.whenAnswering("CreateAccessKey", () -> write(before.replace(alice.secret(), "x")));
    sts.refuseNext("DeleteAccessKey", 403, "AccessDenied", "not now");
    assertEquals(3, rotate());
    String newId = sts.accessKeys(alice).keySet().stream()
        .filter(id -> !id.equals(alice.accessKeyId())).findFirst().orElseThrow();
    assertTrue(home.stderr.contains("the new key " + newId + " could not be deleted (IAM refused"
        + " DeleteAccessKey (AccessDenied: not now)): delete it with 'aws iam delete-access-key"
        + " --user-name alice --access-key-id " + newId + " --profile mfa'"), home.stderr);
  }

  @Test
  void anOldKeyThatCannotBeDeletedIsNamedWithTheNewOneInPlace() throws IOException {
    sts.refuseNext("DeleteAccessKey", 403, "AccessDenied", "explicit deny");
    assertEquals(4, rotate());
    String newId = keyIdOnDisk();
    assertTrue(home.stderr.contains("the new access key " + newId + " is in ~/.aws/credentials"
        + " and works, but the old key " + alice.accessKeyId() + " is still there: IAM refused"
        + " DeleteAccessKey (AccessDenied: explicit deny); delete it with 'aws iam"
        + " delete-access-key --user-name alice --access-key-id " + alice.accessKeyId()
        + " --profile mfa'"), home.stderr);
    assertTrue(sts.keyWorks(newId, secretOnDisk()));
    assertEquals(2, sts.accessKeys(alice).size());
  }

  @Test
  void keysInTheConfigFileAreReplacedThere() throws IOException {
    Files.writeString(home.credentials, before.substring(before.indexOf("[mfa]")));
    Path configFile = dir.resolve(".aws/config");
    String config = Files.readString(configFile).replace("[default]\nmfa_serial = "
        + alice.serial() + "\n", "[default]\nmfa_serial = " + alice.serial() + "\n"
        + home.keys().replace("[default]\n", "") + "output = json\n");
    Files.writeString(configFile, config);
    assertEquals(0, rotate(), home.stderr);
    String after = Files.readString(dir.resolve(".aws/config"));
    Matcher id = KEY_ID.matcher(after);
    assertTrue(id.find());
    assertTrue(home.stderr.contains("in ~/.aws/config; the old key is deleted"), home.stderr);
    assertEquals(Map.of(id.group(1), true), sts.accessKeys(alice));
    assertEquals(config.replace(alice.accessKeyId(), id.group(1)), after.replaceFirst(
        "aws_secret_access_key = \\S+", "aws_secret_access_key = " + alice.secret()));
  }

  /** A rotation that waits only {@code patience} for a lock, and its failure. */
  private AwsmfaException rotateWhileLocked(Path held, Duration patience) throws IOException {
    Environment env = new Environment(home.env, "/nonexistent");
    PrintStream err = new PrintStream(new java.io.ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8);
    TokenCodes codes = new TokenCodes(InputStream.nullInputStream(), Terminal.none());
    Refresh refresh = new Refresh(FileSystems.getDefault(), env, Clock.systemUTC(),
        SdkSessionTokenSource::new, SdkIamCalls::new, codes, err, err);
    Rotate rotate = new Rotate(FileSystems.getDefault(), env, Clock.systemUTC(), refresh,
        SdkIamCalls::new, pause -> { }, err, patience);
    try (LockFile lock = LockFile.acquire(held, Duration.ofSeconds(1))) {
      return assertThrows(AwsmfaException.class, () -> rotate.run(
          ((Invocation.RunRotate) Cli.parse(new String[] {"rotate"})).options()));
    }
  }

  @Test
  void anotherRotationOfTheSameKeyIsWaitedForThenRefused() throws IOException {
    AwsmfaException e = rotateWhileLocked(home.credentials.resolveSibling("credentials.rotate"),
        Duration.ofMillis(300));
    assertEquals(ExitCode.FILE, e.exitCode());
    assertTrue(e.getMessage().startsWith("could not take the lock of awsmfa rotate beside"
        + " ~/.aws/credentials ("), e.getMessage());
    assertTrue(e.getMessage().endsWith("if another awsmfa rotate is running, wait for it, then"
        + " run awsmfa rotate again"), e.getMessage());
    assertEquals(before, file());
    assertEquals(Map.of(alice.accessKeyId(), true), sts.accessKeys(alice));
  }

  @Test
  void aFileLockedAtTheWriteDeletesTheNewKeyAgain() throws IOException {
    AwsmfaException e = rotateWhileLocked(home.credentials, Duration.ofMillis(300));
    assertEquals(ExitCode.FILE, e.exitCode());
    assertTrue(e.getMessage().startsWith("could not lock ~/.aws/credentials ("), e.getMessage());
    assertTrue(e.getMessage().endsWith("; the new key was deleted again, and the old key is still"
        + " in place: fix that, then run awsmfa rotate again"), e.getMessage());
    assertEquals(before, file());
    assertEquals(Map.of(alice.accessKeyId(), true), sts.accessKeys(alice));
  }

  private void write(String content) {
    try {
      Files.writeString(home.credentials, content);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
