package dev.awsmfa.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.nio.file.FileSystem;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsPathsTest {
  private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());

  @Test
  void homeIsHomeThenUserProfileThenJavaUserHome() {
    assertEquals("/h/.aws/credentials", AwsPaths.resolve(fs,
        Map.of("HOME", "/h", "USERPROFILE", "/u"), "/j").credentials().toString());
    assertEquals("/u/.aws/config", AwsPaths.resolve(fs,
        Map.of("HOME", "", "USERPROFILE", "/u"), "/j").config().toString());
    assertEquals("/j/.aws/config", AwsPaths.resolve(fs, Map.of(), "/j").config().toString());
  }

  @Test
  void variablesOverrideTheDefaultsAndExpandTilde() {
    AwsPaths paths = AwsPaths.resolve(fs, Map.of("HOME", "/h",
        "AWS_SHARED_CREDENTIALS_FILE", "~/keys/creds", "AWS_CONFIG_FILE", "/etc/aws/config"),
        "/j");
    assertEquals("/h/keys/creds", paths.credentials().toString());
    assertEquals("/etc/aws/config", paths.config().toString());
  }

  @Test
  void displaysPathsUnderHomeWithTilde() {
    AwsPaths paths = AwsPaths.resolve(fs, Map.of("HOME", "/h"), "/j");
    assertEquals("~/.aws/credentials", paths.display(paths.credentials()));
    assertEquals("/elsewhere/x", paths.display(fs.getPath("/elsewhere/x")));
    assertEquals("/hx/y", paths.display(fs.getPath("/hx/y")));
  }
}
