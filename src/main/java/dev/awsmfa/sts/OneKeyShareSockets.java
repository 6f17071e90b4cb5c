package dev.awsmfa.sts;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS sockets of one client, the first of which offers the X25519 key exchange alone, so
 * that its handshake makes one key share rather than the JDK's two (why that matters is in
 * docs/performance.md); every later one offers the JDK's usual groups. {@link KeyShareFallback}
 * sends a request again when a server refuses that first handshake.
 *
 * <p>The first socket also offers only cipher suites whose key exchange is ephemeral, so that a
 * server without X25519 refuses it rather than agreeing on a static RSA key exchange. FIPS
 * endpoints are asked with the usual groups from the start, and so is every server when the user
 * names the groups ({@code jdk.tls.namedGroups}). Java 17 to 19 cannot choose a socket's groups:
 * there every handshake offers the usual ones.
 *
 * <p>The sockets are the JDK's own, made by the factory given, with only their groups and suites
 * chosen: connecting, the handshake and the host name's check are left to {@code
 * HttpsURLConnection}.
 */
final class OneKeyShareSockets extends SSLSocketFactory {
  /** {@code SSLParameters.setNamedGroups}, which Java 20 added. */
  private static final Optional<Method> SET_NAMED_GROUPS = namedGroupsSetter();

  private final SSLSocketFactory sockets;
  /** Whether the next socket is the first, and is to offer X25519 alone. */
  private final AtomicBoolean x25519Next;
  private final AtomicBoolean offered = new AtomicBoolean();

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

  /** Whether the socket that offers X25519 alone has been made. */
  boolean offeredX25519Alone() {
    return offered.get();
  }

  private Socket chooseGroups(Socket socket) {
    if (socket instanceof SSLSocket tls && x25519Next.getAndSet(false)) {
      SSLParameters parameters = tls.getSSLParameters();
      String[] ephemeral = Arrays.stream(parameters.getCipherSuites())
          .filter(OneKeyShareSockets::ephemeral).toArray(String[]::new);
      if (ephemeral.length == 0) {
        return socket;
      }
      try {
        SET_NAMED_GROUPS.orElseThrow().invoke(parameters, (Object) new String[] {"x25519"});
      } catch (ReflectiveOperationException e) {
        return socket; // the usual groups, then: only slower
      }
      parameters.setCipherSuites(ephemeral);
      tls.setSSLParameters(parameters);
      offered.set(true);
    }
    return socket;
  }

  /** TLS 1.3's suites, whose key exchange is always ephemeral, and TLS 1.2's ECDHE ones. */
  private static boolean ephemeral(String suite) {
    return suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")
        || suite.startsWith("TLS_ECDHE_") || suite.equals("TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
  }

  private static Optional<Method> namedGroupsSetter() {
    try {
      return Optional.of(SSLParameters.class.getMethod("setNamedGroups", String[].class));
    } catch (NoSuchMethodException e) {
      return Optional.empty();
    }
  }
}
