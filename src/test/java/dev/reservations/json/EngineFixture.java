package dev.reservations.json;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationException;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.engine.ReservationEngine;
import dev.reservations.query.ReservationQuery;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded engine filled with a few hundred reservations moved at random through the state machine,
 * on a virtual clock with sub-second steps, and random list queries over it.
 */
final class EngineFixture {
  final Random random;
  final ReservationEngine engine;
  final List<WorkspaceSid> workspaces = new ArrayList<>();
  final List<TaskSid> tasks = new ArrayList<>();
  final List<WorkspaceSid> taskWorkspace = new ArrayList<>();
  final List<WorkerSid> workers = new ArrayList<>();
  final List<WorkspaceSid> workerWorkspace = new ArrayList<>();
  private final List<ReservationSid> sids = new ArrayList<>();
  private long nanos = Instant.parse("2024-03-01T09:00:00Z").getEpochSecond() * 1_000_000_000L;

  EngineFixture(long seed, int operations) {
    random = new Random(seed);
    InstantSource clock = () -> Instant.ofEpochSecond(0, nanos);
    engine = ReservationEngine.builder().seed(seed).clock(clock).build();
    for (int w = 0; w < 2; w++) {
      workspaces.add(new WorkspaceSid(random.nextLong(), random.nextLong()));
    }
    for (int t = 0; t < 25; t++) {
      tasks.add(new TaskSid(random.nextLong(), random.nextLong()));
      taskWorkspace.add(workspaces.get(t % 2));
    }
    for (int k = 0; k < 16; k++) {
      workers.add(new WorkerSid(random.nextLong(), random.nextLong()));
      workerWorkspace.add(workspaces.get(k % 2));
    }
    for (int i = 0; i < operations; i++) {
      step();
    }
  }

  private void step() {
    nanos += random.nextInt(3) == 0 ? 0 : random.nextInt(1_500_000_000);
    try {
      int op = random.nextInt(10);
      if (op < 5 || sids.isEmpty()) {
        int t = random.nextInt(tasks.size());
        int k = (t % 2) + 2 * random.nextInt(workers.size() / 2);
        Reservation r =
            engine.reserve(
                taskWorkspace.get(t),
                tasks.get(t),
                workers.get(k),
                "worker " + k + (random.nextInt(5) == 0 ? " \"ünïcödé\"" : ""));
        sids.add(r.sid());
        return;
      }
      ReservationSid sid = sids.get(random.nextInt(sids.size()));
      switch (op) {
        case 5:
          engine.accept(sid);
          break;
        case 6:
          engine.reject(sid);
          break;
        case 7:
          engine.wrap(sid);
          break;
        case 8:
          engine.complete(sid);
          break;
        default:
          if (random.nextBoolean()) {
            engine.timeout(sid);
          } else {
            engine.cancelTask(tasks.get(random.nextInt(tasks.size())));
          }
      }
    } catch (ReservationException refused) {
      // illegal moves are part of the random walk
    }
  }

  /** A random first-page query: task or worker list, filters, page size. */
  ReservationQuery randomQuery() {
    ReservationQuery query;
    if (random.nextBoolean()) {
      int t = random.nextInt(tasks.size());
      query = ReservationQuery.forTask(taskWorkspace.get(t), tasks.get(t));
      if (random.nextInt(4) == 0) {
        query = query.withWorker(workers.get((t % 2) + 2 * random.nextInt(workers.size() / 2)));
      }
    } else {
      int k = random.nextInt(workers.size());
      query = ReservationQuery.forWorker(workerWorkspace.get(k), workers.get(k));
    }
    if (random.nextInt(3) == 0) {
      ReservationStatus[] statuses = ReservationStatus.values();
      query = query.withStatus(statuses[random.nextInt(statuses.length)]);
    }
    return query.withPageSize(1 + random.nextInt(random.nextBoolean() ? 4 : 60));
  }
}
