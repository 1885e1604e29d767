package dev.reservations.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.base.ResourceSet;
import com.twilio.base.TwilioResponse;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.engine.ReservationEngine;
import dev.reservations.http.ManualClock;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * twilio-java 13 against the engine, unchanged: every Reservation endpoint through {@link
 * EngineHttpClient} in process and through the loopback server, each answer checked against the
 * spec on the way.
 */
class EngineHttpClientTest {
  private static final WorkspaceSid WS = WorkspaceSid.parse("WS" + "0".repeat(31) + "1");
  private static final String BASE = "https://taskrouter.twilio.com";

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final ReservationEngine engine = ReservationEngine.builder().seed(7).clock(clock).build();
  private Transport.@Nullable Connection connection;

  @AfterEach
  void close() {
    if (connection != null) {
      connection.close();
    }
  }

  private TwilioRestClient client(Transport transport) {
    connection = transport.connect(engine);
    return connection.client();
  }

  private static TaskSid task(int n) {
    return TaskSid.parse(String.format(Locale.ROOT, "WT%032x", n));
  }

  private static WorkerSid worker(int n) {
    return WorkerSid.parse(String.format(Locale.ROOT, "WK%032x", n));
  }

  /** Task 1: seven reservations, one accepted, the rest rescinded or pending, one rejected. */
  private void seedTask() {
    List<Reservation> made = new ArrayList<>();
    for (int w = 1; w <= 7; w++) {
      made.add(engine.reserve(WS, task(1), worker(w), "worker " + w));
      clock.advance(Duration.ofSeconds(1));
    }
    engine.reject(made.get(1).sid());
    engine.accept(made.get(3).sid());
  }

  /** Worker 1: 60 reservations on 60 tasks, every third accepted, every fifth rejected. */
  private void seedWorker() {
    for (int t = 100; t < 160; t++) {
      Reservation r = engine.reserve(WS, task(t), worker(1), "Alice");
      if (t % 3 == 0) {
        engine.accept(r.sid());
      } else if (t % 5 == 0) {
        engine.reject(r.sid());
      }
      clock.advance(Duration.ofMillis(1500));
    }
  }

  private List<String> all(ReservationQuery query) {
    List<String> sids = new ArrayList<>();
    Optional<ReservationQuery> next = Optional.of(query.withPageSize(1000));
    while (next.isPresent()) {
      Page<Reservation> page = engine.list(next.get());
      page.items().forEach(r -> sids.add(r.sid().toString()));
      next = page.nextPage();
    }
    return sids;
  }

  private static <T> List<String> sids(Iterable<T> set, Function<T, String> sid) {
    List<String> out = new ArrayList<>();
    set.forEach(r -> out.add(sid.apply(r)));
    return out;
  }

  private static ApiException apiError(Supplier<?> call) {
    return assertThrows(ApiException.class, call::get);
  }

  private static void assertApiError(ApiException e, int status, int code) {
    assertEquals(status, e.getStatusCode(), e::getMessage);
    assertEquals(code, e.getCode());
    assertEquals("https://www.twilio.com/docs/errors/" + code, e.getMoreInfo());
  }

  // ---- task path ----

