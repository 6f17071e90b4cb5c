package dev.awsmfa.rotate;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.iam.AccessKey;
import dev.awsmfa.iam.AwsPlace;
import dev.awsmfa.iam.IamCalls;
import dev.awsmfa.iam.IamUser;
import dev.awsmfa.iam.SigningKeys;
import dev.awsmfa.sts.LongTermKeys;
import dev.awsmfa.text.TimeText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The IAM side of a rotation, in the one order that always leaves a working key: check that the
 * old key is the user's only one, create the new key, wait until it works, have it written, and
 * only then retire the old key. Every failure before the write deletes the new key again.
 */
final class KeyReplacement {
  /** How long to wait for a new key to be accepted: IAM is eventually consistent. */
  static final Duration NEW_KEY_PATIENCE = Duration.ofSeconds(60);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

  private final IamCalls admin;
  private final IamCalls.Connector iam;
  private final AwsPlace place;
  private final IamUser owner;
  private final String user;
  private final String signer;
  private final Clock clock;
  private final Rotate.Pause pause;

  /**
   * A replacement of a key of IAM user {@code owner}, with {@code admin} signed by the MFA
   * session of profile {@code signer}, and {@code iam} to try the new key with.
   */
  KeyReplacement(IamCalls admin, IamCalls.Connector iam, AwsPlace place, IamUser owner,
      String signer, Clock clock, Rotate.Pause pause) {
    this.admin = admin;
    this.iam = iam;
    this.place = place;
    this.owner = owner;
    this.user = owner.userName().orElseThrow();
    this.signer = signer;
    this.clock = clock;
    this.pause = pause;
  }

  /**
   * Replaces {@code old}, which stands in {@code file}, calling {@code write} to put the new key
   * there; returns the new key.
   *
   * @throws AwsmfaException saying which key is where
   */
  LongTermKeys replace(LongTermKeys old, String file, Consumer<LongTermKeys> write,
      boolean deactivate) {
    onlyKey(old, file);
    LongTermKeys created = create(old);
    try {
      waitUntilItWorks(created);
      write.accept(created);
    } catch (AwsmfaException e) {
      throw withdrawn(created, e);
    } catch (RuntimeException e) {
      throw withdrawn(created, new AwsmfaException(ExitCode.INTERNAL, "unexpected error ("
          + e + ")", e));
    }
    retire(old, created, file, deactivate);
    return created;
  }

  /** IAM allows two keys per user: with two, one must go first, and the user chooses which. */
  private void onlyKey(LongTermKeys old, String file) {
    List<AccessKey> keys;
    try {
      keys = admin.accessKeys(user);
    } catch (AwsmfaException e) {
      throw unchanged(e, advice(e.exitCode()));
    }
    if (keys.stream().noneMatch(k -> k.id().equals(old.accessKeyId()))) {
      throw new AwsmfaException(ExitCode.STS_REFUSED, "IAM does not list the key in " + file
          + " (" + old.accessKeyId() + ") among the keys of user " + user + ", whose MFA session"
          + " is in profile '" + signer + "': nothing was changed; refresh that session from this"
          + " profile (awsmfa --force), then run awsmfa rotate again");
    }
    Optional<AccessKey> other = keys.stream().filter(k -> !k.id().equals(old.accessKeyId()))
        .findFirst();
    if (other.isPresent()) {
      String id = other.get().id();
      throw new AwsmfaException(ExitCode.STS_REFUSED, "IAM user " + user + " already has a"
          + " second access key besides the one in " + file + ": " + id + " ("
          + (other.get().active() ? "active" : "inactive") + ", " + lastUse(id) + "), and IAM"
          + " allows two; delete it if nothing uses it (" + command("delete-access-key", id)
          + "), then run awsmfa rotate again: nothing was changed");
    }
  }

  private String lastUse(String keyId) {
    try {
      return admin.lastUsed(keyId).map(t -> "last used " + TimeText.local(t, clock))
          .orElse("never used");
    } catch (AwsmfaException e) {
      return "last use unknown";
    }
  }

