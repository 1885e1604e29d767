package dev.reservations.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The code blocks of the README's section "Use it as a TaskRouter fake in your tests" are the code
 * of the tests that run them: each block follows a line naming its file in backticks, and must
 * appear in that file verbatim.
 */
class ReadmeExamplesTest {
  private static final String SECTION = "## Use it as a TaskRouter fake in your tests";
  private static final Pattern BLOCK =
      Pattern.compile("`(src/test/[^`]+)`[^\\n]*\\n+```[a-z]+\\n(.*?)\\n```", Pattern.DOTALL);

  @Test
  void fakeSection_everyBlockIsTheCodeOfItsTest() throws IOException {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf(SECTION);
    assertTrue(start >= 0, "README has no section " + SECTION);
    int end = readme.indexOf("\n## ", start + SECTION.length());
    String section = readme.substring(start, end < 0 ? readme.length() : end);

    List<String> files = new ArrayList<>();
    Matcher m = BLOCK.matcher(section);
    while (m.find()) {
      String file = m.group(1);
      String code = Files.readString(Path.of(file), StandardCharsets.UTF_8);
      assertTrue(
          code.contains(m.group(2) + "\n"),
          "the README's block for " + file + " is not the file's code");
      files.add(file);
    }
    assertEquals(
        List.of(
            "src/test/java/dev/reservations/examples/TwilioFakeTest.java",
            "src/test/node/loopback.mjs",
            "src/test/node/example.test.mjs"),
        files);
  }
}
