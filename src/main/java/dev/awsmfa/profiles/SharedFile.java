package dev.awsmfa.profiles;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.files.AtomicFile;
import dev.awsmfa.files.AwsPaths;
import dev.awsmfa.files.BoundedFiles;
import dev.awsmfa.files.LockFile;
import dev.awsmfa.files.PathTrust;
import dev.awsmfa.files.Reasons;
import dev.awsmfa.ini.IniDocument;
import dev.awsmfa.ini.IniException;
import dev.awsmfa.ini.IniProblem;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One of the AWS shared files as read from disk: where it is, how to name it to the user, its
 * bytes (none if it does not exist yet) and their parse.
 *
 * @param display the path as shown in messages, with {@code ~} for the home directory
 * @param file the file, with symbolic links followed
 * @param original the bytes read, or empty if the file does not exist
 * @param document the parse of those bytes
 */
public record SharedFile(
    String display, AtomicFile file, Optional<byte[]> original, IniDocument document) {

  /** Reads the shared credentials file. */
  public static SharedFile credentials(AwsPaths paths) {
    return load(paths.credentials(), paths.display(paths.credentials()));
  }

  /** Reads the shared config file. */
  public static SharedFile config(AwsPaths paths) {
    return load(paths.config(), paths.display(paths.config()));
  }

  /**
   * Reads and parses the file at {@code path}.
   *
   * @throws AwsmfaException if it exists but cannot be read, or is not a regular file
   */
  public static SharedFile load(Path path, String display) {
    try {
      AtomicFile file = AtomicFile.at(path);
      Optional<byte[]> bytes = file.read();
      return new SharedFile(
          display, file, bytes, IniDocument.parse(bytes.orElse(new byte[0])));
    } catch (BoundedFiles.FileTooLargeException e) {
      throw new AwsmfaException(ExitCode.FILE, display + " is " + e.getReason() + ", and"
          + " 10,000 profiles take about 1 MiB: check what filled it, then run awsmfa again", e);
    } catch (IOException e) {
      throw new AwsmfaException(ExitCode.FILE,
          "cannot read " + display + " (" + Reasons.of(e) + "): fix the file or its permissions",
          e);
    }
  }

  /** Whether {@code content} differs from what was read. */
  public boolean changedBy(byte[] content) {
    return !Arrays.equals(original.orElse(null), content);
  }

  /** Whether the file on disk is still exactly what was read. */
  public boolean unchangedOnDisk() throws IOException {
    return Arrays.equals(original.orElse(null), file.read().orElse(null));
  }

  /**
   * A warning, as the AWS CLI v2 gives, if this file of secrets is readable by other users.
   * Nothing is changed: the mode may be deliberate.
   */
  public Optional<String> exposure() {
    try {
      return file.permissions()
          .filter(p -> p.contains(PosixFilePermission.GROUP_READ)
              || p.contains(PosixFilePermission.OTHERS_READ))
          .map(p -> display + " is readable by other users (mode " + PathTrust.octal(p)
              + "): run 'chmod 600 " + display + "' unless that is deliberate");
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * A warning for each of the first problems that make the AWS CLI refuse this file, and one
   * that counts the rest: a file of a million broken lines gets a few lines, not a million.
   */
  public List<String> warnings() {
    List<String> warnings = new ArrayList<>();
    for (IniProblem problem : document.problems()) {
      warnings.add(describe(problem));
    }
    int more = document.problemCount() - document.problems().size();
    if (more > 0) {
      warnings.add(display + " has " + more + " more such line" + (more == 1 ? "" : "s"));
    }
    return warnings;
  }

  /** Names the file and line of a problem; the AWS CLI stops reading at the first. */
  String describe(IniProblem problem) {
    return display + " line " + problem.line() + " " + problem.message()
        + ", so the AWS CLI cannot read this file until it is fixed";
  }

  /**
   * Checks that the file, and the lock file beside it, can be written: before a code is spent or
   * anything changes in AWS.
   *
   * @throws AwsmfaException if either cannot
   */
  public void requireWritable() {
    if (!file.canWrite()) {
      throw new AwsmfaException(ExitCode.FILE, "cannot write " + display
          + ": it or its directory is not writable; fix the permissions, then run awsmfa again");
    }
    boolean lockable;
    try {
      lockable = LockFile.canOpen(file.target());
    } catch (IOException e) {
      lockable = false;
    }
    if (!lockable) {
      throw new AwsmfaException(ExitCode.FILE, "cannot write the lock file beside " + display
          + " (" + LockFile.pathFor(file.target()).getFileName()
          + "): fix its permissions, then run awsmfa again");
    }
  }

  /** The failure for an edit that would break the file. */
  AwsmfaException refuse(IniException e) {
    return new AwsmfaException(ExitCode.FILE, display + " line " + e.line() + " " + e.getMessage(),
        e);
  }
}
