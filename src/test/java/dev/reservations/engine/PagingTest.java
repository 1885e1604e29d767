package dev.reservations.engine;

import static dev.reservations.engine.Fixtures.WS;
import static dev.reservations.engine.Fixtures.task;
import static dev.reservations.engine.Fixtures.worker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reservations.core.InvalidPageTokenException;
import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationStatus;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass
@MethodSource("dev.reservations.engine.EngineConfig#behaviour")
class PagingTest {
  private static final int N = 1200;
  private final ManualClock clock = ManualClock.at("2024-01-01T00:00:00Z");
  private final EngineConfig config;
  private final ContractEngine engine;
  private final List<Reservation> created = new ArrayList<>();

  PagingTest(EngineConfig config) {
    this.config = config;
    this.engine = new ContractEngine(config, 21, clock, ContractEngine.TWO_MINUTES);
  }

  @BeforeEach
  void load() {
    for (int i = 0; i < N; i++) {
      created.add(engine.reserve(WS, task(i), worker(1), "w"));
      if (i % 3 == 0) {
        engine.reject(created.get(i).sid());
      }
      if (i % 5 == 0) {
        clock.advance(Duration.ofMillis(1));
      }
    }
  }

  private List<Reservation> walk(ReservationQuery first) {
    List<Reservation> seen = new ArrayList<>();
    Optional<ReservationQuery> next = Optional.of(first);
    while (next.isPresent()) {
      Page<Reservation> page = engine.list(next.get());
      assertFalse(page.items().isEmpty(), "empty page in a walk");
      seen.addAll(page.items());
      next = page.nextPage();
    }
    return seen;
  }

  @Test
  void walk_everyPageSizeFrom1To1000_returnsEachMatchOnceInListOrder() {
    List<Reservation> expected =
        engine.list(ReservationQuery.forWorker(WS, worker(1)).withPageSize(1000)).items();
    List<Reservation> rest =
        engine
            .list(
                engine
                    .list(ReservationQuery.forWorker(WS, worker(1)).withPageSize(1000))
                    .nextPage()
                    .orElseThrow())
            .items();
    List<Reservation> all = new ArrayList<>(expected);
    all.addAll(rest);
    assertEquals(N, all.size());
    assertEquals(N, new HashSet<>(all).size());
    for (int i = 1; i < all.size(); i++) {
      Reservation a = all.get(i - 1);
      Reservation b = all.get(i);
      int c = a.dateCreated().compareTo(b.dateCreated());
      assertTrue(c < 0 || (c == 0 && a.sid().compareTo(b.sid()) < 0), "list order at " + i);
    }
    for (int size = 1; size <= 1000; size++) {
      ReservationQuery q = ReservationQuery.forWorker(WS, worker(1)).withPageSize(size);
      ReservationQuery pending = q.withStatus(ReservationStatus.PENDING);
      if (size <= 50 || size % 37 == 0 || size == 1000 || size == 400 || size == 600) {
        assertEquals(all, walk(q), "page size " + size);
      }
      assertEquals(
          all.stream().filter(r -> r.status() == ReservationStatus.PENDING).toList(),
          walk(pending),
          "pending, page size " + size);
    }
  }

  @Test
  void lastPage_countMultipleOfPageSize_hasNoNextLink() {
    Page<Reservation> page =
        engine.list(ReservationQuery.forWorker(WS, worker(1)).withPageSize(N / 2));
    Page<Reservation> second = engine.list(page.nextPage().orElseThrow());
    assertEquals(N / 2, second.items().size());
    assertEquals(Optional.empty(), second.nextPage());
    assertEquals(1, second.pageIndex());
    Page<Reservation> back = engine.list(second.previousPage().orElseThrow());
    assertEquals(page.items(), back.items());
    assertEquals(0, back.pageIndex());
    assertEquals(Optional.empty(), back.previousPage());
    assertTrue(second.previousPage().orElseThrow().pageToken().orElseThrow().startsWith("PB"));
    assertTrue(page.nextPage().orElseThrow().pageToken().orElseThrow().startsWith("PA"));
  }

