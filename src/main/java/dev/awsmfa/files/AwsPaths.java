package dev.awsmfa.files;

import java.nio.file.FileSystem;
import java.nio.file.InvalidPathException;
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
    String homeVariable = isSet(env.get("HOME")) ? "HOME"
        : isSet(env.get("USERPROFILE")) ? "USERPROFILE" : null;
    String homeText = homeVariable != null ? env.get(homeVariable) : javaUserHome;
    if (!isSet(homeText)) {
      throw new UnusablePathException("HOME", "", "is not set");
    }
    Path home = named(fs, homeVariable != null ? homeVariable : "user.home", homeText, homeText);
    return new AwsPaths(
        path(fs, home, "AWS_SHARED_CREDENTIALS_FILE", env, "credentials"),
        path(fs, home, "AWS_CONFIG_FILE", env, "config"),
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

  private static Path path(FileSystem fs, Path home, String variable, Map<String, String> env,
      String name) {
    String override = env.get(variable);
    if (!isSet(override)) {
      return home.resolve(".aws").resolve(name);
    }
    if (override.equals("~")) {
      return home;
    }
    if (override.startsWith("~/") || override.startsWith("~" + fs.getSeparator())) {
      return named(fs, variable, override, home.toString(), override.substring(2));
    }
    return named(fs, variable, override, override);
  }

  /** {@code first} and {@code more} as a path of {@code fs}, or the variable's fault. */
  private static Path named(FileSystem fs, String variable, String value, String first,
      String... more) {
    try {
      return fs.getPath(first, more);
    } catch (InvalidPathException e) {
      throw new UnusablePathException(variable, value, "cannot be a path here ("
          + e.getReason() + ")");
    }
  }

  private static boolean isSet(String value) {
    return value != null && !value.isEmpty();
  }

  /**
   * A variable that names no usable path: unset, or with characters that this system cannot put
   * in a file name, as a non-ASCII home directory under the C locale, where Java names files in
   * ASCII.
   */
  public static final class UnusablePathException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String variable;
    private final String value;
    private final String problem;

    UnusablePathException(String variable, String value, String problem) {
      super(variable + " " + problem);
      this.variable = variable;
      this.value = value;
      this.problem = problem;
    }

    /** What is wrong with it: "is not set", "cannot be a path here (...)". */
    public String problem() {
      return problem;
    }

    /** The environment variable, or {@code user.home}. */
    public String variable() {
      return variable;
    }

    /** Its value, possibly empty. */
    public String value() {
      return value;
    }
  }
}
