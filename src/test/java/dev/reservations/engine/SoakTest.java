package dev.reservations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationEvent;
import dev.reservations.core.ReservationException;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Random operations from several threads for {@code -Dsoak.seconds} (5 in CI), then: the invariants
 * hold, the event stream (delivered under the engine's lock, so in commit order) replayed into
 * {@link ReferenceModel} reproduces every event and every reservation, and each reservation's
 * events carry versions 0, 1, 2… with nothing lost, doubled or reordered.
 */
class SoakTest {
  private static final Instant START = Instant.parse("2024-03-01T09:00:00Z");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** Keeps the naive model's replay (quadratic) within seconds; operations go on after it. */
  private static final int MAX_RESERVATIONS = 3_000;

  private final SteppingClock clock = new SteppingClock(START);
  private final List<ReservationEvent> events = new ArrayList<>();
  private final ReservationEngine engine =
      ReservationEngine.builder()
          .seed(77)
          .clock(clock)
          .reservationTimeout(TIMEOUT)
          .listener(events::add)
          .build();
  private final List<ReservationSid> sids = new ArrayList<>();
  private final AtomicInteger taskBase = new AtomicInteger();
  private final LongAdder operations = new LongAdder();
  private final LongAdder refusals = new LongAdder();

  @Test
  void randomOperationsFromAllCores_replayToTheSameState() throws Exception {
    long seconds = Long.getLong("soak.seconds", 5);
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long seed = 0x50a4L + t;
        done.add(pool.submit(() -> run(new SplittableRandom(seed), deadline)));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    engine.expireDue();
    System.out.printf(
        "soak: %d operations (%d refused) on %d threads in %d s, %d reservations," + " %d events%n",
        operations.sum(), refusals.sum(), threads, seconds, engine.size(), events.size());

    EngineInvariants.check(engine);
    assertTrue(operations.sum() > 1000, "too few operations: " + operations.sum());
    checkVersionsPerReservation();
    replayIntoModel();
  }

  private void run(SplittableRandom random, long deadline) {
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < 64; i++) {
        try {
          step(random);
        } catch (ReservationException | IllegalArgumentException e) {
          refusals.increment();
        }
        operations.increment();
      }
    }
  }

  private void step(SplittableRandom random) {
    int p = random.nextInt(100);
    if (p < 30) {
      if (engine.size() >= MAX_RESERVATIONS) {
        return;
      }
      if (random.nextInt(8) == 0) {
        taskBase.incrementAndGet();
      }
      int task = taskBase.get() + random.nextInt(6);
      int worker = random.nextInt(8);
      Reservation r =
          engine.reserve(Fixtures.WS, Fixtures.task(task), Fixtures.worker(worker), "w" + worker);
      synchronized (sids) {
        sids.add(r.sid());
      }
      return;
    }
    if (p < 33) {
      clock.advance(Duration.ofMillis(random.nextInt(3000)));
      return;
    }
    if (p < 35) {
      engine.cancelTask(Fixtures.task(taskBase.get() + random.nextInt(6)));
      return;
    }
    if (p < 37) {
      engine.expireDue();
      return;
    }
    ReservationSid sid = pick(random);
    if (sid == null) {
      return;
    }
    if (p < 47) {
      engine.accept(sid);
    } else if (p < 52) {
      engine.reject(sid);
    } else if (p < 57) {
      engine.wrap(sid);
    } else if (p < 63) {
      engine.complete(sid);
    } else if (p < 65) {
      engine.timeout(sid);
    } else if (p < 72) {
      Reservation seen = engine.get(sid);
      ReservationStatus[] targets = {
        ReservationStatus.ACCEPTED,
        ReservationStatus.REJECTED,
        ReservationStatus.WRAPPING,
        ReservationStatus.COMPLETED
      };
      engine.update(sid, targets[random.nextInt(targets.length)], seen.version());
    } else if (p < 80) {
      engine.find(sid);
    } else {
      Reservation r = engine.get(sid);
      ReservationQuery query =
          random.nextBoolean()
              ? ReservationQuery.forTask(r.workspaceSid(), r.taskSid())
              : ReservationQuery.forWorker(r.workspaceSid(), r.workerSid());
      if (random.nextBoolean()) {
        query = query.withStatus(ReservationStatus.values()[random.nextInt(8)]);
      }
      Optional<ReservationQuery> next = Optional.of(query.withPageSize(1 + random.nextInt(4)));
      while (next.isPresent()) {
        Page<Reservation> page = engine.list(next.get());
        next = page.nextPage();
        operations.increment();
      }
    }
  }

  private ReservationSid pick(SplittableRandom random) {
    synchronized (sids) {
      if (sids.isEmpty()) {
        return null;
      }
      int n = sids.size();
      return sids.get(
          random.nextInt(4) == 0 ? random.nextInt(n) : n - 1 - random.nextInt(Math.min(n, 40)));
    }
  }

  private void checkVersionsPerReservation() {
    Map<ReservationSid, Reservation> last = new HashMap<>();
    for (ReservationEvent event : events) {
      Reservation r = event.reservation();
      Reservation before = last.put(r.sid(), r);
      if (before == null) {
        assertEquals(ReservationEvent.Type.CREATED, event.type(), event::toString);
        assertEquals(0, r.version(), event::toString);
      } else {
        assertEquals(before.version() + 1, r.version(), event::toString);
        assertEquals(before.status(), event.previousStatus(), event::toString);
        assertTrue(!r.dateUpdated().isBefore(before.dateUpdated()), event::toString);
      }
      assertEquals(ReservationEvent.Type.entering(r.status()), event.type(), event::toString);
    }
    assertEquals(engine.size(), last.size());
    assertEquals(sids.size(), last.size());
    for (Reservation r : last.values()) {
      assertEquals(r, engine.get(r.sid()));
    }
  }

  /** Replays each event's cause into the model; the model must raise the same events. */
  private void replayIntoModel() {
    ReferenceModel model = new ReferenceModel(engine.accountSid(), TIMEOUT);
    for (int i = 0; i < events.size(); i++) {
      ReservationEvent event = events.get(i);
      Reservation r = event.reservation();
      model.observe(event.at());
      model.expire();
      if (model.events.size() == i) {
        switch (event.type()) {
          case CREATED:
            model.reserve(
                r.sid(), r.workspaceSid(), r.taskSid(), r.workerSid(), r.workerName(), null);
            break;
          case CANCELED:
            model.cancel(r.taskSid());
            break;
          default:
            model.transition(r.sid(), r.status(), false, -1);
        }
      }
      assertTrue(model.events.size() > i, () -> "model raised nothing for " + event);
      assertEquals(model.events.get(i), event, "event " + i);
    }
    assertEquals(events.size(), model.events.size(), "the model raised more events");
    for (ReferenceModel.Row row : model.rows) {
      assertEquals(model.view(row), engine.get(row.sid));
    }
    for (ReservationStatus s : ReservationStatus.values()) {
      assertEquals(model.count(s), engine.count(s), s::toString);
    }
  }
}
