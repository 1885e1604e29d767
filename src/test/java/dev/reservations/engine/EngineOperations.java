package dev.reservations.engine;

import dev.reservations.core.IllegalTransitionException;
import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import dev.reservations.query.ReservationQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.Validate;

/**
 * The engine as Lincheck sees it: one workspace, two tasks, three workers, reservations named by
 * creation index (the seed makes the {@code i}th sid the same in every run; a reservation made
 * after a deletion may take another, shown as {@code r-1}), and every result a comparable string: a
 * reservation as index, status, version and seconds since the start; a failure as its class name
 * (and the refused move). The sequential specification is this class itself, run sequentially.
 */
public class EngineOperations {
  static final long SEED = 0x11c4ecL;
  static final Instant START = Instant.parse("2024-03-01T09:00:00Z");
  static final Duration TIMEOUT = Duration.ofSeconds(60);
  static final Duration STEP = Duration.ofSeconds(40);
  static final List<ReservationSid> SIDS = sidsOf(SEED, 16);

  static {
    warmUp();
  }

  private final SteppingClock clock = new SteppingClock(START);
  private final ReservationEngine engine =
      ReservationEngine.builder().seed(SEED).clock(clock).reservationTimeout(TIMEOUT).build();
  private final EngineInvariants invariants = new EngineInvariants(engine);

  /** A fresh engine at {@link #START}; Lincheck makes one per run. */
  public EngineOperations() {}

