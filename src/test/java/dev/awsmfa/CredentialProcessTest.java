package dev.awsmfa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Source keys from a {@code credential_process}, as a keychain, pass or Vault hands them out: a
 * refresh end to end against the STS stand-in, which checks the signature they made.
 */
class CredentialProcessTest {
  @TempDir Path tmp;
  private StandInHome alice;
  private Path config;

  @BeforeEach
  void start() throws IOException {
    alice = StandInHome.create(Files.createDirectories(tmp.resolve("home")));
    config = alice.home.resolve(".aws/config");
    Files.writeString(alice.credentials, "# no keys in plain text\n");
  }

  @AfterEach
  void stop() {
    alice.close();
  }

  /** A script in the home that prints {@code json}, and a profile that runs it. */
  private void vault(String json) throws IOException {
    Path script = alice.home.resolve("print-keys");
    Files.writeString(script, "#!/bin/sh\necho 'asked on the terminal' >&2\ncat <<'EOF'\n"
        + json + "\nEOF\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    Files.writeString(config, "[profile vault]\ncredential_process = " + script
        + " --item 'aws keys'\nregion = eu-west-1\n");
  }

  private String aliceKeys() {
    return "{\"Version\": 1, \"AccessKeyId\": \"" + alice.alice.accessKeyId()
        + "\", \"SecretAccessKey\": \"" + alice.alice.secret() + "\"}";
  }

  @Test
  void refreshesWithTheKeysTheProcessPrints() throws IOException {
    vault(aliceKeys());
    assertEquals(0, alice.refresh("--profile", "vault"), alice.stderr);
    assertEquals(1, alice.sts.requests().size(), "signed with the keys it printed");
    assertTrue(Files.readString(alice.credentials).contains("[mfa]\naws_access_key_id = ASIA"));
    assertTrue(Files.readString(config).contains("[profile mfa]\nregion = eu-west-1"),
        Files.readString(config));
    assertTrue(alice.stderr.startsWith("mfa: session valid until"), alice.stderr);
  }

  @Test
  void keysInTheCredentialsFileComeFirstAsInTheAwsCli() throws IOException {
    vault("not even JSON");
    Files.writeString(alice.credentials, "[vault]\naws_access_key_id = "
        + alice.alice.accessKeyId() + "\naws_secret_access_key = " + alice.alice.secret() + "\n");
    assertEquals(0, alice.refresh("--profile", "vault"), alice.stderr);
  }

  @Test
  void sessionCredentialsAreRefusedBeforeTheCodeIsSpent() throws IOException {
    vault("{\"Version\": 1, \"AccessKeyId\": \"ASIAEXAMPLE\", \"SecretAccessKey\": \"s\","
        + " \"SessionToken\": \"t\"}");
    assertRefused("awsmfa: the credential_process of profile 'vault' in"
        + " ~/.aws/config prints temporary session credentials, which cannot get an MFA session:"
        + " make it print the IAM user's long-term access key (AKIA...), without a"
        + " SessionToken\n");
  }

  @Test
  void whatIsNotKeysIsRefusedWithoutShowingIt() throws IOException {
    vault("{\"Version\": 2, \"AccessKeyId\": \"AKIASECRET\"}");
    assertRefused("awsmfa: the credential_process of profile 'vault' in ~/.aws/config printed no"
        + " \"Version\": 1 as the AWS CLI reads it (Version 1, AccessKeyId, SecretAccessKey):"
        + " run it by hand to see what it prints\n");
    vault("password: hunter2");
    assertRefused("printed no JSON object");
    assertTrue(!alice.stderr.contains("hunter2"), alice.stderr);
  }

  @Test
  void aFailingProcessIsOneLineWithItsExitStatus() throws IOException {
    Files.writeString(config, "[profile vault]\ncredential_process = sh -c 'exit 7'\n");
    assertRefused("awsmfa: the credential_process sh of profile 'vault' in ~/.aws/config failed"
        + " with exit status 7: run it by hand to see why\n");
  }

  @Test
  void aProfileWithACredentialProcessIsNeverTheTarget() throws IOException {
    vault(aliceKeys());
    Files.writeString(alice.credentials, alice.keys());
    assertEquals(3, alice.refresh("--mfa-profile-name", "vault"));
    assertTrue(alice.stderr.startsWith("awsmfa: profile 'vault' has a credential_process"),
        alice.stderr);
    assertTrue(alice.sts.requests().isEmpty());
  }

  private void assertRefused(String message) throws IOException {
    byte[] credentials = Files.readAllBytes(alice.credentials);
    byte[] before = Files.readAllBytes(config);
    assertEquals(3, alice.refresh("--profile", "vault"), alice.stderr);
    assertTrue(alice.stderr.equals(message) || alice.stderr.contains(message), alice.stderr);
    assertEquals(1, alice.stderr.lines().count(), alice.stderr);
    assertTrue(alice.sts.requests().isEmpty(), "no code spent");
    assertArrayEquals(credentials, Files.readAllBytes(alice.credentials));
    assertArrayEquals(before, Files.readAllBytes(config));
  }
}
