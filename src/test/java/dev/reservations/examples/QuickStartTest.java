package dev.reservations.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.engine.ReservationEngine;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's quick start, compiled and run. The lines between the markers in {@link
 * #quickStart_runsAsWritten()} must equal the README's quick-start block line for line (once their
 * common indentation is removed), so the README cannot drift from code that compiles.
 */
class QuickStartTest {
  private static final String BEGIN = "// --- README quick start: begin ---";
  private static final String END = "// --- README quick start: end ---";
  private static final Path README = Path.of("README.md");
  private static final Path SOURCE =
      Path.of("src/test/java/dev/reservations/examples/QuickStartTest.java");

  @Test
  void quickStart_runsAsWritten() {
    // --- README quick start: begin ---
    ReservationEngine engine = ReservationEngine.builder().seed(42).build();
    WorkspaceSid ws = WorkspaceSid.parse("WSaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    TaskSid task = TaskSid.parse("WTaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    WorkerSid alice = WorkerSid.parse("WKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    WorkerSid bob = WorkerSid.parse("WKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");

    Reservation a = engine.reserve(ws, task, alice, "Alice");
    Reservation b = engine.reserve(ws, task, bob, "Bob");
    engine.accept(a.sid()); // b is rescinded
    engine.complete(a.sid());

    ReservationQuery query = ReservationQuery.forTask(ws, task).withPageSize(20);
    Page<Reservation> page = engine.list(query.withStatus(ReservationStatus.RESCINDED));
    System.out.println(page.query().toUri() + " -> " + page.items());
    // --- README quick start: end ---
    assertEquals(List.of(b.sid()), page.items().stream().map(Reservation::sid).toList());
    assertEquals(ReservationStatus.COMPLETED, engine.get(a.sid()).status());
  }

  @Test
  void readme_quickStartBlock_equalsTheCodeThisTestRuns() throws IOException {
    List<String> readme = readmeBlock(Files.readAllLines(README));
    List<String> code = markedLines(Files.readAllLines(SOURCE));
    assertTrue(readme.size() >= 10, "the README's quick start looks truncated: " + readme);
    assertEquals(
        String.join("\n", code),
        String.join("\n", readme),
        "README.md's quick start must equal the lines between the markers of " + SOURCE);
  }

  /** The fenced {@code java} block that follows the README's "## Quick start" heading. */
  private static List<String> readmeBlock(List<String> lines) {
    int heading = lines.indexOf("## Quick start");
    assertTrue(heading >= 0, "README.md has no \"## Quick start\" heading");
    int open = heading + 1;
    while (open < lines.size() && lines.get(open).isBlank()) {
      open++;
    }
    assertEquals(
        "```java",
        open < lines.size() ? lines.get(open) : "(end of file)",
        "the quick start heading must be followed by a java code block");
    int close = lines.subList(open + 1, lines.size()).indexOf("```");
    assertTrue(close >= 0, "the quick start's code block is not closed");
    return lines.subList(open + 1, open + 1 + close);
  }

  /** The lines between the markers, without their common indentation. */
  private static List<String> markedLines(List<String> lines) {
    int begin = -1;
    int end = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).trim().equals(BEGIN)) {
        begin = i;
      } else if (lines.get(i).trim().equals(END)) {
        end = i;
      }
    }
    assertTrue(begin >= 0 && end > begin, "the markers are missing from " + SOURCE);
    List<String> marked = lines.subList(begin + 1, end);
    int indent = Integer.MAX_VALUE;
    for (String line : marked) {
      if (!line.isBlank()) {
        indent = Math.min(indent, line.length() - line.stripLeading().length());
      }
    }
    List<String> out = new ArrayList<>();
    for (String line : marked) {
      out.add(line.isBlank() ? "" : line.substring(indent));
    }
    return out;
  }
}
