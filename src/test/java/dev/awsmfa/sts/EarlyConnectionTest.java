package dev.awsmfa.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection opened ahead of the call, taken over by the JDK's own {@code HttpsURLConnection}
 * against the HTTPS stand-in, and each case in which the call connects anew instead.
 */
class EarlyConnectionTest {
  @TempDir static Path dir;
  private static StsStandIn sts;
  private static SSLSocketFactory trusting;

  @BeforeAll
  static void start() throws Exception {
    TestCa ca = TestCa.create(dir);
    sts = StsStandIn.startHttps(Clock.systemUTC(), ca);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, CaBundle.trustManagers(ca.caPem()), null);
    trusting = context.getSocketFactory();
  }

  @AfterAll
  static void stop() {
    sts.close();
  }

  /** Counts the sockets made, the early connection's included. */
  private static final class Counting extends ForwardingSocketFactory {
    final AtomicInteger made = new AtomicInteger();

    Counting() {
      super(trusting);
    }

    @Override
    Socket made(Socket socket) {
      made.incrementAndGet();
      return socket;
    }
  }

  /** POSTs an empty form through {@code HttpsURLConnection}, as the SDK's client does. */
  private static int post(URI endpoint, SSLSocketFactory sockets) throws IOException {
    HttpsURLConnection connection =
        (HttpsURLConnection) endpoint.toURL().openConnection(Proxy.NO_PROXY);
    connection.setSSLSocketFactory(sockets);
    connection.setDoOutput(true);
    connection.setRequestMethod("POST");
    connection.getOutputStream().write("Version=2011-06-15".getBytes(StandardCharsets.US_ASCII));
    int status = connection.getResponseCode();
    connection.getErrorStream().readAllBytes();
    connection.disconnect();
    return status;
  }

  @Test
  void theCallGoesOverTheConnectionOpenedAhead() throws Exception {
    Counting counting = new Counting();
    int before = sts.requests().size();
    try (EarlyConnection early =
        EarlyConnection.start(sts.endpoint(), NetworkSettings.DEFAULT, () -> counting)) {
      assertEquals(400, post(sts.endpoint(), early.sockets(counting)), "STS's MissingAction");
    }
    assertEquals(1, counting.made.get(), "one socket, the early one, carried the call");
    assertEquals(before + 1, sts.requests().size());
  }

  @Test
  void aCallElsewhereConnectsAnewAndTheEarlyConnectionIsClosed() throws Exception {
    Counting counting = new Counting();
    AtomicReference<SSLSocket> opened = new AtomicReference<>();
    EarlyConnection early = EarlyConnection.start("127.0.0.1", 9, (host, port) -> {
      opened.set(handshaken());
      return opened.get();
    }, System::nanoTime);
    assertEquals(400, post(sts.endpoint(), early.sockets(counting)), "not port 9");
    early.close();
    assertEquals(1, counting.made.get(), "the call's own socket");
    waitFor(() -> opened.get() != null && opened.get().isClosed(), "the unused one is closed");
  }

  @Test
  void aConnectionStillOpeningWhenTheCallEndsIsClosedOnceMade() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    SSLSocket socket = handshaken();
    EarlyConnection early = EarlyConnection.start("127.0.0.1", 443, (h, p) -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new InterruptedIOException();
      }
      return socket;
    }, System::nanoTime);
    early.close();
    assertFalse(socket.isClosed());
    release.countDown();
    waitFor(socket::isClosed, "closed by the thread that made it");
  }

  @Test
  void aConnectionThatDidNotCheckTheHostNameIsNotTaken() throws Exception {
    SSLSocket socket = handshaken(); // no endpoint identification
    EarlyConnection early =
        EarlyConnection.start("127.0.0.1", 443, (h, p) -> socket, System::nanoTime);
    assertNull(early.take(new InetSocketAddress("127.0.0.1", 443)));
    assertTrue(socket.isClosed());
  }

  @Test
  void laterSocketsAreTheFactorysOwn() throws Exception {
    Counting counting = new Counting();
    EarlyConnection early =
        EarlyConnection.start("127.0.0.1", 443, (h, p) -> identified(), System::nanoTime);
    SSLSocketFactory sockets = early.sockets(counting);
    try (Socket first = sockets.createSocket()) {
      assertTrue(first instanceof AdoptingSocket);
    }
    try (SSLSocket taken = early.take(new InetSocketAddress("127.0.0.1", 443))) {
      assertNotNull(taken);
    }
    try (Socket later = sockets.createSocket()) {
      assertFalse(later instanceof AdoptingSocket, "nothing left to take over");
    }
  }

  @Test
  void aConnectionThatWaitedTooLongIsClosedAndNotTaken() throws Exception {
    AtomicLong now = new AtomicLong();
    SSLSocket socket = identified();
    EarlyConnection early = EarlyConnection.start("127.0.0.1", 443, (h, p) -> socket, now::get);
    awaitOpened(early);
    now.addAndGet(EarlyConnection.FRESH_FOR_NANOS + 1);
    assertNull(early.take(new InetSocketAddress("127.0.0.1", 443)));
    assertTrue(socket.isClosed());
  }

  @Test
  void isTakenOnceAndOnlyForItsOwnHostAndPort() throws Exception {
    SSLSocket socket = identified();
    EarlyConnection early =
        EarlyConnection.start("Sts.Example.com", 443, (h, p) -> socket, System::nanoTime);
    assertNull(early.take(new InetSocketAddress("127.0.0.1", 443)));
    assertNull(early.take(InetSocketAddress.createUnresolved("sts.example.com", 8443)));
    assertSame(socket, early.take(InetSocketAddress.createUnresolved("sts.example.com", 443)));
    assertNull(early.take(InetSocketAddress.createUnresolved("sts.example.com", 443)));
    early.close();
    assertFalse(socket.isClosed(), "the call owns it now");
    socket.close();
  }

  @Test
  void aFailedHandshakeLeavesTheCallToConnectAnew() throws Exception {
    EarlyConnection early = EarlyConnection.start("sts.example.com", 443, (h, p) -> {
      throw new SSLHandshakeException("no shared group");
    }, System::nanoTime);
    assertNull(early.take(InetSocketAddress.createUnresolved("sts.example.com", 443)));
  }

  @Test
  void aFailureToConnectIsTheCallsOwn() {
    EarlyConnection early = EarlyConnection.start("sts.example.com", 443, (h, p) -> {
      throw new ConnectException("Connection refused");
    }, System::nanoTime);
    ConnectException e = assertThrows(ConnectException.class,
        () -> early.take(InetSocketAddress.createUnresolved("sts.example.com", 443)));
    assertEquals("Connection refused", e.getMessage());
  }

  @Test
  void noneThroughAProxyOrOverPlainHttp() {
    NetworkSettings proxied = new NetworkSettings(Duration.ofSeconds(5), Duration.ofSeconds(10),
        Optional.of(URI.create("http://proxy.example.com:3128")), Set.of(), Optional.empty(),
        false);
    for (EarlyConnection early : List.of(
        EarlyConnection.start(URI.create("https://sts.us-east-1.amazonaws.com"), proxied,
            () -> trusting),
        EarlyConnection.start(URI.create("http://127.0.0.1:9"), NetworkSettings.DEFAULT,
            () -> trusting))) {
      assertSame(trusting, early.sockets(trusting), "the factory as it is");
    }
  }

  @Test
  void aHostThatNoProxyNamesIsReachedEarlyThoughAProxyIsSet() throws Exception {
    NetworkSettings proxied = new NetworkSettings(Duration.ofSeconds(5), Duration.ofSeconds(10),
        Optional.of(URI.create("http://proxy.example.com:3128")), Set.of("127\\.0\\.0\\.1"),
        Optional.empty(), false);
    Counting counting = new Counting();
    try (EarlyConnection early =
        EarlyConnection.start(sts.endpoint(), proxied, () -> counting)) {
      assertEquals(400, post(sts.endpoint(), early.sockets(counting)));
    }
    assertEquals(1, counting.made.get(), "the early connection carried the call");
  }

  private static SSLSocket handshaken() throws IOException {
    SSLSocket socket = (SSLSocket) trusting.createSocket("127.0.0.1", sts.endpoint().getPort());
    socket.startHandshake();
    return socket;
  }

  /** A socket whose handshake checked the certificate against the host name. */
  private static SSLSocket identified() throws IOException {
    SSLSocket socket = (SSLSocket) trusting.createSocket("127.0.0.1", sts.endpoint().getPort());
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    socket.setSSLParameters(parameters);
    socket.startHandshake();
    return socket;
  }

  private static void awaitOpened(EarlyConnection early) throws InterruptedException {
    waitFor(early::done, "the early connection is made");
  }

  private static void waitFor(BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting: " + what);
      }
      Thread.sleep(10);
    }
  }
}
