package dev.awsmfa.iam;

import dev.awsmfa.sts.LongTermKeys;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The calls that ask whom a key belongs to and that manage an IAM user's keys and MFA devices,
 * all signed with one set of credentials. Each names the user explicitly.
 *
 * <p>Every method throws {@link dev.awsmfa.failure.AwsmfaException} when AWS refuses ({@link
 * dev.awsmfa.failure.ExitCode#STS_REFUSED}) or cannot be reached ({@link
 * dev.awsmfa.failure.ExitCode#STS_UNAVAILABLE}), with a message that names the call.
 */
public interface IamCalls extends AutoCloseable {

  /** STS GetCallerIdentity: whom these credentials belong to. */
  IamUser caller();

  /** ListMFADevices: the serial numbers (ARNs) of the user's MFA devices. */
  List<String> mfaDevices(String userName);

  /** ListAccessKeys. */
  List<AccessKey> accessKeys(String userName);

  /** GetAccessKeyLastUsed: when the key last signed a request, if ever. */
  Optional<Instant> lastUsed(String accessKeyId);

  /** CreateAccessKey: a new key, whose secret is never shown. */
  LongTermKeys createAccessKey(String userName);

  /** UpdateAccessKey to Inactive. */
  void deactivateAccessKey(String userName, String accessKeyId);

  /** DeleteAccessKey; a key that is already gone counts as deleted. */
  void deleteAccessKey(String userName, String accessKeyId);

  /** Closes the HTTP connections; never fails. */
  @Override
  void close();

  /** Opens the calls signed with given keys: the SDK loads only when this is called. */
  @FunctionalInterface
  interface Connector {
    /** The calls signed with {@code keys}, sent to {@code place}. */
    IamCalls connect(SigningKeys keys, AwsPlace place);
  }
}
