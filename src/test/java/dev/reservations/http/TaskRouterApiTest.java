package dev.reservations.http;

import static dev.reservations.http.ApiFixture.WS;
import static dev.reservations.http.ApiFixture.onTask;
import static dev.reservations.http.ApiFixture.onWorker;
import static dev.reservations.http.ApiFixture.task;
import static dev.reservations.http.ApiFixture.taskList;
import static dev.reservations.http.ApiFixture.tree;
import static dev.reservations.http.ApiFixture.worker;
import static dev.reservations.http.ApiFixture.workerList;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationStatus;
import dev.reservations.json.TaskRouterJson;
import dev.reservations.query.Page;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskRouterApiTest {
  private static final String BASE = TaskRouterJson.DEFAULT_BASE_URL;

  private final ApiFixture f = new ApiFixture();

  private static void assertError(TaskRouterApi.Response r, int status, int code, String message) {
    JsonNode body = tree(r);
    assertEquals(status, r.status(), r::bodyText);
    assertEquals(code, body.get("code").asInt(), r::bodyText);
    assertEquals(message, body.get("message").asText());
    assertEquals("https://www.twilio.com/docs/errors/" + code, body.get("more_info").asText());
    assertEquals(status, body.get("status").asInt());
    assertEquals("application/json", r.header("Content-Type").orElseThrow());
  }

  private List<String> sids(TaskRouterApi.Response r) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : tree(r).get("reservations")) {
      out.add(n.get("sid").asText());
    }
    return out;
  }

  // ---- lists ----

  @Test
  void list_taskPath_isTheAdaptersPageWithAbsoluteMetaUrls() {
    Reservation a = f.reserve(1, 1);
    f.reserve(1, 2);
    TaskRouterApi.Response r = f.get(taskList(1) + "?PageSize=1");
    assertEquals(200, r.status());
    Page<Reservation> page =
        f.engine.list(dev.reservations.query.ReservationQuery.forTask(WS, task(1)).withPageSize(1));
    assertEquals(TaskRouterJson.create().writePage(page), r.bodyText());
    JsonNode meta = tree(r).get("meta");
    assertEquals(BASE + taskList(1) + "?PageSize=1&Page=0", meta.get("first_page_url").asText());
    assertTrue(
        meta.get("next_page_url")
            .asText()
            .startsWith(BASE + taskList(1) + "?PageSize=1&Page=1&PageToken=PA"),
        meta::toString);
    assertEquals(List.of(a.sid().toString()), sids(r));
  }

  @Test
  void list_parametersInAnyOrderLastWins_decodesPercentAndPlus() {
    f.reserve(1, 1);
    Reservation accepted = f.engine.accept(f.reserve(1, 2).sid());
    String a =
        f.get(taskList(1) + "?ReservationStatus=accepted&PageSize=50&WorkerSid=" + worker(2))
            .bodyText();
    String b =
        f.get(
                taskList(1)
                    + "?PageSize=7&WorkerSid="
                    + worker(2)
                    + "&ReservationStatus=pending&ReservationStatus=%61ccepted&PageSize=50")
            .bodyText();
    assertEquals(a, b);
    assertEquals(
        List.of(accepted.sid().toString()),
        sids(f.get(taskList(1) + "?Reservation%53tatus=accepted")));
    JsonNode meta =
        tree(f.get(
                taskList(1)
                    + "?PageSize=%32&WorkerSid="
                    + worker(2)
                    + "&ReservationStatus=accepted"))
            .get("meta");
    assertEquals(
        BASE
            + taskList(1)
            + "?ReservationStatus=accepted&WorkerSid="
            + worker(2)
            + "&PageSize=2&Page=0",
        meta.get("url").asText());
    TaskRouterApi.Response plus = f.get(taskList(1) + "?ReservationStatus=accepted+");
    assertError(
        plus,
        400,
        20001,
        "reservation status must be one of pending, accepted, "
            + "rejected, timeout, canceled, rescinded, wrapping, completed: accepted ");
  }

  @Test
  void list_workerPath_filtersByStatus() {
    Reservation first = f.reserve(1, 9);
    Reservation second = f.reserve(2, 9);
    f.engine.reject(second.sid());
    assertEquals(
        List.of(first.sid().toString(), second.sid().toString()), sids(f.get(workerList(9))));
    assertEquals(
        List.of(second.sid().toString()),
        sids(f.get(workerList(9) + "?ReservationStatus=rejected")));
    String url = tree(f.get(workerList(9))).get("reservations").get(0).get("url").asText();
    assertEquals(BASE + onWorker(first), url);
  }

  @Test
  void list_walkingNextPageUrls_seesEveryMatchOnce() {
    List<String> all = new ArrayList<>();
    for (int w = 1; w <= 7; w++) {
      all.add(f.reserve(1, w).sid().toString());
    }
    all.sort(null); // one instant on the manual clock: list order is sid order
    for (int size : new int[] {1, 2, 3, 7, 50}) {
      List<String> seen = new ArrayList<>();
      String next = taskList(1) + "?PageSize=" + size;
      while (next != null) {
        TaskRouterApi.Response r = f.get(next);
        seen.addAll(sids(r));
        JsonNode url = tree(r).get("meta").get("next_page_url");
        next = url.isNull() ? null : url.asText().substring(BASE.length());
      }
      assertEquals(all, seen, "page size " + size);
    }
  }

  @Test
  void list_unknownTask_isAnEmptyPage() {
    TaskRouterApi.Response r = f.get(taskList(77));
    assertEquals(200, r.status());
    assertEquals(List.of(), sids(r));
  }

  @Test
  void list_pageSizeOver1000_is20007() {
    assertError(
        f.get(taskList(1) + "?PageSize=1001"),
        400,
        20007,
        "page size must be between 1 and 1000: 1001");
  }

  @Test
  void list_badParameters_are20001() {
    assertError(
        f.get(taskList(1) + "?PageSize=0"), 400, 20001, "page size must be between 1 and 1000: 0");
    assertError(
        f.get(taskList(1) + "?PageSize=ten"),
        400,
        20001,
        "PageSize must be a decimal 32-bit integer: ten");
    assertError(f.get(taskList(1) + "?Page=-1"), 400, 20001, "page must be 0 or more: -1");
    assertError(
        f.get(taskList(1) + "?Limit=5"),
        400,
        20001,
        "query parameter must be one of ReservationStatus, WorkerSid, PageSize, Page, "
            + "PageToken: Limit");
    assertError(
        f.get(workerList(1) + "?WorkerSid=" + worker(2)),
        400,
        20001,
        "query parameter must be one of ReservationStatus, PageSize, Page, PageToken: "
            + "WorkerSid");
    assertError(
        f.get(taskList(1) + "?WorkerSid=WT" + "0".repeat(32)),
        400,
        20001,
        "worker sid must match ^WK[0-9a-fA-F]{32}$: WT" + "0".repeat(32));
    assertError(
        f.get(taskList(1) + "?PageSize=%zz"),
        400,
        20001,
        "a percent escape must be % and two hex digits: %zz");
    assertError(
        f.get(taskList(1) + "?PageToken=%ff%fe"),
        400,
        20001,
        "a percent-encoded value must spell UTF-8 bytes: %ff%fe");
  }

  @Test
  void list_badOrForeignToken_is21481() {
    for (int w = 1; w <= 3; w++) {
      f.reserve(1, w);
    }
    String next =
        tree(f.get(taskList(1) + "?PageSize=1")).get("meta").get("next_page_url").asText();
    String token = next.substring(next.indexOf("PageToken=") + 10);
    TaskRouterApi.Response garbled = f.get(taskList(1) + "?PageToken=PAxyz");
    assertEquals(400, garbled.status());
    assertEquals(21481, tree(garbled).get("code").asInt());
    TaskRouterApi.Response foreign = f.get(taskList(2) + "?PageToken=" + token);
    assertEquals(400, foreign.status());
    assertEquals(21481, tree(foreign).get("code").asInt());
    assertTrue(
        tree(foreign).get("message").asText().endsWith(": " + token), () -> foreign.bodyText());
  }

  // ---- fetch ----

  @Test
  void fetch_bothPaths_answerTheReservationWithItsETag() {
    Reservation r = f.engine.accept(f.reserve(1, 1).sid());
    TaskRouterApi.Response onTaskPath = f.get(onTask(r));
    assertEquals(200, onTaskPath.status());
    assertEquals("\"1\"", onTaskPath.header("ETag").orElseThrow());
    assertEquals(TaskRouterJson.create().writeTaskReservation(r), onTaskPath.bodyText());
    TaskRouterApi.Response onWorkerPath = f.get(onWorker(r));
    assertEquals(TaskRouterJson.create().writeWorkerReservation(r), onWorkerPath.bodyText());
    assertEquals("\"1\"", onWorkerPath.header("etag").orElseThrow());
  }

  @Test
  void fetch_underAnotherTaskWorkerOrWorkspace_is404() {
    Reservation r = f.reserve(1, 1);
    String other = "/v1/Workspaces/" + WS + "/Tasks/" + task(2) + "/Reservations/" + r.sid();
    assertError(f.get(other), 404, 20404, "the requested resource " + other + " was not found");
    assertEquals(
        404,
        f.get("/v1/Workspaces/" + WS + "/Workers/" + worker(2) + "/Reservations/" + r.sid())
            .status());
    assertEquals(
        404,
        f.get(
                "/v1/Workspaces/"
                    + ApiFixture.workspace(2)
                    + "/Tasks/"
                    + task(1)
                    + "/Reservations/"
                    + r.sid())
            .status());
  }

  @Test
  void fetch_unknownOrWrongKindSids_are404() {
    Reservation r = f.reserve(1, 1);
    String unknown = onTask(r).replace(r.sid().toString(), "WR" + "f".repeat(32));
    assertError(f.get(unknown), 404, 20404, "the requested resource " + unknown + " was not found");
    String wrongKind = onTask(r).replace(r.sid().toString(), "WK" + "f".repeat(32));
    assertEquals(404, f.get(wrongKind).status());
    assertEquals(404, f.get(onTask(r).replace("/Tasks/WT", "/Tasks/WK")).status());
    assertEquals(404, f.get(onTask(r).replace("/Workspaces/WS", "/Workspaces/AC")).status());
    assertEquals(404, f.get(onTask(r) + "/").status());
    assertEquals(404, f.get("/v1/Workspaces/" + WS + "/Tasks/" + task(1)).status());
    assertEquals(404, f.get("/").status());
  }

  @Test
  void fetch_withQuery_is400() {
    Reservation r = f.reserve(1, 1);
    assertError(
        f.get(onTask(r) + "?x=1"), 400, 20001, "a reservation's URL takes no query parameter: x=1");
  }

  // ---- methods ----

  @Test
  void wrongMethod_is405WithAllow() {
    Reservation r = f.reserve(1, 1);
    TaskRouterApi.Response list =
        f.call(new TaskRouterApi.Request("POST", taskList(1), Map.of(), new byte[0]));
    assertError(list, 405, 20004, "method must be GET on this path: POST");
    assertEquals("GET", list.header("Allow").orElseThrow());
    TaskRouterApi.Response one =
        f.call(new TaskRouterApi.Request("DELETE", onTask(r), Map.of(), new byte[0]));
    assertError(one, 405, 20004, "method must be GET or POST on this path: DELETE");
    assertEquals("GET, POST", one.header("Allow").orElseThrow());
    assertEquals(
        405, f.call(new TaskRouterApi.Request("get", onTask(r), Map.of(), new byte[0])).status());
  }

  // ---- update ----

  @Test
  void update_reservationStatus_movesItAndAnswersTheNewETag() {
    Reservation r = f.reserve(1, 1);
    TaskRouterApi.Response accepted = f.post(onTask(r), "ReservationStatus=accepted");
    assertEquals(200, accepted.status());
    assertEquals("accepted", tree(accepted).get("reservation_status").asText());
    assertEquals("\"1\"", accepted.header("ETag").orElseThrow());
    TaskRouterApi.Response wrapping = f.post(onWorker(r), "ReservationStatus=wrapping");
    assertEquals("wrapping", tree(wrapping).get("reservation_status").asText());
    assertEquals(BASE + onWorker(r), tree(wrapping).get("url").asText());
    f.post(onTask(r), "ReservationStatus=completed");
    assertEquals(ReservationStatus.COMPLETED, f.engine.get(r.sid()).status());
  }

  @Test
  void update_acceptRescindsTheOthers_andSecondAcceptIs409() {
    Reservation a = f.reserve(1, 1);
    Reservation b = f.reserve(1, 2);
    f.post(onTask(a), "ReservationStatus=accepted");
    assertEquals(ReservationStatus.RESCINDED, f.engine.get(b.sid()).status());
    assertError(
        f.post(onTask(b), "ReservationStatus=accepted"),
        409,
        20409,
        "reservation "
            + b.sid()
            + " cannot move from rescinded to accepted: allowed moves are "
            + "pending to accepted, rejected, timeout, canceled or rescinded; accepted to "
            + "wrapping or completed; wrapping to completed; update takes only accepted, "
            + "rejected, wrapping or completed");
  }

  @Test
  void update_notClientSettableOrUnknownStatus_is409Or400() {
    Reservation r = f.reserve(1, 1);
    assertEquals(409, f.post(onTask(r), "ReservationStatus=timeout").status());
    assertEquals(409, f.post(onTask(r), "ReservationStatus=pending").status());
    assertError(
        f.post(onTask(r), "ReservationStatus=Accepted"),
        400,
        20001,
        "reservation status must be one of pending, accepted, rejected, timeout, canceled, "
            + "rescinded, wrapping, completed: Accepted");
    assertEquals(0, f.engine.get(r.sid()).version());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "\"0\"", "W/\"0\"", "*", " \"0\" "})
  void update_ifMatchCurrentVersion_moves(String ifMatch) {
    Reservation r = f.reserve(1, 1);
    TaskRouterApi.Response answer =
        f.call(
            TaskRouterApi.Request.post(onTask(r), "ReservationStatus=rejected")
                .withHeader("If-Match", ifMatch));
    assertEquals(200, answer.status(), answer::bodyText);
    assertEquals(ReservationStatus.REJECTED, f.engine.get(r.sid()).status());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "\"7\"", "W/\"1\""})
  void update_ifMatchStale_is412AndChangesNothing(String ifMatch) {
    Reservation r = f.reserve(1, 1);
    TaskRouterApi.Response answer =
        f.call(
            TaskRouterApi.Request.post(onTask(r), "ReservationStatus=accepted")
                .withHeader("If-Match", ifMatch));
    String expected = ifMatch.replaceAll("[^0-9]", "");
    assertError(
        answer,
        412,
        20412,
        "reservation " + r.sid() + " is at version 0, not the expected version " + expected);
    assertEquals(r, f.engine.get(r.sid()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "-1", "\"1", "W/1", "\"1\", \"2\"", "99999999999999999999"})
  void update_ifMatchMalformed_is400(String ifMatch) {
    Reservation r = f.reserve(1, 1);
    TaskRouterApi.Response answer =
        f.call(
            TaskRouterApi.Request.post(onTask(r), "ReservationStatus=accepted")
                .withHeader("If-Match", ifMatch));
    assertError(
        answer, 400, 20001, "If-Match must be a version N, \"N\", W/\"N\" or *: " + ifMatch.trim());
    assertEquals(r, f.engine.get(r.sid()));
  }

  @Test
  void update_staleIfMatchOnIllegalMove_is412First() {
    Reservation r = f.engine.reject(f.reserve(1, 1).sid());
    TaskRouterApi.Response answer =
        f.call(
            TaskRouterApi.Request.post(onTask(r), "ReservationStatus=accepted")
                .withHeader("If-Match", "0"));
    assertEquals(412, answer.status());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Instruction=dequeue",
        "Instruction=conference&To=client:alice",
        "Instruction=call&CallAccept=true&CallUrl=https://example.com/x",
        "Instruction=redirect&RedirectAccept=TRUE&RedirectCallSid=CA"
            + "0123456789abcdef0123456789abcdef"
            + "&RedirectUrl=https://example.com/x"
      })
  void update_acceptingInstruction_acceptsAPendingReservation(String form) {
    Reservation r = f.reserve(1, 1);
    TaskRouterApi.Response answer = f.post(onTask(r), form);
    assertEquals(200, answer.status(), answer::bodyText);
    assertEquals("accepted", tree(answer).get("reservation_status").asText());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Instruction=call&CallUrl=https://example.com/x",
        "Instruction=call&CallAccept=false",
        "Instruction=redirect&RedirectAccept=false"
      })
  void update_instructionWithoutAccept_leavesItPending(String form) {
    Reservation r = f.reserve(1, 1);
    TaskRouterApi.Response answer = f.post(onTask(r), form);
    assertEquals(200, answer.status(), answer::bodyText);
    assertEquals(r, f.engine.get(r.sid()));
    assertEquals("\"0\"", answer.header("ETag").orElseThrow());
  }

  @Test
  void update_instructionOnAcceptedReservation_is409() {
    Reservation r = f.engine.accept(f.reserve(1, 1).sid());
    assertEquals(409, f.post(onTask(r), "Instruction=dequeue").status());
    assertError(
        f.post(onTask(r), "Instruction=call"),
        409,
        20409,
        "an instruction needs a pending reservation: " + r.sid() + " is accepted");
  }

  @Test
  void update_badInstructions_are400() {
    Reservation r = f.reserve(1, 1);
    assertError(
        f.post(onTask(r), "Instruction=supervise"),
        400,
        20001,
        "instruction must be one of dequeue, call, redirect, conference (supervise is not "
            + "served): supervise");
    assertError(
        f.post(onTask(r), "Instruction=dequeue&ReservationStatus=accepted"),
        400,
        20001,
        "an update takes a ReservationStatus or an Instruction, not both: accepted and dequeue");
    assertError(
        f.post(onTask(r), "Instruction=call&CallAccept=yes"),
        400,
        20001,
        "CallAccept must be true or false: yes");
    assertError(
        f.post(onTask(r), "Instruction=dequeue&DequeueTimeout=soon"),
        400,
        20001,
        "DequeueTimeout must be a decimal 32-bit integer: soon");
    assertEquals(r, f.engine.get(r.sid()));
  }

  @Test
  void update_workerActivitySid_isCheckedThenIgnored() {
    Reservation r = f.reserve(1, 1);
    String activity = "WA" + "1".repeat(32);
    TaskRouterApi.Response ok =
        f.post(onTask(r), "ReservationStatus=rejected&WorkerActivitySid=" + activity);
    assertEquals("rejected", tree(ok).get("reservation_status").asText());
    Reservation s = f.reserve(2, 1);
    assertError(
        f.post(onTask(s), "ReservationStatus=rejected&WorkerActivitySid=WK1"),
        400,
        20001,
        "WorkerActivitySid must match ^WA[0-9a-fA-F]{32}$: WK1");
    assertEquals(s, f.engine.get(s.sid()));
  }

  @Test
  void update_unknownParameter_is400_supervisorOnlyOnTaskPath() {
    Reservation r = f.reserve(1, 1);
    TaskRouterApi.Response unknown = f.post(onTask(r), "Status=accepted");
    assertEquals(400, unknown.status());
    assertTrue(
        tree(unknown)
            .get("message")
            .asText()
            .startsWith(
                "update parameter must be one of ReservationStatus, WorkerActivitySid, Instruction,"
                    + " "));
    assertTrue(tree(unknown).get("message").asText().endsWith(": Status"));
    assertEquals(200, f.post(onTask(r), "SupervisorMode=monitor").status());
    assertEquals(400, f.post(onWorker(r), "SupervisorMode=monitor").status());
  }

  @Test
  void update_repeatedKeysAndCharsets_areAccepted() {
    Reservation r = f.reserve(1, 1);
    for (String type :
        List.of(
            "application/x-www-form-urlencoded; charset=UTF-8",
            "Application/X-WWW-Form-Urlencoded;charset=\"utf-8\"",
            "application/x-www-form-urlencoded")) {
      TaskRouterApi.Response answer =
          f.call(
              new TaskRouterApi.Request(
                  "POST",
                  onTask(r),
                  Map.of("Content-Type", List.of(type)),
                  ("StatusCallbackEvent=ringing&StatusCallbackEvent=answered")
                      .getBytes(StandardCharsets.UTF_8)));
      assertEquals(200, answer.status(), type);
    }
    TaskRouterApi.Response last =
        f.post(onTask(r), "ReservationStatus=rejected&ReservationStatus=accepted");
    assertEquals("accepted", tree(last).get("reservation_status").asText());
  }

  @Test
  void update_noChange_answersTheReservationAfterIfMatch() {
    Reservation r = f.reserve(1, 1);
    assertEquals(200, f.post(onTask(r), "").status());
    assertEquals(
        412,
        f.call(TaskRouterApi.Request.post(onTask(r), "").withHeader("If-Match", "3")).status());
    assertEquals(r, f.engine.get(r.sid()));
    assertEquals(
        200, f.call(new TaskRouterApi.Request("POST", onTask(r), Map.of(), new byte[0])).status());
  }

  @Test
  void update_notAForm_is415() {
    Reservation r = f.reserve(1, 1);
    byte[] json = "{\"ReservationStatus\":\"accepted\"}".getBytes(StandardCharsets.UTF_8);
    assertError(
        f.call(
            new TaskRouterApi.Request(
                "POST", onTask(r), Map.of("Content-Type", List.of("application/json")), json)),
        415,
        20001,
        "Content-Type must be application/x-www-form-urlencoded: application/json");
    assertError(
        f.call(new TaskRouterApi.Request("POST", onTask(r), Map.of(), json)),
        415,
        20001,
        "a request body must be a form, with Content-Type: application/x-www-form-urlencoded");
    assertError(
        f.call(
            new TaskRouterApi.Request(
                "POST",
                onTask(r),
                Map.of(
                    "Content-Type", List.of("application/x-www-form-urlencoded; charset=latin1")),
                json)),
        415,
        20001,
        "a form's charset must be UTF-8 or US-ASCII: latin1");
    assertError(
        f.call(
            new TaskRouterApi.Request(
                "POST",
                onTask(r),
                Map.of("Content-Type", List.of("application/x-www-form-urlencoded")),
                new byte[] {(byte) 0xff, 'a'})),
        400,
        20001,
        "a form body must be UTF-8 text");
    assertEquals(r, f.engine.get(r.sid()));
  }

  // ---- limits ----

  @Test
  void limits_pastThem_are414_431_413_andChangeNothing() {
    Reservation r = f.reserve(1, 1);
    TaskRouterApi.Response longTarget =
        f.get(taskList(1) + "?PageToken=" + "a".repeat(TaskRouterApi.MAX_TARGET_LENGTH));
    assertEquals(414, longTarget.status());
    TaskRouterApi.Request many =
        TaskRouterApi.Request.post(onTask(r), "ReservationStatus=accepted");
    for (int i = 0; i < TaskRouterApi.MAX_HEADERS; i++) {
      many = many.withHeader("X-H" + i, "v");
    }
    assertError(
        f.call(many),
        431,
        20001,
        "request headers must be at most 100 fields and "
            + "16384 chars: 101 fields, "
            + (12 + 33 + 10 * 5 + 90 * 6)
            + " chars");
    TaskRouterApi.Response big =
        f.call(
            TaskRouterApi.Request.post(
                onTask(r),
                "ReservationStatus=accepted&To=" + "x".repeat(TaskRouterApi.MAX_BODY_BYTES)));
    assertError(big, 413, 20001, "request body must be at most 65536 bytes: 65566");
    TaskRouterApi.Response header =
        f.call(
            TaskRouterApi.Request.post(onTask(r), "ReservationStatus=accepted")
                .withHeader("X-Big", "y".repeat(16_384)));
    assertEquals(431, header.status());
    assertEquals(r, f.engine.get(r.sid()));
  }

  // ---- auth ----

  @Test
  void auth_withToken_refusesWrongOrMissingCredentials() {
    TaskRouterApi api = TaskRouterApi.builder(f.engine).authToken("s3cret").build();
    Reservation r = f.reserve(1, 1);
    String good =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (f.engine.accountSid() + ":s3cret").getBytes(StandardCharsets.UTF_8));
    String bad =
        "Basic " + Base64.getEncoder().encodeToString("AC:wrong".getBytes(StandardCharsets.UTF_8));
    assertEquals(
        200,
        api.handle(TaskRouterApi.Request.get(onTask(r)).withHeader("Authorization", good))
            .status());
    for (TaskRouterApi.Request refused :
        List.of(
            TaskRouterApi.Request.get(onTask(r)),
            TaskRouterApi.Request.get(onTask(r)).withHeader("Authorization", bad),
            TaskRouterApi.Request.get(onTask(r)).withHeader("Authorization", "Basic !!!"),
            TaskRouterApi.Request.get(onTask(r)).withHeader("Authorization", "Bearer s3cret"),
            TaskRouterApi.Request.post("/__admin/Tasks/" + task(1) + "/Cancel", ""))) {
      TaskRouterApi.Response answer = api.handle(refused);
      SpecConformance.get()
          .check(refused.method(), refused.target(), answer.status(), answer.bodyText());
      assertError(
          answer,
          401,
          20003,
          "authenticate: this server takes HTTP Basic "
              + "credentials whose password is its auth token");
      assertEquals("Basic realm=\"TaskRouter\"", answer.header("WWW-Authenticate").orElseThrow());
    }
    assertEquals(r, f.engine.get(r.sid()));
  }

  @Test
  void auth_byDefault_acceptsAnyCredentialsOrNone() {
    Reservation r = f.reserve(1, 1);
    assertEquals(
        200,
        f.call(
                TaskRouterApi.Request.get(onTask(r))
                    .withHeader("Authorization", "Basic Zm9vOmJhcg=="))
            .status());
    assertEquals(200, f.call(TaskRouterApi.Request.get(onTask(r))).status());
  }

  // ---- the API's own contract ----

  @Test
  void builder_settingTwice_fails() {
    TaskRouterApi.Builder b = TaskRouterApi.builder(f.engine).authToken("a");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> b.authToken("b"));
    assertEquals("authToken must be set at most once", e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> TaskRouterApi.builder(f.engine).baseUrl("ftp://x"));
    assertThrows(
        IllegalArgumentException.class, () -> TaskRouterApi.builder(f.engine).authToken(""));
    assertThrows(NullPointerException.class, () -> f.api.handle(null));
  }

  @Test
  void request_headersAreCaseInsensitiveAndCopied() {
    byte[] body = {1, 2};
    TaskRouterApi.Request r =
        new TaskRouterApi.Request("GET", "/", Map.of("if-match", List.of("1", "2")), body);
    body[0] = 9;
    assertEquals("2", r.header("IF-MATCH").orElseThrow());
    assertEquals(1, r.body()[0]);
    assertFalse(r.header("ETag").isPresent());
    assertEquals(
        r,
        new TaskRouterApi.Request(
            "GET", "/", Map.of("If-Match", List.of("1", "2")), new byte[] {1, 2}));
  }

  @Test
  void response_keptAsText_isTheSameValueAsItsBytes() throws Exception {
    f.engine.reserve(WS, task(1), worker(1), "Zo\u00eb \u4e2d \ud83c\udfa7 \"q\"");
    TaskRouterApi.Response page = f.get(taskList(1));
    TaskRouterApi.Response error = f.get(taskList(1) + "?PageSize=0");
    for (TaskRouterApi.Response r : List.of(page, error)) {
      byte[] bytes = r.body();
      assertEquals(bytes.length, r.bodyLength());
      java.io.ByteArrayOutputStream written = new java.io.ByteArrayOutputStream();
      r.writeBody(written);
      assertArrayEquals(bytes, written.toByteArray());
      assertEquals(new String(bytes, StandardCharsets.UTF_8), r.bodyText());
      TaskRouterApi.Response copy = new TaskRouterApi.Response(r.status(), r.headers(), bytes);
      assertEquals(copy, r);
      assertEquals(r, copy);
      assertEquals(copy.hashCode(), r.hashCode());
      assertEquals(copy.toString(), r.toString());
      bytes[0] = 'x';
      assertEquals('{', r.body()[0]);
    }
    assertTrue(
        page.bodyText().contains("\"worker_name\":\"Zo\u00eb \u4e2d \\uD83C\\uDFA7 \\\"q\\\"\""),
        page::bodyText);
  }

  @Test
  void engineFailure_is500NotAClientError() {
    ApiFixture broken = new ApiFixture();
    TaskRouterApi api =
        TaskRouterApi.create(
            dev.reservations.engine.ReservationEngine.builder()
                .listener(
                    e -> {
                      throw new IllegalStateException("listener down");
                    })
                .clock(broken.clock)
                .build());
    TaskRouterApi.Response answer =
        api.handle(
            TaskRouterApi.Request.post(
                "/__admin/Reservations",
                "WorkspaceSid="
                    + WS
                    + "&TaskSid="
                    + task(1)
                    + "&WorkerSid="
                    + worker(1)
                    + "&WorkerName=a"));
    assertError(
        answer,
        500,
        20500,
        "the engine failed on this request: " + "java.lang.IllegalStateException: listener down");
  }
}