  /** The sids an engine with {@code seed} gives its first {@code n} reservations. */
  static List<ReservationSid> sidsOf(long seed, int n) {
    ReservationEngine probe =
        ReservationEngine.builder().seed(seed).clock(new SteppingClock(START)).build();
    return IntStream.range(0, n)
        .mapToObj(
            i ->
                probe
                    .reserve(Fixtures.WS, Fixtures.task(1000 + i), Fixtures.worker(0), "probe")
                    .sid())
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * Runs every path once, outside Lincheck, so that no class is first loaded inside a managed
   * thread (Lincheck reports class initialisation there as a hang).
   */
  private static void warmUp() {
    SteppingClock clock = new SteppingClock(START);
    ReservationEngine engine = ReservationEngine.builder().seed(SEED).clock(clock).build();
    ReservationSid first =
        engine.reserve(Fixtures.WS, Fixtures.task(0), Fixtures.worker(0), "w").sid();
    engine.reserve(Fixtures.WS, Fixtures.task(0), Fixtures.worker(1), "w");
    List<Supplier<Object>> calls =
        List.of(
            () -> engine.update(first, ReservationStatus.ACCEPTED, 7),
            () -> engine.update(first, ReservationStatus.ACCEPTED, 0),
            () -> engine.accept(first),
            () -> engine.wrap(first),
            () -> engine.complete(first),
            () -> engine.reject(first),
            () -> engine.timeout(first),
            () -> engine.get(SIDS.get(15)),
            () -> engine.reserve(Fixtures.WS, Fixtures.task(0), Fixtures.worker(2), "w"),
            () -> engine.cancelTask(Fixtures.task(0)),
            () -> engine.cancelTask(Fixtures.task(1)),
            () -> engine.deleteTask(Fixtures.task(1)),
            () -> engine.deleteTask(Fixtures.task(0)),
            () -> engine.deleteTask(Fixtures.task(5)),
            () -> engine.count(ReservationQuery.forTask(Fixtures.WS, Fixtures.task(0))),
            () ->
                engine.count(
                    ReservationQuery.forWorker(Fixtures.WS, Fixtures.worker(0))
                        .withStatus(ReservationStatus.PENDING)),
            () ->
                engine.list(
                    ReservationQuery.forTask(Fixtures.WS, Fixtures.task(0)).withPageToken("PA")),
            () -> engine.list(ReservationQuery.forTask(Fixtures.WS, Fixtures.task(0))),
            () -> engine.expireDue());
    for (Supplier<Object> call : calls) {
      outcome(() -> String.valueOf(call.get()));
    }
    clock.advance(TIMEOUT.multipliedBy(2));
    engine.reserve(Fixtures.WS, Fixtures.task(2), Fixtures.worker(0), "w");
    clock.advance(TIMEOUT.multipliedBy(2));
    render(engine.expireDue());
    ReservationSid accepted =
        engine.reserve(Fixtures.WS, Fixtures.task(3), Fixtures.worker(0), "w").sid();
    engine.accept(accepted);
    outcome(() -> render(engine.deleteTask(Fixtures.task(3))));
    engine.complete(accepted);
    render(engine.deleteTask(Fixtures.task(3)));
    render(engine.deleteTask(Fixtures.task(2)));
    new EngineInvariants(engine).check();
  }

  ReservationEngine engine() {
    return engine;
  }

  @Operation
  public String reserve(
      @Param(gen = IntGen.class, conf = "0:1") int task,
      @Param(gen = IntGen.class, conf = "0:2") int worker) {
    return outcome(
        () ->
            render(
                engine.reserve(
                    Fixtures.WS, Fixtures.task(task), Fixtures.worker(worker), "w" + worker)));
  }

  @Operation
  public String accept(@Param(gen = IntGen.class, conf = "0:2") int r) {
    return outcome(() -> render(engine.accept(SIDS.get(r))));
  }

  @Operation
  public String reject(@Param(gen = IntGen.class, conf = "0:2") int r) {
    return outcome(() -> render(engine.reject(SIDS.get(r))));
  }

  @Operation
  public String wrap(@Param(gen = IntGen.class, conf = "0:2") int r) {
    return outcome(() -> render(engine.wrap(SIDS.get(r))));
  }

  @Operation
  public String complete(@Param(gen = IntGen.class, conf = "0:2") int r) {
    return outcome(() -> render(engine.complete(SIDS.get(r))));
  }

  @Operation
  public String timeout(@Param(gen = IntGen.class, conf = "0:2") int r) {
    return outcome(() -> render(engine.timeout(SIDS.get(r))));
  }

  @Operation
  public String updateAt(
      @Param(gen = IntGen.class, conf = "0:2") int r,
      @Param(gen = IntGen.class, conf = "0:1") int version) {
    return outcome(() -> render(engine.update(SIDS.get(r), ReservationStatus.ACCEPTED, version)));
  }

  @Operation
  public String cancelTask(@Param(gen = IntGen.class, conf = "0:1") int task) {
    return outcome(() -> render(engine.cancelTask(Fixtures.task(task))));
  }

  @Operation
  public String deleteTask(@Param(gen = IntGen.class, conf = "0:1") int task) {
    return outcome(() -> render(engine.deleteTask(Fixtures.task(task))));
  }

  @Operation
  public String get(@Param(gen = IntGen.class, conf = "0:2") int r) {
    return outcome(() -> render(engine.get(SIDS.get(r))));
  }

  @Operation
  public String listTask(@Param(gen = IntGen.class, conf = "0:1") int task) {
    return outcome(
        () ->
            render(
                engine.list(ReservationQuery.forTask(Fixtures.WS, Fixtures.task(task))).items()));
  }

  @Operation
  public String listPendingOfWorker(@Param(gen = IntGen.class, conf = "0:2") int worker) {
    return outcome(
        () ->
            render(
                engine
                    .list(
                        ReservationQuery.forWorker(Fixtures.WS, Fixtures.worker(worker))
                            .withStatus(ReservationStatus.PENDING))
                    .items()));
  }

  @Operation
  public String countTask(@Param(gen = IntGen.class, conf = "0:1") int task) {
    return outcome(
        () ->
            String.valueOf(
                engine.count(ReservationQuery.forTask(Fixtures.WS, Fixtures.task(task)))));
  }

  @Operation
  public String countPendingOfWorker(@Param(gen = IntGen.class, conf = "0:2") int worker) {
    return outcome(
        () ->
            String.valueOf(
                engine.count(
                    ReservationQuery.forWorker(Fixtures.WS, Fixtures.worker(worker))
                        .withStatus(ReservationStatus.PENDING))));
  }

  @Operation
  public String size() {
    return outcome(() -> String.valueOf(engine.size()));
  }

  /** One engine call per operation: size and a count read together would not be atomic. */
  @Operation
  public String pendingCount() {
    return outcome(() -> String.valueOf(engine.count(ReservationStatus.PENDING)));
  }

  @Operation
  public String expireDue() {
    return outcome(() -> render(engine.expireDue()));
  }

  /** Moves the shared clock 40 s; the timeout is 60 s, so two steps expire a reservation. */
  @Operation
  public void advance() {
    clock.advance(STEP);
  }

  @Validate
  public void checkInvariants() {
    invariants.check();
  }

  static String render(Reservation r) {
    return "r"
        + SIDS.indexOf(r.sid())
        + " "
        + r.status().wireName()
        + " v"
        + r.version()
        + " @"
        + Duration.between(START, r.dateUpdated()).toSeconds();
  }

  static String render(List<Reservation> rs) {
    return rs.stream().map(EngineOperations::render).collect(Collectors.joining(", ", "[", "]"));
  }

  static String outcome(Supplier<String> call) {
    try {
      return call.get();
    } catch (IllegalTransitionException e) {
      return "IllegalTransition " + e.from().wireName() + "->" + e.to().wireName();
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName();
    }
  }
}
