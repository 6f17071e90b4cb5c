package dev.awsmfa.sts;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;

/**
 * A head start on the connection to STS. While the main thread builds the SDK's client, another
 * thread sends STS a {@code HEAD /} with no credentials through the JDK's {@link
 * HttpsURLConnection}, with the socket factory, timeouts and (direct) route of the call itself.
 * The JDK keeps that connection alive for the next request to the same host and port with the
 * same socket factory, which is the call: its TCP and TLS handshakes are then already done.
 * The JDK checks the certificate and the host name of that connection as of any other.
 *
 * <p>It is only a head start. If STS answers the {@code HEAD} with a closed connection, or the
 * call goes elsewhere, the call connects anew. A failure to connect at all is reported as the
 * call's own failure, since a second attempt would only repeat it. Through a proxy or over plain
 * HTTP there is no head start.
 */
final class HeadStart {
  /** How long the call waits for the answer to the HEAD once the connection is made. */
  private static final long PATIENCE_MILLIS = 1_000;

  private final URI target;
  private final CompletableFuture<Void> connected = new CompletableFuture<>();
  private final CompletableFuture<Void> answered = new CompletableFuture<>();
  private final AtomicBoolean awaited = new AtomicBoolean();

  private HeadStart(URI target) {
    this.target = target;
  }

  /**
   * Starts the head start on a daemon thread, unless the call would not go straight to {@code
   * target} over HTTPS.
   *
   * @param sockets the socket factory the call uses, made on that thread if nobody made it yet
   */
  static HeadStart start(URI target, NetworkSettings network, Supplier<SSLSocketFactory> sockets) {
    HeadStart head = new HeadStart(target);
    if (!"https".equalsIgnoreCase(target.getScheme()) || target.getHost() == null
        || network.proxyFor(target) != Proxy.NO_PROXY
        || "off".equals(System.getProperty("awsmfa.headStart"))) { // see docs/performance.md
      head.awaited.set(true);
      return head;
    }
    Thread thread = new Thread(() -> head.run(network, sockets), "sts-head-start");
    thread.setDaemon(true);
    thread.start();
    return head;
  }

  private void run(NetworkSettings network, Supplier<SSLSocketFactory> sockets) {
    HttpsURLConnection connection;
    try {
      connection = (HttpsURLConnection) target.resolve("/").toURL()
          .openConnection(Proxy.NO_PROXY);
      connection.setSSLSocketFactory(sockets.get());
      connection.setConnectTimeout(millis(network.connectTimeout().toMillis()));
      connection.setReadTimeout(millis(network.readTimeout().toMillis()));
      connection.setRequestMethod("HEAD");
      connection.setInstanceFollowRedirects(false);
      connection.connect();
      connected.complete(null);
    } catch (IOException | RuntimeException e) {
      connected.completeExceptionally(e);
      return;
    }
    try (InputStream body = answer(connection)) {
      if (body != null) {
        body.readAllBytes(); // a HEAD has no body; read to the end all the same, so it is kept
      }
    } catch (IOException | RuntimeException e) {
      // Only the connection is at stake: the call makes its own.
    } finally {
      answered.complete(null);
    }
  }

  private static InputStream answer(HttpURLConnection connection) throws IOException {
    return connection.getResponseCode() < 400 ? connection.getInputStream()
        : connection.getErrorStream();
  }

  /**
   * Called before each connection of the call: the first one to the head start's host and port
   * waits for it to connect, and then, briefly, for STS's answer, so that the call finds the
   * connection kept alive.
   *
   * @throws IOException if the head start could not connect other than in TLS (no route, a
   *     refused connection, an unknown host, a timeout)
   */
  void await(URI uri) throws IOException {
    if (!sameServer(uri) || !awaited.compareAndSet(false, true)) {
      return;
    }
    try {
      connected.get();
      answered.get(PATIENCE_MILLIS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException failure && !(failure instanceof SSLException)) {
        throw failure;
      }
    } catch (TimeoutException e) {
      // STS is slow to answer: the call connects anew rather than wait.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while connecting to " + target.getHost());
    }
  }

  private boolean sameServer(URI uri) {
    return uri.getHost() != null && target.getScheme().equalsIgnoreCase(uri.getScheme())
        && target.getHost().toLowerCase(Locale.ROOT).equals(uri.getHost().toLowerCase(Locale.ROOT))
        && port(target) == port(uri);
  }

  private static int port(URI uri) {
    return uri.getPort() < 0 ? 443 : uri.getPort();
  }

  private static int millis(long millis) {
    return (int) Math.min(Integer.MAX_VALUE, millis);
  }
}
