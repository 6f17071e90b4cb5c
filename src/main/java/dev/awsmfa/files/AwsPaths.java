package dev.awsmfa.files;

import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the shared credentials and config files are, found the way the AWS CLI and the Java SDK
 * find them.
 *
 * @param credentials {@code $AWS_SHARED_CREDENTIALS_FILE}, else {@code ~/.aws/credentials}
 * @param config {@code $AWS_CONFIG_FILE}, else {@code ~/.aws/config}
 * @param home the directory that {@code ~} stands for
 */
public record AwsPaths(Path credentials, Path config, Path home) {

  /**
   * Resolves both paths. {@code ~} is {@code $HOME}, then {@code %USERPROFILE%}, and only then
   * Java's {@code user.home}, which comes from the password database and so can name another
   * user's directory under sudo or in a container.
   */
  public static AwsPaths resolve(FileSystem fs, Map<String, String> env, String javaUserHome) {
    Path home = fs.getPath(firstSet(env.get("HOME"), env.get("USERPROFILE"), javaUserHome));
    return new AwsPaths(
        path(fs, home, env.get("AWS_SHARED_CREDENTIALS_FILE"), "credentials"),
        path(fs, home, env.get("AWS_CONFIG_FILE"), "config"),
        home);
  }

  /** How to name {@code path} in a message: with {@code ~} for the home directory. */
  public String display(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path base = home.toAbsolutePath().normalize();
    if (absolute.startsWith(base) && !absolute.equals(base)) {
      return "~" + path.getFileSystem().getSeparator() + base.relativize(absolute);
    }
    return path.toString();
  }

  private static Path path(FileSystem fs, Path home, String override, String name) {
    if (override == null || override.isEmpty()) {
      return home.resolve(".aws").resolve(name);
    }
    if (override.equals("~")) {
      return home;
    }
    if (override.startsWith("~/") || override.startsWith("~" + fs.getSeparator())) {
      return home.resolve(override.substring(2));
    }
    return fs.getPath(override);
  }

  private static String firstSet(String... values) {
    for (String value : values) {
      if (value != null && !value.isEmpty()) {
        return value;
      }
    }
    throw new IllegalStateException("no home directory: set HOME");
  }
}
