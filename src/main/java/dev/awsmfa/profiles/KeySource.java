package dev.awsmfa.profiles;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.sts.LongTermKeys;

/**
 * Where a source profile's long-term keys come from: the files themselves, or a program that a
 * refresh runs only once every other check has passed, as it may ask for a passphrase.
 */
public interface KeySource {

  /**
   * The keys.
   *
   * @throws AwsmfaException if a program that hands them out fails
   */
  LongTermKeys keys();

  /** Whether the keys come from a program, which awsmfa can read from but never write to. */
  default boolean fromProgram() {
    return false;
  }

  /** Keys that stand in the files. */
  static KeySource stored(LongTermKeys keys) {
    return () -> keys;
  }
}
