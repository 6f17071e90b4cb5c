package dev.awsmfa.sts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plain-HTTP forward proxy on loopback that sends every request to one upstream, for testing
 * that awsmfa goes through {@code HTTP_PROXY}. One request per connection.
 */
public final class ForwardProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int upstreamPort;
  private final List<String> requestLines = new CopyOnWriteArrayList<>();

  private ForwardProxy(ServerSocket server, int upstreamPort) {
    this.server = server;
    this.upstreamPort = upstreamPort;
  }

  /** A proxy that forwards to {@code 127.0.0.1:upstreamPort}. */
  public static ForwardProxy start(int upstreamPort) throws IOException {
    ForwardProxy proxy = new ForwardProxy(
        new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), upstreamPort);
    Thread thread = new Thread(proxy::serve, "forward-proxy");
    thread.setDaemon(true);
    thread.start();
    return proxy;
  }

  /** The URL to put in {@code HTTP_PROXY}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** The request lines the proxy was sent, as the client wrote them. */
  public List<String> requestLines() {
    return List.copyOf(requestLines);
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket client = server.accept()) {
        forward(client);
      } catch (IOException e) {
        // closed, or one broken exchange: go on with the next
      }
    }
  }

  private void forward(Socket client) throws IOException {
    InputStream in = client.getInputStream();
    String head = readHead(in);
    String[] lines = head.split("\r\n");
    requestLines.add(lines[0]);
    String[] parts = lines[0].split(" ");
    URI target = URI.create(parts[1]);
    int length = 0;
    String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/"
        : target.getRawPath();
    StringBuilder forwarded = new StringBuilder(parts[0] + " " + path
        + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()) + " " + parts[2]
        + "\r\n");
    for (int i = 1; i < lines.length; i++) {
      String lower = lines[i].toLowerCase();
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(lines[i].substring(15).strip());
      }
      if (!lower.startsWith("connection:") && !lower.startsWith("proxy-connection:")) {
        forwarded.append(lines[i]).append("\r\n");
      }
    }
    forwarded.append("Connection: close\r\n\r\n");
    byte[] body = in.readNBytes(length);
    try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
      OutputStream up = upstream.getOutputStream();
      up.write(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
      up.write(body);
      up.flush();
      client.getOutputStream().write(upstream.getInputStream().readAllBytes());
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    for (int b; matched < 4 && (b = in.read()) >= 0; ) {
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    return text.substring(0, Math.max(0, text.length() - 4));
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
