package dev.awsmfa.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.files.AtomicFile;
import dev.awsmfa.ini.IniDocument;
import dev.awsmfa.sts.SessionTokens;
import dev.awsmfa.text.Shlex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AwsProfilesTest {

  private static SharedFile file(String name, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.ISO_8859_1);
    return new SharedFile("~/.aws/" + name, AtomicFile.at(Path.of("/nonexistent/" + name)),
        Optional.of(bytes), IniDocument.parse(bytes));
  }

  private static AwsProfiles profiles(String credentials, String config) throws IOException {
    return new AwsProfiles(file("credentials", credentials), file("config", config));
  }

  @Test
  void readsConfigProfileNamesAsBotocoreDoes() {
    assertEquals(Optional.of("default"), AwsProfiles.configProfileName("default"));
    assertEquals(Optional.of("dev"), AwsProfiles.configProfileName("profile dev"));
    assertEquals(Optional.of("my team"), AwsProfiles.configProfileName("profile \"my team\""));
    assertEquals(Optional.of("a'b"), AwsProfiles.configProfileName("profile \"a'b\""));
    assertEquals(Optional.empty(), AwsProfiles.configProfileName("profiledev"));
    assertEquals(Optional.empty(), AwsProfiles.configProfileName("profile \"open"));
    assertEquals(Optional.empty(), AwsProfiles.configProfileName("sso-session x"));
    assertEquals(Optional.empty(), AwsProfiles.configProfileName("dev"));
  }

  @Test
  void shlexSplitsLikePython() {
    assertEquals(Optional.of(List.of("a", "b c", "d\"e", "f\\g")),
        Shlex.split("a 'b c' \"d\\\"e\" f\\\\g"));
    assertEquals(Optional.of(List.of("ab cd")), Shlex.split("a\"b c\"d"));
    assertEquals(Optional.empty(), Shlex.split("trailing\\"));
  }

  @Test
  void takesKeysFromCredentialsThenConfigAndTheRegionFromEither() throws IOException {
    SourceProfile fromCredentials = profiles("[dev]\naws_access_key_id=AKIA1\n"
        + "aws_secret_access_key=s1\n", "[profile dev]\nregion = eu-west-1\n").source("dev");
    assertEquals("AKIA1", fromCredentials.keySource().keys().accessKeyId());
    assertEquals(Optional.of("eu-west-1"), fromCredentials.region());
    assertEquals("profile 'dev' in ~/.aws/credentials (line 1)", fromCredentials.origin());

    SourceProfile fromConfig = profiles("[dev]\nregion = us-west-2\n",
        "[profile dev]\naws_access_key_id=AKIA2\naws_secret_access_key=s2\n").source("dev");
    assertEquals("AKIA2", fromConfig.keySource().keys().accessKeyId());
    assertEquals(Optional.of("us-west-2"), fromConfig.region());
  }

  @Test
  void refusesSessionCredentialsAsTheSource() throws IOException {
    AwsmfaException e = assertThrows(AwsmfaException.class, () -> profiles(
        "[default]\naws_access_key_id=ASIA1\naws_secret_access_key=s\n", "").source("default"));
    assertEquals(ExitCode.FILE, e.exitCode());
    assertTrue(e.getMessage().contains("holds temporary session credentials"), e.getMessage());
    e = assertThrows(AwsmfaException.class, () -> profiles("[default]\naws_access_key_id=AKIA1\n",
        "").source("default"));
    assertTrue(e.getMessage().contains("but no aws_secret_access_key"), e.getMessage());
  }

  @Test
  void refusesCredentialsInDefaultWhichEveryProfileInherits() throws IOException {
    AwsmfaException e = assertThrows(AwsmfaException.class, () -> profiles(
        "[default]\nk=v\n[DEFAULT]\naws_security_token = stale\n", "")
        .checkTarget("mfa", "default"));
    assertEquals(ExitCode.FILE, e.exitCode());
    assertEquals("~/.aws/credentials line 3: [DEFAULT] sets aws_security_token for every profile,"
        + " which would mix into the new session: move it into a profile of its own",
        e.getMessage());
  }

  @Test
  void refusesARepeatedConfigHeaderButNotTwoSpellingsOfOneProfile() throws IOException {
    AwsmfaException e = assertThrows(AwsmfaException.class, () -> profiles("",
        "[profile mfa]\n[profile mfa]\n").configWith("mfa", Optional.of("eu-west-1")));
    assertTrue(e.getMessage().startsWith("~/.aws/config line 2 repeats the section"
        + " [profile mfa] (first on line 1)"), e.getMessage());
    assertEquals("[profile mfa]\n[profile \"mfa\"]\nregion = eu-west-1\n", new String(
        profiles("", "[profile mfa]\n[profile \"mfa\"]\n").configWith("mfa",
            Optional.of("eu-west-1")).orElseThrow(), StandardCharsets.UTF_8));
  }

  @Test
  void writesTheSessionAndAFullIsoExpiry() throws IOException {
    AwsProfiles p = profiles("[default]\nk=v\n", "");
    byte[] out = p.credentialsWith("mfa", new SessionTokens("ASIA1", "s", "t==",
        Instant.parse("2026-11-23T09:00:00.500Z")));
    assertEquals("[default]\nk=v\n\n[mfa]\naws_access_key_id = ASIA1\n"
        + "aws_secret_access_key = s\naws_session_token = t==\n"
        + "aws_credential_expiration = 2026-11-23T09:00:00Z\n",
        new String(out, StandardCharsets.ISO_8859_1));
  }

  @Test
  void addsAConfigProfileOnlyWhenNeeded() throws IOException {
    assertEquals("[profile mfa]\nregion = eu-west-1\n", new String(profiles("", "")
        .configWith("mfa", Optional.of("eu-west-1")).orElseThrow(), StandardCharsets.UTF_8));
    assertEquals(Optional.empty(), profiles("", "[profile mfa]\nregion = us-east-1\n")
        .configWith("mfa", Optional.of("eu-west-1")));
    assertEquals("[default]\n", new String(profiles("", "").configWith("default",
        Optional.empty()).orElseThrow(), StandardCharsets.UTF_8));
    assertEquals("[profile \"my team\"]\n", new String(profiles("", "").configWith("my team",
        Optional.empty()).orElseThrow(), StandardCharsets.UTF_8));
  }

  @Test
  void matchesNonAsciiProfileNamesByTheirUtf8Bytes() throws IOException {
    String utf8AsLatin1 = new String("[開発]\naws_access_key_id=AKIA\naws_secret_access_key=s\n"
        .getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    assertEquals("AKIA",
        profiles(utf8AsLatin1, "").source("開発").keySource().keys().accessKeyId());
  }
}
