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
 * A TLS socket that forwards every call to another, {@link #socket()}, except those a subclass
 * overrides: {@code connect}, {@code startHandshake}, {@code close} and the state queries.
 */
abstract class ForwardingSslSocket extends SSLSocket {
  /** The socket this one stands for. */
  abstract SSLSocket socket();

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
  public void shutdownInput() throws IOException {
    socket().shutdownInput();
  }

  @Override
  public void shutdownOutput() throws IOException {
    socket().shutdownOutput();
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
}
