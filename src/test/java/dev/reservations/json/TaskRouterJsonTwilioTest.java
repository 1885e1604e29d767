package dev.reservations.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.http.HttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.engine.ReservationEngine;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * twilio-java 13 reads our output: its {@code Page.fromJson} and {@code Reservation.fromJson} see
 * every field, and its own readers walk a multi-page list served by an engine through a fake {@link
 * HttpClient}.
 */
class TaskRouterJsonTwilioTest {
  private static final TaskRouterJson JSON = TaskRouterJson.create();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Serves every GET from an engine: URL → ReservationQuery → list → writePage. */
  static final class EngineHttpClient extends HttpClient {
    private final ReservationEngine engine;
    final List<String> urls = new ArrayList<>();

    EngineHttpClient(ReservationEngine engine) {
      this.engine = engine;
    }

    @Override
    public Response makeRequest(Request request) {
      String url = request.constructURL().toString();
      urls.add(url);
      return new Response(JSON.writePage(engine.list(ReservationQuery.parse(url))), 200);
    }
  }

  private static TwilioRestClient client(HttpClient http) {
    return new TwilioRestClient.Builder("AC" + "0".repeat(32), "token").httpClient(http).build();
  }

  private static void assertSame(
      Reservation ours,
      com.twilio.rest.taskrouter.v1.workspace.task.Reservation theirs,
      boolean taskPath) {
    assertEquals(ours.sid().toString(), theirs.getSid());
    assertEquals(ours.accountSid().toString(), theirs.getAccountSid());
    assertEquals(ours.workspaceSid().toString(), theirs.getWorkspaceSid());
    assertEquals(ours.taskSid().toString(), theirs.getTaskSid());
    assertEquals(ours.workerSid().toString(), theirs.getWorkerSid());
    assertEquals(ours.workerName(), theirs.getWorkerName());
    assertEquals(ours.status().wireName(), theirs.getReservationStatus().toString());
    assertEquals(
        ours.dateCreated().truncatedTo(ChronoUnit.SECONDS), theirs.getDateCreated().toInstant());
    assertEquals(
        ours.dateUpdated().truncatedTo(ChronoUnit.SECONDS), theirs.getDateUpdated().toInstant());
    assertUrls(ours, theirs.getUrl(), theirs.getLinks(), taskPath);
  }

  private static void assertSame(
      Reservation ours, com.twilio.rest.taskrouter.v1.workspace.worker.Reservation theirs) {
    assertEquals(ours.sid().toString(), theirs.getSid());
    assertEquals(ours.accountSid().toString(), theirs.getAccountSid());
    assertEquals(ours.workspaceSid().toString(), theirs.getWorkspaceSid());
    assertEquals(ours.taskSid().toString(), theirs.getTaskSid());
    assertEquals(ours.workerSid().toString(), theirs.getWorkerSid());
    assertEquals(ours.workerName(), theirs.getWorkerName());
    assertEquals(ours.status().wireName(), theirs.getReservationStatus().toString());
    assertEquals(
        ours.dateCreated().truncatedTo(ChronoUnit.SECONDS), theirs.getDateCreated().toInstant());
    assertEquals(
        ours.dateUpdated().truncatedTo(ChronoUnit.SECONDS), theirs.getDateUpdated().toInstant());
    assertUrls(ours, theirs.getUrl(), theirs.getLinks(), false);
  }

