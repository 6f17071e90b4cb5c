package dev.awsmfa.ini;

/**
 * A section of an {@link IniDocument}: its header line and the lines up to the next header.
 *
 * @param name the name between the brackets, as botocore reads it
 * @param header the index of the header line in {@link IniDocument#lines()}
 * @param end the index just past the section's last line
 */
public record IniSection(String name, int header, int end) {

  /** The 1-based line number of the header. */
  public int lineNumber() {
    return header + 1;
  }
}
