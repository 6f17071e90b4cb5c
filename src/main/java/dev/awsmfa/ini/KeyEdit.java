package dev.awsmfa.ini;

/**
 * One change to one key of a section.
 *
 * @param key the lower-case key, matched the way botocore matches keys
 * @param value the new value, never quoted or escaped
 * @param mode when the change applies
 */
public record KeyEdit(String key, String value, Mode mode) {

  /** When an edit applies. */
  public enum Mode {
    /** Rewrite the key in place, or add it if it is missing. */
    PUT,
    /** Rewrite the key in place; leave it absent if it is missing. */
    UPDATE_IF_PRESENT,
    /** Add the key if it is missing; leave an existing value alone. */
    ADD_IF_MISSING
  }

  /** Names the edit without its value, which may be a secret. */
  @Override
  public String toString() {
    return "KeyEdit[" + key + ", " + mode + "]";
  }

  /** Rewrites or adds {@code key}. */
  public static KeyEdit put(String key, String value) {
    return new KeyEdit(key, value, Mode.PUT);
  }

  /** Rewrites {@code key} only where it already stands. */
  public static KeyEdit updateIfPresent(String key, String value) {
    return new KeyEdit(key, value, Mode.UPDATE_IF_PRESENT);
  }

  /** Adds {@code key} only where it is missing. */
  public static KeyEdit addIfMissing(String key, String value) {
    return new KeyEdit(key, value, Mode.ADD_IF_MISSING);
  }
}
