package dev.awsmfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.sts.StsStandIn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refresh with no {@code --serial-number} and no {@code mfa_serial} asks the stand-in's IAM for
 * the device, signed with the long-term keys (no MFA yet), and records what it finds once.
 */
class MfaDeviceDiscoveryTest {
  @TempDir Path dir;
  private StandInHome home;
  private StsStandIn sts;
  private Path config;
  private static final String CONFIG = "# mine\n[default]\nregion = eu-west-1\n\n[profile x]\n"
      + "output = json\n";

  @BeforeEach
  void start() throws IOException {
    home = StandInHome.create(dir);
    sts = home.sts;
    config = dir.resolve(".aws/config");
    Files.writeString(config, CONFIG);
  }

  @AfterEach
  void stop() {
    home.close();
  }

  private long calls(String action) {
    return sts.requests().stream().filter(r -> r.action().equals(action)).count();
  }

  @Test
  void theOnlyDeviceIsUsedAndRecordedOnce() throws IOException {
    assertEquals(0, home.run(sts.currentCode(home.alice)), home.stderr);
    assertEquals("MFA device " + home.alice.serial() + " found in IAM; it will be recorded as"
        + " mfa_serial in profile 'default' of ~/.aws/config", home.stderr.lines().findFirst()
            .orElse(""));
    String recorded = Files.readString(config);
    assertTrue(recorded.startsWith("# mine\n[default]\nregion = eu-west-1\nmfa_serial = "
        + home.alice.serial() + "\n\n[profile x]\noutput = json\n"), recorded);
    assertEquals(1, calls("ListMFADevices"));
    assertEquals("alice", sts.requests().stream().filter(r -> r.action().equals("ListMFADevices"))
        .findFirst().orElseThrow().form().get("UserName"));

    sts.allowCodeReuse();
    assertEquals(0, home.run(sts.currentCode(home.alice)), home.stderr);
    assertEquals(1, calls("ListMFADevices"), "never asked again");
    assertEquals(2, calls("GetSessionToken"));
  }

  @Test
  void severalDevicesAreListedAndNothingIsSpentOrWritten() throws IOException {
    byte[] before = Files.readAllBytes(home.credentials);
    sts.setMfaDevices(home.alice, List.of(home.alice.serial(), "GAHT12345678"));
    assertEquals(2, home.run(sts.currentCode(home.alice)));
    assertEquals("awsmfa: IAM user alice has 2 MFA devices (" + home.alice.serial()
        + ", GAHT12345678): pass --serial-number with the one to use, or set it as mfa_serial in"
        + " profile 'default'\n", home.stderr);
    assertEquals(0, calls("GetSessionToken"));
    assertEquals(CONFIG, Files.readString(config));
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(home.credentials)));
  }

  @Test
  void aSecurityKeyIsPassedOverForTheDeviceThatGivesCodes() throws IOException {
    String fido = "arn:aws:iam::123456789012:u2f/user/alice/yubikey-ABCDEFGHIJ";
    sts.setMfaDevices(home.alice, List.of(fido, home.alice.serial()));
    assertEquals(0, home.run(sts.currentCode(home.alice)), home.stderr);
    assertTrue(Files.readString(config).contains("mfa_serial = " + home.alice.serial() + "\n"));

    sts.setMfaDevices(home.alice, List.of(fido));
    Files.writeString(config, CONFIG);
    assertEquals(2, home.run(sts.currentCode(home.alice)));
    assertTrue(home.stderr.startsWith("awsmfa: IAM user alice has no MFA device that gives codes,"
        + " only 1 security key, which the AWS CLI and awsmfa cannot use: assign a virtual or"
        + " hardware MFA device"), home.stderr);
  }

  @Test
  void withNoWayToGetACodeNothingIsAskedOfIam() throws IOException {
    assertEquals(2, home.run());
    assertTrue(home.stderr.startsWith("awsmfa: no MFA code: "), home.stderr);
    assertEquals(List.of(), sts.requests());
  }

  @Test
  void noDeviceSaysHowToAddOne() throws IOException {
    sts.setMfaDevices(home.alice, List.of());
    assertEquals(2, home.run(sts.currentCode(home.alice)));
    assertEquals("awsmfa: IAM user alice has no MFA device: assign a virtual or hardware MFA"
        + " device in the IAM console (Security credentials, Assign MFA device), then run awsmfa"
        + " again\n", home.stderr);
    assertEquals(0, calls("GetSessionToken"));
    assertEquals(CONFIG, Files.readString(config));
  }

  @Test
  void aRefusedLookupSaysWhatToPassInstead() throws IOException {
    sts.refuseNext("ListMFADevices", 403, "AccessDenied", "explicit deny");
    assertEquals(4, home.run(sts.currentCode(home.alice)));
    assertEquals("awsmfa: could not find the MFA device: IAM refused ListMFADevices"
        + " (AccessDenied: explicit deny); pass --serial-number with your MFA device's ARN"
        + " (arn:aws:iam::ACCOUNT:mfa/NAME), or set mfa_serial in profile 'default'\n",
        home.stderr);
    assertEquals(CONFIG, Files.readString(config));
  }

  @Test
  void exportedKeysFindTheirDeviceButRecordItNowhere() throws IOException {
    home.env.put("AWS_ACCESS_KEY_ID", home.alice.accessKeyId());
    home.env.put("AWS_SECRET_ACCESS_KEY", home.alice.secret());
    assertEquals(0, home.run(sts.currentCode(home.alice)), home.stderr);
    assertTrue(home.stderr.startsWith("MFA device " + home.alice.serial() + " found in IAM\n"),
        home.stderr);
    assertTrue(Files.readString(config).startsWith(CONFIG), Files.readString(config));
    assertFalse(Pattern.compile("(?m)^mfa_serial").matcher(Files.readString(config)).find(),
        Files.readString(config));
  }

  @Test
  void printingOnlyRecordsNothing() throws IOException {
    assertEquals(0, home.run(sts.currentCode(home.alice), "--output", "json", "--no-write"),
        home.stderr);
    assertEquals(CONFIG, Files.readString(config));
    assertTrue(home.stderr.startsWith("MFA device " + home.alice.serial() + " found in IAM\n"),
        home.stderr);
  }
}
