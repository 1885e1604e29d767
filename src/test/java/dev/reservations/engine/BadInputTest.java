package dev.reservations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.reservations.core.InvalidPageTokenException;
import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationNotFoundException;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input to every public entry point: each refusal is the documented exception with a clear
 * message, and leaves the engine exactly as it was (size, counts, and every page of every known
 * list, compared with equals).
 */
class BadInputTest {
  private final SteppingClock clock = new SteppingClock(EngineOperations.START);
  private final ReservationEngine engine = ReservationEngine.builder().seed(9).clock(clock).build();
  private final List<Reservation> made = new ArrayList<>();

  BadInputTest() {
    for (int i = 0; i < 7; i++) {
      made.add(engine.reserve(Fixtures.WS, Fixtures.task(i % 2), Fixtures.worker(i), "w" + i));
      clock.advance(Duration.ofSeconds(1));
    }
    engine.accept(made.get(0).sid());
  }

  @Test
  void everyMethod_null_throwsNpeNamingTheParameterAndChangesNothing() {
    ReservationSid sid = made.get(1).sid();
    assertRefused(
        NullPointerException.class,
        "workspaceSid",
        () -> engine.reserve(null, Fixtures.task(5), Fixtures.worker(1), "n"));
    assertRefused(
        NullPointerException.class,
        "taskSid",
        () -> engine.reserve(Fixtures.WS, null, Fixtures.worker(1), "n"));
    assertRefused(
        NullPointerException.class,
        "workerSid",
        () -> engine.reserve(Fixtures.WS, Fixtures.task(5), null, "n"));
    assertRefused(
        NullPointerException.class,
        "workerName",
        () -> engine.reserve(Fixtures.WS, Fixtures.task(5), Fixtures.worker(1), null));
    assertRefused(
        NullPointerException.class,
        "timeout",
        () -> engine.reserve(Fixtures.WS, Fixtures.task(5), Fixtures.worker(1), "n", null));
    assertRefused(NullPointerException.class, "sid", () -> engine.accept(null));
    assertRefused(NullPointerException.class, "sid", () -> engine.reject(null));
    assertRefused(NullPointerException.class, "sid", () -> engine.wrap(null));
    assertRefused(NullPointerException.class, "sid", () -> engine.complete(null));
    assertRefused(NullPointerException.class, "sid", () -> engine.timeout(null));
    assertRefused(
        NullPointerException.class, "sid", () -> engine.update(null, ReservationStatus.ACCEPTED));
    assertRefused(NullPointerException.class, "target", () -> engine.update(sid, null));
    assertRefused(NullPointerException.class, "target", () -> engine.update(sid, null, 0));
    assertRefused(NullPointerException.class, "taskSid", () -> engine.cancelTask(null));
    assertRefused(NullPointerException.class, "sid", () -> engine.find(null));
    assertRefused(NullPointerException.class, "sid", () -> engine.get(null));
    assertRefused(NullPointerException.class, "query", () -> engine.list(null));
    assertRefused(
        NullPointerException.class, "status", () -> engine.count((ReservationStatus) null));
    assertRefused(NullPointerException.class, "uri", () -> ReservationQuery.parse(null));
    assertRefused(NullPointerException.class, "task sid", () -> TaskSid.parse(null));
    assertRefused(NullPointerException.class, "name", () -> ReservationStatus.fromWireName(null));
  }

  static Stream<String> malformedTaskSids() {
    String hex = "0123456789abcdef0123456789abcdef";
    return Stream.of(
        "WK" + hex,
        "wt" + hex,
        "WT" + hex.substring(1),
        "WT" + hex + "0",
        "WT" + hex.substring(1) + "g",
        "WT" + hex.substring(1) + "\u0663",
        "WT" + hex.substring(1) + "\uff11",
        " WT" + hex.substring(1),
        "WT" + hex.substring(1) + " ",
        "WT" + hex.substring(0, 16) + " " + hex.substring(17),
        "",
        "WT");
  }

