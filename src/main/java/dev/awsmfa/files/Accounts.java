package dev.awsmfa.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * The local user and group databases, {@code /etc/passwd} and {@code /etc/group}, read only to
 * answer one question: whether a group is a user's private group. Debian and Ubuntu give every
 * user a group of their own and a umask of 002, so a group-writable {@code ~/.aws} there is
 * writable by its owner alone.
 */
final class Accounts {
  private final FileSystem fs;

  Accounts(FileSystem fs) {
    this.fs = fs;
  }

  /**
   * Whether {@code owner} is the one and only member of {@code group}, counting both the users
   * whose primary group it is and its listed members, as Debian's OpenSSH decides whether a
   * group-writable file is safe. A group that these files do not list (one from LDAP, say) is
   * not known to be private.
   */
  boolean isPrivateGroup(String group, String owner) {
    List<String> groups = lines("/etc/group");
    String gid = null;
    for (String line : groups) {
      String[] fields = line.split(":", -1);
      if (fields.length >= 4 && fields[0].equals(group)) {
        gid = fields[2];
        for (String member : fields[3].split(",")) {
          if (!member.isBlank() && !member.strip().equals(owner)) {
            return false;
          }
        }
      }
    }
    if (gid == null) {
      return false;
    }
    boolean ownerIsMember = false;
    for (String line : lines("/etc/passwd")) {
      String[] fields = line.split(":", -1);
      if (fields.length >= 4 && fields[3].equals(gid)) {
        if (!fields[0].equals(owner)) {
          return false;
        }
        ownerIsMember = true;
      }
    }
    return ownerIsMember || groupLists(groups, group, owner);
  }

  private static boolean groupLists(List<String> groups, String group, String owner) {
    for (String line : groups) {
      String[] fields = line.split(":", -1);
      if (fields.length >= 4 && fields[0].equals(group)
          && List.of(fields[3].split(",")).contains(owner)) {
        return true;
      }
    }
    return false;
  }

  private List<String> lines(String file) {
    try {
      return Files.readAllLines(fs.getPath(file), StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException | RuntimeException e) {
      return List.of(); // unreadable: nothing is known to be private
    }
  }
}
