package dev.awsmfa.sts;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS sockets of one client, the first of which offers X25519 alone in its handshake; every
 * later one offers the JDK's usual groups.
 *
 * <p>With its usual groups the JDK's client computes two key shares for every handshake, one on
 * X25519 and one on secp256r1, and in a cold JVM the first secp256r1 key is the costliest step of
 * the whole handshake. AWS's endpoints take X25519, so the first handshake offers it alone. A
 * server that does not take it refuses that handshake before anything is sent, and the SDK's
 * retry connects again with every group. FIPS endpoints are asked with the usual groups from the
 * start, and so is every server when the user names the groups ({@code jdk.tls.namedGroups}).
 * Java 17 to 19 cannot choose a socket's groups, and there every handshake offers the usual ones.
 *
 * <p>The sockets are the JDK's own, made by the factory given, with only their groups chosen:
 * connecting, the handshake and the host name's check are left to {@code HttpsURLConnection}.
 */
final class OneKeyShareSockets extends SSLSocketFactory {
  /** {@code SSLParameters.setNamedGroups}, which Java 20 added. */
  private static final Optional<Method> SET_NAMED_GROUPS = namedGroupsSetter();

  private final SSLSocketFactory sockets;
  /** Whether the next socket is the first, and offers X25519 alone. */
  private final AtomicBoolean x25519Next;

  /**
   * Sockets from {@code sockets}, the first offering X25519 alone where {@code firstMayChoose}
   * and the JDK lets it.
   */
  OneKeyShareSockets(SSLSocketFactory sockets, boolean firstMayChoose) {
    this.sockets = sockets;
    boolean userChose = System.getProperty("jdk.tls.namedGroups") != null;
    this.x25519Next = new AtomicBoolean(
        firstMayChoose && !userChose && SET_NAMED_GROUPS.isPresent());
  }

  @Override
  public Socket createSocket() throws IOException {
    return chooseGroups(sockets.createSocket());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return chooseGroups(sockets.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return chooseGroups(sockets.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return chooseGroups(sockets.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress,
      int localPort) throws IOException {
    return chooseGroups(sockets.createSocket(address, port, localAddress, localPort));
  }

  @Override
  public Socket createSocket(Socket socket, String host, int port, boolean autoClose)
      throws IOException {
    return chooseGroups(sockets.createSocket(socket, host, port, autoClose));
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return sockets.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return sockets.getSupportedCipherSuites();
  }

  private Socket chooseGroups(Socket socket) {
    if (socket instanceof SSLSocket tls && x25519Next.getAndSet(false)) {
      SSLParameters parameters = tls.getSSLParameters();
      try {
        SET_NAMED_GROUPS.orElseThrow().invoke(parameters, (Object) new String[] {"x25519"});
        tls.setSSLParameters(parameters);
      } catch (ReflectiveOperationException e) {
        // The usual groups, then: only slower.
      }
    }
    return socket;
  }

  private static Optional<Method> namedGroupsSetter() {
    try {
      return Optional.of(SSLParameters.class.getMethod("setNamedGroups", String[].class));
    } catch (NoSuchMethodException e) {
      return Optional.empty();
    }
  }
}