  @ParameterizedTest
  @EnumSource(Transport.class)
  void taskReader_autoPagesEveryFilterAtPageSizes1_2_50(Transport transport) {
    seedTask();
    TwilioRestClient client = client(transport);
    ReservationQuery base = ReservationQuery.forTask(WS, task(1));
    for (long size : new long[] {1, 2, 50}) {
      var reader =
          com.twilio.rest.taskrouter.v1.workspace.task.Reservation.reader(
                  WS.toString(), task(1).toString())
              .setPageSize(size);
      assertEquals(
          all(base),
          sids(
              reader.read(client),
              com.twilio.rest.taskrouter.v1.workspace.task.Reservation::getSid),
          "size " + size);
      for (ReservationStatus status : ReservationStatus.values()) {
        var filtered =
            com.twilio.rest.taskrouter.v1.workspace.task.Reservation.reader(
                    WS.toString(), task(1).toString())
                .setPageSize(size)
                .setReservationStatus(
                    com.twilio.rest.taskrouter.v1.workspace.task.Reservation.Status.forValue(
                        status.wireName()));
        assertEquals(
            all(base.withStatus(status)),
            sids(
                filtered.read(client),
                com.twilio.rest.taskrouter.v1.workspace.task.Reservation::getSid),
            status + " size " + size);
      }
      var byWorker =
          com.twilio.rest.taskrouter.v1.workspace.task.Reservation.reader(
                  WS.toString(), task(1).toString())
              .setPageSize(size)
              .setWorkerSid(worker(4).toString())
              .setReservationStatus(
                  com.twilio.rest.taskrouter.v1.workspace.task.Reservation.Status.ACCEPTED);
      List<String> accepted =
          sids(
              byWorker.read(client),
              com.twilio.rest.taskrouter.v1.workspace.task.Reservation::getSid);
      assertEquals(
          all(base.withWorker(worker(4)).withStatus(ReservationStatus.ACCEPTED)), accepted);
      assertEquals(1, accepted.size());
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void taskReader_limit_stopsAfterLimit(Transport transport) {
    seedTask();
    TwilioRestClient client = client(transport);
    ResourceSet<com.twilio.rest.taskrouter.v1.workspace.task.Reservation> set =
        com.twilio.rest.taskrouter.v1.workspace.task.Reservation.reader(
                WS.toString(), task(1).toString())
            .setPageSize(2L)
            .limit(3)
            .read(client);
    assertEquals(
        all(ReservationQuery.forTask(WS, task(1))).subList(0, 3),
        sids(set, com.twilio.rest.taskrouter.v1.workspace.task.Reservation::getSid));
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void taskFetcher_exposesEveryField(Transport transport) {
    Reservation r = engine.reserve(WS, task(1), worker(2), "Doug");
    clock.advance(Duration.ofSeconds(3));
    r = engine.accept(r.sid());
    TwilioRestClient client = client(transport);
    var fetched =
        com.twilio.rest.taskrouter.v1.workspace.task.Reservation.fetcher(
                WS.toString(), task(1).toString(), r.sid().toString())
            .fetch(client);
    String base =
        transport == Transport.IN_PROCESS ? BASE : connection.server().baseUri().toString();
    assertEquals(r.sid().toString(), fetched.getSid());
    assertEquals(engine.accountSid().toString(), fetched.getAccountSid());
    assertEquals(
        com.twilio.rest.taskrouter.v1.workspace.task.Reservation.Status.ACCEPTED,
        fetched.getReservationStatus());
    assertEquals("Doug", fetched.getWorkerName());
    assertEquals(worker(2).toString(), fetched.getWorkerSid());
    assertEquals(task(1).toString(), fetched.getTaskSid());
    assertEquals(WS.toString(), fetched.getWorkspaceSid());
    assertEquals(
        ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
        fetched.getDateCreated().withZoneSameInstant(ZoneOffset.UTC));
    assertEquals(
        ZonedDateTime.of(2026, 1, 1, 0, 0, 3, 0, ZoneOffset.UTC),
        fetched.getDateUpdated().withZoneSameInstant(ZoneOffset.UTC));
    String path = "/v1/Workspaces/" + WS + "/Tasks/" + task(1) + "/Reservations/" + r.sid();
    assertEquals(URI.create(base + path), fetched.getUrl());
    assertEquals(
        base + "/v1/Workspaces/" + WS + "/Workers/" + worker(2), fetched.getLinks().get("worker"));
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void taskUpdater_ifMatch_movesOrRefusesWith412(Transport transport) {
    Reservation r = engine.reserve(WS, task(1), worker(1), "a");
    TwilioRestClient client = client(transport);
    ApiException stale =
        apiError(
            () ->
                com.twilio.rest.taskrouter.v1.workspace.task.Reservation.updater(
                        WS.toString(), task(1).toString(), r.sid().toString())
                    .setReservationStatus(
                        com.twilio.rest.taskrouter.v1.workspace.task.Reservation.Status.ACCEPTED)
                    .setIfMatch("\"5\"")
                    .update(client));
    assertApiError(stale, 412, 20412);
    assertEquals(
        "reservation " + r.sid() + " is at version 0, not the expected version 5",
        stale.getMessage());
    assertEquals(ReservationStatus.PENDING, engine.get(r.sid()).status());
    TwilioResponse<com.twilio.rest.taskrouter.v1.workspace.task.Reservation> moved =
        com.twilio.rest.taskrouter.v1.workspace.task.Reservation.updater(
                WS.toString(), task(1).toString(), r.sid().toString())
            .setReservationStatus(
                com.twilio.rest.taskrouter.v1.workspace.task.Reservation.Status.ACCEPTED)
            .setIfMatch("\"0\"")
            .updateWithResponse(client);
    assertEquals(
        com.twilio.rest.taskrouter.v1.workspace.task.Reservation.Status.ACCEPTED,
        moved.getContent().getReservationStatus());
    // the JDK server writes "Etag"; twilio-java's header map keeps names as they came
    String etagName = transport == Transport.IN_PROCESS ? "ETag" : "Etag";
    assertEquals("\"1\"", moved.getHeaders().get(etagName), moved.getHeaders()::toString);
    assertEquals(ReservationStatus.ACCEPTED, engine.get(r.sid()).status());
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void taskUpdater_instructionAndActivity(Transport transport) {
    Reservation a = engine.reserve(WS, task(1), worker(1), "a");
    Reservation b = engine.reserve(WS, task(2), worker(1), "a");
    TwilioRestClient client = client(transport);
    var dequeued =
        com.twilio.rest.taskrouter.v1.workspace.task.Reservation.updater(
                WS.toString(), task(1).toString(), a.sid().toString())
            .setInstruction("dequeue")
            .setDequeueFrom("+15555550100")
            .update(client);
    assertEquals(
        com.twilio.rest.taskrouter.v1.workspace.task.Reservation.Status.ACCEPTED,
        dequeued.getReservationStatus());
    var called =
        com.twilio.rest.taskrouter.v1.workspace.task.Reservation.updater(
                WS.toString(), task(2).toString(), b.sid().toString())
            .setInstruction("call")
            .setCallUrl(URI.create("https://example.com/twiml"))
            .setCallAccept(false)
            .update(client);
    assertEquals(
        com.twilio.rest.taskrouter.v1.workspace.task.Reservation.Status.PENDING,
        called.getReservationStatus());
    var rejected =
        com.twilio.rest.taskrouter.v1.workspace.task.Reservation.updater(
                WS.toString(), task(2).toString(), b.sid().toString())
            .setReservationStatus(
                com.twilio.rest.taskrouter.v1.workspace.task.Reservation.Status.REJECTED)
            .setWorkerActivitySid("WA" + "a".repeat(32))
            .update(client);
    assertEquals(
        com.twilio.rest.taskrouter.v1.workspace.task.Reservation.Status.REJECTED,
        rejected.getReservationStatus());
  }

  // ---- worker path ----

  @ParameterizedTest
  @EnumSource(Transport.class)
  void workerReader_autoPagesEveryFilterAtPageSizes1_2_50(Transport transport) {
    seedWorker();
    TwilioRestClient client = client(transport);
    ReservationQuery base = ReservationQuery.forWorker(WS, worker(1));
    for (long size : new long[] {1, 2, 50}) {
      var reader =
          com.twilio.rest.taskrouter.v1.workspace.worker.Reservation.reader(
                  WS.toString(), worker(1).toString())
              .setPageSize(size);
      List<String> seen =
          sids(
              reader.read(client),
              com.twilio.rest.taskrouter.v1.workspace.worker.Reservation::getSid);
      assertEquals(all(base), seen, "size " + size);
      assertEquals(60, seen.size());
      for (ReservationStatus status :
          List.of(
              ReservationStatus.PENDING,
              ReservationStatus.ACCEPTED,
              ReservationStatus.REJECTED,
              ReservationStatus.COMPLETED)) {
        var filtered =
            com.twilio.rest.taskrouter.v1.workspace.worker.Reservation.reader(
                    WS.toString(), worker(1).toString())
                .setPageSize(size)
                .setReservationStatus(
                    com.twilio.rest.taskrouter.v1.workspace.worker.Reservation.Status.forValue(
                        status.wireName()));
        assertEquals(
            all(base.withStatus(status)),
            sids(
                filtered.read(client),
                com.twilio.rest.taskrouter.v1.workspace.worker.Reservation::getSid),
            status + " size " + size);
      }
    }
    var limited =
        com.twilio.rest.taskrouter.v1.workspace.worker.Reservation.reader(
                WS.toString(), worker(1).toString())
            .setPageSize(50L)
            .limit(55)
            .read(client);
    assertEquals(
        all(base).subList(0, 55),
        sids(limited, com.twilio.rest.taskrouter.v1.workspace.worker.Reservation::getSid));
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void workerFetcherAndUpdater(Transport transport) {
    Reservation r = engine.reserve(WS, task(1), worker(3), "Zoë");
    TwilioRestClient client = client(transport);
    var fetched =
        com.twilio.rest.taskrouter.v1.workspace.worker.Reservation.fetcher(
                WS.toString(), worker(3).toString(), r.sid().toString())
            .fetch(client);
    assertEquals("Zoë", fetched.getWorkerName());
    assertTrue(
        fetched.getUrl().toString().endsWith("/Workers/" + worker(3) + "/Reservations/" + r.sid()));
    var updated =
        com.twilio.rest.taskrouter.v1.workspace.worker.Reservation.updater(
                WS.toString(), worker(3).toString(), r.sid().toString())
            .setReservationStatus(
                com.twilio.rest.taskrouter.v1.workspace.worker.Reservation.Status.ACCEPTED)
            .setIfMatch("0")
            .update(client);
    assertEquals(
        com.twilio.rest.taskrouter.v1.workspace.worker.Reservation.Status.ACCEPTED,
        updated.getReservationStatus());
    var wrapping =
        com.twilio.rest.taskrouter.v1.workspace.worker.Reservation.updater(
                WS.toString(), worker(3).toString(), r.sid().toString())
            .setReservationStatus(
                com.twilio.rest.taskrouter.v1.workspace.worker.Reservation.Status.WRAPPING)
            .update(client);
    assertEquals(
        com.twilio.rest.taskrouter.v1.workspace.worker.Reservation.Status.WRAPPING,
        wrapping.getReservationStatus());
  }

  // ---- errors ----

  @ParameterizedTest
  @EnumSource(Transport.class)
  void errors_everyCodeAsApiException(Transport transport) {
    Reservation r = engine.reserve(WS, task(1), worker(1), "a");
    engine.reserve(WS, task(1), worker(2), "b");
    TwilioRestClient client = client(transport);
    ApiException unknown =
        apiError(
            () ->
                com.twilio.rest.taskrouter.v1.workspace.task.Reservation.fetcher(
                        WS.toString(), task(2).toString(), r.sid().toString())
                    .fetch(client));
    assertApiError(unknown, 404, 20404);
    assertEquals(
        "the requested resource /v1/Workspaces/"
            + WS
            + "/Tasks/"
            + task(2)
            + "/Reservations/"
            + r.sid()
            + " was not found",
        unknown.getMessage());
    assertApiError(
        apiError(
            () ->
                com.twilio.rest.taskrouter.v1.workspace.worker.Reservation.fetcher(
                        WS.toString(), worker(1).toString(), "WRnot-a-sid")
                    .fetch(client)),
        404,
        20404);
    ApiException pageSize =
        apiError(
            () ->
                com.twilio.rest.taskrouter.v1.workspace.task.Reservation.reader(
                        WS.toString(), task(1).toString())
                    .setPageSize(1001L)
                    .read(client)
                    .iterator()
                    .hasNext());
    assertApiError(pageSize, 400, 20007);
    assertEquals("page size must be between 1 and 1000: 1001", pageSize.getMessage());
    ApiException badFilter =
        apiError(
            () ->
                com.twilio.rest.taskrouter.v1.workspace.task.Reservation.reader(
                        WS.toString(), task(1).toString())
                    .setWorkerSid("WK1")
                    .read(client));
    assertApiError(badFilter, 400, 20001);
    // getPage takes only a Twilio domain: Transport.LOOPBACK rewrites it to the server's
    ApiException token =
        apiError(
            () ->
                com.twilio.rest.taskrouter.v1.workspace.task.Reservation.reader(
                        WS.toString(), task(1).toString())
                    .getPage(
                        BASE
                            + "/v1/Workspaces/"
                            + WS
                            + "/Tasks/"
                            + task(1)
                            + "/Reservations?PageSize=1&Page=1&PageToken=PAbogus",
                        client));
    assertApiError(token, 400, 21481);
    engine.reject(r.sid());
    ApiException illegal =
        apiError(
            () ->
                com.twilio.rest.taskrouter.v1.workspace.task.Reservation.updater(
                        WS.toString(), task(1).toString(), r.sid().toString())
                    .setReservationStatus(
                        com.twilio.rest.taskrouter.v1.workspace.task.Reservation.Status.ACCEPTED)
                    .update(client));
    assertApiError(illegal, 409, 20409);
    assertTrue(
        illegal
            .getMessage()
            .startsWith("reservation " + r.sid() + " cannot move from rejected to accepted"));
    Response deleted =
        client.request(
            new Request(
                HttpMethod.DELETE,
                BASE + "/v1/Workspaces/" + WS + "/Tasks/" + task(1) + "/Reservations/" + r.sid()));
    assertEquals(405, deleted.getStatusCode());
    assertEquals(
        "{\"code\":20004,\"message\":\"method must be GET or POST on this path: "
            + "DELETE\",\"more_info\":\"https://www.twilio.com/docs/errors/20004\",\"status\":405}",
        deleted.getContent());
  }

  @Test
  void loopback_authToken_wrongIs401_rightPasses() {
    Reservation r = engine.reserve(WS, task(1), worker(1), "a");
    connection = Transport.LOOPBACK.connect(engine, "s3cret");
    var fetched =
        com.twilio.rest.taskrouter.v1.workspace.task.Reservation.fetcher(
                WS.toString(), task(1).toString(), r.sid().toString())
            .fetch(connection.client());
    assertEquals(r.sid().toString(), fetched.getSid());
    TwilioRestClient wrong =
        new TwilioRestClient.Builder(engine.accountSid().toString(), "nope")
            .httpClient(
                new Transport.Checked(
                    new Transport.Loopback(connection.server().baseUri().toString())))
            .build();
    ApiException refused =
        apiError(
            () ->
                com.twilio.rest.taskrouter.v1.workspace.task.Reservation.fetcher(
                        WS.toString(), task(1).toString(), r.sid().toString())
                    .fetch(wrong));
    assertApiError(refused, 401, 20003);
  }

  @Test
  void inProcess_otherOriginOrRegion_is404NamingTheUrl() {
    TwilioRestClient regional =
        new TwilioRestClient.Builder(engine.accountSid().toString(), "x")
            .region("au1")
            .httpClient(new EngineHttpClient(engine))
            .build();
    ApiException e =
        apiError(
            () ->
                com.twilio.rest.taskrouter.v1.workspace.task.Reservation.reader(
                        WS.toString(), task(1).toString())
                    .read(regional));
    assertApiError(e, 404, 20404);
    assertEquals(
        "EngineHttpClient serves https://taskrouter.twilio.com only, with no region or "
            + "edge: https://taskrouter.au1.twilio.com/v1/Workspaces/"
            + WS
            + "/Tasks/"
            + task(1)
            + "/Reservations",
        e.getMessage());
  }

  @Test
  void plainTarget_isTakenForTwilioJavasOwnRequests_andNotForARegionOrEdge() {
    String path = "/v1/Workspaces/" + WS + "/Tasks/" + task(1) + "/Reservations";
    Request list = new Request(HttpMethod.GET, "taskrouter", path);
    list.addQueryParam("PageSize", "50");
    list.addQueryParam("ReservationStatus", "pending");
    assertEquals(path + "?" + list.encodeQueryParams(), EngineHttpClient.plainTarget(list));
    String next = BASE + path + "?PageSize=50&Page=1&PageToken=PT" + "x~y%2B";
    assertEquals(
        next.substring(BASE.length()),
        EngineHttpClient.plainTarget(new Request(HttpMethod.GET, next)));
    Request regional = new Request(HttpMethod.GET, "taskrouter", path);
    regional.setRegion("au1");
    assertEquals(null, EngineHttpClient.plainTarget(regional));
    Request edged = new Request(HttpMethod.GET, "taskrouter", path);
    edged.setEdge("sydney");
    assertEquals(null, EngineHttpClient.plainTarget(edged));
    Request own =
        new Request(HttpMethod.GET, "taskrouter", path) {
          @Override
          public URL constructURL() {
            return super.constructURL();
          }
        };
    assertEquals(null, EngineHttpClient.plainTarget(own));
  }

  /**
   * {@code java.net.URI} takes only ASCII hex after a {@code %}, so a {@code %} before digits of
   * another script (which {@code Character.digit} reads as hex) is a malformed URL that {@code
   * constructURL} rejects; the plain path must leave it to {@code constructURL} too.
   */
  @Test
  void plainTarget_percentBeforeNonAsciiHexDigits_isLeftToConstructUrl() {
    String path = "/v1/Workspaces/" + WS + "/Tasks/" + task(1) + "/Reservations";
    for (String escape : new String[] {"%\uFF10\uFF10", "%\u0660\u0661", "%A\uFF21", "%\uFF46f"}) {
      Request request = new Request(HttpMethod.GET, BASE + path + "?PageToken=" + escape);
      assertEquals(null, EngineHttpClient.plainTarget(request), escape);
      ApiException e = assertThrows(ApiException.class, request::constructURL);
      assertTrue(e.getMessage().startsWith("Bad URI: Malformed escape pair"), e.getMessage());
      assertThrows(
          ApiException.class, () -> new EngineHttpClient(engine).makeRequest(request), escape);
    }
  }

  /**
   * Wherever the in-process client reads a request's target without {@code constructURL}, it reads
   * what {@code constructURL} gives: random URLs and parameters of every char class that {@code
   * buildURL} or {@code java.net.URI} treat specially, some with a region or an edge.
   */
  @Test
  void plainTarget_agreesWithConstructUrl_onRandomRequests() {
    String chars = "aZ09.-*_~/+=&%?#: éA2fF";
    SplittableRandom random = new SplittableRandom(20_261_201L);
    int plain = 0;
    for (int n = 0; n < 20_000; n++) {
      StringBuilder url =
          new StringBuilder(
              random.nextInt(8) == 0
                  ? "https://api.twilio.com"
                  : random.nextInt(8) == 0 ? BASE + ":443" : BASE);
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        // mostly plain chars, so that many requests take the plain path
        String from = random.nextInt(10) < 7 ? "aZ09.-*_/" : chars;
        url.append(
            random.nextInt(3) == 0
                ? "/v1"
                : String.valueOf(from.charAt(random.nextInt(from.length()))));
      }
      Request request = new Request(HttpMethod.GET, url.toString());
      for (int k = random.nextInt(3); k > 0; k--) {
        request.addQueryParam(
            String.valueOf(chars.charAt(random.nextInt(chars.length()))),
            String.valueOf(chars.charAt(random.nextInt(chars.length()))));
      }
      if (random.nextInt(10) == 0) {
        request.setRegion("ie1");
      }
      if (random.nextInt(10) == 0) {
        request.setEdge("dublin");
      }
      String fast = EngineHttpClient.plainTarget(request);
      if (fast == null) {
        continue;
      }
      plain++;
      URL slow = request.constructURL();
      assertEquals(BASE, slow.getProtocol() + "://" + slow.getAuthority(), url.toString());
      assertEquals(slow.getFile(), fast, url.toString());
    }
    assertTrue(plain > 2_000, "too few random requests took the plain path: " + plain);
  }

  @Test
  void restClient_usesTheEngineAccount_andAnswersInProcess() {
    Reservation r = engine.reserve(WS, task(1), worker(1), "a");
    TwilioRestClient client = EngineHttpClient.restClient(engine);
    assertEquals(engine.accountSid().toString(), client.getAccountSid());
    assertTrue(client.getHttpClient() instanceof EngineHttpClient);
    var fetched =
        com.twilio.rest.taskrouter.v1.workspace.task.Reservation.fetcher(
                WS.toString(), task(1).toString(), r.sid().toString())
            .fetch(client);
    assertEquals(r.sid().toString(), fetched.getSid());
    assertFalse(client.getHttpClient().getLastResponse() == null);
    assertEquals(
        "\"0\"",
        List.of(client.getHttpClient().getLastResponse().getHeaders()).stream()
            .filter(h -> h.getName().equals("ETag"))
            .findFirst()
            .orElseThrow()
            .getValue());
    assertThrows(NullPointerException.class, () -> EngineHttpClient.restClient(null));
  }
}