  @ParameterizedTest
  @MethodSource("malformedTaskSids")
  void taskSidParse_malformed_throwsIaeWithPatternAndText(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TaskSid.parse(text));
    assertEquals("task sid must match ^WT[0-9a-fA-F]{32}$: " + text, e.getMessage());
  }

  @Test
  void transitions_unknownOrForeignSid_throwNotFoundAndChangeNothing() {
    ReservationSid unknown = new ReservationSid(0x1234, 0x5678);
    ReservationSid otherEngines =
        ReservationEngine.builder()
            .seed(10)
            .build()
            .reserve(Fixtures.WS, Fixtures.task(0), Fixtures.worker(0), "x")
            .sid();
    for (ReservationSid sid : List.of(unknown, otherEngines)) {
      String message = "reservation " + sid + " not found";
      assertRefused(ReservationNotFoundException.class, null, () -> engine.accept(sid));
      assertRefused(ReservationNotFoundException.class, null, () -> engine.reject(sid));
      assertRefused(ReservationNotFoundException.class, null, () -> engine.wrap(sid));
      assertRefused(ReservationNotFoundException.class, null, () -> engine.complete(sid));
      assertRefused(ReservationNotFoundException.class, null, () -> engine.timeout(sid));
      assertRefused(
          ReservationNotFoundException.class,
          null,
          () -> engine.update(sid, ReservationStatus.ACCEPTED, 0));
      assertRefused(ReservationNotFoundException.class, null, () -> engine.get(sid));
      assertEquals(Optional.empty(), engine.find(sid), message);
    }
  }

  @Test
  void reserve_taskOfAnotherWorkspace_throwsIaeAndChangesNothing() {
    assertRefused(
        IllegalArgumentException.class,
        "a task belongs to the workspace of its first reservation: "
            + Fixtures.task(0)
            + " is in "
            + Fixtures.WS
            + ", not "
            + Fixtures.WS2,
        () -> engine.reserve(Fixtures.WS2, Fixtures.task(0), Fixtures.worker(99), "x"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 1001, Integer.MAX_VALUE, Integer.MIN_VALUE})
  void withPageSize_outOfRange_throwsIaeNamingTheMaximum(int size) {
    assertRefused(
        IllegalArgumentException.class,
        "page size must be between 1 and 1000: " + size,
        () -> ReservationQuery.forTask(Fixtures.WS, Fixtures.task(0)).withPageSize(size));
  }

  @Test
  void list_badTokens_throwInvalidPageTokenAndChangeNothing() {
    ReservationQuery list = ReservationQuery.forTask(Fixtures.WS, Fixtures.task(1)).withPageSize(1);
    String real = engine.list(list).nextPage().flatMap(ReservationQuery::pageToken).orElseThrow();
    char flipped = real.charAt(10) == 'A' ? 'B' : 'A';
    String workerToken =
        engine
            .list(
                ReservationQuery.forWorker(Fixtures.WS, Fixtures.worker(1))
                    .withStatus(ReservationStatus.PENDING)
                    .withPageSize(1))
            .previousPage()
            .or(() -> Optional.of(list))
            .flatMap(ReservationQuery::pageToken)
            .orElse(null);
    String otherSeed = sameListOnAnotherSeed(list);
    List<String> bad =
        new ArrayList<>(
            List.of(
                "",
                "PA",
                "garbage",
                real.substring(0, real.length() - 1),
                real + "A",
                real.substring(0, 10) + flipped + real.substring(11),
                "PC" + real.substring(2),
                "PA" + "!".repeat(43),
                otherSeed,
                engine
                    .list(list.withStatus(ReservationStatus.PENDING))
                    .nextPage()
                    .flatMap(ReservationQuery::pageToken)
                    .orElseThrow()));
    if (workerToken != null) {
      bad.add(workerToken);
    }
    for (String token : bad) {
      InvalidPageTokenException e =
          assertRefused(
              InvalidPageTokenException.class, null, () -> engine.list(list.withPageToken(token)));
      assertEquals(token, e.token());
      assertEquals(21481, e.code());
    }
  }

  private String sameListOnAnotherSeed(ReservationQuery list) {
    ReservationEngine other =
        ReservationEngine.builder()
            .seed(10)
            .clock(new SteppingClock(EngineOperations.START))
            .build();
    for (int i = 0; i < 3; i++) {
      other.reserve(Fixtures.WS, Fixtures.task(1), Fixtures.worker(i), "w");
    }
    return other.list(list).nextPage().flatMap(ReservationQuery::pageToken).orElseThrow();
  }

  static Stream<String> malformedUris() {
    String good = ReservationQuery.forTask(Fixtures.WS, Fixtures.task(0)).toUri();
    return Stream.of(
        good.replace("/Tasks/", "/Taskz/"),
        good.replace("/v1/", "/v2/"),
        good.replace("WT", "WK"),
        good + "&Color=red",
        good + "&PageSize=%zz",
        good + "&PageToken=%4",
        good + "#frag",
        good + "&PageSize=" + "9".repeat(100_000),
        "/".repeat(100_000),
        good.replace("Reservations", "Reservation"),
        good + "&ReservationStatus=Pending",
        good + "&Page=-1",
        good + "&PageSize=1001",
        ReservationQuery.forWorker(Fixtures.WS, Fixtures.worker(0)).toUri()
            + "&WorkerSid="
            + Fixtures.worker(1));
  }

  @ParameterizedTest
  @MethodSource("malformedUris")
  void queryParse_malformed_throwsIaeWithShortMessage(String uri) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReservationQuery.parse(uri));
    assertEquals(IllegalArgumentException.class, e.getClass());
    assertEquals(true, e.getMessage().length() < 600, e.getMessage().length() + " chars");
  }

  @Test
  void queryParse_wrongPath_messageStatesTheRule() {
    String uri = "/v1/Workspaces/" + Fixtures.WS + "/Queues/" + Fixtures.task(0) + "/Reservations";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReservationQuery.parse(uri));
    assertEquals(
        "reservation list URL must be /v1/Workspaces/WS…/Tasks/WT…/Reservations or "
            + "/v1/Workspaces/WS…/Workers/WK…/Reservations with an optional query, not another "
            + "path: "
            + uri,
        e.getMessage());
  }

  @Test
  void update_notClientSettableOrStale_refusedAndChangesNothing() {
    ReservationSid sid = made.get(1).sid();
    assertRefused(
        dev.reservations.core.IllegalTransitionException.class,
        null,
        () -> engine.update(sid, ReservationStatus.CANCELED));
    assertRefused(
        dev.reservations.core.VersionMismatchException.class,
        null,
        () -> engine.update(sid, ReservationStatus.REJECTED, 5));
    assertRefused(
        IllegalArgumentException.class,
        "expected version must be 0 or more: -1",
        () -> engine.update(sid, ReservationStatus.REJECTED, -1));
    assertRefused(
        IllegalArgumentException.class,
        null,
        () ->
            engine.reserve(Fixtures.WS, Fixtures.task(9), Fixtures.worker(9), "x", Duration.ZERO));
  }

  /** Runs a call that must fail, checks the exception and that the engine did not change. */
  private <T extends Throwable> T assertRefused(Class<T> type, String message, Executable call) {
    List<Object> before = snapshot();
    T e = assertThrows(type, call);
    assertEquals(type, e.getClass());
    if (message != null) {
      assertEquals(message, e.getMessage());
    }
    assertEquals(before, snapshot());
    EngineInvariants.check(engine);
    return e;
  }

  private List<Object> snapshot() {
    List<Object> state = new ArrayList<>();
    state.add(engine.size());
    for (ReservationStatus s : ReservationStatus.values()) {
      state.add(engine.count(s));
    }
    List<ReservationQuery> lists = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      lists.add(ReservationQuery.forTask(Fixtures.WS, Fixtures.task(i)).withPageSize(2));
      lists.add(ReservationQuery.forWorker(Fixtures.WS, Fixtures.worker(i)).withPageSize(2));
    }
    for (ReservationQuery list : lists) {
      Optional<ReservationQuery> next = Optional.of(list);
      while (next.isPresent()) {
        Page<Reservation> page = engine.list(next.get());
        state.add(page);
        next = page.nextPage();
      }
    }
    return state;
  }

  @Test
  void workerSidParse_wrongKind_names() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> WorkerSid.parse(Fixtures.task(1).toString()));
    assertEquals("worker sid must match ^WK[0-9a-fA-F]{32}$: " + Fixtures.task(1), e.getMessage());
  }
}
