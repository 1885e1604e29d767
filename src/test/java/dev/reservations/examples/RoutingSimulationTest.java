package dev.reservations.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reservations.core.ReservationStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RoutingSimulationTest {
  @Test
  void run_smallScenario_everyTaskCompletedAndEveryPathTaken() {
    RoutingSimulation.Summary s = RoutingSimulation.run(400, 40, 7);
    assertEquals(400, s.completed());
    assertEquals(400, (int) s.counts().get(ReservationStatus.COMPLETED));
    assertEquals(0, (int) s.counts().get(ReservationStatus.PENDING));
    assertEquals(0, (int) s.counts().get(ReservationStatus.ACCEPTED));
    assertTrue(s.counts().get(ReservationStatus.REJECTED) > 0);
    assertTrue(s.counts().get(ReservationStatus.TIMEOUT) > 0);
    assertTrue(s.counts().get(ReservationStatus.RESCINDED) > 0);
    assertTrue(s.meanWaitSeconds() > 0);
    assertTrue(!s.samplePage().items().isEmpty());
  }

  @Test
  void run_sameSeed_sameRun() {
    RoutingSimulation.Summary a = RoutingSimulation.run(300, 30, 11);
    RoutingSimulation.Summary b = RoutingSimulation.run(300, 30, 11);
    assertEquals(a, b);
  }

  @Test
  void print_namesEveryFigure() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RoutingSimulation.print(
        RoutingSimulation.run(100, 20, 3),
        Duration.ofMillis(5),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    for (String expected :
        new String[] {
          "routing simulation: 100 tasks, 20 workers",
          "throughput",
          "mean wait before acceptance",
          "completed",
          "rescinded",
          "busiest task's reservations, first page: /v1/Workspaces/"
        }) {
      assertTrue(out.contains(expected), expected + " missing from:\n" + out);
    }
  }
}
