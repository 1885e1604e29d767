package dev.reservations.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.reservations.core.Reservation;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Engine page → JSON → readPage gives the same page, but for what the wire does not carry: the
 * version (read as 0) and sub-second time (written truncated).
 */
class TaskRouterJsonRoundTripTest {
  private static final TaskRouterJson JSON = TaskRouterJson.create();

  static LongStream seeds() {
    return LongStream.range(1, 21);
  }

  private static Reservation onTheWire(Reservation r) {
    return new Reservation(
        r.sid(),
        r.accountSid(),
        r.workspaceSid(),
        r.taskSid(),
        r.workerSid(),
        r.workerName(),
        r.status(),
        r.dateCreated().truncatedTo(ChronoUnit.SECONDS),
        r.dateUpdated().truncatedTo(ChronoUnit.SECONDS),
        0);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void readPage_ofWrittenEnginePages_givesTheSamePages(long seed) {
    EngineFixture fixture = new EngineFixture(seed, 400);
    int pages = 0;
    for (int q = 0; q < 40; q++) {
      Optional<ReservationQuery> next = Optional.of(fixture.randomQuery());
      while (next.isPresent()) {
        Page<Reservation> page = fixture.engine.list(next.get());
        String json = JSON.writePage(page);
        Page<Reservation> read = JSON.readPage(json);
        assertEquals(page.query(), read.query(), "seed " + seed);
        assertEquals(page.nextPage(), read.nextPage(), "seed " + seed);
        assertEquals(page.previousPage(), read.previousPage(), "seed " + seed);
        List<Reservation> expected =
            page.items().stream().map(TaskRouterJsonRoundTripTest::onTheWire).toList();
        assertEquals(expected, read.items(), "seed " + seed);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JSON.writePage(page, bytes);
        assertEquals(read, JSON.readPage(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(json, JSON.writePage(read), "seed " + seed);
        for (Reservation r : page.items()) {
          assertEquals(onTheWire(r), JSON.readReservation(JSON.writeTaskReservation(r)));
          assertEquals(onTheWire(r), JSON.readReservation(JSON.writeWorkerReservation(r)));
        }
        next = page.nextPage();
        pages++;
      }
    }
    assertEquals(true, pages >= 40);
  }
}
