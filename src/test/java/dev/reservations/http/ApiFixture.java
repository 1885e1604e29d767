package dev.reservations.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reservations.core.Reservation;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.engine.ReservationEngine;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;

/**
 * An engine on a manual clock with an event log, and a {@link TaskRouterApi} on it whose every
 * answer is checked by {@link SpecConformance}. Sids are made from small numbers, so tests read
 * well: {@code task(3)} is {@code WT000…003}.
 */
public final class ApiFixture {
  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  public static final WorkspaceSid WS = workspace(1);

  public final ManualClock clock = new ManualClock(START);
  public final EventLog events = new EventLog();
  public final ReservationEngine engine;
  public final TaskRouterApi api;

  public ApiFixture() {
    this(dev.reservations.json.TaskRouterJson.DEFAULT_BASE_URL);
  }

  ApiFixture(String baseUrl) {
    engine = ReservationEngine.builder().seed(42).clock(clock).listener(events).build();
    api = TaskRouterApi.builder(engine).baseUrl(baseUrl).clock(clock).eventLog(events).build();
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The answer's body as a JSON tree. */
  static JsonNode tree(TaskRouterApi.Response r) {
    try {
      return MAPPER.readTree(r.bodyText());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + r.bodyText(), e);
    }
  }

  public static WorkspaceSid workspace(int n) {
    return WorkspaceSid.parse(String.format(Locale.ROOT, "WS%032x", n));
  }

  public static TaskSid task(int n) {
    return TaskSid.parse(String.format(Locale.ROOT, "WT%032x", n));
  }

  public static WorkerSid worker(int n) {
    return WorkerSid.parse(String.format(Locale.ROOT, "WK%032x", n));
  }

  public Reservation reserve(int task, int worker) {
    return engine.reserve(WS, task(task), worker(worker), "worker " + worker);
  }

  /** Answers {@code request} and checks the answer against the spec. */
  public TaskRouterApi.Response call(TaskRouterApi.Request request) {
    TaskRouterApi.Response response = api.handle(request);
    String target = request.target();
    int q = target.indexOf('?');
    SpecConformance.get()
        .check(
            request.method(),
            q < 0 ? target : target.substring(0, q),
            response.status(),
            response.bodyText());
    return response;
  }

  public TaskRouterApi.Response get(String target) {
    return call(TaskRouterApi.Request.get(target));
  }

  public TaskRouterApi.Response post(String target, String form) {
    return call(TaskRouterApi.Request.post(target, form));
  }

  public static String taskList(int task) {
    return "/v1/Workspaces/" + WS + "/Tasks/" + task(task) + "/Reservations";
  }

  public static String workerList(int worker) {
    return "/v1/Workspaces/" + WS + "/Workers/" + worker(worker) + "/Reservations";
  }

  public static String onTask(Reservation r) {
    return "/v1/Workspaces/"
        + r.workspaceSid()
        + "/Tasks/"
        + r.taskSid()
        + "/Reservations/"
        + r.sid();
  }

  public static String onWorker(Reservation r) {
    return "/v1/Workspaces/"
        + r.workspaceSid()
        + "/Workers/"
        + r.workerSid()
        + "/Reservations/"
        + r.sid();
  }
}