  private static void assertUrls(
      Reservation ours, URI url, Map<String, String> links, boolean taskPath) {
    String workspace = "https://taskrouter.twilio.com/v1/Workspaces/" + ours.workspaceSid();
    String task = workspace + "/Tasks/" + ours.taskSid();
    String worker = workspace + "/Workers/" + ours.workerSid();
    assertEquals(URI.create((taskPath ? task : worker) + "/Reservations/" + ours.sid()), url);
    assertEquals(Map.of("task", task, "worker", worker, "workspace", workspace), links);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void pageFromJson_ourTaskPages_seeEveryField(long seed) {
    EngineFixture fixture = new EngineFixture(seed, 300);
    for (int q = 0; q < 20; q++) {
      ReservationQuery query = fixture.randomQuery();
      Page<Reservation> page = fixture.engine.list(query);
      String json = JSON.writePage(page);
      if (query.isTaskList()) {
        com.twilio.base.Page<com.twilio.rest.taskrouter.v1.workspace.task.Reservation> theirs =
            com.twilio.base.Page.fromJson(
                "reservations",
                json,
                com.twilio.rest.taskrouter.v1.workspace.task.Reservation.class,
                MAPPER);
        assertEquals(page.items().size(), theirs.getRecords().size());
        for (int i = 0; i < page.items().size(); i++) {
          assertSame(page.items().get(i), theirs.getRecords().get(i), true);
        }
        assertPageMeta(page, theirs);
      } else {
        com.twilio.base.Page<com.twilio.rest.taskrouter.v1.workspace.worker.Reservation> theirs =
            com.twilio.base.Page.fromJson(
                "reservations",
                json,
                com.twilio.rest.taskrouter.v1.workspace.worker.Reservation.class,
                MAPPER);
        assertEquals(page.items().size(), theirs.getRecords().size());
        for (int i = 0; i < page.items().size(); i++) {
          assertSame(page.items().get(i), theirs.getRecords().get(i));
        }
        assertPageMeta(page, theirs);
      }
    }
  }

  private static void assertPageMeta(Page<Reservation> page, com.twilio.base.Page<?> theirs) {
    String domain = "taskrouter";
    assertEquals(page.pageSize(), theirs.getPageSize());
    assertEquals(JSON.baseUrl() + page.query().toUri(), theirs.getUrl(domain));
    assertEquals(JSON.baseUrl() + page.firstPage().toUri(), theirs.getFirstPageUrl(domain));
    assertEquals(page.nextPage().isPresent(), theirs.hasNextPage());
    if (page.nextPage().isPresent()) {
      assertEquals(JSON.baseUrl() + page.nextPage().get().toUri(), theirs.getNextPageUrl(domain));
    }
  }

  @Test
  void reservationFromJson_ourSingleReservations_seeEveryField() {
    EngineFixture fixture = new EngineFixture(5, 200);
    Page<Reservation> page =
        fixture.engine.list(
            ReservationQuery.forTask(fixture.taskWorkspace.get(0), fixture.tasks.get(0))
                .withPageSize(1000));
    assertTrue(!page.items().isEmpty());
    for (Reservation r : page.items()) {
      assertSame(
          r,
          com.twilio.rest.taskrouter.v1.workspace.task.Reservation.fromJson(
              JSON.writeTaskReservation(r), MAPPER),
          true);
      assertSame(
          r,
          com.twilio.rest.taskrouter.v1.workspace.worker.Reservation.fromJson(
              JSON.writeWorkerReservation(r), MAPPER));
    }
  }

  /** An engine with one busy task and one busy worker, of 37 reservations each. */
  private static ReservationEngine busyEngine(WorkspaceSid ws, TaskSid task, WorkerSid worker) {
    ReservationEngine engine = ReservationEngine.builder().seed(99).build();
    for (int i = 0; i < 37; i++) {
      WorkerSid someone = new WorkerSid(7, i);
      Reservation r = engine.reserve(ws, task, someone, "worker " + i);
      if (i % 3 == 0) {
        engine.reject(r.sid());
      }
      Reservation mine = engine.reserve(ws, new TaskSid(8, i), worker, "Mine");
      if (i % 4 == 0) {
        engine.reject(mine.sid());
      } else if (i % 4 == 1) {
        engine.accept(mine.sid());
      }
    }
    return engine;
  }

  private static <T> List<String> sids(
      Iterable<T> records, java.util.function.Function<T, String> sid) {
    List<String> out = new ArrayList<>();
    records.forEach(r -> out.add(sid.apply(r)));
    return out;
  }

  private static List<String> expected(
      ReservationEngine engine, ReservationQuery first, Predicate<Reservation> filter) {
    List<String> out = new ArrayList<>();
    Optional<ReservationQuery> next = Optional.of(first.withPageSize(1000));
    while (next.isPresent()) {
      Page<Reservation> page = engine.list(next.get());
      page.items().stream().filter(filter).map(r -> r.sid().toString()).forEach(out::add);
      next = page.nextPage();
    }
    return out;
  }

  @Test
  void taskReservationReader_multiPageList_iteratesEveryReservationOnce() {
    WorkspaceSid ws = new WorkspaceSid(1, 2);
    TaskSid task = new TaskSid(3, 4);
    ReservationEngine engine = busyEngine(ws, task, new WorkerSid(5, 6));
    EngineHttpClient http = new EngineHttpClient(engine);
    TwilioRestClient client = client(http);
    ReservationQuery all = ReservationQuery.forTask(ws, task);

    List<String> read =
        sids(
            com.twilio.rest.taskrouter.v1.workspace.task.Reservation.reader(
                    ws.toString(), task.toString())
                .setPageSize(5L)
                .read(client),
            com.twilio.rest.taskrouter.v1.workspace.task.Reservation::getSid);
    assertEquals(expected(engine, all, r -> true), read);
    assertEquals(37, read.size());
    assertEquals(8, http.urls.size()); // 37 = 7 pages of 5 and one of 2
    assertTrue(http.urls.get(1).contains("PageToken=PA"), http.urls.get(1));

    read =
        sids(
            com.twilio.rest.taskrouter.v1.workspace.task.Reservation.reader(
                    ws.toString(), task.toString())
                .setReservationStatus(
                    com.twilio.rest.taskrouter.v1.workspace.task.Reservation.Status.PENDING)
                .setPageSize(4L)
                .read(client),
            com.twilio.rest.taskrouter.v1.workspace.task.Reservation::getSid);
    assertEquals(expected(engine, all.withStatus(ReservationStatus.PENDING), r -> true), read);
    assertEquals(24, read.size());

    WorkerSid someone = new WorkerSid(7, 10);
    read =
        sids(
            com.twilio.rest.taskrouter.v1.workspace.task.Reservation.reader(
                    ws.toString(), task.toString())
                .setWorkerSid(someone.toString())
                .setPageSize(2L)
                .read(client),
            com.twilio.rest.taskrouter.v1.workspace.task.Reservation::getSid);
    assertEquals(expected(engine, all.withWorker(someone), r -> true), read);
    assertEquals(1, read.size());
  }

  @Test
  void workerReservationReader_multiPageList_iteratesEveryReservationOnce() {
    WorkspaceSid ws = new WorkspaceSid(1, 2);
    WorkerSid worker = new WorkerSid(5, 6);
    ReservationEngine engine = busyEngine(ws, new TaskSid(3, 4), worker);
    EngineHttpClient http = new EngineHttpClient(engine);
    TwilioRestClient client = client(http);
    ReservationQuery all = ReservationQuery.forWorker(ws, worker);

    List<com.twilio.rest.taskrouter.v1.workspace.worker.Reservation> records = new ArrayList<>();
    com.twilio.rest.taskrouter.v1.workspace.worker.Reservation.reader(
            ws.toString(), worker.toString())
        .setPageSize(3L)
        .read(client)
        .forEach(records::add);
    assertEquals(
        expected(engine, all, r -> true),
        sids(records, com.twilio.rest.taskrouter.v1.workspace.worker.Reservation::getSid));
    assertEquals(37, records.size());
    for (com.twilio.rest.taskrouter.v1.workspace.worker.Reservation theirs : records) {
      assertSame(engine.get(ReservationSid.parse(theirs.getSid())), theirs);
    }

    List<String> accepted =
        sids(
            com.twilio.rest.taskrouter.v1.workspace.worker.Reservation.reader(
                    ws.toString(), worker.toString())
                .setReservationStatus(
                    com.twilio.rest.taskrouter.v1.workspace.worker.Reservation.Status.ACCEPTED)
                .setPageSize(2L)
                .read(client),
            com.twilio.rest.taskrouter.v1.workspace.worker.Reservation::getSid);
    assertEquals(expected(engine, all.withStatus(ReservationStatus.ACCEPTED), r -> true), accepted);
    assertEquals(9, accepted.size());
  }
}
