package dev.reservations.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found by a hostile probe: an {@code OutOfMemoryError} inside {@code reserve} (in {@code
 * SidTable.rehash} after the key count was bumped, or in {@code KeyIndex.grow}, which left a null
 * page) left the engine inconsistent for good, in 5 of 5 runs with {@code -Xmx300m} and a heap kept
 * nearly full: every later {@code accept} committed and then threw, {@code size()} disagreed with
 * the counts. Now {@code reserve} grows every structure before it changes any, and a failure
 * halfway through any other change makes every later call an {@code IllegalStateException}. Five
 * child JVMs with a 64 MB heap run one round each.
 */
class OutOfMemoryInReserveTest {
  @Test
  void reserve_outOfMemory_engineStaysConsistentOrRefusesEveryCall(@TempDir Path dir)
      throws IOException, InterruptedException {
    int inEngine = 0;
    List<String> report = new ArrayList<>();
    for (int round = 1; round <= 5; round++) {
      List<String> lines = probe(dir, round);
      report.addAll(lines);
      String last = lines.get(lines.size() - 1);
      assertTrue(last.startsWith("1 of 1 rounds consistent or refused"), String.join("\n", lines));
      if (last.endsWith(" 1 failed inside the engine")) {
        inEngine++;
      }
    }
    assertTrue(
        inEngine >= 3,
        "fewer than 3 of 5 rounds failed inside the engine, so too little "
            + "was proved: "
            + report);
  }

  private static List<String> probe(Path dir, int round) throws IOException, InterruptedException {
    Path out = dir.resolve("probe-" + round + ".out");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.reservations.engine.OutOfMemoryProbe",
                String.valueOf(round),
                String.valueOf(round))
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    boolean done = child.waitFor(60, TimeUnit.SECONDS);
    if (!done) {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertTrue(done, "probe round " + round + " did not finish in 60 s: " + lines);
    assertEquals(0, child.exitValue(), String.join("\n", lines));
    return lines;
  }
}
