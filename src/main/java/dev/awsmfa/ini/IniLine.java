package dev.awsmfa.ini;

/**
 * One physical line of an INI file exactly as it was read, and what botocore makes of it.
 *
 * <p>{@code text} holds the line's bytes as ISO-8859-1 characters, without its line ending, so
 * that every byte round-trips. {@code eol} is the ending that followed it: {@code "\n"}, {@code
 * "\r\n"}, {@code "\r"}, or empty for a last line without one.
 *
 * @param number the line number, counting from 1
 * @param text the line without its ending
 * @param eol the line ending as it stands in the file
 * @param kind what the line is
 * @param name the section name for a header, the lower-cased key for a key line, else empty
 * @param value the stripped value of a key or continuation line, else empty
 * @param valueStart where the value starts in {@code text}
 * @param valueEnd where the value ends in {@code text}
 * @param owner for a continuation line, the index of the key line it continues, else -1
 */
public record IniLine(
    int number,
    String text,
    String eol,
    Kind kind,
    String name,
    String value,
    int valueStart,
    int valueEnd,
    int owner) {

  /** What a line is to botocore's parser. */
  public enum Kind {
    BLANK,
    COMMENT,
    SECTION,
    KEY,
    CONTINUATION,
    /** A line that makes botocore reject the whole file. */
    INVALID
  }

  /** Names the line without its text, which may hold a secret. */
  @Override
  public String toString() {
    return "IniLine[" + number + ", " + kind + (name.isEmpty() ? "" : ", " + name) + "]";
  }

  static IniLine plain(int number, String text, String eol, Kind kind) {
    return new IniLine(number, text, eol, kind, "", "", 0, 0, -1);
  }
}
