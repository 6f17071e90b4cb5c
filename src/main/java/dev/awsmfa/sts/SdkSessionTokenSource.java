package dev.awsmfa.sts;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Calls GetSessionToken, or AssumeRole with MFA, through the AWS SDK's {@link StsClient}, with
 * every setting explicit.
 *
 * <p>The SDK would otherwise read {@code ~/.aws/config} and {@code ~/.aws/credentials} on its own,
 * with its own parser, which rejects files that the AWS CLI accepts (a byte order mark, a {@code
 * key: value} line). awsmfa has already read those files its own way, so the client is handed an
 * empty profile file instead. That is not enough by itself: while building any client, SDK 2.56
 * also loads its default profile files (in {@code SdkDefaultClientBuilder.mergeGlobalDefaults}),
 * whatever profile file the client is given. The only switch for that is the pair of system
 * properties that name those files, so they are pointed at the null device, which the SDK skips
 * because it is not a regular file.
 *
 * <p>The HTTP client is the SDK's {@link UrlConnectionHttpClient} with the proxy, NO_PROXY,
 * timeouts and trust that awsmfa resolved.
 */
public final class SdkSessionTokenSource implements SessionTokenSource {
  @Override
  public SessionTokens getSessionToken(SessionTokenRequest request) {
    NetworkSettings network = request.network();
    SSLSocketFactory sockets = tls(request);
    try (SdkHttpClient http = http(network, sockets);
        StsClient sts = client(request, http)) {
      Credentials c = request.role().isPresent()
          ? assumeRole(sts, request, request.role().get())
          : sts.getSessionToken(r -> r.serialNumber(request.serialNumber())
              .tokenCode(request.tokenCode())
              .durationSeconds(request.durationSeconds())).credentials();
      if (c == null || c.expiration() == null) {
        throw new AwsmfaException(
            ExitCode.STS_UNAVAILABLE,
            "STS answered without credentials: try again, or check --endpoint-url");
      }
      return tokens(c);
    } catch (AwsServiceException e) {
      throw StsErrors.refused(e, request);
    } catch (SdkException | UncheckedIOException e) {
      throw StsErrors.unreachable(e, request);
    }
  }

  private static Credentials assumeRole(StsClient sts, SessionTokenRequest request,
      RoleRequest role) {
    return sts.assumeRole(r -> {
      r.roleArn(role.roleArn())
          .roleSessionName(role.sessionName())
          .serialNumber(request.serialNumber())
          .tokenCode(request.tokenCode())
          .durationSeconds(request.durationSeconds());
      role.externalId().ifPresent(r::externalId);
    }).credentials();
  }

  private static SessionTokens tokens(Credentials c) {
    try {
      return new SessionTokens(
          c.accessKeyId(), c.secretAccessKey(), c.sessionToken(), c.expiration());
    } catch (IllegalArgumentException e) {
      throw new AwsmfaException(
          ExitCode.STS_UNAVAILABLE,
          "STS answered with credentials that cannot be stored: try again with the next code", e);
    }
  }

  /** TLS with the CA bundle's authorities, or else the JDK's. */
  private static SSLSocketFactory tls(SessionTokenRequest request) {
    TrustManager[] trust = null;
    if (request.network().caBundle().isPresent()) {
      Path bundle = request.network().caBundle().get();
      try {
        trust = CaBundle.trustManagers(bundle);
      } catch (IOException | GeneralSecurityException e) {
        throw CaBundle.unusable(bundle, e);
      }
    }
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust, null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this Java has no TLS", e);
    }
  }

  /**
   * The HTTP client: the JDK's HttpURLConnection with the proxy, timeouts and TLS sockets that
   * awsmfa resolved, and no setting of its own (no system properties, no proxy selector).
   */
  private static SdkHttpClient http(NetworkSettings network, SSLSocketFactory sockets) {
    int connect = millis(network.connectTimeout());
    int read = millis(network.readTimeout());
    return UrlConnectionHttpClient.create(uri -> {
      HttpURLConnection connection;
      try {
        connection = (HttpURLConnection) uri.toURL().openConnection(network.proxyFor(uri));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (connection instanceof HttpsURLConnection https) {
        https.setSSLSocketFactory(sockets);
      }
      connection.setConnectTimeout(connect);
      connection.setReadTimeout(read);
      return connection;
    });
  }

  private static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
  }

  /**
   * The client, or the user's fault if the SDK refuses a setting that it reads from the
   * environment on its own and that {@link SdkEnvironment} does not know: the SDK names such a
   * variable in its message. Nothing has been sent yet.
   */
  private static StsClient client(SessionTokenRequest request, SdkHttpClient http) {
    try {
      return build(request, http);
    } catch (IllegalStateException | IllegalArgumentException e) {
      if (e.getMessage() == null || !e.getMessage().startsWith("Environment variable")) {
        throw e;
      }
      throw new AwsmfaException(ExitCode.USAGE, "the AWS SDK cannot use a setting from the"
          + " environment (" + e.getMessage() + "): fix or unset that variable; the code was not"
          + " sent, so it can be used again", e);
    }
  }

  private static StsClient build(SessionTokenRequest request, SdkHttpClient http) {
    String nullDevice = File.separatorChar == '\\' ? "NUL" : "/dev/null";
    System.setProperty("aws.configFile", nullDevice);
    System.setProperty("aws.sharedCredentialsFile", nullDevice);
    ProfileFile empty =
        ProfileFile.builder()
            .content(new ByteArrayInputStream(new byte[0]))
            .type(ProfileFile.Type.CONFIGURATION)
            .build();
    StsClientBuilder builder =
        StsClient.builder()
            .region(Region.of(request.region()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        request.keys().accessKeyId(), request.keys().secretAccessKey())))
            .httpClient(http)
            .fipsEnabled(request.network().fips())
            .overrideConfiguration(o -> {
              o.defaultProfileFile(empty)
                  .defaultProfileFileSupplier(() -> empty)
                  .defaultProfileName("default");
              Duration limit = request.network().callTimeout();
              if (!limit.isZero()) {
                o.apiCallTimeout(limit);
              }
            });
    request.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }
}
