package dev.awsmfa.sts;

import dev.awsmfa.AwsmfaException;
import dev.awsmfa.ExitCode;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;
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
 * Calls GetSessionToken, or AssumeRole with MFA, through the AWS SDK's {@link StsClient}, with every setting explicit.
 *
 * <p>The SDK would otherwise read {@code ~/.aws/config} and {@code ~/.aws/credentials} on its own,
 * with its own parser, which rejects files that the AWS CLI accepts (a byte order mark, a {@code
 * key: value} line). awsmfa has already read those files its own way, so the client is handed an
 * empty profile file instead. That is not enough by itself: while building any client, SDK 2.56
 * also loads its default profile files (in {@code SdkDefaultClientBuilder.mergeGlobalDefaults}),
 * whatever profile file the client is given. The only switch for that is the pair of system
 * properties that name those files, so they are pointed at the null device, which the SDK skips
 * because it is not a regular file.
 */
public final class SdkSessionTokenSource implements SessionTokenSource {
  @Override
  public SessionTokens getSessionToken(SessionTokenRequest request) {
    try (SdkHttpClient http = http(request);
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
    } catch (SdkException e) {
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

  /** The HTTP client, with the proxy and trust that awsmfa resolved, and none of its own. */
  private static SdkHttpClient http(SessionTokenRequest request) {
    NetworkSettings network = request.network();
    UrlConnectionHttpClient.Builder builder = UrlConnectionHttpClient.builder()
        .connectionTimeout(network.connectTimeout())
        .socketTimeout(network.readTimeout())
        .proxyConfiguration(p -> {
          p.useSystemPropertyValues(false).useEnvironmentVariablesValues(false);
          network.proxy().ifPresent(proxy -> {
            int port = proxy.getPort() >= 0 ? proxy.getPort()
                : "https".equals(proxy.getScheme()) ? 443 : 80;
            p.endpoint(URI.create(proxy.getScheme() + "://" + proxy.getHost() + ":" + port))
                .nonProxyHosts(network.nonProxyHosts());
            Optional.ofNullable(proxy.getUserInfo()).ifPresent(user -> {
              int colon = user.indexOf(':');
              p.username(colon < 0 ? user : user.substring(0, colon));
              if (colon >= 0) {
                p.password(user.substring(colon + 1));
              }
            });
          });
        });
    if (network.caBundle().isPresent()) {
      Path bundle = network.caBundle().get();
      try {
        TrustManager[] trust = CaBundle.trustManagers(bundle);
        builder.tlsTrustManagersProvider(() -> trust);
      } catch (IOException | GeneralSecurityException e) {
        throw new AwsmfaException(ExitCode.FILE, "cannot use the CA bundle " + bundle + " ("
            + e.getMessage() + "): point AWS_CA_BUNDLE or ca_bundle at a PEM file of"
            + " certificates", e);
      }
    }
    return builder.build();
  }

  private static StsClient client(SessionTokenRequest request, SdkHttpClient http) {
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
            .overrideConfiguration(
                o -> o.defaultProfileFile(empty)
                    .defaultProfileFileSupplier(() -> empty)
                    .defaultProfileName("default"));
    request.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }
}
