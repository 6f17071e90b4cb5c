package dev.awsmfa.sts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * The socket that {@code HttpsURLConnection} asks for and then connects: it takes over the {@link
 * EarlyConnection} when that leads to the same host and port, and is otherwise an ordinary
 * socket of the factory.
 *
 * <p>{@code HttpsURLConnection} cannot be handed a connection that is already open: it always
 * makes an unconnected socket, connects it, and starts its handshake. So this socket forwards
 * every call to the socket it stands for, turns {@code connect} into taking the early
 * connection, and {@code startHandshake} into nothing once that connection's handshake is done.
 * (On an established TLS 1.3 connection, a second {@code startHandshake} would send a key
 * update.)
 */
final class AdoptingSocket extends SSLSocket {
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

  /** Whether this socket is the early connection. */
  boolean adopted() {
    return adopted;
  }

  private SSLSocket socket() {
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
  }

  @Override
  public void startHandshake() throws IOException {
    if (!adopted) {
      socket().startHandshake();
    }
  }

  @Override
  public void bind(SocketAddress bindpoint) throws IOException {
    socket().bind(bindpoint);
  }

  @Override
  public InetAddress getInetAddress() {
    return socket().getInetAddress();
  }

  @Override
  public InetAddress getLocalAddress() {
    return socket().getLocalAddress();
  }

  @Override
  public int getPort() {
    return socket().getPort();
  }

  @Override
  public int getLocalPort() {
    return socket().getLocalPort();
  }

  @Override
  public SocketAddress getRemoteSocketAddress() {
    return socket().getRemoteSocketAddress();
  }

  @Override
  public SocketAddress getLocalSocketAddress() {
    return socket().getLocalSocketAddress();
  }

  @Override
  public InputStream getInputStream() throws IOException {
    return socket().getInputStream();
  }

  @Override
  public OutputStream getOutputStream() throws IOException {
    return socket().getOutputStream();
  }

  @Override
  public void setTcpNoDelay(boolean on) throws SocketException {
    socket().setTcpNoDelay(on);
  }

  @Override
  public boolean getTcpNoDelay() throws SocketException {
    return socket().getTcpNoDelay();
  }

  @Override
  public void setSoLinger(boolean on, int linger) throws SocketException {
    socket().setSoLinger(on, linger);
  }

  @Override
  public int getSoLinger() throws SocketException {
    return socket().getSoLinger();
  }

  @Override
  public void sendUrgentData(int data) throws IOException {
    socket().sendUrgentData(data);
  }

  @Override
  public void setOOBInline(boolean on) throws SocketException {
    socket().setOOBInline(on);
  }

  @Override
  public boolean getOOBInline() throws SocketException {
    return socket().getOOBInline();
  }

  @Override
  public void setSoTimeout(int timeout) throws SocketException {
    socket().setSoTimeout(timeout);
  }

  @Override
  public int getSoTimeout() throws SocketException {
    return socket().getSoTimeout();
  }

  @Override
  public void setSendBufferSize(int size) throws SocketException {
    socket().setSendBufferSize(size);
  }

  @Override
  public int getSendBufferSize() throws SocketException {
    return socket().getSendBufferSize();
  }

  @Override
  public void setReceiveBufferSize(int size) throws SocketException {
    socket().setReceiveBufferSize(size);
  }

  @Override
  public int getReceiveBufferSize() throws SocketException {
    return socket().getReceiveBufferSize();
  }

  @Override
  public void setKeepAlive(boolean on) throws SocketException {
    socket().setKeepAlive(on);
  }

  @Override
  public boolean getKeepAlive() throws SocketException {
    return socket().getKeepAlive();
  }

  @Override
  public void setTrafficClass(int tc) throws SocketException {
    socket().setTrafficClass(tc);
  }

  @Override
  public int getTrafficClass() throws SocketException {
    return socket().getTrafficClass();
  }

  @Override
  public void setReuseAddress(boolean on) throws SocketException {
    socket().setReuseAddress(on);
  }

  @Override
  public boolean getReuseAddress() throws SocketException {
    return socket().getReuseAddress();
  }

  @Override
  public void close() throws IOException {
    if (socket != null) {
      socket.close();
    }
  }

  @Override
  public void shutdownInput() throws IOException {
    socket().shutdownInput();
  }

  @Override
  public void shutdownOutput() throws IOException {
    socket().shutdownOutput();
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
  public boolean isInputShutdown() {
    return socket().isInputShutdown();
  }

  @Override
  public boolean isOutputShutdown() {
    return socket().isOutputShutdown();
  }

  @Override
  public <T> Socket setOption(SocketOption<T> name, T value) throws IOException {
    socket().setOption(name, value);
    return this;
  }

  @Override
  public <T> T getOption(SocketOption<T> name) throws IOException {
    return socket().getOption(name);
  }

  @Override
  public Set<SocketOption<?>> supportedOptions() {
    return socket().supportedOptions();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return socket().getSupportedCipherSuites();
  }

  @Override
  public String[] getEnabledCipherSuites() {
    return socket().getEnabledCipherSuites();
  }

  @Override
  public void setEnabledCipherSuites(String[] suites) {
    socket().setEnabledCipherSuites(suites);
  }

  @Override
  public String[] getSupportedProtocols() {
    return socket().getSupportedProtocols();
  }

  @Override
  public String[] getEnabledProtocols() {
    return socket().getEnabledProtocols();
  }

  @Override
  public void setEnabledProtocols(String[] protocols) {
    socket().setEnabledProtocols(protocols);
  }

  @Override
  public SSLSession getSession() {
    return socket().getSession();
  }

  @Override
  public SSLSession getHandshakeSession() {
    return socket().getHandshakeSession();
  }

  @Override
  public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
    socket().addHandshakeCompletedListener(listener);
  }

  @Override
  public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
    socket().removeHandshakeCompletedListener(listener);
  }

  @Override
  public void setUseClientMode(boolean mode) {
    socket().setUseClientMode(mode);
  }

  @Override
  public boolean getUseClientMode() {
    return socket().getUseClientMode();
  }

  @Override
  public void setNeedClientAuth(boolean need) {
    socket().setNeedClientAuth(need);
  }

  @Override
  public boolean getNeedClientAuth() {
    return socket().getNeedClientAuth();
  }

  @Override
  public void setWantClientAuth(boolean want) {
    socket().setWantClientAuth(want);
  }

  @Override
  public boolean getWantClientAuth() {
    return socket().getWantClientAuth();
  }

  @Override
  public void setEnableSessionCreation(boolean flag) {
    socket().setEnableSessionCreation(flag);
  }

  @Override
  public boolean getEnableSessionCreation() {
    return socket().getEnableSessionCreation();
  }

  @Override
  public SSLParameters getSSLParameters() {
    return socket().getSSLParameters();
  }

  @Override
  public void setSSLParameters(SSLParameters parameters) {
    socket().setSSLParameters(parameters);
  }

  @Override
  public String getApplicationProtocol() {
    return socket().getApplicationProtocol();
  }

  @Override
  public String getHandshakeApplicationProtocol() {
    return socket().getHandshakeApplicationProtocol();
  }

  @Override
  public void setHandshakeApplicationProtocolSelector(
      BiFunction<SSLSocket, List<String>, String> selector) {
    socket().setHandshakeApplicationProtocolSelector(selector);
  }

  @Override
  public BiFunction<SSLSocket, List<String>, String> getHandshakeApplicationProtocolSelector() {
    return socket().getHandshakeApplicationProtocolSelector();
  }

  @Override
  public String toString() {
    return socket == null ? "unconnected AdoptingSocket" : socket.toString();
  }
}
