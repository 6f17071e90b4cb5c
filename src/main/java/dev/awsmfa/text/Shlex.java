package dev.awsmfa.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits words the way Python's {@code shlex.split} does in POSIX mode, which is how botocore
 * reads a config section name such as {@code profile "my team"}.
 */
public final class Shlex {
  private Shlex() {}

  /** The words of {@code s}, or empty where Python raises (an open quote, a trailing escape). */
  public static Optional<List<String>> split(String s) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'' || c == '"') {
        int close = c == '\'' ? s.indexOf('\'', i + 1) : closingDoubleQuote(s, i + 1);
        if (close < 0) {
          return Optional.empty();
        }
        String quoted = s.substring(i + 1, close);
        word.append(c == '"' ? quoted.replaceAll("\\\\([\"\\\\])", "$1") : quoted);
        inWord = true;
        i = close;
      } else if (c == '\\') {
        if (i + 1 == s.length()) {
          return Optional.empty();
        }
        word.append(s.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return Optional.of(words);
  }

  private static int closingDoubleQuote(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      if (s.charAt(i) == '\\') {
        i++;
      } else if (s.charAt(i) == '"') {
        return i;
      }
    }
    return -1;
  }
}
