package dev.reservations.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.reservations.core.AccountSid;
import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The spec's examples, rebuilt from our types and written, equal the examples (minus {@code
 * attention}); reading them and writing them back is a fixed point. {@code docs-*} come from the
 * list endpoint's documentation page, {@code openapi-*} from the {@code examples} of TaskRouter's
 * OpenAPI spec ({@code reference/twilio_taskrouter_v1.json}).
 */
class TaskRouterJsonGoldenTest {
  private static final TaskRouterJson JSON = TaskRouterJson.create();

  /** The reservation every example describes. */
  static Reservation doug() {
    return new Reservation(
        ReservationSid.parse("WRaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
        AccountSid.parse("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
        WorkspaceSid.parse("WSaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
        TaskSid.parse("WTaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
        WorkerSid.parse("WKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
        "Doug",
        ReservationStatus.ACCEPTED,
        Instant.parse("2014-05-14T10:50:02Z"),
        Instant.parse("2014-05-15T16:03:42Z"),
        0);
  }

  /** The example's page rebuilt with Page.of and the query parsed from its meta.url. */
  @SuppressWarnings("unchecked")
  private static Page<Reservation> rebuild(String example) {
    Map<String, Object> tree = (Map<String, Object>) JsonTree.parse(example);
    Map<String, Object> meta = (Map<String, Object>) tree.get("meta");
    ReservationQuery query = ReservationQuery.parse((String) meta.get("url"));
    List<Object> rows = (List<Object>) tree.get("reservations");
    List<Reservation> items = rows.isEmpty() ? List.of() : List.of(doug());
    return Page.of(query, items, null, null);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "docs-task-list-full.json",
        "docs-task-list-empty.json",
        "openapi-task-list-full.json",
        "openapi-task-list-empty.json",
        "openapi-worker-list-full.json",
        "openapi-worker-list-empty.json"
      })
  void writePage_rebuiltExample_equalsExampleWithoutAttention(String name) {
    String example = JsonTree.resource(name);
    String written = JSON.writePage(rebuild(example));
    assertEquals(JsonTree.withoutAttention(JsonTree.parse(example)), JsonTree.parse(written));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "openapi-task-list-full.json",
        "openapi-task-list-empty.json",
        "openapi-worker-list-full.json",
        "openapi-worker-list-empty.json"
      })
  void writePage_openApiExample_isByteForByteTheCompactExample(String name) {
    String example = JsonTree.resource(name);
    assertEquals(JsonTree.compact(example), JSON.writePage(rebuild(example)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"openapi-task-fetch.json", "openapi-task-update.json"})
  void writeTaskReservation_example_isTheCompactExample(String name) {
    String example = JsonTree.resource(name);
    assertEquals(JsonTree.compact(example), JSON.writeTaskReservation(doug()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"openapi-worker-fetch.json", "openapi-worker-update.json"})
  void writeWorkerReservation_example_isTheCompactExample(String name) {
    String example = JsonTree.resource(name);
    assertEquals(JsonTree.compact(example), JSON.writeWorkerReservation(doug()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "docs-task-list-full.json",
        "docs-task-list-empty.json",
        "openapi-task-list-full.json",
        "openapi-task-list-empty.json",
        "openapi-worker-list-full.json",
        "openapi-worker-list-empty.json"
      })
  void readPage_example_isTheRebuiltPageAndAFixedPoint(String name) {
    String example = JsonTree.resource(name);
    Page<Reservation> read = JSON.readPage(example);
    assertEquals(rebuild(example), read);
    String written = JSON.writePage(read);
    assertEquals(read, JSON.readPage(written));
    assertEquals(written, JSON.writePage(JSON.readPage(written)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "openapi-task-fetch.json",
        "openapi-task-update.json",
        "openapi-worker-fetch.json",
        "openapi-worker-update.json"
      })
  void readReservation_example_isDoug(String name) {
    assertEquals(doug(), JSON.readReservation(JsonTree.resource(name)));
  }

  @Test
  void writePage_taskPageWithLinks_writesAbsoluteLinksAndTheTokenInUrl() {
    ReservationQuery query =
        ReservationQuery.forTask(doug().workspaceSid(), doug().taskSid())
            .withStatus(ReservationStatus.ACCEPTED)
            .withPageSize(1)
            .withPage(1)
            .withPageToken("PAabc");
    Page<Reservation> page =
        Page.of(
            query,
            List.of(doug()),
            query.withPage(2).withPageToken("PAdef"),
            query.withPage(0).withPageToken("PBxyz"));
    String base =
        "https://taskrouter.twilio.com/v1/Workspaces/WSaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            + "/Tasks/WTaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Reservations?ReservationStatus=accepted"
            + "&PageSize=1&Page=";
    String meta =
        "{\"meta\":{\"first_page_url\":\""
            + base
            + "0\",\"key\":\"reservations\","
            + "\"next_page_url\":\""
            + base
            + "2&PageToken=PAdef\",\"page\":1,\"page_size\":1,"
            + "\"previous_page_url\":\""
            + base
            + "0&PageToken=PBxyz\",\"url\":\""
            + base
            + "1&PageToken=PAabc\"},\"reservations\":[";
    String written = JSON.writePage(page);
    assertEquals(meta, written.substring(0, meta.length()));
    assertEquals(page, JSON.readPage(written));
  }
}
