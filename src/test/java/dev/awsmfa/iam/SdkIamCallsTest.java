package dev.awsmfa.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.sts.LongTermKeys;
import dev.awsmfa.sts.NetworkSettings;
import dev.awsmfa.sts.SdkSessionTokenSource;
import dev.awsmfa.sts.SessionTokenRequest;
import dev.awsmfa.sts.SessionTokens;
import dev.awsmfa.sts.StsStandIn;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK's IAM and STS calls against the stand-in: IAM's "MFA required" policy, its error codes,
 * and what awsmfa makes of them.
 */
class SdkIamCallsTest {
  private StsStandIn sts;
  private StsStandIn.User alice;
  private AwsPlace place;

  @BeforeEach
  void start() throws IOException {
    sts = StsStandIn.start(Clock.systemUTC());
    alice = sts.addUser("alice");
    place = new AwsPlace("us-east-1", Optional.of(sts.endpoint()), Optional.of(sts.endpoint()),
        NetworkSettings.DEFAULT);
  }

  @AfterEach
  void stop() {
    sts.close();
  }

  private SigningKeys longTerm() {
    return SigningKeys.of(new LongTermKeys(alice.accessKeyId(), alice.secret()));
  }

  private SigningKeys mfaSession() {
    SessionTokens session = new SdkSessionTokenSource().getSessionToken(new SessionTokenRequest(
        new LongTermKeys(alice.accessKeyId(), alice.secret()), "alice's keys", "us-east-1",
        Optional.of(sts.endpoint()), alice.serial(), sts.currentCode(alice), 900,
        NetworkSettings.DEFAULT, Optional.empty()));
    return SigningKeys.of(session);
  }

  @Test
  void withoutMfaAUserMayListItsDevicesButNotItsKeys() {
    try (IamCalls calls = new SdkIamCalls(longTerm(), place)) {
      assertEquals("arn:aws:iam::123456789012:user/alice", calls.caller().arn());
      assertEquals(Optional.of("alice"), calls.caller().userName());
      assertEquals(List.of(alice.serial()), calls.mfaDevices("alice"));
      AwsmfaException e = assertThrows(AwsmfaException.class, () -> calls.accessKeys("alice"));
      assertEquals(ExitCode.STS_REFUSED, e.exitCode());
      assertTrue(e.getMessage().startsWith("IAM refused ListAccessKeys (AccessDenied: User:"
          + " arn:aws:iam::123456789012:user/alice is not authorized"), e.getMessage());
      assertTrue(e.detail().startsWith("IAM error code AccessDenied, HTTP 403"), e.detail());
    }
  }

  @Test
  void withMfaTheKeysAreManagedAndIamsLimitsHold() {
    try (IamCalls calls = new SdkIamCalls(mfaSession(), place)) {
      assertEquals(List.of(new AccessKey(alice.accessKeyId(), true)), calls.accessKeys("alice"));
      assertEquals(Optional.empty(), calls.lastUsed(calls.createAccessKey("alice").accessKeyId()));
      AwsmfaException e = assertThrows(AwsmfaException.class,
          () -> calls.createAccessKey("alice"));
      assertTrue(e.getMessage().startsWith("IAM refused CreateAccessKey (LimitExceeded: Cannot"
          + " exceed quota for AccessKeysPerUser: 2)"), e.getMessage());
      calls.deactivateAccessKey("alice", alice.accessKeyId());
      assertFalse(sts.keyWorks(alice.accessKeyId(), alice.secret()));
      calls.deleteAccessKey("alice", alice.accessKeyId());
      // Gone already (NoSuchEntity), as a retried deletion finds it: that counts as deleted.
      calls.deleteAccessKey("alice", alice.accessKeyId());
      assertEquals(1, sts.accessKeys(alice).size());
      AwsmfaException other = assertThrows(AwsmfaException.class,
          () -> calls.accessKeys("bob"));
      assertTrue(other.getMessage().startsWith("IAM refused ListAccessKeys (AccessDenied"),
          other.getMessage());
    }
  }

  @Test
  void anUnreachableEndpointIsUnavailableAndNamed() {
    AwsPlace nowhere = new AwsPlace("us-east-1", Optional.of(java.net.URI.create(
        "http://127.0.0.1:9")), Optional.of(java.net.URI.create("http://127.0.0.1:9")),
        NetworkSettings.DEFAULT);
    try (IamCalls calls = new SdkIamCalls(longTerm(), nowhere)) {
      AwsmfaException e = assertThrows(AwsmfaException.class, () -> calls.mfaDevices("alice"));
      assertEquals(ExitCode.STS_UNAVAILABLE, e.exitCode());
      assertTrue(e.getMessage().startsWith("could not reach IAM at http://127.0.0.1:9 ("),
          e.getMessage());
    }
  }

  @Test
  void onlyAnIamUsersArnNamesAUser() {
    assertEquals(Optional.of("alice"),
        new IamUser("1", "arn:aws:iam::123456789012:user/team/alice").userName());
    assertEquals(Optional.empty(), new IamUser("1", "arn:aws:iam::123456789012:root").userName());
    assertEquals(Optional.empty(),
        new IamUser("1", "arn:aws:sts::123456789012:assumed-role/admin/alice").userName());
    assertEquals(Optional.empty(), new IamUser("1", "arn:aws:sts::123456789012:user/moto")
        .userName());
  }
}
