package dev.awsmfa.iam;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.sts.LongTermKeys;
import dev.awsmfa.sts.SdkClients;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * {@link IamCalls} through the AWS SDK's {@link IamClient} and {@link StsClient}, built by {@link
 * SdkClients} as for a refresh. Each client is built on its first call.
 */
public final class SdkIamCalls implements IamCalls {
  private final AwsCredentials credentials;
  private final AwsPlace place;
  private SdkHttpClient http;
  private IamClient iam;
  private StsClient sts;

  /** Calls signed with {@code keys}, sent to {@code place}. */
  public SdkIamCalls(SigningKeys keys, AwsPlace place) {
    this.credentials = keys.sessionToken().isPresent()
        ? AwsSessionCredentials.create(keys.accessKeyId(), keys.secretAccessKey(),
            keys.sessionToken().get())
        : AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey());
    this.place = place;
  }

  @Override
  public IamUser caller() {
    GetCallerIdentityResponse identity = call("STS", "GetCallerIdentity",
        () -> sts().getCallerIdentity());
    return new IamUser(identity.account(), identity.arn());
  }

  @Override
  public List<String> mfaDevices(String userName) {
    List<String> serials = new ArrayList<>();
    for (MFADevice device : call("IAM", "ListMFADevices",
        () -> iam().listMFADevices(r -> r.userName(userName)).mfaDevices())) {
      serials.add(device.serialNumber());
    }
    return serials;
  }

  @Override
  public List<AccessKey> accessKeys(String userName) {
    List<AccessKey> keys = new ArrayList<>();
    for (AccessKeyMetadata key : call("IAM", "ListAccessKeys",
        () -> iam().listAccessKeys(r -> r.userName(userName)).accessKeyMetadata())) {
      keys.add(new AccessKey(key.accessKeyId(), key.status() == StatusType.ACTIVE));
    }
    return keys;
  }

  @Override
  public Optional<Instant> lastUsed(String accessKeyId) {
    return Optional.ofNullable(call("IAM", "GetAccessKeyLastUsed",
        () -> iam().getAccessKeyLastUsed(r -> r.accessKeyId(accessKeyId)).accessKeyLastUsed()))
        .map(used -> used.lastUsedDate());
  }

  @Override
  public LongTermKeys createAccessKey(String userName) {
    var key = call("IAM", "CreateAccessKey",
        () -> iam().createAccessKey(r -> r.userName(userName)).accessKey());
    return new LongTermKeys(key.accessKeyId(), key.secretAccessKey());
  }

  @Override
  public void deactivateAccessKey(String userName, String accessKeyId) {
    call("IAM", "UpdateAccessKey", () -> iam().updateAccessKey(r -> r.userName(userName)
        .accessKeyId(accessKeyId).status(StatusType.INACTIVE)));
  }

  @Override
  public void deleteAccessKey(String userName, String accessKeyId) {
    try {
      call("IAM", "DeleteAccessKey", () -> iam().deleteAccessKey(r -> r.userName(userName)
          .accessKeyId(accessKeyId)));
    } catch (AwsmfaException e) {
      // A retry of a deletion whose first answer was lost finds the key gone: that is success.
      if (!(e.getCause() instanceof NoSuchEntityException)) {
        throw e;
      }
    }
  }

  @Override
  public void close() {
    if (iam != null) {
      iam.close();
    }
    if (sts != null) {
      sts.close();
    }
    if (http != null) {
      http.close();
    }
  }

  private <T> T call(String service, String action, Supplier<T> call) {
    try {
      return call.get();
    } catch (AwsServiceException e) {
      throw AwsErrors.refused(service, action, e);
    } catch (SdkException | UncheckedIOException e) {
      throw AwsErrors.unreachable(endpointFor(service), e);
    }
  }

  private String endpointFor(String service) {
    Optional<URI> endpoint = service.equals("IAM") ? place.iamEndpoint()
        : place.stsEndpoint();
    return endpoint.map(u -> service + " at " + u).orElse(service);
  }

  private SdkHttpClient http() {
    if (http == null) {
      http = SdkClients.http(place.network());
    }
    return http;
  }

  private IamClient iam() {
    if (iam == null) {
      iam = SdkClients.build(IamClient::builder, globalRegion(place.region()), credentials,
          http(), place.network(), place.iamEndpoint());
    }
    return iam;
  }

  private StsClient sts() {
    if (sts == null) {
      sts = SdkClients.build(StsClient::builder, Region.of(place.region()), credentials, http(),
          place.network(), place.stsEndpoint());
    }
    return sts;
  }

  /** IAM is one global service per partition: the region only tells which partition. */
  static Region globalRegion(String region) {
    if (region.startsWith("cn-")) {
      return Region.AWS_CN_GLOBAL;
    }
    if (region.startsWith("us-gov-")) {
      return Region.AWS_US_GOV_GLOBAL;
    }
    return Region.AWS_GLOBAL;
  }
}
