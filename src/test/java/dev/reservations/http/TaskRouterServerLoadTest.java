package dev.reservations.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.engine.ReservationEngine;
import dev.reservations.json.TaskRouterJson;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Eight client threads over loopback against one {@link TaskRouterServer}, each with a bounded
 * count of requests and the whole run bounded in time: accept races on one task, and list walks
 * while other threads write. Every refused request must be refused by a rule (20409 for the losers
 * of a race); any other failure (an I/O error, a 5xx, an unexpected code) fails the test.
 */
class TaskRouterServerLoadTest {
  private static final int THREADS = 8;
  private static final long TIME_LIMIT_SECONDS = 60;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final WorkspaceSid WS = WorkspaceSid.parse("WS" + "5".repeat(32));
  private static final JsonFactory JSON = new JsonFactory();

  private final ReservationEngine engine =
      ReservationEngine.builder().seed(8).reservationTimeout(Duration.ofHours(1)).build();
  private TaskRouterServer server;
  private TaskRouterJson json;
  private ExecutorService pool;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(REQUEST_TIMEOUT)
          .build();

  @BeforeEach
  void start() throws IOException {
    server = TaskRouterServer.start(engine, 0);
    json = TaskRouterJson.create(server.baseUri().toString());
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(TIME_LIMIT_SECONDS, TimeUnit.SECONDS), "client threads");
    server.close();
  }

  @Test
  void acceptRace_eightClientsPerTask_exactlyOneWinsAndTheOthersGet20409() throws Exception {
    int tasks = 40;
    List<List<Reservation>> offered = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      List<Reservation> offers = new ArrayList<>();
      for (int w = 0; w < THREADS; w++) {
        offers.add(engine.reserve(WS, task(t), worker(w), "worker " + w));
      }
      offered.add(offers);
    }
    // All eight threads send their accept of task t together, then move on to task t + 1.
    CyclicBarrier barrier = new CyclicBarrier(THREADS);
    Map<ReservationSid, Answer> answers = new ConcurrentHashMap<>();
    List<Future<?>> clients = new ArrayList<>();
    for (int w = 0; w < THREADS; w++) {
      int me = w;
      clients.add(
          pool.submit(
              () -> {
                for (int t = 0; t < tasks; t++) {
                  Reservation mine = offered.get(t).get(me);
                  barrier.await(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
                  // Half the threads go through the Task path, half through the Worker path.
                  String path = me % 2 == 0 ? taskPath(mine) : workerPath(mine);
                  answers.put(mine.sid(), post(path, Map.of("ReservationStatus", "accepted")));
                }
                return null;
              }));
    }
    awaitAll(clients);

    for (int t = 0; t < tasks; t++) {
      int winners = 0;
      for (Reservation offer : offered.get(t)) {
        Answer answer = answers.get(offer.sid());
        Reservation now = engine.get(offer.sid());
        if (answer.status() == 200) {
          winners++;
          assertEquals(ReservationStatus.ACCEPTED, json.readReservation(answer.body()).status());
          assertEquals(ReservationStatus.ACCEPTED, now.status(), "the winner's reservation");
        } else {
          assertRefusedByRule(answer, 20409);
          assertEquals(ReservationStatus.RESCINDED, now.status(), "a loser's reservation");
        }
      }
      assertEquals(1, winners, "accepts that won on task " + t);
    }
    assertEquals(tasks, engine.count(ReservationStatus.ACCEPTED));
  }

  @Test
  void listWalks_whileOthersWrite_seeEachStableMatchExactlyOnce() throws Exception {
    WorkerSid walked = worker(0);
    Set<ReservationSid> stableCompleted = new HashSet<>();
    Set<ReservationSid> stableAll = new HashSet<>();
    for (int t = 0; t < 300; t++) {
      Reservation r = engine.reserve(WS, task(t), walked, "walked");
      if (t % 4 == 3) {
        engine.reject(r.sid());
      } else {
        engine.accept(r.sid());
        engine.wrap(r.sid());
        engine.complete(r.sid());
        stableCompleted.add(r.sid());
      }
      stableAll.add(r.sid());
    }
    int writers = 4;
    int writesEach = 40;
    int walkers = THREADS - writers;
    int[] pageSizes = {7, 20, 50};
    CyclicBarrier go = new CyclicBarrier(THREADS);
    ConcurrentLinkedQueue<String> walkFailures = new ConcurrentLinkedQueue<>();
    List<Future<?>> clients = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int me = w;
      clients.add(
          pool.submit(
              () -> {
                go.await(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
                for (int i = 0; i < writesEach; i++) {
                  // New reservations of the walked worker, on new tasks: most run to completed, and
                  // so join the completed filter in the middle of the walks; the others are
                  // rejected.
                  TaskSid task = task(10_000 + me * writesEach + i);
                  Answer created =
                      post(
                          "/__admin/Reservations",
                          Map.of(
                              "WorkspaceSid",
                              WS.toString(),
                              "TaskSid",
                              task.toString(),
                              "WorkerSid",
                              walked.toString(),
                              "WorkerName",
                              "walked"));
                  assertEquals(201, created.status(), created.body());
                  Reservation r = json.readReservation(created.body());
                  List<String> moves =
                      i % 3 == 2
                          ? List.of("rejected")
                          : List.of("accepted", "wrapping", "completed");
                  for (String move : moves) {
                    Answer moved =
                        post(
                            i % 2 == 0 ? taskPath(r) : workerPath(r),
                            Map.of("ReservationStatus", move));
                    assertEquals(200, moved.status(), moved.body());
                  }
                }
                return null;
              }));
    }
    for (int w = 0; w < walkers; w++) {
      int me = w;
      clients.add(
          pool.submit(
              () -> {
                go.await(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
                for (int walk = 0; walk < 6; walk++) {
                  int pageSize = pageSizes[(me + walk) % pageSizes.length];
                  boolean completedOnly = walk % 2 == 0;
                  ReservationQuery first =
                      ReservationQuery.forWorker(WS, walked).withPageSize(pageSize);
                  if (completedOnly) {
                    first = first.withStatus(ReservationStatus.COMPLETED);
                  }
                  List<Reservation> seen = walk(first);
                  Set<ReservationSid> once = new HashSet<>();
                  for (Reservation r : seen) {
                    if (!once.add(r.sid())) {
                      walkFailures.add(first.toUri() + " saw " + r.sid() + " twice");
                    }
                    if (completedOnly && r.status() != ReservationStatus.COMPLETED) {
                      walkFailures.add(first.toUri() + " saw " + r.sid() + " as " + r.status());
                    }
                  }
                  Set<ReservationSid> missing =
                      new HashSet<>(completedOnly ? stableCompleted : stableAll);
                  missing.removeAll(once);
                  if (!missing.isEmpty()) {
                    walkFailures.add(
                        first.toUri() + " missed " + missing.size() + " stable matches");
                  }
                }
                return null;
              }));
    }
    awaitAll(clients);

    assertEquals(List.of(), List.copyOf(walkFailures));
    int created = writers * writesEach;
    assertEquals(
        300 + created,
        engine.list(ReservationQuery.forWorker(WS, walked).withPageSize(1000)).items().size());
  }

  /** Follows {@code meta.next_page_url} from the first page to the last. */
  private List<Reservation> walk(ReservationQuery first) throws IOException, InterruptedException {
    List<Reservation> seen = new ArrayList<>();
    Optional<ReservationQuery> next = Optional.of(first);
    int pages = 0;
    while (next.isPresent()) {
      Answer answer = get(next.get().toUri());
      assertEquals(200, answer.status(), answer.body());
      Page<Reservation> page = json.readPage(answer.body());
      seen.addAll(page.items());
      next = page.nextPage();
      assertTrue(++pages <= 1000, "a walk of over 1000 pages");
    }
    return seen;
  }

  private Answer get(String pathAndQuery) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri(pathAndQuery)).timeout(REQUEST_TIMEOUT).GET().build();
    return send(request);
  }

  private Answer post(String path, Map<String, String> form)
      throws IOException, InterruptedException {
    StringBuilder body = new StringBuilder();
    for (Map.Entry<String, String> e : new HashMap<>(form).entrySet()) {
      if (body.length() > 0) {
        body.append('&');
      }
      body.append(URLEncoder.encode(e.getKey(), UTF_8))
          .append('=')
          .append(URLEncoder.encode(e.getValue(), UTF_8));
    }
    HttpRequest request =
        HttpRequest.newBuilder(uri(path))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    return send(request);
  }

  private Answer send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    Answer answer = new Answer(response.statusCode(), response.body());
    if (answer.status() >= 500) {
      fail(
          request.method()
              + " "
              + request.uri()
              + " got "
              + answer.status()
              + ": "
              + answer.body());
    }
    return answer;
  }

  private URI uri(String pathAndQuery) {
    String base = server.baseUri().toString();
    return URI.create(pathAndQuery.startsWith("http") ? pathAndQuery : base + pathAndQuery);
  }

  private static void assertRefusedByRule(Answer answer, int code) throws IOException {
    Map<String, Object> error = new HashMap<>();
    try (JsonParser parser = JSON.createParser(answer.body())) {
      assertEquals(JsonToken.START_OBJECT, parser.nextToken(), answer.body());
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        error.put(
            name,
            value == JsonToken.VALUE_NUMBER_INT
                ? (Object) parser.getIntValue()
                : parser.getValueAsString());
      }
    }
    assertTrue(answer.status() >= 400 && answer.status() < 500, answer.toString());
    assertEquals(code, error.get("code"), answer.body());
    assertEquals(answer.status(), error.get("status"), answer.body());
    assertEquals("https://www.twilio.com/docs/errors/" + code, error.get("more_info"));
  }

  private static void awaitAll(List<Future<?>> clients) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIME_LIMIT_SECONDS);
    for (Future<?> client : clients) {
      client.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
  }

  private static String taskPath(Reservation r) {
    return "/v1/Workspaces/"
        + r.workspaceSid()
        + "/Tasks/"
        + r.taskSid()
        + "/Reservations/"
        + r.sid();
  }

  private static String workerPath(Reservation r) {
    return "/v1/Workspaces/"
        + r.workspaceSid()
        + "/Workers/"
        + r.workerSid()
        + "/Reservations/"
        + r.sid();
  }

  private static TaskSid task(int n) {
    return TaskSid.parse(String.format(Locale.ROOT, "WT%032x", n));
  }

  private static WorkerSid worker(int n) {
    return WorkerSid.parse(String.format(Locale.ROOT, "WK%032x", n + 0xabc));
  }

  private record Answer(int status, String body) {}
}
