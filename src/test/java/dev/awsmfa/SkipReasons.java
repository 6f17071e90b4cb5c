package dev.awsmfa;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints on the console why each skipped test was skipped, such as a missing program, so that a
 * skip is never silent. Registered for every test through the service file beside the tests.
 */
public final class SkipReasons implements TestWatcher {

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    print(context, cause.getMessage());
  }

  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {
    print(context, reason.orElse("disabled"));
  }

  private static void print(ExtensionContext context, String reason) {
    // stderr, which surefire and failsafe pass to the console as it comes.
    System.err.printf("SKIPPED %s.%s: %s%n", context.getRequiredTestClass().getSimpleName(),
        context.getRequiredTestMethod().getName(), reason == null ? "(no reason given)" : reason);
  }
}
