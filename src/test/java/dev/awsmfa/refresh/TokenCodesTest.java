package dev.awsmfa.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.awsmfa.failure.AwsmfaException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenCodesTest {
  private static final String SERIAL = "arn:aws:iam::123456789012:mfa/alice";

  @Test
  void aStuckMfaProcessIsStoppedAndItsArgumentsStayUnprinted() {
    TokenCodes codes = new TokenCodes(InputStream.nullInputStream(), Terminal.none(),
        Duration.ofSeconds(1));
    AwsmfaException stuck = assertThrows(AwsmfaException.class,
        () -> codes.resolve(Optional.empty(), Optional.of("sleep 30"), SERIAL));
    assertEquals("the MFA process sleep did not finish within 1 seconds: run it by hand to see"
        + " why", stuck.getMessage());
    AwsmfaException failed = assertThrows(AwsmfaException.class,
        () -> codes.resolve(Optional.empty(), Optional.of("sh -c 'exit 3' JBSWY3DPEHPK3PXP"),
            SERIAL));
    assertEquals("the MFA process sh failed with exit status 3: run it by hand to see why",
        failed.getMessage());
  }

}
