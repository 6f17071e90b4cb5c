package dev.awsmfa.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.AwsmfaException;
import dev.awsmfa.ExitCode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection opened ahead of the call, against the stand-in over TLS. */
class HeadStartTest {
  @TempDir Path dir;

  private static SessionTokenRequest request(URI endpoint, StsStandIn.User user, String code,
      Optional<Path> caBundle) {
    NetworkSettings d = NetworkSettings.DEFAULT;
    NetworkSettings network = new NetworkSettings(d.connectTimeout(), d.readTimeout(),
        Optional.empty(), Set.of(), caBundle, false);
    return new SessionTokenRequest(new LongTermKeys(user.accessKeyId(), user.secret()),
        "profile 'default'", "us-east-1", Optional.of(endpoint), user.serial(), code, 900,
        network, Optional.empty());
  }

  @Test
  void theCallGoesOverTheConnectionOpenedAhead() throws Exception {
    TestCa ca = TestCa.create(dir);
    try (StsStandIn sts = StsStandIn.startHttps(Clock.systemUTC(), ca)) {
      StsStandIn.User alice = sts.addUser("alice");
      new SdkSessionTokenSource().getSessionToken(
          request(sts.endpoint(), alice, sts.currentCode(alice), Optional.of(ca.caPem())));
      List<StsStandIn.Visit> visits = sts.visits();
      assertEquals(1, visits.size(), "one HEAD ahead of the call");
      assertEquals("HEAD", visits.get(0).method());
      assertEquals(1, sts.requests().size());
      assertEquals(visits.get(0).clientPort(), sts.requests().get(0).clientPort(),
          "the call took the connection that the HEAD opened");
    }
  }

  @Test
  void thereIsNoHeadStartOverPlainHttp() throws Exception {
    try (StsStandIn sts = StsStandIn.start(Clock.systemUTC())) {
      StsStandIn.User alice = sts.addUser("alice");
      new SdkSessionTokenSource().getSessionToken(
          request(sts.endpoint(), alice, sts.currentCode(alice), Optional.empty()));
      assertEquals(List.of(), sts.visits());
      assertEquals(1, sts.requests().size());
    }
  }

  @Test
  void aRefusedConnectionIsTheCallsOwnFailure() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    StsStandIn.User nobody = new StsStandIn.User("AKIAEXAMPLE", "secret",
        "arn:aws:iam::123456789012:user/nobody", "arn:aws:iam::123456789012:mfa/nobody",
        new byte[20]);
    AwsmfaException e = assertThrows(AwsmfaException.class, () -> new SdkSessionTokenSource()
        .getSessionToken(request(URI.create("https://127.0.0.1:" + port), nobody, "123456",
            Optional.empty())));
    assertEquals(ExitCode.STS_UNAVAILABLE, e.exitCode());
    assertTrue(e.getMessage().startsWith("could not reach STS at https://127.0.0.1:" + port
        + " (Connection refused"), e.getMessage());
  }
}
