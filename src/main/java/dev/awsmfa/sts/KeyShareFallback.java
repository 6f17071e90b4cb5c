package dev.awsmfa.sts;

import java.io.IOException;
import javax.net.ssl.SSLHandshakeException;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * An HTTP client that sends a request again, over a new connection offering every key exchange,
 * when the server refused the handshake of the one connection that offered X25519 alone ({@link
 * OneKeyShareSockets}). It does so within the SDK's attempt, so the fallback works whatever the
 * user's retry settings, and an MFA code's refusal is never taken for one after a lost answer. A
 * refused handshake sent nothing, so the request cannot have been seen twice.
 */
final class KeyShareFallback implements SdkHttpClient {
  private final SdkHttpClient http;
  private final OneKeyShareSockets sockets;

  KeyShareFallback(SdkHttpClient http, OneKeyShareSockets sockets) {
    this.http = http;
    this.sockets = sockets;
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new ExecutableHttpRequest() {
      private volatile ExecutableHttpRequest current = http.prepareRequest(request);

      @Override
      public HttpExecuteResponse call() throws IOException {
        boolean offeredBefore = sockets.offeredX25519Alone();
        try {
          return current.call();
        } catch (SSLHandshakeException e) {
          if (offeredBefore || !sockets.offeredX25519Alone()) {
            throw e; // not the handshake that offered X25519 alone
          }
          current = http.prepareRequest(request);
          return current.call();
        }
      }

      @Override
      public void abort() {
        current.abort();
      }
    };
  }

  @Override
  public String clientName() {
    return http.clientName();
  }

  @Override
  public void close() {
    http.close();
  }
}
