package dev.reservations.http;

import static dev.reservations.http.ApiFixture.WS;
import static dev.reservations.http.ApiFixture.task;
import static dev.reservations.http.ApiFixture.tree;
import static dev.reservations.http.ApiFixture.worker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import dev.reservations.engine.ReservationEngine;
import dev.reservations.json.TaskRouterJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminEndpointsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ApiFixture f = new ApiFixture();

  private static void assertError(TaskRouterApi.Response r, int status, int code, String message) {
    assertEquals(status, r.status(), r::bodyText);
    assertEquals(code, tree(r).get("code").asInt());
    assertEquals(message, tree(r).get("message").asText());
  }

  private TaskRouterApi.Response seed(int task, int worker, String extra) {
    return f.post(
        "/__admin/Reservations",
        "WorkspaceSid="
            + WS
            + "&TaskSid="
            + task(task)
            + "&WorkerSid="
            + worker(worker)
            + "&WorkerName=Alice+Smith"
            + extra);
  }

  @Test
  void seed_reservesAndAnswers201WithTheTaskPathJson() {
    TaskRouterApi.Response r = seed(1, 1, "");
    assertEquals(201, r.status());
    Reservation made = f.engine.get(ReservationSid.parse(tree(r).get("sid").asText()));
    assertEquals("Alice Smith", made.workerName());
    assertEquals(TaskRouterJson.create().writeTaskReservation(made), r.bodyText());
    assertEquals("\"0\"", r.header("ETag").orElseThrow());
  }

  @Test
  void seed_timeout_setsTheDeadline() {
    Reservation r =
        f.engine.get(ReservationSid.parse(tree(seed(1, 1, "&Timeout=5")).get("sid").asText()));
    f.clock.advance(Duration.ofSeconds(5));
    assertEquals(ReservationStatus.TIMEOUT, f.engine.get(r.sid()).status());
  }

  @Test
  void seed_badOrMissingValues_are400_rulesAre409() {
    assertError(
        f.post("/__admin/Reservations", "WorkspaceSid=" + WS), 400, 20001, "TaskSid is required");
    assertError(
        seed(1, 1, "&Timeout=0"), 400, 20001, "Timeout must be between 1 and 31536000 seconds: 0");
    assertError(
        seed(1, 1, "&Timeout=x"), 400, 20001, "Timeout must be a decimal 32-bit integer: x");
    assertError(
        seed(1, 1, "&Color=red"),
        400,
        20001,
        "seed parameter must be one of WorkspaceSid, TaskSid, WorkerSid, WorkerName, Timeout: "
            + "Color");
    assertError(
        f.post(
            "/__admin/Reservations",
            "WorkspaceSid=WSx&TaskSid=" + task(1) + "&WorkerSid=" + worker(1) + "&WorkerName=a"),
        400,
        20001,
        "workspace sid must match ^WS[0-9a-fA-F]{32}$: WSx");
    assertEquals(0, f.engine.size());
    seed(1, 1, "");
    TaskRouterApi.Response twice = seed(1, 1, "");
    assertEquals(409, twice.status());
    assertEquals(20409, tree(twice).get("code").asInt());
    TaskRouterApi.Response otherWorkspace =
        f.post(
            "/__admin/Reservations",
            "WorkspaceSid="
                + ApiFixture.workspace(2)
                + "&TaskSid="
                + task(1)
                + "&WorkerSid="
                + worker(5)
                + "&WorkerName=a");
    assertEquals(400, otherWorkspace.status());
    assertEquals(1, f.engine.size());
    assertError(
        f.get("/__admin/Reservations"), 405, 20004, "method must be POST on this path: GET");
  }

  @Test
  void cancel_cancelsPendingAndListsThem_assignedIs409() {
    Reservation a = f.reserve(1, 1);
    Reservation b = f.reserve(1, 2);
    TaskRouterApi.Response r = f.post("/__admin/Tasks/" + task(1) + "/Cancel", "");
    assertEquals(200, r.status());
    assertEquals(2, tree(r).get("reservations").size());
    assertEquals(
        a.sid().toString() + b.sid(),
        tree(r).get("reservations").get(0).get("sid").asText()
            + tree(r).get("reservations").get(1).get("sid").asText());
    assertEquals(ReservationStatus.CANCELED, f.engine.get(a.sid()).status());
    assertEquals(
        0, tree(f.post("/__admin/Tasks/" + task(1) + "/Cancel", "")).get("reservations").size());
    f.engine.accept(f.reserve(2, 1).sid());
    TaskRouterApi.Response assigned = f.post("/__admin/Tasks/" + task(2) + "/Cancel", "");
    assertEquals(409, assigned.status());
    assertEquals(404, f.post("/__admin/Tasks/WK" + "0".repeat(32) + "/Cancel", "").status());
    assertEquals(400, f.post("/__admin/Tasks/" + task(3) + "/Cancel", "Now=1").status());
  }

  @Test
  void clock_advanceAndNow_moveTheClockAndApplyTimeouts() {
    Reservation r = f.reserve(1, 1);
    TaskRouterApi.Response advanced = f.post("/__admin/Clock", "Advance=PT30S");
    assertEquals("{\"now\":\"2026-01-01T00:00:30Z\"}", advanced.bodyText());
    TaskRouterApi.Response now = f.post("/__admin/Clock", "Now=2026-01-01T02:00:00%2B01:00");
    assertEquals("{\"now\":\"2026-01-01T01:00:00Z\"}", now.bodyText());
    assertEquals(Instant.parse("2026-01-01T01:00:00Z"), f.clock.instant());
    // the timeout was applied by the move itself, so the log has it already
    assertEquals("reservation.timeout", f.events.after(1, 10).get(0).event().type().eventName());
    assertEquals(ReservationStatus.TIMEOUT, f.engine.get(r.sid()).status());
  }

  @Test
  void clock_misuse_is400_andASystemClockIs409() {
    assertError(
        f.post("/__admin/Clock", "Advance=-PT1S"),
        400,
        20001,
        "Advance must be zero or more: -PT1S");
    assertError(
        f.post("/__admin/Clock", "Advance=soon"),
        400,
        20001,
        "Advance must be an ISO-8601 duration, such as PT30S: soon");
    assertError(
        f.post("/__admin/Clock", "Now=2025-01-01T00:00:00Z"),
        400,
        20001,
        "the clock must not go back: 2025-01-01T00:00:00Z is before 2026-01-01T00:00:00Z");
    assertError(
        f.post("/__admin/Clock", "Advance=PT1S&Now=2027-01-01T00:00:00Z"),
        400,
        20001,
        "a clock move takes exactly one of Advance (an ISO-8601 duration, such as PT30S) and "
            + "Now (an ISO-8601 instant)");
    assertError(
        f.post("/__admin/Clock", "Advance=PT999999999999H"),
        400,
        20001,
        "the clock must stay at or before 2200-01-01T00:00:00Z: PT999999999999H");
    assertEquals(ApiFixture.START, f.clock.instant());
    TaskRouterApi system = TaskRouterApi.create(ReservationEngine.create());
    TaskRouterApi.Request move = TaskRouterApi.Request.post("/__admin/Clock", "Advance=PT1S");
    TaskRouterApi.Response refused = system.handle(move);
    SpecConformance.get().check("POST", "/__admin/Clock", refused.status(), refused.bodyText());
    assertError(
        refused,
        409,
        20409,
        "the clock is not manual: start the server with --clock "
            + "manual, or give TaskRouterServer.Builder.clock the engine's ManualClock");
  }

  @Test
  void events_areNumberedInCommitOrder_withAfter() {
    Reservation a = f.reserve(1, 1);
    f.reserve(1, 2);
    f.engine.accept(a.sid());
    JsonNode all = tree(f.get("/__admin/Events"));
    assertEquals(4, all.get("events").size());
    assertEquals(
        List.of(
            "reservation.created",
            "reservation.created",
            "reservation.accepted",
            "reservation.rescinded"),
        MAPPER.convertValue(
            all.get("events").findValues("type"),
            MAPPER.getTypeFactory().constructCollectionType(List.class, String.class)));
    JsonNode third = all.get("events").get(2);
    assertEquals(3, third.get("sequence").asInt());
    assertEquals("pending", third.get("previous_status").asText());
    assertEquals("2026-01-01T00:00:00Z", third.get("at").asText());
    assertEquals("accepted", third.get("reservation").get("reservation_status").asText());
    assertEquals(true, all.get("events").get(0).get("previous_status").isNull());
    JsonNode later = tree(f.get("/__admin/Events?After=3"));
    assertEquals(1, later.get("events").size());
    assertEquals(1, later.get("oldest").asInt());
    assertEquals(4, later.get("latest").asInt());
    assertEquals(0, tree(f.get("/__admin/Events?After=99")).get("events").size());
    assertError(
        f.get("/__admin/Events?After=-1"),
        400,
        20001,
        "After must be a sequence number, 0 or more: -1");
    assertError(
        f.get("/__admin/Events?Before=1"),
        400,
        20001,
        "query parameter must be one of After: Before");
  }

  @Test
  void events_withoutALog_is409() {
    TaskRouterApi api = TaskRouterApi.create(f.engine);
    TaskRouterApi.Response r = api.handle(TaskRouterApi.Request.get("/__admin/Events"));
    assertError(
        r,
        409,
        20409,
        "there is no event log: give the engine's builder an EventLog "
            + "as a listener and TaskRouterServer.Builder.eventLog the same log");
  }

  @Test
  void eventLog_isBounded_oldestTellsWhereItStarts() {
    EventLog log = new EventLog(3);
    ReservationEngine engine = ReservationEngine.builder().listener(log).clock(f.clock).build();
    for (int w = 1; w <= 5; w++) {
      engine.reserve(WS, task(1), worker(w), "w");
    }
    assertEquals(5, log.latest());
    assertEquals(3, log.oldest());
    assertEquals(
        List.of(3L, 4L, 5L), log.after(0, 10).stream().map(EventLog.Entry::sequence).toList());
    assertEquals(List.of(5L), log.after(4, 10).stream().map(EventLog.Entry::sequence).toList());
    assertEquals(List.of(3L), log.after(1, 1).stream().map(EventLog.Entry::sequence).toList());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new EventLog(0));
    assertEquals("event log capacity must be between 1 and 1000000: 0", e.getMessage());
  }

  @Test
  void manualClock_neverGoesBack() {
    ManualClock clock = new ManualClock(ApiFixture.START);
    assertEquals(ApiFixture.START.plusSeconds(2), clock.advance(Duration.ofSeconds(2)));
    IllegalArgumentException back =
        assertThrows(IllegalArgumentException.class, () -> clock.set(ApiFixture.START));
    assertEquals(
        "clock must not go back: 2026-01-01T00:00:00Z is before 2026-01-01T00:00:02Z",
        back.getMessage());
    IllegalArgumentException negative =
        assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
    assertEquals("clock advance must be zero or more: PT-1S", negative.getMessage());
  }

  @Test
  void unknownAdminPath_is404() {
    assertError(
        f.get("/__admin/Nope"), 404, 20404, "the requested resource /__admin/Nope was not found");
    assertEquals(404, f.get("/__admin").status());
    assertEquals(
        404,
        f.call(
                new TaskRouterApi.Request(
                    "POST", "/__admin/Tasks/" + task(1), Map.of(), new byte[0]))
            .status());
    assertEquals(400, f.post("/__admin/Clock?Advance=PT1S", "").status());
  }
}
