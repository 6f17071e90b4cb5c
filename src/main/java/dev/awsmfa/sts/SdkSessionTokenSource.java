package dev.awsmfa.sts;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import java.io.UncheckedIOException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Calls GetSessionToken, or AssumeRole with MFA, through the AWS SDK's {@link StsClient}, built
 * by {@link SdkClients} with every setting explicit.
 */
public final class SdkSessionTokenSource implements SessionTokenSource {
  @Override
  public SessionTokens getSessionToken(SessionTokenRequest request) {
    NetworkSettings network = request.network();
    try (SdkHttpClient http = SdkClients.http(network);
        StsClient sts = SdkClients.build(StsClient::builder, Region.of(request.region()),
            AwsBasicCredentials.create(request.keys().accessKeyId(),
                request.keys().secretAccessKey()), http, network, request.endpoint())) {
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
}
