package dev.awsmfa.sts;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS connection to STS, connected and handshaken on another thread while the main thread
 * builds the SDK's client; the call then goes over it (see {@link AdoptingSocket}). Nothing is
 * sent on it but the handshake until the call itself.
 *
 * <p>It is only a head start. The call takes it if it leads to the host and port the SDK chose;
 * otherwise, and if its handshake failed, the call connects as it would have without it. A
 * failure to connect at all is the call's own, as a second attempt would only repeat it.
 * Through a proxy, over plain HTTP, or when {@code https.protocols} or {@code
 * https.cipherSuites} ask {@code HttpsURLConnection} to set up its sockets itself, there is no
 * early connection.
 */
final class EarlyConnection implements AutoCloseable {
  /**
   * How long a finished connection is worth taking. The call follows within milliseconds; a
   * much older connection (a stalled machine) may have been dropped by the server meanwhile.
   */
  static final long FRESH_FOR_NANOS = TimeUnit.SECONDS.toNanos(2);

  /** No early connection: its state is never touched, as there is nothing to take. */
  private static final EarlyConnection NONE = new EarlyConnection(null, -1, null, System::nanoTime);

  private final String host;
  private final int port;
  private final FutureTask<SSLSocket> opening;
  private final LongSupplier nanoTime;
  private final AtomicBoolean claimed = new AtomicBoolean();
  private volatile boolean discarded;
  private volatile long openedAt;

  private EarlyConnection(String host, int port, Opener opener, LongSupplier nanoTime) {
    this.host = host;
    this.port = port;
    this.nanoTime = nanoTime;
    this.opening = opener == null ? null : new FutureTask<>(() -> {
      SSLSocket socket = opener.open(host, port);
      openedAt = nanoTime.getAsLong();
      return socket;
    });
  }

  /** Opens a TLS connection to a host and port. */
  interface Opener {
    SSLSocket open(String host, int port) throws IOException;
  }

  /**
   * Starts connecting to {@code target} on a daemon thread, with sockets of {@code sockets}
   * (which it waits for), unless the call would not go straight to it over HTTPS.
   */
  static EarlyConnection start(URI target, NetworkSettings network,
      Supplier<SSLSocketFactory> sockets) {
    if (!"https".equalsIgnoreCase(target.getScheme()) || target.getHost() == null
        || network.proxyFor(target) != Proxy.NO_PROXY
        || System.getProperty("https.protocols") != null
        || System.getProperty("https.cipherSuites") != null) {
      return NONE;
    }
    int port = target.getPort() < 0 ? 443 : target.getPort();
    int connectTimeout = millis(network.connectTimeout().toMillis());
    int readTimeout = millis(network.readTimeout().toMillis());
    return start(target.getHost(), port,
        (h, p) -> handshake(sockets.get(), h, p, connectTimeout, readTimeout), System::nanoTime);
  }

  /** Starts {@code opener} on a daemon thread; the clock tells how old the connection is. */
  static EarlyConnection start(String host, int port, Opener opener, LongSupplier nanoTime) {
    EarlyConnection early = new EarlyConnection(host, port, opener, nanoTime);
    Thread thread = new Thread(early::open, "sts-connection");
    thread.setDaemon(true);
    thread.start();
    return early;
  }

  private void open() {
    opening.run();
    if (discarded) {
      closeQuietly(result()); // discarded while it was being made
    }
  }

  /**
   * Connects as {@code HttpsURLConnection} does (TCP_NODELAY and the read timeout before the
   * handshake, the host name for SNI and checked against the certificate), and handshakes.
   */
  private static SSLSocket handshake(SSLSocketFactory factory, String host, int port,
      int connectTimeout, int readTimeout) throws IOException {
    Socket plain = new Socket(); // as the JDK's own sockets: through SOCKS, if Java is told to
    try {
      plain.connect(new InetSocketAddress(host, port), connectTimeout);
      plain.setTcpNoDelay(true);
      plain.setSoTimeout(readTimeout);
      SSLSocket tls = (SSLSocket) factory.createSocket(plain, host, port, true);
      SSLParameters parameters = tls.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      tls.setSSLParameters(parameters);
      tls.startHandshake();
      return tls;
    } catch (IOException | RuntimeException e) {
      closeQuietly(plain);
      throw e;
    }
  }

  /**
   * {@code sockets}, except that each new unconnected socket takes this connection over if it
   * connects to its host and port.
   */
  SSLSocketFactory sockets(SSLSocketFactory sockets) {
    if (opening == null) {
      return sockets;
    }
    return new ForwardingSocketFactory(sockets) {
      @Override
      public Socket createSocket() throws IOException {
        if (claimed.get()) {
          return delegate().createSocket(); // the JDK's own, once there is nothing to take
        }
        return new AdoptingSocket(EarlyConnection.this,
            () -> (SSLSocket) delegate().createSocket());
      }

      @Override
      Socket made(Socket socket) {
        return socket;
      }
    };
  }

  /**
   * The connection, handshaken and its certificate checked against the host name, for the one
   * caller that connects to its host and port while it is fresh; it waits for the handshake to
   * end. Else null: connect anew.
   *
   * @throws IOException if the attempt failed other than in TLS (no connection, a timeout, a
   *     reset), which a new attempt would only repeat
   */
  SSLSocket take(SocketAddress to) throws IOException {
    if (opening == null || !(to instanceof InetSocketAddress address)
        || address.getPort() != port || !host.equalsIgnoreCase(address.getHostString())
        || !claimed.compareAndSet(false, true)) {
      return null;
    }
    SSLSocket socket;
    try {
      socket = opening.get();
    } catch (InterruptedException e) {
      discard();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while connecting to " + host);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException failure && !(failure instanceof SSLException)) {
        throw failure;
      }
      return null; // a handshake failure (or a bug): a new socket offers every key exchange
    }
    // Only a socket that checked the server's certificate against the host name may stand in
    // for the JDK's: HttpsURLConnection leaves that check to a socket that says it made it.
    if (nanoTime.getAsLong() - openedAt > FRESH_FOR_NANOS || !"HTTPS".equalsIgnoreCase(
        socket.getSSLParameters().getEndpointIdentificationAlgorithm())) {
      closeQuietly(socket);
      return null;
    }
    return socket;
  }

  /** Whether the attempt to connect has ended, in a connection or a failure. */
  boolean done() {
    return opening != null && opening.isDone();
  }

  /** Closes the connection unless a call took it, now or as soon as it is made. */
  @Override
  public void close() {
    if (opening != null && claimed.compareAndSet(false, true)) {
      discard();
    }
  }

  /** Lets the connection go: now if it is made, else as soon as the thread has made it. */
  private void discard() {
    discarded = true;
    closeQuietly(result());
  }

  /** The connection if it is made, else null. */
  private SSLSocket result() {
    try {
      return opening.isDone() ? opening.get() : null;
    } catch (ExecutionException | InterruptedException | RuntimeException e) {
      return null;
    }
  }

  private static int millis(long millis) {
    return (int) Math.min(Integer.MAX_VALUE, millis);
  }

  private static void closeQuietly(Socket socket) {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // Nothing was sent on it; it is only let go.
      }
    }
  }
}
