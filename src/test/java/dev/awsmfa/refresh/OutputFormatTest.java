package dev.awsmfa.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.awsmfa.text.JsonText;
import org.junit.jupiter.api.Test;

class OutputFormatTest {
  @Test
  void quotesWhatItPrintsForEvalAndJson() {
    assertEquals("'a'\\''b'", OutputFormat.sh("a'b"));
    assertEquals("\"a\\\"b\\\\c\"", JsonText.quote("a\"b\\c"));
  }
}
