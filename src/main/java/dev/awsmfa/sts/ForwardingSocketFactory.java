package dev.awsmfa.sts;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocketFactory;

/** A factory of another factory's TLS sockets, each passed through {@link #made} first. */
abstract class ForwardingSocketFactory extends SSLSocketFactory {
  private final SSLSocketFactory delegate;

  ForwardingSocketFactory(SSLSocketFactory delegate) {
    this.delegate = delegate;
  }

  /** The factory whose sockets this one hands out. */
  final SSLSocketFactory delegate() {
    return delegate;
  }

  /** Sees each new socket, and returns the one to hand out. */
  abstract Socket made(Socket socket) throws IOException;

  @Override
  public Socket createSocket() throws IOException {
    return made(delegate.createSocket());
  }

  @Override
  public Socket createSocket(Socket socket, String host, int port, boolean autoClose)
      throws IOException {
    return made(delegate.createSocket(socket, host, port, autoClose));
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return made(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return made(delegate.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return made(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress,
      int localPort) throws IOException {
    return made(delegate.createSocket(address, port, localAddress, localPort));
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return delegate.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return delegate.getSupportedCipherSuites();
  }
}
