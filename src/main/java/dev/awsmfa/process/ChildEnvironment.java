package dev.awsmfa.process;

import java.util.Map;

/**
 * The environment of a program that awsmfa runs, as the user set it. The launcher switches
 * awsmfa itself to a UTF-8 locale under the C locale, so that Java can open files with non-ASCII
 * names, and keeps what {@code LC_ALL} was in {@code AWSMFA_LC_ALL}; the program gets that back.
 */
public final class ChildEnvironment {
  private static final String KEPT = "AWSMFA_LC_ALL";
  private static final String UNSET = "<unset>";

  private ChildEnvironment() {}

  /** Puts {@code LC_ALL} back as it was before the launcher, in a child's {@code environment}. */
  public static void restoreLocale(Map<String, String> environment) {
    String kept = environment.remove(KEPT);
    if (kept == null) {
      return;
    }
    if (kept.equals(UNSET)) {
      environment.remove("LC_ALL");
    } else {
      environment.put("LC_ALL", kept);
    }
  }
}