  /**
   * CreateAccessKey. The SDK retries a call whose answer was lost, so a failure may still have
   * made a key, whose secret nobody has: any key but the old one is deleted again.
   */
  private LongTermKeys create(LongTermKeys old) {
    try {
      return admin.createAccessKey(user);
    } catch (AwsmfaException e) {
      String stray = "";
      try {
        for (AccessKey key : admin.accessKeys(user)) {
          if (!key.id().equals(old.accessKeyId())) {
            admin.deleteAccessKey(user, key.id());
            stray = "; the key " + key.id() + " that it made without an answer was deleted";
          }
        }
      } catch (AwsmfaException cleanup) {
        stray = "; check with 'aws iam list-access-keys --user-name " + user + "' that it made"
            + " no second key";
      }
      throw unchanged(new AwsmfaException(e.exitCode(), e.getMessage() + stray, e.detail(), e),
          advice(e.exitCode()));
    }
  }

  /** Until the new key answers GetCallerIdentity as the same user; IAM takes a few seconds. */
  private void waitUntilItWorks(LongTermKeys created) {
    Instant giveUp = clock.instant().plus(NEW_KEY_PATIENCE);
    Duration wait = Duration.ofMillis(500);
    String last;
    while (true) {
      try (IamCalls asNewKey = iam.connect(SigningKeys.of(created), place)) {
        IamUser who = asNewKey.caller();
        if (who.arn().equals(owner.arn())) {
          return;
        }
        last = "it answered as " + who.arn() + ", not as IAM user " + user;
      } catch (AwsmfaException e) {
        last = e.getMessage();
      }
      if (!clock.instant().isBefore(giveUp)) {
        throw new AwsmfaException(ExitCode.STS_UNAVAILABLE, "the new access key "
            + created.accessKeyId() + " did not work within " + NEW_KEY_PATIENCE.toSeconds()
            + " seconds (" + last + ")");
      }
      try {
        pause.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AwsmfaException(ExitCode.STS_UNAVAILABLE, "interrupted while waiting for the"
            + " new access key " + created.accessKeyId() + " to work");
      }
      wait = wait.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE
          : wait.multipliedBy(2);
    }
  }

  /** The old key goes only now that the new one is on disk and works. */
  private void retire(LongTermKeys old, LongTermKeys created, String file, boolean deactivate) {
    try {
      if (deactivate) {
        admin.deactivateAccessKey(user, old.accessKeyId());
      } else {
        admin.deleteAccessKey(user, old.accessKeyId());
      }
    } catch (AwsmfaException e) {
      throw new AwsmfaException(ExitCode.STS_REFUSED, "the new access key "
          + created.accessKeyId() + " is in " + file + " and works, but the old key "
          + old.accessKeyId() + " is still " + (deactivate ? "active" : "there") + ": "
          + e.getMessage() + "; " + (deactivate ? "deactivate" : "delete") + " it with "
          + (deactivate ? command("update-access-key --status Inactive", old.accessKeyId())
              : command("delete-access-key", old.accessKeyId())), e.detail(), e);
    }
  }

  /** A failure before the write: the new key is deleted again, so the old one stays alone. */
  private AwsmfaException withdrawn(LongTermKeys created, AwsmfaException cause) {
    try {
      admin.deleteAccessKey(user, created.accessKeyId());
    } catch (AwsmfaException e) {
      return new AwsmfaException(cause.exitCode(), cause.getMessage() + "; the old key is still"
          + " in place, but the new key " + created.accessKeyId() + " could not be deleted ("
          + e.getMessage() + "): delete it with " + command("delete-access-key",
              created.accessKeyId()), cause.detail(), cause);
    }
    return new AwsmfaException(cause.exitCode(), cause.getMessage() + "; the new key was deleted"
        + " again, and the old key is still in place: " + advice(cause.exitCode()), cause.detail(),
        cause);
  }

  /** The AWS CLI command that does by hand what awsmfa could not, signed as awsmfa signs. */
  String command(String action, String keyId) {
    return "'aws iam " + action + " --user-name " + user + " --access-key-id " + keyId
        + " --profile " + signer + "'";
  }

  /** A failure before anything changed, and what to do about it. */
  static AwsmfaException unchanged(AwsmfaException e, String advice) {
    return new AwsmfaException(e.exitCode(), e.getMessage() + "; nothing was changed: " + advice,
        e.detail(), e);
  }

  /** What to do after a failure that left the old key alone. */
  static String advice(ExitCode code) {
    return switch (code) {
      case STS_UNAVAILABLE -> "try awsmfa rotate again in a few minutes";
      case FILE -> "fix that, then run awsmfa rotate again";
      case INTERNAL -> "run awsmfa rotate again with --debug, and report what it shows";
      default -> "check that the IAM user may manage its own keys with MFA, then run awsmfa"
          + " rotate again";
    };
  }
}