  @Test
  void emptyList_isOnePageWithoutLinks() {
    Page<Reservation> page = engine.list(ReservationQuery.forWorker(WS, worker(2)));
    assertEquals(List.of(), page.items());
    assertEquals(Optional.empty(), page.nextPage());
    assertEquals(Optional.empty(), page.previousPage());
  }

  @Test
  void token_survivesInsertsAndStatusChanges() {
    ReservationQuery q = ReservationQuery.forWorker(WS, worker(1)).withPageSize(100);
    Page<Reservation> first = engine.list(q);
    clock.advance(Duration.ofSeconds(1));
    engine.reserve(WS, task(N + 1), worker(1), "w");
    engine.accept(
        first.items().get(99).sid().equals(created.get(99).sid())
            ? created.get(100).sid()
            : created.get(100).sid());
    Page<Reservation> second = engine.list(first.nextPage().orElseThrow());
    assertTrue(
        second.items().get(0).dateCreated().compareTo(first.items().get(99).dateCreated()) >= 0);
    assertFalse(first.items().contains(second.items().get(0)));
  }

  @Test
  void token_foreignOrGarbled_throwsInvalidPageToken() {
    ReservationQuery q = ReservationQuery.forWorker(WS, worker(1)).withPageSize(10);
    String token = engine.list(q).nextPage().orElseThrow().pageToken().orElseThrow();
    assertEquals(45, token.length());
    assertTrue(token.matches("PA[A-Za-z0-9_-]{43}"), token);
    for (String bad :
        List.of(
            "",
            "PA",
            token + "A",
            token.substring(0, 44),
            "PC" + token.substring(2),
            token.substring(0, 10) + (token.charAt(10) == 'A' ? 'B' : 'A') + token.substring(11))) {
      InvalidPageTokenException e =
          assertThrows(InvalidPageTokenException.class, () -> engine.list(q.withPageToken(bad)));
      assertEquals(bad, e.token());
      assertEquals(21481, e.code());
    }
    assertThrows(
        InvalidPageTokenException.class,
        () -> engine.list(q.withStatus(ReservationStatus.PENDING).withPageToken(token)));
    assertThrows(
        InvalidPageTokenException.class,
        () -> engine.list(ReservationQuery.forWorker(WS, worker(2)).withPageToken(token)));
    ReservationEngine otherSeed =
        ReservationEngine.builder().seed(22 + config.seedOffset()).build();
    assertThrows(InvalidPageTokenException.class, () -> otherSeed.list(q.withPageToken(token)));
    ReservationEngine sameSeed = ReservationEngine.builder().seed(21 + config.seedOffset()).build();
    assertEquals(List.of(), sameSeed.list(q.withPageToken(token)).items());
    assertEquals(
        engine.list(q.withPageSize(20)).items().subList(10, 20),
        engine.list(q.withPageToken(token)).items());
  }

  @Test
  void token_garbledMessage_namesRuleAndToken() {
    InvalidPageTokenException e =
        assertThrows(
            InvalidPageTokenException.class,
            () -> engine.list(ReservationQuery.forWorker(WS, worker(1)).withPageToken("PAxyz")));
    assertEquals(
        "page token must be PA or PB and 43 base64url characters, as a page gave it, "
            + "not 5 characters: PAxyz",
        e.getMessage());
  }

  @Test
  void pageWithoutToken_echoesIndexAndStartsAtTheBeginning() {
    Page<Reservation> page =
        engine.list(ReservationQuery.forWorker(WS, worker(1)).withPageSize(5).withPage(7));
    assertEquals(7, page.pageIndex());
    assertEquals(
        engine.list(ReservationQuery.forWorker(WS, worker(1)).withPageSize(5)).items(),
        page.items());
    assertEquals(8, page.nextPage().orElseThrow().page());
    assertEquals(6, page.previousPage().orElseThrow().page());
  }

  @Test
  void taskList_workerFilter_returnsOnlyThatWorker() {
    engine.reserve(WS, task(5), worker(2), "x");
    Page<Reservation> page =
        engine.list(ReservationQuery.forTask(WS, task(5)).withWorker(worker(2)));
    assertEquals(1, page.items().size());
    assertEquals(worker(2), page.items().get(0).workerSid());
    assertEquals(
        List.of(),
        engine.list(ReservationQuery.forTask(WS, task(5)).withWorker(worker(9))).items());
  }
}
