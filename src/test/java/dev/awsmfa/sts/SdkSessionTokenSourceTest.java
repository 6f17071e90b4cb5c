package dev.awsmfa.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK client against the STS stand-in, for the answers that awsmfa's own checks normally keep
 * from ever being asked for: each real STS error must still become advice with the right exit.
 */
class SdkSessionTokenSourceTest {
  private StsStandIn sts;
  private StsStandIn.User alice;
  private final SdkSessionTokenSource source = new SdkSessionTokenSource();

  @BeforeEach
  void start() throws IOException {
    sts = StsStandIn.start(Clock.systemUTC());
    alice = sts.addUser("alice");
  }

  @AfterEach
  void stop() {
    sts.close();
  }

  private SessionTokenRequest request(LongTermKeys keys, String code, int duration) {
    return new SessionTokenRequest(keys, "profile 'default' in ~/.aws/credentials", "us-east-1",
        Optional.of(sts.endpoint()), alice.serial(), code, duration, NetworkSettings.DEFAULT,
        Optional.empty());
  }

  private LongTermKeys aliceKeys() {
    return new LongTermKeys(alice.accessKeyId(), alice.secret());
  }

  private AwsmfaException refused(SessionTokenRequest request) {
    return assertThrows(AwsmfaException.class, () -> source.getSessionToken(request));
  }

  /** A server that takes the connection and never answers: retries cannot outlast the limit. */
  @Test
  void theWholeCallEndsWithinItsLimitAndSaysItTimedOut() throws IOException {
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50,
        java.net.InetAddress.getLoopbackAddress())) {
      NetworkSettings patient = new NetworkSettings(Duration.ofSeconds(5), Duration.ofSeconds(10),
          Optional.empty(), java.util.Set.of(), Optional.empty(), false, Duration.ofSeconds(2));
      SessionTokenRequest request = new SessionTokenRequest(aliceKeys(), "profile 'default'",
          "us-east-1", Optional.of(java.net.URI.create("http://127.0.0.1:"
              + silent.getLocalPort())), alice.serial(), "123456", 900, patient,
          Optional.empty());
      AwsmfaException e = refused(request);
      assertEquals(ExitCode.STS_UNAVAILABLE, e.exitCode());
      assertEquals("timed out after 2 seconds, every retry included, waiting for STS at"
          + " http://127.0.0.1:" + silent.getLocalPort() + ": check the network connection, the"
          + " proxy settings and --endpoint-url, then try again with the next code",
          e.getMessage());

      // Over TLS the handshake itself waits for the silent server.
      e = refused(new SessionTokenRequest(aliceKeys(), "profile 'default'", "us-east-1",
          Optional.of(java.net.URI.create("https://127.0.0.1:" + silent.getLocalPort())),
          alice.serial(), "123456", 900, patient, Optional.empty()));
      assertTrue(e.getMessage().startsWith("timed out after 2 seconds, every retry included,"
          + " waiting for STS at https://127.0.0.1:"), e.getMessage());
    }
  }

  @Test
  void theDefaultLimitIs30SecondsOrOneAttemptIfThatIsLonger() {
    assertEquals(Duration.ofSeconds(30), NetworkSettings.DEFAULT.callTimeout());
    assertEquals(Duration.ofSeconds(30),
        NetworkSettings.callTimeout(Duration.ofSeconds(1), Duration.ofSeconds(1)));
    assertEquals(Duration.ofSeconds(70),
        NetworkSettings.callTimeout(Duration.ofSeconds(10), Duration.ofSeconds(60)));
    assertEquals(Duration.ZERO,
        NetworkSettings.callTimeout(Duration.ofSeconds(5), Duration.ZERO), "0 waits for ever");
  }

  @Test
  void returnsTheSession() {
    SessionTokens tokens = source.getSessionToken(request(aliceKeys(),
        sts.currentCode(alice), 900));
    assertTrue(tokens.accessKeyId().startsWith("ASIA"));
    assertTrue(tokens.expiration().isAfter(Instant.now().plusSeconds(800)));
    assertTrue(!tokens.toString().contains(tokens.sessionToken())
        && !tokens.toString().contains(tokens.secretAccessKey()), "toString hides secrets");
  }

  @Test
  void anOutOfRangeDurationIsAValidationError() {
    AwsmfaException e = refused(request(aliceKeys(), sts.currentCode(alice), 600));
    assertEquals(ExitCode.STS_REFUSED, e.exitCode());
    assertTrue(e.getMessage().startsWith("STS rejected the request as invalid (1 validation"
        + " error detected: Value '600' at 'durationSeconds'"), e.getMessage());
    assertTrue(e.detail().startsWith("STS error code ValidationError, HTTP 400"), e.detail());
  }

  @Test
  void sessionCredentialsAreRefused() {
    SessionTokens session = source.getSessionToken(request(aliceKeys(), sts.currentCode(alice),
        900));
    AwsmfaException e = refused(request(new LongTermKeys(session.accessKeyId(),
        session.secretAccessKey()), "123456", 900));
    assertEquals(ExitCode.STS_REFUSED, e.exitCode());
    assertTrue(e.getMessage().contains("holds temporary session credentials"), e.getMessage());
  }

  @Test
  void serverErrorsAreRetriedThenReportedAsUnavailable() {
    sts.failNext(2);
    source.getSessionToken(request(aliceKeys(), sts.currentCode(alice), 900));
    assertEquals(3, sts.requests().size(), "two failures, then the retry that worked");

    sts.failNext(100);
    AwsmfaException e = refused(request(aliceKeys(), "123456", 900));
    assertEquals(ExitCode.STS_UNAVAILABLE, e.exitCode());
    assertTrue(e.getMessage().startsWith("STS failed with HTTP 500 even after retries"),
        e.getMessage());
  }

  @Test
  void aCodeRejectedOnARetryIsExplained() {
    sts.failNext(1);
    String wrong = sts.currentCode(alice).equals("000000") ? "111111" : "000000";
    AwsmfaException e = refused(request(aliceKeys(), wrong, 900));
    assertEquals(ExitCode.STS_REFUSED, e.exitCode());
    assertTrue(e.getMessage().startsWith("the MFA code was rejected on a retry"), e.getMessage());
    assertTrue(e.detail().endsWith("(after 2 attempts)"), e.detail());
  }

  @Test
  void aCodeOfTheWrongFormIsAValidationError() {
    AwsmfaException e = refused(request(aliceKeys(), "12345x", 900));
    assertEquals(ExitCode.STS_REFUSED, e.exitCode());
    assertTrue(e.detail().contains("'tokenCode'"), e.detail());
  }
}
