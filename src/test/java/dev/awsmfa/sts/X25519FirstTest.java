package dev.awsmfa.sts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * Which sockets offer X25519 alone. On JDK 17 to 19 none can; the whole path, a refused
 * handshake included, is run on JDK 25 by LauncherIT.
 */
class X25519FirstTest {
  @Test
  void narrowsTheFirstSocketOnlyWhereTheJdkCan() throws Exception {
    X25519First factory = X25519First.wrap(SSLContext.getDefault().getSocketFactory(), false);
    try (Socket first = factory.createSocket(); Socket second = factory.createSocket()) {
      if (X25519First.possible()) {
        assertArrayEquals(new String[] {"x25519"}, groups(first));
        assertTrue(groups(second).length > 1, "every later socket offers every group");
        assertFalse(factory.onlyNarrowed(), "a second socket: its failure is not X25519's");
      } else {
        assertFalse(factory.onlyNarrowed(), "JDK " + Runtime.version().feature());
      }
    }
  }

  @Test
  void neverNarrowsForFips() throws Exception {
    X25519First factory = X25519First.wrap(SSLContext.getDefault().getSocketFactory(), true);
    try (Socket first = factory.createSocket()) {
      assertFalse(factory.onlyNarrowed());
      if (X25519First.possible()) {
        assertTrue(groups(first).length > 1);
      }
    }
  }

  @Test
  void aLoneNarrowedSocketMayBeRetried() throws Exception {
    X25519First factory = X25519First.wrap(SSLContext.getDefault().getSocketFactory(), false);
    try (Socket only = factory.createSocket()) {
      assertEquals(X25519First.possible(), factory.onlyNarrowed());
    }
  }

  @Test
  void isPossibleFromJdk20UnlessTheUserChoseTheGroups() {
    boolean api = Runtime.version().feature() >= 20;
    assertEquals(api && System.getProperty("jdk.tls.namedGroups") == null,
        X25519First.possible());
  }

  private static String[] groups(Socket socket) throws Exception {
    SSLParameters parameters = ((SSLSocket) socket).getSSLParameters();
    Method getter = SSLParameters.class.getMethod("getNamedGroups");
    return (String[]) getter.invoke(parameters);
  }
}
