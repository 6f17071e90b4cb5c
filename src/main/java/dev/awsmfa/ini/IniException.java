package dev.awsmfa.ini;

/** An edit that cannot be made without breaking the file; names the line it is about. */
public final class IniException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int line;

  IniException(int line, String message) {
    super(message);
    this.line = line;
  }

  /** The line number the problem is on, counting from 1. */
  public int line() {
    return line;
  }
}
