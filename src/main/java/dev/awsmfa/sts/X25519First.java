package dev.awsmfa.sts;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sockets whose first TLS handshake offers the X25519 key exchange alone; every later one offers
 * the JDK's whole list.
 *
 * <p>The JDK's client sends a key share for X25519 and another for secp256r1. On JDK 21 and later
 * the first secp256r1 key of a process builds a table of 60 precomputed points, about 45 ms of a
 * cold refresh even on a spare core. Almost every TLS server, AWS's included, takes X25519, so the
 * first handshake skips secp256r1. A server that does not take it fails that handshake before a
 * byte of the request is sent; the call then goes over a new socket with every group, so nothing
 * is lost but a round trip. That new socket comes from {@link EarlyConnection} when the failed
 * handshake was its own, else from the SDK's retry, or else from awsmfa's (see {@link
 * #onlyNarrowed()}).
 *
 * <p>Nothing is narrowed on JDK 17 to 19, which can set groups only for the whole process (and
 * whose first secp256r1 key is cheap), when {@code jdk.tls.namedGroups} is set (the user chose),
 * or for FIPS endpoints, which offer NIST curves only.
 */
final class X25519First extends ForwardingSocketFactory {
  private static final Method SET_NAMED_GROUPS = namedGroupsSetter();

  private final AtomicBoolean first = new AtomicBoolean(true);
  private final AtomicBoolean narrowed = new AtomicBoolean();
  private final AtomicInteger sockets = new AtomicInteger();

  private X25519First(SSLSocketFactory delegate) {
    super(delegate);
  }

  /** {@code delegate}'s sockets, the first narrowed to X25519 where that is possible and wise. */
  static X25519First wrap(SSLSocketFactory delegate, boolean fips) {
    X25519First factory = new X25519First(delegate);
    factory.first.set(!fips && possible());
    return factory;
  }

  /** Whether this JDK can narrow a socket's groups, and the user left them to it. */
  static boolean possible() {
    return SET_NAMED_GROUPS != null && System.getProperty("jdk.tls.namedGroups") == null;
  }

  /**
   * Whether the only socket made was narrowed: a handshake failure then happened on it, before
   * any request was sent, and may be X25519's alone. With a second socket (the SDK's own retry,
   * which offers every group) the failure lies elsewhere.
   */
  boolean onlyNarrowed() {
    return narrowed.get() && sockets.get() == 1;
  }

  @Override
  Socket made(Socket socket) {
    sockets.incrementAndGet();
    if (socket instanceof SSLSocket tls && first.compareAndSet(true, false)) {
      SSLParameters parameters = tls.getSSLParameters();
      try {
        SET_NAMED_GROUPS.invoke(parameters, (Object) new String[] {"x25519"});
      } catch (IllegalAccessException | InvocationTargetException e) {
        return socket; // the JDK's own list, as everywhere else
      }
      tls.setSSLParameters(parameters);
      narrowed.set(true);
    }
    return socket;
  }

  private static Method namedGroupsSetter() {
    try {
      return SSLParameters.class.getMethod("setNamedGroups", String[].class); // JDK 20 and later
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
