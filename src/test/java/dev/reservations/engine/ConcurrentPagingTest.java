package dev.reservations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationException;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A reader walks {@code nextPage()} while writers insert and transition: every reservation that
 * matched for the whole walk is seen exactly once, and nothing is seen twice.
 */
class ConcurrentPagingTest {
  private final ReservationEngine engine = ReservationEngine.builder().seed(21).build();

  @Test
  void nextPageWalk_underConcurrentWrites_seesStableMatchesExactlyOnce() throws Exception {
    for (int i = 0; i < 300; i++) {
      engine.reserve(Fixtures.WS, Fixtures.task(i), Fixtures.worker(0), "w");
    }
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      int base = 1000 + 100_000 * t;
      SplittableRandom random = new SplittableRandom(t);
      Thread writer =
          new Thread(
              () -> {
                int n = 0;
                while (!stop.get() && n < 1500) {
                  try {
                    Reservation r =
                        engine.reserve(
                            Fixtures.WS, Fixtures.task(base + n++), Fixtures.worker(0), "w");
                    List<Reservation> pending =
                        engine
                            .list(
                                ReservationQuery.forWorker(Fixtures.WS, Fixtures.worker(0))
                                    .withStatus(ReservationStatus.PENDING)
                                    .withPageSize(50))
                            .items();
                    ReservationSid victim = pending.get(random.nextInt(pending.size())).sid();
                    if (random.nextBoolean()) {
                      engine.accept(victim);
                    } else {
                      engine.reject(r.sid());
                    }
                  } catch (ReservationException e) {
                    // lost a race with the other writer; fine
                  }
                }
              });
      writers.add(writer);
      writer.start();
    }
    try {
      for (int walk = 0; walk < 12; walk++) {
        for (ReservationStatus filter : new ReservationStatus[] {null, ReservationStatus.PENDING}) {
          ReservationQuery list =
              ReservationQuery.forWorker(Fixtures.WS, Fixtures.worker(0))
                  .withPageSize(1 + walk % 7);
          if (filter != null) {
            list = list.withStatus(filter);
          }
          Set<ReservationSid> before = all(list);
          List<ReservationSid> seen = new ArrayList<>();
          Optional<ReservationQuery> next = Optional.of(list);
          while (next.isPresent()) {
            Page<Reservation> page = engine.list(next.get());
            page.items().forEach(r -> seen.add(r.sid()));
            next = page.nextPage();
          }
          Set<ReservationSid> after = all(list);
          Set<ReservationSid> stable = new HashSet<>(before);
          stable.retainAll(after);
          assertEquals(seen.size(), new HashSet<>(seen).size(), "a reservation seen twice");
          assertTrue(seen.containsAll(stable), "a stable match was missed");
        }
      }
    } finally {
      stop.set(true);
      for (Thread writer : writers) {
        writer.join();
      }
    }
  }

  private Set<ReservationSid> all(ReservationQuery list) {
    Set<ReservationSid> out = new HashSet<>();
    Optional<ReservationQuery> next = Optional.of(list.withPageSize(1000));
    while (next.isPresent()) {
      Page<Reservation> page = engine.list(next.get());
      page.items().forEach(r -> out.add(r.sid()));
      next = page.nextPage();
    }
    return out;
  }
}
