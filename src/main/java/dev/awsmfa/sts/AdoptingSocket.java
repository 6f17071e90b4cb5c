package dev.awsmfa.sts;

import java.io.IOException;
import java.net.SocketAddress;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The socket that {@code HttpsURLConnection} asks for and then connects: it takes over the {@link
 * EarlyConnection} when that leads to the same host and port, and is otherwise an ordinary
 * socket of the factory.
 *
 * <p>{@code HttpsURLConnection} cannot be handed a connection that is already open: it always
 * makes an unconnected socket, connects it, and starts its handshake. So this socket turns
 * {@code connect} into taking the early connection, and {@code startHandshake} into nothing
 * once that connection's handshake is done. (On an established TLS 1.3 connection, a second
 * {@code startHandshake} would send a key update.)
 */
final class AdoptingSocket extends ForwardingSslSocket {
  /** Makes the ordinary socket, when there is nothing to take over. */
  interface Fresh {
    SSLSocket create() throws IOException;
  }

  private final EarlyConnection early;
  private final Fresh fresh;
  private SSLSocket socket;
  private boolean adopted;

  AdoptingSocket(EarlyConnection early, Fresh fresh) {
    this.early = early;
    this.fresh = fresh;
  }

  /**
   * The socket this one stands for. The JDK connects before it calls anything else; were that
   * ever to change, an ordinary socket is made here, and the early connection is not taken.
   */
  @Override
  SSLSocket socket() {
    if (socket == null) {
      try {
        socket = fresh.create();
      } catch (IOException e) {
        throw new IllegalStateException("cannot make a TLS socket", e);
      }
    }
    return socket;
  }

  @Override
  public void connect(SocketAddress endpoint) throws IOException {
    connect(endpoint, 0);
  }

  @Override
  public void connect(SocketAddress endpoint, int timeout) throws IOException {
    if (socket == null) {
      SSLSocket taken = early.take(endpoint);
      if (taken != null) {
        socket = taken;
        adopted = true;
        return;
      }
      socket = fresh.create();
    }
    socket.connect(endpoint, timeout);
    // HttpsURLConnection names the host to the JDK's own sockets, but not to this wrapper: it
    // would set the server name itself, from the URL's host, which fails for an IPv6 literal.
    // The JDK's socket already took the host name from the address it connected to; checking
    // it against the certificate here leaves HttpsURLConnection nothing to add.
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    socket.setSSLParameters(parameters);
  }

  @Override
  public void startHandshake() throws IOException {
    if (!adopted) {
      socket().startHandshake();
    }
  }

  @Override
  public void close() throws IOException {
    if (socket != null) {
      socket.close();
    }
  }

  @Override
  public boolean isConnected() {
    return socket != null && socket.isConnected();
  }

  @Override
  public boolean isBound() {
    return socket != null && socket.isBound();
  }

  @Override
  public boolean isClosed() {
    return socket != null && socket.isClosed();
  }

  @Override
  public String toString() {
    return socket == null ? "unconnected AdoptingSocket" : socket.toString();
  }
}
