package dev.awsmfa.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OutputFormatTest {
  @Test
  void quotesWhatItPrintsForEval() {
    assertEquals("'a'\\''b'", OutputFormat.sh("a'b"));
  }
}
