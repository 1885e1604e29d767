package dev.reservations.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reservations.core.Reservation;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.engine.ReservationEngine;
import dev.reservations.json.TaskRouterJson;
import dev.reservations.query.ReservationQuery;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Found by a hostile probe: a worker name with a lone surrogate came out of the {@code String} and
 * {@code Writer} paths raw (a UTF-8 writer then wrote {@code ?}) but escaped from the {@code
 * OutputStream} path; and names over 65,536 chars were taken and written but could not be read
 * back, with Jackson's own limit message past 262,144. Now {@code reserve} refuses both, so every
 * name an engine holds makes the round trip, and the reader names its limit in both ranges.
 */
class WorkerNameRulesTest {
  private static final WorkspaceSid WS = new WorkspaceSid(0, 1);
  private static final TaskSid TASK = new TaskSid(0, 1);
  private static final WorkerSid WORKER = new WorkerSid(0, 1);

  private final ReservationEngine engine = ReservationEngine.builder().seed(3).build();

  @Test
  void reserve_loneSurrogateInName_throwsIaeAndChangesNothing() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> engine.reserve(WS, TASK, WORKER, "Ann \ud800"));
    assertEquals(
        "worker name must be well-formed UTF-16 text, without an unpaired surrogate: "
            + "Ann \ud800",
        e.getMessage());
    assertEquals(0, engine.size());
    assertEquals(0, engine.list(ReservationQuery.forWorker(WS, WORKER)).items().size());
  }

  @Test
  void reserve_pairedSurrogates_writtenAlikeByEveryPath() {
    engine.reserve(WS, TASK, WORKER, "Ann \ud83d\ude00");
    TaskRouterJson json = TaskRouterJson.create();
    var page = engine.list(ReservationQuery.forTask(WS, TASK));
    StringWriter writer = new StringWriter();
    json.writePage(page, writer);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    json.writePage(page, bytes);
    String viaStream = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(json.readPage(json.writePage(page)), json.readPage(viaStream));
    assertEquals(json.readPage(writer.toString()), json.readPage(viaStream));
    assertEquals("Ann \ud83d\ude00", json.readPage(viaStream).items().get(0).workerName());
  }

  @Test
  void reserve_nameOverTheLimit_throwsIaeNamingTheLimit() {
    String name = "x".repeat(Reservation.MAX_WORKER_NAME_LENGTH + 1);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> engine.reserve(WS, TASK, WORKER, name));
    assertEquals(
        "worker name must be at most 65536 chars, so that TaskRouter's JSON can carry it "
            + "back: 65537 chars",
        e.getMessage());
    assertEquals(0, engine.size());
  }

  @Test
  void reserve_nameAtTheLimit_roundTripsThroughJson() {
    String name = "y".repeat(Reservation.MAX_WORKER_NAME_LENGTH);
    Reservation r = engine.reserve(WS, TASK, WORKER, name);
    TaskRouterJson json = TaskRouterJson.create();
    assertEquals(name, json.readReservation(json.writeTaskReservation(r)).workerName());
  }

  @Test
  void readReservation_nameFarOverTheLimit_messageNamesOurLimit() {
    TaskRouterJson json = TaskRouterJson.create();
    String written = json.writeTaskReservation(engine.reserve(WS, TASK, WORKER, "Ann"));
    String huge = written.replace("\"Ann\"", "\"" + "z".repeat(300_000) + "\"");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> json.readReservation(huge));
    // Jackson checks its own limit only when its text buffer grows, so whether the reader sees
    // the whole string depends on the buffers it recycles; either way the message is ours
    assertTrue(
        List.of(
                "$.worker_name: a string must be at most 65536 chars: 300000 chars",
                "$.worker_name: a string must be at most 65536 chars: more than 262144 chars")
            .contains(e.getMessage()),
        e.getMessage());
  }
}
